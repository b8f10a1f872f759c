"""Sources: everything that turns the user's inputs (paths, folders, URLs, feeds, archives) into
RawItems — or into a SourceError saying why not, so one bad input never stops a batch.

Inputs
  * Folders are walked recursively in sorted order; hidden files and folders (``.name``) are
    skipped, and so are files named ``manifest.jsonl`` and the ``--manifest`` file itself (always,
    whatever the folder: a manifest is never an article). Files of other types found while walking
    are skipped silently (they are counted and logged, see `walk_folder`).
  * A path given explicitly is always read: a known non-article type (``.md``, ``.pdf``, images,
    code, ``.json``, ...) is refused with a SourceError; any other unknown extension is sniffed —
    HTML if it starts with ``<!doctype html``/``<html``, a feed if it is RSS/Atom, plain text if it is
    text, else "binary file, not text".
  * ``http``/``https`` URLs are fetched (see `fetch`); a URL that serves a feed is read as a feed.
    Any other scheme (``file://``, ``ftp://``) is refused.

File types
  ``.txt`` (text/plain) · ``.html``/``.htm`` · gzipped ``.html.gz``/``.htm.gz``/``.txt.gz``/
  ``.jsonl.gz`` · ``.jsonl`` (one article a line: ``text`` or ``html`` — ``text`` wins if both —
  plus any of ``url``, ``title``, ``published``, ``outlet``, ``author``; source ``path#L<n>``) ·
  ``.warc``/``.warc.gz`` (see `warc`) · ``.xml``/``.rss``/``.atom`` feeds (see `feeds`).

Size cap (``IngestOptions.max_file_bytes``): applies to a single-article file (checked with
``stat`` before reading, and again on the decompressed size of a ``.gz``), to each JSONL line and
each WARC record — not to a whole JSONL or WARC file, which are streamed.

Metadata precedence: the manifest wins over what a file says about itself, and its ``published``
is marked ``published_source="manifest"`` (so is a JSONL line's own ``published``). For files
holding many articles (JSONL, WARC, feeds) a manifest entry supplies only ``outlet``: a title, URL
or date would not be true of every article; a JSONL line's own ``outlet`` beats it, the feed's
title does not.

The manifest's entries are matched by path relative to the manifest's folder or an input folder,
then by file name; entries naming no given file are reported at the end ("manifest names a file
that was not given"). A manifest entry may also name a URL given as input.

Error codes: E110–E112 manifest · E120–E127 fetch (see `fetch`) · E130 not found · E131 cannot
read · E132 empty · E133 binary · E134 too large · E135 unsupported type · E136 bad gzip ·
E140 bad JSONL line · E141 WARC · E142 feed.
"""

from __future__ import annotations

import errno
import gzip
import logging
import re
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO

import httpx

from stanceline.config import FetchOptions, IngestOptions
from stanceline.errors import FetchError
from stanceline.model import Metadata, RawItem, SourceError
from stanceline.sources.decode import binary_reason, decode_bytes, looks_like_feed, looks_like_html
from stanceline.sources.fetch import fetch, fetch_url, human_size, make_client
from stanceline.sources.folders import E_LINK_LOOP, display_path, path_key, resolve_link, walk_folder
from stanceline.sources.jsonline import JsonLineError, parse_json_line
from stanceline.sources.kinds import MANIFEST_NAME, source_kind
from stanceline.sources.manifest import Manifest, iter_bounded_lines, load_manifest, parse_meta_fields, read_manifest

__all__ = [
    "decode_bytes",
    "fetch_url",
    "iter_sources",
    "load_manifest",
    "plan_sources",
    "source_kind",
    "walk_folder",
]

log = logging.getLogger(__name__)

E_NOT_FOUND = "E130"
E_UNREADABLE = "E131"
E_EMPTY = "E132"
E_BINARY = "E133"
E_TOO_LARGE = "E134"
E_UNSUPPORTED = "E135"
E_GZIP = "E136"
E_JSONL = "E140"
E_INTERNAL = "E139"
E_MORE_FAILURES = "E143"

