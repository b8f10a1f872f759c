"""Plain-text scrape benchmark: whole visible page text → article body.

Derived from the HTML gold sets: each page is rendered to its whole visible text with html-text
(as a copy-paste or a text-only scraper would give it), and the gold article body is kept. Systems:
stanceline's `clean_text`, a C4-style line filter (Raffel et al. 2020), and trafilatura run on the
text wrapped as <p> paragraphs. Scored with score_extract.py's token measure: recall = body
recovered, leakage = 1 − precision (tokens kept that are not in the body); snippet F1 where the
gold has snippets.

Run from the repository root:  python -m bench.textscrape [--sets ...] [--limit N] [--procs 2]
                                                     [--benchmarks DIR] [--split NAME]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from bench import gold as benchgold
from bench.extract import RESULTS
from bench.gold import load_gold, load_scorer, read_html

SETS = ("scrapinghub_aeb", "wcxb", "trafilatura_eval")

_C4_TERMINAL = re.compile(r"[.!?\"”'’]$")
_C4_BAD_LINE = re.compile(
    r"javascript|terms of use|privacy policy|cookie policy|uses cookies|use of cookies|use cookies", re.I
)


def render(page_html: str) -> str:
    import html_text

    return str(html_text.extract_text(page_html, guess_layout=True))


def run_stanceline(text: str) -> str:
    from stanceline.clean.core import clean_text

    return clean_text(text).text


def run_c4(text: str) -> str:
    """C4's line rules: keep lines ending in terminal punctuation, ≥ 5 words, no JS/policy notices."""
    if "lorem ipsum" in text.lower():
        return ""
    keep = []
    for line in text.split("\n"):
        s = line.strip()
        if len(s.split()) >= 5 and _C4_TERMINAL.search(s) and not _C4_BAD_LINE.search(s):
            keep.append(s)
    return "\n".join(keep)


def run_trafilatura_p(text: str) -> str:
    import trafilatura

    paras = "".join(f"<p>{html.escape(x.strip())}</p>" for x in text.split("\n") if x.strip())
    return trafilatura.extract(f"<html><body><article>{paras}</article></body></html>") or ""


SYSTEMS: dict[str, Callable[[str], str]] = {
    "stanceline": run_stanceline,
    "c4_rules": run_c4,
    "trafilatura_p": run_trafilatura_p,
}


def _work(task: tuple[str, str]) -> list[dict[str, Any]]:
    set_name, page_id = task
    try:
        text = render(read_html(set_name, page_id))
    except Exception as exc:  # a missing or broken page file is that page's error, not the run's
        return [
            {
                "system": name,
                "set": set_name,
                "id": page_id,
                "text": "",
                "seconds": 0.0,
                "error": f"page file: {type(exc).__name__}: {exc}",
            }
            for name in SYSTEMS
        ]
    out = []
    for name, fn in SYSTEMS.items():
        t0 = time.perf_counter()
        try:
            pred, err = fn(text), None
        except Exception as exc:  # one bad page must not stop the run
            pred, err = "", f"{type(exc).__name__}: {exc}"
        out.append(
            {
                "system": name,
                "set": set_name,
                "id": page_id,
                "text": pred,
                "seconds": time.perf_counter() - t0,
                "error": err,
            }
        )
    return out


def run(sets: list[str], limit: int | None, procs: int) -> dict[str, Any]:
    scorer = load_scorer()
    golds = {s: load_gold(s, limit) for s in sets}
    tasks = [(s, g["id"]) for s in sets for g in golds[s]]
    preds: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    with Pool(procs) as pool:
        for rows in pool.imap_unordered(_work, tasks, chunksize=4):
            for r in rows:
                preds.setdefault((r["system"], r["set"]), {})[r["id"]] = r
    table: dict[str, Any] = {}
    for s in sets:
        for sy in SYSTEMS:
            by_id = preds.get((sy, s), {})
            sc = scorer.score_text(golds[s], by_id, "text")
            if "tok_p" in sc:
                sc["leak"] = 1 - sc["tok_p"]
            secs = sum(r["seconds"] for r in by_id.values())
            sc["docs_per_s"] = len(by_id) / secs if secs else float("nan")
            sc["errors"] = sum(1 for r in by_id.values() if r["error"])
            table.setdefault(sy, {})[s] = sc
    return table


COLS = (
    ("tok_f1", "token F1"),
    ("tok_r", "recall"),
    ("leak", "leakage"),
    ("snip_f1", "snippet F1"),
    ("docs_per_s", "docs/s"),
)


def to_markdown(table: dict[str, Any], sets: list[str]) -> str:
    lines = ["| system | set | " + " | ".join(c[1] for c in COLS) + " |", "|---" * (len(COLS) + 2) + "|"]
    for sy, per in table.items():
        for s in sets:
            r = per.get(s, {})
            cells = [
                "–" if r.get(k) is None else (f"{r[k]:.0f}" if k == "docs_per_s" else f"{r[k]:.3f}") for k, _ in COLS
            ]
            lines.append(f"| {sy} | {s} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--out", default=str(RESULTS / "textscrape"))
    benchgold.add_arguments(ap)
    a = ap.parse_args(argv)
    benchgold.use(a)
    a.sets = benchgold.present(a.sets, "bench.textscrape")
    t0 = time.time()
    table = run(a.sets, a.limit, a.procs)
    md = to_markdown(table, a.sets)
    print(md)
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
    print(f"wall time {meta['wall_seconds']}s", file=sys.stderr)
    out = Path(a.out)
    out.with_suffix(".json").write_text(json.dumps({"meta": meta, "results": table}, indent=1))
    out.with_suffix(".md").write_text("# Plain-text scrape benchmark (dev parts)\n\n" + md + f"\n{json.dumps(meta)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
