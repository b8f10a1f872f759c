"""Stance over time: `stanceline timeline` and the `stanceline issues` group (list, suggest)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from stanceline.analyze.timeline import build_timeline, detect_shifts
from stanceline.cli.app import (
    DbOpt,
    FormatOpt,
    IssuesOpt,
    actor_keys_or_fail,
    app,
    console,
    err,
    fail,
    issues_app,
    issues_or_fail,
    open_store,
)
from stanceline.cli.safe import escape, plain
from stanceline.errors import StancelineError
from stanceline.nlp.issues import suggest_issues
from stanceline.render.export import formats
from stanceline.store.db import DocFilter


@app.command(rich_help_panel="Stance")
def timeline(
    issue: Annotated[str, typer.Option("--issue", "-i", help="Issue name (see `stanceline issues`).")],
    actor: Annotated[str | None, typer.Option("--actor", "-a", help="Only this actor (name or alias).")] = None,
    db: DbOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Who stands where on an issue over time, with evidence; shifts are marked."""
    with open_store(db) as store:
        positions = store.positions(issue=issue)
        if not positions:
            known = sorted({p.issue for p in store.positions()})
            hint = f"; issues with positions: {', '.join(known)}" if known else "; run `stanceline analyze`"
            raise fail(ValueError(f"no positions for issue {issue!r}{hint}"))
        names = {a.key: a.name for a in store.get_actors()}
        actor_filter = actor_keys_or_fail(store, actor)[0] if actor else None
        rows = build_timeline(positions, issue=positions[0].issue, actor=actor_filter, actor_names=names)
        shifts = [s for s in detect_shifts(positions) if actor_filter in (None, s.actor_key)]
        if fmt in ("jsonl", "csv"):
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
            raise fail(ValueError(f"unknown format {fmt!r}: table, jsonl or csv"))
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
                    plain(p.evidence),
                    p.doc_id,
                )
        console.print(table)
        for s in shifts:
            console.print(
                f"[bold magenta]shift[/bold magenta] {escape(s.actor)}: {s.from_stance} ({s.before_date}) → "
                f"{s.to_stance} ({s.after_date})"
            )
            console.print(plain("  before: " + s.before_evidence))
            console.print(plain("  after:  " + s.after_evidence))


@issues_app.callback(invoke_without_command=True)
def issues_list(ctx: typer.Context, issues: IssuesOpt = None) -> None:
    """List the issues that positions are tracked for."""
    if ctx.invoked_subcommand is not None:
        return
    issue_list = issues_or_fail(issues)
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
    # spaCy loads here, not when the command line starts.
    from stanceline.nlp.pipeline import load_nlp

    with open_store(db) as store:
        texts = (d.text for d in store.iter_documents(DocFilter(include_duplicates=False)))
        try:
            suggestions = suggest_issues(texts, load_nlp(), top=top)
        except StancelineError as exc:
            raise fail(exc) from exc
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
            plain(s.examples[0] if s.examples else ""),
        )
    console.print(table)
    if suggestions:
        err.print("accept one by adding it to your issues file: stanceline issues suggest --format toml")
