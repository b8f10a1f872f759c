"""REST API under /api. Reads are open; writes need the bearer token and run on the writer thread."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field
from sqlalchemy import update

from stanceline.analyze.digest import build_digest
from stanceline.analyze.framing import compare_story
from stanceline.analyze.stories import update_stories
from stanceline.config import FetchOptions, IngestOptions
from stanceline.model import Quote, anchor, record_dict
from stanceline.nlp.issues import load_issues
from stanceline.render.digest import render_html, render_markdown
from stanceline.store import schema as t
from stanceline.store.db import DocFilter, Store
from stanceline.store.search import QueryError, parse_query
from stanceline.web import corrections, data, paging, params, tabular
from stanceline.web.deps import (
    ERROR_RESPONSES,
    WRITE_ERROR_RESPONSES,
    ApiError,
    BadRequest,
    StoreDep,
    WriteAuth,
    get_settings,
    get_store,
    get_writer,
)

if TYPE_CHECKING:
    from stanceline.pipeline.ingest import IngestReport

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, dependencies=[Depends(params.strict_query)])

Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
DateParam = Annotated[str | None, Query(description=params.DATE_HELP)]
Cursor = Annotated[str | None, Query(description="The `next` value of the previous page (opaque).")]
Format = Annotated[
    str | None,
    Query(description="json (default: `{items, total, next}`), csv or jsonl (the same page's items)."),
]


def _json(payload: Any) -> JSONResponse:
    """Straight to JSON: FastAPI's generic encoder costs more than the query on big pages."""
    return JSONResponse(payload)


def _list(
    items: list[dict[str, Any]],
    total: int,
    nxt: str | None,
    fmt: str | None,
    name: str,
    columns: tuple[str, ...] = (),
    **extra: Any,
) -> Response:
    """A page of a list in the format asked for: JSON `{items, total, next}`, or the same items as a
    CSV or JSON Lines file whose headers carry the total and the next cursor."""
    kind = params.list_format(fmt)
    if kind == "json":
        return _json(paging.page(items, total, nxt, **extra))
    resp = tabular.download(items, kind, name, columns)
    resp.headers["X-Total-Count"] = str(total)
    if nxt:
        resp.headers["X-Next-Cursor"] = nxt
    return resp


def _offset_page(rows: list[Any], kind: str, cursor: str | None, limit: int) -> tuple[list[Any], int, str | None]:
    offset = paging.offset_of(cursor, kind)
    return rows[offset : offset + limit], len(rows), paging.next_offset(kind, offset, limit, len(rows))


def _actor_key(store: Store, actor: str | None) -> str | None:
    return data.find_actor(store, actor).key if actor else None


@router.get("", summary="What this API offers: every endpoint with its summary (works offline, unlike /docs)")
def index(request: Request) -> dict[str, Any]:
    routes = [
        {"method": method.upper(), "path": path, "summary": op.get("summary")}
        for path, ops in request.app.openapi()["paths"].items()
        if path.startswith("/api/")
        for method, op in ops.items()
    ]
    writes = request.app.state.settings.write_token is not None
    return {
        "name": "stanceline",
        "openapi": "/openapi.json",
        "writes": "enabled: send Authorization: Bearer <token>" if writes else "disabled (no token configured)",
        "endpoints": routes,
    }


# -- documents ------------------------------------------------------------------------------------
@router.get("/documents", summary="List documents, newest first, with filters and a cursor")
def list_documents(
    store: StoreDep,
    outlet: str | None = None,
    since: DateParam = None,
    until: DateParam = None,
    actor: Annotated[str | None, Query(description="Actor key, name or alias.")] = None,
    issue: str | None = None,
    duplicates: bool = True,
    limit: Limit = 50,
    cursor: Cursor = None,
    format: Format = None,
) -> Response:
    f = DocFilter(
        outlet=outlet,
        since=params.date(since, "since"),
        until=params.date(until, "until"),
        actor_key=_actor_key(store, actor),
        issue=data.resolve_issue(store, issue) if issue else None,
        include_duplicates=duplicates,
    )
    docs, nxt = data.page_documents(store, f, limit=limit, cursor=cursor)
    return _list([data.doc_summary(d) for d in docs], store.count_documents(f), nxt, format, "documents")


