"""Scale: cost per document, memory, re-run cost and listing speed as the corpus grows; executors with NLP.

    nice -n 10 python -m bench.scale                         # everything (takes a while on 2 cores)
    python -m bench.scale --sizes 2000 --skip-nlp             # a quick look
    python -m bench.scale --skip-ingest --pg-url URL          # only the NLP executor comparison
    python -m bench.scale --skip-ingest --skip-stages --variants dask2 dask1 --repeats 2 --pg-url URL \
        --label "…" --out NAME                               # Dask 2 vs 1 workers (idle machine: docs/SCALE.md)

Ingest (`--no-nlp`): JSONL corpora of 2k / 10k / 30k documents made by recombining real paragraphs of
the benchmark gold texts (a seeded shuffle, so every run sees the same corpus; 4% exact copies and 4%
near copies with one paragraph changed, so dedup has work). Each size is ingested by the real command
line (`python -m stanceline ingest … --no-nlp`) in a child process: its CPU seconds (user + system,
children included) and peak RSS come from the operating system. The same command is then run again on
the unchanged input. Then the document list (`/api/documents`, first and a deep page in every
ordering) and search are timed in-process on each database.

NLP: the HTML pages of scrapinghub_aeb and wcxb (up to --nlp-pages) through the whole pipeline with
each executor variant on PostgreSQL (a throw-away server from scripts/pg-test-server.sh unless
--pg-url). CPU is sampled per process of the command's tree, so the driver's share is known.

Results: bench/results/scale.json and scale.md. The corpora live in a temp folder, never in the repo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.gold import load_gold, read_raw, root

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
SEARCHES = ["government", "market growth", '"prime minister"', "election OR vote"]


# -- corpus ---------------------------------------------------------------------------------------
def paragraphs() -> list[str]:
    """Paragraphs of at least 8 words from the gold main texts (real news prose, shuffled apart)."""
    out: list[str] = []
    for name in ("scrapinghub_aeb", "wcxb", "trafilatura_eval"):
        for rec in load_gold(name):
            text = rec.get("text") or ""
            out.extend(p.strip() for p in text.split("\n") if len(p.split()) >= 8)
    return out


def make_corpus(path: Path, n: int, pool: list[str], seed: int = 21) -> None:
    """n JSONL articles of 4-12 paragraphs each, dated over two years, 4% exact and 4% near copies."""
    rng = random.Random(seed)
    made: list[dict[str, Any]] = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            roll = rng.random()
            if made and roll < 0.04:
                rec = dict(rng.choice(made))
            elif made and roll < 0.08:
                base = rng.choice(made)
                paras = base["text"].split("\n\n")
                paras[rng.randrange(len(paras))] = rng.choice(pool)
                rec = {**base, "text": "\n\n".join(paras)}
            else:
                paras = rng.sample(pool, rng.randint(4, 12))
                day = 730 * i // max(n, 1) + rng.randint(0, 6)
                y, rem = divmod(day, 365)
                m, d = min(12, rem // 30 + 1), min(28, rem % 30 + 1)
                rec = {
                    "title": " ".join(paras[0].split()[:10]),
                    "outlet": rng.choice(OUTLETS),
                    "published": f"{2023 + y}-{m:02d}-{d:02d}",
                    "text": "\n\n".join(paras),
                }
                made.append(rec)
            rec = {**rec, "url": f"https://example.org/a/{i}"}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


# -- running a command and measuring its process tree ---------------------------------------------
class TreeSampler:
    """Per-process CPU of a command's whole tree, sampled until it ends (dask workers included)."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.cpu: dict[int, float] = {}
        self.rss: dict[int, int] = {}
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for p in procs:
                try:
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
                    self.rss[p.pid] = max(self.rss.get(p.pid, 0), p.memory_info().rss)
                except psutil.Error:
                    continue
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_cmd(args: list[str], env: dict[str, str] | None = None, sample: bool = False) -> dict[str, Any]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, text=True
    )
    sampler = TreeSampler(proc.pid) if sample else None
    _out, errs = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{errs[-3000:]}")
    row: dict[str, Any] = {"wall_s": round(wall, 2), "stderr_tail": errs[-400:]}
    if sampler is not None:
        sampler.stop()
        row["driver_cpu_s"] = round(sampler.cpu.get(proc.pid, 0.0), 2)
        row["tree_cpu_s"] = round(sum(sampler.cpu.values()), 2)
        row["processes"] = len(sampler.cpu)
        row["driver_peak_rss_mb"] = round(sampler.rss.get(proc.pid, 0) / 2**20, 1)
    return row


