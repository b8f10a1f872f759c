"""Server-rendered pages through the test client (the browser tests cover clicking and rendering)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_corpus import ISSUE

from stanceline.model import anchor
from stanceline.store.db import Store
from stanceline.web.app import create_app


def test_pages_document_page_anchors_every_position_and_quote(client: TestClient, corpus_docs: dict[str, str]) -> None:
    doc = client.get(f"/api/documents/{corpus_docs['rs2024']}").json()
    html = client.get(f"/documents/{corpus_docs['rs2024']}").text
    for p in doc["positions"]:
        assert f'id="{anchor(p["id"])}"' in html
    for q in doc["quotes"]:
        assert f'id="{anchor(q["id"])}"' in html
    assert 'href="https://responsiblestatecraft.org/2024/10/diplomacy-watch-nato-invitation/"' in html
    assert "manifest: 2024-10-18" in html  # date evidence
    assert 'href="/actors/person%3Arutte"' in html  # mentions link to actor pages


def test_pages_actor_page_chart_points_link_to_evidence(client: TestClient) -> None:
    html = client.get("/actors/Zelensky").text
    wide = re.search(r'<svg[^>]*class="timeline wide".*?</svg>', html, re.S)[0]  # type: ignore[index]
    hrefs = re.findall(r'<a class="point" href="([^"]+)"', wide)
    # Five positions; two pairs a few days apart share a marker, which shows their count.
    counts = [int(n) for n in re.findall(r'<text class="count"[^>]*>(\d+)</text>', wide)]
    assert len(hrefs) == 3 and sum(counts) + (len(hrefs) - len(counts)) == 5
    assert all(re.match(r"^/documents/[0-9a-f]+#p-", h) for h in hrefs)
    assert wide.count('class="shift"') == 1
    assert "Zelenskyy" in html  # aliases
    assert "We are ready to give up membership" in html  # quotes


def test_pages_issue_page_side_by_side(client: TestClient) -> None:
    html = client.get("/issues/ukraine joins nato").text
    assert "<h1>Ukraine joins NATO</h1>" in html
    for name in ("Volodymyr Zelensky", "Mark Rutte", "Russia"):
        assert name in html
    assert len(re.findall(r'class="cell stance-', html)) >= 8


def test_pages_document_list_pagination_and_filters(client: TestClient) -> None:
    html = client.get("/").text
    assert html.count('<li class="doc">') == 6
    html = client.get("/", params={"outlet": "Responsible Statecraft"}).text
    assert html.count('<li class="doc">') == 2
    html = client.get("/", params={"actor": "Rutte"}).text
    assert html.count('<li class="doc">') == 2 and "mentioning" in html
    r = client.get("/", params={"since": "yesterday"})
    assert r.status_code == 400 and "YYYY" in r.text


def test_pages_story_and_digest_pages(client: TestClient) -> None:
    sid = client.get("/api/stories").json()["items"][0]["id"]
    html = client.get(f"/stories/{sid}").text
    assert html.count('<section class="frame">') == 2 and "Who is quoted" in html
    html = client.get("/digest", params={"issue": ISSUE}).text
    assert "Who moved" in html and "Notable quotes" in html


def test_pages_on_an_empty_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    Store(url).close()
    with TestClient(create_app(url)) as c:
        for path in ("/", "/?q=nato", "/actors", "/issues", "/stories", "/digest", f"/issues/{ISSUE}"):
            r = c.get(path)
            assert r.status_code == 200, (path, r.text[:300])
        assert c.get("/documents/abcdef").status_code == 404
        assert c.get("/api/documents").json() == {"items": [], "total": 0, "next": None}


def test_pages_compile_templates_leaves_no_page_to_compile_on_a_request() -> None:
    from stanceline.web.pages import compile_templates, templates

    folder = Path(templates.env.loader.searchpath[0])  # type: ignore[union-attr]
    assert compile_templates() == len(list(folder.glob("*.html")))
    compiled: list[str] = []
    original = templates.env.compile
    templates.env.compile = lambda *a, **k: compiled.append(str(a[1:2])) or original(*a, **k)  # type: ignore[method-assign]
    try:
        for name in templates.env.list_templates(extensions=["html"]):
            templates.get_template(name)
    finally:
        templates.env.compile = original  # type: ignore[method-assign]
    assert compiled == []


def test_pages_stories_list_pages_newest_first(tmp_path: Path) -> None:
    from stanceline.dedup import text_hash
    from stanceline.model import Document, Story
    from stanceline.web.pages import STORIES_PER_PAGE

    url = f"sqlite:///{tmp_path / 'stories.db'}"
    n = STORIES_PER_PAGE + 3
    with Store(url) as store:
        for i in range(n):
            text = f"Dispatch {i}: the river ferry resumed service after the flood waters went down."
            d = Document(id=f"d{i:03d}", source=f"d{i}.txt", text=text, raw_hash=f"h{i}", title=f"Ferry dispatch {i}")
            store.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
        day = [f"2031-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(n)]
        store.replace_stories(
            [Story(id=f"s{i:03d}", label=f"Ferry story {i}", doc_ids=[f"d{i:03d}"], start=day[i], end=day[i], terms=[])
             for i in range(n)]
        )
    with TestClient(create_app(url)) as c:
        first = c.get("/stories").text
        assert f"Ferry story {n - 1}<" in first and "Ferry story 2<" not in first  # newest first, one page
        assert 'href="/stories?page=2"' in first
        second = c.get("/stories?page=2").text
        assert "Ferry story 2<" in second and "Ferry story 0<" in second and 'rel="next"' not in second
        assert c.get("/stories?page=0").status_code == 400

def _section(html: str, name: str) -> str:
    return re.search(rf'<section id="{name}">.*?</section>', html, re.S)[0]  # type: ignore[index]


def test_pages_actor_page_pages_positions_and_quotes(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from stanceline.web import pages

    monkeypatch.setattr(pages, "ACTOR_PAGE", 2)
    total = client.get("/api/positions", params={"actor": "person:zelensky", "limit": 100}).json()["total"]
    assert total > 2
    url: str | None = "/actors/person:zelensky"
    seen: list[str] = []
    counts, pages_html = [], []
    while url:
        html = client.get(url).text
        pages_html.append(html)
        section = _section(html, "positions")
        counts.append(re.search(r'<p class="count">([^<]*?), newest', section)[1])  # type: ignore[index]
        seen += re.findall(r'href="/documents/[0-9a-f]+#(p-[^"]+)"', section)
        assert re.search(r"<h2>What .* said \(\d+\)</h2>", _section(html, "quotes"))
        more = re.search(r'<a class="more" href="([^"]+)"', section)
        url = more[1].replace("&amp;", "&") if more else None
    assert len(seen) == total and len(set(seen)) == total  # every position once, none twice
    assert counts[0] == f"1–2 of {total}" and counts[1] == f"3–4 of {total}" and len(counts) == (total + 1) // 2
    assert 'class="prev"' not in _section(pages_html[0], "positions")
    back = re.search(r'<a class="prev" href="([^"]+)"', _section(pages_html[1], "positions"))[1]  # type: ignore[index]
    assert "1–2 of" in _section(client.get(back.replace("&amp;", "&")).text, "positions")