@router.get("/documents/{doc_id}", summary="One document: full text, date provenance, extractions")
def get_document(store: StoreDep, doc_id: str) -> JSONResponse:
    d = data.get_document(store, doc_id)
    meta = store.document_meta(d.id)
    out = data.doc_summary(d)
    out.update(
        {
            "text": d.text,
            "raw_hash": d.raw_hash,
            "date_evidence": meta.get("date_evidence"),
            "meta": {k: v for k, v in meta.items() if k != "date_evidence"},
            "quotes": [_quote_json(q) for q in store.quotes(doc_id=d.id, flagged=True)],
            "mentions": [
                {"actor_key": m.actor_key, "text": m.text, "start": m.start, "end": m.end, "type": m.type}
                for m in store.mentions(doc_id=d.id)
            ],
            "positions": [data.position_json(p) for p in store.positions(doc_id=d.id, flagged=True)],
            "events": [
                {
                    "id": e.id,
                    "actor": e.actor,
                    "actor_key": e.actor_key,
                    "action": e.action,
                    "target": e.target,
                    "date": e.date,
                    "evidence": e.evidence,
                    "start": e.start,
                    "end": e.end,
                    "trigger_start": e.trigger_start,
                }
                for e in store.events(doc_id=d.id)
            ],
        }
    )
    return _json(out)


# The deepest hit a search pages to, and the most it counts.
SEARCH_DEPTH = 10_000


