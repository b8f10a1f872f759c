"""Browsable tables of documents, actors, quotes and positions, in the manner of datasette: sort by
any offered column (ascending or descending), filter, count, page, and download exactly the rows on
screen as CSV or JSON Lines.

Each offered ordering is a list of columns that ends in the table's key, so the order is total (a
page boundary never splits ties differently on two requests) and matches an index column for column
(store migration 0010; `tests/web/test_tables.py` checks SQLite's query plans), so a page is an
index walk, not a sort of the table. Two kinds of ordering are not: by a count (an actor's mentions),
which aggregates over covering indexes and sorts one row per actor; and quotes by their document's
date, a join whose order SQLite's planner chooses (quotes by document index, then a sort).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select

from stanceline.model import anchor
from stanceline.store import schema as t
from stanceline.store.corrections import counted
from stanceline.store.db import Store
from stanceline.web import data, paging, params
from stanceline.web.deps import BadRequest

Href = Callable[[Mapping[str, Any]], str | None]


@dataclass(frozen=True, slots=True)
class Against:
    """A tie-breaking column that runs against the ordering's direction, as in an index built
    `(x DESC, id)`: walking it forwards is x descending with ids ascending, backwards the reverse."""

    column: Any


@dataclass(frozen=True, slots=True)
class Col:
    name: str
    label: str
    order: tuple[Any, ...] = ()  # SQL columns of this ordering; empty: not sortable
    num: bool = False
    href: Href | None = None


@dataclass(frozen=True, slots=True)
class Filter:
    name: str
    label: str
    options: tuple[str, ...] = ()  # a choice list; empty: free text


@dataclass(slots=True)
class Shown:
    """One page of a table as asked for: its rows, their count and where the next page starts."""

    view: TableView
    rows: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    sort: str
    args: dict[str, str]
    next_cursor: str | None
    prev_cursor: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TableView:
    name: str
    title: str
    columns: tuple[Col, ...]
    filters: tuple[Filter, ...]
    default_sort: str
    build: Callable[[Store, dict[str, str]], tuple[Select[Any], list[Any]]]

    def sort_columns(self, sort: str) -> tuple[tuple[Any, ...], bool]:
        desc = sort.startswith("-")
        name = sort.lstrip("-")
        for c in self.columns:
            if c.name == name and c.order:
                return c.order, desc
        offered = ", ".join(c.name for c in self.columns if c.order)
        raise BadRequest(f"sort must be one of {offered} (with - before it for descending), not {sort[:40]!r}")


MAX_LIMIT = 500
DEFAULT_LIMIT = 50


def page_query(
    store: Store, view: TableView, query: Mapping[str, str]
) -> tuple[Select[Any], Select[Any], dict[str, Any]]:
    """The statement for the page `query` (sort, filters, limit, cursor) asks for, the filtered
    statement it pages through, and what was asked, checked."""
    args = {f.name: (query.get(f.name) or "").strip() for f in view.filters}
    args = {k: v for k, v in args.items() if v}
    sort = (query.get("sort") or view.default_sort).strip()
    order, desc = view.sort_columns(sort)
    limit = _limit(query.get("limit"))
    offset = paging.offset_of(query.get("cursor"), f"table:{view.name}")
    stmt, where = view.build(store, args)
    stmt = stmt.where(*where)
    ordered = stmt.order_by(*_order_by(order, desc)).limit(limit).offset(offset)
    return ordered, stmt, {"args": args, "sort": sort, "limit": limit, "offset": offset}


def show(store: Store, view: TableView, query: Mapping[str, str]) -> Shown:
    """The page of `view` that `query` (sort, filters, limit, cursor) asks for."""
    ordered, stmt, asked = page_query(store, view, query)
    args, sort, limit, offset = asked["args"], asked["sort"], asked["limit"], asked["offset"]
    kind = f"table:{view.name}"
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(ordered)]
        total = int(conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one())
    shown_args = {**args, **({"sort": sort} if sort != view.default_sort else {})}
    if limit != DEFAULT_LIMIT:
        shown_args["limit"] = str(limit)
    prev = paging.encode(kind, [max(0, offset - limit)]) if offset > 0 else None
    nxt = paging.next_offset(kind, offset, limit, total)
    return Shown(view, rows, total, offset, limit, sort, shown_args, nxt, prev)


def _order_by(order: tuple[Any, ...], desc: bool) -> list[Any]:
    out = []
    for c in order:
        against = isinstance(c, Against)
        col = c.column if against else c
        out.append(col.desc() if desc != against else col.asc())
    return out


def _limit(value: str | None) -> int:
    if not value:
        return DEFAULT_LIMIT
    if not value.strip().isdigit() or not 1 <= int(value) <= MAX_LIMIT:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {value[:20]!r}")
    return int(value)


def export_rows(shown: Shown) -> list[dict[str, Any]]:
    """The rows on screen with the columns on screen (and the keys that identify them)."""
    keep = [c.name for c in shown.view.columns]
    first = shown.rows[0] if shown.rows else {}
    extra = [k for k in ("id", "key", "doc_id", "actor_key", "speaker_key") if k in first]
    return [{k: r.get(k) for k in [*extra, *[k for k in keep if k not in extra]]} for r in shown.rows]


# -- the four tables ------------------------------------------------------------------------------
def _contains(column: Any, needle: str) -> ColumnElement[bool]:
    # A plain substring of the lower-cased column: a filter, not a search (search is `/?q=`).
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _doc_href(r: Mapping[str, Any]) -> str:
    return f"/documents/{_pp(r['doc_id'] if 'doc_id' in r else r['id'])}"


def _pp(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def _documents(store: Store, args: dict[str, str]) -> tuple[Select[Any], list[Any]]:
    c = t.documents.c
    stmt = select(
        c.id,
        c.title,
        c.outlet,
        t.LIST_SORT_KEY.label("published"),
        c.language,
        c.words,
        c.duplicate_of,
    )
    where: list[Any] = []
    if "q" in args:
        where.append(_contains(func.coalesce(c.title, ""), args["q"]))
    if "outlet" in args:
        where.append(func.lower(c.outlet) == args["outlet"].lower())
    if "language" in args:
        where.append(c.language == args["language"])
    if "since" in args:
        where.append(c.published >= params.date(args["since"], "since"))
    if "until" in args:
        until = params.date(args["until"], "until") or ""
        where.append(func.substr(c.published, 1, len(until)) <= until)
    return stmt, where


def _actors(store: Store, args: dict[str, str]) -> tuple[Select[Any], list[Any]]:
    a, m, q, p = t.actors.c, t.mentions.c, t.quotes.c, t.positions.c
    mentions = (
        select(m.actor_key, func.count().label("n"), func.count(func.distinct(m.doc_id)).label("d"))
        .group_by(m.actor_key)
        .subquery()
    )
    # Rows flagged as wrong are listed (with their reason) but not counted (store/corrections.py).
    quotes = select(q.speaker_key, func.count().label("n")).where(counted(t.quotes)).group_by(q.speaker_key).subquery()
    positions = (
        select(p.actor_key, func.count().label("n")).where(counted(t.positions)).group_by(p.actor_key).subquery()
    )
    stmt = (
        select(
            a.key,
            a.name,
            a.type,
            a.aliases_json.label("aliases"),
            func.coalesce(mentions.c.n, 0).label("mentions"),
            func.coalesce(mentions.c.d, 0).label("documents"),
            func.coalesce(quotes.c.n, 0).label("quotes"),
            func.coalesce(positions.c.n, 0).label("positions"),
        )
        .select_from(t.actors)
        .outerjoin(mentions, mentions.c.actor_key == a.key)
        .outerjoin(quotes, quotes.c.speaker_key == a.key)
        .outerjoin(positions, positions.c.actor_key == a.key)
    )
    where: list[Any] = [a.name != ""]  # the store's placeholder rows are not actors yet
    if "q" in args:
        where.append(_contains(a.name + " " + a.aliases_json, args["q"]))
    if "type" in args:
        where.append(a.type == args["type"])
    return stmt, where


def _quotes(store: Store, args: dict[str, str]) -> tuple[Select[Any], list[Any]]:
    q, d = t.quotes.c, t.documents.c
    stmt = (
        select(
            q.id,
            q.doc_id,
            q.speaker,
            q.speaker_key,
            q.text,
            q.kind,
            q.confidence,
            # Not columns of the table; the actor page shows them (web/pages.py).
            q.cue,
            q.speaker_mention,
            q.flag,
            t.LIST_SORT_KEY.label("published"),
            d.outlet,
        )
        .select_from(t.quotes)
        .join(t.documents, t.documents.c.id == q.doc_id)
    )
    where: list[Any] = []
    if "speaker" in args:
        where.append(q.speaker_key == data.find_actor(store, args["speaker"]).key)
    if "q" in args:
        where.append(_contains(q.text, args["q"]))
    if "outlet" in args:
        where.append(func.lower(d.outlet) == args["outlet"].lower())
    return stmt, where


def _positions(store: Store, args: dict[str, str]) -> tuple[Select[Any], list[Any]]:
    p = t.positions.c
    stmt = select(
        p.id, p.doc_id, p.actor, p.actor_key, p.issue, p.stance, p.date, p.voice, p.confidence, p.evidence, p.flag
    )
    where: list[Any] = []
    if "actor" in args:
        where.append(p.actor_key == data.find_actor(store, args["actor"]).key)
    if "issue" in args:
        where.append(p.issue == data.resolve_issue(store, args["issue"]))
    if "stance" in args:
        where.append(p.stance == args["stance"])
    if "voice" in args:
        where.append(p.voice == args["voice"])
    if "since" in args:
        where.append(p.date >= params.date(args["since"], "since"))
    if "until" in args:
        until = params.date(args["until"], "until") or ""
        where.append(func.substr(p.date, 1, len(until)) <= until)
    return stmt, where


_d, _a, _q, _p = t.documents.c, t.actors.c, t.quotes.c, t.positions.c
_Q_PUBLISHED = func.coalesce(t.documents.c.published, literal_column("''"))

DOCUMENTS = TableView(
    "documents",
    "Documents",
    (
        Col("title", "Title", (t.TITLE_SORT_KEY, _d.id), href=_doc_href),
        Col("outlet", "Outlet", (t.OUTLET_SORT_KEY, _d.id)),
        Col("published", "Published", (t.LIST_SORT_KEY, Against(_d.id))),
        Col("language", "Lang"),
        Col("words", "Words", num=True),
    ),
    (Filter("q", "title contains"), Filter("outlet", "outlet"), Filter("language", "language"),
     Filter("since", "since"), Filter("until", "until")),
    "-published",
    _documents,
)

ACTORS = TableView(
    "actors",
    "Actors",
    (
        Col("name", "Actor", (t.ACTOR_NAME_SORT_KEY, _a.key), href=lambda r: f"/actors/{_pp(r['key'])}"),
        Col("type", "Type", (_a.type, t.ACTOR_NAME_SORT_KEY, _a.key)),
        Col("mentions", "Mentions", (literal_column("mentions"), _a.key), num=True),
        Col("documents", "Docs", (literal_column("documents"), _a.key), num=True),
        Col("quotes", "Quotes", (literal_column("quotes"), _a.key), num=True,
            href=lambda r: f"/quotes?speaker={_pp(r['key'])}" if r["quotes"] else None),
        Col("positions", "Positions", (literal_column("positions"), _a.key), num=True,
            href=lambda r: f"/positions?actor={_pp(r['key'])}" if r["positions"] else None),
    ),
    (Filter("q", "name or alias contains"), Filter("type", "type", ("PERSON", "ORG", "GPE", "NORP"))),
    "-mentions",
    _actors,
)

QUOTES = TableView(
    "quotes",
    "Quotes",
    (
        Col("speaker", "Speaker", (t.SPEAKER_SORT_KEY, _q.id),
            href=lambda r: f"/actors/{_pp(r['speaker_key'])}" if r["speaker_key"] else None),
        Col("text", "Quote", href=lambda r: f"/documents/{_pp(r['doc_id'])}#{anchor(r['id'])}"),
        Col("outlet", "Outlet"),
        Col("published", "Published", (_Q_PUBLISHED, Against(_d.id), Against(_q.start), Against(_q.id))),
        Col("confidence", "Conf.", num=True),
        # listed, marked: a person's reason for flagging it as wrong (store/corrections.py)
        Col("flag", "Flagged as wrong"),
    ),
    (Filter("q", "quote contains"), Filter("speaker", "speaker (key or name)"), Filter("outlet", "outlet")),
    "-published",
    _quotes,
)

POSITIONS = TableView(
    "positions",
    "Positions",
    (
        Col("actor", "Actor", (t.HOLDER_SORT_KEY, _p.id), href=lambda r: f"/actors/{_pp(r['actor_key'])}"),
        Col("issue", "Issue", (t.ISSUE_SORT_KEY, _p.id), href=lambda r: f"/issues/{_pp(r['issue'])}"),
        Col("stance", "Stance"),
        Col("date", "Date", (t.POSITION_DATE_KEY, _p.id)),
        Col("voice", "Voice"),
        Col("confidence", "Conf.", (_p.confidence, _p.id), num=True),
        Col("evidence", "Evidence", href=lambda r: f"/documents/{_pp(r['doc_id'])}#{anchor(r['id'])}"),
        Col("flag", "Flagged as wrong"),
    ),
    (Filter("actor", "actor (key or name)"), Filter("issue", "issue"),
     Filter("stance", "stance", ("support", "conditional", "neutral", "oppose")), Filter("voice", "voice"),
     Filter("since", "since"), Filter("until", "until")),
    "-date",
    _positions,
)

VIEWS = {v.name: v for v in (DOCUMENTS, ACTORS, QUOTES, POSITIONS)}
