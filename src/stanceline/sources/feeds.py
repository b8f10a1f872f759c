"""RSS/Atom feeds (feedparser): each entry's link is fetched as an article (with the same URL safety
as any URL), and the entry supplies title, author, url and a day-precision date marked
``published_source="feed"``; the outlet is the feed's title unless the manifest names one.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import httpx

from stanceline.config import FetchOptions
from stanceline.model import Metadata, RawItem, SourceError
from stanceline.sources.fetch import fetch_url, make_client
from stanceline.sources.manifest import normalise_published

__all__ = ["E_FEED", "FeedEntry", "ParsedFeed", "entry_date", "iter_feed", "parse_feed"]

E_FEED = "E142"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    n: int  # 1-based position in the feed
    link: str | None
    title: str | None
    author: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _date_from_string(raw: str) -> str | None:
    raw = raw.strip()
    # The date as the outlet wrote it (its own time zone); feedparser's *_parsed is UTC, which can
    # move an evening story to the next day.
    try:
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw).date().isoformat()
    except ValueError:
        pass
    return normalise_published(raw)


def entry_date(entry: Any) -> str | None:
    """The entry's publication date (else its update date) at day precision, or None."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            found = _date_from_string(raw)
            if found:
                return found
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def parse_feed(content: bytes, *, base_url: str | None = None) -> ParsedFeed | None:
    """Parse RSS/Atom bytes; None if they are not a feed. Relative links resolve against
    `base_url` when given."""
    headers = {"content-location": base_url} if base_url else None
    # A stream, never a str: feedparser would fetch a str that looks like a URL, or open it as a path.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        return None
    entries = tuple(
        FeedEntry(
            n=i,
            link=_text(e.get("link")),
            title=_text(e.get("title")),
            author=_text(e.get("author")),
            published=entry_date(e),
        )
        for i, e in enumerate(parsed.entries, start=1)
    )
    return ParsedFeed(title=_text(parsed.feed.get("title")), entries=entries)


def iter_feed(
    source: str,
    content: bytes,
    options: FetchOptions,
    *,
    base_url: str | None = None,
    outlet: str | None = None,
    client: httpx.Client | None = None,
) -> Iterator[RawItem | SourceError]:
    """Articles linked from a feed. `source` names the feed (path or URL); each article's source is
    its link. `outlet` (from the manifest) wins over the feed's title."""
    feed = parse_feed(content, base_url=base_url)
    if feed is None:
        yield SourceError(source, "not an RSS/Atom feed", E_FEED)
        return
    if not feed.entries:
        yield SourceError(source, "feed has no entries", E_FEED)
        return
    own = client is None
    if client is None:
        client = make_client(options)
    seen: set[str] = set()
    try:
        for entry in feed.entries:
            if not entry.link:
                yield SourceError(f"{source}#entry-{entry.n}", "feed entry has no link", E_FEED)
                continue
            if entry.link in seen:
                continue
            seen.add(entry.link)
            if not entry.link.lower().startswith(("http://", "https://")) and "://" not in entry.link:
                yield SourceError(entry.link, "feed entry link is not an absolute URL", E_FEED)
                continue
            got = fetch_url(entry.link, options, client=client)
            if isinstance(got, SourceError):
                yield got
                continue
            yield RawItem(
                source=got.source,
                content=got.content,
                media_type=got.media_type,
                meta=Metadata(
                    url=got.meta.url or entry.link,
                    outlet=outlet or feed.title,
                    title=entry.title,
                    author=entry.author,
                    published=entry.published,
                    published_source="feed" if entry.published else None,
                ),
                encoding=got.encoding,
            )
    finally:
        if own:
            client.close()
