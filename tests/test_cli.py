"""The command line as a user runs it (typer's runner, in-process) on a real SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stanceline.cli import app, highlighted

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def commands() -> list[str]:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    return [*sorted(n for n in names if n), "issues"]


def test_cli_every_command_has_help_and_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in commands():
        res = runner.invoke(app, [name, "--help"])
        assert res.exit_code == 0, (name, res.output)
        assert re.search(rf"stanceline {name}\b", readme), f"README does not document `stanceline {name}`"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, seeds_manifest: Path) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "seeds.db")
    res = runner.invoke(app, ["ingest", str(seeds_dir), "--manifest", str(seeds_manifest), "--no-nlp", "--db", db])
    assert res.exit_code == 0, res.output
    return db


def test_cli_export_documents_jsonl_and_csv(seeded_db: str, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    res = runner.invoke(app, ["export", "documents", "--format", "jsonl", "-o", str(out), "--db", seeded_db])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 5 and all(r["date_source"] == "manifest" for r in rows)
    assert not (tmp_path / "docs.jsonl.part").exists()
    res = runner.invoke(app, ["export", "documents", "--format", "csv", "--db", seeded_db])
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith("id,source,outlet,title,published")


def test_cli_docs_show_search_stats(seeded_db: str) -> None:
    res = runner.invoke(app, ["docs", "--since", "2025", "--db", seeded_db], env={"COLUMNS": "200"})
    assert res.exit_code == 0 and res.stdout.count("2025-12") == 2
    doc_id = re.search(r"\b([0-9a-f]{16})\b", res.stdout)
    assert doc_id
    res = runner.invoke(app, ["show", doc_id.group(1)[:8], "--db", seeded_db])
    assert res.exit_code == 0 and "published:" in res.stdout
    res = runner.invoke(app, ["search", "security guarantees", "--db", seeded_db])
    assert res.exit_code == 0 and "guarantees" in res.stdout
    res = runner.invoke(app, ["stats", "--db", seeded_db])
    assert res.exit_code == 0 and "documents" in res.stdout


def test_cli_errors_are_clear_and_nonzero(seeded_db: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["show", "doesnotexist", "--db", seeded_db])
    assert res.exit_code == 2 and "no document" in res.output
    res = runner.invoke(app, ["export", "nope", "--db", seeded_db])
    assert res.exit_code == 2 and "unknown table" in res.output
    bad = tmp_path / "m.jsonl"
    bad.write_text('{"file": "x.txt"\n')
    empty = tmp_path / "e.txt"
    empty.write_text("")
    res = runner.invoke(app, ["ingest", str(empty), "--no-nlp", "--db", seeded_db], env={"COLUMNS": "300"})
    assert res.exit_code == 1 and "e.txt" in res.output
    good = tmp_path / "g.txt"
    good.write_text("The minister said the talks would resume next month after a long pause. " * 5)
    res = runner.invoke(
        app, ["ingest", str(good), "--manifest", str(bad), "--no-nlp", "--db", seeded_db], env={"COLUMNS": "300"}
    )
    assert res.exit_code == 1 and "m.jsonl" in res.output and "new" in res.output


def test_cli_search_snippet_markup_is_not_interpreted() -> None:
    # Rich markup inside article text must print literally; only our markers become style.
    t = highlighted("[bold red]x[/bold red] \x02NATO\x03 tail")
    assert t.plain == "[bold red]x[/bold red] NATO tail"
    assert [s.style for s in t.spans] == ["bold yellow"]


def test_cli_quotes_explain_lists_stretches_that_are_no_quote(tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Harbour vote delayed\n\n"
        "The council screened “The River That Remembers Us” before the vote on Tuesday.\n\n"
        "“We have waited long enough for an answer from the city,” said Lena Ortiz, a fisher.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")
    res = runner.invoke(app, ["ingest", str(article), "--db", db])
    assert res.exit_code == 0, res.output
    doc_id = json.loads(runner.invoke(app, ["export", "documents", "--format", "jsonl", "--db", db]).stdout)["id"]
    res = runner.invoke(app, ["quotes", "--doc", doc_id, "--explain", "--format", "jsonl", "--db", db])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert {(r["text"], r["reason"]) for r in rows} == {("The River That Remembers Us", "title")}
    res = runner.invoke(app, ["quotes", "--explain", "--db", db])
    assert res.exit_code != 0
