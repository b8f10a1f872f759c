"""Queries shared by the API and the pages: cursors, actor lookup, timelines, documents' views.

Both faces of the web app answer from the same functions, so a page and its JSON never disagree.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select

from stanceline.analyze.timeline import PeriodTally, TimelineRow, build_timeline, detect_shifts, timeline_page
from stanceline.model import Actor, Document, Position, Shift, Stance, Story, anchor, record_dict
from stanceline.nlp.issues import load_issues
from stanceline.store import schema as t
from stanceline.store.corrections import counted
from stanceline.store.db import DocFilter, Store
from stanceline.store.dialect import HL_END, HL_START
from stanceline.web import paging
from stanceline.web.deps import NotFound

STANCE_ORDER: tuple[Stance, ...] = ("support", "conditional", "neutral", "oppose")


# -- cache --------------------------------------------------------------------------------------
class AnswerCache:
    """A few recent expensive answers (timelines of busy issues), keyed by the data they came from.

    The key includes a cheap fingerprint of the extraction tables, so an NLP run (here or in another
    process) invalidates it; entries also expire after `ttl` seconds, which bounds staleness when two
    changes land within the fingerprint's one-second resolution.
    """

    def __init__(self, size: int = 64, ttl: float = 5.0) -> None:
        self.size = size
        self.ttl = ttl
        self.writes = 0  # bumped by this app's own writes
        self._items: OrderedDict[tuple[Any, ...], tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._running: dict[tuple[Any, ...], threading.Event] = {}

    def get_or_compute(self, store: Store, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        full = (*key, self.writes, fingerprint(store))
        while True:
            now = time.monotonic()
            with self._lock:
                hit = self._items.get(full)
                if hit and now - hit[0] < self.ttl:
                    self._items.move_to_end(full)
                    return hit[1]
                # One computation per key at a time: when an entry expires under load, the other
                # requests wait for it instead of all recomputing it at once.
                running = self._running.get(full)
                if running is None:
                    mine = self._running[full] = threading.Event()
                    break
            running.wait(timeout=60)
        try:
            value = compute()
            with self._lock:
                self._items[full] = (time.monotonic(), value)
                self._items.move_to_end(full)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._running.pop(full, None)
            mine.set()


def fingerprint(store: Store) -> tuple[Any, ...]:
    p, a, s = t.positions.c, t.actors.c, t.stage_runs.c
    with store.engine.connect() as conn:
        row = conn.execute(
            select(
                select(func.count()).select_from(t.positions).scalar_subquery(),
                select(func.count(func.distinct(p.doc_id))).scalar_subquery(),
                select(func.count()).select_from(t.actors).scalar_subquery(),
                select(func.max(a.key)).scalar_subquery(),
                select(func.max(s.ran_at)).scalar_subquery(),
                select(func.count()).select_from(t.stage_runs).scalar_subquery(),
            )
        ).one()
    return tuple(row)


# -- cursors ------------------------------------------------------------------------------------
def page_documents(store: Store, f: DocFilter, *, limit: int, cursor: str | None) -> tuple[list[Document], str | None]:
    """One page of documents, newest first, and the opaque token for the next page (or None)."""
    after = paging.decode(cursor, "documents", (str, str)) if cursor else None
    docs = store.list_documents(f, limit=limit + 1, after=(after[0], after[1]) if after else None)
    if len(docs) <= limit:
        return docs, None
    docs = docs[:limit]
    last = docs[-1]
    return docs, paging.encode("documents", [last.published or "", last.id])


# -- actors -------------------------------------------------------------------------------------
def fold(name: str) -> str:
    """A name compared without case, accents or spacing: "  ZELENSKÝ " and "Zelensky" fold alike."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _holder_only(store: Store, key: str) -> list[Actor]:
    """An actor known only as the holder of positions (a state the stance stage names without an
    entity mention of it): its page shows those positions. Its type is unknown, so empty, as the
    store's own placeholder rows have it."""
    c = t.positions.c
    with store.engine.connect() as conn:
        q = select(c.actor, func.count()).where(c.actor_key == key).group_by(c.actor)
        rows = conn.execute(q.order_by(func.count().desc(), c.actor)).all()
    if not rows:
        return []
    names = [r[0] for r in rows if r[0]]
    return [Actor(key, names[0] if names else key, "", names)]  # type: ignore[arg-type]


