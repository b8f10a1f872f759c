"""The reading commands (docs, show, search, stats) on a real SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.cli.read import highlighted

runner = CliRunner()


def test_read_docs_show_search_stats(seeded_db: str) -> None:
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


def test_read_search_counts_filters_and_pages(seeded_db: str) -> None:
    def count(*args: str) -> int:
        res = runner.invoke(app, ["search", *args, "--db", seeded_db], env={"COLUMNS": "200"})
        assert res.exit_code == 0, res.output
        m = re.search(r"^(\d+) documents? match", res.stdout, re.M)
        return int(m.group(1)) if m else 0

    everything = count("NATO")
    recent = count("NATO", "--since", "2025")
    assert 0 < recent < everything
    assert count("NATO since:2025") == recent
    assert count("NATO -membership") < everything
    paged = runner.invoke(app, ["search", "NATO", "--limit", "1", "--db", seeded_db])
    assert "next page: --offset 1" in paged.stdout
    bad = runner.invoke(app, ["search", "NATO", "--since", "2025-13-45", "--db", seeded_db])
    assert bad.exit_code == 2 and "[E150]" in bad.output


def test_read_docs_language_filter_and_column(seeded_db: str) -> None:
    env = {"COLUMNS": "200"}
    english = runner.invoke(app, ["docs", "--lang", "en", "--db", seeded_db], env=env)
    assert english.exit_code == 0 and re.search(r"\b[0-9a-f]{16}\b.*│ en +│", english.stdout)
    german = runner.invoke(app, ["docs", "--lang", "de", "--db", seeded_db], env=env)
    assert german.exit_code == 0 and not re.search(r"\b[0-9a-f]{16}\b", german.stdout)
    bad = runner.invoke(app, ["docs", "--lang", "German", "--db", seeded_db])
    assert bad.exit_code == 2 and "[E150]" in bad.output


def test_read_show_unknown_document_is_a_clear_error(seeded_db: str) -> None:
    res = runner.invoke(app, ["show", "doesnotexist", "--db", seeded_db])
    assert res.exit_code == 2 and "no document" in res.output


def test_read_search_snippet_markup_is_not_interpreted() -> None:
    # Rich markup inside article text must print literally; only our markers become style.
    t = highlighted("[bold red]x[/bold red] \x02NATO\x03 tail")
    assert t.plain == "[bold red]x[/bold red] NATO tail"
    assert [s.style for s in t.spans] == ["bold yellow"]


def test_read_quotes_explain_lists_stretches_that_are_no_quote(tmp_path: Path) -> None:
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
