"""Web archives (WARC / WARC.gz, via warcio): HTML pages from ``response`` records with HTTP 200
(and HTML ``resource`` records, which hold a page without HTTP headers).

Streams record by record, so an archive of any size runs in bounded memory; a record whose content
is over the size cap is reported and skipped unread. warcio stops silently at a cut-off archive, so
a record shorter than its declared length is reported as truncated. The capture date is *not*
taken as the publication date.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from stanceline.model import Metadata, RawItem, SourceError
from stanceline.sources.decode import looks_like_html
from stanceline.sources.fetch import HTML_TYPES, human_size

__all__ = ["E_WARC", "iter_warc"]

E_WARC = "E141"

# Slack for HTTP headers stored in the record next to the body.
_HEADER_SLACK = 64 * 1024


def _media(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:] if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset or None


def iter_warc(
    path: Path, *, max_record_bytes: int, outlet: str | None = None, source: str | None = None
) -> Iterator[RawItem | SourceError]:
    """One RawItem per HTML page in the archive; `source` is ``<path>#<WARC-Target-URI>`` (or
    ``<path>#record-<n>``), ``meta.url`` the target URI, ``meta.outlet`` the manifest's outlet."""
    name = source or str(path)
    records = 0
    pages = 0
    try:
        with path.open("rb") as raw:
            gz = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            watch = _GzipCheck(raw) if gz else None
            archive = ArchiveIterator(watch or raw)
            previous: Any = None
            damaged = False
            for record in archive:
                records += 1
                if records == 1 and not _plausible(record):
                    raise ArchiveLoadFailed("no WARC/ARC header at the start")
                if _cut_off(previous) or _cut_off(record, headers_only=True):
                    damaged = True
                    break
                previous = record
                got = _page(record, name, records, max_record_bytes, outlet)
                if got is None:
                    continue
                if isinstance(got, RawItem):
                    pages += 1
                yield got
            problem = "truncated WARC record" if damaged or _cut_off(previous) else None
            problem = (watch.finish() if watch else _leftover(raw, archive)) or problem
    except ArchiveLoadFailed as exc:
        what = "not a WARC file" if records <= 1 and pages == 0 else f"unreadable after record {records}"
        yield SourceError(name, f"{what}: {exc}", E_WARC)
        return
    except OSError as exc:
        yield SourceError(name, f"cannot read: {exc.strerror or exc}", E_WARC)
        return
    except Exception as exc:
        # warcio fails in odd ways on damaged input (AttributeError on a cut header, zlib.error).
        yield SourceError(name, f"truncated or corrupt WARC after record {records}: {exc}", E_WARC)
        return
    if problem:
        yield SourceError(name, f"{problem} after record {records}; later records lost", E_WARC)
    elif pages == 0:
        yield SourceError(name, f"no HTML pages in the archive ({records} records read)", E_WARC)


def _cut_off(record: Any, *, headers_only: bool = False) -> bool:
    """True if the archive ends inside this record: its header has no length (cut mid-header), or,
    once warcio has read past it, bytes are still missing."""
    if record is None:
        return False
    remaining = getattr(record.raw_stream, "limit", None)
    if remaining is None:
        return True
    if record.format == "warc":
        declared = str(record.rec_headers.get_header("Content-Length") or "").strip()
        if not declared.isdigit():
            return True
    return not headers_only and remaining > 0


def _plausible(record: Any) -> bool:
    """warcio reads any five words as an ARC header; a real one has a numeric length."""
    if record.format == "arc":
        return str(record.rec_headers.get_header("length") or "").isdigit()
    return True


def _page(record: Any, name: str, n: int, max_record_bytes: int, outlet: str | None) -> RawItem | SourceError | None:
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{name}#{uri}" if uri else f"{name}#record-{n}"
    if kind == "response":
        if record.http_headers is None:
            return None  # e.g. a DNS or FTP response record, not a web page
        if record.http_headers.get_statuscode() != "200":
            return None
        media, charset = _media(record.http_headers.get_header("Content-Type"))
    else:
        media, charset = _media(record.rec_headers.get_header("Content-Type"))
    if media and media not in HTML_TYPES:
        return None
    length = record.length or 0
    if length > max_record_bytes + _HEADER_SLACK:
        size = human_size(length)
        return SourceError(where, f"record too large ({size} > {human_size(max_record_bytes)} cap)", E_WARC)
    content = record.content_stream().read(max_record_bytes + 1)
    if len(content) > max_record_bytes:
        return SourceError(where, f"record too large (over the {human_size(max_record_bytes)} cap)", E_WARC)
    if getattr(record.raw_stream, "limit", 0):
        return SourceError(where, "truncated WARC record (archive cut off)", E_WARC)
    if not media and not looks_like_html(content):
        return None
    if not content.strip():
        return SourceError(where, "empty record", E_WARC)
    return RawItem(
        source=where,
        content=content,
        media_type="text/html",
        meta=Metadata(url=uri, outlet=outlet),
        encoding=charset,
    )


def _leftover(raw: IO[bytes], archive: ArchiveIterator) -> str | None:
    """Bytes after the last record that warcio could not parse: it stops there without a word."""
    info = archive.member_info
    end = info[0] + info[1] if info else 0
    raw.seek(end)
    tail = raw.read(4096)
    if tail.strip():
        return "truncated or corrupt WARC data"
    return None


class _GzipCheck:
    """Passes the archive's bytes to warcio while checking that every gzip member is complete —
    warcio ends silently at a member cut off mid-way. Costs a second decompression (output
    discarded, bounded memory)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._d = zlib.decompressobj(31)
        self._pending = False
        self._error: str | None = None

    def tell(self) -> int:
        return self._fh.tell()

    def read(self, n: int = -1) -> bytes:
        data = self._fh.read(n)
        self._check(data)
        return data

    def _check(self, data: bytes) -> None:
        if self._error is not None:
            return
        try:
            while data:
                self._pending = True
                self._d.decompress(data, 64 * 1024)
                if self._d.eof:
                    data = self._d.unused_data
                    self._d = zlib.decompressobj(31)
                    self._pending = False
                else:
                    data = self._d.unconsumed_tail
        except zlib.error as exc:
            self._error = f"corrupt gzip ({exc})"

    def finish(self) -> str | None:
        # warcio may stop before the end of a damaged file; what it left must be checked too.
        while chunk := self._fh.read(1024 * 1024):
            self._check(chunk)
        if self._error:
            return self._error
        if self._pending:
            return "truncated gzip"
        return None
