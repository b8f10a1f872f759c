"""Quote-attribution benchmark: stanceline vs textacy vs a quotation-mark floor on GUM news.

Run: python -m bench.quotes [--split train,dev] [--workers 2]
Writes bench/results/quotes.json and bench/results/quotes.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.gold import load_scorer, root

GUM = "gum_news_quotes"
RESULTS = Path(__file__).resolve().parent / "results"


def _load_scorer() -> Any:
    return load_scorer("score_quotes")


def load_gold(splits: list[str]) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for s in splits:
        with open(root() / GUM / f"{s}.jsonl", encoding="utf-8") as fh:
            docs.extend(json.loads(line) for line in fh if line.strip())
    return docs


def run_stanceline(docs: list[dict[str, Any]], workers: int) -> tuple[list[dict[str, Any]], float]:
    """Every quote record of every document, as the stage returns it (one record per quotation
    unit; a record's `spans` are its sentence-level pieces)."""
    from stanceline.nlp.analysis import analyze_texts

    items = [(d["doc_id"], d["text"]) for d in docs]
    t0 = time.perf_counter()
    out = []
    for r in analyze_texts(items, n_process=workers, batch_size=4):
        rejected = [{"start": x.start, "end": x.end, "reason": x.reason} for x in getattr(r, "rejected", [])]
        out.append({"doc_id": r.doc_id, "records": [_record(q) for q in r.quotes], "rejected": rejected})
    return out, time.perf_counter() - t0


def _record(q: Any) -> dict[str, Any]:
    from stanceline.nlp.quotes.extract import OWN_CUE_MIN_CONFIDENCE

    spans = [list(s) for s in (getattr(q, "spans", None) or [(q.start, q.end)])]
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "spans": spans,
        "speaker": [[q.speaker_start, q.speaker_end]] if q.speaker_start is not None else [],
        "speaker_text": q.speaker or q.speaker_mention or "",
        "cue": [[q.cue_start, q.cue_end]] if q.cue_start is not None else [],
        "kind": q.kind,
        "own_cue": q.confidence >= OWN_CUE_MIN_CONFIDENCE,
    }


def _pred(r: dict[str, Any], content: list[list[int]], own_cue: bool) -> dict[str, Any]:
    keep = ("speaker", "speaker_text", "cue", "kind")
    return {k: r[k] for k in keep} | {"content": content, "own_cue": own_cue}


def units_view(res: tuple[list[dict[str, Any]], float]) -> tuple[list[dict[str, Any]], float]:
    """One prediction per record, its content the record's quoted pieces (attribution left out)."""
    preds, secs = res
    out = [{"doc_id": p["doc_id"], "quotes": [_pred(r, r["spans"], r["own_cue"]) for r in p["records"]]} for p in preds]
    return out, secs


def _sentences(text: str, spans: list[list[int]]) -> list[list[list[int]]]:
    """A record's pieces grouped into sentences: a piece that stops mid-sentence ("A," she said,
    "B.") joins the next one, unless a sentence ends between them ("A," she said. "B.")."""
    out: list[list[list[int]]] = []
    cur: list[list[int]] = []
    for i, (s, e) in enumerate(spans):
        cur.append([s, e])
        gap = text[e : spans[i + 1][0]] if i + 1 < len(spans) else "."
        if text[s:e].rstrip(" \"”’'")[-1:] in {".", "!", "?"} or any(c in gap for c in ".!?"):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def sentences_view(
    docs: list[dict[str, Any]], res: tuple[list[dict[str, Any]], float]
) -> tuple[list[dict[str, Any]], float]:
    """The sentence-level view (GUM's unit): each record's sentences; only the first carries the
    record's own cue, the later ones inherit it."""
    preds, secs = res
    texts = {d["doc_id"]: d["text"] for d in docs}
    out = []
    for p in preds:
        text = texts[p["doc_id"]]
        quotes = []
        for r in p["records"]:
            for n, sent in enumerate(_sentences(text, r["spans"])):
                quotes.append(_pred(r, sent, r["own_cue"] and n == 0))
        out.append({"doc_id": p["doc_id"], "quotes": quotes})
    return out, secs


