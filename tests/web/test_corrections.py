"""People's corrections: merge, split and rename an actor, flag a position or quote; behind the write
token, stored, shown on the pages and in the exports, and still there after `stanceline analyze`
re-runs the NLP stage."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import web_corpus
from fastapi.testclient import TestClient
from sqlalchemy import text

from stanceline.render.export import export
from stanceline.store.db import Store
from stanceline.web.app import create_app

TOKEN = "corrections-token-1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[str, TestClient, dict[str, str]]]:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with Store(url) as s:
        docs = {k: d.id for k, d in web_corpus.build(s, hostile=False).items()}
    with TestClient(create_app(url, write_token=TOKEN), raise_server_exceptions=False) as c:
        yield url, c, docs


def rows(url: str, table: str) -> list[dict[str, object]]:
    buf = io.StringIO()
    with Store(url) as s:
        export(s, table, "jsonl", buf)
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def test_corrections_need_the_token(fresh: tuple[str, TestClient, dict[str, str]]) -> None:
    _, c, _ = fresh
    body = {"kind": "rename", "actor": "person:rutte", "name": "Someone Else"}
    assert c.post("/api/corrections", json=body).status_code == 401
    assert c.post("/api/corrections", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = c.post("/corrections", data={"kind": "rename", "actor": "person:rutte", "name": "X"})
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Basic")
    assert c.get("/api/actors/person:rutte").json()["name"] == "Mark Rutte"


def test_corrections_rename_shows_everywhere(fresh: tuple[str, TestClient, dict[str, str]]) -> None:
    url, c, _ = fresh
    r = c.post("/api/corrections", json={"kind": "rename", "actor": "Mark Rutte", "name": "Secretary General Rutte"},
               headers=AUTH)
    assert r.status_code == 201, r.text
    a = c.get("/api/actors/person:rutte").json()
    assert a["name"] == "Secretary General Rutte" and "Mark Rutte" in a["aliases"]
    assert "<h1>Secretary General Rutte</h1>" in c.get("/actors/person:rutte").text
    assert {p["actor"] for p in rows(url, "positions") if p["actor_id"] == "actor:person:rutte"} == {
        "Secretary General Rutte"
    }
    listed = c.get("/api/corrections").json()
    assert listed["total"] == 1 and listed["items"][0]["kind"] == "rename"


def test_corrections_merge_moves_everything(fresh: tuple[str, TestClient, dict[str, str]]) -> None:
    url, c, _ = fresh
    before = c.get("/api/positions", params={"actor": "russia"}).json()["total"]
    nato = c.get("/api/positions", params={"actor": "nato"}).json()["total"]
    r = c.post("/api/corrections", json={"kind": "merge", "actor": "russia", "into": "nato"}, headers=AUTH)
    assert r.status_code == 201, r.text
    # The old key has no row of its own; its names now find the actor it was merged into.
    assert c.get("/api/actors/russia").json()["key"] == "nato"
    with Store(url) as s:
        assert s.get_actors(["russia"]) == []
    merged = c.get("/api/actors/nato").json()
    assert "Russia" in merged["aliases"] and "the Kremlin" in merged["aliases"]
    assert c.get("/api/positions", params={"actor": "nato"}).json()["total"] == before + nato
    assert not [e for e in rows(url, "entities") if e["id"] == "actor:russia"]
    bad = c.post("/api/corrections", json={"kind": "merge", "actor": "nato", "into": "nato"}, headers=AUTH)
    assert bad.status_code == 400
    assert c.post("/api/corrections", json={"kind": "merge", "actor": "nobody", "into": "nato"},
                  headers=AUTH).status_code == 404


def test_corrections_split_moves_the_named_mentions(fresh: tuple[str, TestClient, dict[str, str]]) -> None:
    _, c, _ = fresh
    r = c.post(
        "/api/corrections",
        json={"kind": "split", "actor": "russia", "aliases": ["the Kremlin"], "name": "The Kremlin"},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    new_key = r.json()["value"]["new_key"]
    new = c.get(f"/api/actors/{new_key}").json()
    assert new["name"] == "The Kremlin"
    assert "the Kremlin" not in c.get("/api/actors/russia").json()["aliases"]


def test_corrections_flags_show_on_the_page_and_in_exports(fresh: tuple[str, TestClient, dict[str, str]]) -> None:
    url, c, docs = fresh
    p = c.get("/api/positions", params={"actor": "person:zelensky"}).json()["items"][0]
    body = {"kind": "flag_position", "doc_id": p["doc_id"], "start": p["start"], "end": p["end"],
            "issue": p["issue"], "reason": "the sentence reports a rumour"}
    assert c.post("/api/corrections", json=body, headers=AUTH).status_code == 201
    page = c.get(f"/documents/{p['doc_id']}").text
    assert "flagged as wrong: the sentence reports a rumour" in page
    flagged = [r for r in rows(url, "positions") if r["flag"]]
    assert [(r["doc_id"], r["start"]) for r in flagged] == [(p["doc_id"], p["start"])]
    q = c.get("/api/quotes", params={"doc": docs["uh2025"]}).json()["items"][0]
    r = c.post("/api/corrections", json={"kind": "flag_quote", "doc_id": q["doc_id"], "start": q["start"],
                                         "end": q["end"]}, headers=AUTH)
    assert r.status_code == 201
    assert [x["flag"] for x in rows(url, "quotes") if x["id"] == q["id"]] == ["flagged as wrong"]
    missing = {**body, "start": p["start"] + 1}
    assert c.post("/api/corrections", json=missing, headers=AUTH).status_code == 404
    assert len(rows(url, "corrections")) == 2


def test_corrections_form_posts_with_basic_auth_and_go_back(fresh: tuple[str, TestClient, dict[str, str]]) -> None:
    _, c, _ = fresh
    r = c.post(
        "/corrections",
        data={"kind": "rename", "actor": "person:rutte", "name": "NATO's Rutte", "next": "/actors/person%3Arutte"},
        auth=("editor", TOKEN),
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/actors/person%3Arutte"
    assert "<h1>NATO&#39;s Rutte</h1>" in c.get(r.headers["location"]).text
    away = c.post("/corrections", data={"kind": "rename", "actor": "person:rutte", "name": "Y",
                                        "next": "//elsewhere.example/"}, auth=("editor", TOKEN), follow_redirects=False)
    assert away.headers["location"] == "/"


def test_corrections_survive_reanalysis_with_a_new_nlp_version(seeds_url: str, tmp_path: Path) -> None:
    """The seed corpus through the CLI; corrections; the stored NLP version made stale, so
    `stanceline analyze` re-runs the NLP stage on every document; the corrections hold."""
    src = Path(seeds_url.removeprefix("sqlite:///"))
    copy = tmp_path / "seeds.db"
    shutil.copy(src, copy)
    url = f"sqlite:///{copy}"
    with TestClient(create_app(url, write_token=TOKEN)) as c:
        actors = c.get("/api/actors", params={"type": "PERSON", "limit": "500"}).json()["items"]
        with_positions = [a for a in actors if c.get("/api/positions", params={"actor": a["key"]}).json()["total"]]
        keep = with_positions[0]
        other = next(a for a in actors if a["key"] != keep["key"] and a["mentions"])
        assert c.post("/api/corrections", json={"kind": "rename", "actor": keep["key"], "name": "Renamed For Test"},
                      headers=AUTH).status_code == 201
        assert c.post("/api/corrections", json={"kind": "merge", "actor": other["key"], "into": keep["key"]},
                      headers=AUTH).status_code == 201
        p = c.get("/api/positions", params={"actor": keep["key"]}).json()["items"][0]
        assert c.post("/api/corrections", json={"kind": "flag_position", "doc_id": p["doc_id"], "start": p["start"],
                                                "end": p["end"], "issue": p["issue"], "reason": "test flag"},
                      headers=AUTH).status_code == 201
    with Store(url) as s, s.engine.begin() as conn:
        conn.execute(text("UPDATE stage_runs SET version = 'nlp-before-this-test' WHERE stage = 'nlp'"))
    env = {k: v for k, v in os.environ.items() if k != "STANCELINE_DB"}
    proc = subprocess.run([sys.executable, "-m", "stanceline", "analyze", "--db", url],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-800:]
    with Store(url) as s, s.engine.connect() as conn:
        stale = conn.execute(text("SELECT count(*) FROM stage_runs WHERE version = 'nlp-before-this-test'")).scalar()
        assert stale == 0  # every document was analysed again
        assert s.get_actors([other["key"]]) == []
        (kept,) = s.get_actors([keep["key"]])
        assert kept.name == "Renamed For Test"
        assert not s.mentions(actor_key=other["key"])
    positions = rows(url, "positions")
    assert {r["actor"] for r in positions if r["actor_id"] == f"actor:{keep['key']}"} == {"Renamed For Test"}
    span = (p["doc_id"], p["start"], p["end"])
    assert [r["flag"] for r in positions if (r["doc_id"], r["start"], r["end"]) == span] == ["test flag"]


def test_corrections_flagged_position_is_shown_but_not_counted(tmp_path: Path) -> None:
    """A mayor backs a plan in spring and, as one article misreads her, turns against it in autumn
    (invented for this test). Flagging the autumn position removes the shift, its point on the
    charts and its count, while the document page, the positions list and the export still show it,
    marked."""
    from stanceline.dedup import content_hash, document_id, text_hash
    from stanceline.model import Actor, Document, Position
    from stanceline.store.db import NlpResult

    url, issue = f"sqlite:///{tmp_path / 'f.db'}", "Tram plan approved"
    lind = Actor("person:lind", "Ana Lind", "PERSON", ["Lind"], [])
    ids = []
    with Store(url) as s:
        for published, stance, text in (
            ("2024-03-02", "support", "Mayor Ana Lind said the tram plan deserves full support."),
            ("2024-09-14", "oppose", "Mayor Ana Lind said the tram plan must be stopped before the vote."),
        ):
            h = content_hash(text.encode())
            d = Document(id=document_id(f"{published}.txt", h), source=f"{published}.txt", text=text, raw_hash=h,
                         published=published, date_source="manifest", date_confidence=1.0)  # fmt: skip
            s.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
            p = Position(d.id, lind.name, lind.key, issue, stance, 0.9, published, "reported",  # type: ignore[arg-type]
                         text, 0, len(text), None, ("test",))  # fmt: skip
            s.replace_nlp(NlpResult(d.id, [], [], [], [p], {"nlp": "1"}), [lind])
            ids.append(d.id)
    with TestClient(create_app(url, write_token=TOKEN)) as c:
        def counts() -> tuple[int, int, int, int, bool]:
            timeline = c.get("/api/timeline", params={"issue": issue}).json()
            return (c.get("/api/shifts").json()["total"], sum(r["n_positions"] for r in timeline["items"]),
                    len(timeline["shifts"]), c.get("/api/issues").json()["items"][0]["positions"],
                    "Ana Lind: oppose" in c.get(f"/issues/{issue}/chart.svg").text)  # fmt: skip

        assert counts() == (1, 2, 1, 2, True)
        autumn = c.get("/api/positions", params={"doc": ids[1]}).json()["items"][0]
        body = {"kind": "flag_position", "doc_id": ids[1], "start": autumn["start"], "end": autumn["end"],
                "issue": issue, "reason": "the article misreads her"}  # fmt: skip
        assert c.post("/api/corrections", json=body, headers=AUTH).status_code == 201
        assert counts() == (0, 1, 0, 1, False)
        assert "flagged as wrong: the article misreads her" in c.get(f"/documents/{ids[1]}").text
        listed = c.get("/api/positions", params={"issue": issue}).json()
        assert listed["total"] == 2 and [x["flag"] for x in listed["items"]].count("the article misreads her") == 1
    assert [r["flag"] for r in rows(url, "positions") if r["doc_id"] == ids[1]] == ["the article misreads her"]
    assert rows(url, "shifts") == []


def test_corrections_flag_form_flags_one_holder_of_a_shared_sentence(tmp_path: Path) -> None:
    """Two councillors hold positions on one sentence (invented for this test); the document page's
    form flags the one it stands beside, not both."""
    from stanceline.dedup import content_hash, document_id, text_hash
    from stanceline.model import Actor, Document, Position
    from stanceline.store.db import NlpResult

    url, issue = f"sqlite:///{tmp_path / 'h.db'}", "Harbour wall rebuilt"
    text = "Councillor Ada Brook backs the harbour wall, and Councillor Lev Ostrow opposes it."
    brook, ostrow = (Actor("person:brook", "Ada Brook", "PERSON", [], []),
                     Actor("person:ostrow", "Lev Ostrow", "PERSON", [], []))  # fmt: skip
    h = content_hash(text.encode())
    d = Document(id=document_id("wall.txt", h), source="wall.txt", text=text, raw_hash=h)
    with Store(url) as s:
        s.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
        ps = [Position(d.id, a.name, a.key, issue, st, 0.9, None, "outlet", text, 0, len(text))  # type: ignore[arg-type]
              for a, st in ((brook, "support"), (ostrow, "oppose"))]  # fmt: skip
        s.replace_nlp(NlpResult(d.id, [], [], [], ps, {"nlp": "1"}), [brook, ostrow])
    with TestClient(create_app(url, write_token=TOKEN)) as c:
        page = c.get(f"/documents/{d.id}").text
        assert page.count('name="actor" value="person:') == 2
        form = {"kind": "flag_position", "doc_id": d.id, "start": "0", "end": str(len(text)), "issue": issue,
                "actor": "person:ostrow", "reason": "he abstained", "next": f"/documents/{d.id}"}  # fmt: skip
        r = c.post("/corrections", data=form, auth=("editor", TOKEN), follow_redirects=False)
        assert r.status_code == 303, r.text
        items = c.get("/api/positions", params={"doc": d.id}).json()["items"]
        flags = {(x["actor_key"], x["flag"]) for x in items}
        assert flags == {("person:brook", None), ("person:ostrow", "he abstained")}
        assert c.get("/api/issues").json()["items"][0]["positions"] == 1

        def table_counts() -> dict[str, object]:
            lines = c.get("/actors", params={"format": "jsonl"}).text.splitlines()
            return {r["key"]: r["positions"] for r in map(json.loads, lines)}

        assert table_counts() == {"person:brook": 1, "person:ostrow": 0}  # listed, not counted
        # The flagged row's form takes the flag back; the other holder's row keeps its own.
        page = c.get(f"/documents/{d.id}").text
        assert page.count("withdraw the flag") == 1 and page.count("flag as wrong") == 1
        r = c.post("/corrections", data={**form, "kind": "unflag_position", "reason": "he did vote"},
                   auth=("editor", TOKEN), follow_redirects=False)  # fmt: skip
        assert r.status_code == 303, r.text
        items = c.get("/api/positions", params={"doc": d.id}).json()["items"]
        assert {x["flag"] for x in items} == {None} and table_counts() == {"person:brook": 1, "person:ostrow": 1}
        again = c.post("/corrections", data={**form, "kind": "unflag_position"}, auth=("editor", TOKEN))
        assert again.status_code == 404  # nothing flagged there any more
