"""The driver's busy time in a Dask NLP ingest, this code against another, paired in one run.

    python -m bench.scale_driver --pg-url URL --before DIR [--pages 60] [--workers 1] [--repeats 3]

DIR is the `src` folder of the code to compare with (e.g. `git archive COMMIT src | tar -x -C /tmp/x`
gives /tmp/x/src). Each repeat runs `stanceline ingest PAGES --executor dask --workers N` on a fresh
PostgreSQL database with this code, then with DIR's (PYTHONPATH, which the cluster's worker processes
inherit), so machine load drifts over both alike. The ingest runs inside a small launcher process
that reports, at its end, from the kernel:

- main-thread CPU (time.thread_time at the end): the thread that reads, stores and submits, i.e.
  the driver's busy time, what this benchmark is for;
- driver CPU: user + system seconds of the ingest process itself (all its threads: the main thread,
  the Dask client's and the LocalCluster scheduler's event loops, whose periodic work grows with
  the wall time, so with the load), workers excluded;
  and children CPU: the cluster's processes (nannies and workers, reaped when the cluster closes);
- main-thread CPU, profiled with cProfile on the thread's own CPU clock (time.thread_time, so time
  waiting for a result or for a core counts nothing), split by what it was doing: storing NLP
  results, storing documents (dedup, rows), reading inputs (decoding included), stories, and the
  rest (imports, cluster start, task submission).

The profiler slows the profiled thread (reading the thread's clock at every call), so its splits
are shares of a profiled run; the driver CPU of the unprofiled runs (run first in every repeat) is
the figure to compare.

Results: bench/results/<out>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.scale import RESULTS, nlp_pages, reset_pg, stored_counts

# Runs the CLI in this process and prints its own CPU (and, profiled, the main thread's by part).
LAUNCHER = r"""
import cProfile, json, pstats, resource, runpy, sys, time
profile = sys.argv[1] == "1"
sys.argv = ["stanceline", *sys.argv[2:]]
prof = cProfile.Profile(time.thread_time) if profile else None
t0 = time.perf_counter()
if prof: prof.enable()
try:
    runpy.run_module("stanceline", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
if prof: prof.disable()
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
out = {"rc": code, "wall_s": wall, "driver_cpu_s": ru.ru_utime + ru.ru_stime, "main_thread_cpu_s": time.thread_time(),
       "children_cpu_s": kids.ru_utime + kids.ru_stime}
if prof:
    st = pstats.Stats(prof).stats
    cum = {}
    for (path, _line, name), (_cc, _nc, _tt, ct, _callers) in st.items():
        key = path.rsplit("/", 2)[-2] + "/" + path.rsplit("/", 1)[-1] + ":" + name if "/" in path else name
        cum[key] = cum.get(key, 0.0) + ct
    out["main_thread_cumulative"] = cum
print("DRIVER " + json.dumps(out), flush=True)
"""

# What the main thread was doing: a part is the cumulative time of the outermost function that
# stands for it (they do not nest in one another).
PARTS = {
    # before the batched writes (10c7009 and older trees) the writer called store_output per document
    "nlp_writes": ("stage.py:store_output", "stage.py:store_outputs"),
    "document_writes": ("ingest.py:_store_prepared",),
    "reading_inputs": ("ingest.py:fresh_items",),
    "decode_in_reading": ("decode.py:decode_bytes",),  # inside reading_inputs
    "stories": ("stories.py:update_stories",),
}
TOTAL = "__main__.py:<module>"


def run_side(src: Path | None, pages: Path, pg_url: str, workers: int, profile: bool) -> dict[str, Any]:
    reset_pg(pg_url)
    env = {**os.environ}
    if src is not None:
        env["PYTHONPATH"] = str(src) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    args = ["ingest", str(pages), "--db", pg_url, "--executor", "dask", "--workers", str(workers)]
    res = subprocess.run([sys.executable, "-c", LAUNCHER, "1" if profile else "0", *args],
                         capture_output=True, text=True, env=env)
    line = next((x for x in res.stdout.splitlines() if x.startswith("DRIVER ")), None)
    if line is None:
        raise RuntimeError(f"ingest failed ({res.returncode}):\n{res.stderr[-3000:]}")
    row: dict[str, Any] = json.loads(line[len("DRIVER "):])
    cum = row.pop("main_thread_cumulative", None)
    if cum is not None:
        total = _outer(cum, (TOTAL,))
        row["main_thread_cpu_s"] = round(total, 2)
        for part, names in PARTS.items():
            row[f"main_{part}_s"] = round(_outer(cum, names), 3)
        row["main_nlp_writes_share"] = round(row["main_nlp_writes_s"] / max(total, 1e-9), 3)
    row["stored"] = stored_counts(pg_url)
    return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in row.items()}


def _outer(cum: dict[str, float], names: tuple[str, ...]) -> float:
    """The cumulative time of whichever of `names` the profile has (they do not call one another
    except a wrapper calling its batch form, so the largest is the outer one)."""
    found = [v for k, v in cum.items() if any(k.endswith(n) for n in names)]
    return max(found, default=0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="src folder of the code to compare with")
    ap.add_argument("--after", type=Path, help="src folder of the code compared (default: this checkout's)")
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--profiled-repeats", type=int, default=None, help="profile in this many repeats (default: all)")
    ap.add_argument("--pg-url", default=os.environ.get("STANCELINE_TEST_PG_URL"))
    ap.add_argument("--label", default="")
    ap.add_argument("--out", default="scale-driver")
    args = ap.parse_args()
    if not args.pg_url:
        raise SystemExit("pass --pg-url or set STANCELINE_TEST_PG_URL")
    meta: dict[str, Any] = {"label": args.label, "machine": platform.platform(), "cpus": os.cpu_count(),
                            "pages": args.pages, "workers": args.workers, "before": str(args.before),
                            "after": str(args.after or "this checkout"),
                            "load_at_start": os.getloadavg()}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="stanceline-driver-") as d:
        pages = Path(d) / "pages"
        nlp_pages(args.pages, pages)
        for rep in range(args.repeats):
            profiled = args.repeats if args.profiled_repeats is None else args.profiled_repeats
            for profile in (False, True)[: 2 if rep < profiled else 1]:
                for side, src in (("after", args.after), ("before", args.before)):
                    row = run_side(src, pages, args.pg_url, args.workers, profile)
                    row.update({"side": side, "repeat": rep, "profiled": profile, "load": os.getloadavg()[0]})
                    rows.append(row)
                    print(json.dumps(row), flush=True)
    meta["load_at_end"] = os.getloadavg()
    summary = summarise(rows)
    result = {"meta": meta, "rows": rows, "summary": summary}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [f"# Driver busy time, Dask NLP ingest ({args.label or 'after vs before'})", "",
             f"{args.pages} pages, {args.workers} worker(s), PostgreSQL; {args.repeats} interleaved repeats, medians.",
             "", "| measure | after | before | after / before (median of pairs) |", "|---|---|---|---|"]
    for k, v in summary.items():
        lines.append(f"| {k} | {v['after']} | {v['before']} | {v['ratio']} |")
    lines += ["", f"{meta}"]
    (RESULTS / f"{args.out}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def summarise(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for profiled in (False, True):
        sel = [r for r in rows if r["profiled"] is profiled]
        if not sel:
            continue
        keys = [k for k, v in sel[0].items()
                if isinstance(v, (int, float)) and not isinstance(v, bool) and k not in ("repeat", "rc", "load")]
        for k in keys:
            a = [r[k] for r in sel if r["side"] == "after"]
            b = [r[k] for r in sel if r["side"] == "before"]
            ratios = [x / y for x, y in zip(a, b, strict=True) if y]
            name = f"{k} ({'profiled' if profiled else 'unprofiled'})"
            out[name] = {"after": round(statistics.median(a), 3), "before": round(statistics.median(b), 3),
                         "ratio": round(statistics.median(ratios), 3) if ratios else "—"}
    return out


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"took {time.perf_counter() - started:.0f} s", file=sys.stderr)