def find_actor(store: Store, name_or_key: str) -> Actor:
    """An actor by exact key, else by a name or alias equal to `name_or_key` once both are folded
    (case, accents, spacing); never by a part of a name, so "a" or " " finds nothing. Where two
    actors share the folded name, the one with more mentions, then the lower key, is taken."""
    given = name_or_key.strip()
    if given:
        by_key = store.get_actors([given]) or _holder_only(store, given)
        if by_key:
            return by_key[0]
        needle = fold(given)
        exact = [a for a in store.get_actors() if any(fold(n) == needle for n in (a.key, a.name, *a.aliases))]
        if exact:
            counts = store.actor_counts()
            exact.sort(key=lambda a: (-counts.get(a.key, {}).get("mentions", 0), a.key))
            return exact[0]
    raise NotFound(f"no actor is called {name_or_key[:200]!r}", search=given[:200])


def actor_names(store: Store) -> dict[str, str]:
    return {a.key: a.name for a in store.get_actors()}


def actor_json(a: Actor, counts: dict[str, int] | None = None) -> dict[str, Any]:
    c = counts or {}
    return {
        "key": a.key,
        "id": a.id,
        "name": a.name,
        "type": a.type,
        "aliases": a.aliases,
        "roles": a.roles,
        "mentions": c.get("mentions", 0),
        "documents": c.get("documents", 0),
        "quotes": c.get("quotes", 0),
    }


# -- issues -------------------------------------------------------------------------------------
def issue_counts(store: Store) -> dict[str, int]:
    """Positions per issue, counted in the database (the positions table can be large); here and
    below, positions flagged as wrong do not count (store/corrections.py)."""
    c = t.positions.c
    q = select(c.issue, func.count()).where(counted(t.positions)).group_by(c.issue)
    with store.engine.connect() as conn:
        return {r[0]: int(r[1]) for r in conn.execute(q)}


def issue_tallies(store: Store) -> tuple[dict[str, Counter[str]], dict[str, int]]:
    """Per issue: positions per stance, and how many actors took one."""
    c = t.positions.c
    per: dict[str, Counter[str]] = defaultdict(Counter)
    with store.engine.connect() as conn:
        by_stance = select(c.issue, c.stance, func.count()).where(counted(t.positions)).group_by(c.issue, c.stance)
        for issue, stance, n in conn.execute(by_stance):
            per[issue][stance] += int(n)
        holders = select(c.issue, func.count(func.distinct(c.actor_key))).where(counted(t.positions))
        actors = {r[0]: int(r[1]) for r in conn.execute(holders.group_by(c.issue))}
    return dict(per), actors


def position_counts_by_actor(store: Store) -> dict[str, int]:
    c = t.positions.c
    with store.engine.connect() as conn:
        q = select(c.actor_key, func.count()).where(counted(t.positions)).group_by(c.actor_key)
        return {r[0]: int(r[1]) for r in conn.execute(q)}


def issue_names(store: Store) -> list[str]:
    """Issues with stored positions (flagged ones too: they are listed), then configured ones
    without positions yet."""
    c = t.positions.c
    with store.engine.connect() as conn:
        names = sorted(r[0] for r in conn.execute(select(c.issue).distinct()))
    try:
        for i in load_issues():
            if i.name.casefold() not in {n.casefold() for n in names}:
                names.append(i.name)
    except Exception:
        pass
    return names


def resolve_issue(store: Store, name: str) -> str:
    for n in issue_names(store):
        if n.casefold() == name.casefold().strip():
            return n
    raise NotFound(f"no issue named {name!r}; see /api/issues")


# -- timeline -----------------------------------------------------------------------------------
# The web's rows are the analyze stage's rows; `bucket_rows` merges them into coarser periods.
Row = TimelineRow


def build_rows(positions: Sequence[Position], *, issue: str, actor: str | None, names: dict[str, str]) -> list[Row]:
    return build_timeline(list(positions), issue=issue, actor=actor, actor_names={v: k for k, v in names.items()})


def period_tallies(store: Store, issue: str, actor_keys: Sequence[str] | None = None) -> list[PeriodTally]:
    """Positions per actor, name and date on an issue, counted in the database: a timeline orders
    and pages its rows from these and reads whole positions only for the actors it shows."""
    c = t.positions.c
    q = select(c.actor_key, c.actor, c.issue, c.date, func.count()).where(
        func.lower(c.issue) == issue.lower(), counted(t.positions)
    )
    if actor_keys is not None:
        q = q.where(c.actor_key.in_(list(actor_keys)))
    with store.engine.connect() as conn:
        return [PeriodTally._make(r) for r in conn.execute(q.group_by(c.actor_key, c.actor, c.issue, c.date)).all()]