@router.get(
    "/search",
    summary="Full-text search with highlighted snippets",
    description="Words and \"phrases\" all match; `OR` between terms, `-word` or `NOT word` excludes; "
    "filters as `outlet:`, `since:`, `until:`, `lang:`, `actor:` in `q` or as parameters (the parameter "
    "wins). A name or alias of a known actor also finds its other spellings. `issue` keeps documents "
    "holding a position on that issue (404 for an issue with no positions).",
)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = 20,
    cursor: Cursor = None,
    format: Format = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    lang: Annotated[str | None, Query(max_length=3)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    issue: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    offset = paging.offset_of(cursor, "search")
    issue_name = data.resolve_issue(store, issue) if issue else None
    if offset > SEARCH_DEPTH:
        raise BadRequest(f"search pages reach {SEARCH_DEPTH:,} hits deep; narrow the query")
    try:
        query = parse_query(q, outlet=outlet, since=since, until=until, language=lang, actor=actor)
    except QueryError as exc:
        raise BadRequest(exc.message) from exc
    found = store.search_page(query, limit=limit, offset=offset, issue=issue_name)
    hits, total = found.hits, found.total
    docs = {d.id: d for d in store.list_documents(DocFilter(doc_ids=[h.doc_id for h in hits]), limit=None)}
    items = []
    for h in hits:
        text, ranges = data.split_snippet(h.snippet)
        d = docs.get(h.doc_id)
        items.append(
            {
                "doc_id": h.doc_id,
                "score": h.score,
                "snippet": text,
                "highlights": [list(r) for r in ranges],
                "document": data.doc_summary(d) if d else None,
            }
        )
    return _list(items, total, paging.next_offset("search", offset, limit, total), format, "search")


# -- actors ---------------------------------------------------------------------------------------
@router.get("/actors", summary="Actors with aliases and mention, document and quote counts")
def list_actors(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Substring of a name or alias.")] = None,
    type: Annotated[str | None, Query(pattern="^(PERSON|ORG|GPE|NORP)$")] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
    format: Format = None,
) -> Response:
    counts = store.actor_counts()
    rows = [a for a in store.get_actors() if not type or a.type == type]
    if q:
        needle = q.casefold()
        rows = [a for a in rows if any(needle in n.casefold() for n in (a.name, *a.aliases, a.key))]
    rows.sort(key=lambda a: (-counts.get(a.key, {}).get("mentions", 0), a.name.casefold(), a.key))
    page, total, nxt = _offset_page(rows, "actors", cursor, limit)
    return _list([data.actor_json(a, counts.get(a.key)) for a in page], total, nxt, format, "actors")


@router.get("/actors/{actor}", summary="One actor (key, name or alias) with counts and issues")
def get_actor(store: StoreDep, actor: str) -> dict[str, Any]:
    return _actor_payload(store, actor)


def _actor_payload(store: Store, actor: str) -> dict[str, Any]:
    a = data.find_actor(store, actor)
    out = data.actor_json(a, store.actor_counts().get(a.key))
    out["issues"] = sorted({p.issue for p in store.positions(actor_keys=[a.key])})
    return out


class AliasEdit(BaseModel):
    aliases: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(max_length=500)
    name: Annotated[str | None, Field(min_length=1, max_length=200)] = None


@router.put(
    "/actors/{actor}/aliases",
    summary="Replace an actor's aliases (and optionally its display name); needs the token",
    dependencies=[WriteAuth],
    responses=WRITE_ERROR_RESPONSES,
)
async def edit_aliases(request: Request, actor: str, body: AliasEdit) -> dict[str, Any]:
    store = get_store(request)
    writer = get_writer(request)
    a = data.find_actor(store, actor)
    aliases = sorted({" ".join(x.split()) for x in body.aliases if x.strip()})
    values: dict[str, Any] = {"aliases_json": json.dumps(aliases, ensure_ascii=False)}
    if body.name:
        values["name"] = " ".join(body.name.split())

    def write() -> None:
        with store.write_lock, store.engine.begin() as conn:
            conn.execute(update(t.actors).where(t.actors.c.key == a.key).values(**values))

    await writer.run(write)
    request.app.state.cache.writes += 1
    return _actor_payload(store, a.key)


# -- corrections ----------------------------------------------------------------------------------
@router.post(
    "/corrections",
    summary="Correct the analysis (merge/split/rename an actor, flag a position or quote); needs the token",
    dependencies=[WriteAuth],
    responses=WRITE_ERROR_RESPONSES,
    status_code=201,
)
async def add_correction(request: Request, body: corrections.CorrectionIn) -> dict[str, Any]:
    store = get_store(request)
    c = corrections.build(store, body)
    stored = await get_writer(request).run(lambda: store.add_correction(c))
    request.app.state.cache.writes += 1
    return corrections.correction_json(stored)


@router.get("/corrections", summary="The corrections people made, oldest first")
def list_corrections(store: StoreDep, limit: Limit = 100, cursor: Cursor = None, format: Format = None) -> Response:
    page, total, nxt = _offset_page(store.corrections(), "corrections", cursor, limit)
    return _list([corrections.correction_json(c) for c in page], total, nxt, format, "corrections")


# -- quotes ---------------------------------------------------------------------------------------
def _quote_json(q: Quote) -> dict[str, Any]:
    return {**record_dict(q), "link": f"/documents/{q.doc_id}#{anchor(q.id)}"}


@router.get("/quotes", summary="Quotes, by speaker and/or document")
def list_quotes(
    store: StoreDep,
    speaker: Annotated[str | None, Query(description="Actor key, name or alias.")] = None,
    doc: Annotated[str | None, Query(description="Document id.")] = None,
    limit: Limit = 100,
    cursor: Cursor = None,
    format: Format = None,
) -> Response:
    keys = [data.find_actor(store, speaker).key] if speaker else None
    doc_id = data.get_document(store, doc).id if doc else None
    rows = store.quotes(doc_id=doc_id, speaker_keys=keys, flagged=True)
    page, total, nxt = _offset_page(rows, "quotes", cursor, limit)
    return _list([_quote_json(q) for q in page], total, nxt, format, "quotes")


# -- positions, timeline, shifts ------------------------------------------------------------------
@router.get("/issues", summary="Issues with positions, and configured issues")
def list_issues(store: StoreDep, limit: Limit = 100, cursor: Cursor = None, format: Format = None) -> Response:
    counts = data.issue_counts(store)
    rows = [{"name": n, "positions": counts.get(n, 0)} for n in data.issue_names(store)]
    page, total, nxt = _offset_page(rows, "issues", cursor, limit)
    return _list(page, total, nxt, format, "issues")


class IssueIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=2000)] = ""
    terms: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(min_length=1, max_length=200)


