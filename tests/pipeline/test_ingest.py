"""End-to-end ingest on the seeds and on bad input: what is stored, what is reported, what survives."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stanceline.config import IngestOptions
from stanceline.pipeline.ingest import ingest
from stanceline.store.db import DocFilter, Store

ARTICLE = (
    "The foreign minister said on Tuesday that talks with the neighbouring state would resume next month, "
    "after a pause of almost a year. Officials on both sides described the first round as constructive, "
    "although no agreement was reached on the disputed border crossings. The minister added that the "
    "government remained committed to a negotiated settlement and would send a delegation to the capital."
)

OTHER_ARTICLE = (
    "Farmers in the northern valley began the harvest early this year after a dry and unusually warm summer. "
    "Co-operative managers expect yields to fall by a tenth, and several growers said they would plant "
    "hardier varieties next season. The agriculture office will publish its first estimate in October, "
    "together with advice on irrigation for the smaller holdings along the river."
)


def manifest_rows(path: Path) -> dict[str, dict[str, str | None]]:
    return {r["file"]: r for r in map(json.loads, path.read_text().splitlines()) if r}


def test_run_seeds_with_manifest_stores_five_with_manifest_metadata(
    store: Store, seeds_dir: Path, seeds_manifest: Path
) -> None:
    report = ingest(store, [str(seeds_dir)], manifest=seeds_manifest)
    assert report.counts["new"] == 5 and not report.failures, report.failures
    rows = manifest_rows(seeds_manifest)
    docs = list(store.iter_documents())
    assert len(docs) == 5
    for d in docs:
        m = rows[Path(d.source).name]
        assert d.published == m["published"] and d.date_source == "manifest"
        assert d.outlet == m["outlet"]
        if m["title"]:
            assert d.title == m["title"]
        assert d.duplicate_of is None
    again = ingest(store, [str(seeds_dir)], manifest=seeds_manifest)
    assert again.counts["new"] == 0 and again.counts["unchanged"] == 5
    assert store.count_documents() == 5


def test_run_seeds_without_manifest_no_date_from_teasers(store: Store, seeds_dir: Path) -> None:
    ingest(store, [str(seeds_dir)])
    by_name = {Path(d.source).name[:3]: d for d in store.iter_documents()}
    for key in ("000", "001"):
        d = by_name[key]
        assert d.published is None or d.published[:4] not in ("2025", "2026"), (key, d.published)
        # Teaser headlines of later stories are not in the article text.
        assert "keep reading" not in d.text.lower()


def test_run_bad_inputs_reported_rest_stored_nothing_lost(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "in"
    good.mkdir()
    (good / "good.txt").write_text(ARTICLE, encoding="utf-8")
    ingest(store, [str(good)])
    assert store.count_documents() == 1
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "cp1252.txt").write_bytes(
        (ARTICLE.replace("minister", "ministre") + " Caf\u00e9 \u2013 \u201cok\u201d.").encode("cp1252")
    )
    (bad / "utf16.txt").write_bytes((ARTICLE.replace("Tuesday", "Friday")).encode("utf-16"))
    (bad / "truncated.html.gz").write_bytes(gzip.compress(b"<html><body><p>" + ARTICLE.encode() * 3)[:60])
    (bad / "broken.html").write_text(
        "<html><body><div><p>" + ARTICLE.replace("month", "week") + "<p><b>unclosed", "utf-8"
    )
    (bad / "tiny.html").write_text("<html><body><p>hi</p></body></html>", encoding="utf-8")
    report = ingest(store, [str(bad), str(tmp_path / "missing-dir")])
    failed = {Path(o.source.split("#")[0]).name: o.reason for o in report.failures}
    assert {"empty.txt", "binary.txt", "truncated.html.gz", "tiny.html", "missing-dir"} <= set(failed), failed
    assert all(r for r in failed.values())
    texts = {Path(d.source).name: d.text for d in store.iter_documents()}
    assert "good.txt" in texts  # stored before: still there, unchanged
    assert texts["good.txt"] == ARTICLE
    assert "Café – “ok”" in texts["cp1252.txt"]
    assert "Friday" in texts["utf16.txt"]
    assert "broken.html" in texts


def test_run_duplicates_marked_not_stored_twice(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + " " + ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text((ARTICLE + " " + ARTICLE).upper(), encoding="utf-8")
    (tmp_path / "c.txt").write_text(
        ARTICLE + " " + ARTICLE + " Share this article with a friend today.", "utf-8"
    )
    report = ingest(store, [str(tmp_path)])
    assert report.counts["new"] == 1 and report.counts["duplicate"] == 2
    canon = store.list_documents(DocFilter(include_duplicates=False))
    assert len(canon) == 1
    dups = [d for d in store.iter_documents() if d.duplicate_of]
    assert {d.duplicate_of for d in dups} == {canon[0].id}
    assert len(store.search("minister")) == 1  # duplicates are not indexed twice


def test_run_workers_give_same_result_as_single_process(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"{i}.txt").write_text(
            ARTICLE.replace("Tuesday", f"day {i} of the week") + f" Number {i}.", "utf-8"
        )
    ids = []
    for w in (1, 2):
        with Store(f"sqlite:///{tmp_path / f'w{w}.db'}") as s:
            ingest(s, [str(src)], options=IngestOptions(workers=w))
            ids.append(sorted(d.id for d in s.iter_documents()))
    assert ids[0] == ids[1] and len(ids[0]) == 6


def test_run_killed_mid_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    n = 400
    words = ARTICLE.replace(".", "").replace(",", "").split()
    rng = random.Random(7)
    for i in range(n):
        # Distinct texts (shuffled words), so none is a near-duplicate of another.
        body = ". ".join(" ".join(rng.sample(words, 30)) for _ in range(4)) + "."
        (src / f"doc{i:04d}.txt").write_text(body, encoding="utf-8")
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "stanceline", "ingest", str(src), "--no-nlp", "--db", str(db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    stored = c.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 20:
                break
    if proc.poll() is not None:
        pytest.skip("ingest finished before it could be killed (machine too fast for this check)")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < n
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(db) as c:
        total, distinct_src = c.execute("SELECT count(*), count(DISTINCT source) FROM documents").fetchone()
        fts = c.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    assert total == n and distinct_src == n and fts == n


def test_ingest_other_spellings_of_a_path_add_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "sub" / "b.txt").write_text(OTHER_ARTICLE)
    monkeypatch.chdir(tmp_path)
    first = ingest(store, ["corpus"])
    assert first.counts["new"] == 2
    for spelling in (str(corpus), "corpus/../corpus", "./corpus/", "corpus/sub/../"):
        again = ingest(store, [spelling])
        assert again.counts["new"] == again.counts["duplicate"] == 0, spelling
        assert again.counts["unchanged"] == 2, spelling
    assert store.count_documents() == 2


def test_ingest_ids_stored_before_path_keys_still_match(store: Store, tmp_path: Path) -> None:
    from stanceline.dedup import content_hash, document_id, text_hash
    from stanceline.model import Document

    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    raw = path.read_bytes()
    h = content_hash(raw)
    old = Document(id=document_id(str(path), h), source=str(path), text=ARTICLE, raw_hash=h)
    store.add_document(old, raw=raw, media_type="text/plain", text_hash=text_hash(ARTICLE), minhash=None)
    again = ingest(store, [str(path)])
    assert again.counts["unchanged"] == 1 and store.count_documents() == 1


def test_ingest_undecodable_names_and_hostile_metadata_are_stored(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / os.fsdecode(b"n\xe9-\xff.txt")).write_text(ARTICLE)
    line = json.dumps({"text": OTHER_ARTICLE, "title": "Talks\u0000 \ud800 resume"})
    (corpus / "lines.jsonl").write_text(line + "\n")
    report = ingest(store, [str(corpus)])
    assert report.counts["new"] == 2 and not report.failures, report.failures
    sources = sorted(d.source for d in store.iter_documents())
    assert sources[1].endswith("n\\xe9-\\xff.txt")
    titles = {d.title for d in store.iter_documents()}
    assert "Talks ? resume" in titles


_RUN_TWICE = """
import json, sys
from stanceline.config import IngestOptions
from stanceline.pipeline.ingest import ingest
from stanceline.store.db import Store
with Store(sys.argv[1]) as store:
    report = ingest(store, [sys.argv[2]], options=IngestOptions(favor_precision=sys.argv[3] == "1"))
print(json.dumps({"failed": sorted((o.source.rsplit("/", 1)[-1], o.reason) for o in report.failures),
                  "unchanged": report.counts["unchanged"], "cleaners": "stanceline.clean.core" in sys.modules}))
"""


def test_ingest_rerun_reports_input_failures_without_preparing_them_again(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "stub.txt").write_text("Only a headline, and then nothing more.", encoding="utf-8")
    (folder / "none.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"

    def run(precision: bool = False) -> dict[str, object]:
        args = [sys.executable, "-c", _RUN_TWICE, url, str(folder), "1" if precision else "0"]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
        return result

    first, again = run(), run()
    assert len(first["failed"]) == 2 and first["cleaners"]  # type: ignore[arg-type]
    assert again["failed"] == first["failed"] and again["unchanged"] == 1
    assert again["cleaners"] is False  # the failures were reported from the store, not prepared again
    other = run(precision=True)  # other cleaning options: the failures are decided again
    assert other["cleaners"] is True and other["failed"] == first["failed"]
