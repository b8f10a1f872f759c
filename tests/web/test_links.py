"""Every link the app renders resolves: a crawler walks every internal link from `/` and counts
the broken ones; and actor pages are found by key or exact name, never by a part of one."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from stanceline.web.app import create_app

# The most pages a crawl visits: far more than either corpus renders, so reaching it is a failure
# (a link that makes new links without end), not a reason to stop quietly.
MAX_PAGES = 4000


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "href" or (name == "src" and tag in ("img", "script", "iframe"))):
                self.links.append(value)


def internal(href: str) -> str | None:
    """The path and query of a link to this app, without its fragment; None for other sites."""
    url, _ = urldefrag(href.strip())
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url.startswith("/"):
        return None
    return url


def crawl(client: TestClient) -> tuple[dict[str, int], list[tuple[str, int, str]]]:
    """Status of every internal URL reachable from `/`, and the broken ones with a page linking them."""
    status: dict[str, int] = {}
    broken: list[tuple[str, int, str]] = []
    queue: list[tuple[str, str]] = [("/", "(start)")]
    while queue:
        url, referrer = queue.pop()
        if url in status:
            continue
        assert len(status) < MAX_PAGES, "the crawl does not end: links keep making new links"
        r = client.get(url, follow_redirects=True)
        status[url] = r.status_code
        if r.status_code >= 400:
            broken.append((url, r.status_code, referrer))
            continue
        if not r.headers.get("content-type", "").startswith("text/html") or url.startswith("/docs"):
            continue
        parser = _Links()
        parser.feed(r.text)
        for href in parser.links:
            target = internal(href)
            if target is not None and target not in status:
                queue.append((target, url))
    return status, broken


def kinds(status: dict[str, int]) -> Counter[str]:
    return Counter(urlsplit(u).path.split("/")[1] or "home" for u in status)


def test_links_every_internal_link_resolves_on_the_seed_corpus(seeds_url: str) -> None:
    with TestClient(create_app(seeds_url), raise_server_exceptions=False) as c:
        status, broken = crawl(c)
    assert broken == [], broken[:20]
    seen = kinds(status)
    # The crawl reached every kind of page, so a link broken on any of them would have counted.
    for kind in ("home", "documents", "actors", "issues", "stories", "digest", "api"):
        assert seen[kind] >= 1, (kind, seen)
    assert seen["actors"] >= 5 and seen["documents"] >= 5, seen


def test_links_every_internal_link_resolves_on_the_hand_built_corpus(corpus_url: str) -> None:
    with TestClient(create_app(corpus_url), raise_server_exceptions=False) as c:
        status, broken = crawl(c)
    assert broken == [], broken[:20]
    assert "/actors/person%3Aevil" in status  # the actor whose name is markup has a working page


def test_links_crawler_reports_a_broken_link() -> None:
    """The crawler itself can fail: a page linking somewhere that is not there is reported."""
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI()

    @app.get("/")
    def home() -> HTMLResponse:
        return HTMLResponse('<a href="/there">ok</a> <a href="/nowhere#x">bad</a> <a href="https://example.org/">out</a>')

    @app.get("/there")
    def there() -> HTMLResponse:
        return HTMLResponse("<p>here</p>")

    with TestClient(app) as c:
        status, broken = crawl(c)
    assert broken == [("/nowhere", 404, "/")]
    assert set(status) == {"/", "/there", "/nowhere"}


# -- actors by key, exactly -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "given", ["person:rutte", "Mark Rutte", "mark rutte", "  MARK   RUTTE ", "Rutte", "Mårk Rütte"]
)
def test_links_actor_page_by_key_or_exact_folded_name(client: TestClient, given: str) -> None:
    r = client.get(f"/actors/{given}")
    assert r.status_code == 200, given
    assert "<h1>Mark Rutte</h1>" in r.text
    assert client.get(f"/api/actors/{given}").json()["key"] == "person:rutte"


@pytest.mark.parametrize("given", ["a", "%20", "rutt", "Mark", "Zelen", "person:", "ukraine"])
def test_links_actor_part_of_a_name_is_a_404_with_a_search(client: TestClient, given: str) -> None:
    r = client.get(f"/actors/{given}")
    assert r.status_code == 404, given
    assert "text/html" in r.headers["content-type"]
    needle = given.replace("%20", " ").strip()
    if needle:
        assert f'href="/actors?{urlencode({"q": needle})}"' in r.text
        assert f'href="/?{urlencode({"q": needle})}"' in r.text
    api = client.get(f"/api/actors/{given}")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_links_actor_404_escapes_what_was_asked(client: TestClient) -> None:
    r = client.get("/actors/<script>alert(1)</script>")
    assert r.status_code == 404
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text
