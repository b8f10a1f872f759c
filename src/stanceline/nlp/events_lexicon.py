"""Verb lemmas → PLOVER action codes (Political Language Ontology for Verifiable Event Records).

General English verbs only. A verb whose code depends on its complement ("offered to give up"
is CONCEDE, "pledged $425 million in aid" is AID) is resolved in events.py.
"""

from __future__ import annotations

VERB_CODES: dict[str, str] = {}


def _add(code: str, *lemmas: str) -> None:
    for lemma in lemmas:
        VERB_CODES[lemma] = code


_add("AGREE", "agree", "accept", "sign", "ratify", "settle", "consent", "approve")
_add("CONSULT", "meet", "talk", "discuss", "visit", "host", "negotiate", "consult", "confer", "engage")
_add("SUPPORT", "support", "back", "endorse", "praise", "welcome", "defend", "recognize", "recognise",
     "commend", "hail")
_add("CONCEDE", "concede", "yield", "compromise", "relent", "abandon", "renounce", "drop", "forgo")
_add("DEMAND", "demand", "insist", "urge", "press")
_add("REQUEST", "ask", "request", "appeal", "seek", "plead", "lobby")
_add("REJECT", "reject", "refuse", "veto", "dismiss", "rebuff", "decline", "oppose", "block")
_add("DISAPPROVE", "criticize", "criticise", "condemn", "denounce", "deplore", "object")
_add("THREATEN", "threaten", "warn", "vow")
_add("ACCUSE", "accuse", "blame", "allege", "charge")
_add("SANCTION", "sanction", "embargo", "expel", "ban", "boycott")
_add("AID", "aid", "assist", "provide", "supply", "send", "fund", "deliver", "donate", "help")
_add("ASSAULT", "attack", "strike", "bomb", "shell", "kill", "invade", "seize", "capture", "retake",
     "annex", "occupy", "shoot")
_add("COERCE", "arrest", "detain", "deport", "imprison")
_add("RETREAT", "withdraw", "retreat")
_add("MOBILIZE", "mobilize", "mobilise", "deploy")
_add("PROTEST", "protest")
_add("COOPERATE", "cooperate", "collaborate", "partner")

# Verbs whose code comes from what they govern.
OFFER_VERBS = frozenset({"offer", "propose", "signal"})
PLEDGE_VERBS = frozenset({"pledge", "promise", "announce", "approve"})
AID_NOUNS = frozenset({"aid", "assistance", "weapons", "missiles", "support", "funding", "loan",
                       "equipment", "ammunition", "troops", "money", "package"})
CONCESSION_COMPLEMENTS = frozenset({"abandon", "drop", "give", "pause", "suspend", "renounce",
                                    "set", "postpone", "freeze", "withdraw", "cede", "surrender"})
# A negated code flips to this one ("did not accept" is a rejection); other negated acts are no event.
NEGATED = {"AGREE": "REJECT", "SUPPORT": "DISAPPROVE"}
