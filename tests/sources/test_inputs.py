"""iter_sources / plan_sources on real files: every bad input is reported, the batch goes on."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from stanceline.config import IngestOptions
from stanceline.errors import ManifestError
from stanceline.model import RawItem, SourceError
from stanceline.sources import inputs as sources
from stanceline.sources.decode import decode_bytes
from stanceline.sources.inputs import iter_sources, plan_sources

HTML = b"<!doctype html><html><head><title>T</title></head><body><p>Kyiv said so.</p></body></html>"


def _run(inputs: list[str | Path], **kw: object) -> tuple[list[RawItem], list[SourceError]]:
    items: list[RawItem] = []
    errors: list[SourceError] = []
    for got in iter_sources([str(i) for i in inputs], **kw):  # type: ignore[arg-type]
        (items if isinstance(got, RawItem) else errors).append(got)  # type: ignore[arg-type]
    return items, errors


def _error_for(errors: list[SourceError], path: Path | str) -> SourceError:
    found = [e for e in errors if e.source == str(path)]
    assert found, f"no error for {path}: {errors}"
    return found[0]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("Article A.\n", encoding="utf-8")
    (root / "b" / "c.html").write_bytes(HTML)
    (root / "b" / "deep" / "d.htm.gz").write_bytes(gzip.compress(HTML))
    (root / "README.md").write_text("# notes\n")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "noext").write_text("unknown type")
    (root / ".hidden.txt").write_text("hidden")
    (root / ".git" / "x.txt").write_text("hidden dir")
    (root / "manifest.jsonl").write_text(json.dumps({"file": "a.txt", "outlet": "AP"}) + "\n")
    return root


def test_sources_plan_expands_folders_sorted_and_skips(corpus: Path) -> None:
    plan = plan_sources([str(corpus), "https://example.org/x", str(corpus / "a.txt")])
    assert plan == [
        str(corpus / "a.txt"),
        str(corpus / "b" / "c.html"),
        str(corpus / "b" / "deep" / "d.htm.gz"),
        "https://example.org/x",
    ]


def test_sources_walk_reports_skipped_types(corpus: Path) -> None:
    files, skipped, errors = sources.walk_folder(corpus)
    assert len(files) == 3 and errors == []
    assert {p.name for p in skipped} == {"README.md", "photo.png", "noext"}


def test_sources_folder_reads_each_type(corpus: Path) -> None:
    items, errors = _run([corpus])
    assert errors == []
    by_name = {Path(i.source).name: i for i in items}
    assert set(by_name) == {"a.txt", "c.html", "d.htm.gz"}
    assert by_name["a.txt"].media_type == "text/plain"
    assert by_name["c.html"].media_type == "text/html"
    assert by_name["d.htm.gz"].content == HTML  # decompressed, byte for byte
    assert by_name["d.htm.gz"].media_type == "text/html"


def test_sources_manifest_attaches_metadata_and_is_not_an_article(corpus: Path) -> None:
    mf = corpus / "manifest.jsonl"
    mf.write_text(
        json.dumps({"file": "a.txt", "outlet": "AP", "published": "2024-10-18", "title": "A"})
        + "\n"
        + json.dumps({"file": "b/c.html", "url": "https://example.org/c"})
        + "\n"
        + "{not json\n"
        + json.dumps({"file": "gone.txt", "outlet": "X"})
        + "\n"
    )
    results = list(iter_sources([str(corpus)], manifest=mf))
    assert isinstance(results[0], SourceError) and results[0].source == "manifest.jsonl#L3"
    last = results[-1]
    assert isinstance(last, SourceError)
    assert last.source == "manifest.jsonl#L4"
    assert last.reason == "manifest names a file that was not given: gone.txt"
    items = {Path(r.source).name: r for r in results if isinstance(r, RawItem)}
    assert "manifest.jsonl" not in items
    assert items["a.txt"].meta.outlet == "AP"
    assert items["a.txt"].meta.published == "2024-10-18"
    assert items["a.txt"].meta.published_source == "manifest"
    assert items["c.html"].meta.url == "https://example.org/c"
    assert items["d.htm.gz"].meta.outlet is None


def test_sources_manifest_matches_explicit_files_by_name(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    art = tmp_path / "data" / "x.txt"
    art.write_text("text")
    mf = tmp_path / "meta.jsonl"
    mf.write_text(json.dumps({"file": "x.txt", "title": "X"}) + "\n")
    items, errors = _run([art, mf], manifest=mf)  # the manifest given as input is not read as articles
    assert errors == []
    assert [i.meta.title for i in items] == ["X"]


def test_sources_missing_manifest_raises_at_call(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="manifest not found"):
        iter_sources([str(tmp_path)], manifest=tmp_path / "missing.jsonl")


def test_sources_empty_and_whitespace_files(tmp_path: Path) -> None:
    zero = tmp_path / "zero.txt"
    zero.write_bytes(b"")
    blank = tmp_path / "blank.html"
    blank.write_bytes(b"  \n\t\n")
    empty_gz = tmp_path / "e.html.gz"
    empty_gz.write_bytes(gzip.compress(b""))
    items, errors = _run([zero, blank, empty_gz])
    assert items == []
    assert _error_for(errors, zero).reason == "empty file (0 bytes)"
    assert _error_for(errors, blank).reason.startswith("empty file")
    assert _error_for(errors, empty_gz).reason.startswith("empty file")
    assert {e.code for e in errors} == {sources.E_EMPTY}


def test_sources_binary_files_refused(tmp_path: Path) -> None:
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"abc\x00\x01\x02\x03" * 100)
    pdf = tmp_path / "paper.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(200))
    good = tmp_path / "good.txt"
    good.write_text("fine")
    items, errors = _run([nul, pdf, good])
    assert [i.source for i in items] == [str(good)]
    assert _error_for(errors, nul).reason.startswith("binary file, not text")
    assert _error_for(errors, pdf).reason == "binary file, not text (PDF)"


def test_sources_too_large_file_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)

    def no_read(path: Path) -> object:
        raise AssertionError("a file over the cap must not be opened")

    monkeypatch.setattr(sources, "_open_binary", no_read)
    items, errors = _run([big], options=IngestOptions(max_file_bytes=1000))
    assert items == []
    assert _error_for(errors, big).reason == "file too large (4.9 KB > 1000 bytes cap)"


def test_sources_100mb_sparse_file_refused_by_default_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = tmp_path / "huge.html"
    with huge.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: cheap to make, 100 MB to read
    monkeypatch.setattr(sources, "_open_binary", lambda p: pytest.fail("must not open"))
    _, errors = _run([huge])
    err = _error_for(errors, huge)
    assert err.reason == "file too large (100.0 MB > 50.0 MB cap)"
    assert err.code == sources.E_TOO_LARGE


def test_sources_gzip_bomb_capped_on_decompressed_size(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html>" + b" " * 200_000))
    _, errors = _run([bomb], options=IngestOptions(max_file_bytes=50_000))
    assert "decompressed size" in _error_for(errors, bomb).reason


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("cp1252", b""), ("latin-1", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_sources_misencoded_text_keeps_original_bytes(tmp_path: Path, codec: str, bom: bytes) -> None:
    text = "Le président a dit « non » à l'OTAN, déjà en février. Ça suffit."
    if codec == "cp1252":
        text = "Zelensky’s “invitation” – now or never – was refused. Café."
    raw = bom + text.encode(codec)
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(raw)
    items, errors = _run([path])
    assert errors == []
    assert items[0].content == raw
    assert decode_bytes(items[0].content, declared=items[0].encoding) == text


def test_sources_truncated_and_fake_gzip(tmp_path: Path) -> None:
    whole = gzip.compress(HTML * 50)
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    fake = tmp_path / "fake.htm.gz"
    fake.write_bytes(HTML)
    items, errors = _run([cut, fake])
    assert items == []
    assert _error_for(errors, cut).reason.startswith("truncated gzip")
    assert _error_for(errors, fake).reason.startswith("not a gzip file")
    assert {e.code for e in errors} == {sources.E_GZIP}


def test_sources_malformed_html_is_still_an_item(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"<html><body><p>Unclosed <b>bold <div>and <table><tr><td>cut off mid-ta")
    items, errors = _run([bad])
    assert errors == [] and items[0].media_type == "text/html"


def test_sources_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    ok = tmp_path / "ok.txt"
    ok.write_text("fine")
    real_open = sources._open_binary

    def deny(path: Path) -> object:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(sources, "_open_binary", deny)
    items, errors = _run([locked, ok])
    assert [i.source for i in items] == [str(ok)]
    err = _error_for(errors, locked)
    assert err.reason == "cannot read: Permission denied" and err.code == sources.E_UNREADABLE


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_sources_unreadable_file_by_permissions(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    _, errors = _run([locked])
    assert "Permission denied" in _error_for(errors, locked).reason


def test_sources_missing_paths(tmp_path: Path) -> None:
    items, errors = _run([tmp_path / "nope.txt", tmp_path / "no_dir"])
    assert items == []
    assert [e.reason for e in errors] == ["no such file or directory"] * 2


def test_sources_explicit_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "page.php"
    page.write_bytes(b"\n<!DOCTYPE html><html><body>hi</body></html>")
    note = tmp_path / "ARTICLE"
    note.write_text("A plain article without an extension.")
    blob = tmp_path / "blob.dat"
    blob.write_bytes(bytes(range(256)) * 4)
    items, errors = _run([page, note, blob])
    assert [(Path(i.source).name, i.media_type) for i in items] == [
        ("page.php", "text/html"),
        ("ARTICLE", "text/plain"),
    ]
    assert _error_for(errors, blob).reason.startswith("binary file, not text")


def test_sources_explicit_unsupported_type_refused(tmp_path: Path) -> None:
    md = tmp_path / "notes.md"
    md.write_text("# notes")
    items, errors = _run([md])
    assert items == []
    assert _error_for(errors, md).reason.startswith("unsupported file type .md")


def test_sources_same_file_twice_read_once(corpus: Path) -> None:
    items, _ = _run([corpus / "a.txt", corpus, corpus / "a.txt"])
    assert [Path(i.source).name for i in items].count("a.txt") == 1


def test_sources_jsonl_lines(tmp_path: Path) -> None:
    jl = tmp_path / "arts.jsonl"
    lines = [
        json.dumps({"text": "First story.", "title": "One", "published": "2024-10-18", "outlet": "AP"}),
        "{broken",
        json.dumps({"html": "<p>Second</p>", "url": "https://example.org/2", "author": "R. Writer"}),
        "",
        json.dumps({"title": "no body"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Third, bad date.", "published": "soon"}),
    ]
    jl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mf = tmp_path / "manifest.jsonl"
    mf.write_text(json.dumps({"file": "arts.jsonl", "outlet": "Wire", "title": "not per article"}) + "\n")
    items, errors = _run([jl], manifest=mf)
    assert [i.source for i in items] == [f"{jl}#L1", f"{jl}#L3", f"{jl}#L7"]
    first, second, third = items
    assert first.content == b"First story." and first.media_type == "text/plain"
    assert first.meta.published == "2024-10-18" and first.meta.published_source == "manifest"
    assert first.meta.outlet == "AP"  # the line's own outlet beats the manifest's
    assert second.media_type == "text/html" and second.meta.url == "https://example.org/2"
    assert second.meta.outlet == "Wire" and second.meta.title is None and second.meta.author == "R. Writer"
    assert third.meta.published is None
    assert sorted(e.source for e in errors) == sorted([f"{jl}#L2", f"{jl}#L5", f"{jl}#L6", f"{jl}#L7"])
    assert "bad JSON" in _error_for(errors, f"{jl}#L2").reason


def test_sources_jsonl_legacy_encoding_and_long_line(tmp_path: Path) -> None:
    jl = tmp_path / "old.jsonl"
    jl.write_bytes(
        json.dumps({"text": "Café “déjà” vu"}, ensure_ascii=False).encode("cp1252")
        + b"\n"
        + json.dumps({"text": "x" * 5000}).encode()
        + b"\n"
        + json.dumps({"text": "after"}).encode()
        + b"\n"
    )
    items, errors = _run([jl], options=IngestOptions(max_file_bytes=1000))
    assert [i.content.decode() for i in items] == ["Café “déjà” vu", "after"]
    assert [e.source for e in errors] == [f"{jl}#L2"]
    assert "line too long" in errors[0].reason


def test_sources_jsonl_gz_truncated(tmp_path: Path) -> None:
    body = "".join(json.dumps({"text": f"story {i} " + "words " * 50}) + "\n" for i in range(200))
    packed = gzip.compress(body.encode())
    jl = tmp_path / "arts.jsonl.gz"
    jl.write_bytes(packed[: len(packed) // 2])
    items, errors = _run([jl])
    assert items, "lines before the cut are kept"
    assert errors[-1].source == str(jl) and errors[-1].reason.startswith("truncated gzip")


def test_sources_refused_url_schemes_need_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    monkeypatch.setattr(httpx.Client, "send", lambda *a, **k: pytest.fail("no request may be sent"))
    items, errors = _run(["file:///etc/passwd", "ftp://example.org/a.html"])
    assert items == []
    assert [e.code for e in errors] == ["E121", "E121"]
    assert "refused URL scheme file:" in errors[0].reason


def test_sources_bad_inputs_do_not_stop_the_batch(tmp_path: Path, seeds_dir: Path) -> None:
    zero = tmp_path / "zero.txt"
    zero.touch()
    items, errors = _run([zero, tmp_path / "missing", seeds_dir, "ftp://x/y"], manifest=seeds_dir / "manifest.jsonl")
    assert len(items) == 5
    assert all(i.meta.published_source == "manifest" for i in items)
    assert len(errors) == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_sources_fifo_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, errors = _run([fifo])
    assert _error_for(errors, fifo).reason == "not a regular file"


def test_sources_plan_skips_a_manifest_with_any_name(corpus: Path) -> None:
    odd = corpus / "meta.jsonl"
    odd.write_text(json.dumps({"file": "a.txt"}) + "\n")
    assert str(odd) in plan_sources([str(corpus)])
    assert str(odd) not in plan_sources([str(corpus)], manifest=odd)
    items, errors = _run([corpus], manifest=odd)
    assert errors == [] and len(items) == 3


def test_sources_hostile_jsonl_lines_fail_alone(tmp_path: Path) -> None:
    good = json.dumps({"text": "The mayor opened the new library on Friday.", "title": "Library"})
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b'{"text": ' + b"9" * 5000 + b"}\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n" + good.encode())
    items, errors = _run([path])
    assert [i.meta.title for i in items] == ["Library"]
    assert [e.source for e in errors] == [f"{path}#L1", f"{path}#L2"]
    assert {e.code for e in errors} == {sources.E_JSONL}


def test_sources_hostile_manifest_lines_fail_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The mayor opened the new library on Friday.\n")
    mf = tmp_path / "meta.jsonl"
    mf.write_bytes(
        b'{"file": ' + b"9" * 5000 + b"}\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n"
        + json.dumps({"file": "a.txt", "outlet": "Gazette"}).encode() + b"\n"
    )
    items, errors = _run([tmp_path / "a.txt"], manifest=mf)
    assert [i.meta.outlet for i in items] == ["Gazette"]
    assert [e.source for e in errors] == ["meta.jsonl#L1", "meta.jsonl#L2"]


def test_sources_binary_jsonl_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(bytes(range(256)) * 4000 + b"\n" * 1000)
    items, errors = _run([path])
    assert items == [] and len(errors) == 1
    assert errors[0].code == sources.E_BINARY and errors[0].source == str(path)


def test_sources_failure_rows_capped_per_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n" * 500 + json.dumps({"text": "A line that is an article."}) + "\n")
    items, errors = _run([path], options=IngestOptions(max_failures_per_file=5))
    assert len(items) == 1
    assert len(errors) == 6
    assert errors[-1].source == str(path) and errors[-1].code == sources.E_MORE_FAILURES
    assert errors[-1].reason == "495 more failures in this file not listed (first 5 shown)"


def test_sources_reader_defect_costs_one_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in one reader is that input's failure row; the inputs after it are still read."""

    def broken(*_a: object, **_k: object) -> object:
        raise TypeError("reader defect")

    monkeypatch.setattr("stanceline.sources.warc.iter_warc", broken)  # inputs loads it for WARC inputs
    (tmp_path / "a.warc").write_bytes(b"WARC/1.0\r\n")
    (tmp_path / "b.txt").write_text("Still read after the broken reader.\n")
    items, errors = _run([tmp_path])
    assert [Path(i.source).name for i in items] == ["b.txt"]
    assert errors[0].code == sources.E_INTERNAL and "TypeError: reader defect" in errors[0].reason
