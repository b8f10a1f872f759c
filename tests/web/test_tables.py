"""The datasette-style tables: sort by clickable column, filter, count, page, download what is shown,
and the orderings served by indexes (SQLite's query plans)."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_corpus import ISSUE, XSS_SCRIPT

from stanceline.store.db import Store
from stanceline.web import tables

PAGES = ("/documents", "/actors", "/quotes", "/positions")


def hrefs(html: str, cls: str | None = None) -> list[str]:
    pat = rf'<a class="{cls}" href="([^"]+)"' if cls else r'<a href="([^"]+)"'
    return [unescape(h) for h in re.findall(pat, html)]


def header_links(html: str) -> dict[str, str]:
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return {unescape(label): unescape(h) for h, label in re.findall(r'<th[^>]*><a href="([^"]+)">([^<]+)</a>', head)}


def body_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        rows.append([unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def jsonl(client: TestClient, url: str) -> list[dict[str, Any]]:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:200])
    return [json.loads(line) for line in r.text.splitlines()]


@pytest.mark.parametrize("path", PAGES)
def test_tables_render_count_and_download_exactly_the_rows_shown(client: TestClient, path: str) -> None:
    r = client.get(path, params={"limit": "3"})
    assert r.status_code == 200
    shown = body_rows(r.text)
    assert 1 <= len(shown) <= 3
    total = int(re.search(r'<p class="table-count"><b>([\d,]+)</b>', r.text)[1].replace(",", ""))  # type: ignore[index]
    assert total >= len(shown)
    csv_href, jsonl_href = hrefs(r.text, "download")
    rows = list(csv.reader(io.StringIO(client.get(csv_href).text)))
    assert len(rows) - 1 == len(shown)
    items = jsonl(client, jsonl_href)
    assert len(items) == len(shown)
    view = tables.VIEWS[path.strip("/")]
    first = view.columns[0].name
    # The first column as the page shows it is the first column of the download (em dash for empty).
    assert [row[0] for row in shown] == [(str(i[first]) if i[first] not in (None, "") else "—")[:301] for i in items]


@pytest.mark.parametrize("path", PAGES)
def test_tables_every_column_header_sorts_both_ways(client: TestClient, path: str) -> None:
    view = tables.VIEWS[path.strip("/")]
    page = client.get(path).text
    links = header_links(page)
    for c in view.columns:
        if not c.order:
            assert c.label not in links
            continue
        url = links[c.label]
        once = client.get(url).text
        twice_url = header_links(once)[c.label]
        assert twice_url != url
        for u in (url, twice_url):
            m = re.search(r"[?&]sort=(-?\w+)", u)
            sort = m[1] if m else view.default_sort
            assert sort.lstrip("-") == c.name, (u, c.name)
            items = jsonl(client, u + ("&" if "?" in u else "?") + "format=jsonl")
            values = [_sortable(i[c.name]) for i in items]
            want = sorted(values, reverse=sort.startswith("-"))
            assert values == want, (path, sort, values)


def _sortable(v: Any) -> Any:
    return v if isinstance(v, int | float) else (v or "")[:100]


@pytest.mark.parametrize("path", PAGES)
def test_tables_page_through_every_row_once(client: TestClient, path: str) -> None:
    everything = jsonl(client, f"{path}?limit=500&format=jsonl")
    seen: list[dict[str, Any]] = []
    url: str | None = f"{path}?limit=2"
    pages = 0
    while url:
        html = client.get(url).text
        seen += jsonl(client, hrefs(html, "download")[1])
        nxt = [h for h in hrefs(html, "more")]
        url = nxt[0] if nxt else None
        pages += 1
        assert pages < 100
    assert seen == everything and len(everything) >= 2


def test_tables_filters_narrow_and_count(client: TestClient, corpus_docs: dict[str, str]) -> None:
    def count(path: str, **params: str) -> int:
        html = client.get(path, params=params).text
        return int(re.search(r"<b>([\d,]+)</b>", html)[1].replace(",", ""))  # type: ignore[index]

    api_total = client.get("/api/positions", params={"actor": "person:zelensky"}).json()["total"]
    assert count("/positions", actor="person:zelensky") == api_total == 5
    assert count("/positions", actor="Zelensky", stance="conditional") == 2
    assert count("/positions", issue=ISSUE, since="2025") < count("/positions", issue=ISSUE)
    assert count("/quotes", speaker="Volodymyr Zelensky") == 3
    assert count("/documents", outlet="unherd") == 1
    assert count("/documents", q="nato") >= 2
    assert count("/actors", type="GPE") == 1
    assert count("/actors", q="zelenskyy") == 1  # an alias counts
    assert count("/actors", q="%") == 0  # a filter's text is text, not a pattern


def test_tables_bad_arguments_are_400(client: TestClient) -> None:
    for url in (
        "/documents?sort=text",
        "/positions?sort=-nonsense",
        "/actors?limit=0",
        "/quotes?cursor=abc",
        "/documents?since=2025-13-45",
        "/actors?format=json",
    ):
        r = client.get(url)
        assert r.status_code == 400, url
    assert client.get("/positions?actor=nobody-at-all").status_code == 404


def test_tables_hostile_text_is_escaped_in_page_and_csv(client: TestClient) -> None:
    page = client.get("/actors", params={"type": "PERSON", "limit": "500"})
    assert XSS_SCRIPT not in page.text and "&lt;script&gt;" in page.text
    for path in PAGES:
        assert "<script>" not in client.get(path, params={"limit": "500"}).text.split("<main>", 1)[1], path


SCAN = re.compile(r"USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY")
# Orderings that are not an index walk, and why (see web/tables.py).
NOT_INDEXED = {("actors", n) for n in ("mentions", "documents", "quotes", "positions")} | {("quotes", "published")}


def test_tables_orderings_are_index_walks_on_sqlite(corpus_url: str) -> None:
    store = Store(corpus_url)
    try:
        with store.engine.connect() as conn:
            for view in tables.VIEWS.values():
                for c in view.columns:
                    if not c.order or (view.name, c.name) in NOT_INDEXED:
                        continue
                    for sort in (c.name, "-" + c.name):
                        q, _, _ = tables.page_query(store, view, {"sort": sort})
                        sql = str(q.compile(store.engine, compile_kwargs={"literal_binds": True}))
                        plan = " | ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
                        assert not SCAN.search(plan), (view.name, sort, plan)
                        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (view.name, sort, plan)
    finally:
        store.close()
