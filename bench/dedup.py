"""Which documents dedup marks as duplicates, on every benchmark page set plus a recombined corpus.

    python -m bench.dedup [--out dedup]

Ingests (no NLP) the HTML pages of scrapinghub_aeb, wcxb, trafilatura_eval and htmldate_eval, the
stance_news_en texts, the seeds, and the 2,000-document recombined corpus of bench.scale (4% exact
and 4% near copies), each into its own SQLite database, and lists every duplicate as (source, source
of its canonical document). Comparing the list of two runs (e.g. before and after a dedup change)
shows whether the same duplicates are found. Results: bench/results/<out>.json and .md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.gold import load_gold, read_raw, root
from bench.scale import make_corpus, paragraphs
from stanceline.config import IngestOptions
from stanceline.pipeline.ingest import ingest
from stanceline.store.db import DocFilter, Store

RESULTS = Path(__file__).resolve().parent / "results"


def sets(tmp: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name in ("scrapinghub_aeb", "wcxb", "trafilatura_eval", "htmldate_eval"):
        folder = tmp / name
        folder.mkdir()
        for rec in load_gold(name):
            try:
                raw = read_raw(name, rec["id"])
            except OSError:
                continue
            (folder / f"{rec['id'][:32]}.html.gz").write_bytes(gzip.compress(raw))
        out[name] = [str(folder)]
    out["stance_news_en"] = [str(root() / "stance_news_en" / "docs")]
    out["seeds"] = [str(root().parent / "seeds")]
    corpus = tmp / "recombined-2000.jsonl"
    make_corpus(corpus, 2000, paragraphs())
    out["recombined_2000"] = [str(corpus)]
    return out


def run(name: str, inputs: list[str], tmp: Path) -> dict[str, Any]:
    with Store(f"sqlite:///{tmp / (name + '.db')}") as store:
        t0 = time.process_time()
        ingest(store, inputs, options=IngestOptions())
        cpu = time.process_time() - t0
        docs = list(store.iter_documents(DocFilter()))
    by_id = {d.id: d.source for d in docs}
    base = str(Path(inputs[0]))
    short = {i: s.replace(base, "").lstrip("/") for i, s in by_id.items()}
    pairs = sorted([short[d.id], short.get(d.duplicate_of or "", d.duplicate_of)] for d in docs if d.duplicate_of)
    return {"documents": len(docs), "duplicates": len(pairs), "cpu_s": round(cpu, 2), "pairs": pairs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="dedup")
    args = ap.parse_args()
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="stanceline-dedup-") as d:
        tmp = Path(d)
        for name, inputs in sets(tmp).items():
            result[name] = run(name, inputs, tmp)
            print(name, result[name]["documents"], result[name]["duplicates"], result[name]["cpu_s"], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(json.dumps(result, indent=1) + "\n")
    lines = ["| set | documents | duplicates | ingest CPU s |", "|---|---|---|---|"]
    lines += [f"| {k} | {v['documents']} | {v['duplicates']} | {v['cpu_s']} |" for k, v in result.items()]
    (RESULTS / f"{args.out}.md").write_text("# Dedup\n\n" + "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