def rows_page(
    store: Store, *, issue: str, actor: str | None, names: dict[str, str], offset: int, limit: int
) -> tuple[list[Row], int, list[Position]]:
    """`build_rows(store.positions(issue, actor))[offset:offset + limit]`, the number of rows, and
    the positions of the page's actors, without reading every position of a busy issue."""
    keys = [actor] if actor else None
    return timeline_page(
        period_tallies(store, issue, keys),
        lambda page_keys: store.positions(issue=issue, actor_keys=sorted(page_keys)),
        issue=issue,
        actor=actor,
        actor_names={v: k for k, v in names.items()},
        offset=offset,
        limit=limit,
    )


def bucket_rows(rows: Sequence[Row], width: int) -> list[Row]:
    """Merge rows into coarser periods (`width` 7: months, 4: years; 0: as they are).

    A merged row's stance is the confidence-weighted majority of its positions, and its most
    confident position comes first, so a link to "the evidence" of a cell is the strongest one.
    """
    if not width:
        return list(rows)
    groups: dict[tuple[str, str | None], list[Row]] = defaultdict(list)
    for r in rows:
        groups[(r.actor_key, r.period[:width] if r.period else None)].append(r)
    out = []
    for (key, period), rs in groups.items():
        ps = sorted((p for r in rs for p in r.positions), key=lambda p: (-p.confidence, p.date or "", p.doc_id))
        weight: dict[str, float] = defaultdict(float)
        for p in ps:
            weight[p.stance] += p.confidence
        stance, w = max(weight.items(), key=lambda kv: kv[1])
        out.append(
            Row(
                rs[0].actor,
                key,
                rs[0].issue,
                period,
                stance,  # type: ignore[arg-type]
                round(w / (sum(weight.values()) or 1), 3),
                len(ps),
                ps,
            )
        )
    out.sort(key=lambda r: (r.actor.casefold(), r.period or "~"))
    return out


def shifts_for(positions: Sequence[Position], actor: str | None = None) -> list[Shift]:
    return [s for s in detect_shifts(list(positions)) if actor in (None, s.actor_key)]


def row_json(r: Row) -> dict[str, Any]:
    return {
        "actor": r.actor,
        "actor_key": r.actor_key,
        "issue": r.issue,
        "period": r.period,
        "stance": r.stance,
        "confidence": r.confidence,
        "n_positions": r.n_positions,
        "positions": [position_json(p) for p in r.positions],
    }


def position_json(p: Position) -> dict[str, Any]:
    return {**record_dict(p), "link": f"/documents/{p.doc_id}#{anchor(p.id)}"}


def shift_json(s: Shift) -> dict[str, Any]:
    return {
        "actor": s.actor,
        "actor_key": s.actor_key,
        "issue": s.issue,
        "from_stance": s.from_stance,
        "to_stance": s.to_stance,
        "before_date": s.before_date,
        "after_date": s.after_date,
        "before_doc": s.before_doc,
        "after_doc": s.after_doc,
        "before_evidence": s.before_evidence,
        "after_evidence": s.after_evidence,
    }


# -- documents ----------------------------------------------------------------------------------
def doc_summary(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "source": d.source,
        "url": d.url,
        "outlet": d.outlet,
        "title": d.title,
        "author": d.author,
        "published": d.published,
        "date_source": d.date_source,
        "date_confidence": d.date_confidence,
        "language": d.language,
        "not_analysed": d.not_analysed,
        "duplicate_of": d.duplicate_of,
        "words": len(d.text.split()),
    }


def split_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Search snippet → plain text plus highlighted ranges, so no caller ever parses markup."""
    out: list[str] = []
    ranges: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for ch in snippet:
        if ch == HL_START:
            start = pos
        elif ch == HL_END:
            if start is not None:
                ranges.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), ranges


def get_document(store: Store, doc_id: str) -> Document:
    d = store.get_document(doc_id)
    if d is None:
        raise NotFound(f"no document {doc_id!r}")
    return d


def find_story(store: Store, story_id: str) -> Story:
    story = store.get_story(story_id)
    if story is not None:
        return story
    raise NotFound(f"no story {story_id!r}; see /api/stories")
