"""A small, bounded load run against `stanceline serve` on 127.0.0.1.

20 concurrent clients (threads, each with its own keep-alive connection) send a fixed number of
requests to each endpoint; the script prints requests/s and latency percentiles and writes
bench/results/load.json and load.md. The server runs as its own process (`stanceline serve`, one
uvicorn worker unless --workers, as a user would start it) so the clients do not share its
interpreter.

    python bench/load.py                       # synthetic corpus of 2,000 documents
    python bench/load.py --db sqlite:///x.db   # an existing database (e.g. the seeds)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from stanceline.model import Actor, Document, Mention, Position, Quote, Stance
from stanceline.store.db import DocFilter, NlpResult, Store

HOST = "127.0.0.1"  # never anything else: this is a local measurement, not a load generator
RESULTS = Path(__file__).resolve().parent / "results"
ISSUE = "Ukraine joins NATO"
STANCES: tuple[Stance, ...] = ("support", "conditional", "neutral", "oppose")


@dataclass
class Result:
    name: str
    path: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    def summary(self) -> dict[str, float | int | str]:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))], 2) if lat else 0.0

        return {
            "endpoint": self.name,
            "path": self.path,
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_s": round(self.requests / self.seconds, 1),
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "mean_ms": round(statistics.fmean(lat), 2) if lat else 0.0,
        }


def synthetic_corpus(url: str, n_docs: int, seed: int = 7) -> None:
    """Documents with mentions, quotes and positions, so list and timeline queries do real work."""
    rng = random.Random(seed)
    actors = [Actor(f"person:a{i}", f"Actor {i}", "PERSON", [f"A{i}"]) for i in range(40)]
    outlets = [f"Outlet {i}" for i in range(12)]
    start = date(2022, 1, 1)
    with Store(url) as store:
        for i in range(n_docs):
            who = rng.sample(actors, 3)
            sentences = [
                f"{a.name} said NATO membership for Ukraine {rng.choice(['must', 'may', 'cannot'])} come soon."
                for a in who
            ]
            filler = " ".join(
                rng.choice(["talks", "summit", "allies", "Kyiv", "guarantees", "peace"]) for _ in range(200)
            )
            text = " ".join(sentences) + " " + filler
            day = start + timedelta(days=rng.randrange(0, 1400))
            d = Document(
                id=hashlib.sha1(f"doc{i}".encode()).hexdigest()[:16],
                source=f"synthetic:{i}",
                text=text,
                raw_hash=hashlib.sha256(text.encode()).hexdigest(),
                outlet=rng.choice(outlets),
                title=f"Synthetic article {i}",
                published=day.isoformat(),
                date_source="manifest",
                date_confidence=1.0,
            )
            store.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=d.raw_hash, minhash=None)
            mentions, quotes, positions = [], [], []
            pos = 0
            for a, s in zip(who, sentences, strict=True):
                mentions.append(Mention(d.id, a.key, a.name, pos, pos + len(a.name), "PERSON"))
                qs = pos + len(a.name) + 6
                quotes.append(
                    Quote(
                        d.id,
                        s[len(a.name) + 6 :],
                        qs,
                        pos + len(s),
                        "indirect",
                        "said",
                        None,
                        None,
                        a.name,
                        a.key,
                        a.name,
                        pos,
                        pos + len(a.name),
                    )
                )
                positions.append(
                    Position(
                        d.id,
                        a.name,
                        a.key,
                        ISSUE,
                        rng.choice(STANCES),
                        round(rng.uniform(0.4, 1), 2),
                        d.published,
                        "reported",
                        s,
                        pos,
                        pos + len(s),
                    )
                )
                pos += len(s) + 1
            store.replace_nlp(NlpResult(d.id, mentions, quotes, [], positions, {}), who)
        from stanceline.analyze.stories import build_stories

        store.replace_stories(build_stories(list(store.iter_documents(DocFilter(include_duplicates=False)))))


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(db_url: str, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("STANCELINE_TOKEN",)}
    cmd = [sys.executable, "-m", "stanceline", "serve", "--db", db_url, "--host", HOST, "--port", str(port)]
    if workers > 1:  # an older stanceline (a before/after run) has no --workers
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stats", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not come up within 60 s")


def run_endpoint(base: str, name: str, paths: list[str], total: int, clients: int, follow_cursor: bool) -> Result:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))

    def worker(wid: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        cursor: str | None = None
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    break
                path = paths[(i + wid) % len(paths)]
                params = {"cursor": cursor} if follow_cursor and cursor else None
                t0 = time.perf_counter()
                try:
                    r = client.get(path, params=params)
                    ok = r.status_code == 200
                    if ok and follow_cursor:
                        # Each client pages through the list like a reader, then starts over.
                        cursor = r.json().get("next")
                except httpx.HTTPError:
                    ok = False
                mine.append((time.perf_counter() - t0) * 1000)
                bad += not ok
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(name, paths[0], total, errors, time.perf_counter() - t0, latencies)


def _loadavg() -> str | None:
    # other work on the machine shows in every figure; say how much there was
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="database URL to serve (default: build a synthetic corpus)")
    ap.add_argument("--keep", type=Path, help="build the synthetic corpus in this SQLite file and keep it")
    ap.add_argument("--docs", type=int, default=2000, help="synthetic corpus size")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000, help="requests per endpoint")
    ap.add_argument("--cold-requests", type=int, default=100, help="requests for the uncached timeline run")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (stanceline serve --workers)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    if not (1 <= args.clients <= 64 and 1 <= args.requests <= 100_000 and 1 <= args.workers <= 8):
        ap.error("keep it small: 1-64 clients, at most 100,000 requests, 1-8 workers")

    tmp = None
    db_url = args.db
    if not db_url and args.keep and args.keep.exists():
        db_url = f"sqlite:///{args.keep.resolve()}"
    elif not db_url:
        if args.keep:
            db_url = f"sqlite:///{args.keep.resolve()}"
        else:
            tmp = tempfile.TemporaryDirectory(prefix="stanceline-load-")
            db_url = f"sqlite:///{Path(tmp.name) / 'load.db'}"
        t0 = time.perf_counter()
        synthetic_corpus(db_url, args.docs)
        print(f"built a synthetic corpus of {args.docs} documents in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    with Store(db_url) as store:
        stats = store.stats()
        issues = sorted({p.issue for p in store.positions()})
        counts: dict[str, int] = {}
        for p in store.positions(issue=issues[0] if issues else None):
            counts[p.actor_key] = counts.get(p.actor_key, 0) + 1
    top_actor = max(counts, key=lambda k: counts[k]) if counts else None
    issue = issues[0] if issues else ISSUE

    port = free_port()
    proc = start_server(db_url, port, args.workers)
    base = f"http://{HOST}:{port}"
    try:
        # Warm up: first requests pay for imports and the SQLite page cache.
        with httpx.Client(base_url=base) as c:
            for _ in range(20):
                c.get("/api/documents", params={"limit": 50})
                c.get("/api/timeline", params={"issue": issue})
        results = [
            run_endpoint(
                base,
                "documents list (50/page, following cursors)",
                ["/api/documents?limit=50"],
                args.requests,
                args.clients,
                follow_cursor=True,
            ),
            run_endpoint(
                base,
                f"timeline ({issue}, all actors)",
                [f"/api/timeline?issue={issue}"],
                args.requests,
                args.clients,
                follow_cursor=False,
            ),
        ]
        # 100 distinct page sizes cycle through a 64-entry cache: every request is computed afresh.
        cold = [f"/api/timeline?issue={issue}&limit={400 + k}" for k in range(100)]
        results.append(
            run_endpoint(
                base,
                "timeline (all actors, cache defeated)",
                cold,
                args.cold_requests,
                args.clients,
                follow_cursor=False,
            )
        )
        if top_actor:
            results.append(
                run_endpoint(
                    base,
                    "timeline (one actor)",
                    [f"/api/timeline?issue={issue}&actor={top_actor}"],
                    args.requests,
                    args.clients,
                    follow_cursor=False,
                )
            )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if tmp:
            tmp.cleanup()

    summary = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "server": f"stanceline serve (uvicorn, {args.workers} worker{'s' if args.workers > 1 else ''}), "
        f"{db_url.split(':', 1)[0].split('+')[0]}; timeline answers cached per data version (5 s TTL)",
        "load_average": _loadavg(),
        "corpus": {
            "source": args.db or f"synthetic ({args.docs} documents)",
            "documents": stats["documents"],
            "positions": stats["positions"],
            "actors": stats["actors"],
        },
        "clients": args.clients,
        "results": [r.summary() for r in results],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Load run: `stanceline serve` on 127.0.0.1",
        "",
        f"{summary['when']} · {args.clients} concurrent clients · {summary['server']} · corpus: "
        f"{summary['corpus']['source']}, {stats['documents']} documents, {stats['positions']} positions · "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()} · load average after the run: "
        f"{summary['load_average']}",
        "",
        "| endpoint | requests | errors | requests/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in summary["results"]:
        lines.append(
            f"| {r['endpoint']} | {r['requests']} | {r['errors']} | {r['requests_per_s']} | {r['p50_ms']} | "
            f"{r['p95_ms']} | {r['p99_ms']} |"
        )
    (args.out / "load.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
