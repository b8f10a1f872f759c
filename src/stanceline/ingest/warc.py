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

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from stanceline.ingest.decode import looks_like_html
from stanceline.ingest.fetch import HTML_TYPES, human_size
from stanceline.model import Metadata, RawItem, SourceError

__all__ = ["E_WARC", "iter_warc"]

E_WARC = "E141"

# Slack for HTTP headers stored in the record next to the body.
_HEADER_SLACK = 64 * 1024


def _media(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    parts = [p.strip() for p in value.split(";")]
    charset = next(
        (p.split("=", 1)[1].strip("\"' ") for p in parts[1:] if p.lower().startswith("charset=")), None
    )
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
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                records += 1
                kind = record.rec_type
                if kind not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{name}#{uri}" if uri else f"{name}#record-{records}"
                if kind == "response":
                    if record.http_headers is None:
                        continue  # e.g. a DNS or FTP response record, not a web page
                    if record.http_headers.get_statuscode() != "200":
                        continue
                    media, charset = _media(record.http_headers.get_header("Content-Type"))
                else:
                    media, charset = _media(record.rec_headers.get_header("Content-Type"))
                if media and media not in HTML_TYPES:
                    continue
                length = record.length or 0
                if length > max_record_bytes + _HEADER_SLACK:
                    yield SourceError(
                        where,
                        f"record too large ({human_size(length)} > {human_size(max_record_bytes)} cap)",
                        E_WARC,
                    )
                    continue
                content = record.content_stream().read(max_record_bytes + 1)
                if len(content) > max_record_bytes:
                    yield SourceError(
                        where, f"record too large (over the {human_size(max_record_bytes)} cap)", E_WARC
                    )
                    continue
                if getattr(record.raw_stream, "limit", 0):
                    yield SourceError(where, "truncated WARC record (archive cut off)", E_WARC)
                    continue
                if not media and not looks_like_html(content):
                    continue
                if not content.strip():
                    yield SourceError(where, "empty record", E_WARC)
                    continue
                pages += 1
                yield RawItem(
                    source=where,
                    content=content,
                    media_type="text/html",
                    meta=Metadata(url=uri, outlet=outlet),
                    encoding=charset,
                )
    except ArchiveLoadFailed as exc:
        what = "not a WARC file" if records == 0 else f"unreadable after record {records}"
        yield SourceError(name, f"{what}: {exc.msg if hasattr(exc, 'msg') else exc}", E_WARC)
        return
    except (EOFError, zlib.error) as exc:
        yield SourceError(name, f"truncated or corrupt WARC after record {records}: {exc}", E_WARC)
        return
    except OSError as exc:
        yield SourceError(name, f"cannot read: {exc.strerror or exc}", E_WARC)
        return
    if pages == 0:
        yield SourceError(name, f"no HTML pages in the archive ({records} records read)", E_WARC)
