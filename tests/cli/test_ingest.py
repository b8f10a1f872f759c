"""`stanceline ingest`: a bad file or manifest is its own failure row and a non-zero exit."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from stanceline.cli import app

runner = CliRunner()


def test_ingest_bad_inputs_fail_their_own_rows_and_exit_nonzero(seeded_db: str, tmp_path: Path) -> None:
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


_UNION_STORY = (
    "Harbour strike talks resume\n\n"
    "The Harbour Workers Union said on Monday that talks with the port operator would resume next week. "
    "The Harbour Workers Union has called for higher wages and shorter shifts, and the port operator said it "
    "would consider the request. Negotiators from both sides met for four hours before the talks broke off.\n"
)


def _mentions_by_name(db: str) -> dict[str, int]:
    res = runner.invoke(app, ["export", "entities", "--format", "jsonl", "--db", db])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    return {r["name"]: r["mentions"] for r in rows if r["mentions"]}


def test_ingest_aliases_file_names_the_canonical_actor_and_analyze_applies_a_new_one(tmp_path: Path) -> None:
    article = tmp_path / "union.txt"
    article.write_text(_UNION_STORY, encoding="utf-8")
    aliases = tmp_path / "aliases.toml"
    aliases.write_text('[actors."Dockworkers Federation"]\ntype = "ORG"\naliases = ["Harbour Workers Union"]\n')
    db = str(tmp_path / "a.db")
    res = runner.invoke(app, ["ingest", str(article), "--db", db])
    assert res.exit_code == 0, res.output
    assert _mentions_by_name(db) == {"Harbour Workers Union": 2}
    # The alias file changes the NLP stage's version, so analyze recomputes the stored document.
    res = runner.invoke(app, ["analyze", "--aliases", str(aliases), "--db", db])
    assert res.exit_code == 0, res.output
    assert _mentions_by_name(db) == {"Dockworkers Federation": 2}


def test_ingest_bad_aliases_file_is_an_error_before_any_work(tmp_path: Path) -> None:
    bad = tmp_path / "aliases.toml"
    bad.write_text('[actors."X"]\ntype = "PLANET"\n')
    db = tmp_path / "b.db"
    res = runner.invoke(app, ["ingest", str(tmp_path), "--aliases", str(bad), "--db", str(db)])
    assert res.exit_code == 2 and "unknown type" in res.output
    assert not db.exists()


def test_ingest_foreign_language_reported_not_analysed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "de.txt").write_text(
        "Der Gemeinderat hat am Donnerstag beschlossen, das Hallenbad im Herbst für Renovierungsarbeiten "
        "zu schließen. Die Arbeiten sollen bis zum Frühjahr dauern, teilte die Verwaltung mit. " * 2,
        encoding="utf-8",
    )
    (src / "en.txt").write_text(
        "The town council decided on Thursday to close the indoor pool in autumn for renovation. "
        "The work should last until spring, the administration said. " * 2,
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'lang.db'}"
    res = runner.invoke(app, ["ingest", str(src), "--db", db], env={"COLUMNS": "300"})
    assert res.exit_code == 0, res.output
    assert "1 document not analysed" in res.output
    shown = runner.invoke(app, ["docs", "--lang", "de", "--db", db], env={"COLUMNS": "300"})
    assert shown.exit_code == 0 and "│ de " in shown.stdout
    found = runner.invoke(app, ["search", "Hallenbad", "--db", db])
    assert "1 document match" in found.stdout
