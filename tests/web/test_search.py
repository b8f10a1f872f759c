"""The search the page and the API share (store/search.py): filters, OR, exclusions, totals, paging
and actor spellings, over the hand-built web corpus."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from stanceline.store.db import Store
from stanceline.web.app import create_app


def _search(client: TestClient, **params: str) -> dict:  # type: ignore[type-arg]
    r = client.get("/api/search", params={"limit": "50", **params})
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_search_api_filters_by_date_and_counts(client: TestClient) -> None:
    everything = _search(client, q="NATO")
    recent = _search(client, q="NATO", since="2024")
    assert recent["total"] == len(recent["items"]) < everything["total"]
    assert all((i["document"]["published"] or "") >= "2024" for i in recent["items"])
    inline = _search(client, q="NATO since:2024")
    assert [i["doc_id"] for i in inline["items"]] == [i["doc_id"] for i in recent["items"]]


def test_search_api_or_and_exclusion(client: TestClient) -> None:
    kremlin = {i["doc_id"] for i in _search(client, q="unacceptable")["items"]}
    plan = {i["doc_id"] for i in _search(client, q='"victory plan"')["items"]}
    either = {i["doc_id"] for i in _search(client, q='unacceptable OR "victory plan"')["items"]}
    assert kremlin and plan and either == kremlin | plan
    without = {i["doc_id"] for i in _search(client, q="NATO -invitation")["items"]}
    with_inv = {i["doc_id"] for i in _search(client, q="invitation")["items"]}
    assert without and not (without & with_inv)


def test_search_api_actor_spellings_fold(client: TestClient) -> None:
    base = {i["doc_id"] for i in _search(client, q="Zelensky")["items"]}
    assert base
    for spelling in ("Zelenskyy", "Zelenskiy", "zelenský"):
        assert {i["doc_id"] for i in _search(client, q=spelling)["items"]} == base, spelling


def test_search_api_bad_date_is_a_400(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "NATO", "since": "2025-13-45"})
    assert r.status_code == 400
    assert client.get("/api/search", params={"q": "NATO until:yesterday"}).status_code == 400


def test_search_api_pages_reach_the_total(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "NATO", "limit": "2"}).json()
    seen = [i["doc_id"] for i in first["items"]]
    nxt = first["next"]
    while nxt:
        page = client.get("/api/search", params={"q": "NATO", "limit": "2", "cursor": nxt}).json()
        seen += [i["doc_id"] for i in page["items"]]
        nxt = page["next"]
    assert len(seen) == len(set(seen)) == first["total"]


def test_search_page_applies_filters_and_shows_the_count(client: TestClient) -> None:
    html = client.get("/", params={"q": "NATO", "since": "2024"}).text
    m = re.search(r'<p class="count">(?:\d+–\d+ of )?(\d+) documents?', html)
    assert m is not None
    assert int(m.group(1)) == _search(client, q="NATO", since="2024")["total"]
    assert html.count('<li class="doc">') == int(m.group(1))
    assert client.get("/", params={"q": "NATO", "since": "2025-13-45"}).status_code == 400


def test_search_page_pages_keep_the_filters(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from stanceline.web import pages

    monkeypatch.setattr(pages, "SEARCH_PAGE", 1)
    total = _search(client, q="NATO", since="2024")["total"]
    assert total >= 2
    url: str | None = "/?" + urlencode({"q": "NATO", "since": "2024"})
    shown, titles = [], []
    while url:
        html = client.get(url).text
        shown.append(re.search(r'<p class="count">([^<]*)</p>', html)[1])  # type: ignore[index]
        titles += re.findall(r'<li class="doc">\s*<h3>(.*?)</h3>', html, re.S)
        more = re.search(r'<a class="more" href="([^"]+)"', html)
        url = more[1].replace("&amp;", "&") if more else None
        if url:
            assert "since=2024" in url and "q=NATO" in url
    assert len(titles) == len(set(titles)) == total
    assert shown[0] == f"1–1 of {total} documents (filtered)"
    assert shown[-1] == f"{total}–{total} of {total} documents (filtered)"


def test_search_page_language_filter_lists_and_refuses_bad_codes(client: TestClient) -> None:
    assert client.get("/", params={"lang": "en"}).status_code == 200
    listing = client.get("/", params={"lang": "xx"}).text
    assert '<li class="doc">' not in listing  # no document is in language "xx"
    assert client.get("/", params={"lang": "english!"}).status_code == 400


def test_search_page_issue_filter_keeps_documents_with_positions_on_it(tmp_path: Path) -> None:
    from stanceline.dedup import text_hash
    from stanceline.model import Document, Position

    url = f"sqlite:///{tmp_path / 'issue.db'}"
    texts = {
        "ferry": "The harbour board said the night ferry to Osterby would keep running through the winter.",
        "bridge": "Engineers told the harbour board that the old bridge to Osterby needs new cables.",
    }
    with Store(url) as store:
        for key, text in texts.items():
            d = Document(id=key, source=f"{key}.txt", text=text, raw_hash=key, title=f"Harbour {key}")
            store.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
        ev = texts["ferry"]
        store.replace_positions(
            "ferry",
            [Position("ferry", "Harbour board", "harbour board", "Winter ferry", "support", 0.8, None, "reported",
                      ev, 0, len(ev))],
            "test",
        )
    with TestClient(create_app(url)) as c:
        both = c.get("/", params={"q": "harbour Osterby"}).text
        assert "Harbour ferry" in both and "Harbour bridge" in both
        api = c.get("/api/search", params={"q": "harbour", "issue": "winter ferry"}).json()
        assert [i["doc_id"] for i in api["items"]] == ["ferry"] and api["total"] == 1
        assert c.get("/api/search", params={"q": "harbour", "issue": "Summer ferry"}).status_code == 404
        one = c.get("/", params={"q": "harbour Osterby", "issue": "Winter ferry"}).text
        assert "Harbour ferry" in one and "Harbour bridge" not in one
        assert re.search(r'<p class="count">1–1 of 1 document \(filtered\)</p>', one)
