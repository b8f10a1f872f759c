"""`stanceline ingest`: a bad file or manifest is its own failure row and a non-zero exit."""

from __future__ import annotations

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
