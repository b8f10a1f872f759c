"""Helpers of the robustness suite: the command line in a fresh process, and checks on its database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def stanceline(*args: str, env: dict[str, str] | None = None, timeout: float = 1800) -> Run:
    """The command line in a fresh process, as a user runs it."""
    proc = subprocess.run(
        [sys.executable, "-m", "stanceline", *args],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def stored_sources(db: Path) -> dict[str, str | None]:
    """source → duplicate_of of every stored document."""
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT source, duplicate_of FROM documents").fetchall())


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def texts_contain(db: Path, marker: str) -> bool:
    with sqlite3.connect(db) as conn:
        (n,) = conn.execute(
            "SELECT count(*) FROM documents WHERE instr(text, ?) > 0 OR instr(coalesce(title, ''), ?) > 0",
            (marker, marker),
        ).fetchone()
    return bool(n)
