"""Events: actor – action – target triples coded on PLOVER, from a verb lexicon over the parse.

An event needs a verb in the lexicon whose subject resolves to an actor (a mention, a capital
acting for its state, a pronoun's antecedent). The target is the verb's object or the object of
its preposition when that is an actor, else the object phrase itself. Evidence is the sentence
(trimmed to its line when page chrome runs into it); the date is the document's, or an explicit
past year/month on the verb ("in 2008, NATO declared ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stanceline.model import Event, Mention
from stanceline.nlp import events_lexicon as lex
from stanceline.nlp.stance import _ActorIndex, _negated_path, _subjects, _text_date, mentions_from_doc

EVENTS_VERSION = "events-rules-1"

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
    return lex.VERB_CODES.get(lemma)


def _target(verb: Any, actors: _ActorIndex, actor_key: str) -> tuple[str | None, str | None]:
    cands = [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr"}]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
            cands.extend(g for g in c.children if g.dep_ == "pobj")
    for c in verb.children:  # "asked NATO to move", "urged Ukraine to forget"
        if c.dep_ == "xcomp":
            cands.extend(g for g in c.children if g.dep_ == "dobj")
    for c in cands:
        hs = actors.resolve(c, "target")
        hs = [h for h in hs if h.key != actor_key]
        if hs:
            return hs[0].name, hs[0].key
    for c in cands:
        if c.dep_ in {"dobj", "attr"} and c.pos_ in {"NOUN", "PROPN"}:
            span = c.doc[c.left_edge.i: c.i + 1]
            return span.text, None
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
    actors = _ActorIndex(doc, list(mentions) or mentions_from_doc(doc, doc_id))
    out: list[Event] = []
    seen: set[tuple[int, str]] = set()
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        code = _code(verb)
        if code is None:
            continue
        if _negated_path(verb, verb):
            code = lex.NEGATED.get(code)
            if code is None:
                continue
        if verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
            continue  # a passive or bare participle: its subject, if any, is acted upon
        subjects = _subjects(verb)
        if not subjects or subjects[0][1] != "subj" or subjects[0][0].dep_ == "nsubjpass":
            continue
        subj, how = subjects[0]
        hs = actors.resolve(subj, "act")
        if not hs:
            continue
        sent = verb.sent
        start, end = sent.start_char, sent.end_char
        nl = text.rfind("\n", start, verb.idx)
        start = nl + 1 if nl >= 0 else start
        nl = text.find("\n", verb.idx, end)
        end = nl if nl >= 0 else end
        seg = text[start:end]
        start += len(seg) - len(seg.lstrip())
        end = start + len(seg.strip())
        when = _text_date(verb, date) or date
        for h in hs:
            if (verb.i, h.key) in seen:
                continue
            seen.add((verb.i, h.key))
            tname, tkey = _target(verb, actors, h.key)
            out.append(Event(
                doc_id=doc_id, actor=h.name, actor_key=h.key, action=code, target=tname, target_key=tkey,
                date=when, evidence=text[start:end], start=start, end=end,
                confidence=0.8 if how == "subj" else 0.7,
            ))
    # Event.id is (doc, span, action): keep one event per id, the first actor in the sentence
    unique: dict[str, Event] = {}
    for e in out:
        unique.setdefault(e.id, e)
    return list(unique.values())
