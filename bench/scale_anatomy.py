"""Where a Dask NLP run's time goes: per-process CPU, waiting for a core, idle workers, the tail.

    python -m bench.scale_anatomy --workers 2 --pg-url URL [--pages 300] [--out scale-anatomy]

Runs `stanceline ingest PAGES --executor dask --scheduler ADDR` (NLP on, PostgreSQL) against a
LocalCluster this process starts (the same settings as the executor's own: one thread per worker
process), so the scheduler and the nannies run here and not in the ingest process, and their CPU is
counted apart from the driver's. Sampled every 0.25 s from the kernel:

- CPU seconds of every process (driver, workers, this process = scheduler + nannies, the
  PostgreSQL server with its backends, reaped ones included through the postmaster's counters);
- for each worker's task thread (its busiest thread), time spent runnable but waiting for a core
  (`/proc/PID/task/TID/schedstat`), so its *idle* time (no task to run) is told apart from time
  lost to other load on the machine: idle = wall − CPU − waiting for a core; the rest of the
  worker's CPU is Dask's own (its event loop: messages, heartbeats, the statistical profiler);
- the task stream from the scheduler: every task's start and end on its worker, so the gaps
  between tasks on each worker (the driver not feeding it) and the tail (one worker done while the
  other still computes) are measured, by task kind.

Results: bench/results/<out>.json and .md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.scale import RESULTS, STANCELINE, nlp_pages, postmaster_pid, reset_pg, server_cpu, stored_counts

TICK = 0.25


def _schedstat(pid: int) -> dict[str, tuple[float, float]]:
    """Each live thread's (CPU s, runnable-but-waiting s)."""
    out: dict[str, tuple[float, float]] = {}
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as fh:
                    a, b, _ = fh.read().split()
                out[tid] = (int(a) / 1e9, int(b) / 1e9)
            except (OSError, ValueError):
                continue
    except OSError:
        pass
    return out


class Sampler:
    """CPU of named processes over time: the driver's tree, the workers, this process, PostgreSQL."""

    def __init__(self, driver: int, workers: list[int], postmaster: int | None) -> None:
        import psutil

        self.ps = psutil
        self.driver, self.workers, self.postmaster = driver, workers, postmaster
        self.me = os.getpid()
        self.last: dict[str, float] = {}
        self.threads: dict[int, dict[str, tuple[float, float]]] = {w: {} for w in workers}
        self.series: list[dict[str, float]] = []
        self.pg0 = self._pg()
        self.t0 = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _cpu(self, pid: int) -> float:
        try:
            t = self.ps.Process(pid).cpu_times()
            return float(t.user + t.system)
        except self.ps.Error:
            return -1.0

    def _pg(self) -> float:
        return server_cpu(self.postmaster)

    def sample(self) -> dict[str, float]:
        row: dict[str, float] = {"t": time.perf_counter() - self.t0}
        d = self._cpu(self.driver)
        if d >= 0:
            self.last["driver"] = d
        row["driver"] = self.last.get("driver", 0.0)
        for i, w in enumerate(self.workers):
            self.threads[w].update(_schedstat(w))  # a thread that ended keeps its last reading
            row[f"w{i}"] = sum(c for c, _ in self.threads[w].values())
            # The task thread is the busiest one; its waits are what the worker lost to load.
            busiest = max(self.threads[w].values(), default=(0.0, 0.0))
            row[f"w{i}_task"], row[f"w{i}_wait"] = busiest
        row["scheduler"] = self._cpu(self.me) - self.own_thread
        row["postgres"] = self._pg() - self.pg0
        self.series.append(row)
        return row

    own_thread = 0.0  # this sampler's own CPU, not the scheduler's

    def _run(self) -> None:
        while not self._stop.is_set():
            self.own_thread = time.thread_time()
            self.sample()
            self._stop.wait(TICK)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return self.sample()


def intervals(stream: list[dict[str, Any]]) -> dict[str, list[tuple[float, float, str]]]:
    """Each worker's compute intervals (start, stop, task kind) from the scheduler's task stream."""
    out: dict[str, list[tuple[float, float, str]]] = {}
    for rec in stream:
        for ss in rec.get("startstops", ()):
            if ss.get("action") == "compute":
                kind = str(rec.get("key", "?"))
                kind = kind.split("-")[0] if isinstance(rec.get("key"), str) else kind
                out.setdefault(rec["worker"], []).append((ss["start"], ss["stop"], kind))
    for v in out.values():
        v.sort()
    return out