def _toml_str(s: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes for everything json.dumps emits.
    return json.dumps(" ".join(s.split()), ensure_ascii=False)


@router.post(
    "/issues",
    summary="Add an issue to the issues file; needs the token. Run `stanceline analyze` afterwards.",
    dependencies=[WriteAuth],
    responses=WRITE_ERROR_RESPONSES,
    status_code=201,
)
async def add_issue(request: Request, body: IssueIn) -> dict[str, Any]:
    settings = get_settings(request)
    writer = get_writer(request)
    path = settings.issues_path
    if path is None:
        raise ApiError(
            409,
            "no_issues_file",
            "no writable issues file is configured: set STANCELINE_ISSUES to a TOML file you own",
        )
    existing = load_issues(path) if path.exists() else []
    if any(i.name.casefold() == body.name.strip().casefold() for i in existing):
        raise ApiError(409, "conflict", f"an issue named {body.name.strip()!r} already exists")
    block = (
        "\n[[issues]]\n"
        f"name = {_toml_str(body.name)}\n"
        f"description = {_toml_str(body.description)}\n"
        f"terms = [{', '.join(_toml_str(x) for x in body.terms)}]\n"
    )

    def write() -> None:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(block)
        load_issues(path)  # fail loudly now rather than at the next analyze

    await writer.run(write)
    return {"name": body.name.strip(), "file": str(path), "next": "run `stanceline analyze` to compute positions"}


@router.get("/positions", summary="Positions (actor × issue × stance) with evidence")
def list_positions(
    store: StoreDep,
    issue: str | None = None,
    actor: str | None = None,
    doc: str | None = None,
    limit: Limit = 200,
    cursor: Cursor = None,
    format: Format = None,
) -> Response:
    keys = [data.find_actor(store, actor).key] if actor else None
    doc_id = data.get_document(store, doc).id if doc else None
    rows = store.positions(
        issue=data.resolve_issue(store, issue) if issue else None, actor_keys=keys, doc_id=doc_id, flagged=True
    )
    page, total, nxt = _offset_page(rows, "positions", cursor, limit)
    return _list([data.position_json(p) for p in page], total, nxt, format, "positions")


@router.get("/timeline", summary="Stance per actor and period on an issue, with evidence and shifts")
def timeline(
    request: Request,
    store: StoreDep,
    issue: Annotated[str, Query(min_length=1)],
    actor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=5000, description="Rows per page.")] = 500,
    cursor: Cursor = None,
    format: Format = None,
) -> Response:
    """Rows (`items`) are ordered by actor then period; a busy issue has many, so they come in pages.
    CSV and JSON Lines carry the rows; shifts are in the JSON answer."""
    name = data.resolve_issue(store, issue)
    key = _actor_key(store, actor)
    offset = paging.offset_of(cursor, "timeline")
    fmt = params.list_format(format)
    cache: data.AnswerCache = request.app.state.cache

    def compute() -> tuple[bytes, dict[str, str]]:
        page, total, positions = data.rows_page(
            store, issue=name, actor=key, names=data.actor_names(store), offset=offset, limit=limit
        )
        # Shifts belong to the actors on this page, so a client paging through gets each once.
        resp = _list(
            [data.row_json(r) for r in page],
            total,
            paging.next_offset("timeline", offset, limit, total),
            fmt,
            "timeline",
            issue=name,
            actor=key,
            shifts=[data.shift_json(s) for s in data.shifts_for(positions, key)],
        )
        return bytes(resp.body), dict(resp.headers)

    body, headers = cache.get_or_compute(store, ("timeline", name, key, limit, offset, fmt), compute)
    return Response(body, headers=headers)


