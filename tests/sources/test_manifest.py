"""The manifest: metadata per file, bad lines reported and skipped, the rest kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stanceline.errors import ManifestError
from stanceline.sources.manifest import load_manifest, normalise_published, read_manifest


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_manifest_keys_by_name_and_relative_path(tmp_path: Path) -> None:
    mf = _write(
        tmp_path / "manifest.jsonl",
        [
            json.dumps({"file": "a.txt", "outlet": "Reuters", "title": "A", "published": "2024-10-18"}),
            json.dumps({"file": "sub/b.html", "url": "https://example.org/b", "published": "2022-11"}),
        ],
    )
    entries, errors = load_manifest(mf)
    assert errors == []
    assert entries["a.txt"].outlet == "Reuters"
    assert entries["a.txt"].published == "2024-10-18"
    assert entries["a.txt"].published_source == "manifest"
    assert entries["sub/b.html"] is entries["b.html"]
    assert entries["b.html"].url == "https://example.org/b"


def test_manifest_bad_lines_reported_rest_kept(tmp_path: Path) -> None:
    mf = _write(
        tmp_path / "manifest.jsonl",
        [
            json.dumps({"file": "a.txt", "outlet": "AP"}),
            '{"file": "b.txt", "outlet": ',  # cut off
            "[1, 2]",
            json.dumps({"outlet": "no file"}),
            "",
            json.dumps({"file": "c.txt", "title": "C", "extra": {"ignored": True}}),
        ],
    )
    entries, errors = load_manifest(mf)
    assert {e.source for e in errors} == {"manifest.jsonl#L2", "manifest.jsonl#L3", "manifest.jsonl#L4"}
    assert all(e.code.startswith("E11") for e in errors)
    assert "bad JSON" in next(e.reason for e in errors if e.source.endswith("#L2"))
    assert set(entries) == {"a.txt", "c.txt"}
    assert entries["c.txt"].title == "C"


def test_manifest_bad_values_dropped_with_reason(tmp_path: Path) -> None:
    mf = _write(
        tmp_path / "manifest.jsonl",
        [
            json.dumps({"file": "a.txt", "published": "last Tuesday", "title": "Kept"}),
            json.dumps({"file": "b.txt", "published": "2024-02-30"}),
            json.dumps({"file": "c.txt", "outlet": 42, "title": None, "published": ""}),
        ],
    )
    entries, errors = load_manifest(mf)
    assert entries["a.txt"].title == "Kept"
    assert entries["a.txt"].published is None
    assert entries["a.txt"].published_source is None
    assert entries["b.txt"].published is None
    assert entries["c.txt"].outlet is None and entries["c.txt"].title is None
    assert [e.source for e in errors] == ["manifest.jsonl#L1", "manifest.jsonl#L2", "manifest.jsonl#L3"]


def test_manifest_missing_file_raises_early(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="manifest not found"):
        load_manifest(tmp_path / "nope.jsonl")
    with pytest.raises(ManifestError, match="not a file"):
        load_manifest(tmp_path)


def test_manifest_ambiguous_name_needs_relative_path(tmp_path: Path) -> None:
    mf = _write(
        tmp_path / "manifest.jsonl",
        [json.dumps({"file": "x/a.txt", "title": "X"}), json.dumps({"file": "y/a.txt", "title": "Y"})],
    )
    entries, _ = load_manifest(mf)
    assert "a.txt" not in entries
    manifest, _ = read_manifest(mf)
    (tmp_path / "y").mkdir()
    meta = manifest.lookup(tmp_path / "y" / "a.txt")
    assert meta is not None and meta.title == "Y"
    assert [e.reason for e in manifest.unused()] == ["manifest names a file that was not given: x/a.txt"]


def test_manifest_duplicate_entry_reported(tmp_path: Path) -> None:
    mf = _write(tmp_path / "m.jsonl", [json.dumps({"file": "a.txt"}), json.dumps({"file": "./a.txt"})])
    entries, errors = load_manifest(mf)
    assert list(entries) == ["a.txt"]
    assert errors[0].source == "m.jsonl#L2" and "duplicate" in errors[0].reason


def test_manifest_normalise_published() -> None:
    assert normalise_published("2024") == "2024"
    assert normalise_published("2024-10") == "2024-10"
    assert normalise_published("2024-10-18T23:30:00-05:00") == "2024-10-18"
    assert normalise_published("2024-13") is None
    assert normalise_published("18 Oct 2024") is None


def test_manifest_seeds_load_cleanly(seeds_manifest: Path) -> None:
    entries, errors = load_manifest(seeds_manifest)
    assert errors == []
    assert len({id(m) for m in entries.values()}) == sum(1 for _ in seeds_manifest.open() if _.strip())
