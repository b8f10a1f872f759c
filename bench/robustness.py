"""Robustness: the whole fuzz folder (bench/fuzz.py) through the real command line.

    python -m bench.robustness [--scale full|small] [--no-nlp] [--keep DIR]

1. `stanceline ingest FOLDER --manifest M` in a fresh process, twice (the second run must add
   nothing); its exit code, tracebacks on stderr, peak RSS and wall time.
2. The database afterwards: every good article stored (none lost), the file outside the folder
   never stored, `PRAGMA integrity_check`, documents marked unanalysable or analysed in part.
3. Per-document time, in this process: each item's read + prepare (decode, clean, date,
   fingerprint) on its own, then each stored document's NLP alone (`run_nlp` on that one
   document, on a fresh database). The slowest document is the largest sum.

Targets (issue 19): 0 batch crashes, 0 documents lost, slowest document <= 10 s, peak RSS <= 1 GB.
Results: bench/results/robustness.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import fuzz

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TARGETS = {"batch_crashes": 0, "documents_lost": 0, "slowest_document_s": 10.0, "peak_rss_mb": 1024.0}


def cli_run(args: list[str]) -> dict[str, Any]:
    """One `stanceline` process: exit code, tracebacks, wall time, and its peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "stanceline", *args],
        capture_output=True,
        text=True,
        errors="replace",
        env={**os.environ, "COLUMNS": "160"},
    )
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB; the largest child so far
    return {
        "exit_code": proc.returncode,
        "tracebacks": proc.stderr.count("Traceback (most recent call last)"),
        "seconds": round(wall, 1),
        "peak_rss_mb": round(peak / 1024, 1) if peak > before else None,
        "stderr_tail": proc.stderr[-1500:],
    }


def db_facts(db: Path, corpus: fuzz.FuzzCorpus) -> dict[str, Any]:
    with sqlite3.connect(db) as conn:
        sources = dict(conn.execute("SELECT source, duplicate_of FROM documents").fetchall())
        leaked = conn.execute(
            "SELECT count(*) FROM documents WHERE instr(text, ?) > 0 OR instr(text, 'root:x:0:0') > 0",
            (corpus.secret_marker,),
        ).fetchone()[0]
        unanalysable = conn.execute("SELECT count(*) FROM documents WHERE unanalysable IS NOT NULL").fetchone()[0]
        partly = conn.execute("SELECT count(*) FROM documents WHERE nlp_note IS NOT NULL").fetchone()[0]
        statuses = dict(conn.execute("SELECT status, count(*) FROM ingest_log GROUP BY status").fetchall())
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    missing = [g for g in corpus.good if g not in sources]
    return {
        "documents": len(sources),
        "good_stored": len(corpus.good) - len(missing),
        "good_missing": missing,
        "secret_stored": bool(leaked),
        "unanalysable": unanalysable,
        "analysed_in_part": partly,
        "log": statuses,
        "integrity_check": integrity,
        "sources": sorted(sources),
    }


