"""HTML → article text benchmark: stanceline vs trafilatura (default, precision) vs readability-lxml.

Run from the repository root:  python -m bench.extract [--sets ...] [--limit N] [--procs 2]
                                                  [--benchmarks DIR] [--split NAME]

Every system runs on the same pages in the same run. Each page is timed inside the worker process
that extracts it, so docs/s is per core (pages / summed per-page seconds), as score_extract.py
defines it. Scores come from the benchmark folder's score/score_extract.py, imported as is (the
folder: --benchmarks, else $STANCELINE_BENCHMARKS, else ../shared/benchmarks; see bench/gold.py).
A page whose file is missing or unreadable scores as empty and is counted under `errors`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench import gold as benchgold
from bench.gold import load_gold, load_scorer, read_html

HTML_SETS = ("scrapinghub_aeb", "wcxb", "trafilatura_eval")
RESULTS = Path(__file__).resolve().parent / "results"


# --- systems -------------------------------------------------------------------------------------


def run_stanceline(html: str, url: str | None) -> str:
    from stanceline.clean.core import clean_html

    return clean_html(html, url).text


def run_stanceline_noblocks(html: str, url: str | None) -> str:
    """The cleaner without its block classifier pass: the same-run before/after of that pass."""
    from stanceline.clean.core import clean_html
    from stanceline.clean.html import blocks_model as clean_blocks_model

    real = clean_blocks_model.load
    clean_blocks_model.load = lambda: None  # type: ignore[assignment]
    try:
        return clean_html(html, url).text
    finally:
        clean_blocks_model.load = real


def run_trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def run_trafilatura_precision(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True) or ""


def run_readability(html: str, url: str | None) -> str:
    import html_text
    from readability import Document

    return str(html_text.extract_text(Document(html, url=url).summary(html_partial=True)))


SYSTEMS: dict[str, Callable[[str, str | None], str]] = {
    "stanceline": run_stanceline,
    "stanceline_noblocks": run_stanceline_noblocks,
    "trafilatura": run_trafilatura,
    "trafilatura_precision": run_trafilatura_precision,
    "readability": run_readability,
}


def _work(task: tuple[str, str, str, str | None]) -> dict[str, Any]:
    system, set_name, page_id, url = task
    try:
        html = read_html(set_name, page_id)
    except Exception as exc:  # a missing or broken page file is that page's error, not the run's
        return {
            "system": system,
            "set": set_name,
            "id": page_id,
            "text": "",
            "seconds": 0.0,
            "error": f"page file: {type(exc).__name__}: {exc}",
        }
    fn = SYSTEMS[system]
    t0 = time.perf_counter()
    error = None
    try:
        text = fn(html, url)
    except Exception as exc:  # a peer crashing on one page must not stop the run
        text, error = "", f"{type(exc).__name__}: {exc}"
    secs = time.perf_counter() - t0
    return {"system": system, "set": set_name, "id": page_id, "text": text, "seconds": secs, "error": error}


def _warm(_: int) -> None:
    # import costs are paid once per process, not charged to the first page
    for fn in SYSTEMS.values():
        with contextlib.suppress(Exception):
            fn("<html><body><p>warm up</p></body></html>", None)


def run(sets: list[str], systems: list[str], limit: int | None, procs: int, outdir: Path) -> dict[str, Any]:
    scorer = load_scorer()
    golds = {s: load_gold(s, limit) for s in sets}
    tasks = [(sy, s, g["id"], g.get("url")) for s in sets for g in golds[s] for sy in systems]
    preds: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with Pool(procs) as pool:
        pool.map(_warm, range(procs))
        for i, r in enumerate(pool.imap_unordered(_work, tasks, chunksize=4)):
            preds.setdefault((r["system"], r["set"]), []).append(r)
            if (i + 1) % 200 == 0:
                print(f"  {i + 1}/{len(tasks)} extractions", file=sys.stderr)
    table: dict[str, Any] = {}
    outdir.mkdir(parents=True, exist_ok=True)
    for s in sets:
        gold = golds[s]
        view = [g for g in gold if g.get("page_type") in (None, "article")]
        for sy in systems:
            rows = preds.get((sy, s), [])
            by_id = {r["id"]: r for r in rows}
            with open(outdir / f"{s}.{sy}.jsonl", "w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps({"id": r["id"], "text": r["text"], "seconds": r["seconds"]}) + "\n")
            scores = scorer.score_text(view, by_id, "text")
            secs = sum(r["seconds"] for r in rows)
            scores["docs_per_s"] = len(rows) / secs if secs else float("nan")
            scores["errors"] = sum(1 for r in rows if r["error"])
            scores["empty"] = sum(1 for r in rows if not r["text"].strip())
            table.setdefault(sy, {})[s] = scores
    return table


COLS = (("tok_f1", "token F1"), ("sh4_f1", "shingle F1"), ("snip_f1", "snippet F1"), ("docs_per_s", "docs/s"))


def to_markdown(table: dict[str, Any], sets: list[str]) -> str:
    head = "| system | set | " + " | ".join(c[1] for c in COLS) + " | empty | errors |"
    lines = [head, "|---" * (len(COLS) + 4) + "|"]
    for sy, per in table.items():
        for s in sets:
            r = per.get(s, {})
            cells = []
            for key, _ in COLS:
                v = r.get(key)
                cells.append("–" if v is None else (f"{v:.1f}" if key == "docs_per_s" else f"{v:.3f}"))
            tail = f" | {r.get('empty', 0)} | {r.get('errors', 0)} |"
            lines.append(f"| {sy} | {s} | " + " | ".join(cells) + tail)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(HTML_SETS), choices=HTML_SETS)
    ap.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=list(SYSTEMS))
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--out", default=str(RESULTS / "extract"), help="basename for .json/.md")
    ap.add_argument("--preds", default=None, help="keep per-system predictions here")
    benchgold.add_arguments(ap)
    a = ap.parse_args(argv)
    benchgold.use(a)
    a.sets = benchgold.present(a.sets, "bench.extract")
    t0 = time.time()
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    preds_dir = Path(a.preds) if a.preds else tmp / "stanceline-bench-preds"
    table = run(a.sets, a.systems, a.limit, a.procs, preds_dir)
    md = to_markdown(table, a.sets)
    print(md)
    print(f"wall time {time.time() - t0:.0f}s, {a.procs} processes; docs/s is per core", file=sys.stderr)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "benchmarks": str(benchgold.root()),
        "split": a.split,
        "sets": a.sets,
        "limit": a.limit,
        "procs": a.procs,
        "wall_seconds": round(time.time() - t0, 1),
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    out.with_suffix(".json").write_text(json.dumps({"meta": meta, "results": table}, indent=1))
    out.with_suffix(".md").write_text("# HTML extraction benchmark (dev parts)\n\n" + md + f"\n{json.dumps(meta)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
