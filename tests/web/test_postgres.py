"""The web app on PostgreSQL: the same API and pages through the same Store interface."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient
from web_corpus import ISSUE, build

from stanceline.store.db import Store
from stanceline.web.app import create_app

PG_URL = os.environ.get("STANCELINE_TEST_PG_URL")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server: set STANCELINE_TEST_PG_URL (scripts/test.sh)"),
]


def test_postgres_api_and_pages_on_postgres(fresh_postgres: str) -> None:
    with Store(fresh_postgres) as store:
        docs = build(store)
    with TestClient(create_app(fresh_postgres)) as c:
        first = c.get("/api/documents", params={"limit": 4}).json()
        rest = c.get("/api/documents", params={"limit": 4, "cursor": first["next"]}).json()
        ids = [d["id"] for d in first["items"] + rest["items"]]
        assert len(ids) == len(set(ids)) == len(docs)
        hits = c.get("/api/search", params={"q": "victory plan"}).json()["items"]
        assert hits and all(i["highlights"] for i in hits)
        tl = c.get("/api/timeline", params={"issue": ISSUE, "actor": "Zelensky"}).json()
        assert [(s["from_stance"], s["to_stance"]) for s in tl["shifts"]] == [("support", "conditional")]
        assert c.get("/api/issues").json()["items"][0]["positions"] == 10
        for path in ("/", "/actors/person:zelensky", f"/issues/{ISSUE}", "/stories", "/digest", "/issues"):
            assert c.get(path).status_code == 200, path


def test_postgres_timeline_pages_equal_the_whole_timeline_sliced(fresh_postgres: str) -> None:
    """The paged timeline (tallies grouped in the database) on PostgreSQL's GROUP BY and lower()."""
    import timeline_check
    import web_corpus

    with Store(fresh_postgres) as store:
        web_corpus.build_random(store, seed=6)
    timeline_check.check_pages(fresh_postgres)
