"""Positions and shifts through the command line, scored against gold: stance_news_en and the seeds.

    python -m bench.positions [--benchmarks DIR] [--keep DIR] [--fresh] [--no-news] [--out NAME]

1. stance_news_en (English news on three issues): `stanceline ingest docs --manifest --issues`, then
   `stanceline export documents|positions|shifts`, scored by the shared score_positions.py. One row per
   issue: gold pairs hit, shifts found, the precision proxy. A folder of the same layout given with
   --benchmarks (a held-out part) is scored the same way. With --fresh, every bench/data/stance_fresh*_en
   set (whole wire articles on two issues no rule was written for, see each README) is scored the same
   way, one table each; a set's first run was its held-out estimate, later runs are in-sample.
2. Reliability: the positions binned by their stated confidence, with the share of each bin that
   matches a gold expectation (doc, actor, stance, issue) - a lower bound, as the gold is not
   exhaustive.
3. The seeds (Ukraine joins NATO, the package's own issues file): ingested the same way and checked
   against tests/data/seeds_positions_gold.json (hand gold) and the Zelensky shift.
4. Speed: the stance stage's share of the NLP stage's time on the same documents (parse, entities,
   quotes, events, positions), in one process.
5. The size of the rule layer: entries per word class of nlp/stance/lexicon.py.

Writes bench/results/positions.json and positions.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import gold as bench_gold

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
GOLD_SEEDS = REPO / "tests" / "data" / "seeds_positions_gold.json"
SET = "stance_news_en"
DATA = REPO / "bench" / "data"


def fresh_sets() -> list[Path]:
    """The article-level held-out proxies, each a folder of the stance_news_en layout."""
    return sorted(p for p in DATA.glob("stance_fresh*_en") if (p / "gold" / "gold.json").is_file())
BINS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def _cli(*args: str) -> None:
    cmd = [sys.executable, "-m", "stanceline", *args]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stderr[-2000:]}")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ingest_and_export(docs: Path, manifest: Path | None, issues: Path | None, work: Path) -> dict[str, Path]:
    """The user's path: ingest a folder with its issues file, export the three tables."""
    db = f"sqlite:///{work / 'corpus.db'}"
    args = ["ingest", str(docs), "--db", db]
    if manifest is not None:
        args += ["--manifest", str(manifest)]
    if issues is not None:
        args += ["--issues", str(issues)]
    _cli(*args)
    out = {}
    for kind in ("documents", "positions", "shifts"):
        out[kind] = work / f"{kind}.jsonl"
        _cli("export", kind, "--format", "jsonl", "-o", str(out[kind]), "--db", db)
    return out


def with_file_sources(docs: list[dict[str, Any]], manifest: Path) -> list[dict[str, Any]]:
    """The scorer knows a document by its file name; a document whose manifest row gives a URL is
    stored under that URL: put the file name back for scoring."""
    file_of = {}
    if manifest.is_file():
        for row in _jsonl(manifest):
            if row.get("url") and row.get("file"):
                file_of[str(row["url"])] = str(row["file"])
    return [dict(d, source=file_of.get(str(d.get("source")), d.get("source"))) for d in docs]


def score_set(folder: Path, work: Path) -> dict[str, Any]:
    scorer = bench_gold.load_scorer("score_positions")
    files = ingest_and_export(folder / "docs", folder / "manifest.jsonl", folder / "issues.toml", work)
    gold = json.loads((folder / "gold" / "gold.json").read_text(encoding="utf-8"))
    docs, pos, shifts = (_jsonl(files[k]) for k in ("documents", "positions", "shifts"))
    docs = with_file_sources(docs, folder / "manifest.jsonl")
    res: dict[str, Any] = scorer.score(gold, docs, pos, shifts)
    res["reliability"] = reliability(scorer, gold, docs, pos)
    res["reliability_by_issue"] = {
        b["issue"]: reliability(scorer, gold, docs, [p for p in pos if b["rx"].search(p["issue"])])
        for b in scorer.blocks_of(gold)
    }
    res["shift_threshold_loio"] = shift_threshold_loio(scorer, gold, docs, pos)
    res["neutral_rows"] = [
        {"actor": p["actor"], "cues": [c for c in p["cues"] if c.endswith(":neutral")], "evidence": p["evidence"][:140]}
        for p in pos
        if p["stance"] == "neutral"
    ]
    res["stances"] = dict(Counter(p["stance"] for p in pos))
    res["voices"] = dict(Counter(p["voice"] for p in pos))
    res["shift_rows"] = [
        {k: s[k] for k in ("actor", "issue", "from_stance", "to_stance", "before_date", "after_date")} for s in shifts
    ]
    return res


