"""`stanceline ingest` and `stanceline analyze`: run the pipeline over inputs, or the analysis
stages again over the stored corpus, with progress on stderr and a summary at the end.

The pipeline and NLP modules are imported inside the commands that run them: loading trafilatura,
htmldate and spaCy takes seconds that `stanceline docs` or `--help` should not pay."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from stanceline.analyze.stories import update_stories
from stanceline.cli.app import (
    AliasesOpt,
    DbOpt,
    IssuesOpt,
    aliases_or_fail,
    app,
    console,
    err,
    fail,
    issues_or_fail,
    open_store,
)
from stanceline.cli.safe import escape
from stanceline.config import FetchOptions, IngestOptions
from stanceline.errors import ModelMissingError, StancelineError
from stanceline.model import Issue
from stanceline.store.db import Store

if TYPE_CHECKING:
    from stanceline.nlp.stage import NlpReport
    from stanceline.pipeline.ingest import IngestReport, SourceOutcome
    from stanceline.scale.executor import ExecutorOptions

ExecutorOpt = Annotated[
    str, typer.Option(help="local (this process, or a process pool with --workers) or dask (a cluster).")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        envvar="DASK_SCHEDULER_ADDRESS",
        help="Dask scheduler address (tcp://HOST:8786) for --executor dask; without it a local cluster of "
        "--workers processes. A remote scheduler needs a PostgreSQL --db.",
    ),
]


def _executor(name: str, workers: int, scheduler: str | None) -> ExecutorOptions:
    from stanceline.scale.executor import ExecutorOptions

    if name not in ("local", "dask"):
        raise fail(ValueError(f"unknown executor {name!r}: use local or dask"))
    return ExecutorOptions(name=name, workers=workers, scheduler=scheduler)  # type: ignore[arg-type]


@app.command(rich_help_panel="Ingest")
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs, RSS/Atom feeds, WARC or JSONL files.")],
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", "-m", help="JSONL manifest: file, url, outlet, title, published."),
    ] = None,
    db: DbOpt = None,
    issues: IssuesOpt = None,
    aliases: AliasesOpt = None,
    nlp: Annotated[bool, typer.Option("--nlp/--no-nlp", help="Run entities, quotes, events and stance.")] = True,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes for cleaning and NLP.")] = 1,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    writes: Annotated[
        str,
        typer.Option(help="Who stores NLP results: writer (this process) or workers (PostgreSQL only)."),
    ] = "writer",
    favor_precision: Annotated[bool, typer.Option(help="Clean more aggressively: less chrome, may drop text.")] = False,
    favor_recall: Annotated[bool, typer.Option(help="Clean less aggressively: keep more, may keep chrome.")] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching URLs on private or loopback addresses.")] = False,
    max_file_mb: Annotated[int, typer.Option(help="Refuse input files larger than this.")] = 50,
    follow_symlinks: Annotated[
        bool, typer.Option(help="Read symbolic links that point out of an input folder (never by default).")
    ] = False,
) -> None:
    """Ingest articles and run the whole pipeline: clean → date → dedup → store → NLP → analysis."""
    from stanceline.pipeline.ingest import ingest as run_ingest
    from stanceline.sources.inputs import plan_sources

    ex_opts = _executor(executor, workers, scheduler)
    if writes not in ("writer", "workers"):
        raise fail(ValueError(f"unknown --writes {writes!r}: use writer or workers"))
    options = IngestOptions(
        max_file_bytes=max_file_mb * 1024 * 1024,
        workers=workers,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        fetch=FetchOptions(allow_private=allow_private),
        follow_symlinks=follow_symlinks,
    )
    issue_list = issues_or_fail(issues) if nlp else []
    aliases_or_fail(aliases)
    with open_store(db) as store:
        planned = plan_sources(inputs, manifest=manifest, follow_symlinks=follow_symlinks)
        progress = _progress()
        with progress:
            task = progress.add_task("ingest", total=len(planned) or None, rate="")
            nlp_task = progress.add_task("nlp", total=None, rate="") if nlp else None
            started = time.perf_counter()
            last_file: list[str] = []
            docs = [0]
            words = [0]

            def on_nlp(_doc_id: str, n_words: int) -> None:
                words[0] += n_words
                rate = words[0] / max(time.perf_counter() - started, 1e-6)
                if nlp_task is not None:
                    progress.update(nlp_task, advance=1, rate=f"{rate:,.0f} words/s")

            def on_outcome(o: SourceOutcome) -> None:
                file_part = o.source.split("#", 1)[0]
                if not last_file or last_file[0] != file_part:
                    last_file[:] = [file_part]
                    progress.advance(task)
                docs[0] += 1
                rate = docs[0] / max(time.perf_counter() - started, 1e-6)
                progress.update(task, rate=f"{rate:.1f} docs/s")

            nlp_on_executor = nlp and _on_executor(ex_opts, aliases)
            try:
                report = run_ingest(
                    store,
                    inputs,
                    manifest=manifest,
                    options=options,
                    executor=ex_opts,
                    issues=issue_list if nlp_on_executor else None,
                    writes=writes,  # type: ignore[arg-type]
                    on_outcome=on_outcome,
                    on_nlp=on_nlp,
                    # Stories need the documents, not their NLP: assigned while the workers finish it.
                    on_documents_stored=(lambda: _run_stories(store)) if nlp_on_executor else None,
                )
            except StancelineError as exc:
                raise fail(exc) from exc
            progress.update(task, completed=progress.tasks[0].total or docs[0])
        _print_ingest_summary(report)
        interrupted = report.interrupted
        if report.nlp is not None:
            _print_nlp_summary(report.nlp)
        if nlp and not _on_executor(ex_opts, aliases) and not interrupted:
            interrupted = _run_nlp(store, issue_list, ex_opts, aliases)
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


def _on_executor(ex_opts: ExecutorOptions, aliases: Path | None) -> bool:
    """NLP as tasks on the executor (pipeline/flow.py) for a pool or a cluster; in this process, the
    NLP runner of nlp/stage.py (which also takes a user alias file)."""
    return aliases is None and (ex_opts.name == "dask" or ex_opts.workers > 1)


def _run_nlp(store: Store, issue_list: list[Issue], ex_opts: ExecutorOptions, aliases: Path | None) -> bool:
    from stanceline.nlp.stage import pending_documents, run_nlp
    from stanceline.pipeline.analyze import analyze_pending

    try:
        pending = pending_documents(store, issue_list, aliases)
    except ModelMissingError as exc:
        raise fail(exc) from exc
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
            if not _on_executor(ex_opts, aliases):
                rep = run_nlp(store, issues=issue_list, doc_ids=pending, on_doc=on_doc, aliases_file=aliases)
            else:
                rep = analyze_pending(store, issue_list, executor=ex_opts, on_nlp=on_doc)
        except StancelineError as exc:
            raise fail(exc) from exc
    _print_nlp_summary(rep)
    return rep.interrupted


def _print_nlp_summary(rep: NlpReport) -> None:
    if rep.documents:
        err.print(
            f"nlp: {rep.documents} documents, {rep.words:,} words in {rep.seconds:.1f}s "
            f"({rep.words / max(rep.seconds, 1e-6):,.0f} words/s): {rep.quotes} quotes, {rep.events} events, "
            f"{rep.positions} positions"
        )
    if rep.unanalysable:
        # Stored and searchable all the same; `stats` lists them with the reason (a language without
        # a pipeline, a model failure, the time budget).
        n = rep.unanalysable
        err.print(f"nlp: {n} document{'s' if n != 1 else ''} not analysed (`stanceline stats` says why)")


def _run_stories(store: Store) -> None:
    update_stories(store)


SHOWN_FAILURES = 50
_CODE = re.compile(r"\[(E\d{3})\]$")


def _code(reason: str | None) -> str:
    m = _CODE.search(reason or "")
    return m.group(1) if m else "E000"


def _print_ingest_summary(report: IngestReport) -> None:
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
        for o in report.duplicates[:SHOWN_FAILURES]:
            dup.add_row(escape(o.source), o.duplicate_of or "", escape(o.reason or ""))
        err.print(dup)
        if len(report.duplicates) > SHOWN_FAILURES:
            err.print(f"… {len(report.duplicates) - SHOWN_FAILURES:,} more duplicates not shown")
    if report.failures:
        fail = Table(title="failed", show_header=True, title_style="red")
        fail.add_column("source", overflow="fold")
        fail.add_column("reason")
        for o in report.failures[:SHOWN_FAILURES]:
            fail.add_row(escape(o.source), escape(o.reason or ""))
        err.print(fail)
        if len(report.failures) > SHOWN_FAILURES:
            # A hostile folder fails thousands of ways: a count per code, and where the rest are.
            codes = Counter(_code(o.reason) for o in report.failures)
            by_code = ", ".join(f"{code} ×{n:,}" for code, n in codes.most_common())
            err.print(
                f"… {len(report.failures) - SHOWN_FAILURES:,} more failures not shown ({by_code}); "
                f"all of them: stanceline failures --run {report.run_id}"
            )


def _print_found(store: Store) -> None:
    s = store.stats()
    console.print(
        f"[bold]{s['canonical']}[/bold] documents ({s['duplicates']} duplicates), {s['words']:,} words, "
        f"{s['actors']} actors, {s['quotes']} quotes, {s['events']} events, {s['positions']} positions, "
        f"{s['stories']} stories — dates {s['earliest'] or '?'} … {s['latest'] or '?'}"
    )


@app.command(rich_help_panel="Ingest")
def analyze(
    db: DbOpt = None,
    issues: IssuesOpt = None,
    aliases: AliasesOpt = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Processes (or local cluster workers).")] = 1,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Re-run the analysis stages over the stored corpus (e.g. after the issues or alias file changed)."""
    issue_list = issues_or_fail(issues)
    aliases_or_fail(aliases)
    ex_opts = _executor(executor, workers, scheduler)
    with open_store(db) as store:
        if _run_nlp(store, issue_list, ex_opts, aliases):
            raise typer.Exit(130)
        _run_stories(store)
        _print_found(store)