__all__ += ["MANIFEST_NAME"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")
_SNIFF = 64 * 1024


def _is_url(value: str) -> bool:
    return bool(_URL.match(value))


def plan_sources(
    inputs: Sequence[str], *, manifest: Path | None = None, follow_symlinks: bool = False
) -> list[str]:
    """Inputs expanded for a progress total: folders become their article files (as `iter_sources`
    will read them), URLs and other paths stay as given; duplicates dropped. Cheap: no file is
    opened. An item's `source` from `iter_sources` starts with its planned entry (``path#L3``),
    except articles linked from a feed, whose source is their own URL."""
    out: list[str] = []
    seen: set[str] = set()
    for value in inputs:
        entries: list[str]
        if _is_url(value):
            entries = [value]
        else:
            path = Path(value)
            if path.is_dir():
                files = walk_folder(path, manifest=manifest, follow_symlinks=follow_symlinks)[0]
                entries = [display_path(p) for p in files]
            else:
                entries = [display_path(value)]
        for entry in entries:
            if entry not in seen:
                seen.add(entry)
                out.append(entry)
    return out


def iter_sources(
    inputs: Sequence[str],
    *,
    manifest: Path | None = None,
    options: IngestOptions = IngestOptions(),
) -> Iterator[RawItem | SourceError]:
    """RawItems from every input, in order, with a SourceError for each input (or line, record,
    feed entry) that could not be read. Manifest line errors come first, entries naming files that
    were not given come last. Raises ManifestError at once (not on first iteration) if the
    manifest file is missing or unreadable.

    Each RawItem from a file carries `id_key`: the raw bytes of its path relative to the input
    folder (its name, for a file given directly), plus its place inside the file (``#L3``)."""
    loaded: Manifest | None = None
    errors: list[SourceError] = []
    if manifest is not None:
        loaded, errors = read_manifest(manifest)
    return _iter_sources(list(inputs), loaded, errors, options)


class _Run:
    """State shared while reading one batch: the manifest, the options, one HTTP client."""

    def __init__(self, manifest: Manifest | None, options: IngestOptions) -> None:
        self.manifest = manifest
        self.options = options
        self.seen: set[str] = set()
        self._client: httpx.Client | None = None

    @property
    def fetch(self) -> FetchOptions:
        return self.options.fetch

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.options.fetch)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def meta_for(self, path: Path, roots: tuple[Path, ...]) -> Metadata | None:
        return self.manifest.lookup(path, roots) if self.manifest else None


def _iter_sources(
    inputs: list[str], manifest: Manifest | None, errors: list[SourceError], options: IngestOptions
) -> Iterator[RawItem | SourceError]:
    yield from errors
    run = _Run(manifest, options)
    manifest_path = resolve_link(manifest.path)[0] if manifest else None
    try:
        for value in inputs:
            yield from _guarded(display_path(value), _iter_input(value, run, manifest_path))
        if manifest is not None:
            yield from manifest.unused()
    finally:
        run.close()


def _guarded(source: str, items: Iterator[RawItem | SourceError]) -> Iterator[RawItem | SourceError]:
    """`items`, with an unexpected error in reading them turned into a failure row for `source`:
    a defect in one reader costs that input, never the batch."""
    try:
        yield from items
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except Exception as exc:
        log.debug("reading %s failed", source, exc_info=True)
        yield SourceError(source, f"internal error while reading ({type(exc).__name__}: {exc})", E_INTERNAL)


def _iter_input(value: str, run: _Run, manifest_path: Path | None) -> Iterator[RawItem | SourceError]:
    if _is_url(value):
        if value in run.seen:
            return
        run.seen.add(value)
        yield from _iter_url(value, run)
        return
    path = Path(value)
    shown = display_path(value)
    try:
        st = path.stat()
    except FileNotFoundError:
        yield SourceError(shown, "no such file or directory", E_NOT_FOUND)
        return
    except OSError as exc:
        reason = "symbolic link loop" if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror or exc}"
        yield SourceError(shown, reason, E_LINK_LOOP if exc.errno == errno.ELOOP else E_UNREADABLE)
        return
    if stat.S_ISDIR(st.st_mode):
        files, _skipped, walk_errors = walk_folder(
            path,
            manifest=run.manifest.path if run.manifest else None,
            follow_symlinks=run.options.follow_symlinks,
        )
        yield from walk_errors
        for file in files:
            yield from _guarded(display_path(file), _iter_file(file, run, roots=(path,)))
        return
    if manifest_path is not None and resolve_link(path)[0] == manifest_path:
        return
    yield from _iter_file(path, run, roots=(), explicit=True)


def _iter_url(url: str, run: _Run) -> Iterator[RawItem | SourceError]:
    meta = run.manifest.entries.get(url) if run.manifest else None
    if meta is not None and run.manifest is not None:
        run.manifest.used.add(url)
    try:
        got = fetch(url, run.fetch, kinds=frozenset({"html", "feed"}), client=run.client)
    except FetchError as exc:
        yield SourceError(url, exc.message, exc.code)
        return
    if got.kind == "feed":
        from stanceline.sources.feeds import iter_feed  # feedparser: only for feeds

        yield from iter_feed(
            url,
            got.content,
            run.fetch,
            base_url=got.url,
            outlet=meta.outlet if meta else None,
            client=run.client,
        )
        return
    page = Metadata(url=got.url)
    yield RawItem(
        source=url,
        content=got.content,
        media_type="text/html",
        meta=_overlay(page, meta),
        encoding=got.charset,
    )