SHIFT_GRID = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def _positions(rows: list[dict[str, Any]]) -> list[Any]:
    from stanceline.model import Position

    fields = {f.name for f in dataclasses.fields(Position)}
    out = []
    for row in rows:
        r = {k: v for k, v in row.items() if k in fields}
        r.setdefault("actor_key", str(row.get("actor_id") or row["actor"]).removeprefix("actor:"))
        r["cues"] = tuple(r.get("cues") or ())
        out.append(Position(**r))
    return out


def shift_threshold_loio(
    scorer: Any, gold: dict[str, Any], docs: list[dict[str, Any]], pos: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The one tuned number of shift detection (the confidence each side of a shift needs), chosen
    leaving one issue out: for each issue, the threshold that finds most shifts on the other issues
    (fewest system shifts on ties), and what it gives on the issue left out, beside the default."""
    from stanceline.analyze.timeline import DEFAULT_SHIFT_CONFIDENCE, detect_shifts

    ps = _positions(pos)
    per_t: dict[float, dict[str, tuple[int, int, int]]] = {}
    for t in SHIFT_GRID:
        rows = [dataclasses.asdict(s) for s in detect_shifts(ps, min_confidence=t)]
        res = scorer.score(gold, docs, pos, rows)
        per_t[t] = {
            i["issue"]: (
                i["shifts_found"],
                i["shifts_wanted"],
                sum(1 for r in rows if b["rx"].search(r["issue"])),
            )
            for i, b in zip(res["issues"], scorer.blocks_of(gold), strict=True)
        }
    out = []
    issues = list(per_t[SHIFT_GRID[0]])
    for held in issues:
        def train(t: float, held: str = held) -> tuple[int, int]:
            rows = [v for k, v in per_t[t].items() if k != held]
            return sum(r[0] for r in rows), -sum(r[2] for r in rows)

        best = max(SHIFT_GRID, key=lambda t: (train(t), t))
        f, w, n = per_t[best][held]
        f0, _, n0 = per_t[DEFAULT_SHIFT_CONFIDENCE][held]
        out.append(
            {
                "held_out": held,
                "chosen": best,
                "found": f,
                "wanted": w,
                "system_shifts": n,
                "default": DEFAULT_SHIFT_CONFIDENCE,
                "found_default": f0,
                "system_shifts_default": n0,
            }
        )
    return out


def reliability(
    scorer: Any, gold: dict[str, Any], docs: list[dict[str, Any]], pos: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Stated confidence against observed accuracy: per confidence bin, the share of positions
    that match a gold expectation (the precision proxy's test)."""
    key_of = {str(d["id"]): scorer.doc_key(d.get("source")) for d in docs}
    blocks = scorer.blocks_of(gold)
    rows = []
    for lo, hi in BINS:
        ps = [p for p in pos if lo <= float(p["confidence"]) < hi]
        good = sum(
            1
            for p in ps
            if any(
                key_of.get(str(p["doc_id"])) in e["docs"] and scorer.matches(e, b, p)
                for b in blocks
                for e in b["expected"]
            )
        )
        mean = sum(float(p["confidence"]) for p in ps) / len(ps) if ps else None
        rows.append(
            {
                "bin": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "n": len(ps),
                "mean_confidence": mean,
                "observed_accuracy": good / len(ps) if ps else None,
            }
        )
    return rows


def score_seeds(work: Path) -> dict[str, Any]:
    from bench.stance import score_seeds as seeds_score
    from bench.stance import seeds_timeline
    from stanceline.model import Position

    seeds = bench_gold.root().parent / "seeds"
    files = ingest_and_export(seeds, seeds / "manifest.jsonl", None, work)
    docs = {d["id"]: Path(d["source"]).name[:3] for d in _jsonl(files["documents"])}
    fields = {f.name for f in dataclasses.fields(Position)}
    positions = []
    for row in _jsonl(files["positions"]):
        key = str(row.get("actor_id") or row["actor"])
        row = {k: v for k, v in row.items() if k in fields}
        row.setdefault("actor_key", key)
        row["doc_id"] = docs[row["doc_id"]]
        row["cues"] = tuple(row.get("cues") or ())
        positions.append(Position(**row))
    gold = json.loads(GOLD_SEEDS.read_text(encoding="utf-8"))
    res = seeds_score(positions, gold)
    res["timeline"] = seeds_timeline(positions, gold)
    return res


def stance_share(folder: Path, repeat: int = 2) -> dict[str, Any]:
    """Seconds of the NLP stage on the set's texts, and of its stance part, in one process."""
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.events.extract import extract_events
    from stanceline.nlp.issues import load_issues
    from stanceline.nlp.stance.extract import extract_positions

    issues = load_issues(folder / "issues.toml")
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((folder / "docs").glob("*.txt"))]
    list(analyze_texts([("warm", "A warm-up sentence.")]))
    nlp_s = stance_s = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = list(analyze_texts(texts))
        time.perf_counter()
        for d in docs:
            extract_events(
                doc_id=d.doc_id, text=d.spacy_doc.text, spacy_doc=d.spacy_doc, mentions=d.mentions, date=None
            )
        t2 = time.perf_counter()
        for d in docs:
            extract_positions(
                doc_id=d.doc_id,
                text=d.spacy_doc.text,
                spacy_doc=d.spacy_doc,
                mentions=d.mentions,
                quotes=d.quotes,
                issues=issues,
                date=None,
            )
        t3 = time.perf_counter()
        nlp_s += t3 - t0
        stance_s += t3 - t2
    return {
        "documents": len(texts),
        "repeat": repeat,
        "nlp_seconds": round(nlp_s, 2),
        "stance_seconds": round(stance_s, 2),
        "stance_share_pct": round(100 * stance_s / nlp_s, 1),
        "target_pct": 15,
    }


