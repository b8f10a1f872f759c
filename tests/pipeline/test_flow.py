"""The whole pipeline (prepare → dedup → store → NLP) on each executor: local, and a real
dask.distributed LocalCluster of worker processes writing to a real PostgreSQL server."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from tests.conftest import PG_URL, SHARED, reset_postgres

from stanceline.errors import ConfigError
from stanceline.nlp.issues import load_issues
from stanceline.nlp.stage import pending_documents
from stanceline.pipeline.analyze import analyze_pending
from stanceline.pipeline.ingest import ingest
from stanceline.render.export import export
from stanceline.scale.executor import ExecutorOptions
from stanceline.store.db import Store

TABLES = ("documents", "quotes", "entities", "events", "positions", "shifts")


def exports(store: Store) -> dict[str, list[dict[str, object]]]:
    out = {}
    for table in TABLES:
        buf = io.StringIO()
        export(store, table, "jsonl", buf)
        out[table] = sorted((json.loads(x) for x in buf.getvalue().splitlines()), key=lambda r: json.dumps(r))
    return out


def corpus(tmp: Path, pages: int) -> Path:
    """The seeds and the first `pages` ScrapingHub pages, in one folder."""
    folder = tmp / "corpus"
    shutil.copytree(SHARED / "seeds", folder)
    bench = SHARED / "benchmarks" / "scrapinghub_aeb"
    rows = [json.loads(x) for x in (bench / "gold.jsonl").read_text(encoding="utf-8").splitlines()][:pages]
    for r in rows:
        shutil.copy(bench / "html" / f"{r['id']}.html.gz", folder / f"sh_{r['id'][:20]}.html.gz")
    return folder


def test_flow_remote_scheduler_refuses_sqlite(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store, pytest.raises(ConfigError) as err:
        ingest(store, [str(tmp_path)], executor=ExecutorOptions(name="dask", scheduler="tcp://127.0.0.1:1"))
    assert err.value.code == "E431"


def test_flow_writes_from_workers_refuse_sqlite(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store, pytest.raises(ConfigError) as err:
        ingest(store, [str(tmp_path)], issues=[], writes="workers")
    assert err.value.code == "E434"


def test_flow_ingest_with_nlp_then_rerun_adds_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "The harbour minister said on Monday that the new ferry line would open in May. "
        "Critics in the port council argued that the fares were too high for daily commuters. " * 2,
        encoding="utf-8",
    )
    issues = load_issues()
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        first = ingest(store, [str(src)], issues=issues)
        assert first.counts["new"] == 1 and first.nlp is not None and first.nlp.documents == 1
        assert store.quotes() or store.mentions()
        again = ingest(store, [str(src)], issues=issues)
        assert again.counts["unchanged"] == 1 and again.nlp is not None and again.nlp.documents == 0
        assert analyze_pending(store, issues).documents == 0


@pytest.mark.slow
@pytest.mark.postgres
def test_flow_dask_cluster_on_postgres_exports_what_local_sqlite_does(tmp_path: Path) -> None:
    """CI's real cluster run: 2 worker processes, PostgreSQL, the seeds and 50 benchmark pages."""
    if not PG_URL:
        pytest.skip("no PostgreSQL server: set STANCELINE_TEST_PG_URL (scripts/test.sh starts one)")
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"sample corpus not found at {SHARED}")
    folder = corpus(tmp_path, 50)
    issues = load_issues()
    with Store(f"sqlite:///{tmp_path / 'local.db'}") as local:
        rep = ingest(local, [str(folder)], issues=issues)
        assert rep.nlp is not None and rep.nlp.documents >= 50
        want = exports(local)
    reset_postgres(PG_URL)
    with Store(PG_URL) as pg:
        rep = ingest(pg, [str(folder)], issues=issues, executor=ExecutorOptions(name="dask", workers=2))
        assert rep.nlp is not None and rep.nlp.documents >= 50
        got = exports(pg)
    for table in TABLES:
        assert got[table] == want[table], table


