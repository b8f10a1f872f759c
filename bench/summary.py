"""One table for issue 4: text extraction and dating, every system × set, from the harnesses' results.

    python -m bench.summary --run    # run the three harnesses (about 2-3 minutes on 2 cores), then summarise
    python -m bench.summary          # summarise the last runs of bench.extract, bench.dates, bench.textscrape
    python -m bench.summary --run --benchmarks DIR [--split test]   # the same on another copy of the sets

Reads bench/results/extract.json, dates.json and textscrape.json (each written by its harness in
one run, all systems side by side) and writes bench/results/summary.json and .md.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from bench import gold as benchgold

RESULTS = Path(__file__).resolve().parent / "results"
SETS = ("scrapinghub_aeb", "wcxb", "trafilatura_eval", "htmldate_eval")
COLS = ("tok_f1", "sh4_f1", "snip_f1", "text docs/s", "date_acc", "date_prec", "date_cov", "date docs/s")


def load(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def rows() -> list[dict[str, Any]]:
    extract = load("extract").get("results", {})
    dates = {k: v for k, v in load("dates").items() if not k.startswith("_")}
    out: list[dict[str, Any]] = []
    systems = sorted(set(extract) | {s for per in dates.values() for s in per if not s.startswith("_")})
    for system in systems:
        for s in SETS:
            e = extract.get(system, {}).get(s, {})
            d = dates.get(s, {}).get(system, {})
            if not e and not d:
                continue
            out.append(
                {
                    "system": system,
                    "set": s,
                    "tok_f1": e.get("tok_f1"),
                    "sh4_f1": e.get("sh4_f1"),
                    "snip_f1": e.get("snip_f1"),
                    "text docs/s": e.get("docs_per_s"),
                    "date_acc": d.get("date_acc"),
                    "date_prec": d.get("date_prec"),
                    "date_cov": d.get("date_cov"),
                    "date docs/s": d.get("docs_per_s"),
                }
            )
    return out


def fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.1f}" if v > 1.5 else f"{v:.3f}"
    return str(v)


TEXT_COLS = ("tok_f1", "leak", "snip_f1", "docs_per_s")


def text_rows() -> list[str]:
    """The plain-text scrape benchmark (bench.textscrape) as its own small table."""
    results = load("textscrape").get("results", {})
    lines = ["| system | set | " + " | ".join(TEXT_COLS) + " |", "|---|---|" + "---|" * len(TEXT_COLS)]
    for system, per in sorted(results.items()):
        for s, r in per.items():
            lines.append(f"| {system} | {s} | " + " | ".join(fmt(r.get(c)) for c in TEXT_COLS) + " |")
    return lines if results else []


def run_all(extra: list[str]) -> None:
    """Every harness of issue 4 in turn, each writing its own results file; `extra` carries the
    benchmark folder and split to each."""
    from bench import dates, extract, textscrape

    for name, harness in (("extract", extract), ("dates", dates), ("textscrape", textscrape)):
        t0 = time.time()
        print(f"== bench.{name}", flush=True)
        harness.main(extra)
        print(f"== bench.{name} done in {time.time() - t0:.0f}s", flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", action="store_true", help="run bench.extract, bench.dates and bench.textscrape first")
    benchgold.add_arguments(ap)
    a = ap.parse_args(argv)
    if a.run:
        run_all(benchgold.forwarded(a))
    table = rows()
    lines = ["| system | set | " + " | ".join(COLS) + " |", "|---|---|" + "---|" * len(COLS)]
    lines += [f"| {r['system']} | {r['set']} | " + " | ".join(fmt(r[c]) for c in COLS) + " |" for r in table]
    md = "# Cleaning and dating: all systems × sets (dev parts)\n\n" + "\n".join(lines) + "\n"
    text = text_rows()
    if text:
        md += "\n## Plain-text scrapes (visible page text → article body)\n\n" + "\n".join(text) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "summary.md").write_text(md)
    (RESULTS / "summary.json").write_text(
        json.dumps({"html_and_dates": table, "plain_text": load("textscrape")}, indent=2)
    )
    print(md)


if __name__ == "__main__":
    main()
