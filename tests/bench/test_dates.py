from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_folder import BODY, gz, make, page

from bench import gold


def test_dates_harness_scores_a_folder_with_a_missing_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import dates

    rows = [
        {"id": "d1", "url": "https://example.org/news/ferry", "date": "2024-03-05"},
        {"id": "d2", "url": "https://example.org/news/quay", "date": "2023-11-20"},
        {"id": "gone", "url": "https://example.org/news/gone", "date": "2022-01-01"},
        {"id": "undated", "url": "https://example.org/about", "date": None},
    ]
    pages = {"d1": gz(page("2024-03-05", BODY)), "d2": gz(page("2023-11-20", BODY[1:]))}
    monkeypatch.setenv(gold.ROOT_ENV, str(make(tmp_path, "htmldate_eval", rows, pages)))
    table = dates.collect(["htmldate_eval"], workers=1)
    ours = table["htmldate_eval"]["stanceline"]
    assert ours["n_date"] == 3  # the undated row is not scored
    assert ours["errors"] == 1  # the missing page is that page's error
    assert ours["date_acc"] == pytest.approx(2 / 3) and ours["date_prec"] == 1.0
    assert table["htmldate_eval"]["htmldate-extensive"]["errors"] == 1
