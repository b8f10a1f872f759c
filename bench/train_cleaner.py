"""Train the plain-text line classifier on the dev gold sets (never on seeds or held-out parts).

Each page of scrapinghub_aeb and wcxb (dev) is rendered to its visible text (as in
bench.textscrape); a line's label is whether it belongs to the gold article body. Out-of-fold
probabilities (GroupKFold by page, so no page is scored by a model that saw it) choose the
decoding thresholds; the final model is fit on all pages and written as JSON to
src/stanceline/data/cleaner/.

Run from the repository root:  python -m bench.train_cleaner [--limit N]
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

from bench.extract import load_gold, load_scorer, read_html
from bench.textscrape import render

SETS = ("scrapinghub_aeb", "wcxb")
CACHE = Path("/tmp/stanceline-train-cache.pkl")
OUT = Path(__file__).resolve().parents[1] / "src" / "stanceline" / "data" / "cleaner" / "lines.json"
_WS = re.compile(r"\s+")


def _page(task: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    from stanceline.ingest.clean_features import line_features
    from stanceline.ingest.clean_text import classify_all, split_lines

    set_name, g = task
    lines = split_lines(render(read_html(set_name, g["id"])))
    classified = classify_all(lines)
    gold = _WS.sub(" ", g["text"]).strip()
    gold_lines = {_WS.sub(" ", x).strip() for x in g["text"].split("\n")}
    labels = [int(ln in gold_lines or (len(ln) >= 15 and ln in gold)) for ln in lines]
    return {"id": f"{set_name}/{g['id']}", "lines": lines, "X": line_features(classified),
            "y": labels, "gold": g["text"]}


def build(limit: int | None) -> list[dict[str, Any]]:
    if CACHE.exists() and limit is None:
        data: list[dict[str, Any]] = pickle.loads(CACHE.read_bytes())
        return data
    tasks = [(s, g) for s in SETS for g in load_gold(s, limit)]
    with Pool(2) as pool:
        pages = pool.map(_page, tasks, chunksize=4)
    if limit is None:
        CACHE.write_bytes(pickle.dumps(pages))
    return pages


def decode_f1(pages: list[dict[str, Any]], probs: list[np.ndarray], theta: float, drop: float) -> float:
    from stanceline.ingest.clean_text import select

    scorer = load_scorer()
    f1s = []
    for pg, p in zip(pages, probs, strict=True):
        sel = select(pg["lines"], probs=list(map(float, p)), theta=theta, drop_below=drop)
        f1s.append(scorer.tok_prf("\n".join(sel.body), pg["gold"])[2])
    return float(np.mean(f1s))


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    from stanceline.ingest.clean_features import FEATURE_NAMES

    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--model", choices=["lr", "hgb"], default="lr")
    a = ap.parse_args(argv)
    pages = [p for p in build(a.limit) if p["X"]]
    X = np.array([r for p in pages for r in p["X"]], dtype=float)
    y = np.array([v for p in pages for v in p["y"]])
    groups = np.array([i for i, p in enumerate(pages) for _ in p["y"]])
    # sites repeat across pages of a set; grouping by page host keeps a site out of its own fold
    print(f"{len(pages)} pages, {len(y)} lines, {y.mean():.3f} positive")

    def make() -> Any:
        if a.model == "hgb":
            from sklearn.ensemble import HistGradientBoostingClassifier

            return HistGradientBoostingClassifier(max_iter=150, max_depth=5, learning_rate=0.1)
        return LogisticRegression(C=1.0, max_iter=2000)

    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
        scaler = StandardScaler().fit(X[tr])
        m = make().fit(scaler.transform(X[tr]), y[tr])
        oof[te] = m.predict_proba(scaler.transform(X[te]))[:, 1]
    Path("/tmp/stanceline-oof.pkl").write_bytes(pickle.dumps(oof))
    bounds = np.cumsum([0] + [len(p["y"]) for p in pages])
    per_page = [oof[bounds[i]:bounds[i + 1]] for i in range(len(pages))]
    best = (0.0, 0.5, 0.2)
    for theta in (0.4, 0.5, 0.6):
        for drop in (0.2, 0.3):
            f1 = decode_f1(pages, per_page, theta, drop)
            print(f"theta={theta} drop={drop} oof token F1={f1:.4f}")
            best = max(best, (f1, theta, drop))
    print("best", best)
    if a.model == "lr":
        scaler = StandardScaler().fit(X)
        m = LogisticRegression(C=1.0, max_iter=2000).fit(scaler.transform(X), y)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({
            "features": list(FEATURE_NAMES),
            "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist(),
            "coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0]),
            "theta": best[1], "drop_below": best[2], "oof_token_f1": round(best[0], 4),
            "trained_on": list(SETS), "pages": len(pages),
        }, indent=1))
        print("wrote", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
