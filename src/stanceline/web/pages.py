"""Server-rendered pages (Jinja2, autoescaped): they work without JavaScript."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from stanceline.analyze.digest import build_digest
from stanceline.analyze.framing import compare_story
from stanceline.model import Actor, Position, anchor
from stanceline.render.digest import render_body
from stanceline.store.db import DocFilter, Store
from stanceline.store.search import QueryError, check_language, parse_query
from stanceline.web import chart, corrections, data, paging, params, render, tables, tabular
from stanceline.web.data import STANCE_ORDER
from stanceline.web.deps import BadRequest, NotFound, check_write_token, get_settings, get_store, get_writer

router = APIRouter(include_in_schema=False)
# Autoescape everywhere (not just *.html): every template shows untrusted article text.
templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
)
templates.env.globals.update(
    safe_href=render.safe_href,
    path_part=render.path_part,
    anchor=anchor,
    stance_order=STANCE_ORDER,
)
templates.env.globals["chart_name"] = lambda *parts: chart_name(*parts)
templates.env.filters["pp"] = render.path_part


def compile_templates() -> int:
    """Compile every page template now (jinja compiles one on its first render: a few hundred ms for
    the larger pages, which the first visitor of each page after a start would wait for)."""
    names = templates.env.list_templates(extensions=["html"])
    for name in names:
        templates.get_template(name)
    return len(names)

MAX_COLUMNS = 24
STORIES_PER_PAGE = 50
MAX_POINTS = 600
MAX_SHIFTS = 30


def _page(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx)


def render_error(request: Request, status: int, message: str, *, search: str | None = None) -> str:
    return templates.get_template("error.html").render(
        request=request, status=status, message=message, search=search
    )


def _date_arg(value: str | None, name: str) -> str | None:
    return params.date(value, name)


def _blank(value: str | None) -> str | None:
    return (value or "").strip() or None


# Search hits a page; the cursor is an offset, so the page before is one too.
SEARCH_PAGE = 50


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    q: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    issue: str | None = None,
    cursor: str | None = None,
    lang: str | None = None,
) -> HTMLResponse:
    store = get_store(request)
    q, outlet, actor, issue, lang = _blank(q), _blank(outlet), _blank(actor), _blank(issue), _blank(lang)
    since, until = _date_arg(since, "since"), _date_arg(until, "until")
    try:
        language = check_language(lang)
    except QueryError as exc:
        raise BadRequest(exc.message) from exc
    stats = store.stats()
    # With a query the actor filter is the search's (every actor the name names); without, one actor.
    actor_obj = data.find_actor(store, actor) if actor and not q else None
    issue_name = data.resolve_issue(store, issue) if issue else None
    hits = None
    docs: list[Any] = []
    nxt = prev = None
    total = None
    shown = (0, 0)
    if q:
        # The search (store/search.py) applies the filters and counts; the page shows 50 at a time.
        try:
            query = parse_query(q, outlet=outlet, since=since, until=until, language=lang, actor=actor)
        except QueryError as exc:
            raise BadRequest(exc.message) from exc
        offset = paging.offset_of(cursor, "search")
        found = store.search_page(query, limit=SEARCH_PAGE, offset=offset, issue=issue_name)
        raw_hits, total = found.hits, found.total
        shown = (offset + 1, offset + len(raw_hits))
        if offset:
            prev = paging.encode("search", [max(0, offset - SEARCH_PAGE)])
        by_id = {d.id: d for d in store.list_documents(DocFilter(doc_ids=[h.doc_id for h in raw_hits]), limit=None)}
        hits = [(h, by_id.get(h.doc_id), render.snippet_html(h.snippet)) for h in raw_hits]
        if found.next_offset is not None:
            nxt = paging.encode("search", [found.next_offset])
    else:
        f = DocFilter(
            outlet=outlet,
            since=since,
            until=until,
            actor_key=actor_obj.key if actor_obj else None,
            issue=issue_name,
            language=language,
        )
        docs, nxt = data.page_documents(store, f, limit=25, cursor=_blank(cursor))
        total = store.count_documents(f)
    params = {
        k: v
        for k, v in (
            ("outlet", outlet), ("since", since), ("until", until), ("actor", actor), ("issue", issue), ("lang", lang)
        )
        if v
    }
    return _page(
        request,
        "index.html",
        q=q,
        params=params,
        hits=hits,
        total=total,
        shown=shown,
        docs=docs,
        next_cursor=nxt,
        prev_cursor=prev,
        stats=stats,
        outlets=sorted(o for o in stats["outlets"] if o != "(unknown)"),
        issues=data.issue_names(store),
        actor_obj=actor_obj,
        nav="documents",
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    store = get_store(request)
    d = data.get_document(store, doc_id)
    meta = store.document_meta(d.id)
    quotes = store.quotes(doc_id=d.id, flagged=True)
    mentions = store.mentions(doc_id=d.id)
    positions = store.positions(doc_id=d.id, flagged=True)
    names = data.actor_names(store)
    body = render.highlight(
        d.text,
        render.document_spans(quotes, mentions, positions, actor_href=lambda k: f"/actors/{render.path_part(k)}"),
    )
    mention_counts = Counter(m.actor_key for m in mentions)
    actors_here = sorted(mention_counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    stories = store.stories(doc_id=d.id)
    dup_of = store.get_document(d.duplicate_of) if d.duplicate_of else None
    return _page(
        request,
        "document.html",
        d=d,
        meta=meta,
        body=body,
        quotes=quotes,
        positions=positions,
        actors_here=[(k, names.get(k, k), n) for k, n in actors_here],
        events=store.events(doc_id=d.id),
        stories=stories,
        dup_of=dup_of,
        source_href=render.safe_href(d.url) or render.safe_href(d.source),
        writes=get_settings(request).write_token is not None,
        here=f"/documents/{render.path_part(d.id)}",
        nav="documents",
    )


def _table(request: Request, view: tables.TableView, nav: str) -> Response:
    """A table page, or with `format=csv|jsonl` exactly the rows it shows (same filters, sort, page)."""
    store = get_store(request)
    query = dict(request.query_params)
    fmt = query.pop("format", None)
    shown = tables.show(store, view, query)
    here = {**shown.args, **({"cursor": query["cursor"]} if query.get("cursor") else {})}
    if fmt is not None:
        kind = params.list_format(fmt)
        if kind == "json":
            raise BadRequest("format: a table downloads as csv or jsonl (the API answers JSON)")
        return tabular.download(tables.export_rows(shown), kind, view.name)

    def url(args: dict[str, str]) -> str:
        return f"/{view.name}" + (f"?{urlencode(args)}" if args else "")

    headers: list[tuple[tables.Col, str | None, str]] = []
    for c in view.columns:
        if not c.order:
            headers.append((c, None, ""))
            continue
        current = shown.sort.lstrip("-") == c.name
        desc_now = shown.sort.startswith("-")
        # A click on the sorted column reverses it; on another, numbers start high, text at A.
        nxt = ("" if desc_now else "-") if current else ("-" if c.num else "")
        sort = nxt + c.name
        args = {k: v for k, v in shown.args.items() if k != "sort"}
        if sort != view.default_sort:
            args["sort"] = sort
        headers.append((c, url(args), ("▼" if desc_now else "▲") if current else ""))
    body = [
        [(c, _cell(r.get(c.name)), c.href(r) if c.href else None) for c in view.columns] for r in shown.rows
    ]
    label = next(c.label for c in view.columns if c.name == shown.sort.lstrip("-"))
    return _page(
        request,
        "table.html",
        t=shown,
        tables=[(v.name, v.title) for v in tables.VIEWS.values()],
        filtered=any(k not in ("sort", "limit") for k in shown.args),
        headers=headers,
        body=body,
        sort_label=f"{label.lower()} {'descending' if shown.sort.startswith('-') else 'ascending'}",
        csv_href=url({**here, "format": "csv"}),
        jsonl_href=url({**here, "format": "jsonl"}),
        next_href=url({**shown.args, "cursor": shown.next_cursor}) if shown.next_cursor else None,
        prev_href=url({**shown.args, "cursor": shown.prev_cursor}) if shown.prev_cursor else None,
        nav=nav,
    )


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value) if len(str(value)) <= 300 else str(value)[:300] + "…"


@router.get("/documents", response_class=HTMLResponse)
def documents_table(request: Request) -> Response:
    return _table(request, tables.DOCUMENTS, "documents")


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> Response:
    return _table(request, tables.ACTORS, "actors")


@router.get("/quotes", response_class=HTMLResponse)
def quotes_table(request: Request) -> Response:
    return _table(request, tables.QUOTES, "actors")


@router.get("/positions", response_class=HTMLResponse)
def positions_table(request: Request) -> Response:
    return _table(request, tables.POSITIONS, "issues")


@dataclass(slots=True)
class ChartPair:
    wide: chart.Chart
    narrow: chart.Chart


def _span(store: Store, doc_ids: set[str]) -> tuple[float, float] | None:
    docs = store.list_documents(DocFilter(doc_ids=sorted(doc_ids)), limit=None) if doc_ids else []
    return chart.published_span([d.published for d in docs])


def _actor_charts(store: Store, a: Actor, positions: list[Position]) -> list[dict[str, Any]]:
    by_issue: dict[str, list[Position]] = defaultdict(list)
    for p in positions:
        by_issue[p.issue].append(p)
    names = data.actor_names(store)
    out = []
    for issue_name in sorted(by_issue):
        ps = by_issue[issue_name]
        shifts = data.shifts_for(ps, a.key)
        rows = data.build_rows(ps, issue=issue_name, actor=a.key, names=names)
        span = _span(store, {p.doc_id for p in ps})
        title = f"{a.name} on {issue_name}"
        out.append(
            {
                "issue": issue_name,
                "chart": ChartPair(
                    *(
                        chart.stance_chart(ps, shifts, title=title, rows=rows, span=span, geo=g)
                        for g in (chart.WIDE, chart.NARROW)
                    )
                ),
                "rows": rows,
                "shifts": shifts,
                "count": len(ps),
            }
        )
    return out


# Rows per page of an actor's quotes and positions (an actor quoted in thousands of documents).
ACTOR_PAGE = 20


@router.get("/actors/{actor}", response_class=HTMLResponse)
def actor(request: Request, actor: str, quotes: str | None = None, positions: str | None = None) -> HTMLResponse:
    store = get_store(request)
    a = data.find_actor(store, actor)
    counts = store.actor_counts().get(a.key, {})
    # The charts aggregate every position (markers share a slot with a count); the tables below are
    # the paged tables' pages (web/tables.py), each with its own cursor in the page's query.
    charts = _actor_charts(store, a, store.positions(actor_keys=[a.key]))
    limit = str(ACTOR_PAGE)
    said = tables.show(store, tables.QUOTES, {"speaker": a.key, "cursor": quotes or "", "limit": limit})
    held = tables.show(store, tables.POSITIONS, {"actor": a.key, "cursor": positions or "", "limit": limit})
    shown = sorted({r["doc_id"] for r in said.rows} | {r["doc_id"] for r in held.rows})
    docs = {d.id: d for d in store.list_documents(DocFilter(doc_ids=shown), limit=None)}
    here = f"/actors/{render.path_part(a.key)}"

    def link(**cursors: str | None) -> str:
        kept = {"quotes": quotes, "positions": positions, **cursors}
        query = urlencode({k: v for k, v in kept.items() if v})
        return f"{here}?{query}#{next(iter(cursors))}" if query else f"{here}#{next(iter(cursors))}"

    return _page(
        request,
        "actor.html",
        a=a,
        counts=counts,
        charts=charts,
        said=said,
        held=held,
        quote_pages=(
            link(quotes=said.prev_cursor) if said.prev_cursor else None,
            link(quotes=said.next_cursor) if said.next_cursor else None,
        ),
        position_pages=(
            link(positions=held.prev_cursor) if held.prev_cursor else None,
            link(positions=held.next_cursor) if held.next_cursor else None,
        ),
        docs=docs,
        writes=get_settings(request).write_token is not None,
        made=[c for c in store.corrections(("merge", "rename", "split")) if a.key in (c.target, c.value.get("into"))],
        nav="actors",
    )


def _svg(request: Request, c: chart.Chart, label: str, name: str) -> Response:
    body = templates.get_template("chart.svg").render(chart=c, label=label, css=_CHART_CSS)
    return Response(
        body.encode("utf-8"),
        media_type="image/svg+xml",
        headers={"Content-Disposition": f'inline; filename="{name}.svg"'},
    )


_CHART_CSS = (Path(__file__).parent / "static" / "chart.css").read_text(encoding="utf-8")


def chart_name(*parts: str) -> str:
    """A file name for a chart download: letters, digits and dashes from its subject."""
    return "-".join(re.sub(r"[^A-Za-z0-9]+", "-", p).strip("-").lower()[:60] or "chart" for p in parts)


@router.get("/actors/{actor}/chart.svg")
def actor_chart_svg(request: Request, actor: str, issue: str) -> Response:
    store = get_store(request)
    a = data.find_actor(store, actor)
    name = data.resolve_issue(store, issue)
    ps = [p for p in store.positions(actor_keys=[a.key]) if p.issue == name]
    if not ps:
        raise NotFound(f"{a.name} has no positions on {name!r}")
    (c,) = [x for x in _actor_charts(store, a, ps) if x["issue"] == name]
    return _svg(request, c["chart"].wide, f"{a.name} on {name}: stance over time", chart_name(a.name, name))


@router.get("/issues", response_class=HTMLResponse)
def issues(request: Request) -> HTMLResponse:
    store = get_store(request)
    per, actors_per = data.issue_tallies(store)
    items = [(n, per.get(n, Counter()), actors_per.get(n, 0)) for n in data.issue_names(store)]
    return _page(request, "issues.html", items=items, nav="issues")


@router.get("/issues/{name}", response_class=HTMLResponse)
def issue(request: Request, name: str) -> HTMLResponse:
    store = get_store(request)
    issue_name = data.resolve_issue(store, name)
    positions = store.positions(issue=issue_name)
    names = data.actor_names(store)
    shifts = data.shifts_for(positions)
    rows = data.build_rows(positions, issue=issue_name, actor=None, names=names)
    cells = _grid_cells(rows)
    periods: list[str | None] = [*sorted({c.period for c in cells if c.period})]
    if any(c.period is None for c in cells):
        periods.append(None)
    count = Counter(p.actor_key for p in positions)
    keys = sorted(count, key=lambda k: (-count[k], names.get(k, k)))
    grid: dict[str, dict[str | None, Any]] = defaultdict(dict)
    for c in cells:
        grid[c.actor_key][c.period] = c
    plotted = _plotted(positions, cells)
    shifts.sort(key=lambda s: (s.after_date or "", s.actor), reverse=True)
    span = _span(store, {p.doc_id for p in positions})
    return _page(
        request,
        "issue.html",
        issue=issue_name,
        chart=ChartPair(
            *(chart.swimlane_chart(plotted, shifts, names, title=issue_name, span=span, geo=g)
              for g in (chart.WIDE, chart.NARROW))
        ),
        chart_name=chart_name(issue_name),
        keys=keys,
        names=names,
        periods=periods,
        grid=grid,
        shifts=shifts[:MAX_SHIFTS],
        n_shifts=len(shifts),
        aggregated=plotted is not positions,
        tally=Counter(p.stance for p in positions),
        nav="issues",
    )


def _grid_cells(rows: list[Any]) -> list[Any]:
    dated = sorted({r.period for r in rows if r.period})
    # A readable grid has a couple of dozen columns: fall back to months, then years.
    width = 0
    if len(dated) > MAX_COLUMNS:
        width = 7 if len({p[:7] for p in dated}) <= MAX_COLUMNS else 4
    return data.bucket_rows(rows, width)


def _plotted(positions: list[Position], cells: list[Any]) -> list[Position]:
    # Thousands of points make an unreadable chart and a huge page: one per grid cell instead.
    return positions if len(positions) <= MAX_POINTS else [c.positions[0] for c in cells]


@router.get("/issues/{name}/chart.svg")
def issue_chart_svg(request: Request, name: str) -> Response:
    store = get_store(request)
    issue_name = data.resolve_issue(store, name)
    positions = store.positions(issue=issue_name)
    names = data.actor_names(store)
    rows = data.build_rows(positions, issue=issue_name, actor=None, names=names)
    c = chart.swimlane_chart(
        _plotted(positions, _grid_cells(rows)),
        data.shifts_for(positions),
        names,
        title=issue_name,
        span=_span(store, {p.doc_id for p in positions}),
    )
    return _svg(request, c, f"All actors on {issue_name} over time", chart_name(issue_name))


def _form_writer(request: Request) -> None:
    """The pages' forms: the token as a bearer header or as the password of HTTP Basic."""
    check_write_token(get_settings(request), request.headers.get("authorization", ""), browser=True)


