"""Dating benchmark: the dates `stanceline ingest` stores, next to htmldate on the same pages.

    python -m bench.dates [--sets htmldate_eval,wcxb,trafilatura_eval] [--workers 2] [--limit N]

stanceline is measured on the path users get: each set's pages are written to a folder as .html
files with a manifest giving each page's URL (as a crawl would know it), the real command
`stanceline ingest FOLDER --manifest M --no-nlp` runs in a subprocess, and the dates it stored are
read back from its database. stanceline-precise is the same run's dates kept only where the stored
date_confidence is at least 0.7 (what a user filtering on confidence gets). A page the ingest
refuses (too little article text) has no date. htmldate runs on each page in worker processes
with original_date=True, in its extensive and fast modes.

Sets are read from the benchmark folder (--benchmarks, else $STANCELINE_BENCHMARKS, else
../shared/benchmarks; --split NAME keeps one split; see bench/gold.py); predictions are written as
<tmp>/<set>/<tool>.jsonl and scored with the shared scorer's `score_date` (exact-day match;
accuracy = correct / pages with a gold date, precision = correct / pages with an output,
coverage = pages with an output / pages). Only day-precision outputs can match a day gold: a
month or year answer counts as an output that is wrong. docs/s: for htmldate, pages / dater
seconds in one process; for stanceline, pages / CPU seconds of the whole ingest command (start-up,
decoding, cleaning, dating, dedup, storing and story clusters), so the two are not the same
measure. Results go to bench/results/dates.json and dates.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import gold as benchgold
from bench.gold import load_gold, load_scorer, read_raw

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SETS = ("htmldate_eval", "wcxb", "trafilatura_eval")
PEERS = ("htmldate-extensive", "htmldate-fast")
SYSTEMS = ("stanceline", "stanceline-precise", *PEERS)
PRECISE_MIN_CONFIDENCE = 0.7


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def _timed(fn: Callable[[], str | None]) -> tuple[str | None, float, str | None]:
    t0 = time.perf_counter()
    try:
        out, err = fn(), None
    except Exception as e:
        out, err = None, f"{type(e).__name__}: {e}"
    return out, time.perf_counter() - t0, err


def run_page(args: tuple[str, str, str | None]) -> dict[str, Any]:
    """htmldate's two modes on one page, each timed; returns {system: (date, seconds, error)}."""
    from htmldate import find_date

    set_name, page_id, url = args
    try:
        html = read_raw(set_name, page_id).decode("utf-8", "replace")
    except Exception as exc:  # a missing or broken page file is that page's error, not the run's
        err = f"page file: {type(exc).__name__}: {exc}"
        return {"id": page_id, **{system: (None, 0.0, err) for system in PEERS}}

    def hd(extensive: bool) -> Callable[[], str | None]:
        return lambda: find_date(html, url=url, extensive_search=extensive, original_date=True)

    runs = {"htmldate-extensive": hd(True), "htmldate-fast": hd(False)}
    res: dict[str, Any] = {"id": page_id}
    # Alternate which mode goes first: htmldate memoises parsed date strings, and the first call
    # that needs dateparser pays its one-off locale loading.
    first = int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % 2
    for system in PEERS[first:] + PEERS[:first]:
        res[system] = _timed(runs[system])
    return res


@dataclass
class IngestRun:
    stored: dict[str, tuple[str | None, float]]  # page id → (stored date, its confidence)
    unreadable: dict[str, str]  # page id → why its page file could not be read
    cpu: float
    wall: float


