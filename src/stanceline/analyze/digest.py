"""The digest: a brief in the style of a weekly diplomacy newsletter, built from stored extractions.

Per issue: where each actor stands (their latest position in the period, with its sentence),
who moved (stance shifts), and the notable quotes on it; then the stories of the period. Every
line carries the document id and the anchor of its evidence, so a reader can check it. Nothing
is generated: the words in quotes are the article's own. This module builds the digest's data;
`stanceline.render.digest` writes it as Markdown or HTML.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select

from stanceline.analyze.timeline import detect_shifts
from stanceline.model import Document, Position, Quote, Shift, anchor
from stanceline.store import schema as t
from stanceline.store.db import DocFilter, Store

MAX_ACTORS = 12
MAX_QUOTES = 6
MAX_STORIES = 5
MAX_MOVES = 15
# Quotes are looked for in this many of the most recent documents with positions, so a digest
# over a large corpus reads a bounded number of documents' quotes.
QUOTE_DOCS = 200


@dataclass(frozen=True, slots=True)
class Ref:
    """Where a line's evidence is: the document and the anchor of the span in its page."""

    doc_id: str
    anchor: str
    date: str | None
    outlet: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class Development:
    actor: str
    actor_key: str
    stance: str
    n_positions: int
    evidence: str
    ref: Ref


@dataclass(frozen=True, slots=True)
class Move:
    actor: str
    actor_key: str
    from_stance: str
    to_stance: str
    before_evidence: str
    before: Ref
    after_evidence: str
    after: Ref


@dataclass(frozen=True, slots=True)
class QuoteLine:
    speaker: str
    speaker_key: str | None
    text: str
    kind: str
    ref: Ref


