"""Train the HTML block classifier on the dev gold sets (never on seeds or held-out parts).

Each dev page of scrapinghub_aeb, wcxb and trafilatura_eval is split into blocks
(stanceline.clean.html.blocks.segment). Labels come from aligning blocks with the gold:
on pages with a gold body a block is positive when most of its 4-token shingles (short blocks:
its whole token run) occur in the gold; on trafilatura_eval pages, which only list snippets that
must and must not appear, a block holding a `with` snippet is positive, one holding a `without`
snippet negative, and the rest are not used for fitting. Features are computed against the text
the cleaner extracts without the block pass (cached as `baseline`), as at run time.

The model corrects that text rather than replacing it (clean_blocks_model.correct): blocks the
extractor missed that the model is sure of are added near the article; the decoding parameters
(thresholds, reach, coverage gate) are chosen on out-of-fold probabilities from a small grid.

The figure to decide with is out-of-fold: GroupKFold by site (the url's host), so no page is
scored by a model that saw any page of its site; the out-of-fold block probabilities are decoded
exactly as at run time and scored with score_extract.py. The shipped model is then fit on all
pages and written as JSON to src/stanceline/data/cleaner/blocks.json.

Run from the repository root:  python -m bench.train_blocks [--rebuild] [--write] [--decode ...]
(--rebuild re-reads the pages and re-extracts the baseline with the current cleaner, block pass
off, ~5 min on 2 cores.)
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from bench.extract import HTML_SETS, run_stanceline_noblocks
from bench.gold import load_gold, load_scorer, read_html
from stanceline.clean.html.extract import visible_words
from stanceline.trees import export_hgb

CACHE = Path("/tmp/stanceline-blocks-cache.pkl")
OOF = Path("/tmp/stanceline-blocks-oof.pkl")
OUT = Path(__file__).resolve().parents[1] / "src" / "stanceline" / "data" / "cleaner" / "blocks.json"
_TOK = re.compile(r"\w+", re.UNICODE)
_WS = re.compile(r"\s+")
# (drop_below, add_above, reach) tried on the out-of-fold probabilities
GRID = [(lo, hi, 2, 1e9) for lo in (0.0, 0.3) for hi in (0.6, 0.7, 0.8)] + [
    (0.0, hi, 2, gate) for hi in (0.6, 0.7) for gate in (0.5, 0.7, 0.9)
]


def _norm(s: str) -> str:
    return _WS.sub(" ", s or "").strip()


def site(url: str | None, fallback: str) -> str:
    host = urlparse(url or "").netloc.lower()
    return host[4:] if host.startswith("www.") else (host or fallback)


def label_body(texts: list[str], gold: str) -> list[int]:
    gt = _TOK.findall(gold.lower())
    seq = " " + " ".join(gt) + " "
    sh = {tuple(gt[i : i + 4]) for i in range(len(gt) - 3)}
    lines = {" ".join(_TOK.findall(x.lower())) for x in gold.split("\n")}
    out = []
    for t in texts:
        bt = _TOK.findall(t.lower())
        if len(bt) >= 4:
            bs = [tuple(bt[i : i + 4]) for i in range(len(bt) - 3)]
            out.append(int(sum(1 for s in bs if s in sh) >= 0.5 * len(bs)))
        else:
            j = " ".join(bt)
            out.append(int(j in lines or (len(bt) >= 2 and f" {j} " in seq)))
    return out


def label_snippets(texts: list[str], with_: list[str], without: list[str]) -> list[int]:
    w = [_norm(s) for s in with_ if _norm(s)]
    wo = [_norm(s) for s in without if _norm(s)]
    out = []
    for t in texts:
        if any(s in t for s in w) or (len(t) >= 25 and any(t in s for s in w)):
            out.append(1)
        elif any(s in t for s in wo) or (len(t) >= 10 and any(t in s for s in wo)):
            out.append(0)
        else:
            out.append(-1)
    return out


def _page(task: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    import trafilatura
    from trafilatura.utils import load_html

    from stanceline.clean.html import blocks as clean_blocks

    set_name, g = task
    html = read_html(set_name, g["id"])
    # the text the run-time block pass starts from: never the output of a shipped block model
    baseline = run_stanceline_noblocks(html, g.get("url"))
    tree = load_html(html)
    blocks = clean_blocks.segment(tree) if tree is not None else []
    texts = [b.text for b in blocks]
    X: dict[str, list[list[float]]] = {}
    t0 = time.perf_counter()
    for variant, prec in (("prec", True), ("default", False)):
        ext = ""
        if tree is not None:
            ext = (
                trafilatura.extract(tree, url=g.get("url"), fast=True, favor_precision=prec, include_comments=False)
                or ""
            )
        X[variant] = clean_blocks.features(blocks, ext)
    # features against the text the run-time correction starts from (the cleaner without blocks)
    X["base"] = clean_blocks.features(blocks, baseline)
    if g.get("text"):
        y = label_body(texts, g["text"])
    else:
        y = label_snippets(texts, g.get("with") or [], g.get("without") or [])
    return {
        "set": set_name,
        "id": g["id"],
        "site": site(g.get("url"), g["id"]),
        "texts": texts,
        "X": X,
        "visible": visible_words(tree) if tree is not None else 0,
        "y": y,
        "baseline": baseline,
        "secs": time.perf_counter() - t0,
    }


def _visible(task: tuple[str, str]) -> int:
    from trafilatura.utils import load_html

    tree = load_html(read_html(*task))
    return visible_words(tree) if tree is not None else 0


def build(limit: int | None, rebuild: bool) -> list[dict[str, Any]]:
    if CACHE.exists() and limit is None and not rebuild:
        data: list[dict[str, Any]] = pickle.loads(CACHE.read_bytes())
        return data
    tasks = [(s, g) for s in HTML_SETS for g in load_gold(s, limit)]
    with Pool(2) as pool:
        pages = pool.map(_page, tasks, chunksize=4)
    if limit is None:
        CACHE.write_bytes(pickle.dumps(pages))
    return pages


def add_visible(pages: list[dict[str, Any]]) -> None:
    """Caches written before the gate existed lack the page's visible word count."""
    todo = [p for p in pages if "visible" not in p]
    if todo:
        with Pool(2) as pool:
            for p, v in zip(todo, pool.map(_visible, [(p["set"], p["id"]) for p in todo], chunksize=8), strict=True):
                p["visible"] = v
        CACHE.write_bytes(pickle.dumps(pages))


