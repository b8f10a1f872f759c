"""Fit the date ranker (stanceline.dates.rank) on the dev gold, with honest held-out figures.

    python -m bench.train_dates [--workers 2] [--cache /tmp/dates_pages.pkl] [--no-write]

Every dated page of htmldate_eval, wcxb and trafilatura_eval is read the way an ingest reads it
(`read_like_ingest`: the bytes decoded as `prepare` decodes them, `clean_html`'s body and removed
blocks, then `html_candidates`); every candidate day becomes one row labelled 1 if it is the gold
day, and a gradient-boosted tree classifier (scikit-learn's HistGradientBoostingClassifier, small:
see PARAMS) learns P(gold) per day; a page's answer is its most probable day, withheld below the
threshold. PARAMS were chosen on the site-grouped figures. Figures are out-of-fold only:
GroupKFold (5 folds) grouped by site over the pooled sets, and leave-one-set-out, where the
held-out set's sites are also dropped from training (the sets share pages). The final model is
fitted on all pages and written to src/stanceline/data/dates_rank.json with those figures.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from bench.dates import SETS
from bench.gold import load_gold, read_raw

ROOT = Path(__file__).resolve().parent.parent
MODEL_OUT = ROOT / "src" / "stanceline" / "data" / "dates_rank.json"
THRESHOLDS = (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)


def _site(url: str | None, fallback: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url or "", flags=re.I).split("/")[0].lower()
    return re.sub(r"^www\d?\.", "", host) or fallback


def read_like_ingest(raw: bytes, url: str | None) -> tuple[str, str, tuple[str, ...]]:
    """(decoded page, cleaned text, removed blocks) exactly as `pipeline.prepare` makes them."""
    from stanceline.clean.core import clean_html
    from stanceline.sources.decode import decode_bytes

    html = decode_bytes(raw, declared=None, is_html=True)
    cleaned = clean_html(html, url)
    return html, cleaned.text, tuple(cleaned.removed)


def read_page(job: tuple[str, str, str | None, str]) -> dict[str, Any]:
    from stanceline.dates.decide import html_candidates

    set_name, page_id, url, gold = job
    html, text, removed = read_like_ingest(read_raw(set_name, page_id), url)
    page = html_candidates(html, url, text, removed)
    return {
        "set": set_name,
        "id": page_id,
        "site": _site(url, page_id),
        "gold": gold[:10],
        "text": text,
        "removed": tuple(removed),
        "page": page,
    }


def read_pages(workers: int) -> list[dict[str, Any]]:
    jobs = []
    for set_name in SETS:
        for g in load_gold(set_name):
            if g.get("date"):
                jobs.append((set_name, g["id"], g.get("url"), g["date"]))
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(read_page, jobs, chunksize=8))


def rows(pages: list[dict[str, Any]]) -> tuple[Any, Any, Any, list[list[Any]]]:
    """Feature matrix, labels, page index of each row, and each page's candidate days."""
    from stanceline.dates.rank import FEATURE_NAMES, day_features

    X: list[list[float]] = []
    y: list[int] = []
    pid: list[int] = []
    days: list[list[Any]] = []
    for i, p in enumerate(pages):
        ev = p["page"]
        feats = day_features(ev.cands, p["text"], p["removed"], ev.written)
        days.append(list(feats))
        for d, f in feats.items():
            X.append([f.get(k, 0.0) for k in FEATURE_NAMES])
            y.append(int(d.iso() == p["gold"]))
            pid.append(i)
    return np.asarray(X), np.asarray(y), np.asarray(pid), days


# Chosen on the site-grouped out-of-fold figures among depths 2-4, 120-400 trees and leaves of at
# least 20 or 40 rows: deeper, longer or more regularised ensembles gained nothing out of fold.
PARAMS: dict[str, Any] = {"max_depth": 3, "max_iter": 200, "learning_rate": 0.05, "min_samples_leaf": 20,
                          "early_stopping": False}