@pytest.mark.slow
@pytest.mark.postgres
def test_flow_killed_dask_worker_loses_nothing_and_stores_nothing_twice(tmp_path: Path) -> None:
    """kill -9 of a worker while tasks are in flight, with the workers storing their own NLP results:
    its tasks rerun elsewhere and each document's rows are replaced as a unit, never doubled."""
    if not PG_URL:
        pytest.skip("no PostgreSQL server: set STANCELINE_TEST_PG_URL (scripts/test.sh starts one)")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(24):
        (folder / f"{i}.txt").write_text(
            f"Item {i}: the city council of town number {i} met on day {i} to debate the budget for roads, "
            f"schools and the library. The mayor said the vote on plan {i} would come next week. " * 3,
            encoding="utf-8",
        )
    reset_postgres(PG_URL)
    killed: list[int] = []

    def kill_one_worker(_doc_id: str, _words: int) -> None:
        if killed:
            return
        from distributed import get_client

        client = get_client()
        pids = client.run(os.getpid)
        killed.append(pids[sorted(pids)[0]])
        os.kill(killed[0], signal.SIGKILL)  # kill -9 while the other tasks are in flight

    with Store(PG_URL) as pg:
        rep = ingest(
            pg, [str(folder)], issues=load_issues(), on_nlp=kill_one_worker, writes="workers",
            executor=ExecutorOptions(name="dask", workers=2),
        )
        assert killed and rep.nlp is not None
        assert rep.counts["new"] == 24 and pg.count_documents() == 24
        assert analyze_pending(pg, load_issues()).documents == 0  # every document has current NLP
        mentions = pg.mentions()
        assert len({(m.doc_id, m.start, m.end) for m in mentions}) == len(mentions)


def test_flow_foreign_language_document_stored_searchable_not_analysed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "fr.txt").write_text(
        "Le maire de la commune a annoncé lundi la fermeture provisoire de la piscine municipale. "
        "Selon la mairie, des travaux de rénovation du toit sont nécessaires avant la fin de l'année. " * 2,
        encoding="utf-8",
    )
    (src / "es.txt").write_text(
        "La alcaldesa anunció el lunes el cierre temporal de la biblioteca municipal del barrio. "
        "Según el ayuntamiento, las obras de reforma del tejado terminarán antes del verano. " * 2,
        encoding="utf-8",
    )
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = ingest(store, [str(src)], issues=load_issues(), executor=ExecutorOptions(name="local", workers=2))
        assert report.counts["new"] == 2 and report.nlp is not None and report.nlp.unanalysable == 2
        docs = {d.language: d for d in store.list_documents()}
        assert set(docs) == {"fr", "es"}
        assert all(d.not_analysed and "[E313]" in d.not_analysed for d in docs.values())
        assert store.mentions() == [] and store.quotes() == []
        assert [h.doc_id for h in store.search("piscine")] == [docs["fr"].id]
        rows = exports(store)["documents"]
        assert {r["language"] for r in rows} == {"fr", "es"} and all(r["not_analysed"] for r in rows)


def _council_texts(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.txt").write_text(
            f"Report {i}: the water board of district {i} met on Tuesday to weigh the cost of new pipes. "
            f"Its chair said the board would publish plan {i} before the winter floods. " * 3,
            encoding="utf-8",
        )


class _Recording:
    """Runs prepare tasks at once; records each NLP task's batch size and returns no results."""

    workers = 2
    remote = False

    def __init__(self) -> None:
        self.nlp_batches: list[int] = []

    def submit(self, fn, /, *args):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future

        from stanceline.nlp.stage import analyze_batch

        fut: Future[object] = Future()
        if fn is analyze_batch:
            self.nlp_batches.append(len(args[0]))
            fut.set_result([])
        else:
            fut.set_result(fn(*args))
        return fut


def test_flow_last_nlp_tasks_are_small_so_workers_finish_together(tmp_path: Path) -> None:
    from stanceline.pipeline.analyze import sweep_pending
    from stanceline.pipeline.flow import Flow, FlowOptions

    _council_texts(tmp_path / "in", 20)
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        assert ingest(store, [str(tmp_path / "in")]).counts["new"] == 20
        rec = _Recording()
        flow = Flow(store, rec, load_issues(), FlowOptions(window=3, nlp_batch=8, last_nlp_batch=2))
        sweep_pending(flow)
    # Full tasks while documents keep coming; the last 4 go out as tasks of 2.
    assert rec.nlp_batches == [8, 8, 2, 2]


def test_flow_documents_stored_hook_runs_once_when_all_are_stored(tmp_path: Path) -> None:
    _council_texts(tmp_path / "in", 5)
    seen: list[int] = []
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        rep = ingest(store, [str(tmp_path / "in")], issues=load_issues(),
                     on_documents_stored=lambda: seen.append(store.count_documents()))
        assert rep.counts["new"] == 5 and rep.nlp is not None and rep.nlp.documents == 5
    assert seen == [5]


