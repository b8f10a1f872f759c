"""The command line as a user runs it (typer's runner, in-process) on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stanceline.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, seeds_manifest: Path) -> str:
    """The seeds ingested without NLP into a fresh SQLite file."""
    db = str(tmp_path_factory.mktemp("cli") / "seeds.db")
    res = runner.invoke(app, ["ingest", str(seeds_dir), "--manifest", str(seeds_manifest), "--no-nlp", "--db", db])
    assert res.exit_code == 0, res.output
    return db