def timed_child(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """CPU (self + waited-for children) and peak RSS of one command, from the kernel's accounting."""
    code = (
        "import os, resource, subprocess, sys, json, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'rc': p.returncode, 'wall_s': time.perf_counter() - t,"
        " 'cpu_s': r.ru_utime + r.ru_stime, 'peak_rss_mb': r.ru_maxrss / 1024, 'err': p.stderr[-2000:]}))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    row: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    if row["rc"] not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} failed ({row['rc']}):\n{row['err']}")
    return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in row.items() if k != "err"}


STANCELINE = [sys.executable, "-m", "stanceline"]


# -- ingest at several sizes ----------------------------------------------------------------------
def ingest_sizes(sizes: list[int], tmp: Path, pool: list[str]) -> list[dict[str, Any]]:
    tmp.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in sizes:
        corpus = tmp / f"corpus-{n}.jsonl"
        make_corpus(corpus, n, pool)
        db = tmp / f"scale-{n}.db"
        args = [*STANCELINE, "ingest", str(corpus), "--no-nlp", "--db", f"sqlite:///{db}"]
        first = timed_child(args)
        again = timed_child(args)
        listing = time_listing(f"sqlite:///{db}")
        row = {
            "documents": n,
            "first_cpu_s": first["cpu_s"],
            "first_wall_s": first["wall_s"],
            "cpu_ms_per_doc": round(1000 * first["cpu_s"] / n, 2),
            "peak_rss_mb": round(first["peak_rss_mb"], 1),
            "rerun_cpu_s": again["cpu_s"],
            "rerun_share": round(again["cpu_s"] / max(first["cpu_s"], 1e-9), 4),
            "db_mb": round(db.stat().st_size / 2**20, 1),
            "load_1min": round(os.getloadavg()[0], 1),
            **listing,
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def listing_sizes(folder: Path) -> list[dict[str, Any]]:
    """Listing and search timings on the databases a `--keep` run left (scale-N.db), smallest first."""
    dbs = sorted(folder.glob("scale-*.db"), key=lambda p: int(p.stem.split("-")[1]))
    if not dbs:
        raise SystemExit(f"no scale-N.db files in {folder}: run with --keep {folder} first")
    rows = []
    for db in dbs:
        row = {"documents": int(db.stem.split("-")[1]), "load_1min": round(os.getloadavg()[0], 1)}
        row.update(time_listing(f"sqlite:///{db}"))
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def _timed(fn: Any, repeat: int = 9) -> tuple[float, float]:
    """Median wall ms and median CPU ms of `fn` in this process (the test client serves in a thread of
    it). On a shared machine the wall time includes waiting for a core; the CPU time does not."""
    fn()  # warm: the first call pays for imports and cold pages
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        cpu.append(1000 * (time.process_time() - c0))
        wall.append(1000 * (time.perf_counter() - t0))
    return round(statistics.median(wall), 2), round(statistics.median(cpu), 2)


def time_listing(url: str) -> dict[str, Any]:
    """Document pages (first and 20 pages deep, per ordering the API offers) and searches, in-process:
    wall and CPU milliseconds of each."""
    from fastapi.testclient import TestClient

    from stanceline.web.app import create_app

    out: dict[str, Any] = {}

    def put(name: str, label: str, times: tuple[float, float]) -> None:
        out[f"{name}_ms[{label}]"], out[f"{name}_cpu_ms[{label}]"] = times

    with TestClient(create_app(url)) as client:
        orders = _orders(client)
        for order in orders:
            params = {"limit": "50", **({"sort": order} if order != "default" else {})}
            put("page", order, _timed(lambda p=params: _get(client, "/api/documents", p)))

            def deep(p: dict[str, str] = params) -> None:
                cur = None
                for _ in range(20):
                    body = _get(client, "/api/documents", {**p, **({"cursor": cur} if cur else {})})
                    cur = body.get("next")
                    if not cur:
                        break

            put("deep20", order, _timed(deep, repeat=3))
        for q in SEARCHES:
            put("search", q, _timed(lambda q=q: _get(client, "/api/search", {"q": q})))
    return out


def _orders(client: Any) -> list[str]:
    """The orderings /api/documents offers, read from its OpenAPI `sort` parameter when it has one."""
    spec = client.get("/openapi.json").json()
    params = spec["paths"]["/api/documents"]["get"].get("parameters", [])
    for p in params:
        if p["name"] == "sort":
            schema = p.get("schema", {})
            enum = schema.get("enum") or next((s.get("enum") for s in schema.get("anyOf", []) if "enum" in s), None)
            if enum:
                return list(enum)
            if "pattern" in schema:
                return re.findall(r"[\w-]+", schema["pattern"])
    return ["default"]


def _get(client: Any, path: str, params: dict[str, str]) -> dict[str, Any]:
    r = client.get(path, params=params)
    r.raise_for_status()
    body: dict[str, Any] = r.json()
    return body


# -- NLP through each executor --------------------------------------------------------------------
def nlp_pages(limit: int, folder: Path) -> int:
    n = 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("scrapinghub_aeb", "wcxb"):
        for rec in load_gold(name):
            if n >= limit:
                return n
            (folder / f"{name}_{rec['id'][:24]}.html.gz").write_bytes(gzip.compress(read_raw(name, rec["id"])))
            n += 1
    return n


def reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()


def postmaster_pid(pg_url: str) -> int | None:
    """The PostgreSQL server's pid, from the data folder of a scripts/pg-test-server.sh server."""
    from urllib.parse import parse_qs, urlparse

    host = parse_qs(urlparse(pg_url).query).get("host", [""])[0]
    try:
        return int((Path(host) / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def server_cpu(pid: int | None) -> float:
    """CPU seconds of the PostgreSQL server so far: the postmaster, its live processes and (through
    the postmaster's children counters) the connection backends that have exited."""
    import psutil

    if pid is None:
        return 0.0
    try:
        pm = psutil.Process(pid)
        t = pm.cpu_times()
        total = t.user + t.system + t.children_user + t.children_system
        for c in pm.children():
            try:
                ct = c.cpu_times()
                total += ct.user + ct.system
            except psutil.Error:
                continue
        return float(total)
    except psutil.Error:
        return 0.0


def executor_runs(variants: list[str], pages: Path, pg_url: str, repeats: int) -> list[dict[str, Any]]:
    """Each variant `local1`, `dask1`, `dask2`, `dask2w` (NLP results stored by the workers), … on a fresh
    database, interleaved `repeats` times."""
    rows: list[dict[str, Any]] = []
    for rep in range(repeats):
        for v in variants:
            m = re.fullmatch(r"(local|dask)(\d+)(w?)", v)
            if not m:
                raise SystemExit(f"unknown variant {v!r}: local1, dask2, dask2w (writes from the workers), …")
            executor, workers = m.group(1), int(m.group(2))
            reset_pg(pg_url)
            args = [*STANCELINE, "ingest", str(pages), "--db", pg_url, "--executor", executor]
            args += ["--workers", str(workers)] + (["--writes", "workers"] if m.group(3) else [])
            pg0 = server_cpu(postmaster_pid(pg_url))
            row = run_cmd(args, sample=True)
            # Not in the command's tree, but it shares the machine's cores with the workers.
            row["postgres_cpu_s"] = round(server_cpu(postmaster_pid(pg_url)) - pg0, 2)
            row.update({"variant": v, "repeat": rep, "documents": len(list(pages.iterdir()))})
            row["stored"] = stored_counts(pg_url)  # the same in every variant, or a run went wrong
            row["driver_share"] = round(row["driver_cpu_s"] / max(row["tree_cpu_s"], 1e-9), 3)
            row.pop("stderr_tail", None)
            rows.append(row)
            print(json.dumps(row), flush=True)
    return rows


def stored_counts(url: str) -> dict[str, int]:
    from stanceline.store.db import Store

    with Store(url, migrate=False) as store:
        s = store.stats()
    return {k: int(s[k]) for k in ("canonical", "duplicates", "quotes", "events", "positions", "stories")}


def summarise_nlp(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by.setdefault(r["variant"], []).append(r)
    out: dict[str, Any] = {}
    for v, rs in by.items():
        out[v] = {
            "wall_s": round(statistics.median(r["wall_s"] for r in rs), 2),
            "docs_per_s": round(rs[0]["documents"] / statistics.median(r["wall_s"] for r in rs), 2),
            "tree_cpu_s": round(statistics.median(r["tree_cpu_s"] for r in rs), 2),
            "driver_share": round(statistics.median(r["driver_share"] for r in rs), 3),
            "postgres_cpu_s": round(statistics.median(r.get("postgres_cpu_s", 0.0) for r in rs), 2),
        }
    base = out.get("dask1") or out.get("local1")
    if base:
        for v in out.values():
            v["speedup_vs_1"] = round(base["wall_s"] / v["wall_s"], 2)
    return out


# -- per-stage costs ----------------------------------------------------------------------------------
def stage_costs(pages: Path, url: str) -> dict[str, Any]:
    """CPU seconds per document of each stage, in this process, on the NLP pages: prepare, dedup and
    document write, NLP (parse and extractors), NLP write, story assignment; and bytes stored."""
    from stanceline.analyze.stories import update_stories
    from stanceline.clean.core import CleanOptions
    from stanceline.nlp.issues import load_issues
    from stanceline.nlp.stage import NlpInput, analyze_batch, store_outputs
    from stanceline.pipeline.ingest import _store_prepared
    from stanceline.pipeline.prepare import Prepared, prepare_batch
    from stanceline.sources.inputs import iter_sources
    from stanceline.store.db import Store

    if url.startswith("postgresql"):
        reset_pg(url)
    cpu: dict[str, float] = dict.fromkeys(("prepare", "dedup_and_store", "nlp", "nlp_write", "stories"), 0.0)
    issues = load_issues()
    n = canonical = 0
    with Store(url) as store:
        items = [i for i in iter_sources([str(pages)]) if not hasattr(i, "code")]
        from stanceline.nlp.pipeline import load_nlp

        load_nlp()  # loaded once per process, as on a worker; not a per-document cost
        for lo in range(0, len(items), 8):
            t = time.process_time()
            prepared = prepare_batch(items[lo : lo + 8], CleanOptions())  # type: ignore[arg-type]
            cpu["prepare"] += time.process_time() - t
            inputs = []
            for p in prepared:
                if not isinstance(p, Prepared):
                    continue
                n += 1
                t = time.process_time()
                outcome = _store_prepared(store, p)
                cpu["dedup_and_store"] += time.process_time() - t
                if outcome.status == "new":
                    canonical += 1
                    inputs.append(NlpInput(p.doc.id, p.doc.text, p.doc.published, p.doc.outlet))
            t = time.process_time()
            outs = analyze_batch(inputs, issues)
            cpu["nlp"] += time.process_time() - t
            t = time.process_time()
            store_outputs(store, outs)  # a batch to a transaction, as the pipeline's writer does
            cpu["nlp_write"] += time.process_time() - t
        t = time.process_time()
        update_stories(store)
        cpu["stories"] += time.process_time() - t
        stored = _stored_bytes(store)
    per_doc = {k: round(1000 * v / max(n if k in ("prepare", "dedup_and_store") else canonical, 1), 2)
               for k, v in cpu.items()}
    return {"database": url.split(":", 1)[0], "documents": n, "canonical": canonical, "cpu_ms_per_doc": per_doc,
            "stored_bytes_per_doc": round(stored / max(n, 1))}


def _stored_bytes(store: Any) -> int:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        if store.dialect.name == "postgresql":
            sql = (
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n"
                " ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
            )
            return int(conn.execute(text(sql)).scalar_one())
        pages_, size = (conn.execute(text(q)).scalar_one() for q in ("PRAGMA page_count", "PRAGMA page_size"))
        return int(pages_) * int(size)


# -- report ---------------------------------------------------------------------------------------
_TIMED = ("page_", "deep20_", "search_")


def _size_table(rows: list[dict[str, Any]], first: str | None = None) -> list[str]:
    """One column per corpus size, and each timing's largest ÷ smallest (after `first`, if given)."""
    if not rows:
        return []
    keys = [k for k in rows[0] if k != "documents"]
    lines = ["| measure | " + " | ".join(f"{r['documents']:,} docs" for r in rows) + " |", "|---|" + "---|" * len(rows)]
    lines += [f"| {k} | " + " | ".join(str(r.get(k, "—")) for r in rows) + " |" for k in keys]
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        lines += ["", "Largest ÷ smallest:", *([first] if first else [])]
        lines += [f"- {k}: {b[k] / max(a[k], 1e-9):.2f}×" for k in keys if k.startswith(_TIMED)]
    return lines


def write(result: dict[str, Any], name: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [f"# Scale ({result['meta']['label']})", ""]
    sizes = result.get("ingest") or []
    flat = None
    if len(sizes) > 1:
        a, b = sizes[0], sizes[-1]
        flat = (f"- CPU/doc {b['cpu_ms_per_doc'] / a['cpu_ms_per_doc']:.2f}×, "
                f"peak RSS {b['peak_rss_mb'] / a['peak_rss_mb']:.2f}×")
    lines += _size_table(sizes, flat)
    lines += _size_table(result.get("listing") or [])
    for st in result.get("stages") or []:
        lines += ["", f"## CPU ms per document by stage ({st['database']}, {st['documents']} pages, "
                  f"{st['canonical']} canonical; stored {st['stored_bytes_per_doc']:,} bytes a document)", ""]
        lines += ["| " + " | ".join(st["cpu_ms_per_doc"]) + " |", "|" + "---|" * len(st["cpu_ms_per_doc"])]
        lines += ["| " + " | ".join(str(v) for v in st["cpu_ms_per_doc"].values()) + " |"]
    nlp = result.get("nlp_summary")
    if nlp:
        lines += ["", "## NLP on PostgreSQL, medians of interleaved repeats", ""]
        lines += ["| variant | wall s | docs/s | tree CPU s | driver share | PostgreSQL CPU s | speed-up vs 1 worker |"]
        lines += ["|---|---|---|---|---|---|---|"]
        for v, s in nlp.items():
            lines.append(f"| {v} | {s['wall_s']} | {s['docs_per_s']} | {s['tree_cpu_s']} | {s['driver_share']} "
                         f"| {s.get('postgres_cpu_s', '—')} | {s.get('speedup_vs_1', '—')} |")
    lines += ["", f"{result['meta']}"]
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000, 30000])
    ap.add_argument("--nlp-pages", type=int, default=300)
    ap.add_argument("--variants", nargs="+", default=["local1", "dask1", "dask2", "dask2w"])
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--keep", type=Path, help="write the corpora and databases here and keep them (else a temp folder)")
    ap.add_argument("--listing-only", type=Path, metavar="DIR",
                    help="only time listing and search on the scale-N.db files a --keep run left in DIR")
    ap.add_argument("--skip-nlp", action="store_true")
    ap.add_argument("--skip-stages", action="store_true", help="skip the per-stage cost measurement")
    ap.add_argument("--pg-url", default=os.environ.get("STANCELINE_TEST_PG_URL"))
    ap.add_argument("--label", default="after", help="what this run measures (before/after …)")
    ap.add_argument("--out", default="scale", help="results file name under bench/results/")
    args = ap.parse_args()
    result: dict[str, Any] = {
        "meta": {
            "label": args.label,
            "machine": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_at_start": os.getloadavg(),
            "benchmarks": str(root()),
        }
    }
    if args.listing_only:
        result["listing"] = listing_sizes(args.listing_only)
        result["meta"]["load_at_end"] = os.getloadavg()
        write(result, args.out)
        return
    with tempfile.TemporaryDirectory(prefix="stanceline-scale-") as d:
        tmp = Path(d)
        if not args.skip_ingest:
            result["ingest"] = ingest_sizes(args.sizes, args.keep or tmp, paragraphs())
        if not args.skip_nlp:
            if not args.pg_url:
                raise SystemExit("the NLP comparison runs on PostgreSQL: pass --pg-url or set STANCELINE_TEST_PG_URL")
            pages = tmp / "pages"
            nlp_pages(args.nlp_pages, pages)
            if not args.skip_stages:
                sqlite = f"sqlite:///{tmp / 'stages.db'}"
                result["stages"] = [stage_costs(pages, sqlite), stage_costs(pages, args.pg_url)]
                print(json.dumps(result["stages"]), flush=True)
            if args.variants:
                result["nlp"] = executor_runs(args.variants, pages, args.pg_url, args.repeats)
                result["nlp_summary"] = summarise_nlp(result["nlp"])
        shutil.rmtree(tmp, ignore_errors=True)
    result["meta"]["load_at_end"] = os.getloadavg()
    write(result, args.out)


if __name__ == "__main__":
    main()
