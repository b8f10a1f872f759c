"""`stanceline export` on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from stanceline.cli import app

runner = CliRunner()


def test_export_documents_jsonl_and_csv(seeded_db: str, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    res = runner.invoke(app, ["export", "documents", "--format", "jsonl", "-o", str(out), "--db", seeded_db])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 5 and all(r["date_source"] == "manifest" for r in rows)
    assert not (tmp_path / "docs.jsonl.part").exists()
    res = runner.invoke(app, ["export", "documents", "--format", "csv", "--db", seeded_db])
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith("id,source,outlet,title,published")


def test_export_unknown_table_is_a_clear_error(seeded_db: str) -> None:
    res = runner.invoke(app, ["export", "nope", "--db", seeded_db])
    assert res.exit_code == 2 and "unknown table" in res.output