# The GUM sentence-unit headline: each record's first sentence, the one its own cue attaches to.
HEADLINE = "stanceline quotations (headline)"


def _own_cue(res: tuple[list[dict[str, Any]], float]) -> tuple[list[dict[str, Any]], float]:
    """Drop the later sentences of a quotation, which GUM does not annotate as attributions."""
    preds, secs = res
    return [p | {"quotes": [q for q in p["quotes"] if q["own_cue"]]} for p in preds], secs


def _paragraphs(text: str) -> list[tuple[int, str]]:
    pos, out = 0, []
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def run_textacy(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    from textacy.extract.triples import direct_quotations

    from stanceline.nlp.pipeline import load_nlp

    nlp = load_nlp()
    t0 = time.perf_counter()
    out = []
    for d in docs:
        paras = _paragraphs(d["text"])
        quotes = []
        for doc, off in nlp.pipe(((p, o) for o, p in paras), as_tuples=True):
            try:
                triples = list(direct_quotations(doc))
            except Exception:  # textacy raises on some unbalanced paragraphs
                triples = []
            for tr in triples:
                c = tr.content
                quotes.append(
                    {
                        "content": [[off + c.start_char, off + c.end_char]],
                        "speaker": [[off + t.idx, off + t.idx + len(t.text)] for t in tr.speaker],
                        "speaker_text": " ".join(t.text for t in tr.speaker),
                    }
                )
        out.append({"doc_id": d["doc_id"], "quotes": quotes})
    return out, time.perf_counter() - t0


_QUOTE_RE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def run_floor(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    from stanceline.nlp.pipeline import load_nlp

    nlp = load_nlp()
    t0 = time.perf_counter()
    out = []
    for d, doc in zip(docs, nlp.pipe(d["text"] for d in docs), strict=True):
        people = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "PERSON"]
        quotes = []
        for m in _QUOTE_RE.finditer(d["text"]):
            s, e = m.span(1)
            near = min(people, key=lambda p: min(abs(p[0] - e), abs(s - p[1])), default=None)
            quotes.append(
                {
                    "content": [[s, e]],
                    "speaker": [[near[0], near[1]]] if near else [],
                    "speaker_text": near[2] if near else "",
                }
            )
        out.append({"doc_id": d["doc_id"], "quotes": quotes})
    return out, time.perf_counter() - t0


def score(scorer: Any, gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {p["doc_id"]: p for p in preds}
    return {s: scorer.score(gold, by_id, s) for s in ("all", "quoted", "direct", "mixed", "indirect")}


def _row(name: str, res: dict[str, Any], wps: float | None) -> dict[str, Any]:
    q, a = res["quoted"], res["all"]
    rq = q.get("resolved_speaker_acc", {})
    return {
        "system": name,
        "quoted_F1@0.3": round(100 * q["match@0.3"]["F1"], 1),
        "quoted_P@0.3": round(100 * q["match@0.3"]["P"], 1),
        "quoted_R@0.3": round(100 * q["match@0.3"]["R"], 1),
        "quoted_char_R": round(100 * q["char_overlap"]["R"], 1),
        "quoted_spk_span": round(100 * q["speaker_acc_span"], 1),
        "quoted_e2e_span_F1": round(100 * q["e2e_span"]["F1"], 1),
        "quoted_resolved_acc": round(100 * rq.get("all", {}).get("acc", 0.0), 1),
        "quoted_resolved_n": rq.get("all", {}).get("n", 0),
        "quoted_pronoun_acc": round(100 * rq.get("pronoun", {}).get("acc", 0.0), 1),
        "quoted_pronoun_n": rq.get("pronoun", {}).get("n", 0),
        "all_F1@0.3": round(100 * a["match@0.3"]["F1"], 1),
        "all_P@0.3": round(100 * a["match@0.3"]["P"], 1),
        "all_R@0.3": round(100 * a["match@0.3"]["R"], 1),
        "all_e2e_name_F1": round(100 * a["e2e_name"]["F1"], 1),
        "all_resolved_acc": round(100 * a.get("resolved_speaker_acc", {}).get("all", {}).get("acc", 0.0), 1),
        "words_per_s": round(wps) if wps else None,
    }


GUM_COLS = [
    "split", "system", "quoted_P@0.3", "quoted_R@0.3", "quoted_F1@0.3", "quoted_char_R", "quoted_spk_span",
    "quoted_e2e_span_F1", "quoted_resolved_acc", "quoted_resolved_n", "quoted_pronoun_acc", "quoted_pronoun_n",
    "all_P@0.3", "all_R@0.3", "all_F1@0.3", "all_e2e_name_F1", "all_resolved_acc",
]  # fmt: skip
# stance_news_en's extra line: direct and mixed records against direct and mixed gold quotes.
QUOTED_KINDS = frozenset({"direct", "mixed"})
QUOTED_LINE = "stanceline direct+mixed records vs direct+mixed gold"
NEWS_COLS = ["system", "n_gold", "n_pred", "found", "recall", "precision_lower_bound", "F1", "speaker_acc_on_found"]


FRESH = Path(__file__).resolve().parent / "data" / "quotes_fresh_en"
FRESH_BATCHES = [
    ("1", ["passages.txt"]),
    ("2", ["passages2.txt"]),
    ("1+2", ["passages.txt", "passages2.txt"]),
]
FRESH_COLS = [
    "batch", "system", "n_gold", "all_P@0.3", "all_R@0.3", "all_F1@0.3", "all_spk_span", "all_e2e_span_F1",
    "quoted_F1@0.3", "quoted_spk_span", "indirect_F1@0.3", "resolved_acc",
]  # fmt: skip


def _fresh_row(name: str, res: dict[str, Any]) -> dict[str, Any]:
    a, q, i = res["all"], res["quoted"], res["indirect"]
    pct = lambda x: round(100 * x, 1)  # noqa: E731
    return {
        "system": name,
        "n_gold": a["n_gold"],
        "all_P@0.3": pct(a["match@0.3"]["P"]),
        "all_R@0.3": pct(a["match@0.3"]["R"]),
        "all_F1@0.3": pct(a["match@0.3"]["F1"]),
        "all_spk_span": pct(a["speaker_acc_span"]),
        "all_e2e_span_F1": pct(a["e2e_span"]["F1"]),
        "quoted_F1@0.3": pct(q["match@0.3"]["F1"]),
        "quoted_spk_span": pct(q["speaker_acc_span"]),
        "indirect_F1@0.3": pct(i["match@0.3"]["F1"]),
        "resolved_acc": pct(a.get("resolved_speaker_acc", {}).get("all", {}).get("acc", 0.0)),
    }


def _table(rows: list[dict[str, Any]], cols: list[str]) -> str:
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r.get(c)) for c in cols) + " |" for r in rows]
    return "\n".join(lines)


