from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_folder import BODY, gz, make, page

from bench import gold


def test_extract_runs_on_another_folder_and_counts_broken_pages(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import extract

    rows = [
        {"id": "p1", "url": "https://example.org/news/1", "text": "\n".join(BODY), "page_type": "article",
         "split": "test"},
        {"id": "p2", "url": "https://example.org/news/2", "text": "\n".join(BODY[:2]), "page_type": "article",
         "split": "test"},
        {"id": "gone", "url": None, "text": "a page whose file is missing", "page_type": "article",
         "split": "test"},
        {"id": "broken", "url": None, "text": "a page whose file is not gzip", "page_type": "article",
         "split": "test"},
        {"id": "devpage", "url": None, "text": "another split", "page_type": "article", "split": "dev"},
    ]
    pages = {"p1": gz(page("2024-03-05", BODY)), "p2": gz(page("2024-03-06", BODY[:2])),
             "broken": b"<html>not gzipped</html>", "devpage": gz(page("2024-03-07", BODY))}
    root = make(tmp_path, "wcxb", rows, pages)
    monkeypatch.setenv(gold.ROOT_ENV, str(root))
    out = tmp_path / "res" / "extract"
    rc = extract.main(["--benchmarks", str(root), "--split", "test", "--systems", "stanceline", "trafilatura",
                       "--procs", "1", "--out", str(out), "--preds", str(tmp_path / "preds")])
    assert rc == 0
    result = json.loads(out.with_suffix(".json").read_text())
    assert result["meta"]["sets"] == ["wcxb"]  # the two sets not in the folder are skipped
    assert result["meta"]["split"] == "test" and result["meta"]["benchmarks"] == str(root.resolve())
    ours = result["results"]["stanceline"]["wcxb"]
    assert ours["n_text"] == 4  # the dev page is not scored
    assert ours["errors"] == 2  # the missing and the broken page file, and the run went on
    # the two readable pages are found whole: half of the four pages' F1 at most, nearly all of it
    assert 0.45 < ours["tok_f1"] <= 0.5
    preds = [json.loads(x) for x in (tmp_path / "preds" / "wcxb.stanceline.jsonl").read_text().splitlines()]
    assert {p["id"] for p in preds} == {"p1", "p2", "gone", "broken"}