def rule_counts() -> dict[str, int]:
    from stanceline.nlp.stance import lexicon as lex

    out = {}
    for name in dir(lex):
        v = getattr(lex, name)
        if name.isupper() and isinstance(v, (frozenset, set, dict, tuple)):
            out[name] = len(v)
    return out


def render(res: dict[str, Any]) -> str:
    out = ["# Positions and shifts (python -m bench.positions)", ""]
    for name, r in res["sets"].items():
        out += [
            f"## {name} (through the CLI with its issues file)",
            "",
            "| issue | pairs hit / pairs | recall | shifts | precision proxy |",
            "| --- | --- | --- | --- | --- |",
        ]
        for i in [*r["issues"], dict(r["total"], issue="TOTAL")]:
            prec = i["precision_proxy"]
            out.append(
                f"| {i['issue']} | {i['pairs_hit']}/{i['pairs']} | {100 * i['pair_recall']:.1f}% | "
                f"{i['shifts_found']}/{i['shifts_wanted']} | {i['system_positions_matching_gold']}/"
                f"{i['system_positions']} = {'n/a' if prec is None else f'{100 * prec:.1f}%'} |"
            )
        out += [
            "",
            f"Stances: {r['stances']}; voices: {r['voices']}.",
            "",
            "Reliability (stated confidence vs share matching gold, a lower bound):",
            "",
            "| confidence | positions | mean stated | observed |",
            "| --- | --- | --- | --- |",
        ]
        for b in r["reliability"]:
            if b["n"]:
                out.append(f"| {b['bin']} | {b['n']} | {b['mean_confidence']:.2f} | {b['observed_accuracy']:.2f} |")
        out += [
            "",
            "Reliability per issue (stated / observed per bin; does confidence mean the same on each issue?):",
            "",
            "| issue | " + " | ".join(b["bin"] for b in r["reliability"]) + " |",
            "| --- | " + " | ".join("---" for _ in r["reliability"]) + " |",
        ]
        for name, bins in r.get("reliability_by_issue", {}).items():
            cells = [
                f"{b['n']}: {b['mean_confidence']:.2f} / {b['observed_accuracy']:.2f}" if b["n"] else "-" for b in bins
            ]
            out.append(f"| {name[:40]} | " + " | ".join(cells) + " |")
        out += [
            "",
            "Shift threshold left one issue out (the confidence each side of a shift needs, chosen on the "
            "other two issues, applied to the one left out):",
            "",
            "| issue left out | chosen | shifts found | system shifts | at default | system shifts at default |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for x in r.get("shift_threshold_loio", []):
            out.append(
                f"| {x['held_out'][:40]} | {x['chosen']} | {x['found']}/{x['wanted']} | {x['system_shifts']} | "
                f"{x['found_default']}/{x['wanted']} ({x['default']}) | {x['system_shifts_default']} |"
            )
        out += ["", "Neutral positions (each must be a real no-position statement, never a fallback):", ""]
        out += [f"- {n['actor']}: {', '.join(n['cues']) or 'NO NEUTRAL CUE'}" for n in r.get("neutral_rows", [])]
        out += ["", "Missed pairs:", ""]
        for i in r["issues"]:
            out += [f"- {i['issue'][:40]} doc {m['doc']}: /{m['actor'][:40]}/ {m['stance']}" for m in i["missed_pairs"]]
        out += ["", "Shifts wanted:", ""]
        for i in r["issues"]:
            out += [
                f"- {'found' if s['found'] else 'MISSED'}: /{s['actor'][:50]}/ after {s['after']}" for s in i["shifts"]
            ]
        out.append("")
    s = res.get("seeds")
    if s:
        out += [
            "## Seeds (hand gold, issue 'Ukraine joins NATO')",
            "",
            f"- required positions found {s['found']}/{s['gold_required']}, stance right on found "
            f"{s['stance_accuracy_on_found']}, voice right on found {s['voice_accuracy_on_found']}, "
            f"precision {s['precision']} ({s['predicted']} predicted)",
            "",
        ]
        out += [f"- {'PASS' if v else 'FAIL'} {k}" for k, v in s["timeline"]["checks"].items()]
        out += [""] + [f"- miss {m['doc']} {m['actor']}: {m['why']}" for m in s["misses"]] + [""]
    sp = res.get("speed")
    if sp:
        out += [
            "## Speed",
            "",
            f"Stance stage {sp['stance_seconds']} s of {sp['nlp_seconds']} s NLP stage on "
            f"{sp['documents']} documents x {sp['repeat']}: {sp['stance_share_pct']}% (target <= {sp['target_pct']}%).",
            "",
        ]
    out += [
        "## Rule layer",
        "",
        "Entries per word class (nlp/stance/lexicon.py): "
        + ", ".join(f"{k} {v}" for k, v in sorted(res["rules"].items()))
        + f"; {sum(res['rules'].values())} in all.",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench_gold.add_arguments(ap)
    ap.add_argument("--keep", type=Path, default=None, help="keep the databases and exports in this folder")
    ap.add_argument("--no-seeds", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--fresh", action="store_true", help="also score every bench/data/stance_fresh*_en set")
    ap.add_argument("--no-news", action="store_true", help=f"skip {SET}")
    ap.add_argument("--out", default="positions", help="results file stem under bench/results")
    a = ap.parse_args(argv)
    bench_gold.use(a)
    from stanceline.nlp.stance.extract import STANCE_VERSION

    res: dict[str, Any] = {"stance_version": STANCE_VERSION, "sets": {}}
    folder = bench_gold.root() / SET
    with tempfile.TemporaryDirectory() as tmp:
        base = a.keep or Path(tmp)
        if a.no_news:
            pass
        elif not (folder / "gold" / "gold.json").is_file():
            print(f"{SET}: not found under {bench_gold.root()}", file=sys.stderr)
        else:
            work = base / SET
            work.mkdir(parents=True, exist_ok=True)
            res["sets"][SET] = score_set(folder, work)
        for fresh in fresh_sets() if a.fresh else []:
            work = base / fresh.name
            work.mkdir(parents=True, exist_ok=True)
            res["sets"][fresh.name] = score_set(fresh, work)
        if not a.no_seeds and (bench_gold.root().parent / "seeds").is_dir():
            work = base / "seeds"
            work.mkdir(parents=True, exist_ok=True)
            res["seeds"] = score_seeds(work)
    if not a.no_speed and (folder / "docs").is_dir():
        res["speed"] = stance_share(folder)
    res["rules"] = rule_counts()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{a.out}.json").write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    md = render(res)
    (RESULTS / f"{a.out}.md").write_text(md, encoding="utf-8")
    sys.stdout.write(md + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
