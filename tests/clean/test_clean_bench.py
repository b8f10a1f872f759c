"""Benchmark checks over the dev gold sets (slow: run with `pytest -m slow`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

pytestmark = pytest.mark.slow


def _bench_available() -> bool:
    from bench.gold import root

    return (root() / "wcxb" / "gold.jsonl").exists()


@pytest.fixture(autouse=True)
def _need_benchmarks() -> None:
    if not _bench_available():
        pytest.skip("../shared/benchmarks not found (set STANCELINE_BENCHMARKS)")


def test_clean_text_beats_c4_rules_on_rendered_pages() -> None:
    from bench.textscrape import run

    table = run(["wcxb"], limit=80, procs=2)
    ours, c4 = table["stanceline"]["wcxb"], table["c4_rules"]["wcxb"]
    assert ours["tok_f1"] > c4["tok_f1"]
    assert ours["leak"] < c4["leak"]


def test_clean_html_at_least_matches_trafilatura(tmp_path: Path) -> None:
    from bench.extract import run

    table = run(["scrapinghub_aeb"], ["stanceline", "trafilatura"], limit=40, procs=2, outdir=tmp_path)
    ours, peer = table["stanceline"]["scrapinghub_aeb"], table["trafilatura"]["scrapinghub_aeb"]
    assert ours["sh4_f1"] >= peer["sh4_f1"] - 0.005
    assert ours["errors"] == 0


def test_clean_text_leaves_clean_article_texts_whole() -> None:
    from bench.cleantext import run

    table = run()
    assert table, "no clean texts found"
    for name, r in table.items():
        assert r["texts"] > 0, name
        assert (r["changed"], r["dropped"]) == (0, 0), (name, r["changed_docs"])
