"""End-to-end ingest throughput: docs/s and words/s for HTML and plain text, and the NLP stage.

    python -m bench.ingest [--limit N] [--workers W]

HTML: the pages of scrapinghub_aeb and wcxb in the benchmark folder (bench/gold.py), written to a
temp folder as .html.gz.
Text: the visible text of the same pages (html-text), so the cleaner's plain-text path is measured
on realistic scrapes. NLP: the whole NLP stage (parse, entities, quotes, events, stance) on the
stored HTML documents. The machine's load average (1 minute) is recorded at the start and after each
row: on a shared machine the rates are only comparable between runs at similar load. Results go to
bench/results/ingest.json and .md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.gold import load_gold, read_raw
from stanceline.config import IngestOptions
from stanceline.nlp.issues import load_issues
from stanceline.nlp.stage import run_nlp
from stanceline.pipeline.ingest import ingest
from stanceline.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def pages(limit: int) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for name in ("scrapinghub_aeb", "wcxb"):
        for rec in load_gold(name):
            out.append((f"{name}_{rec['id']}", read_raw(name, rec["id"])))
            if len(out) >= limit:
                return out
    return out


def run(kind: str, folder: Path, workers: int, tmp: Path, nlp: bool) -> dict[str, float]:
    with Store(f"sqlite:///{tmp / f'{kind}-{workers}.db'}") as store:
        t0 = time.perf_counter()
        rep = ingest(store, [str(folder)], options=IngestOptions(workers=workers))
        secs = time.perf_counter() - t0
        docs = rep.counts["new"] + rep.counts["duplicate"]
        row = {
            "docs": docs,
            "failed": rep.counts["failed"],
            "seconds": round(secs, 2),
            "docs_per_s": round(docs / secs, 1),
            "words_per_s": round(rep.words / secs),
        }
        if nlp:
            nrep = run_nlp(store, issues=load_issues(), n_process=workers)
            row["nlp_docs"] = nrep.documents
            row["nlp_words_per_s"] = round(nrep.words / max(nrep.seconds, 1e-9))
            row["nlp_docs_per_s"] = round(nrep.documents / max(nrep.seconds, 1e-9), 2)
        return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-nlp", action="store_true")
    args = ap.parse_args()
    import html_text

    results = []
    load_start = round(os.getloadavg()[0], 1)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        (tmp / "html").mkdir()
        (tmp / "text").mkdir()
        for pid, raw in pages(args.limit):
            (tmp / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(raw))
            (tmp / "text" / f"{pid}.txt").write_text(html_text.extract_text(raw.decode("utf-8", "replace")), "utf-8")
        for w in args.workers:
            for kind in ("html", "text"):
                row: dict[str, Any] = run(kind, tmp / kind, w, tmp, nlp=(kind == "html" and not args.no_nlp))
                row.update({"input": kind, "workers": w, "load": round(os.getloadavg()[0], 1)})
                results.append(row)
                print(json.dumps(row))
    meta = {"machine": platform.platform(), "python": platform.python_version(), "limit": args.limit,
            "load_at_start": load_start, "cpus": os.cpu_count()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    lines = [
        "| input | workers | docs | failed | docs/s | words/s | NLP words/s | NLP docs/s | load after |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['input']} | {r['workers']} | {r['docs']} | {r['failed']} | {r['docs_per_s']} | {r['words_per_s']:,} "
            f"| {r.get('nlp_words_per_s', '—')} | {r.get('nlp_docs_per_s', '—')} | {r['load']} |"
        )
    (RESULTS / "ingest.md").write_text("# Ingest throughput\n\n" + "\n".join(lines) + f"\n\n{meta}\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
