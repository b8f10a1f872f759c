"""Writing the corpus out: `stanceline export` (tables as JSONL/CSV) and `stanceline digest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stanceline.cli.app import DbOpt, app, err, fail, open_store
from stanceline.render.export import export as run_export
from stanceline.render.export import exporters, formats


@app.command(rich_help_panel="Export")
def export(
    table: Annotated[str, typer.Argument(help="documents, quotes, entities, events, positions, shifts or stories.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    db: DbOpt = None,
) -> None:
    """Export a table as JSONL or CSV (columns as in DESIGN.md)."""
    if table not in exporters.names():
        raise fail(ValueError(f"unknown table {table!r}; choose from {', '.join(exporters.names())}"))
    if fmt not in formats.names():
        raise fail(ValueError(f"unknown format {fmt!r}; choose from {', '.join(formats.names())}"))
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


@app.command(rich_help_panel="Export")
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
    # Loaded here, not at import: every other command (an ingest re-run above all) skips their cost.
    from stanceline.analyze.digest import build_digest
    from stanceline.render.digest import render_html, render_markdown

    if fmt not in ("md", "html"):
        raise fail(ValueError(f"unknown format {fmt!r}: md or html"))
    with open_store(db) as store:
        d = build_digest(store, issue=issue, since=since, until=until)
        base = base_url.rstrip("/")
        out = render_markdown(d, base_url=base) if fmt == "md" else render_html(d, base_url=base)
    if output:
        output.write_text(out, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(out)
