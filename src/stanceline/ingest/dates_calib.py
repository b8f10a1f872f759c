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

INTERCEPT = 0.4072
COEF: dict[str, float] = {
    "con:htmldate-fast": 0.608,
    "con:htmldate-latest": -0.088,
    "con:htmldate-orig": -0.169,
    "con:itemprop-mod": -0.087,
    "con:itemprop-pub": 0.218,
    "con:jsonld-mod": 0.084,
    "con:jsonld-pub": -0.143,
    "con:meta-mod": 0.471,
    "con:meta-pub": 0.674,
    "con:text-cue": -0.214,
    "con:text-mod": -1.962,
    "con:text-title": -0.547,
    "con:text-title2": -0.004,
    "con:time": -1.253,
    "con:time-mod": 0.632,
    "con:time-pub": 0.051,
    "con:url": -0.907,
    "ndates": 0.111,
    "same_month_others": -0.302,
    "share": 0.53,
    "sup:htmldate-fast": 0.571,
    "sup:htmldate-latest": 0.1,
    "sup:htmldate-orig": 0.181,
    "sup:itemprop-mod": 0.2,
    "sup:itemprop-pub": 1.123,
    "sup:jsonld-mod": 0.322,
    "sup:jsonld-pub": 0.117,
    "sup:meta-mod": 0.435,
    "sup:meta-pub": 0.033,
    "sup:text-cue": 1.052,
    "sup:text-mod": -0.848,
    "sup:text-title": 0.961,
    "sup:text-title2": 0.236,
    "sup:time": 0.127,
    "sup:time-mod": 1.414,
    "sup:time-pub": -0.097,
    "sup:url": 0.322,
    "sup:url-dmy": 0.685,
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