def _town_reports(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i}.txt").write_text(
            f"Report {i}: the water board of district {i} said on day {i} that pipe repairs would close "
            f"road {i} for a week. \u201cThe detour is far too long,\u201d said Ines Lindqvist, who lives on "
            f"street {i}, after Tomas Brandt of the board defended the plan. " * 2,
            encoding="utf-8",
        )
    return folder


def test_flow_nlp_results_written_several_documents_to_a_transaction(tmp_path: Path) -> None:
    from sqlalchemy import event

    folder = _town_reports(tmp_path / "in", 12)
    issues = load_issues()
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        deletes: list[str] = []

        def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            if statement.startswith("DELETE FROM mentions"):
                deletes.append(statement)

        event.listen(store.engine, "before_cursor_execute", seen)
        rep = ingest(store, [str(folder)], issues=issues, executor=ExecutorOptions(workers=2))
        assert rep.nlp is not None and rep.nlp.documents == 12
        assert len(deletes) == 1  # one batch (12 < FlowOptions.write_batch), not one per document
        assert analyze_pending(store, issues).documents == 0
        assert {m.doc_id for m in store.mentions()} == set(rep.new_ids)
        assert {q.doc_id for q in store.quotes()} == set(rep.new_ids)


def test_flow_interrupt_while_a_batch_is_written_stores_it_on_the_way_out(tmp_path: Path) -> None:
    """Ctrl-C lands inside the transaction of a batch of NLP results: it rolls back whole, and the
    run, returning, writes the batch again; nothing is lost or doubled and a re-run has nothing left."""
    from sqlalchemy import event

    folder = _town_reports(tmp_path / "in", 12)
    issues = load_issues()
    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        fired: list[str] = []

        def interrupt_once(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            if statement.startswith("INSERT INTO quotes") and not fired:
                fired.append(statement)
                raise KeyboardInterrupt

        event.listen(store.engine, "before_cursor_execute", interrupt_once)
        first = ingest(store, [str(folder)], issues=issues)
        assert fired and first.interrupted
        assert pending_documents(store, issues) == []
        again = ingest(store, [str(folder)], issues=issues)
        assert again.counts["unchanged"] == 12 and again.nlp is not None and again.nlp.documents == 0
        quotes = store.quotes()
        assert len({(q.doc_id, q.start, q.end) for q in quotes}) == len(quotes)
        assert len({q.doc_id for q in quotes}) == 12


@pytest.mark.slow
@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
def test_flow_killed_driver_mid_nlp_batch_resumes_without_loss_or_doubles(tmp_path: Path, db: str) -> None:
    """kill -9 of the ingest (driver and its workers) once its first batch of NLP results is
    committed, while the next batch waits in memory: the re-run analyses what was not committed,
    and every document ends with its rows once. SQLite: a process pool; PostgreSQL: a Dask cluster."""
    import subprocess
    import sys
    import time

    from sqlalchemy import text

    if db == "postgresql":
        if not PG_URL:
            pytest.skip("no PostgreSQL server: set STANCELINE_TEST_PG_URL (scripts/test.sh starts one)")
        reset_postgres(PG_URL)
        url, executor = PG_URL, ["--executor", "dask", "--workers", "2"]
    else:
        url, executor = f"sqlite:///{tmp_path / 'kill.db'}", ["--workers", "2"]
    n = 72
    folder = _town_reports(tmp_path / "in", n)
    cmd = [sys.executable, "-m", "stanceline", "ingest", str(folder), "--db", url, *executor]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    analysed = 0
    deadline = time.time() + 300
    try:
        while time.time() < deadline and proc.poll() is None:
            time.sleep(0.3)
            try:
                with Store(url, migrate=False) as s, s.engine.connect() as conn:
                    analysed = conn.execute(text("SELECT count(*) FROM stage_runs WHERE stage = 'nlp'")).scalar_one()
            except Exception:  # the schema is not made yet, or the file is locked for a moment
                continue
            if analysed:
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers, mid-run
        proc.wait()
    if analysed in (0, n):
        pytest.skip(f"the ingest was not caught mid-NLP ({analysed} of {n} analysed)")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    issues = load_issues()
    with Store(url, migrate=False) as store:
        assert store.count_documents() == n
        assert pending_documents(store, issues) == []
        quotes = store.quotes()
        assert len({(q.doc_id, q.start, q.end) for q in quotes}) == len(quotes)
        assert len({q.doc_id for q in quotes}) == n
        mentions = store.mentions()
        assert len({(m.doc_id, m.start, m.end) for m in mentions}) == len(mentions)
