"""Events: actor – action – target triples coded on PLOVER, from a verb lexicon over the parse.

An event needs a verb in the lexicon whose subject resolves to an actor *mention* (a Mention
record that is not page furniture such as a section label or a photo credit, a capital acting for
its state, a pronoun whose antecedent is such a mention) on the verb's own line. The subject is
the verb's own or one inherited through an xcomp/conj chain ("Russia and Ukraine agreed to meet
and signed ..."), never through an adverbial clause ("When asked, ..."). Negation: a negated
acceptance or endorsement is a rejection ("did not accept the plan" → REJECT), other negated acts
are no event; the complement of "refused/failed to ..." is not done and that of "urged ... to
accept" only asked, so neither is an event (the head verb is). The target is the verb's object or
the object of its preposition when that is an actor, else the object phrase itself. Evidence is
the sentence (trimmed to its line when page chrome runs into it); the date is the document's, or
an explicit past year/month on the verb ("in 2008, NATO declared ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stanceline.model import Event, Mention
from stanceline.nlp.events import lexicon as lex
from stanceline.nlp.stance.holders import ActorIndex, mentions_from_doc, metonym_state
from stanceline.nlp.stance.polarity import is_negated
from stanceline.nlp.stance.timing import text_date

EVENTS_VERSION = "events-rules-3"  # 3: one event per verb and actor, ids carry the verb

_TARGET_PREPS = {"to", "with", "against", "on", "from", "for", "into", "in"}


def _code(verb: Any) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in lex.OFFER_VERBS:
        for c in verb.children:
            if c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in lex.CONCESSION_COMPLEMENTS:
                return "CONCEDE"
        return "COOPERATE" if lemma == "offer" else None
    if lemma in lex.PLEDGE_VERBS:
        if any(t.lemma_.lower() in lex.AID_NOUNS or t.text == "$" for t in verb.subtree if t.i != verb.i):
            return "AID"
        return "SUPPORT" if lemma in {"pledge", "promise"} else lex.VERB_CODES.get(lemma)
    if lemma == "give" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return "CONCEDE"
    if lemma == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        return "DEMAND"
    if lemma in {"pull", "back"} and any(c.lower_ in {"out", "back"} for c in verb.children):
        return "RETREAT"
    if lemma == "back" and any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"down", "away", "off"}
                               for c in verb.children):
        return "CONCEDE"
    if lemma == "strike" and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.AGREEMENT_NOUNS
                                 for c in verb.children):
        return "AGREE"
    if lemma == "hold" and any(c.dep_ == "dobj" and c.lemma_.lower() in {"talk", "talks", "meeting", "call"}
                               for c in verb.children):
        return "CONSULT"
    if lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return "REJECT"
    if lemma == "speak" and any(c.dep_ == "prep" and c.lower_ == "against" for c in verb.children):
        return "ACCUSE"
    return lex.VERB_CODES.get(lemma)


def _event_subject(verb: Any) -> Any | None:
    """The verb's active subject, or one inherited up an xcomp/conj chain (at most 3 steps)."""
    t = verb
    for _ in range(4):
        subs = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"}]
        if subs:
            s0 = min(subs, key=lambda c: abs(c.i - t.i))
            return s0 if s0.dep_ == "nsubj" else None
        if t.dep_ not in {"xcomp", "conj"} or t.head.i == t.i:
            return None
        if t.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in t.head.children):
            # "urged Ukraine to forget ...": the object, not the subject, would do it
            return None
        t = t.head
    return None


_MODALS = {"would", "could", "might", "may", "can", "should", "must", "ought"}


def _not_done(verb: Any) -> bool:
    """The act is refused, failed, hypothetical ("would endorse", "could attack"), or only asked
    for / intended by the governing verb."""
    t = verb
    while True:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in t.children):
            return True
        if t.dep_ != "conj" or t.head.i == t.i:
            break
        t = t.head
    t = verb
    while t.dep_ in {"xcomp", "ccomp"} and t.head.i != t.i:
        head = t.head.lemma_.lower()
        if head in lex.NEGATING_HEADS or head in lex.NON_FACTIVE_HEADS:
            return True
        t = t.head
    return False


