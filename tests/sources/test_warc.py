"""WARC / WARC.gz: HTML pages from 200 responses, streamed; damage reported, not swallowed."""

from __future__ import annotations

import io
import json
import random
import tracemalloc
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from stanceline.model import RawItem, SourceError
from stanceline.sources.inputs import iter_sources
from stanceline.sources.warc import E_WARC, iter_warc


def _page(i: int, size: int = 0) -> bytes:
    return f"<html><head><title>Story {i}</title></head><body><p>Body {i}.</p>".encode() + b"." * size + b"</html>"


def _response(w: WARCWriter, uri: str, body: bytes, status: str = "200 OK", ctype: str = "text/html") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def build_warc(path: Path, *, gz: bool, big: int = 0) -> Path:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        w.write_record(
            w.create_warc_record("http://news.example/1", "request", payload=io.BytesIO(b"GET /1 HTTP/1.1\r\n\r\n"))
        )
        _response(w, "http://news.example/1", _page(1), ctype="text/html; charset=windows-1252")
        _response(w, "http://news.example/missing", b"<html>gone</html>", status="404 Not Found")
        _response(w, "http://news.example/logo.png", b"\x89PNG\r\n", ctype="image/png")
        _response(w, "http://news.example/2", _page(2, big))
        w.write_record(
            w.create_warc_record(
                "http://news.example/3",
                "resource",
                payload=io.BytesIO(_page(3)),
                warc_content_type="text/html",
            )
        )
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_200_responses_become_items(tmp_path: Path, gz: bool) -> None:
    path = build_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), gz=gz)
    got = list(iter_sources([str(path)]))
    assert all(isinstance(g, RawItem) for g in got), got
    items = [g for g in got if isinstance(g, RawItem)]
    assert [i.source for i in items] == [
        f"{path}#http://news.example/1",
        f"{path}#http://news.example/2",
        f"{path}#http://news.example/3",
    ]
    assert [i.meta.url for i in items] == ["http://news.example/1", "http://news.example/2", "http://news.example/3"]
    assert items[0].content == _page(1)
    assert items[0].encoding == "windows-1252"
    assert all(i.media_type == "text/html" for i in items)
    assert all(i.meta.published is None for i in items)  # capture date is not publication date


def test_warc_outlet_from_manifest(tmp_path: Path) -> None:
    build_warc(tmp_path / "a.warc.gz", gz=True)
    mf = tmp_path / "manifest.jsonl"
    mf.write_text(json.dumps({"file": "a.warc.gz", "outlet": "Example News", "title": "not per page"}) + "\n")
    items = [g for g in iter_sources([str(tmp_path)], manifest=mf) if isinstance(g, RawItem)]
    assert {i.meta.outlet for i in items} == {"Example News"}
    assert {i.meta.title for i in items} == {None}


def test_warc_record_over_cap_reported_rest_kept(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "a.warc", gz=False, big=200_000)
    got = list(iter_warc(path, max_record_bytes=100_000))
    errors = [g for g in got if isinstance(g, SourceError)]
    assert [e.source for e in errors] == [f"{path}#http://news.example/2"]
    assert errors[0].reason.startswith("record too large")
    assert len([g for g in got if isinstance(g, RawItem)]) == 2


@pytest.mark.parametrize("gz", [False, True])
def test_warc_truncated_archive_reported(tmp_path: Path, gz: bool) -> None:
    path = build_warc(tmp_path / ("t.warc.gz" if gz else "t.warc"), gz=gz, big=20_000)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 60])  # inside the last record (the resource page)
    got = list(iter_warc(path, max_record_bytes=1_000_000))
    assert [g.meta.url for g in got if isinstance(g, RawItem)] == ["http://news.example/1", "http://news.example/2"]
    errors = [g for g in got if isinstance(g, SourceError)]
    assert errors and all(e.code == E_WARC and "truncated" in e.reason for e in errors)


def _record_offsets(path: Path) -> list[int]:
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        offsets = []
        for _ in it:
            offsets.append(it.get_record_offset())
    return [*offsets, path.stat().st_size]


# Every 23rd byte keeps the test fast; every byte (STEP = 1) passes too.
STEP = 23


@pytest.mark.parametrize("gz", [False, True])
def test_warc_any_cut_is_reported_never_silent(tmp_path: Path, gz: bool) -> None:
    whole = build_warc(tmp_path / ("w.warc.gz" if gz else "w.warc"), gz=gz, big=500)
    data = whole.read_bytes()
    boundaries = _record_offsets(whole)
    cut_file = tmp_path / ("c.warc.gz" if gz else "c.warc")
    for cut in range(1, len(data), STEP):
        if any(abs(cut - b) <= 4 for b in boundaries):
            continue  # a cut between records leaves a valid, shorter archive
        cut_file.write_bytes(data[:cut])
        got = list(iter_warc(cut_file, max_record_bytes=1_000_000))  # must not raise
        pages = [g for g in got if isinstance(g, RawItem)]
        errors = [g for g in got if isinstance(g, SourceError)]
        assert errors, f"cut at {cut} of {len(data)} passed silently ({len(pages)} pages)"
        assert all(p.content.endswith(b"</html>") for p in pages), f"partial page at cut {cut}"


def test_warc_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello, this is not an archive\n")
    got = list(iter_sources([str(path)]))
    assert len(got) == 1 and isinstance(got[0], SourceError)
    assert got[0].reason.startswith("not a WARC file")


def test_warc_without_html_pages(tmp_path: Path) -> None:
    path = tmp_path / "img.warc"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        _response(w, "http://news.example/logo.png", b"\x89PNG\r\n", ctype="image/png")
    got = list(iter_warc(path, max_record_bytes=1000))
    assert len(got) == 1 and isinstance(got[0], SourceError)
    assert got[0].reason == "no HTML pages in the archive (1 records read)"


@pytest.mark.parametrize("gz", [False, True])
def test_warc_big_record_skipped_in_bounded_memory(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("big.warc.gz" if gz else "big.warc")
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        # Text that compresses like HTML does (warcio inflates a whole block at once, so a
        # pathological 1000:1 body would cost memory inside warcio, not here).
        body = random.Random(1).randbytes(10 * 1024 * 1024).hex().encode()
        _response(w, "http://news.example/huge", b"<html>" + body + b"</html>")
        _response(w, "http://news.example/small", _page(9))
    tracemalloc.start()
    try:
        got = list(iter_warc(path, max_record_bytes=1024 * 1024))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(g).__name__ for g in got] == ["SourceError", "RawItem"]
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes: the big record was held in memory"
