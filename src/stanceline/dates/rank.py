"""The dating stage's one decision layer: P(this day is the publication day) for a page's days.

Every day named by some candidate, or written in the article's part of the page, is described by
the evidence for and against it (which kinds of statement name it, how many other days those
kinds name, whether it is the earliest or latest day, whether a modification date precedes it,
where and how near the headline the page writes it, and whether before or after it). A small
gradient-boosted tree classifier, fitted by bench/train_dates.py on the dev gold only and shipped
as JSON (walked with numpy by `stanceline.trees`), gives each day its probability of being the
publication day; the most probable day wins, and its probability is the confidence below which
`decide.py` withholds it. Trees rather than one weight per feature because the evidence interacts:
a visible "Updated" date means one thing beside a JSON-LD publication date and another when it is
the only date a reader sees. No hand-set weights sit before or after it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from stanceline.dates.html import Candidate, Written
from stanceline.dates.parse import PDate, find_all
from stanceline.errors import ModelMismatchError, ModelMissingError
from stanceline.trees import Trees, read_json_resource, trees_from_spec

MODEL_PATH = "data/dates_rank.json"

KINDS: tuple[str, ...] = (
    "jsonld-pub",
    "jsonld-mod",
    "meta-pub",
    "meta-mod",
    "itemprop-pub",
    "itemprop-mod",
    "time-pub",
    "time",
    "time-mod",
    "url",
    "url-dmy",
    "htmldate-fast",
    "htmldate-extensive",
    "text-cue",
    "text-byline",
    "text-title",
    "text-title2",
    "text-mod",
)
_MOD_KINDS = frozenset({"jsonld-mod", "meta-mod", "itemprop-mod", "time-mod", "text-mod"})
_PUB_STATEMENTS = frozenset({"jsonld-pub", "meta-pub", "itemprop-pub", "time-pub", "url", "url-dmy"})
_HTMLDATE_KINDS = frozenset({"htmldate-fast", "htmldate-extensive"})
_FREE_KINDS = _HTMLDATE_KINDS | {"text-cue", "text-byline", "text-title", "text-title2", "time"}

FEATURE_NAMES: tuple[str, ...] = (
    *(f"sup:{k}" for k in KINDS),
    *(f"con:{k}" for k in KINDS),
    "npub",
    "pub_against",
    "ndays",
    "earliest",
    "latest",
    "after_mod",
    "before_pub",
    "free_only",
    "url_other_day",
    "same_month_other",
    "in_body",
    "body_days",
    "removed_only",
    "unwritten",
    "day1_free",
    "jan1_free",
    "nsup",
    "mod_backed",
    "w_count",
    "w_near",
    "w_dist",
    "w_nearest",
    "w_days",
    "w_main",
    "w_chrome_only",
    "w_far",
    "free_main",
    "free_chrome",
    "free_nowhere",
    "written_only",
    "w_before",
    "w_before_near",
    "free_before",
    "hd_both",
    "page_pub_days",
    "page_mod",
    "page_text_mod",
    "page_hd_agree",
)


@dataclass(frozen=True, slots=True)
class RankModel:
    trees: Trees  # P(publication day) of one day's feature row, in FEATURE_NAMES order


def teaser_days(text: str, removed: Sequence[str]) -> set[PDate]:
    """Days written in removed teaser-like blocks and nowhere in the article body.

    A short removed block does not count: a cleaner may drop a header line such as "Published
    18 Oct 2024" as chrome, and that line is exactly the evidence wanted. A teaser carries a
    headline or summary next to its date, so its block is long.
    """
    out: set[PDate] = set()
    for block in removed:
        for p, a, b in find_all(block):
            if len(block) > (b - a) + 60:
                out.add(p)
    if out and text:
        out -= {p for p, _, _ in find_all(text)}
    return out


def day_features(
    cands: Sequence[Candidate],
    text: str,
    removed: Sequence[str],
    written: dict[PDate, Written] | None,
) -> dict[PDate, dict[str, float]]:
    """Features of every day-precision candidate day on a page.

    `text` and `removed` are the cleaner's body and removed blocks; `written` the days written in
    the page's visible text (None when the page could not be parsed).
    """
    day = [c for c in cands if c.date.day is not None]
    named_days = {c.date for c in day}
    # Days written in the article's part of the page are candidates too, though no reader named
    # them: a date under the headline in a form no markup states is still the dateline.
    main_days = {d for d, w in (written or {}).items() if w.in_main and d.day is not None}
    days = sorted(named_days | main_days, key=lambda d: d.first_day())
    if not days:
        return {}
    named: dict[str, set[PDate]] = defaultdict(set)
    for c in day:
        named[c.kind].add(c.date)
    mod_days = {d for k in _MOD_KINDS for d in named.get(k, ())}
    pub_days = {d for k in _PUB_STATEMENTS for d in named.get(k, ())}
    url_days = named.get("url", set()) | named.get("url-dmy", set())
    # Days the reader sees: in the article body, or only in blocks the cleaner removed (teasers,
    # comments, lists of other stories).
    body = {p for p, _, _ in find_all(text)} if text else set()
    rem: set[PDate] = set()
    for block in removed:
        rem |= {p for p, _, _ in find_all(block)}
    near = [(w.distance, p) for p, w in (written or {}).items() if w.distance is not None]
    nearest = min(near, key=lambda t: (t[0], t[1].first_day()))[1] if near else None
    # What the page as a whole offers, the same on each of its days: the trees weigh a day's own
    # evidence differently when the page states several publication days, states a modification,
    # shows an "Updated" line, or when htmldate's two modes disagree.
    hd = [named.get(k, set()) for k in ("htmldate-fast", "htmldate-extensive")]
    page = {
        "page_pub_days": math.log1p(len(pub_days)),
        "page_mod": float(bool(mod_days)),
        "page_text_mod": float(bool(named.get("text-mod"))),
        "page_hd_agree": float(bool(hd[0]) and hd[0] == hd[1]),
    }
    out: dict[PDate, dict[str, float]] = {}
    for d in days:
        f: dict[str, float] = dict(page)
        f["hd_both"] = float(all(d in h for h in hd))
        for k, ds in named.items():
            if k not in KINDS:
                continue
            if d in ds:
                # A kind naming many days (a listing's <time> elements) says little about each.
                f[f"sup:{k}"] = 1.0 / len(ds)
            else:
                f[f"con:{k}"] = 1.0
        sup = {c.kind for c in day if c.date == d}
        pub_for = sup & _PUB_STATEMENTS
        f["npub"] = math.log1p(len(pub_for))
        f["pub_against"] = math.log1p(len({k for k in _PUB_STATEMENTS if named.get(k) and d not in named[k]}))
        f["written_only"] = float(d not in named_days)
        f["ndays"] = math.log1p(len(days))
        f["earliest"] = float(d == days[0] and len(days) > 1)
        f["latest"] = float(d == days[-1] and len(days) > 1)
        f["after_mod"] = float(any(m.first_day() < d.first_day() for m in mod_days))
        f["before_pub"] = float(any(p.first_day() > d.first_day() for p in pub_days))
        free_only = sup <= _FREE_KINDS
        f["free_only"] = float(free_only)
        f["url_other_day"] = float(bool(url_days) and d not in url_days)
        f["same_month_other"] = float(any(o != d and (o.year, o.month) == (d.year, d.month) for o in days))
        f["in_body"] = float(d in body)
        f["body_days"] = math.log1p(len(body))
        f["removed_only"] = float(d in rem and d not in body)
        f["unwritten"] = float(d not in rem and d not in body)
        # htmldate completes a month or a year it read ("© 2016", "03/2020") with day 1: a first
        # of the month that only free-text readers name is often such a completion.
        f["day1_free"] = float(free_only and d.day == 1)
        f["jan1_free"] = float(free_only and d.day == 1 and d.month == 1)
        f["nsup"] = math.log1p(len(sup))
        # Named only by "last modified/updated" statements and htmldate's re-reading of the page.
        f["mod_backed"] = float(bool(sup & _MOD_KINDS) and sup <= (_MOD_KINDS | _HTMLDATE_KINDS))
        if written is not None:
            w = written.get(d)
            if free_only:
                # Days only free-text readers (htmldate, the headline's neighbourhood) name: where
                # on the page they are written is most of the evidence there is.
                f["free_main"] = float(w is not None and w.in_main)
                f["free_chrome"] = float(w is not None and not w.in_main)
                f["free_nowhere"] = float(w is None)
            f["w_days"] = math.log1p(len(written))
            if w is not None:
                f["w_count"] = math.log1p(w.count)
                f["w_main"] = float(w.in_main)
                f["w_chrome_only"] = float(not w.in_main)
                f["w_far"] = float(w.distance is not None and w.distance > 3000)
                if w.distance is not None:
                    f["w_near"] = float(w.distance <= 300)
                    f["w_dist"] = math.log1p(w.distance) / 10
                f["w_nearest"] = float(d == nearest)
                f["w_before"] = float(w.before)
                f["w_before_near"] = float(w.before and w.distance is not None and w.distance <= 300)
                if free_only:
                    f["free_before"] = float(w.before)
        out[d] = f
    return out


def rank(
    model: RankModel,
    cands: Sequence[Candidate],
    text: str,
    removed: Sequence[str],
    written: dict[PDate, Written] | None,
) -> tuple[PDate, float] | None:
    """The most probable publication day and its probability, or None without candidate days."""
    feats = day_features(cands, text, removed, written)
    if not feats:
        return None
    days = list(feats)
    probs = model.trees.proba([[f.get(k, 0.0) for k in FEATURE_NAMES] for f in feats.values()])
    # Ties go to the earlier day: a later one is more often a modification.
    best = max(range(len(days)), key=lambda i: (float(probs[i]), -days[i].first_day().toordinal()))
    return days[best], float(probs[best])


def from_spec(spec: dict[str, Any]) -> RankModel | None:
    """The model in a JSON spec, or None if it was fitted on other features."""
    if tuple(spec.get("features", ())) != FEATURE_NAMES or "trees" not in spec:
        return None
    return RankModel(trees_from_spec(spec["trees"]))


@lru_cache(maxsize=1)
def load() -> RankModel:
    """The shipped model, read once per process. It is the only thing that decides an HTML page's
    date, so a missing or stale file is an error, not a silent fallback."""
    spec = read_json_resource(MODEL_PATH)
    if spec is None:
        raise ModelMissingError(f"the date ranker ({MODEL_PATH}) is missing from the installed package: reinstall "
                                "stanceline")
    model = from_spec(spec)
    if model is None:
        raise ModelMismatchError(f"the date ranker ({MODEL_PATH}) was fitted on other features than this version "
                                 "computes: run python -m bench.train_dates")
    return model