@router.get("/shifts", summary="Changes of an actor's stance between dated positions")
def shifts(
    store: StoreDep,
    issue: str | None = None,
    actor: str | None = None,
    limit: Limit = 100,
    cursor: Cursor = None,
    format: Format = None,
) -> Response:
    key = _actor_key(store, actor)
    positions = store.positions(issue=data.resolve_issue(store, issue) if issue else None)
    rows = [data.shift_json(s) for s in data.shifts_for(positions, key)]
    page, total, nxt = _offset_page(rows, "shifts", cursor, limit)
    return _list(page, total, nxt, format, "shifts")


# -- stories and digest ---------------------------------------------------------------------------
def _story_json(s: Any) -> dict[str, Any]:
    return {"id": s.id, "label": s.label, "start": s.start, "end": s.end, "doc_ids": s.doc_ids, "terms": s.terms}


@router.get("/stories", summary="Story clusters: documents about one event across outlets")
def list_stories(store: StoreDep, limit: Limit = 100, cursor: Cursor = None, format: Format = None) -> Response:
    page, total, nxt = _offset_page(store.stories(), "stories", cursor, limit)
    return _list([_story_json(s) for s in page], total, nxt, format, "stories")


@router.get("/stories/{story_id}", summary="One story with each document's framing")
def get_story(store: StoreDep, story_id: str) -> JSONResponse:
    story = data.find_story(store, story_id)
    out = _story_json(story)
    out["documents"] = [
        {
            "document": data.doc_summary(f.doc),
            "distinctive_terms": f.terms,
            "quoted": [
                {
                    "speaker": q.speaker,
                    "speaker_key": q.speaker_key,
                    "quotes": q.quotes,
                    "chars": q.chars,
                    "share": q.share,
                }
                for q in f.quoted
            ],
            "positions": [data.position_json(p) for p in f.positions],
        }
        for f in compare_story(store, story)
    ]
    return _json(out)


