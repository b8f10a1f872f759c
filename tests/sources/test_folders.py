"""The folder walk: links out of the folder, link loops, and file names of any bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stanceline.model import RawItem, SourceError
from stanceline.sources.folders import E_LINK_LOOP, E_LINK_OUTSIDE, display_path, path_key, walk_folder
from stanceline.sources.inputs import iter_sources, plan_sources

TEXT = "The council met on Monday and agreed to repair the old bridge before the winter floods arrive.\n"


def _run(inputs: list[Path], **kw: object) -> tuple[list[RawItem], list[SourceError]]:
    items: list[RawItem] = []
    errors: list[SourceError] = []
    for got in iter_sources([str(i) for i in inputs], **kw):  # type: ignore[arg-type]
        (items if isinstance(got, RawItem) else errors).append(got)  # type: ignore[arg-type]
    return items, errors


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("a private file that is not part of the corpus\n")
    return secret


def test_folders_link_out_of_the_folder_is_not_followed(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(TEXT)
    (root / "leak.txt").symlink_to(outside)
    (root / "leakdir").symlink_to(outside.parent, target_is_directory=True)
    items, errors = _run([root])
    assert [Path(i.source).name for i in items] == ["a.txt"]
    refused = {Path(e.source).name: e.code for e in errors}
    assert refused == {"leak.txt": E_LINK_OUTSIDE, "leakdir": E_LINK_OUTSIDE}
    assert all(b"private" not in i.content for i in items)


def test_folders_link_out_of_the_folder_followed_when_asked(tmp_path: Path, outside: Path) -> None:
    from stanceline.config import IngestOptions

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "leak.txt").symlink_to(outside)
    items, errors = _run([root], options=IngestOptions(follow_symlinks=True))
    assert errors == [] and [Path(i.source).name for i in items] == ["leak.txt"]


def test_folders_link_inside_the_folder_is_read_once(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(TEXT)
    (root / "alias.txt").symlink_to(root / "sub" / "a.txt")
    (root / "subdir").symlink_to(root / "sub", target_is_directory=True)
    items, errors = _run([root])
    assert errors == [] and len(items) == 1


@pytest.mark.parametrize("follow", [False, True])
def test_folders_link_loops_end_the_walk_with_failure_rows(tmp_path: Path, follow: bool) -> None:
    from stanceline.config import IngestOptions

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "z.txt").write_text(TEXT)
    (root / "self").symlink_to(".", target_is_directory=True)
    (root / "up").symlink_to("..", target_is_directory=True) if follow else None
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    (root / "gone.txt").symlink_to("missing.txt")
    files, _skipped, walk_errors = walk_folder(root, follow_symlinks=follow)
    assert [p.name for p in files] == ["z.txt"]
    by_name = {Path(e.source).name: e for e in walk_errors}
    assert by_name["a.txt"].reason == "symbolic link loop" and by_name["a.txt"].code == E_LINK_LOOP
    assert by_name["gone.txt"].reason.startswith("broken symbolic link")
    items, _ = _run([root], options=IngestOptions(follow_symlinks=follow))
    assert [Path(i.source).name for i in items] == ["z.txt"]


def test_folders_link_loops_with_a_manifest_still_ingest_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "z.txt").write_text(TEXT)
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"file": "z.txt", "outlet": "Daily"}\n')
    assert [Path(p).name for p in plan_sources([str(root)], manifest=manifest)] == ["z.txt"]
    items, errors = _run([root], manifest=manifest)
    assert [i.meta.outlet for i in items] == ["Daily"]
    assert {Path(e.source).name for e in errors} == {"a.txt", "b.txt"}


def test_folders_undecodable_name_is_read_and_shown_escaped(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    name = os.fsdecode(b"report-\xff\xfe.txt")
    (root / name).write_text(TEXT)
    items, errors = _run([root])
    assert errors == []
    assert items[0].source.endswith("report-\\xff\\xfe.txt")
    items[0].source.encode("utf-8")  # storable and printable as it is
    assert items[0].id_key == b"report-\xff\xfe.txt"
    assert display_path(root / name) == items[0].source
    assert plan_sources([str(root)]) == [items[0].source]


def test_folders_path_key_is_the_same_for_every_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    keys = set()
    for spelling in ("corpus", str(root), "corpus/../corpus", "./corpus/"):
        items, errors = _run([Path(spelling)])
        assert errors == []
        keys.add(items[0].id_key)
    assert keys == {b"sub/a.txt"}
    assert path_key(root / "sub" / "a.txt", None) == b"a.txt"  # a file given directly: its name