def _overlay(base: Metadata, winner: Metadata | None) -> Metadata:
    """`base` with every field `winner` sets replaced (the manifest wins)."""
    if winner is None:
        return base
    published = winner.published or base.published
    return Metadata(
        url=winner.url or base.url,
        outlet=winner.outlet or base.outlet,
        title=winner.title or base.title,
        author=winner.author or base.author,
        published=published,
        published_source=winner.published_source if winner.published else base.published_source,
    )


def _iter_file(
    path: Path, run: _Run, *, roots: tuple[Path, ...], explicit: bool = False
) -> Iterator[RawItem | SourceError]:
    """The articles of one file, each keyed by its path under the input root; at most
    `max_failures_per_file` failure rows, then one row counting the rest."""
    source = display_path(path)
    real = resolve_link(path)[0]
    seen_key = str(real) if real is not None else source
    if seen_key in run.seen:
        return
    run.seen.add(seen_key)
    key = path_key(path, roots[0] if roots else None)
    cap = run.options.max_failures_per_file
    failures = 0
    for got in _read_file(path, source, run, roots=roots, explicit=explicit):
        if isinstance(got, SourceError):
            failures += 1
            if failures <= cap:
                yield got
            continue
        if got.source.startswith(source):
            where = got.source[len(source) :].encode("utf-8", "surrogatepass")
            got = replace(got, id_key=key + where)
        yield got
    if failures > cap:
        yield SourceError(source, f"{failures - cap:,} more failures in this file not listed (first {cap} shown)",
                          E_MORE_FAILURES)


def _read_file(
    path: Path, source: str, run: _Run, *, roots: tuple[Path, ...], explicit: bool
) -> Iterator[RawItem | SourceError]:
    kind = source_kind(path)
    if kind == "unsupported":
        if explicit:
            yield SourceError(
                source,
                f"unsupported file type {path.suffix.lower()} "
                "(articles are .txt, .html, .htm, .jsonl, .warc, .xml/.rss/.atom feeds, or gzipped)",
                E_UNSUPPORTED,
            )
        return
    try:
        st = path.stat()
    except OSError as exc:
        yield SourceError(source, f"cannot read: {exc.strerror or exc}", E_UNREADABLE)
        return
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or device would block or never end.
        yield SourceError(source, "not a regular file", E_UNREADABLE)
        return
    if st.st_size == 0:
        yield SourceError(source, "empty file (0 bytes)", E_EMPTY)
        return
    manifest_meta = run.meta_for(path, roots)
    cap = run.options.max_file_bytes
    container_outlet = manifest_meta.outlet if manifest_meta else None

    if kind == "warc":
        from stanceline.sources.warc import iter_warc  # warcio: only for WARC inputs

        yield from iter_warc(path, max_record_bytes=cap, outlet=container_outlet, source=source)
        return
    if kind in ("jsonl", "gz-jsonl"):
        yield from _iter_jsonl(path, source, cap, container_outlet, gz=kind == "gz-jsonl")
        return

    if st.st_size > cap:
        yield SourceError(source, f"file too large ({human_size(st.st_size)} > {human_size(cap)} cap)", E_TOO_LARGE)
        return
    try:
        data = _read_capped(path, cap, gz=kind in ("gz-html", "gz-text"))
    except _ReadError as exc:
        yield SourceError(source, exc.reason, exc.code)
        return
    if len(data) > cap:
        what = "decompressed size" if kind and kind.startswith("gz-") else "size"
        yield SourceError(source, f"file too large ({what} over the {human_size(cap)} cap)", E_TOO_LARGE)
        return
    if not data:
        yield SourceError(source, "empty file (nothing after decompression)", E_EMPTY)
        return
    why = binary_reason(data[:_SNIFF])
    if why:
        yield SourceError(source, why, E_BINARY)
        return

    if kind is None:
        # Named explicitly with an unknown extension: look at the bytes.
        kind = "html" if looks_like_html(data[:_SNIFF]) else "feed" if looks_like_feed(data[:_SNIFF]) else "text"
    if kind == "feed" and not looks_like_feed(data[:_SNIFF]) and looks_like_html(data[:_SNIFF]):
        kind = "html"  # an XHTML page saved as .xml
    if kind == "feed":
        from stanceline.sources.feeds import iter_feed  # feedparser: only for feeds

        yield from iter_feed(source, data, run.fetch, outlet=container_outlet, client=run.client)
        return
    is_html = kind in ("html", "gz-html")
    # Decoding (charset detection) costs milliseconds a page and prepare decodes again on a worker,
    # so this process decodes only bytes without an ASCII letter: a letter byte decodes to a
    # letter, or to part of a non-space character, in every encoding the decoder picks undeclared;
    # no whitespace character's encoding holds one (a page declaring UTF-7 or EBCDIC aside, which
    # then fails in prepare as having no article text).
    if not _ASCII_LETTER.search(data) and not decode_bytes(data, is_html=is_html).strip():
        yield SourceError(source, "empty file (only whitespace)", E_EMPTY)
        return
    yield RawItem(
        source=source,
        content=data,
        media_type="text/html" if is_html else "text/plain",
        meta=manifest_meta or Metadata(),
    )


