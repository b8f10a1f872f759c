"""The `stanceline` command line: one thin function per command; the work happens in the stages."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from stanceline import __version__
from stanceline.config import FetchOptions, IngestOptions, default_db_url, normalise_db_url
from stanceline.errors import StancelineError
from stanceline.model import Issue
from stanceline.store.db import DocFilter, Store
from stanceline.store.dialect import HL_END, HL_START

app = typer.Typer(
    name="stanceline",
    help="Who said what, who did what, and who stands where on which issue — and when that changed.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
issues_app = typer.Typer(help="List the tracked issues, or suggest new ones from the corpus.")
app.add_typer(issues_app, name="issues")

console = Console()
err = Console(stderr=True)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", envvar="STANCELINE_DB", help="Database URL or SQLite path (default: ./stanceline.db)."),
]
IssuesOpt = Annotated[
    Path | None,
    typer.Option("--issues", envvar="STANCELINE_ISSUES", help="Issues TOML file (default: the shipped demo issue)."),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output format: table, jsonl or csv.")]


def _version(value: bool) -> None:
    if value:
        console.print(f"stanceline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """stanceline: evidence-linked quotes, events and stance timelines from news articles."""


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    url = normalise_db_url(db) if db else default_db_url()
    try:
        store = Store(url)
    except StancelineError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    try:
        yield store
    finally:
        store.close()


def _fail(exc: Exception, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(code)


def _load_issues(path: Path | None) -> list[Issue]:
    from stanceline.nlp.issues import load_issues

    return load_issues(path)


# -- ingest and analyze ---------------------------------------------------------------------------
@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, RSS/Atom feeds, WARC or JSONL files.")],
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", "-m", help="JSONL manifest: file, url, outlet, title, published."),
    ] = None,
    db: DbOpt = None,
    issues: IssuesOpt = None,
    nlp: Annotated[bool, typer.Option("--nlp/--no-nlp", help="Run entities, quotes, events and stance.")] = True,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes for cleaning and NLP.")] = 1,
    executor: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    favor_precision: Annotated[bool, typer.Option(help="Clean more aggressively: less chrome, may drop text.")] = False,
    favor_recall: Annotated[bool, typer.Option(help="Clean less aggressively: keep more, may keep chrome.")] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching URLs on private or loopback addresses.")] = False,
    max_file_mb: Annotated[int, typer.Option(help="Refuse input files larger than this.")] = 50,
) -> None:
    """Ingest articles and run the whole pipeline: clean → date → dedup → store → NLP → analysis."""
    from stanceline.pipeline.ingest import SourceOutcome
    from stanceline.pipeline.ingest import ingest as run_ingest
    from stanceline.sources.inputs import plan_sources

    if executor not in ("local", "dask"):
        raise _fail(ValueError(f"unknown executor {executor!r}: use local or dask"))
    options = IngestOptions(
        max_file_bytes=max_file_mb * 1024 * 1024,
        workers=workers,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        fetch=FetchOptions(allow_private=allow_private),
    )
    try:
        issue_list = _load_issues(issues) if nlp else []
    except StancelineError as exc:
        raise _fail(exc) from exc
    with open_store(db) as store:
        planned = plan_sources(inputs, manifest=manifest)
        progress = _progress()
        with progress:
            task = progress.add_task("ingest", total=len(planned) or None, rate="")
            started = time.perf_counter()
            last_file: list[str] = []
            docs = [0]

            def on_outcome(o: SourceOutcome) -> None:
                file_part = o.source.split("#", 1)[0]
                if not last_file or last_file[0] != file_part:
                    last_file[:] = [file_part]
                    progress.advance(task)
                docs[0] += 1
                rate = docs[0] / max(time.perf_counter() - started, 1e-6)
                progress.update(task, rate=f"{rate:.1f} docs/s")

            try:
                report = run_ingest(
                    store,
                    inputs,
                    manifest=manifest,
                    options=options,
                    executor=executor,  # type: ignore[arg-type]
                    on_outcome=on_outcome,
                )
            except StancelineError as exc:
                raise _fail(exc) from exc
            progress.update(task, completed=progress.tasks[0].total or docs[0])
        _print_ingest_summary(report)
        interrupted = report.interrupted
        if nlp and not interrupted:
            interrupted = _run_nlp(store, issue_list, workers)
        if not interrupted:
            _run_stories(store)
            _print_found(store)
    if interrupted:
        err.print("[yellow]interrupted:[/yellow] everything finished so far is stored; run the same command to resume.")
        raise typer.Exit(130)
    if report.failed:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
    )


def _run_nlp(store: Store, issue_list: list[Issue], workers: int) -> bool:
    from stanceline.errors import ModelMissingError
    from stanceline.nlp.stage import pending_documents, run_nlp

    try:
        pending = pending_documents(store, issue_list)
    except ModelMissingError as exc:
        raise _fail(exc) from exc
    if not pending:
        return False
    progress = _progress()
    with progress:
        task = progress.add_task("nlp", total=len(pending), rate="")
        started = time.perf_counter()
        words = [0]

        def on_doc(_doc_id: str, n_words: int) -> None:
            words[0] += n_words
            rate = words[0] / max(time.perf_counter() - started, 1e-6)
            progress.update(task, advance=1, rate=f"{rate:,.0f} words/s")

        try:
            rep = run_nlp(store, issues=issue_list, doc_ids=pending, n_process=workers, on_doc=on_doc)
        except StancelineError as exc:
            raise _fail(exc) from exc
    err.print(
        f"nlp: {rep.documents} documents, {rep.words:,} words in {rep.seconds:.1f}s "
        f"({rep.words / max(rep.seconds, 1e-6):,.0f} words/s): {rep.quotes} quotes, {rep.events} events, "
        f"{rep.positions} positions"
    )
    return rep.interrupted


def _run_stories(store: Store) -> None:
    try:
        from stanceline.analyze.stories import build_stories
    except ImportError:
        return
    store.replace_stories(build_stories(list(store.iter_documents(DocFilter(include_duplicates=False)))))


def _print_ingest_summary(report: object) -> None:
    from stanceline.pipeline.ingest import IngestReport

    assert isinstance(report, IngestReport)
    c = report.counts
    rate = (c["new"] + c["duplicate"]) / max(report.seconds, 1e-6)
    table = Table(title="ingest summary", show_header=True)
    for col in ("new", "duplicate", "unchanged", "failed", "words", "docs/s"):
        table.add_column(col, justify="right")
    table.add_row(
        str(c["new"]),
        str(c["duplicate"]),
        str(c["unchanged"]),
        str(c["failed"]),
        f"{report.words:,}",
        f"{rate:.1f}",
    )
    err.print(table)
    if report.duplicates:
        dup = Table(title="duplicates", show_header=True)
        dup.add_column("source")
        dup.add_column("duplicate of")
        dup.add_column("why")
        for o in report.duplicates:
            dup.add_row(escape(o.source), o.duplicate_of or "", escape(o.reason or ""))
        err.print(dup)
    if report.failures:
        fail = Table(title="failed", show_header=True, title_style="red")
        fail.add_column("source", overflow="fold")
        fail.add_column("reason")
        for o in report.failures:
            fail.add_row(escape(o.source), escape(o.reason or ""))
        err.print(fail)


def _print_found(store: Store) -> None:
    s = store.stats()
    console.print(
        f"[bold]{s['canonical']}[/bold] documents ({s['duplicates']} duplicates), {s['words']:,} words, "
        f"{s['actors']} actors, {s['quotes']} quotes, {s['events']} events, {s['positions']} positions, "
        f"{s['stories']} stories — dates {s['earliest'] or '?'} … {s['latest'] or '?'}"
    )


@app.command()
def analyze(
    db: DbOpt = None,
    issues: IssuesOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1)] = 1,
) -> None:
    """Re-run the analysis stages over the stored corpus (e.g. after the issues file changed)."""
    try:
        issue_list = _load_issues(issues)
    except StancelineError as exc:
        raise _fail(exc) from exc
    with open_store(db) as store:
        if _run_nlp(store, issue_list, workers):
            raise typer.Exit(130)
        _run_stories(store)
        _print_found(store)


# -- reading --------------------------------------------------------------------------------------
@app.command()
def docs(
    db: DbOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY[-MM[-DD]]).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only documents mentioning this actor.")] = None,
    duplicates: Annotated[bool, typer.Option("--duplicates/--no-duplicates", help="Include duplicates.")] = True,
    limit: Annotated[int, typer.Option(min=1)] = 50,
) -> None:
    """List documents, newest first, with filters."""
    with open_store(db) as store:
        actor_key = actor_keys_or_fail(store, actor)[0] if actor else None
        f = DocFilter(outlet=outlet, since=since, until=until, actor_key=actor_key, include_duplicates=duplicates)
        table = Table(show_header=True)
        for col in ("id", "published", "date source", "outlet", "title", "words", "duplicate of"):
            if col == "id":
                table.add_column(col, no_wrap=True, min_width=16)
                continue
            # Ids and dates must stay copyable whole; titles give way to the terminal's width.
            wide = col in ("title", "outlet")
            table.add_column(
                col,
                no_wrap=True,
                overflow="ellipsis" if wide else "fold",
                min_width=None if wide else max(len(col), 10 if col == "published" else 0),
            )
        for d in store.list_documents(f, limit=limit):
            table.add_row(
                d.id,
                d.published or "—",
                d.date_source,
                escape(d.outlet or "—"),
                escape((d.title or d.text[:60]).strip()),
                str(len(d.text.split())),
                d.duplicate_of or "",
            )
        console.print(table)


@app.command()
def show(doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")], db: DbOpt = None) -> None:
    """Show one document: metadata, date provenance, clean text, and what was extracted from it."""
    with open_store(db) as store:
        d = store.get_document(doc_id)
        if d is None:
            raise _fail(KeyError(f"no document {doc_id!r}"))
        meta = store.document_meta(d.id)
        console.rule(escape(d.title or "(untitled)"))
        for k, v in (
            ("id", d.id),
            ("source", d.source),
            ("url", d.url),
            ("outlet", d.outlet),
            ("author", d.author),
            (
                "published",
                f"{d.published or 'unknown'} (from {d.date_source}, confidence {d.date_confidence:.2f})",
            ),
            ("date evidence", meta.get("date_evidence")),
            ("language", d.language),
            ("duplicate of", d.duplicate_of),
        ):
            if v:
                console.print(f"[bold]{k}:[/bold] {escape(str(v))}")
        console.print()
        console.print(Text(d.text))
        quotes = store.quotes(doc_id=d.id)
        if quotes:
            console.rule("quotes")
            for q in quotes:
                console.print(f"[bold]{escape(q.speaker or '?')}[/bold] ({q.kind}, {escape(q.cue or '')}): ", end="")
                console.print(Text(q.text))
        positions = store.positions(doc_id=d.id)
        if positions:
            console.rule("positions")
            for p in positions:
                console.print(f"[bold]{escape(p.actor)}[/bold] {p.stance} on {escape(p.issue)} ({p.voice}): ", end="")
                console.print(Text(p.evidence))


def highlighted(snippet: str) -> Text:
    """Render a search snippet: article text stays text; only our own markers become style."""
    out = Text()
    rest = snippet
    while HL_START in rest:
        before, _, tail = rest.partition(HL_START)
        hit, _, rest = tail.partition(HL_END)
        out.append(before)
        out.append(hit, style="bold yellow")
    out.append(rest)
    return out


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words or "a phrase"; all must match.')],
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Full-text search over the corpus, ranked, with highlighted snippets."""
    with open_store(db) as store:
        hits = store.search(query, limit=limit)
        if not hits:
            console.print("no matches")
            return
        for h in hits:
            d = store.get_document(h.doc_id)
            title = (d.title if d else None) or "(untitled)"
            console.print(f"[bold]{h.doc_id}[/bold] {escape(title)} [dim]{d.published if d else ''}[/dim]")
            console.print(highlighted(h.snippet))
            console.print()


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="documents, quotes, entities, events, positions, shifts or stories.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    db: DbOpt = None,
) -> None:
    """Export a table as JSONL or CSV (columns as in DESIGN.md)."""
    from stanceline.render.export import export as run_export
    from stanceline.render.export import exporters, formats

    if table not in exporters.names():
        raise _fail(ValueError(f"unknown table {table!r}; choose from {', '.join(exporters.names())}"))
    if fmt not in formats.names():
        raise _fail(ValueError(f"unknown format {fmt!r}; choose from {', '.join(formats.names())}"))
    with open_store(db) as store:
        if output is None:
            n = run_export(store, table, fmt, sys.stdout)
        else:
            # Write next to the target and rename: an interrupted export never leaves half a file.
            tmp = output.with_name(output.name + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as out:
                n = run_export(store, table, fmt, out)
            tmp.replace(output)
        err.print(f"exported {n} {table}" + (f" to {output}" if output else ""))


@app.command()
def stats(db: DbOpt = None) -> None:
    """Corpus statistics: documents, duplicates, words, extractions, date sources, outlets."""
    with open_store(db) as store:
        s = store.stats()
        table = Table(show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        for k in (
            "documents",
            "canonical",
            "duplicates",
            "words",
            "raw_bytes",
            "actors",
            "mentions",
            "quotes",
        ):
            table.add_row(k, f"{s[k]:,}")
        for k in ("events", "positions", "stories"):
            table.add_row(k, f"{s[k]:,}")
        table.add_row("earliest", str(s["earliest"] or "—"))
        table.add_row("latest", str(s["latest"] or "—"))
        for src, n in sorted(s["date_sources"].items()):
            table.add_row(f"date from {src}", str(n))
        for outlet, n in sorted(s["outlets"].items()):
            table.add_row(f"outlet: {escape(outlet)}", str(n))
        console.print(table)


def find_actor_keys(store: Store, name: str) -> list[str]:
    """Actor keys whose canonical name, alias or key matches `name` (case-insensitive), best first."""
    from stanceline.nlp.actors.keys import actor_key

    needle = name.casefold().strip()
    exact: list[str] = []
    partial: list[str] = []
    keys_for_name = {actor_key(name, t) for t in ("PERSON", "ORG", "GPE", "NORP")}
    for a in store.get_actors():
        names = [a.name, *a.aliases]
        if a.key in keys_for_name or any(n.casefold() == needle for n in names):
            exact.append(a.key)
        elif any(needle in n.casefold() for n in names):
            partial.append(a.key)
    return exact or partial


def actor_keys_or_fail(store: Store, name: str) -> list[str]:
    keys = find_actor_keys(store, name)
    if not keys:
        raise _fail(ValueError(f"no actor matches {name!r}; see `stanceline actors`"))
    return keys


@app.command()
def actors(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE or NORP.")] = None,
) -> None:
    """List canonical actors with aliases and mention, document and quote counts."""
    with open_store(db) as store:
        counts = store.actor_counts()
        rows = [a for a in store.get_actors() if not type_ or a.type == type_.upper()]
        rows.sort(key=lambda a: (-counts.get(a.key, {}).get("mentions", 0), a.name))
        table = Table(show_header=True)
        for col in ("actor", "type", "aliases", "roles", "mentions", "docs", "quotes"):
            table.add_column(col)
        for a in rows[:limit]:
            c = counts.get(a.key, {})
            table.add_row(
                escape(a.name),
                a.type,
                escape(", ".join(x for x in a.aliases if x != a.name)[:80]),
                escape("; ".join(a.roles)[:60]),
                str(c.get("mentions", 0)),
                str(c.get("documents", 0)),
                str(c.get("quotes", 0)),
            )
        console.print(table)


def _explain_quotes(store: Store, doc_id: str, fmt: str) -> None:
    """The stretches in quotation marks of one document that are no quote record, with the reason."""
    from stanceline.nlp.actors.keys import AliasTable
    from stanceline.nlp.analysis import explain_text

    d = store.get_document(doc_id)
    assert d is not None
    found = explain_text(d.id, d.text, AliasTable.load())
    rows = [
        {"doc_id": d.id, "start": r.start, "end": r.end, "text": r.text, "reason": r.reason} for r in found.rejected
    ]
    if fmt != "table":
        from stanceline.render.export import formats

        formats.get(fmt)(rows, sys.stdout, ["doc_id", "start", "end", "text", "reason"])
        return
    table = Table(show_header=True, title=f"{len(found.quotes)} quote records; stretches in marks that are none:")
    for col in ("reason", "text", "at"):
        table.add_column(col)
    for r in rows:
        table.add_row(escape(str(r["reason"])), escape(str(r["text"])), f"{r['start']}-{r['end']}")
    console.print(table)


@app.command()
def quotes(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option(help="Only quotes by this actor (name or alias).")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only quotes from this document.")] = None,
    fmt: FormatOpt = "table",
    explain: Annotated[
        bool, typer.Option("--explain", help="With --doc: also list the quoted stretches that are no quote, and why.")
    ] = False,
) -> None:
    """Who said what: quotes with their resolved speakers."""
    with open_store(db) as store:
        keys = actor_keys_or_fail(store, speaker) if speaker else None
        doc_id = None
        if doc:
            d = store.get_document(doc)
            if d is None:
                raise _fail(KeyError(f"no document {doc!r}"))
            doc_id = d.id
        if explain:
            if doc_id is None:
                raise _fail(ValueError("--explain needs --doc ID (it re-reads that one document)"))
            _explain_quotes(store, doc_id, fmt)
            return
        rows = store.quotes(doc_id=doc_id, speaker_keys=keys)
        if fmt != "table":
            from stanceline.render.export import COLUMNS, formats

            data = [
                {
                    "id": q.id,
                    "doc_id": q.doc_id,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    "cue": q.cue,
                    "speaker": q.speaker,
                    "speaker_mention": q.speaker_mention,
                }
                for q in rows
            ]
            formats.get(fmt)(data, sys.stdout, [c for c in COLUMNS["quotes"] if c in data[0]] if data else [])
            return
        table = Table(show_header=True, show_lines=True)
        for col in ("speaker", "as", "kind", "cue", "quote", "doc"):
            table.add_column(col)
        for q in rows:
            table.add_row(
                escape(q.speaker or "?"),
                escape(q.speaker_mention or ""),
                q.kind,
                escape(q.cue or ""),
                Text(q.text),
                q.doc_id,
            )
        console.print(table)


@app.command()
def timeline(
    issue: Annotated[str, typer.Option("--issue", "-i", help="Issue name (see `stanceline issues`).")],
    actor: Annotated[str | None, typer.Option("--actor", "-a", help="Only this actor (name or alias).")] = None,
    db: DbOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Who stands where on an issue over time, with evidence; shifts are marked."""
    from stanceline.analyze.timeline import build_timeline, detect_shifts

    with open_store(db) as store:
        positions = store.positions(issue=issue)
        if not positions:
            known = sorted({p.issue for p in store.positions()})
            hint = f"; issues with positions: {', '.join(known)}" if known else "; run `stanceline analyze`"
            raise _fail(ValueError(f"no positions for issue {issue!r}{hint}"))
        names = {a.key: a.name for a in store.get_actors()}
        actor_filter = actor_keys_or_fail(store, actor)[0] if actor else None
        rows = build_timeline(positions, issue=positions[0].issue, actor=actor_filter, actor_names=names)
        shifts = [s for s in detect_shifts(positions) if actor_filter in (None, s.actor_key)]
        if fmt in ("jsonl", "csv"):
            from stanceline.render.export import formats

            data = [
                {
                    "actor": r.actor,
                    "actor_key": r.actor_key,
                    "issue": r.issue,
                    "period": r.period,
                    "stance": r.stance,
                    "confidence": r.confidence,
                    "n_positions": r.n_positions,
                    "evidence": [p.evidence for p in r.positions],
                    "doc_ids": [p.doc_id for p in r.positions],
                    "voices": [p.voice for p in r.positions],
                }
                for r in rows
            ]
            cols = list(data[0]) if data else []
            formats.get(fmt)(data, sys.stdout, cols)
            return
        if fmt != "table":
            raise _fail(ValueError(f"unknown format {fmt!r}: table, jsonl or csv"))
        shift_at = {(s.actor_key, s.after_doc) for s in shifts}
        table = Table(title=f"{escape(positions[0].issue)}: positions over time", show_lines=True)
        for col in ("period", "actor", "stance", "conf", "voice", "evidence", "doc"):
            table.add_column(col)
        for r in rows:
            for i, p in enumerate(r.positions):
                mark = " [bold magenta]◆ shift[/bold magenta]" if (r.actor_key, p.doc_id) in shift_at and i == 0 else ""
                table.add_row(
                    r.period or "undated",
                    escape(r.actor) if i == 0 else "",
                    f"{p.stance}{mark}",
                    f"{p.confidence:.2f}",
                    p.voice,
                    Text(p.evidence),
                    p.doc_id,
                )
        console.print(table)
        for s in shifts:
            console.print(
                f"[bold magenta]shift[/bold magenta] {escape(s.actor)}: {s.from_stance} ({s.before_date}) → "
                f"{s.to_stance} ({s.after_date})"
            )
            console.print(Text("  before: " + s.before_evidence))
            console.print(Text("  after:  " + s.after_evidence))


@issues_app.callback(invoke_without_command=True)
def issues_list(ctx: typer.Context, issues: IssuesOpt = None) -> None:
    """List the issues that positions are tracked for."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        issue_list = _load_issues(issues)
    except StancelineError as exc:
        raise _fail(exc) from exc
    table = Table(show_header=True)
    for col in ("issue", "description", "terms"):
        table.add_column(col)
    for i in issue_list:
        table.add_row(escape(i.name), escape(i.description), escape(", ".join(i.terms)))
    console.print(table)


@issues_app.command("suggest")
def issues_suggest(
    db: DbOpt = None,
    top: Annotated[int, typer.Option(min=1)] = 10,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, or toml to paste into an issues file.")] = "table",
) -> None:
    """Propose candidate issues: contested noun phrases with both supporting and opposing cues."""
    from stanceline.nlp.issues import suggest_issues
    from stanceline.nlp.pipeline import load_nlp

    with open_store(db) as store:
        texts = (d.text for d in store.iter_documents(DocFilter(include_duplicates=False)))
        try:
            suggestions = suggest_issues(texts, load_nlp(), top=top)
        except StancelineError as exc:
            raise _fail(exc) from exc
    if fmt == "toml":
        for s in suggestions:
            issue = s.as_issue()
            sys.stdout.write(
                "[[issues]]\n"
                f"name = {json.dumps(issue.name, ensure_ascii=False)}\n"
                f"description = {json.dumps(issue.description, ensure_ascii=False)}\n"
                f"terms = {json.dumps(list(issue.terms), ensure_ascii=False)}\n\n"
            )
        return
    table = Table(show_header=True, show_lines=True)
    for col in ("phrase", "sentences", "supporting cues", "opposing cues", "example"):
        table.add_column(col)
    for s in suggestions:
        table.add_row(
            escape(s.phrase),
            str(s.count),
            str(s.n_support_cues),
            str(s.n_oppose_cues),
            Text(s.examples[0] if s.examples else ""),
        )
    console.print(table)
    if suggestions:
        err.print("accept one by adding it to your issues file: stanceline issues suggest --format toml")


@app.command()
def stories(db: DbOpt = None) -> None:
    """List story clusters: documents about the same event or topic across outlets."""
    with open_store(db) as store:
        table = Table(show_header=True)
        for col in ("story", "label", "from", "to", "docs", "terms"):
            table.add_column(col)
        for s in store.stories():
            table.add_row(
                s.id,
                escape(s.label),
                s.start or "—",
                s.end or "—",
                str(len(s.doc_ids)),
                escape(", ".join(s.terms[:6])),
            )
        console.print(table)


@app.command()
def digest(
    db: DbOpt = None,
    issue: Annotated[str | None, typer.Option(help="Only this issue.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    base_url: Annotated[
        str, typer.Option(help="Where `stanceline serve` runs: links point at its document pages.")
    ] = "http://127.0.0.1:8000",
) -> None:
    """A brief in the style of a weekly diplomacy newsletter, every line traceable to its evidence."""
    from stanceline.analyze.digest import build_digest, render_html, render_markdown

    if fmt not in ("md", "html"):
        raise _fail(ValueError(f"unknown format {fmt!r}: md or html"))
    with open_store(db) as store:
        d = build_digest(store, issue=issue, since=since, until=until)
        base = base_url.rstrip("/")
        out = render_markdown(d, base_url=base) if fmt == "md" else render_html(d, base_url=base)
    if output:
        output.write_text(out, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(out)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="uvicorn worker processes (default 1). Reads scale with them; writes still go one at a "
            "time (SQLite: WAL with a 30 s busy timeout).",
        ),
    ] = 1,
) -> None:
    """Serve the web pages and the REST API (OpenAPI at /docs)."""
    import uvicorn

    from stanceline.web.app import APP_FACTORY, create_app, settle_heap

    url = normalise_db_url(db) if db else default_db_url()
    if workers > 1 and _in_memory(url):
        raise _fail(
            ValueError(
                "--workers > 1 needs a database file or server: each worker would get its own empty in-memory database"
            )
        )
    err.print(
        f"serving {url} on http://{host}:{port}/  (API docs at /docs)"
        + (f" with {workers} workers" if workers > 1 else "")
    )
    if workers == 1:
        web = create_app(url)
        settle_heap()
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    # Worker processes import the app by name, so the database travels in the environment; the
    # schema is migrated here, once, rather than by every worker racing at start-up.
    with open_store(url):
        pass
    os.environ["STANCELINE_DB"] = url
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning")


def _in_memory(url: str) -> bool:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return u.get_backend_name() == "sqlite" and (u.database in (None, "", ":memory:") or "memory" in str(u.query))