# --- model export --------------------------------------------------------------------------------


def make_model(trees: int, depth: int) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=trees,
        max_depth=depth,
        learning_rate=0.1,
        max_leaf_nodes=2**depth,
        min_samples_leaf=40,
        l2_regularization=1.0,
        random_state=0,
    )


# --- decoding and scoring -------------------------------------------------------------------------


def corrected_text(
    page: dict[str, Any], probs: Any, drop_below: float, add_above: float, reach: int, gate: float
) -> str:
    """The run-time decoding (clean_html._correct) on cached blocks and baseline paragraphs."""
    from stanceline.clean.html.blocks_model import correct

    kept = [x for x in page["baseline"].split("\n\n") if x.strip()]
    if not kept or not page["texts"] or len(page["baseline"].split()) >= gate * page["visible"]:
        return str(page["baseline"])
    return "\n\n".join(correct(kept, page["texts"], lambda idx: probs[idx], drop_below, add_above, reach)[0])


def score_sets(pages: list[dict[str, Any]], texts: list[str]) -> dict[str, dict[str, float]]:
    scorer = load_scorer()
    out = {}
    for s in HTML_SETS:
        idx = [i for i, p in enumerate(pages) if p["set"] == s]
        if not idx:
            continue
        gold = {g["id"]: g for g in load_gold(s)}
        view = [gold[pages[i]["id"]] for i in idx]
        preds = {pages[i]["id"]: {"text": texts[i]} for i in idx}
        r = scorer.score_text(view, preds, "text")
        out[s] = {k: round(v, 4) for k, v in r.items() if k in ("tok_f1", "sh4_f1", "snip_f1", "tok_p", "tok_r")}
    return out


def headline(sc: dict[str, dict[str, float]]) -> float:
    return float(
        np.mean(
            [
                sc.get("scrapinghub_aeb", {}).get("sh4_f1", 0),
                sc.get("wcxb", {}).get("tok_f1", 0),
                sc.get("trafilatura_eval", {}).get("snip_f1", 0),
            ]
        )
    )


