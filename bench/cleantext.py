"""Clean-text benchmark: the plain-text cleaner on article texts that are already clean.

A text with no page chrome must come out of `clean_text` with every word it went in with: the
title the cleaner reports plus the body it keeps, word for word in order. Inputs are the GUM news
documents (gum_news_quotes, train and dev) and the stance_news_en texts its manifest marks as free
of chrome (`"chrome": false`). Counted per set: texts changed (any word dropped or moved), words
dropped, and each dropped line for reading.

Run from the repository root:  python -m bench.cleantext [--benchmarks DIR] [--out PATH]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from bench import gold as benchgold
from bench.extract import RESULTS

_WORD = re.compile(r"\w+")


def gum_texts() -> list[tuple[str, str]]:
    folder = benchgold.root() / "gum_news_quotes"
    out = []
    for part in ("train", "dev"):
        path = folder / f"{part}.jsonl"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((str(row["doc_id"]), str(row["text"])))
    return out


def stance_texts() -> list[tuple[str, str]]:
    folder = benchgold.root() / "stance_news_en"
    manifest = folder / "manifest.jsonl"
    if not manifest.is_file():
        return []
    out = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("chrome") is False:
            out.append((str(row["file"]), (folder / "docs" / row["file"]).read_text(encoding="utf-8")))
    return out


SETS = {"gum_news": gum_texts, "stance_news_en_clean": stance_texts}


def compare(text: str) -> dict[str, Any]:
    """Words in vs title + body words out; the lines that lost words."""
    from stanceline.clean.core import clean_text

    cleaned = clean_text(text)
    src = _WORD.findall(text)
    out = _WORD.findall(cleaned.title or "") + _WORD.findall(cleaned.text)
    dropped = 0
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(a=src, b=out, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            dropped += i2 - i1
    lost = [ln for ln in cleaned.removed if _WORD.search(ln) and ln != cleaned.title]
    return {"changed": src != out, "words": len(src), "dropped": dropped, "lost_lines": lost}


def run() -> dict[str, Any]:
    table: dict[str, Any] = {}
    for name, loader in SETS.items():
        docs = loader()
        if not docs:
            print(f"bench.cleantext: skipping {name}: no texts under {benchgold.root()}", file=sys.stderr)
            continue
        rows = {doc_id: compare(text) for doc_id, text in docs}
        table[name] = {
            "texts": len(rows),
            "changed": sum(r["changed"] for r in rows.values()),
            "words": sum(r["words"] for r in rows.values()),
            "dropped": sum(r["dropped"] for r in rows.values()),
            # counts only: the results file carries no benchmark text
            "changed_docs": {k: r["dropped"] for k, r in rows.items() if r["changed"]},
            "lost": {k: r["lost_lines"] for k, r in rows.items() if r["changed"]},
        }
    return table


def to_markdown(table: dict[str, Any]) -> str:
    lines = ["| set | texts | changed | words | words dropped |", "|---|---|---|---|---|"]
    for name, r in table.items():
        lines.append(f"| {name} | {r['texts']} | {r['changed']} | {r['words']} | {r['dropped']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(RESULTS / "cleantext"))
    benchgold.add_arguments(ap)
    a = ap.parse_args(argv)
    benchgold.use(a)
    t0 = time.time()
    table = run()
    if not table:
        raise SystemExit(f"bench.cleantext: no clean texts under {benchgold.root()}")
    md = to_markdown(table)
    print(md)
    for name, r in table.items():
        for doc_id, lost in r["lost"].items():
            print(f"{name} {doc_id}: {r['changed_docs'][doc_id]} word(s) dropped", file=sys.stderr)
            for ln in lost:
                print(f"    - {ln[:160]}", file=sys.stderr)
    meta = {
        "benchmarks": str(benchgold.root()),
        "wall_seconds": round(time.time() - t0, 1),
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    for r in table.values():
        del r["lost"]
    out = Path(a.out)
    out.with_suffix(".json").write_text(json.dumps({"meta": meta, "results": table}, indent=1, ensure_ascii=False))
    out.with_suffix(".md").write_text(
        "# Clean-text benchmark (already clean article texts through the plain-text cleaner)\n\n"
        + md
        + f"\n{json.dumps(meta)}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