@router.get("/digest", summary="The digest as JSON, Markdown or HTML")
def digest(
    store: StoreDep,
    issue: str | None = None,
    since: DateParam = None,
    until: DateParam = None,
    format: Annotated[str, Query(description="json, md or html (the digest is not a list: no csv).")] = "json",
) -> Any:
    if format not in ("json", "md", "html"):
        raise BadRequest(f"format: the digest comes as json, md or html, not {format[:20]!r}")
    since, until = params.date(since, "since"), params.date(until, "until")
    d = build_digest(store, issue=data.resolve_issue(store, issue) if issue else None, since=since, until=until)
    if format == "md":
        return PlainTextResponse(render_markdown(d), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(render_html(d))
    out = asdict(d)
    out["period"] = d.period
    return out


@router.get("/stats", summary="Corpus statistics")
def stats(store: StoreDep) -> dict[str, Any]:
    return store.stats()


# -- ingest ---------------------------------------------------------------------------------------
class IngestIn(BaseModel):
    urls: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(min_length=1, max_length=50)


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _report_json(report: IngestReport, nlp: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "run_id": report.run_id,
        "counts": dict(report.counts),
        "new": report.new_ids,
        "duplicates": [{"source": o.source, "duplicate_of": o.duplicate_of} for o in report.duplicates],
        "failures": [{"source": o.source, "reason": o.reason} for o in report.failures],
        "nlp": nlp,
    }


def _analyze_new(store: Store, new_ids: list[str]) -> dict[str, Any] | None:
    """Run NLP on what was just added and rebuild stories; ingest stands even if NLP is absent."""
    if not new_ids:
        return None
    # spaCy loads with the NLP stage, on the first ingest: a server that only reads never carries it.
    from stanceline.nlp.stage import run_nlp

    try:
        rep = run_nlp(store, issues=load_issues(), doc_ids=new_ids)
        result: dict[str, Any] = {"documents": rep.documents, "quotes": rep.quotes, "positions": rep.positions}
    except Exception as exc:
        result = {"error": f"NLP did not run: {exc}"}
    try:
        update_stories(store)
    except Exception as exc:
        result["stories_error"] = str(exc)
    return result


@router.post(
    "/ingest",
    summary='Ingest URLs (JSON {"urls": [...]}) or uploaded files (multipart `file`); needs the token',
    dependencies=[WriteAuth],
    responses=WRITE_ERROR_RESPONSES,
)
async def ingest(request: Request) -> dict[str, Any]:
    # The cleaning pipeline (trafilatura, htmldate, lxml: seconds and ~60 MB) loads on the first
    # ingest, so a server that only reads never carries it.
    from stanceline.pipeline.ingest import ingest as run_ingest

    settings = get_settings(request)
    store = get_store(request)
    writer = get_writer(request)
    ctype = request.headers.get("content-type", "")
    cap = settings.max_upload_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap + 64 * 1024:
        raise ApiError(413, "payload_too_large", f"request is larger than the {cap:,}-byte upload limit")
    options = IngestOptions(fetch=FetchOptions(allow_private=settings.allow_private_urls))

    if ctype.startswith("application/json"):
        try:
            body = IngestIn.model_validate_json(await _read_capped(request, 1024 * 1024))
        except ValueError as exc:
            raise BadRequest(f'expected JSON {{"urls": ["https://..."]}}: {exc}') from exc
        for u in body.urls:
            if not re.match(r"^https?://", u.strip(), re.I):
                raise BadRequest(f"only http and https URLs can be ingested, not {u[:100]!r}")

        def work_urls() -> dict[str, Any]:
            report = run_ingest(store, [u.strip() for u in body.urls], options=options)
            return _report_json(report, _analyze_new(store, report.new_ids))

        result = await writer.run(work_urls)
        request.app.state.cache.writes += 1
        return result

    if ctype.startswith("multipart/form-data"):
        form = await request.form(max_files=20, max_fields=20)
        tmp: Path | None = None
        try:
            uploads = [v for k, v in form.multi_items() if k == "file" and not isinstance(v, str)]
            if not uploads:
                raise BadRequest("send the article as a multipart field named `file`")
            meta = {
                k: v
                for k, v in form.multi_items()
                if k in ("url", "outlet", "title", "published") and isinstance(v, str)
            }
            tmp = Path(tempfile.mkdtemp(prefix="stanceline-upload-"))
            files: list[Path] = []
            total = 0
            for i, up in enumerate(uploads):
                name = _SAFE_NAME.sub("_", Path(up.filename or f"upload-{i}.html").name)[:100] or f"upload-{i}"
                content = await up.read(cap + 1 - total)
                total += len(content)
                if total > cap:
                    raise ApiError(413, "payload_too_large", f"upload is larger than the {cap:,}-byte limit")
                p = tmp / f"{i:03d}_{name}"
                p.write_bytes(content)
                files.append(p)
            manifest = None
            if meta:
                manifest = tmp / "manifest.jsonl"
                rows = "".join(json.dumps({"file": f.name, **meta}) + "\n" for f in files)
                manifest.write_text(rows, encoding="utf-8")

            def work_files() -> dict[str, Any]:
                report = run_ingest(store, [str(f) for f in files], manifest=manifest, options=options)
                return _report_json(report, _analyze_new(store, report.new_ids))

            result = await writer.run(work_files)
        finally:
            # Every way out (an answer, a refusal, a body cut off at its cap) leaves nothing behind:
            # neither our copies nor the parser's spooled files.
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
            await form.close()
        request.app.state.cache.writes += 1
        return result
    raise ApiError(
        415,
        "unsupported_media_type",
        'send application/json {"urls": [...]} or multipart/form-data with a `file` field',
    )


async def _read_capped(request: Request, cap: int) -> bytes:
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise ApiError(413, "payload_too_large", f"request body is larger than {cap:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)

