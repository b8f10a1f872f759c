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

INTERCEPT = 0.4656
COEF: dict[str, float] = {
    "con:htmldate-fast": 0.385,
    "con:htmldate-orig": 0.038,
    "con:itemprop-mod": -0.077,
    "con:itemprop-pub": 0.189,
    "con:jsonld-mod": 0.063,
    "con:jsonld-pub": -0.07,
    "con:meta-mod": 0.269,
    "con:meta-pub": 0.705,
    "con:text-cue": 0.193,
    "con:text-mod": -1.928,
    "con:text-title": -0.617,
    "con:text-title2": -0.119,
    "con:time": -1.463,
    "con:time-mod": 0.557,
    "con:time-pub": -0.082,
    "con:url": -1.093,
    "ndates": 0.506,
    "same_month_others": -0.546,
    "share": 0.714,
    "sup:htmldate-fast": 0.458,
    "sup:htmldate-orig": -0.05,
    "sup:itemprop-mod": 0.213,
    "sup:itemprop-pub": 1.0,
    "sup:jsonld-mod": 0.335,
    "sup:jsonld-pub": 0.021,
    "sup:meta-mod": 0.436,
    "sup:meta-pub": 0.005,
    "sup:text-cue": 1.184,
    "sup:text-mod": -0.886,
    "sup:text-title": 0.863,
    "sup:text-title2": 0.221,
    "sup:time": 0.1,
    "sup:time-mod": 1.404,
    "sup:time-pub": -0.023,
    "sup:url": 0.338,
    "sup:url-dmy": 0.679,
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