def _target(verb: Any, actors: ActorIndex, actor_key: str) -> tuple[str | None, str | None]:
    cands = [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr"}]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
            cands.extend(g for g in c.children if g.dep_ == "pobj")
    for c in list(cands):  # "held talks with Zelensky", "demanded guarantees from Kyiv"
        for p in c.children:
            if p.dep_ == "prep" and p.lower_ in {"with", "from", "to", "against"}:
                cands.extend(g for g in p.children if g.dep_ == "pobj")
    if not cands:
        for c in verb.children:  # a misparse may hang the object on a complement
            if c.dep_ == "xcomp":
                cands.extend(g for g in c.children if g.dep_ == "dobj")
    for c in cands:
        # the object itself or its owner ("attacked Ukraine's army"); a modifier is not the
        # target ("dropped the NATO bid" acts on the bid, not on NATO)
        owner = next((g for g in c.children if g.dep_ == "poss"), None)
        if c.i in actors.by_token or metonym_state(c.text) is not None or c.lower_ in {"him", "her"}:
            hs = actors.resolve(c, "target")
        elif owner is not None:
            hs = actors.resolve(owner, "target")
        else:
            continue
        hs = [h for h in hs if h.key != actor_key]
        if hs:
            return hs[0].name, hs[0].key
    for c in cands:
        if c.dep_ in {"dobj", "attr", "pobj"} and c.pos_ in {"NOUN", "PROPN"}:
            # the noun phrase with its of-/for- complement ("hopes of Nato membership"), short
            right = c.i
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ in {"of", "for", "on", "to"} and g.i > c.i:
                    right = max(x.i for x in g.subtree)
            left = c.left_edge.i
            if right - left > 8:
                right = c.i
            return c.doc[left:right + 1].text, None
    return None, None


def extract_events(
    *,
    doc_id: str,
    text: str,
    spacy_doc: Any,
    mentions: Sequence[Mention],
    date: str | None,
) -> list[Event]:
    doc = spacy_doc
    actors = ActorIndex(doc, list(mentions) or mentions_from_doc(doc, doc_id), strict=True)
    out: list[Event] = []
    seen: set[tuple[int, str]] = set()
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        code = _code(verb)
        if code is None:
            continue
        if is_negated(verb):
            code = lex.NEGATED.get(code)
            if code is None:
                continue
        if _not_done(verb):
            continue
        if verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            continue  # a passive or bare participle: its subject, if any, is acted upon
        subj = _event_subject(verb)
        if subj is None:
            continue
        how = "subj" if subj.head.i == verb.i else "inherited"
        sent = verb.sent
        start, end = sent.start_char, sent.end_char
        nl = text.rfind("\n", start, verb.idx)
        start = nl + 1 if nl >= 0 else start
        nl = text.find("\n", verb.idx, end)
        end = nl if nl >= 0 else end
        if not start <= subj.idx < end:
            continue  # a heading or a caption glued to the sentence by the parser is no actor
        hs = actors.resolve(subj, "act")
        if not hs:
            continue
        seg = text[start:end]
        start += len(seg) - len(seg.lstrip())
        end = start + len(seg.strip())
        when = text_date(verb, date) or date
        for h in hs:
            if (verb.i, h.key) in seen:
                continue
            seen.add((verb.i, h.key))
            tname, tkey = _target(verb, actors, h.key)
            out.append(Event(
                doc_id=doc_id, actor=h.name, actor_key=h.key, action=code, target=tname, target_key=tkey,
                date=when, evidence=text[start:end], start=start, end=end,
                confidence=0.8 if how == "subj" else 0.7, trigger_start=verb.idx,
            ))
    # One event per verb and actor ("Russia and Belarus attacked ..." is two); Event.id carries
    # both, so two acts of one sentence sharing a verb or a code keep apart in the store.
    return out
