"""One table for issue 4: text extraction and dating, every system × set, from the harnesses' results.

    python -m bench.summary          # after python -m bench.extract and python -m bench.dates

Reads bench/results/extract.json and dates.json (each written by its harness in one run, all
systems side by side) and writes bench/results/summary.json and .md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
SETS = ("scrapinghub_aeb", "wcxb", "trafilatura_eval", "htmldate_eval")
COLS = ("tok_f1", "sh4_f1", "snip_f1", "text docs/s", "date_acc", "date_prec", "date_cov", "date docs/s")


def load(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def rows() -> list[dict[str, Any]]:
    extract = load("extract").get("results", {})
    dates = load("dates")
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


def main() -> None:
    table = rows()
    lines = ["| system | set | " + " | ".join(COLS) + " |", "|---|---|" + "---|" * len(COLS)]
    lines += [f"| {r['system']} | {r['set']} | " + " | ".join(fmt(r[c]) for c in COLS) + " |" for r in table]
    md = "# Cleaning and dating: all systems × sets (dev parts)\n\n" + "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "summary.md").write_text(md)
    (RESULTS / "summary.json").write_text(json.dumps(table, indent=2))
    print(md)


if __name__ == "__main__":
    main()
