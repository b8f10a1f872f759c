from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench import gold


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "wcxb").mkdir()
    (tmp_path / "wcxb" / "gold.jsonl").write_text(
        '{"id": "a", "split": "dev"}\n\n{"id": "b", "split": "test"}\n{"id": "c", "split": "dev"}\n'
    )
    return tmp_path


def test_gold_split_keeps_one_part_and_skips_blank_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(gold.ROOT_ENV, str(_folder(tmp_path)))
    assert [g["id"] for g in gold.load_gold("wcxb")] == ["a", "b", "c"]
    assert [g["id"] for g in gold.load_gold("wcxb", split="dev")] == ["a", "c"]
    monkeypatch.setenv(gold.SPLIT_ENV, "test")
    assert [g["id"] for g in gold.load_gold("wcxb")] == ["b"]
    assert [g["id"] for g in gold.load_gold("wcxb", limit=1, split="dev")] == ["a"]


def test_gold_split_with_no_rows_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(gold.ROOT_ENV, str(_folder(tmp_path)))
    assert gold.load_gold("wcxb", split="heldout") == []
    assert "no gold rows of split 'heldout'" in capsys.readouterr().err


def test_gold_bad_line_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _folder(tmp_path)
    with open(root / "wcxb" / "gold.jsonl", "a") as fh:
        fh.write("{not json\n")
    monkeypatch.setenv(gold.ROOT_ENV, str(root))
    with pytest.raises(SystemExit, match=r"gold\.jsonl line 5"):
        gold.load_gold("wcxb")


def test_gold_present_names_missing_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(gold.ROOT_ENV, str(_folder(tmp_path)))
    assert gold.present(["scrapinghub_aeb", "wcxb"], "bench.x") == ["wcxb"]
    assert "bench.x: skipping scrapinghub_aeb" in capsys.readouterr().err
    with pytest.raises(SystemExit, match="none of the sets"):
        gold.present(["trafilatura_eval"], "bench.x")


def test_gold_options_travel_to_workers_and_to_other_harnesses(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    monkeypatch.setenv(gold.ROOT_ENV, "/nowhere")
    monkeypatch.setenv(gold.SPLIT_ENV, "dev")
    ap = argparse.ArgumentParser()
    gold.add_arguments(ap)
    args = ap.parse_args(["--benchmarks", str(tmp_path), "--split", "test"])
    gold.use(args)
    assert gold.root() == tmp_path.resolve()
    assert gold.forwarded(args) == ["--benchmarks", str(tmp_path), "--split", "test"]
    assert gold.forwarded(ap.parse_args([])) == []


def test_gold_missing_scorer_is_a_clear_stop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(gold.ROOT_ENV, str(tmp_path))
    with pytest.raises(SystemExit, match="no scorer at"):
        gold.load_scorer()