def ingest_dates(set_name: str, gold: list[dict[str, Any]], workers: int, tmp: Path) -> IngestRun:
    """Run `stanceline ingest` on a set's pages and read back the dates it stored."""
    folder = tmp / set_name / "pages"
    folder.mkdir(parents=True)
    names: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as man:
        for i, g in enumerate(gold):
            try:
                raw = read_raw(set_name, g["id"])
            except Exception as exc:  # a missing or broken page file is that page's error, not the run's
                unreadable[g["id"]] = f"page file: {type(exc).__name__}: {exc}"
                continue
            name = f"{i:05d}.html"
            names[str((folder / name).resolve())] = g["id"]
            (folder / name).write_bytes(raw)
            man.write(json.dumps({"file": name, **({"url": g["url"]} if g.get("url") else {})}) + "\n")
    db = tmp / set_name / "ingest.db"
    cmd = [sys.executable, "-m", "stanceline", "ingest", str(folder), "--manifest", str(folder / "manifest.jsonl"),
           "--no-nlp", "--workers", str(workers), "--db", f"sqlite:///{db}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):  # 1: some pages failed (their rows say why); anything else is the run's
        raise RuntimeError(f"stanceline ingest failed on {set_name}: {proc.stderr[-2000:]}")
    from stanceline.store.db import Store

    out: dict[str, tuple[str | None, float]] = {}
    with Store(f"sqlite:///{db}") as store:
        for d in store.iter_documents():
            # A document whose manifest row gives a URL is stored under that URL; the file it was
            # read from is kept in its metadata.
            read_from = store.document_meta(d.id).get("read_from") or d.source
            page_id = names.get(str(Path(read_from).resolve()))
            if page_id is not None:
                out[page_id] = (d.published, d.date_confidence)
    return IngestRun(out, unreadable, cpu, wall)


def collect(set_names: list[str], workers: int = 2, limit: int = 0) -> dict[str, dict[str, dict[str, Any]]]:
    """Run every system on the sets and score them; {set: {system: scores}}."""
    scorer = load_scorer()
    table: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp_name, ProcessPoolExecutor(workers) as pool:
        tmp = Path(tmp_name)
        for set_name in set_names:
            gold = [g for g in load_gold(set_name) if g.get("date")]
            if limit:
                gold = gold[:limit]
            t0 = time.perf_counter()
            run = ingest_dates(set_name, gold, workers, tmp)
            jobs = [(set_name, g["id"], g.get("url")) for g in gold]
            rows = list(pool.map(run_page, jobs, chunksize=4))
            print(f"{set_name}: {len(rows)} pages in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
            per_page = run.cpu / max(len(gold), 1)
            for r in rows:
                date, conf = run.stored.get(r["id"], (None, 0.0))
                err = run.unreadable.get(r["id"])
                r["stanceline"] = (date, per_page, err)
                r["stanceline-precise"] = (date if conf >= PRECISE_MIN_CONFIDENCE else None, per_page, err)
            pred_dir = tmp / set_name
            for system in SYSTEMS:
                with open(pred_dir / f"{system}.jsonl", "w", encoding="utf-8") as f:
                    for r in rows:
                        d, secs, err = r[system]
                        f.write(json.dumps({"id": r["id"], "date": d, "seconds": secs, "error": err}) + "\n")
            table[set_name] = {}
            for system in SYSTEMS:
                preds = {json.loads(ln)["id"]: json.loads(ln) for ln in _lines(pred_dir / f"{system}.jsonl")}
                sc = scorer.score_date(gold, preds)
                secs = sum(p["seconds"] for p in preds.values())
                sc["docs_per_s"] = len(preds) / secs if secs else float("nan")
                sc["errors"] = sum(1 for p in preds.values() if p.get("error"))
                sc["non_day_outputs"] = sum(1 for p in preds.values() if p.get("date") and len(p["date"]) != 10)
                table[set_name][system] = sc
            table[set_name]["stanceline"]["ingest_wall_s"] = round(run.wall, 1)
            table[set_name]["stanceline"]["not_stored"] = len(gold) - len(run.unreadable) - len(run.stored)
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="first N dated pages per set (smoke runs)")
    ap.add_argument("--no-write", action="store_true", help="print only; keep bench/results as is")
    benchgold.add_arguments(ap)
    a = ap.parse_args(argv)
    benchgold.use(a)
    sets = benchgold.present(a.sets.split(","), "bench.dates")
    wall0 = time.perf_counter()
    table = collect(sets, a.workers, a.limit)
    md = render(table, time.perf_counter() - wall0, a.workers)
    print(md)
    if not a.no_write and not a.limit:
        RESULTS.mkdir(parents=True, exist_ok=True)
        meta = {"benchmarks": str(benchgold.root()), "split": a.split, "sets": sets, "workers": a.workers}
        (RESULTS / "dates.json").write_text(json.dumps({**table, "_meta": meta}, indent=1, sort_keys=True) + "\n")
        (RESULTS / "dates.md").write_text(md + "\n")
    return 0


def render(table: dict[str, dict[str, dict[str, Any]]], wall: float, workers: int) -> str:
    lines = [
        "# Dating benchmark (exact day; dev parts)",
        "",
        "| system | set | n | accuracy | precision | coverage | year acc | non-day outputs | errors | docs/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for set_name, rows in table.items():
        for system in SYSTEMS:
            r = rows[system]
            lines.append(
                f"| {system} | {set_name} | {r['n_date']} | {r['date_acc']:.3f} | {r['date_prec']:.3f} | "
                f"{r['date_cov']:.3f} | {r['date_year_acc']:.3f} | {r['non_day_outputs']} | {r['errors']} | "
                f"{r['docs_per_s']:.1f} |"
            )
    stored = ", ".join(
        f"{name} {rows['stanceline'].get('not_stored', 0)}" for name, rows in table.items()
    )
    lines += [
        "",
        "stanceline = the dates `stanceline ingest FOLDER --manifest M --no-nlp` stored (pages as .html "
        "files, the manifest giving each page's URL); stanceline-precise = the same dates where the stored "
        f"date_confidence is at least {PRECISE_MIN_CONFIDENCE}. Pages the ingest refused (no date): {stored}. "
        "htmldate runs with original_date=True (extensive and fast mode). docs/s: htmldate = pages / dater "
        "seconds in one process; stanceline = pages / CPU seconds of the whole ingest command (start-up, "
        "cleaning, dating, dedup, storing, story clusters), not comparable with htmldate's figure. "
        f"Wall time {wall:.0f}s on {workers} workers.",
    ]
    return "\n".join(lines + _oof_lines())


def _oof_lines() -> list[str]:
    """The ranker's out-of-fold figures (bench/train_dates.py), since the stanceline rows above come
    from a model fitted on these same pages and are in-sample."""
    from stanceline.dates.decide import MIN_CONFIDENCE

    path = ROOT / "src" / "stanceline" / "data" / "dates_rank.json"
    if not path.is_file():
        return []
    oof = json.loads(path.read_text()).get("out_of_fold", {})
    out = [
        "",
        "The date ranker is fitted on these dev pages, so the stanceline rows above are in-sample. Its "
        "out-of-fold figures (accuracy / precision / coverage; no page scored by a model that saw its site):",
        "",
        "| scheme | min_confidence | " + " | ".join(SETS) + " |",
        "|---|---|" + "---|" * len(SETS),
    ]
    for scheme, by_thr in oof.items():
        for thr in sorted({0.0, MIN_CONFIDENCE, PRECISE_MIN_CONFIDENCE}):
            sc = by_thr.get(str(thr))
            if sc:
                cells = [f"{sc[s]['acc']:.3f} / {sc[s]['prec']:.3f} / {sc[s]['cov']:.3f}" for s in SETS if s in sc]
                out.append(f"| {scheme} | {thr} | " + " | ".join(cells) + " |")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