def stretch_accounting(runs: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> dict[str, Any]:
    """Every stretch in quotation marks of 4 words or more, over (documents, predictions) pairs:
    the share that is in a quote record (half or more of its characters), or rejected with each
    reason."""
    from stanceline.nlp.quotes.marks import find_quoted_spans

    by_id = {p["doc_id"]: p for _, preds in runs for p in preds}
    counts: dict[str, int] = {}
    for d in (d for docs, _ in runs for d in docs):
        text, p = d["text"], by_id.get(d["doc_id"], {"records": [], "rejected": []})
        for q in find_quoted_spans(text):
            if len(re.findall(r"\w+", text[q.start : q.end])) < 4:
                continue
            n = sum(1 for c in text[q.start : q.end] if c.isalnum())
            inside = sum(
                sum(1 for c in text[max(q.start, s) : min(q.end, e)] if c.isalnum())
                for r in p["records"]
                for s, e in [(r["start"], r["end"])]
            )
            if n and inside * 2 >= n:
                key = "quote record"
            else:
                key = next(
                    (
                        f"rejected: {x['reason']}"
                        for x in p.get("rejected", [])
                        if x["start"] < q.end and x["end"] > q.start
                    ),
                    "unaccounted",
                )
            counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    return {"stretches": total, "counts": dict(sorted(counts.items())),
            "shares": {k: round(100 * v / total, 1) for k, v in sorted(counts.items())} if total else {}}  # fmt: skip


def _with_text(docs: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Peer predictions as records for stance_news_en: their text is their content."""
    texts = {d["doc_id"]: d["text"] for d in docs}
    out: dict[str, list[dict[str, Any]]] = {}
    for p in preds:
        t = texts[p["doc_id"]]
        out[p["doc_id"]] = [q | {"text": " ".join(t[s:e] for s, e in q["content"])} for q in p["quotes"]]
    return out


def main(argv: list[str] | None = None) -> int:
    from bench.quote_units import gum_unit_gold, load_fresh, load_stance_news, score_stance_news

    ap = argparse.ArgumentParser()
    ap.add_argument("--splits", default="train,dev")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    ap.add_argument("--dump", help="write stanceline's records (every set) as JSONL here")
    args = ap.parse_args(argv)
    scorer = _load_scorer()
    splits = args.splits.split(",")
    report: dict[str, Any] = {"benchmark": "gum_news_quotes + stance_news_en", "splits": {}, "units": {}}
    runs: dict[tuple[str, ...], tuple[list[dict[str, Any]], float]] = {}
    dump: list[dict[str, Any]] = []

    def cached(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
        # Every stanceline row of a set scores one run (the rows are views of the same records).
        key = tuple(d["doc_id"] for d in docs)
        if key not in runs:
            runs[key] = run_stanceline(docs, args.workers)
            dump.extend(runs[key][0])
        return runs[key]

    # 1. GUM, sentence units (GUM's own unit), as before.
    sentence_systems: list[tuple[str, Callable[..., tuple[list[dict[str, Any]], float]]]] = [
        (HEADLINE, lambda d: _own_cue(sentences_view(d, cached(d)))),
        ("stanceline, every sentence", lambda d: sentences_view(d, cached(d))),
        ("stanceline, quotation records", lambda d: units_view(cached(d))),
        ("textacy direct_quotations", run_textacy),
        ("quote-mark floor", run_floor),
    ]
    table: list[dict[str, Any]] = []
    peers: dict[tuple[str, str], tuple[list[dict[str, Any]], float]] = {}
    for label, split_list in [("+".join(splits), splits), *[(s, [s]) for s in splits if len(splits) > 1]]:
        gold = load_gold(split_list)
        words = sum(len(d["text"].split()) for d in gold)
        for name, fn in sentence_systems:
            preds, secs = fn(gold)
            peers[(label, name)] = (preds, secs)
            res = score(scorer, gold, preds)
            wps = words / secs if name.startswith("stanceline") else None
            table.append(_row(name, res, wps) | {"split": label})
            report["splits"].setdefault(label, {})[name] = res

    # 2. GUM, quotation units (gold widened and merged as bench/quote_units.py says).
    unit_table: list[dict[str, Any]] = []
    for label, split_list in [("+".join(splits), splits), *[(s, [s]) for s in splits if len(splits) > 1]]:
        gold = gum_unit_gold(load_gold(split_list), scorer.inside_quote_mask, scorer.quote_type)
        for name, preds in [
            ("stanceline quotation records", units_view(cached(load_gold(split_list)))[0]),
            ("textacy direct_quotations", peers[(label, "textacy direct_quotations")][0]),
            ("quote-mark floor", peers[(label, "quote-mark floor")][0]),
        ]:
            res = score(scorer, gold, preds)
            unit_table.append(_row(name, res, None) | {"split": label})
            report["units"].setdefault(label, {})[name] = res

    # 3. stance_news_en quotes (the README's containment rule; records = quotation units).
    news_rows: list[dict[str, Any]] = []
    news_dir = root() / "stance_news_en"
    if (news_dir / "gold" / "gold.json").is_file():
        ndocs, ngold = load_stance_news(news_dir)
        recs = {p["doc_id"]: p["records"] for p in cached(ndocs)[0]}
        news_systems: list[tuple[str, dict[str, list[dict[str, Any]]]]] = [
            ("stanceline quotation records", recs),
            ("textacy direct_quotations", _with_text(ndocs, run_textacy(ndocs)[0])),
            ("quote-mark floor", _with_text(ndocs, run_floor(ndocs)[0])),
        ]
        for name, found in news_systems:
            res = score_stance_news(ndocs, ngold, found)
            report.setdefault("stance_news_en", {})[name] = res
            news_rows.append(
                {"system": name}
                | {k: (round(100 * v, 1) if isinstance(v, float) else v) for k, v in res.items() if k in NEWS_COLS}
            )
        # An extra line, not a replacement: the gold lists only some indirect reports, so the
        # records with words in marks (direct and mixed) are scored against the gold quotes with
        # words in marks, where both sides count the same kind of thing.
        qgold = [g for g in ngold if g["kind"] in QUOTED_KINDS]
        qrecs = {d: [r for r in rs if r["kind"] in QUOTED_KINDS] for d, rs in recs.items()}
        res = score_stance_news(ndocs, qgold, qrecs)
        report.setdefault("stance_news_en", {})[QUOTED_LINE] = res
        news_rows.append(
            {"system": QUOTED_LINE}
            | {k: (round(100 * v, 1) if isinstance(v, float) else v) for k, v in res.items() if k in NEWS_COLS}
        )
    else:
        print(f"bench.quotes: skipping stance_news_en: no {news_dir / 'gold' / 'gold.json'}", file=sys.stderr)

    # 4. quotes_fresh_en: invented passages written before the code changes they measure.
    # Each batch is reported on its own: its first run is the held-out figure for the code of
    # that day (batch 1 before any change for issue 18, batch 2 after the first round of fixes).
    fresh_rows: list[dict[str, Any]] = []
    for batch, files in FRESH_BATCHES:
        fresh = [d for f in files for d in load_fresh(FRESH, scorer.inside_quote_mask, scorer.quote_type, f)]
        for name, preds in [
            ("stanceline quotation records", units_view(cached(fresh))[0]),
            ("textacy direct_quotations", run_textacy(fresh)[0]),
            ("quote-mark floor", run_floor(fresh)[0]),
        ]:
            res = score(scorer, fresh, preds)
            report.setdefault("fresh", {}).setdefault(batch, {})[name] = res
            fresh_rows.append(_fresh_row(name, res) | {"batch": batch})

    parts = [load_gold(splits)] + ([load_stance_news(news_dir)[0]] if news_dir.is_dir() else [])
    report["stretches"] = stretch_accounting([(docs, cached(docs)[0]) for docs in parts])
    acc = report["stretches"]
    acc_md = (
        f"Stretches in quotation marks of 4+ words (GUM {'+'.join(splits)} and stance_news_en): {acc['stretches']}; "
        + ", ".join(f"{k} {v}% ({acc['counts'][k]})" for k, v in acc["shares"].items())
    )
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for p in dump:
                fh.write(json.dumps(p) + "\n")
    report["table"] = table
    report["unit_table"] = unit_table
    md = "## GUM news, sentence units (GUM's own unit)\n\n" + _table(table, GUM_COLS)
    md += "\n\n## GUM news, quotation units\n\n" + _table(unit_table, GUM_COLS)
    md += "\n\n## stance_news_en quotes (precision is a lower bound)\n\n" + _table(news_rows, NEWS_COLS)
    md += "\n\n" + NEWS_AUDIT
    md += "\n\n## quotes_fresh_en (invented passages; all = every attribution, PolNeAR's count)\n\n" + _table(
        fresh_rows, FRESH_COLS
    )
    md += "\n\n## Recall accounting\n\n" + acc_md
    if not args.no_speed:
        md += "\n\n" + _speed(report, splits, args.workers)
    print(md)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", delete=False, dir=RESULTS, suffix=".tmp") as tmp:
            json.dump(report, tmp, indent=1)
        Path(tmp.name).replace(RESULTS / "quotes.json")
        (RESULTS / "quotes.md").write_text(
            "# Quote attribution: GUM news (train+dev) and stance_news_en\n\n"
            + _headline_text(table, unit_table, news_rows)
            + _fresh_headline(fresh_rows)
            + HOW
            + md
            + "\n",
            encoding="utf-8",
        )
    return 0


def _speed(report: dict[str, Any], splits: list[str], workers: int) -> str:
    """Throughput on the whole GUM set, repeated so worker start-up does not dominate. The machine
    is shared, so the single-process CPU time is reported too: words per CPU-second is what one
    core sustains whatever else is running."""
    gold = load_gold(splits)
    big = [d | {"doc_id": f"{d['doc_id']}#{i}"} for i in range(4) for d in gold]
    words = sum(len(d["text"].split()) for d in big)
    load_before = os.getloadavg()[0]
    cpu0 = time.process_time()
    _, secs1 = run_stanceline(big, 1)
    cpu1 = time.process_time() - cpu0
    _, secs2 = run_stanceline(big, workers) if workers > 1 else (None, secs1)
    speed = {
        "words": words,
        "one_process_words_per_s": round(words / secs1),
        "one_process_words_per_cpu_s": round(words / cpu1),
        "workers": workers,
        "workers_words_per_s": round(words / secs2),
        "load_average_1min": round(load_before, 2),
        "cpus": os.cpu_count(),
    }
    report["speed"] = speed
    return (
        f"Whole NLP stage (parse + entities + quotes) on {speed['words']} words: "
        f"{speed['one_process_words_per_s']} words/s in one process "
        f"({speed['one_process_words_per_cpu_s']} words per CPU-second), "
        f"{speed['workers_words_per_s']} words/s with {speed['workers']} worker processes; "
        f"{speed['cpus']} CPUs, 1-min load average {speed['load_average_1min']} when measured "
        "(the machine was shared)."
    )


def _fresh_headline(rows: list[dict[str, Any]]) -> str:
    row = next((r for r in rows if r["batch"] == "1+2" and r["system"] == "stanceline quotation records"), None)
    if row is None:
        return ""
    return (
        f"**quotes_fresh_en (invented passages, PolNeAR counting, in-sample after their first runs): all "
        f"attributions F1@0.3 {row['all_F1@0.3']}, speaker-span F1 {row['all_e2e_span_F1']}** (n={row['n_gold']}); "
        "first runs, the held-out estimates, in bench/results/quotes_fresh_first_run.md.\n\n"
    )


def _headline_text(table: list[dict[str, Any]], units: list[dict[str, Any]], news: list[dict[str, Any]]) -> str:
    row = next(r for r in table if r["system"] == HEADLINE)
    unit = next(r for r in units if r["system"] == "stanceline quotation records")
    out = (
        f"**Quotation units, GUM {unit['split']}: quoted match@0.3 F1 = {unit['quoted_F1@0.3']}** "
        f"(P {unit['quoted_P@0.3']}, R {unit['quoted_R@0.3']}), speaker span {unit['quoted_spk_span']}%, "
        f"resolved-name speaker accuracy {unit['quoted_resolved_acc']}% (n={unit['quoted_resolved_n']}).\n\n"
    )
    nrow = next((r for r in news if r["system"] == "stanceline quotation records"), None)
    if nrow is not None:
        out += (
            f"**stance_news_en: {nrow['found']}/{nrow['n_gold']} gold quotes found, F1 {nrow['F1']}** "
            f"(precision lower bound {nrow['precision_lower_bound']}), speaker right on "
            f"{nrow['speaker_acc_on_found']}% of those found.\n\n"
        )
    qrow = next((r for r in news if r["system"] == QUOTED_LINE), None)
    if qrow is not None:
        out += (
            f"**stance_news_en, direct and mixed only: {qrow['found']}/{qrow['n_gold']} gold quotes found, "
            f"F1 {qrow['F1']}** (precision lower bound {qrow['precision_lower_bound']}; the records with words in "
            f"marks against the gold quotes with words in marks), speaker right on {qrow['speaker_acc_on_found']}% "
            "of those found.\n\n"
        )
    out += (
        f"**Sentence units, GUM {row['split']} (GUM's own unit): quoted match@0.3 F1 = {row['quoted_F1@0.3']}** "
        f"(P {row['quoted_P@0.3']}, R {row['quoted_R@0.3']}); resolved-name speaker accuracy "
        f"{row['quoted_resolved_acc']}% (n={row['quoted_resolved_n']}), pronoun sources {row['quoted_pronoun_acc']}% "
        f"(n={row['quoted_pronoun_n']}); all attributions match@0.3 F1 {row['all_F1@0.3']}.\n\n"
    )
    return out


# A hand check of the records that hold no gold quote (kept as text: it is a reading, not a score).
NEWS_AUDIT = (
    "**What the all-records line can reach (hand check, 2026-12-07, records of main at 491a79d).** "
    "240 records, 180/184 gold quotes found (recall 97.8%). 81 records hold no gold quote. Read one by one: "
    "74 are reports the gold does not list (56 indirect, 17 mixed, 1 direct; among them 5 in headlines and 3 "
    "nested in another report, e.g. 'said … , saying that …'), 5 are errors (a garbled machine-translated "
    "sentence, a page teaser, 'That's according to X' with no content of its own, a speaker-less quoted phrase "
    "of a law, a report whose subject is a noun phrase the parser cut wrong) and 2 are doubtful. Precision "
    "counted against the gold is 66.2%; counting the 74 unlisted reports it would be 97.1% (F1 97.5 with the "
    "same recall). With recall at 97.8%, F1 85 needs precision 75.2%, i.e. at most 59 records outside the "
    "gold: even with none of the 7 errors and doubtful records the 74 unlisted reports keep the line at 80.4. "
    "Reaching 85 here would mean dropping true indirect reports, which the held-out corpus counts (PolNeAR "
    "style); the direct+mixed line, where both sides count the same kind of quote, is above the target."
)


HOW = (
    "Scored with ../shared/benchmarks/score/score_quotes.py (match@0.3 P/R/F1, char-overlap recall, speaker "
    "span accuracy, end-to-end speaker-span F1; resolved = speaker resolved to the gold named entity) and, for "
    "stance_news_en, its README's containment rule (bench/quote_units.py).\n\n"
    "**Units.** The stage emits one Quote record per quotation unit: the contiguous quoted material of one "
    "speaker, across sentences and across a split by the attribution; the record's `spans` are its quoted "
    "pieces, one per sentence and side of the attribution. The quotation-unit rows score each record with its "
    "spans as the content (the attribution between them left out). GUM annotates one sentence-ish unit per "
    "quotation: its sentence rows score each record's sentences (a piece that stops mid-sentence joins the "
    "next), and the headline sentence row keeps only each record's first sentence, the one its cue attaches "
    "to. GUM's quotation units are derived mechanically from its gold (bench/quote_units.py). GUM texts are "
    "in-sample (rules were developed reading them); GUM test and the political-news set are held out.\n\n"
    "stance_news_en's gold lists some indirect reports and leaves out many more, so its all-records F1 is a "
    "lower bound; the extra direct+mixed line scores only the records with words in marks against only the "
    "gold quotes with words in marks (same containment rule), where both sides count the same kind of "
    "quote.\n\n"
    "textacy = `direct_quotations` run per paragraph with the same spaCy model; floor = every double-quoted "
    "span with the nearest PERSON as speaker.\n\n"
)


if __name__ == "__main__":
    raise SystemExit(main())
