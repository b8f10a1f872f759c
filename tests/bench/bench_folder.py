"""A small benchmark folder in the shared layout, written from generated pages, for harness tests."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCORE = REPO.parent / "shared" / "benchmarks" / "score"

BODY = [
    "The harbour authority said on Tuesday that the new ferry terminal would open in the spring, two years "
    "after construction began on the reclaimed land north of the old fish market.",
    "Engineers had to reinforce the quay after tests showed the soil settling faster than expected, a problem "
    "that added several months and a considerable sum to the budget approved by the council.",
    "Residents of the waterfront district welcomed the opening date but asked for more buses, saying the only "
    "road to the terminal is already crowded on weekday mornings and during the summer season.",
]


def page(day: str, body: list[str]) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (
        "<html><head><title>Ferry terminal to open in spring</title>"
        f'<meta property="article:published_time" content="{day}T09:30:00+00:00"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>Ferry terminal to open in spring</h1>{paras}</article>"
        "<footer><p>Copyright 2024 The Harbour Gazette. All rights reserved.</p></footer></body></html>"
    )


def make(tmp: Path, set_name: str, rows: list[dict[str, object]], pages: dict[str, bytes]) -> Path:
    """`rows` as gold.jsonl lines; `pages` maps an id to the bytes stored as its .html.gz (an id
    left out has no page file). The shared scorers are copied in; without them the test skips."""
    if not (SCORE / "score_extract.py").is_file():
        pytest.skip(f"shared scorers not found at {SCORE}")
    root = tmp / "benchmarks"
    if not (root / "score").exists():
        shutil.copytree(SCORE, root / "score")
    (root / set_name / "html").mkdir(parents=True)
    (root / set_name / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    for pid, raw in pages.items():
        (root / set_name / "html" / f"{pid}.html.gz").write_bytes(raw)
    return root


def gz(html: str) -> bytes:
    return gzip.compress(html.encode("utf-8"))