def main(argv: list[str] | None = None) -> int:
    from sklearn.model_selection import GroupKFold

    from stanceline.clean.html.blocks import FEATURE_NAMES
    from stanceline.clean.html.blocks_model import from_spec

    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--variant", choices=["prec", "default", "base"], default="base")
    ap.add_argument("--trees", type=int, default=120)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--snippet-weight", type=float, default=1.0)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="fit on all pages and write blocks.json")
    ap.add_argument("--reuse-oof", action="store_true", help="decode the last run's out-of-fold probabilities")
    ap.add_argument(
        "--decode",
        default=None,
        metavar="DROP,ADD,REACH,GATE",
        help="ship this decoding instead of the grid's choice (e.g. 0,0.7,2,0.7: the gate keeps the "
        "block pass off pages the extraction already covers, for speed)",
    )
    a = ap.parse_args(argv)
    pages = build(a.limit, a.rebuild)  # pages without blocks stay in, scored as empty
    add_visible(pages)
    sites = sorted({p["site"] for p in pages})
    X = np.array([r for p in pages for r in p["X"][a.variant]], dtype=np.float64)
    y = np.array([v for p in pages for v in p["y"]])
    page_of = np.array([i for i, p in enumerate(pages) for _ in p["y"]])
    site_id = {s: k for k, s in enumerate(sites)}
    groups = np.array([site_id[pages[i]["site"]] for i in page_of])
    snip = np.array([pages[i]["set"] == "trafilatura_eval" for i in page_of])
    w = np.where(snip, a.snippet_weight, 1.0)
    print(
        f"{len(pages)} pages, {len(sites)} sites, {len(y)} blocks, labelled {np.mean(y >= 0):.3f}, "
        f"positive {np.mean(y[y >= 0]):.3f}"
    )
    print(
        "baseline (current cleaner, cached):",
        base := score_sets(pages, [p["baseline"] for p in pages]),
        round(headline(base), 4),
    )

    if a.reuse_oof and OOF.exists():
        per_page = pickle.loads(OOF.read_bytes())
    else:
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=a.folds).split(X, y, groups):
            fit = tr[(y[tr] >= 0) & (w[tr] > 0)]
            m = make_model(a.trees, a.depth).fit(X[fit], y[fit], sample_weight=w[fit])
            oof[te] = m.predict_proba(X[te])[:, 1]
        bounds = np.cumsum([0] + [len(p["y"]) for p in pages])
        per_page = [oof[bounds[i] : bounds[i + 1]] for i in range(len(pages))]
        OOF.write_bytes(pickle.dumps(per_page))

    best: tuple[float, dict[str, Any], dict[str, Any]] = (0.0, {}, {})
    tried = []
    for drop_below, add_above, reach, gate in GRID:
        texts = [
            corrected_text(p, pp, drop_below, add_above, reach, gate) for p, pp in zip(pages, per_page, strict=True)
        ]
        sc = score_sets(pages, texts)
        h = headline(sc)
        print(
            f"drop_below={drop_below} add_above={add_above} reach={reach} gate={gate} oof {sc} mean={h:.4f}", flush=True
        )
        tried.append((h, {"drop_below": drop_below, "add_above": add_above, "reach": reach, "gate": gate}, sc))
    top = max(t[0] for t in tried)
    # within noise of the best, the add-only decoding wins: it scores no extracted paragraph's block
    best = max(tried, key=lambda t: (t[0] >= top - 5e-4 and t[1]["drop_below"] == 0.0, t[0]))
    if a.decode:
        lo, hi, near, cover = (float(x) for x in a.decode.split(","))
        texts = [corrected_text(p, pp, lo, hi, int(near), cover) for p, pp in zip(pages, per_page, strict=True)]
        best = (
            headline(sc := score_sets(pages, texts)),
            {"drop_below": lo, "add_above": hi, "reach": int(near), "gate": cover},
            sc,
        )
    print("chosen out-of-fold:", best)
    if a.write:
        fit = (y >= 0) & (w > 0)
        m = make_model(a.trees, a.depth).fit(X[fit], y[fit], sample_weight=w[fit])
        spec = {
            "features": list(FEATURE_NAMES),
            **export_hgb(m),
            **best[1],
            "shift": 0.15,
            "variant": a.variant,
            "oof": best[2],
            "trained_on": list(HTML_SETS),
            "pages": len(pages),
            "sites": len(sites),
        }
        bm = from_spec(spec)
        assert bm is not None
        check = bm.proba(X[:2000].tolist())
        ref = m.predict_proba(X[:2000])[:, 1]
        print("export max |Δp| on 2000 blocks:", float(np.abs(check - ref).max()))
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(spec, separators=(",", ":")))
        print("wrote", OUT, OUT.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