@router.post("/corrections", dependencies=[Depends(_form_writer)])
async def correct(request: Request) -> Response:
    """A correction from a page's form; back to the page it came from, which shows it."""
    form = await request.form(max_files=0, max_fields=60)
    fields: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str) and v.strip()}
    fields["aliases"] = [a for x in form.getlist("aliases") if isinstance(x, str) for a in x.split(",") if a.strip()]
    back = fields.pop("next", "/")
    try:
        body = corrections.CorrectionIn.model_validate(fields)
    except ValueError as exc:
        raise BadRequest(f"the correction could not be read: {exc}") from exc
    store = get_store(request)
    c = corrections.build(store, body)
    await get_writer(request).run(lambda: store.add_correction(c))
    request.app.state.cache.writes += 1
    if c.kind == "merge":
        back = f"/actors/{render.path_part(str(c.value['into']))}"
    # Only a path on this site: a form field must not send the browser elsewhere.
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"
    return RedirectResponse(back, status_code=303)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, page: int = 1) -> HTMLResponse:
    if not 1 <= page <= 1_000_000:
        raise BadRequest("page must be a number from 1")
    store = get_store(request)
    # A page of stories, newest first: the list's cost stays that of one page as stories accumulate.
    items = store.stories(limit=STORIES_PER_PAGE + 1, offset=(page - 1) * STORIES_PER_PAGE)
    more, items = len(items) > STORIES_PER_PAGE, items[:STORIES_PER_PAGE]
    ids = sorted({i for s in items for i in s.doc_ids})
    docs = {d.id: d for d in store.list_documents(DocFilter(doc_ids=ids), limit=None)} if ids else {}
    nxt = page + 1 if more else None
    return _page(request, "stories.html", stories=items, docs=docs, nav="stories", page=page, next_page=nxt,
                 per_page=STORIES_PER_PAGE)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    store = get_store(request)
    s = data.find_story(store, story_id)
    frames = compare_story(store, s)
    return _page(request, "story.html", s=s, frames=frames, nav="stories")


@router.get("/digest", response_class=HTMLResponse)
def digest(
    request: Request, issue: str | None = None, since: str | None = None, until: str | None = None
) -> HTMLResponse:
    store = get_store(request)
    since, until, issue = _date_arg(since, "since"), _date_arg(until, "until"), _blank(issue)
    issue_name = data.resolve_issue(store, issue) if issue else None
    d = build_digest(store, issue=issue_name, since=since, until=until)
    params = {k: v for k, v in (("issue", issue_name), ("since", since), ("until", until)) if v}
    return _page(
        request, "digest.html", d=d, body=render_body(d), issues=data.issue_names(store), params=params, nav="digest"
    )
