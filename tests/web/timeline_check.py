"""/api/timeline checked against the reference: the whole timeline built from every position of
the issue, then sliced (how the endpoint computed it before paging moved into the database)."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from web_corpus import ISSUE

from stanceline.store.db import Store
from stanceline.web import data, paging
from stanceline.web.app import create_app


def timeline_reference(store: Store, issue: str, actor: str | None, offset: int, limit: int) -> dict[str, Any]:
    """/api/timeline as it was computed before paging moved into the database: every position of
    the issue read, the whole timeline built, then sliced."""
    ps = store.positions(issue=issue, actor_keys=[actor] if actor else None)
    rows = data.build_rows(ps, issue=issue, actor=actor, names=data.actor_names(store))
    page = rows[offset : offset + limit]
    keys = {r.actor_key for r in page}
    return {
        "items": [data.row_json(r) for r in page],
        "total": len(rows),
        "next": paging.next_offset("timeline", offset, limit, len(rows)),
        "issue": issue,
        "actor": actor,
        "shifts": [data.shift_json(s) for s in data.shifts_for([p for p in ps if p.actor_key in keys], actor)],
    }


def check_pages(url: str) -> None:
    with Store(url) as store, TestClient(create_app(url)) as c:
        for actor in (None, "person:a", "person:d"):
            total = None
            for offset, limit in ((0, 5000), (0, 7), (6, 9), (40, 1)):
                cursor = paging.encode("timeline", [offset]) if offset else ""
                got = c.get("/api/timeline", params={"issue": ISSUE, "actor": actor or "", "limit": limit,
                                                     "cursor": cursor}).json()
                want = json.loads(json.dumps(timeline_reference(store, ISSUE, actor, offset, limit)))
                assert got == want, (actor, offset, limit)
                total = got["total"]
            assert total and total >= (10 if actor is None else 5)
