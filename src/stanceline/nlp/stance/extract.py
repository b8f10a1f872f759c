"""Positions: who stands where on which issue, in which voice, with the words that say so.

For each issue the document's targets are found (`targets`): the places that mention the
proposition or a part of it, each with a sign. From each target the stance is composed up the
dependency parse to the actors who hold it (`compose`). A reading becomes a position with its
evidence (the clause, `evidence`), its date (the document's, or a past date the text gives the
act, `timing`) and a confidence (`confidence`). One sentence can give positions on several issues
and for several holders. Within a document, one actor's readings on one issue and date are made
to agree (`consolidate`): the stance most of the evidence points to.

A position is only emitted for a reading with a cue: a mention of an issue near an actor, with no
word taking a side, is no position. `neutral` is a reading of abstention or of no position taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from stanceline.model import SPEAKS_FOR, Issue, Mention, Position, Quote
from stanceline.nlp.actors.keys import actor_key
from stanceline.nlp.issues import DocForms
from stanceline.nlp.stance.anaphora import anaphor_targets, elided_targets, silence_targets
from stanceline.nlp.stance.compose import Walker
from stanceline.nlp.stance.confidence import confidence
from stanceline.nlp.stance.consolidate import consolidate
from stanceline.nlp.stance.evidence import evidence_span
from stanceline.nlp.stance.holders import ActorIndex, mentions_from_doc, one_key_per_name
from stanceline.nlp.stance.state import Reading
from stanceline.nlp.stance.targets import find_targets
from stanceline.nlp.stance.timing import text_date

STANCE_VERSION = "stance-compose-4"


def extract_positions(
    *,
    doc_id: str,
    text: str,
    spacy_doc: Any,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    issues: Sequence[Issue],
    date: str | None,
    outlet: str | None = None,
) -> list[Position]:
    """Positions on `issues` in one parsed document (see the module doc)."""
    doc = spacy_doc
    ments = one_key_per_name(list(mentions) or mentions_from_doc(doc, doc_id))
    forms = DocForms(doc)
    actors = ActorIndex(doc, ments, sents=forms.sents, quotes=quotes)
    walker = Walker(doc, actors, list(quotes))
    sents = actors.sents
    best: dict[tuple[str, str, int], Position] = {}
    speaks_for: dict[tuple[str, str, int], str] = {}

    def add(readings: list[Reading], sent: Any) -> None:
        for r in readings:
            p = _position(doc_id, text, doc, sent, r, date, quotes)
            k = (p.issue, p.actor_key, sent.start)
            if k not in best or best[k].confidence < p.confidence:
                best[k] = p
            state = actors.speaks_for.get(r.holder.key)
            if state is not None:
                speaks_for[k] = state

    targets = find_targets(doc, issues, ments, forms)
    acts: dict[tuple[str, int], int] = {}
    for tg in targets:
        sent = sents[tg.sent]
        readings, act = walker.walk(tg)
        if act:
            acts[(tg.issue.name, tg.anchor)] = act
        if not sent.text.rstrip().endswith("?"):  # a question asks; it takes no position
            add(readings, sent)
    for tg in [
        *anaphor_targets(doc, targets, acts, sents),
        *silence_targets(doc, targets, sents),
        *elided_targets(doc, targets, sents),
    ]:
        sent = sents[tg.sent]
        if not sent.text.rstrip().endswith("?"):
            add(walker.readings(tg), sent)
    for k, state in speaks_for.items():
        # What a head of state or government, a minister or a government spokesperson says for
        # their state counts for the state when its stance is followed over time (shift detection
        # runs across the office-holders who speak for it, analyze/timeline.py); the cue names the
        # state. Not where the state holds a reading of its own in the sentence.
        if (k[0], actor_key(state, "GPE"), k[2]) not in best:
            best[k] = replace(best[k], cues=(*best[k].cues, f"{SPEAKS_FOR}{state}"))
    return sorted(consolidate(best.values()), key=lambda p: (p.start, p.actor_key, p.issue))


def _position(
    doc_id: str, text: str, doc: Any, sent: Any, r: Reading, date: str | None, quotes: Sequence[Quote]
) -> Position:
    tg = r.target
    t0, t1 = doc[tg.start], doc[tg.end - 1]
    keep = [(t0.idx, t1.idx + len(t1.text)), *r.spans]
    if sent.start_char <= r.holder.start < sent.end_char:
        keep.append((r.holder.start, r.holder.end))
    if r.verb is not None:
        keep.append((r.verb.idx, r.verb.idx + len(r.verb.text)))
    q = next((q for q in quotes if q.id == r.quote_id and q.kind == "direct"), None)
    if q is not None and q.start <= t0.idx < q.end:
        start, end = q.start, q.end  # a direct quotation is its own evidence
    else:
        start, end = evidence_span(text, doc, sent, keep)
    when = text_date(r.verb, date) or date
    return Position(
        doc_id=doc_id,
        actor=r.holder.name,
        actor_key=r.holder.key,
        issue=tg.issue.name,
        stance=r.stance,
        confidence=confidence(r),
        date=when,
        voice=r.voice,
        evidence=text[start:end],
        start=start,
        end=end,
        quote_id=r.quote_id,
        cues=(f"term:{tg.term}", f"holder:{r.holder.via}", *r.cues),
    )
