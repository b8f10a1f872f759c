"""Verb lemmas → PLOVER action codes (Political Language Ontology for Verifiable Event Records).

Codes are PLOVER's event types (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT,
REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT) plus DEMAND,
which the project's design names separately from REQUEST (a request that insists). Criticism is
ACCUSE in PLOVER (there is no DISAPPROVE). Verbs whose use is mostly something else ("warn",
"vow": statements; "charge": also legal action) are left out rather than coded wrongly.

General English verbs only. A verb whose code depends on its complement ("offered to give up"
is CONCEDE, "pledged $425 million in aid" is AID) is resolved in events.py.
"""

from __future__ import annotations

VERB_CODES: dict[str, str] = {}


def _add(code: str, *lemmas: str) -> None:
    for lemma in lemmas:
        VERB_CODES[lemma] = code


_add("AGREE", "agree", "accept", "sign", "ratify", "settle", "consent", "approve", "endorse")
_add("CONSULT", "meet", "discuss", "visit", "host", "negotiate", "consult", "confer", "telephone")
_add("SUPPORT", "support", "back", "praise", "welcome", "defend", "recognize", "recognise",
     "commend", "hail", "champion", "applaud")
_add("CONCEDE", "concede", "yield", "compromise", "relent", "abandon", "renounce", "drop", "forgo",
     "cede", "relinquish")
_add("DEMAND", "demand", "urge")
_add("REQUEST", "ask", "request", "appeal", "seek", "plead", "lobby", "invite")
_add("REJECT", "reject", "refuse", "veto", "dismiss", "rebuff", "decline", "oppose", "block", "spurn",
     "snub", "boycott")
_add("ACCUSE", "accuse", "blame", "allege", "criticize", "criticise", "condemn", "denounce", "deplore",
     "slam", "decry")
_add("THREATEN", "threaten")
_add("SANCTION", "sanction", "embargo", "expel", "ban")
_add("AID", "aid", "assist", "provide", "supply", "send", "fund", "deliver", "donate", "help")
_add("ASSAULT", "attack", "strike", "bomb", "shell", "kill", "invade", "seize", "capture", "retake",
     "annex", "occupy", "shoot")
_add("COERCE", "arrest", "detain", "deport", "imprison")
_add("RETREAT", "withdraw", "retreat", "evacuate")
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
# A negated code flips to this one ("did not accept", "did not welcome" are rejections); other
# negated acts ("did not meet", "did not reject") are no event.
NEGATED = {"AGREE": "REJECT", "SUPPORT": "REJECT"}

# Verbs whose complement is not done: "refused to meet", "failed to agree" (the complement is no
# event; the head verb, when it has a code, is the event).
NEGATING_HEADS = frozenset({"refuse", "decline", "fail", "reject", "avoid", "hesitate", "stop", "cease"})
# Verbs whose complement is only intended or asked of someone else: "urged Ukraine to accept"
# (the acceptance has not happened; the urging is the event).
NON_FACTIVE_HEADS = frozenset({
    "urge", "ask", "want", "hope", "plan", "seek", "demand", "call", "press", "push", "expect", "threaten",
    "promise", "pledge", "vow", "propose", "suggest", "intend", "aim", "try", "wish", "request", "need",
})
# "strike a deal" is an agreement, not an assault.
AGREEMENT_NOUNS = frozenset({"deal", "agreement", "accord", "bargain", "compromise", "truce", "ceasefire"})
