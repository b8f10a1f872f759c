"""Fit the date ranker (stanceline.dates.rank) on the dev gold, with honest held-out figures.

    python -m bench.train_dates [--workers 2] [--cache /tmp/dates_pages.pkl] [--no-write]

Every dated page of htmldate_eval, wcxb and trafilatura_eval is read the way an ingest reads it
(`read_like_ingest`: the bytes decoded as `prepare` decodes them, `clean_html`'s body and removed
blocks, then `html_candidates`); every candidate day becomes one row, and a page's rows compete
in a softmax with a "none of these" option (a conditional logit; the option is the answer when
the gold day is not among them). The L2 penalty is chosen on the site-grouped figures. Figures are out-of-fold only:
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
from dataclasses import dataclass
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


# L2 penalty on the standardised weights (chosen on the site-grouped out-of-fold figures: 5, 20,
# 60, 150 and 400 tried; 60 best at the shipped threshold).
LAMBDA = 60.0


@dataclass(frozen=True)
class Fitted:
    coef: Any  # per feature, on the raw (unstandardised) scale
    none_score: float


def fit(X: Any, y: Any, pid: Any) -> Fitted:
    """Conditional logit: per page, softmax over its days' scores and a "none" score."""
    from scipy.optimize import minimize

    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = (X - mu) / sd
    pages, inv = np.unique(pid, return_inverse=True)
    has_gold = np.zeros(len(pages))
    np.add.at(has_gold, inv, y)
    nf = X.shape[1]

    def loss(theta: Any) -> tuple[float, Any]:
        w, b = theta[:nf], theta[nf]
        s = Z @ w
        m = np.full(len(pages), b)
        np.maximum.at(m, inv, s)
        e, en = np.exp(s - m[inv]), np.exp(b - m)
        tot = en.copy()
        np.add.at(tot, inv, e)
        gold_s = np.zeros(len(pages))
        np.add.at(gold_s, inv, s * y)
        gold_s = np.where(has_gold > 0, gold_s, b)
        value = float((np.log(tot) + m - gold_s).sum() + LAMBDA * (w @ w))
        grad_w = Z.T @ (e / tot[inv] - y) + 2 * LAMBDA * w
        grad_b = float((en / tot - (has_gold == 0)).sum())
        return value, np.concatenate([grad_w, [grad_b]])

    theta = minimize(loss, np.zeros(nf + 1), jac=True, method="L-BFGS-B").x
    w, b = theta[:nf], float(theta[nf])
    # Standardising shifts every day's score by the same constant; fold it into the none score.
    return Fitted(w / sd, b + float(w @ (mu / sd)))


def page_probs(m: Fitted, X: Any, pid: Any, pages: Any) -> dict[int, tuple[int, float]]:
    """Per page, the row index of its best day and that day's softmax probability."""
    out: dict[int, tuple[int, float]] = {}
    s = X @ m.coef
    for i in pages:
        idx = np.where(pid == i)[0]
        if len(idx):
            v = s[idx]
            top = max(v.max(), m.none_score)
            z = np.exp(v - top).sum() + np.exp(m.none_score - top)
            j = int(np.argmax(v))
            out[int(i)] = (int(idx[j]), float(np.exp(v[j] - top) / z))
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
        m = fit(X[rows_tr], y[rows_tr], pid[rows_tr])
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

        m = fit(X, y, pid)
        spec = {
            "features": list(FEATURE_NAMES),
            "none_score": round(m.none_score, 5),
            "coef": {k: round(float(v), 5) for k, v in zip(FEATURE_NAMES, m.coef, strict=True) if abs(v) > 1e-6},
            "threshold": MIN_CONFIDENCE,
            "trained_on": "dev parts of " + ", ".join(SETS),
            "out_of_fold": report,
        }
        MODEL_OUT.write_text(json.dumps(spec, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
