"""Hostile inputs never stop the batch and never escape the folder (fast part: a small fuzz folder)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from harness import integrity, stanceline, stored_sources, texts_contain

from bench import fuzz
from stanceline.pipeline.ingest import ingest
from stanceline.store.db import Store

CODE = re.compile(r"\[E\d{3}\]$")


def test_fuzz_small_folder_fails_item_by_item(small_fuzz: fuzz.FuzzCorpus, tmp_path: Path) -> None:
    db = tmp_path / "fuzz.db"
    args = ("ingest", "--no-nlp", "--db", str(db), str(small_fuzz.root), "--manifest", str(small_fuzz.manifest))
    first = stanceline(*args)
    assert "Traceback" not in first.stderr, first.stderr[-3000:]
    assert first.code == 1, first.stderr[-2000:]  # failures reported, the run completed
    assert "ingest summary" in first.stderr
    stored = stored_sources(db)
    missing = [g for g in small_fuzz.good if g not in stored]
    assert not missing, missing
    assert all(stored[g] is None for g in small_fuzz.good)  # canonical, not duplicates
    assert not texts_contain(db, small_fuzz.secret_marker)
    assert not texts_contain(db, "root:x:0:0")
    with sqlite3.connect(db) as conn:
        reasons = [r for (r,) in conn.execute("SELECT reason FROM ingest_log WHERE status = 'failed'")]
    assert reasons and all(CODE.search(r) for r in reasons), [r for r in reasons if not CODE.search(r)][:5]
    assert integrity(db) == "ok"

    # A second run adds nothing (in-process here; the slow suite repeats the command line).
    with Store(f"sqlite:///{db}") as store:
        again = ingest(store, [str(small_fuzz.root)], manifest=small_fuzz.manifest)
    assert again.counts["new"] == again.counts["duplicate"] == 0
    assert stored_sources(db) == stored
    assert integrity(db) == "ok"
