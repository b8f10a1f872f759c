"""The command line's surface: every command answers --help and is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from stanceline.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def commands() -> list[str]:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    return [*sorted(n for n in names if n), "issues"]


def test_app_every_command_has_help_and_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in commands():
        res = runner.invoke(app, [name, "--help"])
        assert res.exit_code == 0, (name, res.output)
        assert re.search(rf"stanceline {name}\b", readme), f"README does not document `stanceline {name}`"
