"""Calibrated confidence for the HTML date vote: P(the voted day is the publication day).

A logistic model over which kinds of evidence support or contradict the winning day, fitted on
the dev parts of htmldate_eval, wcxb and trafilatura_eval (`bench/dates.py` measures it; the
leave-one-set-out check is in the report of issue 4). The raw vote share alone was poorly
calibrated: pages where every source agrees and pages where htmldate alone guessed looked alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from stanceline.ingest.dates_html import Candidate
from stanceline.ingest.dates_parse import PDate

INTERCEPT = 0.4836
COEF: dict[str, float] = {
    "con:htmldate-fast": 0.388,
    "con:htmldate-latest": -0.096,
    "con:htmldate-orig": 0.111,
    "con:itemprop-mod": -0.088,
    "con:itemprop-pub": 0.203,
    "con:jsonld-mod": 0.122,
    "con:jsonld-pub": -0.106,
    "con:meta-mod": 0.395,
    "con:meta-pub": 0.67,
    "con:text-cue": 0.244,
    "con:text-mod": -1.872,
    "con:text-title": -0.6,
    "con:text-title2": -0.106,
    "con:time": -1.41,
    "con:time-mod": 0.562,
    "con:time-pub": -0.053,
    "con:url": -1.083,
    "ndates": 0.395,
    "same_month_others": -0.477,
    "share": 0.727,
    "sup:htmldate-fast": 0.433,
    "sup:htmldate-latest": 0.117,
    "sup:htmldate-orig": -0.09,
    "sup:itemprop-mod": 0.205,
    "sup:itemprop-pub": 1.011,
    "sup:jsonld-mod": 0.315,
    "sup:jsonld-pub": 0.043,
    "sup:meta-mod": 0.44,
    "sup:meta-pub": 0.009,
    "sup:text-cue": 1.188,
    "sup:text-mod": -0.897,
    "sup:text-title": 0.866,
    "sup:text-title2": 0.221,
    "sup:time": 0.105,
    "sup:time-mod": 1.401,
    "sup:time-pub": -0.019,
    "sup:url": 0.294,
    "sup:url-dmy": 0.673,
}


def features(cands: Sequence[Candidate], best: PDate, share: float) -> dict[str, float]:
    day = [c for c in cands if c.date.day is not None]
    f: dict[str, float] = {}
    kinds = {c.kind for c in day}
    for k in kinds:
        supports = any(c.date == best for c in day if c.kind == k)
        f[("sup:" if supports else "con:") + k] = 1.0
    f["share"] = share
    f["ndates"] = math.log1p(len({c.date for c in day}))
    f["same_month_others"] = float(
        any(c.date != best and c.date.year == best.year and c.date.month == best.month for c in day)
    )
    return f


def probability(cands: Sequence[Candidate], best: PDate, share: float) -> float:
    z = INTERCEPT + sum(COEF.get(k, 0.0) * v for k, v in features(cands, best, share).items())
    return 1.0 / (1.0 + math.exp(-z))
