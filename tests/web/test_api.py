"""REST API on a real SQLite database built from hand-made records (see web_corpus.py)."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_corpus import ISSUE, XSS_SCRIPT

from stanceline.store.db import Store
from stanceline.web.app import create_app

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def error_of(r) -> dict:  # type: ignore[no-untyped-def]
    body = r.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] and body["error"]["message"], body
    return body["error"]


# -- documents ----------------------------------------------------------------------------------
def test_api_document_list_newest_first_with_opaque_cursor_covering_everything(client: TestClient) -> None:
    everything = client.get("/api/documents", params={"limit": 500}).json()
    assert everything["next"] is None
    all_ids = [d["id"] for d in everything["items"]]
    assert len(all_ids) == 6
    dates = [d["published"] or "" for d in everything["items"]]
    assert dates == sorted(dates, reverse=True)

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/documents", params=params).json()
        seen += [d["id"] for d in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
        assert ":" not in cursor and " " not in cursor  # opaque, URL-safe
    assert seen == all_ids and pages == 3


def test_api_document_filters(client: TestClient, corpus_docs: dict[str, str]) -> None:
    def ids(**params: str) -> set[str]:
        r = client.get("/api/documents", params=params)
        assert r.status_code == 200, r.text
        return {d["id"] for d in r.json()["items"]}

    assert ids(outlet="UnHerd") == {corpus_docs["uh2025"]}
    assert ids(outlet="responsible statecraft") == {corpus_docs["e2022"], corpus_docs["rs2024"]}
    assert ids(since="2025-01-01") == {corpus_docs["uh2025"], corpus_docs["wire2025"]}
    assert ids(until="2022") == {corpus_docs["e2022"]}
    assert ids(since="2024-10", until="2024-10") == {corpus_docs["rs2024"], corpus_docs["ki2024"]}
    assert ids(actor="Mark Rutte") == {corpus_docs["rs2024"], corpus_docs["ki2024"]}
    assert ids(actor="rutte") == ids(actor="person:rutte")
    assert corpus_docs["wire2025"] in ids(issue="ukraine joins nato")


def test_api_document_filter_errors_are_json_with_a_message(client: TestClient) -> None:
    r = client.get("/api/documents", params={"since": "last week"})
    assert r.status_code == 400
    assert "since" in error_of(r)["message"]
    r = client.get("/api/documents", params={"cursor": "not-a-cursor!!"})
    assert r.status_code == 400 and "cursor" in error_of(r)["message"]
    r = client.get("/api/documents", params={"actor": "Nobody At All"})
    assert r.status_code == 404 and "Nobody At All" in error_of(r)["message"]
    r = client.get("/api/documents", params={"limit": 0})
    assert r.status_code == 422


def test_api_document_detail_has_text_provenance_and_offsets(client: TestClient, corpus_docs: dict[str, str]) -> None:
    r = client.get(f"/api/documents/{corpus_docs['rs2024']}")
    assert r.status_code == 200
    d = r.json()
    assert d["title"].startswith("Diplomacy Watch")
    assert d["date_source"] == "manifest" and d["date_confidence"] == 1.0
    assert d["date_evidence"] == "manifest: 2024-10-18"
    text = d["text"]
    assert d["quotes"] and d["positions"] and d["mentions"]
    for q in d["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["link"].startswith(f"/documents/{d['id']}#")
    for p in d["positions"]:
        assert text[p["start"] : p["end"]] == p["evidence"]
    assert client.get(f"/api/documents/{corpus_docs['rs2024'][:8]}").json()["id"] == d["id"]


def test_api_missing_things_are_404_json(client: TestClient) -> None:
    for path in ("/api/documents/ffffffffffff", "/api/actors/nobody-here", "/api/stories/s:nope", "/api/nothing"):
        r = client.get(path)
        assert r.status_code == 404, path
        error_of(r)
    r = client.get("/api/timeline", params={"issue": "Mars joins NATO"})
    assert r.status_code == 404 and "Mars joins NATO" in error_of(r)["message"]


def test_api_search_returns_snippets_with_highlight_ranges(client: TestClient, corpus_docs: dict[str, str]) -> None:
    r = client.get("/api/search", params={"q": "victory plan"})
    items = r.json()["items"]
    assert {i["doc_id"] for i in items} == {corpus_docs["rs2024"], corpus_docs["ki2024"]}
    for i in items:
        assert "\x02" not in i["snippet"] and "\x03" not in i["snippet"]
        marked = [i["snippet"][a:b].lower() for a, b in i["highlights"]]
        assert marked and all(m in ("victory", "plan") for m in marked)
        assert i["document"]["id"] == i["doc_id"]
    # User input is never query syntax.
    assert client.get("/api/search", params={"q": 'NATO AND "unbalanced OR ('}).status_code == 200


# -- actors, quotes -----------------------------------------------------------------------------
def test_api_actors_with_aliases_and_counts(client: TestClient) -> None:
    items = client.get("/api/actors").json()["items"]
    z = next(a for a in items if a["key"] == "person:zelensky")
    assert "Zelenskyy" in z["aliases"]
    assert z["mentions"] >= 5 and z["documents"] == 5 and z["quotes"] == 3
    assert items[0]["key"] == "person:zelensky"  # most mentioned first
    one = client.get("/api/actors/Zelenskyy").json()
    assert one["key"] == "person:zelensky" and one["issues"] == [ISSUE]
    assert [a["key"] for a in client.get("/api/actors", params={"q": "rutt"}).json()["items"]] == ["person:rutte"]


def test_api_quotes_by_speaker_and_document(client: TestClient, corpus_docs: dict[str, str]) -> None:
    by_speaker = client.get("/api/quotes", params={"speaker": "Zelensky"}).json()
    assert by_speaker["total"] == 3
    assert all(q["speaker_key"] == "person:zelensky" for q in by_speaker["items"])
    by_doc = client.get("/api/quotes", params={"doc": corpus_docs["uh2025"]}).json()["items"]
    assert [q["text"] for q in by_doc] == ["We are ready to give up membership if the guarantees are real,"]


# -- positions, timeline, shifts ----------------------------------------------------------------
def test_api_positions_timeline_and_shift(client: TestClient) -> None:
    pos = client.get("/api/positions", params={"issue": ISSUE, "actor": "Zelensky"}).json()["items"]
    assert [p["stance"] for p in sorted(pos, key=lambda p: p["date"])] == [
        "support",
        "support",
        "support",
        "conditional",
        "conditional",
    ]
    tl = client.get("/api/timeline", params={"issue": "ukraine joins nato", "actor": "Zelensky"}).json()
    assert tl["issue"] == ISSUE and tl["actor"] == "person:zelensky"
    assert {r["actor_key"] for r in tl["items"]} == {"person:zelensky"}
    for r in tl["items"]:
        for p in r["positions"]:
            assert p["link"].startswith("/documents/") and "#p-" in p["link"]
    shifts = tl["shifts"]
    assert len(shifts) == 1
    s = shifts[0]
    assert (s["from_stance"], s["to_stance"]) == ("support", "conditional")
    assert s["after_date"].startswith("2025-12")
    everyone = client.get("/api/timeline", params={"issue": ISSUE}).json()
    assert {"person:zelensky", "person:rutte", "russia"} <= {r["actor_key"] for r in everyone["items"]}
    assert client.get("/api/shifts", params={"actor": "Rutte"}).json()["items"] == []


def test_api_issues_list(client: TestClient) -> None:
    items = client.get("/api/issues").json()["items"]
    assert items[0] == {"name": ISSUE, "positions": 10}


# -- stories, digest ----------------------------------------------------------------------------
def test_api_stories_and_framing(client: TestClient, corpus_docs: dict[str, str]) -> None:
    stories = client.get("/api/stories").json()["items"]
    members = sorted(sorted(s["doc_ids"]) for s in stories)
    assert sorted(corpus_docs[k] for k in ("rs2024", "ki2024")) in members
    assert sorted(corpus_docs[k] for k in ("uh2025", "wire2025")) in members
    sid = next(s["id"] for s in stories if corpus_docs["rs2024"] in s["doc_ids"])
    detail = client.get(f"/api/stories/{sid}").json()
    assert len(detail["documents"]) == 2
    rs = next(f for f in detail["documents"] if f["document"]["id"] == corpus_docs["rs2024"])
    assert rs["quoted"][0]["speaker"] == "Volodymyr Zelensky" and rs["quoted"][0]["share"] == 1.0
    assert rs["distinctive_terms"] and {p["stance"] for p in rs["positions"]} == {"support", "neutral"}


def test_api_digest_formats(client: TestClient) -> None:
    d = client.get("/api/digest", params={"issue": ISSUE}).json()
    sec = d["sections"][0]
    assert sec["issue"] == ISSUE
    assert any(m["actor_key"] == "person:zelensky" for m in sec["moves"])
    md = client.get("/api/digest", params={"format": "md", "since": "2024-10"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "## Ukraine joins NATO" in md.text and "/documents/" in md.text
    html = client.get("/api/digest", params={"format": "html"})
    assert html.status_code == 200 and "<h2>Ukraine joins NATO</h2>" in html.text


def test_api_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/actors",
        "/api/quotes",
        "/api/positions",
        "/api/timeline",
        "/api/shifts",
        "/api/stories",
        "/api/digest",
        "/api/ingest",
    ):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


# -- writes -------------------------------------------------------------------------------------
def test_api_writes_disabled_without_a_configured_token(readonly_client: TestClient) -> None:
    r = readonly_client.put("/api/actors/rutte/aliases", json={"aliases": ["x"]}, headers=AUTH)
    assert r.status_code == 403
    assert "STANCELINE_TOKEN" in error_of(r)["message"]
    r = readonly_client.post("/api/ingest", json={"urls": ["https://example.org/"]})
    assert r.status_code == 403


def test_api_writes_need_the_right_bearer_token(client: TestClient) -> None:
    r = client.put("/api/actors/rutte/aliases", json={"aliases": ["x"]})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = client.put("/api/actors/rutte/aliases", json={"aliases": ["x"]}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and error_of(r)["code"] == "unauthorized"


def test_api_edit_aliases(client: TestClient) -> None:
    r = client.put(
        "/api/actors/person:rutte/aliases",
        json={"aliases": ["Rutte", "Mark Rutte", "the NATO chief", "  the   secretary general "]},
        headers=AUTH,
    )
    assert r.status_code == 200, r.text
    assert r.json()["aliases"] == ["Mark Rutte", "Rutte", "the NATO chief", "the secretary general"]
    assert client.get("/api/actors/the NATO chief").json()["key"] == "person:rutte"


def test_api_add_issue_needs_a_writable_file(corpus_url: str, tmp_path: Path) -> None:
    with TestClient(create_app(corpus_url, write_token=TOKEN), raise_server_exceptions=False) as c:
        if c.app.state.settings.issues_path is None:  # type: ignore[attr-defined]
            r = c.post("/api/issues", json={"name": "X", "terms": ["x"]}, headers=AUTH)
            assert r.status_code == 409
    issues = tmp_path / "issues.toml"
    issues.write_text('[[issues]]\nname = "A"\ndescription = "a"\nterms = ["a"]\n', encoding="utf-8")
    with TestClient(create_app(corpus_url, write_token=TOKEN, issues_path=issues)) as c:
        body = {"name": 'EU "sanctions" \\ Russia', "description": "d", "terms": ["sanctions on Russia"]}
        r = c.post("/api/issues", json=body, headers=AUTH)
        assert r.status_code == 201, r.text
        r = c.post("/api/issues", json=body, headers=AUTH)
        assert r.status_code == 409
    from stanceline.nlp.issues import load_issues

    assert [i.name for i in load_issues(issues)] == ["A", 'EU "sanctions" \\ Russia']


def test_api_upload_is_size_capped(corpus_url: str) -> None:
    with TestClient(create_app(corpus_url, write_token=TOKEN, max_upload_bytes=1000)) as c:
        r = c.post("/api/ingest", files={"file": ("big.txt", b"x" * 5000, "text/plain")}, headers=AUTH)
        assert r.status_code == 413 and "limit" in error_of(r)["message"]
        r = c.post("/api/ingest", content=b"hello", headers={**AUTH, "Content-Type": "text/plain"})
        assert r.status_code == 415


def test_api_url_ingest_refuses_loopback_and_non_http(client: TestClient) -> None:
    class Handler(BaseHTTPRequestHandler):
        hits = 0

        def do_GET(self) -> None:
            Handler.hits += 1
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>secret internal page</p></body></html>")

        def log_message(self, *args: object) -> None:
            pass

    srv = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{srv.server_port}/article"
        r = client.post("/api/ingest", json={"urls": [url]}, headers=AUTH)
        assert r.status_code == 200, r.text
        rep = r.json()
        assert rep["new"] == [] and len(rep["failures"]) == 1
        assert Handler.hits == 0
    finally:
        srv.shutdown()
    r = client.post("/api/ingest", json={"urls": ["javascript:alert(1)"]}, headers=AUTH)
    assert r.status_code == 400 and "http" in error_of(r)["message"]
    r = client.post("/api/ingest", json={"urls": "nope"}, headers=AUTH)
    assert r.status_code == 400


def test_api_upload_ingests_a_document(tmp_path: Path) -> None:
    from stanceline.store.db import Store

    url = f"sqlite:///{tmp_path / 'up.db'}"
    Store(url).close()
    text = (
        "Kyiv, 3 March 2025. Ukraine's foreign minister said on Monday that NATO membership remains the "
        'goal. "We will join NATO," he told reporters. ' * 3
    ).encode()
    with TestClient(create_app(url, write_token=TOKEN)) as c:
        r = c.post(
            "/api/ingest",
            files={"file": ("../../etc/passwd article.txt", text, "text/plain")},
            data={"outlet": "Test Wire", "published": "2025-03-03", "title": XSS_SCRIPT},
            headers=AUTH,
        )
        assert r.status_code == 200, r.text
        rep = r.json()
        assert len(rep["new"]) == 1, rep
        doc = c.get(f"/api/documents/{rep['new'][0]}").json()
        assert doc["outlet"] == "Test Wire" and doc["published"] == "2025-03-03" and doc["title"] == XSS_SCRIPT
        assert "passwd" not in doc["source"].split("/")[-2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("path", ["/api/documents", "/api/actors", "/api/stories", "/api/digest"])
def test_api_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_api_timeline_cache_sees_new_extractions(tmp_path: Path) -> None:
    """An NLP run in another process (another Store on the same file) must show up at once."""
    import web_corpus

    from stanceline.model import Position
    from stanceline.store.db import NlpResult, Store

    url = f"sqlite:///{tmp_path / 'cache.db'}"
    with Store(url) as s:
        docs = web_corpus.build(s, hostile=False)
    with TestClient(create_app(url)) as c:
        before = c.get("/api/timeline", params={"issue": ISSUE, "actor": "Rutte"}).json()
        assert {r["stance"] for r in before["items"]} == {"neutral"}
        with Store(url) as other:
            d = other.get_document(docs["wire2025"].id)
            assert d is not None
            keep = other.positions(doc_id=d.id)
            ev = "Ukraine signalled in Berlin that it could drop its NATO bid in exchange for security guarantees."
            start = d.text.index(ev)
            new = Position(
                d.id,
                "Mark Rutte",
                "person:rutte",
                ISSUE,
                "oppose",
                0.9,
                "2025-12",
                "outlet",
                ev,
                start,
                start + len(ev),
            )
            other.replace_nlp(
                NlpResult(d.id, other.mentions(doc_id=d.id), other.quotes(doc_id=d.id), [], [*keep, new], {"x": "2"}),
                web_corpus.ACTORS,
            )
        after = c.get("/api/timeline", params={"issue": ISSUE, "actor": "Rutte"}).json()
        assert "oppose" in {r["stance"] for r in after["items"]}


def test_api_index_lists_endpoints(client: TestClient, readonly_client: TestClient) -> None:
    body = client.get("/api").json()
    paths = {(e["method"], e["path"]) for e in body["endpoints"]}
    assert ("GET", "/api/timeline") in paths and ("POST", "/api/ingest") in paths
    assert body["writes"].startswith("enabled")
    assert readonly_client.get("/api").json()["writes"].startswith("disabled")


def test_api_app_openapi_docs_served_without_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "//cdn" not in page.text
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"/docs-assets/{asset}" in page.text
        assert client.get(f"/docs-assets/{asset}").status_code == 200


def test_api_timeline_pages_equal_the_whole_timeline_sliced(tmp_path: Path) -> None:
    import timeline_check
    import web_corpus

    url = f"sqlite:///{tmp_path / 'random.db'}"
    with Store(url) as s:
        web_corpus.build_random(s, seed=5)
    timeline_check.check_pages(url)
