"""Dating benchmark: stanceline's dater next to htmldate on the same pages in the same run.

    python -m bench.dates [--sets htmldate_eval,wcxb,trafilatura_eval] [--workers 2] [--limit N]

Sets are read from the benchmark folder (--benchmarks, else $STANCELINE_BENCHMARKS, else
../shared/benchmarks; --split NAME keeps one split; see bench/gold.py); predictions are written as
<tmp>/<set>/<tool>.jsonl and scored with the shared scorer's `score_date` (exact-day match;
accuracy = correct / pages with a gold date, precision = correct / pages with an output,
coverage = pages with an output / pages). Only day-precision outputs can match a day gold: a
month or year answer counts as an output that is wrong. docs/s is per process, dater time only
(the cleaning that feeds stanceline its text is timed separately and reported as clean_s).
Results go to bench/results/dates.json and dates.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench import gold as benchgold
from bench.gold import load_gold, load_scorer, read_raw

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SETS = ("htmldate_eval", "wcxb", "trafilatura_eval")
SYSTEMS = ("stanceline", "stanceline-precise", "stanceline-textonly", "htmldate-extensive", "htmldate-fast")
PRECISE_MIN_CONFIDENCE = 0.7


def _clean_text(html: str, url: str | None) -> tuple[str, tuple[str, ...]]:
    try:
        from stanceline.clean.core import clean_html
    except ImportError:
        import trafilatura

        return trafilatura.extract(html, url=url) or "", ()
    c = clean_html(html, url)
    return c.text, tuple(c.removed)


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


def _clear_htmldate_caches() -> None:
    try:
        from htmldate import extractors, validators
    except ImportError:  # pragma: no cover
        return
    for mod in (extractors, validators):
        for name in dir(mod):
            clear = getattr(getattr(mod, name), "cache_clear", None)
            # Per-string memos only; the dateparser parser and the month-name table (built once
            # per process by any user) stay, as they would in a long-running ingest.
            if callable(clear) and name not in ("get_external_parser", "month_words", "is_valid_format"):
                clear()


def run_page(args: tuple[str, str, str | None]) -> dict[str, Any]:
    """All systems on one page; returns {system: (date, seconds, error)} plus the id."""
    from htmldate import find_date

    from stanceline.dates.decide import date_document
    from stanceline.model import Metadata

    set_name, page_id, url = args
    try:
        html = read_raw(set_name, page_id).decode("utf-8", "replace")
    except Exception as exc:  # a missing or broken page file is that page's error, not the run's
        err = f"page file: {type(exc).__name__}: {exc}"
        return {"id": page_id, "clean_s": 0.0, **{system: (None, 0.0, err) for system in SYSTEMS}}
    t0 = time.perf_counter()
    try:
        text, removed = _clean_text(html, url)
    except Exception:
        text, removed = "", ()
    clean_s = time.perf_counter() - t0

    def sl(min_conf: float | None) -> Callable[[], str | None]:
        def go() -> str | None:
            kw = {} if min_conf is None else {"min_confidence": min_conf}
            g = date_document(meta=Metadata(url=url), html=html, url=url, text=text, removed=removed, **kw)
            return g.published

        return go

    def text_only() -> str | None:
        # The plain-text path alone: no HTML, no URL, only the cleaned body and removed blocks.
        return date_document(meta=Metadata(), html=None, url=None, text=text, removed=removed).published

    def hd(extensive: bool) -> Callable[[], str | None]:
        return lambda: find_date(html, url=url, extensive_search=extensive, original_date=True)

    runs = {
        "stanceline": sl(None),
        "stanceline-precise": sl(PRECISE_MIN_CONFIDENCE),
        "stanceline-textonly": text_only,
        "htmldate-extensive": hd(True),
        "htmldate-fast": hd(False),
    }
    res: dict[str, Any] = {"id": page_id, "clean_s": clean_s}
    # Rotate which system goes first: the first call on a page in a new language pays dateparser's
    # one-off locale loading (seconds), which would otherwise all land on one system's clock.
    shift = int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % len(SYSTEMS)
    for system in SYSTEMS[shift:] + SYSTEMS[:shift]:
        # htmldate memoises parsed date strings; without this, whichever system reads a page second
        # would get the first one's htmldate work for free.
        _clear_htmldate_caches()
        res[system] = _timed(runs[system])
    return res


def collect(set_names: list[str], workers: int = 2, limit: int = 0) -> dict[str, dict[str, dict[str, Any]]]:
    """Run every system on the sets and score them; {set: {system: scores}}."""
    scorer = load_scorer()
    table: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp, ProcessPoolExecutor(workers) as pool:
        for set_name in set_names:
            gold = [g for g in load_gold(set_name) if g.get("date")]
            if limit:
                gold = gold[:limit]
            jobs = [(set_name, g["id"], g.get("url")) for g in gold]
            t0 = time.perf_counter()
            rows = list(pool.map(run_page, jobs, chunksize=4))
            print(f"{set_name}: {len(rows)} pages in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
            pred_dir = Path(tmp) / set_name
            pred_dir.mkdir()
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
                # The median page: unlike docs/s, not moved by the one-off loading costs (dateparser's
                # locales, seconds) that land on whichever system first meets a page needing them.
                per_page = sorted(p["seconds"] for p in preds.values())
                sc["median_ms"] = 1000 * per_page[len(per_page) // 2] if per_page else float("nan")
                sc["errors"] = sum(1 for p in preds.values() if p.get("error"))
                sc["non_day_outputs"] = sum(1 for p in preds.values() if p.get("date") and len(p["date"]) != 10)
                table[set_name][system] = sc
            table[set_name]["_clean_docs_per_s"] = {"value": len(rows) / max(1e-9, sum(r["clean_s"] for r in rows))}
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
        "| system | set | n | accuracy | precision | coverage | year acc | non-day outputs | errors | docs/s "
        "| median ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for set_name, rows in table.items():
        for system in SYSTEMS:
            r = rows[system]
            lines.append(
                f"| {system} | {set_name} | {r['n_date']} | {r['date_acc']:.3f} | {r['date_prec']:.3f} | "
                f"{r['date_cov']:.3f} | {r['date_year_acc']:.3f} | {r['non_day_outputs']} | {r['errors']} | "
                f"{r['docs_per_s']:.1f} | {r.get('median_ms', float('nan')):.2f} |"
            )
    lines += [
        "",
        "stanceline = `date_document` with page HTML, gold URL and `clean_html` text/removed blocks; "
        f"stanceline-precise = same with min_confidence={PRECISE_MIN_CONFIDENCE}; stanceline-textonly = "
        "the plain-text path alone (cleaned body, no HTML, no URL). htmldate runs with "
        "original_date=True (extensive and fast mode). docs/s = pages / dater seconds in one process "
        "(stanceline calls htmldate internally: fast mode when its own page-level evidence is not already "
        "decisive, extensive mode only when htmldate's vote could still change the winner; dateparser's "
        "one-off locale loading lands on whichever system meets a page that needs it first); cleaning time excluded: "
        + ", ".join(f"clean {s} {rows['_clean_docs_per_s']['value']:.1f} docs/s" for s, rows in table.items())
        + f". Wall time {wall:.0f}s on {workers} workers.",
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
