"""RSS/Atom feeds: entries' links fetched (with URL safety), metadata from the entry and feed."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from stanceline.config import FetchOptions, IngestOptions
from stanceline.model import RawItem, SourceError
from stanceline.sources.feeds import entry_date, parse_feed
from stanceline.sources.inputs import iter_sources

LOCAL = IngestOptions(fetch=FetchOptions(timeout=2.0, allow_private=True))
PAGE = b"<!doctype html><html><head><title>One</title></head><body><p>Kyiv said so.</p></body></html>"

Route = Callable[[BaseHTTPRequestHandler], None]


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html") -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


class LocalServer:
    """An HTTP server on 127.0.0.1 in a thread (pytest's importlib mode keeps test_fetch's private)."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                routes.get(self.path, lambda h: send(h, 404, b"no route"))(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Kyiv Daily</title><link>{base}/</link><description>news</description>
<item><title>First &amp; foremost</title><link>{base}/a1</link><dc:creator>Olena K.</dc:creator>
  <pubDate>Fri, 18 Oct 2024 23:30:00 -0500</pubDate></item>
<item><title>Second</title><link>{base}/a2</link><pubDate>Sat, 19 Oct 2024 08:00:00 GMT</pubDate></item>
<item><title>A report</title><link>{base}/pdf</link></item>
<item><title>No link at all</title><description>summary only</description></item>
<item><title>Second again</title><link>{base}/a2</link></item>
</channel></rss>""".encode()


def atom() -> bytes:
    return b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2024-10-18T10:00:00Z</updated>
<entry><title>Atom story</title><link href="/a1"/><id>urn:1</id><updated>2024-10-18T10:00:00Z</updated>
<author><name>A. Writer</name></author></entry>
</feed>"""


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    holder: dict[str, str] = {}
    routes: dict[str, Route] = {
        "/a1": lambda h: send(h, 200, PAGE, "text/html; charset=utf-8"),
        "/pdf": lambda h: send(h, 200, b"%PDF-1.7", "application/pdf"),
        "/plain": lambda h: send(h, 200, b"just text", "text/plain"),
        "/a2": lambda h: send(h, 200, b"<html><body>two</body></html>"),
        "/feed": lambda h: send(h, 200, rss(holder["base"]), "application/rss+xml"),
        "/atom": lambda h: send(h, 200, atom(), "text/xml"),
        "/empty-feed": lambda h: send(
            h, 200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>', "text/xml"
        ),
    }
    srv = LocalServer(routes)
    holder["base"] = srv.base
    yield srv
    srv.close()


def _split(results: list[RawItem | SourceError]) -> tuple[list[RawItem], list[SourceError]]:
    return [r for r in results if isinstance(r, RawItem)], [r for r in results if isinstance(r, SourceError)]


def test_feeds_url_feed_fetches_each_entry(server: LocalServer) -> None:
    items, errors = _split(list(iter_sources([server.base + "/feed"], options=LOCAL)))
    assert [i.source for i in items] == [server.base + "/a1", server.base + "/a2"]
    first, second = items
    assert first.content == PAGE
    assert first.meta.title == "First & foremost"
    assert first.meta.author == "Olena K."
    assert first.meta.outlet == "Kyiv Daily"
    assert first.meta.url == server.base + "/a1"
    # The outlet's own calendar day, not the UTC day (which would be 2024-10-19).
    assert first.meta.published == "2024-10-18" and first.meta.published_source == "feed"
    assert second.meta.published == "2024-10-19"
    assert first.encoding == "utf-8"
    reasons = {e.source: e.reason for e in errors}
    assert reasons == {
        server.base + "/pdf": "not HTML: application/pdf",
        server.base + "/feed#entry-4": "feed entry has no link",
    }


def test_feeds_atom_served_as_text_xml_with_relative_links(server: LocalServer) -> None:
    items, errors = _split(list(iter_sources([server.base + "/atom"], options=LOCAL)))
    assert errors == []
    assert [(i.source, i.meta.outlet, i.meta.author, i.meta.published) for i in items] == [
        (server.base + "/a1", "Atom Wire", "A. Writer", "2024-10-18")
    ]


def test_feeds_file_feed_with_manifest_outlet(server: LocalServer, tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(server.base))
    mf = tmp_path / "manifest.jsonl"
    mf.write_text(json.dumps({"file": "wire.rss", "outlet": "Manifest Outlet", "title": "not per entry"}) + "\n")
    items, _ = _split(list(iter_sources([str(tmp_path)], manifest=mf, options=LOCAL)))
    assert [i.meta.outlet for i in items] == ["Manifest Outlet"] * 2
    assert [i.meta.title for i in items] == ["First & foremost", "Second"]


def test_feeds_entry_links_get_url_safety(server: LocalServer, tmp_path: Path) -> None:
    feed = tmp_path / "local.xml"
    feed.write_bytes(rss(server.base))
    before = len(server.requests)
    items, errors = _split(list(iter_sources([str(feed)])))  # default: private addresses refused
    assert items == []
    assert {e.code for e in errors if "#entry-" not in e.source} == {"E121"}
    assert len(server.requests) == before


def test_feeds_not_a_feed_and_empty_feed(server: LocalServer, tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>http://x/</loc></url></urlset>')
    _, errors = _split(list(iter_sources([str(sitemap), server.base + "/empty-feed"], options=LOCAL)))
    assert [(e.source, e.reason) for e in errors] == [
        (str(sitemap), "not an RSS/Atom feed"),
        (server.base + "/empty-feed", "feed has no entries"),
    ]


def test_feeds_xhtml_page_saved_as_xml_is_html(tmp_path: Path) -> None:
    page = tmp_path / "page.xml"
    page.write_text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>Hi</body></html>')
    items, errors = _split(list(iter_sources([str(page)])))
    assert errors == [] and [i.media_type for i in items] == ["text/html"]


def test_feeds_url_serving_plain_text_refused(server: LocalServer) -> None:
    _, errors = _split(list(iter_sources([server.base + "/plain"], options=LOCAL)))
    assert [e.reason for e in errors] == ["not HTML: text/plain"]


def test_feeds_entry_date_precision() -> None:
    assert entry_date({"published": "Fri, 18 Oct 2024 23:30:00 -0500"}) == "2024-10-18"
    assert entry_date({"updated": "2024-10-18T01:00:00+03:00"}) == "2024-10-18"
    assert entry_date({"published": "2024-10"}) == "2024-10"
    assert entry_date({"published": "someday"}) is None
    assert entry_date({}) is None


def test_feeds_parse_never_fetches_or_opens_paths() -> None:
    # feedparser fetches a str that looks like a URL; bytes that look like one must stay bytes.
    assert parse_feed(b"http://127.0.0.1:9/feed") is None
    assert parse_feed(b"/etc/passwd") is None
