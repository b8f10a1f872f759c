"""Hostile article content (script tags, event attributes, javascript: URLs) stays text everywhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from web_corpus import XSS_IMG, XSS_SCRIPT, XSS_URL

from stanceline.analyze.digest import build_digest
from stanceline.render.digest import render_html, render_markdown
from stanceline.store.db import Store
from stanceline.web.render import Span, highlight, safe_href

OWN_SCRIPT = '<script src="/static/chart.js" defer></script>'
RAW_MARKUP = re.compile(r"<script|<img|<a href=.?javascript", re.I)


class ActiveContent(HTMLParser):
    """Collects anything in a page that could run or load: script-ish tags, on* handlers, bad URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            v = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "xlink:href", "formaction") and not v.startswith(
                ("/", "#", "http://", "https://", "?")
            ):
                self.found.append(f"{tag}[{name}={value}]")


def active_content(html: str) -> list[str]:
    p = ActiveContent()
    p.feed(html)
    return p.found


def page_paths(client: TestClient, docs: dict[str, str]) -> list[str]:
    story = client.get("/api/stories").json()["items"][0]["id"]
    return [
        "/",
        "/?q=agent",
        "/?q=" + XSS_SCRIPT,
        f"/documents/{docs['hostile']}",
        f"/documents/{docs['rs2024']}",
        "/actors",
        "/actors/person:evil",
        "/actors/" + XSS_SCRIPT,
        "/issues",
        "/issues/Ukraine joins NATO",
        "/issues/" + XSS_IMG,
        "/stories",
        f"/stories/{story}",
        "/digest",
        "/digest?since=2023&until=2023",
    ]


def test_hostile_pages_never_emit_article_markup(client: TestClient, corpus_docs: dict[str, str]) -> None:
    for path in page_paths(client, corpus_docs):
        r = client.get(path)
        assert r.status_code in (200, 404), (path, r.status_code)
        assert r.headers["content-type"].startswith("text/html")
        # The app's own script file (chart PNG downloads) is the one script a page may carry.
        html = r.text.replace(OWN_SCRIPT, "")
        assert not RAW_MARKUP.search(html), path
        assert active_content(html) == [], (path, active_content(html))
    body = client.get(f"/documents/{corpus_docs['hostile']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_hostile_javascript_url_is_shown_as_text_not_linked(client: TestClient, corpus_docs: dict[str, str]) -> None:
    body = client.get(f"/documents/{corpus_docs['hostile']}").text
    hrefs = re.findall(r'href="([^"]*)"', body)
    assert hrefs and all(h.startswith(("/", "#", "http://", "https://")) for h in hrefs), hrefs
    assert '<span class="plain-url">javascript:alert(1)</span>' in body


def test_hostile_api_returns_hostile_strings_verbatim_as_json_text(
    client: TestClient, corpus_docs: dict[str, str]
) -> None:
    d = client.get(f"/api/documents/{corpus_docs['hostile']}").json()
    assert d["title"].startswith(XSS_SCRIPT) and d["outlet"] == XSS_IMG and d["url"] == XSS_URL
    assert client.get("/api/actors/person:evil").json()["name"] == XSS_SCRIPT
    r = client.get("/api/documents/" + corpus_docs["hostile"])
    assert r.headers["content-type"] == "application/json"


def test_hostile_digest_renderings_keep_markup_inert(corpus_url: str) -> None:
    with Store(corpus_url) as store:
        d = build_digest(store, since="2023", until="2023")
    md = render_markdown(d)
    assert "agent &lt;script&gt;alert\\(1\\)&lt;/script&gt;" in md
    assert not RAW_MARKUP.search(md)
    html = render_html(d)
    assert not RAW_MARKUP.search(html) and active_content(html) == []
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>",
        "vbscript:x",
        "//evil.example/x",
        "/relative",
        "http:/no-host",
        "https://ok.example/\x00",
    ],
)
def test_hostile_safe_href_refuses_everything_but_absolute_http(url: str) -> None:
    assert safe_href(url) is None


def test_hostile_safe_href_accepts_http() -> None:
    assert safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_href("HTTP://example.org") == "HTTP://example.org"


def test_hostile_highlight_escapes_every_segment_and_nests_crossing_spans() -> None:
    text = 'a<b>c & d "e" f'
    spans = [
        Span(1, 8, 0, "span", {"class": "ev", "title": '"><script>'}, {"id": "p-1"}),
        Span(4, 12, 1, "q", {"class": "quote"}, {}),
    ]
    html = str(highlight(text, spans))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert 'title="&#34;&gt;&lt;script&gt;"' in html
    # The quote crosses the evidence's end: it is split, only the first fragment has an id.
    assert html.count("<q ") == 2 and html.count('id="p-1"') == 1
    assert (
        re.sub(r"<[^>]+>", "", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#34;", '"')
        == text
    )


def test_hostile_highlight_survives_bad_offsets() -> None:
    html = str(
        highlight(
            "short", [Span(3, 99, 0, "span", {}, {}), Span(-5, 2, 0, "span", {}, {}), Span(4, 2, 0, "span", {}, {})]
        )
    )
    assert re.sub(r"<[^>]+>", "", html) == "short"