def one_run(workers: int, pages: Path, pg_url: str, extra: list[str], profile: Path | None = None) -> dict[str, Any]:
    import distributed

    reset_pg(pg_url)
    t_start = time.time()
    try:
        from stanceline.scale.executor import local_cluster

        cluster = local_cluster(workers)  # as `--executor dask` starts it
    except ImportError:  # older code (a before/after comparison): the settings it started with
        import logging

        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    client.get_task_stream()  # starts the scheduler's task-stream recording
    wpids = sorted(client.run(os.getpid).values())
    args = [*STANCELINE, "ingest", str(pages), "--db", pg_url, "--executor", "dask", "--scheduler",
            cluster.scheduler_address, *extra]
    t0 = time.time()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid, wpids, postmaster_pid(pg_url))
    spies = []
    if profile is not None:  # py-spy (pip install py-spy) samples each process's stacks at 20 Hz
        profile.mkdir(parents=True, exist_ok=True)
        for name, pid in [("driver", proc.pid), *((f"worker{i}", w) for i, w in enumerate(wpids))]:
            out = profile / f"{workers}w-{name}.txt"
            spies.append(subprocess.Popen(["py-spy", "record", "--nonblocking", "-r", "20", "--format", "raw",
                                           "-o", str(out), "-p", str(pid)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    _out, err = proc.communicate()
    t_end = time.time()
    end = sampler.stop()
    if proc.returncode not in (0, 1):
        raise RuntimeError(err[-3000:])
    stream = client.get_task_stream(start=t0)
    client.close()
    cluster.close()
    for spy in spies:
        spy.wait(timeout=60)
    wall = t_end - t0
    by_worker = intervals(stream)
    first = min((s for v in by_worker.values() for s, _, _ in v), default=t0)
    last = max((e for v in by_worker.values() for _, e, _ in v), default=t_end)
    ends = sorted(max(e for _, e, _ in v) for v in by_worker.values())
    per_worker = []
    for wk, iv in sorted(by_worker.items()):
        busy: dict[str, float] = {}
        for s, e, k in iv:
            busy[k] = busy.get(k, 0.0) + (e - s)
        gaps = sum(max(0.0, b[0] - a[1]) for a, b in itertools.pairwise(iv))
        per_worker.append({
            "worker": wk,
            "tasks": len(iv),
            "busy_s_by_kind": {k: round(v, 2) for k, v in busy.items()},
            "first_start_s": round(iv[0][0] - t0, 2),
            "last_end_s": round(iv[-1][1] - t0, 2),
            "gaps_between_tasks_s": round(gaps, 2),
        })
    wcpu = [end[f"w{i}"] for i in range(len(wpids))]
    wtask = [end[f"w{i}_task"] for i in range(len(wpids))]
    wwait = [end[f"w{i}_wait"] for i in range(len(wpids))]
    # The span is the ingest command's: the workers were up (and idle) before it started. A worker's
    # task thread is idle when it neither runs nor waits for a core.
    idle = [max(0.0, wall - c - w) for c, w in zip(wtask, wwait, strict=True)]
    row: dict[str, Any] = {
        "workers": workers,
        "wall_s": round(wall, 2),
        "cluster_start_s": round(t0 - t_start, 2),
        "cpu_s": {
            "driver": round(end["driver"], 2),
            "workers": [round(c, 2) for c in wcpu],
            "workers_task_thread": [round(c, 2) for c in wtask],
            "scheduler_and_nannies": round(end["scheduler"], 2),
            "postgres": round(end["postgres"], 2),
        },
        "workers_waiting_for_core_s": [round(w, 2) for w in wwait],
        "workers_idle_s": [round(i, 2) for i in idle],
        "first_task_start_s": round(first - t0, 2),
        "last_task_end_s": round(last - t0, 2),
        "after_last_task_s": round(t_end - last, 2),
        "tail_one_worker_alone_s": round(ends[-1] - ends[0], 2) if len(ends) > 1 else 0.0,
        "per_worker": per_worker,
        "load": os.getloadavg(),
        "stored": stored_counts(pg_url),
    }
    total = row["cpu_s"]["driver"] + sum(wcpu) + row["cpu_s"]["scheduler_and_nannies"] + row["cpu_s"]["postgres"]
    row["cpu_s"]["total"] = round(total, 2)
    docs = len(list(pages.iterdir()))
    row["worker_cpu_ms_per_doc"] = round(1000 * sum(wcpu) / docs, 1)
    row["series"] = [{k: round(v, 2) for k, v in r.items()} for r in sampler.series[:: max(1, int(1 / TICK))]]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, nargs="+", default=[2, 1])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--pg-url", default=os.environ.get("STANCELINE_TEST_PG_URL"))
    ap.add_argument("--extra", nargs="*", default=[], help="more `stanceline ingest` options")
    ap.add_argument("--profile", type=Path, help="write py-spy profiles (raw stacks) of each process here")
    ap.add_argument("--label", default="")
    ap.add_argument("--out", default="scale-anatomy")
    args = ap.parse_args()
    if not args.pg_url:
        raise SystemExit("pass --pg-url or set STANCELINE_TEST_PG_URL")
    rows = []
    with tempfile.TemporaryDirectory(prefix="stanceline-anatomy-") as d:
        pages = Path(d) / "pages"
        nlp_pages(args.pages, pages)
        for rep in range(args.repeats):
            for w in args.workers:
                row = one_run(w, pages, args.pg_url, args.extra, args.profile)
                row["repeat"] = rep
                rows.append(row)
                print(json.dumps({k: v for k, v in row.items() if k != "series"}), flush=True)
    result = {"label": args.label, "python": sys.version.split()[0], "cpus": os.cpu_count(), "runs": rows}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps(result, indent=1) + "\n")
    lines = [f"# Dask NLP run anatomy ({args.label})", "",
             "| workers | wall s | driver CPU | workers CPU | sched+nannies | postgres | total CPU | worker ms/doc "
             "| workers waiting for a core s | workers idle s | first task s | tail one worker alone s "
             "| after last task s | load |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        c = r["cpu_s"]
        lines.append(
            f"| {r['workers']} | {r['wall_s']} | {c['driver']} | {' + '.join(map(str, c['workers']))} "
            f"| {c['scheduler_and_nannies']} | {c['postgres']} | {c['total']} | {r['worker_cpu_ms_per_doc']} "
            f"| {' + '.join(map(str, r['workers_waiting_for_core_s']))} | {' + '.join(map(str, r['workers_idle_s']))} "
            f"| {r['first_task_start_s']} | {r['tail_one_worker_alone_s']} | {r['after_last_task_s']} "
            f"| {r['load'][0]:.1f} |"
        )
    (RESULTS / f"{args.out}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