def timing_pass(folder: Path, manifest: Path, db: Path, nlp: bool) -> dict[str, Any]:
    """Per-document wall time, in this process, on a fresh database: each item's read and prepare
    (decode, clean, date, fingerprint) timed on its own, one at a time (the ingest runs them in
    batches, whose time cannot be told apart per item); then each stored document's NLP alone."""
    from stanceline.dedup import content_hash
    from stanceline.model import RawItem, SourceError
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.issues import load_issues
    from stanceline.nlp.stage import pending_documents, run_nlp
    from stanceline.pipeline.ids import item_document_id
    from stanceline.pipeline.ingest import ingest
    from stanceline.pipeline.prepare import prepare
    from stanceline.sources.inputs import iter_sources
    from stanceline.store.db import Store

    # Loading the cleaners, the language model and spaCy is the run's cost, not the first document's.
    warm = fuzz.article(random.Random(0))[2]
    prepare(RawItem("warm-up.txt", warm.encode(), "text/plain"))
    prepare(RawItem("warm-up.html", fuzz.html_page("Warm", "2024-01-02", warm, "http://127.0.0.1:9/").encode(),
                    "text/html"))
    prepare_times: dict[str, float] = {}
    # CPU seconds beside wall seconds: on a shared machine a document's wall time is mostly the
    # load (other processes), its CPU time is what the document itself costs.
    prepare_cpu: dict[str, float] = {}
    source_of: dict[str, str] = {}
    items = iter(iter_sources([str(folder)], manifest=manifest))
    while True:
        t0, c0 = time.perf_counter(), time.process_time()
        item = next(items, None)
        read, read_cpu = time.perf_counter() - t0, time.process_time() - c0
        if item is None:
            break
        if isinstance(item, SourceError):
            prepare_times[item.source], prepare_cpu[item.source] = read, read_cpu
            continue
        t1, c1 = time.perf_counter(), time.process_time()
        prepare(item)
        prepare_times[item.source] = read + time.perf_counter() - t1
        prepare_cpu[item.source] = read_cpu + time.process_time() - c1
        source_of[item_document_id(item, content_hash(item.content))] = item.source
    nlp_times: dict[str, float] = {}
    nlp_cpu: dict[str, float] = {}
    with Store(f"sqlite:///{db}") as store:
        ingest(store, [str(folder)], manifest=manifest)
        if nlp:
            issues = load_issues()
            list(analyze_texts([("warm-up", warm)]))
            for doc_id in pending_documents(store, issues):
                t0, c0 = time.perf_counter(), time.process_time()
                run_nlp(store, issues=issues, doc_ids=[doc_id], batch_size=1)
                nlp_times[source_of.get(doc_id, doc_id)] = time.perf_counter() - t0
                nlp_cpu[source_of.get(doc_id, doc_id)] = time.process_time() - c0
    total = {s: prepare_times.get(s, 0.0) + nlp_times.get(s, 0.0) for s in {*prepare_times, *nlp_times}}
    slowest = max(total.items(), key=lambda kv: kv[1]) if total else ("", 0.0)
    top = sorted(total.items(), key=lambda kv: -kv[1])[:10]
    cpu = {s: prepare_cpu.get(s, 0.0) + nlp_cpu.get(s, 0.0) for s in {*prepare_cpu, *nlp_cpu}}
    slowest_cpu = max(cpu.items(), key=lambda kv: kv[1]) if cpu else ("", 0.0)
    return {
        "items_timed": len(prepare_times),
        "documents_analysed": len(nlp_times),
        "slowest_document": slowest[0],
        "slowest_document_s": round(slowest[1], 2),
        "slowest_prepare_s": round(max(prepare_times.values(), default=0.0), 2),
        "slowest_nlp_s": round(max(nlp_times.values(), default=0.0), 2),
        "slowest_document_cpu": slowest_cpu[0],
        "slowest_document_cpu_s": round(slowest_cpu[1], 2),
        "top10": [
            {
                "source": s,
                "seconds": round(v, 2),
                "nlp_s": round(nlp_times.get(s, 0.0), 2),
                "cpu_s": round(cpu.get(s, 0.0), 2),
            }
            for s, v in top
        ],
    }