class _ReadError(Exception):
    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def _open_binary(path: Path) -> IO[bytes]:
    return path.open("rb")


def _read_capped(path: Path, cap: int, *, gz: bool) -> bytes:
    """At most cap + 1 bytes (decompressed for gzip) — one more than allowed tells "too large"."""
    try:
        with _open_binary(path) as raw:
            if not gz:
                return raw.read(cap + 1)
            with gzip.GzipFile(fileobj=raw, mode="rb") as fh:
                return fh.read(cap + 1)
    except EOFError as exc:
        raise _ReadError("truncated gzip (file cut off before its end)", E_GZIP) from exc
    except gzip.BadGzipFile as exc:
        raise _ReadError(f"not a gzip file: {exc}", E_GZIP) from exc
    except zlib.error as exc:
        raise _ReadError(f"corrupt gzip: {exc}", E_GZIP) from exc
    except OSError as exc:
        raise _ReadError(f"cannot read: {exc.strerror or exc}", E_UNREADABLE) from exc


def _iter_jsonl(path: Path, source: str, cap: int, outlet: str | None, *, gz: bool) -> Iterator[RawItem | SourceError]:
    articles = 0
    failed = 0
    last = 0
    try:
        with _open_binary(path) as raw:
            fh: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw  # type: ignore[assignment]
            # A binary file named .jsonl is one failure, not one per "line" of its bytes.
            peek = getattr(fh, "peek", None)
            why = binary_reason(peek(_SNIFF)[:_SNIFF]) if peek else None
            if why:
                yield SourceError(source, why, E_BINARY)
                return
            for n, line in iter_bounded_lines(fh, cap):
                last = n
                where = f"{source}#L{n}"
                if line is None:
                    failed += 1
                    yield SourceError(where, f"line too long (over the {human_size(cap)} cap)", E_JSONL)
                    continue
                if not line.strip():
                    continue
                result = _jsonl_article(line, where, outlet)
                for got in result:
                    if isinstance(got, RawItem):
                        articles += 1
                    elif got.code == E_JSONL:
                        failed += 1
                    yield got
    except EOFError:
        yield SourceError(source, f"truncated gzip (cut off after line {last})", E_GZIP)
        return
    except gzip.BadGzipFile as exc:
        yield SourceError(source, f"not a gzip file: {exc}", E_GZIP)
        return
    except zlib.error as exc:
        yield SourceError(source, f"corrupt gzip after line {last}: {exc}", E_GZIP)
        return
    except OSError as exc:
        yield SourceError(source, f"cannot read: {exc.strerror or exc}", E_UNREADABLE)
        return
    if articles == 0 and failed == 0:
        yield SourceError(source, "empty file (no articles)", E_EMPTY)


def _jsonl_article(line: bytes, where: str, outlet: str | None) -> list[RawItem | SourceError]:
    try:
        obj = parse_json_line(line)
    except JsonLineError as exc:
        return [SourceError(where, exc.reason, E_JSONL)]
    if not isinstance(obj, dict):
        return [SourceError(where, "expected a JSON object with 'text' or 'html'", E_JSONL)]
    text, html = obj.get("text"), obj.get("html")
    body: str | None = None
    media: str = "text/plain"
    if isinstance(text, str) and text.strip():
        body = text
    elif isinstance(html, str) and html.strip():
        body, media = html, "text/html"
    if body is None:
        return [SourceError(where, "no article: needs a non-empty 'text' or 'html' string", E_JSONL)]
    meta, field_errors = parse_meta_fields(obj, where)
    if outlet and not meta.outlet:
        meta = _overlay(meta, Metadata(outlet=outlet))
    out: list[RawItem | SourceError] = list(field_errors)
    out.append(
        RawItem(
            source=where,
            content=body.encode("utf-8", errors="replace"),
            media_type="text/html" if media == "text/html" else "text/plain",
            meta=meta,
            encoding="utf-8",
        )
    )
    return out
