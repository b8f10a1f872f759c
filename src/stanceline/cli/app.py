"""The `stanceline` Typer app and what every command group shares: consoles, the --db and --issues
options, opening the store, failing with a clear message, and finding actors by name."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from stanceline import __version__
from stanceline.cli.safe import escape
from stanceline.config import default_db_url, normalise_db_url
from stanceline.errors import StancelineError
from stanceline.model import Issue
from stanceline.nlp.actors.keys import AliasTable, actor_key
from stanceline.nlp.issues import load_issues
from stanceline.store.db import Store

app = typer.Typer(
    name="stanceline",
    help="Who said what, who did what, and who stands where on which issue — and when that changed.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
issues_app = typer.Typer(help="List the tracked issues, or suggest new ones from the corpus.")
app.add_typer(issues_app, name="issues", rich_help_panel="Stance")

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
AliasesOpt = Annotated[
    Path | None,
    typer.Option(
        "--aliases",
        envvar="STANCELINE_ALIASES",
        help="Alias file (TOML or YAML, the shape of the shipped data/aliases.toml) adding to the built-in aliases.",
    ),
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


def fail(exc: Exception, code: int = 2) -> typer.Exit:
    """Print `exc` as the user's error line (escaped: it may quote their input) and the exit to raise."""
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(code)


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    url = normalise_db_url(db) if db else default_db_url()
    try:
        store = Store(url)
    except StancelineError as exc:
        raise fail(exc) from exc
    try:
        yield store
    finally:
        store.close()


def issues_or_fail(path: Path | None) -> list[Issue]:
    try:
        return load_issues(path)
    except StancelineError as exc:
        raise fail(exc) from exc


def aliases_or_fail(path: Path | None) -> None:
    """Read a user alias file now, so a bad one is an error before any work starts."""
    if path is not None:
        try:
            AliasTable.load(path)
        except StancelineError as exc:
            raise fail(exc) from exc


def find_actor_keys(store: Store, name: str) -> list[str]:
    """Actor keys whose canonical name, alias or key matches `name` (case-insensitive), best first."""
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
        raise fail(ValueError(f"no actor matches {name!r}; see `stanceline actors`"))
    return keys