@dataclass(slots=True)
class Section:
    issue: str
    tally: dict[str, int]
    developments: list[Development] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    quotes: list[QuoteLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoryLine:
    id: str
    label: str
    start: str | None
    end: str | None
    n_documents: int
    outlets: tuple[str, ...]


@dataclass(slots=True)
class Digest:
    since: str | None
    until: str | None
    documents: int
    outlets: int
    sections: list[Section]
    stories: list[StoryLine]

    @property
    def period(self) -> str:
        if self.since or self.until:
            return f"{self.since or '…'} – {self.until or '…'}"
        return "all dates"


def _in_period(d: str | None, since: str | None, until: str | None) -> bool:
    if d is None:
        # An undated item cannot be placed in a period; only an unbounded digest includes it.
        return since is None and until is None
    if since and d < since:
        return False
    return not (until and d[: len(until)] > until)


def build_digest(
    store: Store, *, issue: str | None = None, since: str | None = None, until: str | None = None
) -> Digest:
    all_positions = store.positions(issue=issue)
    positions = [p for p in all_positions if _in_period(p.date, since, until)]

    by_issue: dict[str, list[Position]] = defaultdict(list)
    for p in positions:
        by_issue[p.issue].append(p)
    sections = []
    for name in sorted(by_issue):
        ps = by_issue[name]
        issue_all = [p for p in all_positions if p.issue == name]
        sec = Section(issue=name, tally=dict(Counter(p.stance for p in ps)))
        sec.developments = _developments(ps)
        sec.moves = _moves([s for s in detect_shifts(issue_all) if _in_period(s.after_date, since, until)], issue_all)
        sec.quotes = _quotes(store, ps)
        sections.append(sec)

    story_list = [s for s in store.stories() if _in_period(s.end, since, until) or _in_period(s.start, since, until)][
        :MAX_STORIES
    ]
    cited = {r.doc_id for sec in sections for r in _refs(sec)} | {i for s in story_list for i in s.doc_ids}
    docs: dict[str, Document] = (
        {d.id: d for d in store.list_documents(DocFilter(doc_ids=sorted(cited)), limit=None)} if cited else {}
    )

    def fill(r: Ref) -> Ref:
        d = docs.get(r.doc_id)
        if d is None:
            return r
        return replace(r, date=r.date or d.published, outlet=d.outlet, title=d.title)

    for sec in sections:
        sec.developments = [replace(x, ref=fill(x.ref)) for x in sec.developments]
        sec.moves = [replace(m, before=fill(m.before), after=fill(m.after)) for m in sec.moves]
        sec.quotes = [replace(q, ref=fill(q.ref)) for q in sec.quotes]
    stories = [
        StoryLine(
            s.id,
            s.label,
            s.start,
            s.end,
            len(s.doc_ids),
            tuple(sorted({o for o in (docs[i].outlet for i in s.doc_ids if i in docs) if o})),
        )
        for s in story_list
    ]
    n_docs, n_outlets = _coverage(store, since, until)
    return Digest(since=since, until=until, documents=n_docs, outlets=n_outlets, sections=sections, stories=stories)


def _ref(doc_id: str, item_id: str, date: str | None) -> Ref:
    # Outlet and title are filled in at the end, for the few documents the digest cites.
    return Ref(doc_id, anchor(item_id), date, None, None)


def _refs(sec: Section) -> list[Ref]:
    return (
        [x.ref for x in sec.developments]
        + [r for m in sec.moves for r in (m.before, m.after)]
        + [q.ref for q in sec.quotes]
    )


def _coverage(store: Store, since: str | None, until: str | None) -> tuple[int, int]:
    """Canonical documents and distinct outlets in the period, counted in the database."""
    c = t.documents.c
    where: list[Any] = [c.duplicate_of.is_(None)]
    if since:
        where.append(c.published >= since)
    if until:
        where.append(func.substr(c.published, 1, len(until)) <= until)
    with store.engine.connect() as conn:
        row = conn.execute(select(func.count(), func.count(func.distinct(c.outlet))).where(*where)).one()
    return int(row[0]), int(row[1])


def _developments(ps: Sequence[Position]) -> list[Development]:
    by_actor: dict[str, list[Position]] = defaultdict(list)
    for p in ps:
        by_actor[p.actor_key].append(p)
    out = []
    for key, items in by_actor.items():
        # The latest dated position speaks for the actor now; among equals, the most confident,
        # and the actor's own words over an outlet's characterisation.
        voice_rank = {"quote": 2, "reported": 1, "outlet": 0}
        latest = max(
            items,
            key=lambda p: (p.date or "", p.confidence, voice_rank.get(p.voice, 0), -p.start),
        )
        out.append(
            Development(
                actor=latest.actor,
                actor_key=key,
                stance=latest.stance,
                n_positions=len(items),
                evidence=latest.evidence,
                ref=_ref(latest.doc_id, latest.id, latest.date),
            )
        )
    out.sort(key=lambda d: (-d.n_positions, d.actor))
    return out[:MAX_ACTORS]


def _moves(shifts: Sequence[Shift], ps: Sequence[Position]) -> list[Move]:
    index: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in ps:
        index[(p.doc_id, p.actor_key)].append(p)

    def find(doc_id: str, evidence: str, key: str) -> Position | None:
        cands = index.get((doc_id, key), [])
        return next((p for p in cands if p.evidence == evidence), cands[0] if cands else None)

    latest = sorted(shifts, key=lambda s: (s.after_date or "", s.actor), reverse=True)[:MAX_MOVES]
    out = []
    for s in latest:
        b = find(s.before_doc, s.before_evidence, s.actor_key)
        a = find(s.after_doc, s.after_evidence, s.actor_key)
        out.append(
            Move(
                actor=s.actor,
                actor_key=s.actor_key,
                from_stance=s.from_stance,
                to_stance=s.to_stance,
                before_evidence=s.before_evidence,
                before=_ref(s.before_doc, b.id if b else f"doc-{s.before_doc}", s.before_date),
                after_evidence=s.after_evidence,
                after=_ref(s.after_doc, a.id if a else f"doc-{s.after_doc}", s.after_date),
            )
        )
    return out


def _quotes(store: Store, ps: Sequence[Position]) -> list[QuoteLine]:
    """Quotes that carry a position on the issue: linked by the position, or overlapping its span."""
    by_doc: dict[str, list[Position]] = defaultdict(list)
    for p in ps:
        by_doc[p.doc_id].append(p)
    recent = sorted(by_doc, key=lambda d: max(p.date or "" for p in by_doc[d]), reverse=True)[:QUOTE_DOCS]
    picked: dict[str, tuple[Quote, Position]] = {}
    for doc_id in recent:
        dps = by_doc[doc_id]
        for q in store.quotes(doc_id=doc_id):
            for p in dps:
                if p.quote_id == q.id or (q.start < p.end and p.start < q.end):
                    picked.setdefault(q.id, (q, p))
                    break
    ranked = sorted(
        picked.values(),
        key=lambda qp: (
            qp[0].kind != "direct",
            qp[0].speaker is None,
            not (40 <= len(qp[0].text) <= 400),
            # A day-dated quote is easier to check than one dated to a year.
            -len(qp[1].date or ""),
            qp[1].date or "",
        ),
    )
    seen_speakers: Counter[str] = Counter()
    out = []
    for q, p in ranked:
        who = q.speaker or p.actor
        # One voice should not fill the section: at most two quotes per speaker.
        if seen_speakers[who] >= 2:
            continue
        seen_speakers[who] += 1
        out.append(QuoteLine(who, q.speaker_key or p.actor_key, q.text, q.kind, _ref(q.doc_id, q.id, p.date)))
        if len(out) >= MAX_QUOTES:
            break
    out.sort(key=lambda x: x.ref.date or "", reverse=True)
    return out
