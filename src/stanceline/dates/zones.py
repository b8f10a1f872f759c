"""A UTC timestamp turned into the publisher's own day when the page says which clock it keeps.

Pages often state one moment twice: in the site's own zone (`2024-03-05T21:10:00-05:00` in a
<time> element or itemprop, which is also the day the reader sees) and in UTC
(`2024-03-06T02:10:00Z` in meta tags or JSON-LD written by a plugin). The date part of the UTC form
is then a day off from the day the page means. A timestamp with a non-zero offset elsewhere on the
page is the evidence of the publisher's zone; without one the UTC day is kept, since nothing says
where the publisher is (and UTC is many publishers' own zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from stanceline.dates.html import Candidate
from stanceline.dates.parse import PDate, make

# A zoned timestamp this close to the UTC one gives the offset in force at that moment. Further
# away, the page's offset may belong to another season: daylight saving moves it by an hour, so
# the day is taken only if it is the same an hour either way.
_SAME_MOMENT = timedelta(hours=12)
_SEASON_SHIFTS = (timedelta(hours=-1), timedelta(0), timedelta(hours=1))
_ZERO = timedelta(0)


def _local_day(t: datetime, zoned: Sequence[datetime]) -> PDate | None:
    nearest = min(zoned, key=lambda z: abs(z - t))
    offsets: set[timedelta]
    if abs(nearest - t) <= _SAME_MOMENT:
        offsets = {nearest.utcoffset() or _ZERO}
    else:
        offsets = {(z.utcoffset() or _ZERO) + s for z in zoned for s in _SEASON_SHIFTS}
    days = {(t + off).date() for off in offsets}
    if len(days) != 1:
        return None  # the offsets disagree on the day: no evidence which one the page means
    d = days.pop()
    return make(d.year, d.month, d.day)


def localise(cands: Sequence[Candidate]) -> list[Candidate]:
    """The candidates with each UTC timestamp's day replaced by the publisher's day, when the page
    gives the publisher's offset in another timestamp and that offset puts the moment on another
    day. A UTC midnight is left alone: it is how a bare date is often serialised, not a moment."""
    zoned = [c.instant for c in cands if c.instant is not None and c.instant.utcoffset() != _ZERO]
    if not zoned:
        return list(cands)
    out: list[Candidate] = []
    for c in cands:
        t = c.instant
        if t is None or t.utcoffset() != _ZERO or (t.hour, t.minute, t.second) == (0, 0, 0):
            out.append(c)
            continue
        day = _local_day(t, zoned)
        if day is None or day == c.date:
            out.append(c)
            continue
        out.append(replace(c, date=day, evidence=f"{c.evidence} (the page's own day: {day.iso()})"))
    return out