def run(scale: fuzz.Scale, nlp: bool, keep: Path | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="stanceline-robustness-"))
    try:
        corpus = fuzz.build(work / "corpus", scale=scale)
        db = work / "fuzz.db"
        args = ["ingest", str(corpus.root), "--manifest", str(corpus.manifest), "--db", str(db)]
        if not nlp:
            args.append("--no-nlp")
        first = cli_run(args)
        facts_first = db_facts(db, corpus)
        second = cli_run(args)
        facts = db_facts(db, corpus)
        timing = timing_pass(corpus.root, corpus.manifest, work / "timing.db", nlp)
        crashes = sum(1 for r in (first, second) if r["exit_code"] not in (0, 1) or r["tracebacks"])
        lost = len(facts["good_missing"]) + len(set(facts_first["sources"]) - set(facts["sources"]))
        peaks = [r["peak_rss_mb"] for r in (first, second) if r["peak_rss_mb"] is not None]
        result = {
            "scale": scale,
            "nlp": nlp,
            "inputs_tried": corpus.hostile + len(corpus.good),
            "hostile_inputs": corpus.hostile,
            "hostile_by_class": dict(sorted(corpus.cases.items())),
            "good_articles": len(corpus.good),
            "batch_crashes": crashes,
            "documents_lost": lost,
            "good_stored": facts["good_stored"],
            "second_run_added": len(facts["sources"]) - len(facts_first["sources"]),
            "secret_stored": facts["secret_stored"],
            "integrity_check": facts["integrity_check"],
            "documents_stored": facts["documents"],
            "unanalysable": facts["unanalysable"],
            "analysed_in_part": facts["analysed_in_part"],
            "ingest_log": facts["log"],
            "peak_rss_mb": max(peaks) if peaks else None,
            "first_run": {k: v for k, v in first.items() if k != "stderr_tail"},
            "second_run": {k: v for k, v in second.items() if k != "stderr_tail"},
            **timing,
            "targets": TARGETS,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, shared; load {os.getloadavg()[0]:.1f}",
        }
        if crashes:
            result["stderr_tail"] = [first["stderr_tail"], second["stderr_tail"]]
        if keep:
            shutil.copytree(work, keep, dirs_exist_ok=True, symlinks=True)
        return result
    finally:
        fuzz.restore_permissions(work)
        shutil.rmtree(work, ignore_errors=True)


def markdown(r: dict[str, Any]) -> str:
    ok = {
        "batch_crashes": r["batch_crashes"] == 0,
        "documents_lost": r["documents_lost"] == 0,
        "slowest_document_s": r["slowest_document_s"] <= TARGETS["slowest_document_s"],
        "peak_rss_mb": (r["peak_rss_mb"] or 0) <= TARGETS["peak_rss_mb"],
    }
    mark = {True: "met", False: "**missed**"}
    lines = [
        f"# Robustness ({r['scale']} fuzz folder, NLP {'on' if r['nlp'] else 'off'})",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| inputs tried | {r['inputs_tried']:,} ({r['hostile_inputs']:,} hostile, {r['good_articles']} good) | |",
        f"| batch crashes | {r['batch_crashes']} | 0 ({mark[ok['batch_crashes']]}) |",
        f"| documents lost | {r['documents_lost']} (good stored {r['good_stored']}/{r['good_articles']}) "
        f"| 0 ({mark[ok['documents_lost']]}) |",
        f"| slowest document | {r['slowest_document_s']} s ({r['slowest_document']}) "
        f"| ≤ 10 s ({mark[ok['slowest_document_s']]}) |",
        f"| slowest document, CPU | {r['slowest_document_cpu_s']} s ({r['slowest_document_cpu']}) | |",
        f"| peak RSS | {r['peak_rss_mb']} MB | ≤ 1,024 MB ({mark[ok['peak_rss_mb']]}) |",
        f"| second run added | {r['second_run_added']} | 0 |",
        f"| file outside the folder stored | {r['secret_stored']} | False |",
        f"| integrity_check | {r['integrity_check']} | ok |",
        f"| unanalysable / analysed in part | {r['unanalysable']} / {r['analysed_in_part']} | |",
        f"| first run wall time | {r['first_run']['seconds']} s (exit {r['first_run']['exit_code']}) | |",
        "",
        f"Slowest clean+date: {r['slowest_prepare_s']} s; slowest NLP: {r['slowest_nlp_s']} s. "
        f"Machine: {r['machine']}.",
        "",
        "Hostile inputs by class: " + ", ".join(f"{k} {v:,}" for k, v in r["hostile_by_class"].items()) + ".",
        "",
        "Ten slowest documents:",
        "",
        *[f"- {t['seconds']} s (NLP {t['nlp_s']} s; CPU {t['cpu_s']} s) {t['source']}" for t in r["top10"]],
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=["full", "small"], default="full")
    ap.add_argument("--no-nlp", action="store_true")
    ap.add_argument("--keep", type=Path, help="copy the fuzz folder and databases here")
    args = ap.parse_args()
    result = run(args.scale, not args.no_nlp, args.keep)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "robustness" if args.scale == "full" else f"robustness-{args.scale}"
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    text = markdown(result)
    (RESULTS / f"{name}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