def fit(X: Any, y: Any) -> Any:
    """P(gold day) per candidate day: a fitted HistGradientBoostingClassifier."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=0, **PARAMS).fit(X, y)


def page_probs(m: Any, X: Any, pid: Any, pages: Any) -> dict[int, tuple[int, float]]:
    """Per page, the row index of its best day and that day's probability (ties: the earlier day,
    which comes first in a page's rows, as `rank.rank` breaks them)."""
    out: dict[int, tuple[int, float]] = {}
    rows_te = np.where(np.isin(pid, pages))[0]
    if not len(rows_te):
        return out
    prob = m.predict_proba(X[rows_te])[:, 1]
    for r, q in zip(rows_te, prob, strict=True):
        i = int(pid[r])
        if i not in out or q > out[i][1]:
            out[i] = (int(r), float(q))
    return out


def oof(
    X: Any, y: Any, pid: Any, pages: list[dict[str, Any]], days: list[list[Any]], scheme: str
) -> list[tuple[str | None, float]]:
    """Out-of-fold decisions per page: (best day, probability), never from a model that saw the site."""
    from sklearn.model_selection import GroupKFold

    site = np.asarray([p["site"] for p in pages])
    sets = np.asarray([p["set"] for p in pages])
    allp = np.arange(len(pages))
    if scheme == "site-5fold":
        folds = [(allp[tr], allp[te]) for tr, te in GroupKFold(5).split(allp, groups=site)]
    else:
        folds = []
        for s in SETS:
            te = allp[sets == s]
            folds.append((allp[(sets != s) & ~np.isin(site, site[te])], te))
    dec: list[tuple[str | None, float]] = [(None, 0.0)] * len(pages)
    for tr, te in folds:
        rows_tr = np.isin(pid, tr)
        m = fit(X[rows_tr], y[rows_tr])
        for i, (row, p) in page_probs(m, X, pid, te).items():
            k = int(row - np.where(pid == i)[0][0])
            dec[i] = (days[i][k].iso(), p)
    return dec


def scores(dec: list[tuple[str | None, float]], pages: list[dict[str, Any]], thr: float) -> dict[str, Any]:
    res: dict[str, Any] = {}
    for s in SETS:
        idx = [i for i, p in enumerate(pages) if p["set"] == s]
        out = [dec[i][0] if dec[i][1] >= thr else None for i in idx]
        ok = sum(1 for i, o in zip(idx, out, strict=True) if o == pages[i]["gold"])
        ret = sum(1 for o in out if o)
        n = len(idx)
        res[s] = {"n": n, "acc": round(ok / n, 4), "prec": round(ok / max(ret, 1), 4), "cov": round(ret / n, 4)}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the read pages (reused if present)")
    ap.add_argument("--no-write", action="store_true")
    a = ap.parse_args(argv)
    if a.cache and a.cache.exists():
        pages = pickle.loads(a.cache.read_bytes())
    else:
        pages = read_pages(a.workers)
        if a.cache:
            a.cache.write_bytes(pickle.dumps(pages))
    X, y, pid, days = rows(pages)
    print(f"{len(pages)} pages, {len(y)} candidate days, {int(y.sum())} gold", file=sys.stderr)
    report: dict[str, Any] = {}
    show: Callable[[str], None] = print
    for scheme in ("site-5fold", "leave-one-set-out"):
        dec = oof(X, y, pid, pages, days, scheme)
        report[scheme] = {str(t): scores(dec, pages, t) for t in THRESHOLDS}
        for t in THRESHOLDS:
            sc = report[scheme][str(t)]
            show(
                f"{scheme:18s} thr {t:.2f}  "
                + "  ".join(f"{s} {v['acc']:.3f}/{v['prec']:.3f}/{v['cov']:.3f}" for s, v in sc.items())
            )
    if not a.no_write:
        from stanceline.dates.decide import MIN_CONFIDENCE
        from stanceline.dates.rank import FEATURE_NAMES
        from stanceline.trees import export_hgb

        spec = {
            "features": list(FEATURE_NAMES),
            "trees": export_hgb(fit(X, y)),
            "params": PARAMS,
            "threshold": MIN_CONFIDENCE,
            "trained_on": "dev parts of " + ", ".join(SETS),
            "out_of_fold": report,
        }
        MODEL_OUT.write_text(json.dumps(spec, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
