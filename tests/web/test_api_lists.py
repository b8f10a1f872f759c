"""The API's one paging scheme, its formats, its checked parameters and its documented errors."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_corpus import ISSUE

from stanceline.web import paging

# Every list endpoint with parameters that give it rows in the hand-built corpus.
LISTS: dict[str, dict[str, str]] = {
    "/api/documents": {},
    "/api/search": {"q": "NATO"},
    "/api/actors": {},
    "/api/quotes": {},
    "/api/issues": {},
    "/api/positions": {},
    "/api/timeline": {"issue": ISSUE},
    "/api/shifts": {},
    "/api/stories": {},
}


def error_of(r: Any) -> dict[str, str]:
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return dict(body["error"])


def walk(client: TestClient, path: str, params: dict[str, str], limit: int) -> tuple[list[Any], int, int]:
    """Every item of a list, page by page through `next`; (items, total as reported, pages)."""
    items: list[Any] = []
    cursor = None
    pages = 0
    totals = set()
    while True:
        r = client.get(path, params={**params, "limit": str(limit), **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, (path, r.text)
        body = r.json()
        assert {"items", "total", "next"} <= set(body), (path, set(body))
        items += body["items"]
        totals.add(body["total"])
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
        assert pages < 200, path
    assert len(totals) == 1, (path, totals)
    return items, totals.pop(), pages


@pytest.mark.parametrize("path", sorted(LISTS))
def test_api_lists_page_by_cursor_to_their_total(client: TestClient, path: str) -> None:
    whole, total, pages = walk(client, path, LISTS[path], 500)
    assert pages == 1 and total == len(whole) and total >= 1, (path, total)
    paged, total2, pages2 = walk(client, path, LISTS[path], 1)
    assert total2 == total and pages2 == total
    assert paged == whole


@pytest.mark.parametrize("path", sorted(LISTS))
def test_api_lists_refuse_a_cursor_they_did_not_issue(client: TestClient, path: str) -> None:
    other = "/api/quotes" if path != "/api/quotes" else "/api/actors"
    foreign = paging.encode(other.rsplit("/", 1)[1], [1])
    for bad in (foreign, "bm90IGEgY3Vyc29y", "%%%", "x" * 600, paging.encode(path.rsplit("/", 1)[1], ["a", "b", "c"])):
        r = client.get(path, params={**LISTS[path], "cursor": bad})
        assert r.status_code == 400, (path, bad, r.status_code)
        assert "cursor" in error_of(r)["message"]


def test_api_offset_is_refused_not_ignored(client: TestClient) -> None:
    r = client.get("/api/documents", params={"offset": "2"})
    assert r.status_code == 400 and "cursor" in error_of(r)["message"]
    r = client.get("/api/actors", params={"colour": "red"})
    assert r.status_code == 400 and "colour" in error_of(r)["message"]


@pytest.mark.parametrize("path", sorted(LISTS))
def test_api_lists_answer_csv_and_jsonl_with_the_page_items(client: TestClient, path: str) -> None:
    params = {**LISTS[path], "limit": "2"}
    page = client.get(path, params=params).json()
    r = client.get(path, params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), (path, r.text[:200])
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(page["items"])
    assert r.headers["x-total-count"] == str(page["total"])
    assert r.headers.get("x-next-cursor") == page["next"]
    first_key = next(iter(page["items"][0]))
    assert [row[first_key] for row in rows] == [_csv_text(i[first_key]) for i in page["items"]]
    r = client.get(path, params={**params, "format": "jsonl"})
    assert r.status_code == 200
    assert [json.loads(line) for line in r.text.splitlines()] == page["items"]


def _csv_text(v: Any) -> str:
    if v is None:
        return ""
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize(
    "path",
    ["/api/documents/{doc}", "/api/actors/person:zelensky", "/api/stats", "/api/stories/{story}", "/api"],
)
def test_api_format_csv_outside_lists_is_400(client: TestClient, corpus_docs: dict[str, str], path: str) -> None:
    story = client.get("/api/stories").json()["items"][0]["id"]
    url = path.format(doc=corpus_docs["rs2024"], story=story)
    r = client.get(url, params={"format": "csv"})
    assert r.status_code == 400, (url, r.status_code, r.text[:200])
    assert "format" in error_of(r)["message"]
    assert client.get(url).status_code == 200


def test_api_unknown_format_and_digest_csv_are_400(client: TestClient) -> None:
    r = client.get("/api/documents", params={"format": "xml"})
    assert r.status_code == 400 and "format" in error_of(r)["message"]
    r = client.get("/api/digest", params={"format": "csv"})
    assert r.status_code == 400 and "format" in error_of(r)["message"]


@pytest.mark.parametrize("bad", ["2025-13-45", "2025-02-30", "2025-00", "20251", "2025-1-5", "yesterday"])
def test_api_dates_off_the_calendar_are_400(client: TestClient, bad: str) -> None:
    for path in ("/api/documents", "/api/digest"):
        for name in ("since", "until"):
            r = client.get(path, params={name: bad})
            assert r.status_code == 400, (path, name, bad, r.status_code)
            msg = error_of(r)["message"]
            assert name in msg and bad in msg
    r = client.get("/digest", params={"since": bad})
    assert r.status_code == 400 and "since" in r.text


def test_api_real_dates_pass(client: TestClient) -> None:
    for good in ("2024", "2024-02", "2024-02-29"):
        assert client.get("/api/documents", params={"since": good}).status_code == 200
        assert client.get("/api/digest", params={"until": good}).status_code == 200


def test_api_csv_cells_cannot_start_a_formula(client: TestClient) -> None:
    from stanceline.web.tabular import to_csv

    text = to_csv([{"a": "=HYPERLINK(1)", "b": "+1", "c": "plain", "d": -3}], ["a", "b", "c", "d"])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"a": "'=HYPERLINK(1)", "b": "'+1", "c": "plain", "d": "-3"}


def test_api_openapi_documents_the_error_model_and_statuses(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    body = spec["components"]["schemas"]["ErrorBody"]
    assert body["required"] == ["error"]
    detail = spec["components"]["schemas"]["ErrorDetail"]
    assert set(detail["required"]) == {"code", "message"}

    def refs(op: dict[str, Any], status: str) -> str:
        return str(op["responses"][status]["content"]["application/json"]["schema"]["$ref"])

    for path, ops in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, op in ops.items():
            for status in ("400", "404"):
                assert refs(op, status).endswith("/ErrorBody"), (method, path, status)
            if method != "get":
                for status in ("401", "403"):
                    assert refs(op, status).endswith("/ErrorBody"), (method, path, status)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
