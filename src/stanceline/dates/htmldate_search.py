"""htmldate's choice of date, with its free-text fallback parsed here instead of by dateparser.

htmldate's extensive mode hands strings its own rules cannot read to dateparser. dateparser's
first call that no language explains makes it load every locale it has: 1-2 s per process, paid
by the first such page (a command-line run dating one page pays it on that page). htmldate also
gates that fallback on a month-name list built from all dateparser locales. Both hooks are module
globals of `htmldate.extractors`; for the duration of our call they point at this package's
parser and month names, which read the languages the dating stage supports and load nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from functools import lru_cache
from typing import Any

from stanceline.dates.parse import find_all, month_names

# The swap is process-wide; one of our calls at a time.
_LOCK = threading.Lock()


_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?", re.I)
_WORD = re.compile(r"[^\W\d_]+")


def _own_external_date(string: str) -> datetime | None:
    """The date a short text segment consists of, or None (dateparser's role in htmldate).

    Like dateparser in strict mode, the segment must be the date itself, give or take a weekday,
    a time and a connecting word: a sentence that mentions a date is not a date expression, and
    htmldate keeps the oldest date it parses, so a lenient reader here would pull in old events.
    """
    found = find_all(string)
    if len(found) != 1:
        return None
    p, a, b = found[0]
    rest = _TIME.sub(" ", string[:a] + " " + string[b:])
    if len(_WORD.findall(rest)) > 2 or re.search(r"\d", rest):
        return None
    assert p.month is not None and p.day is not None  # find_all yields full dates only
    return datetime(p.year, p.month, p.day)


@lru_cache(maxsize=1)
def _own_month_words() -> frozenset[str]:
    from htmldate.extractors import MONTH_NUMBERS

    return month_names() | frozenset(MONTH_NUMBERS)


def _max_date() -> datetime:
    # htmldate memoises parsed strings keyed by (string, ..., min_date, max_date); its default
    # max_date is the end of today. One microsecond less gives our parses their own cache
    # entries, so neither our parser's answers nor dateparser's leak into the other's callers.
    return datetime.combine(datetime.now().date(), time(23, 59, 59, 999998))


@contextmanager
def _without_dateparser() -> Iterator[None]:
    from htmldate import extractors as ex

    if not (hasattr(ex, "_external_date") and hasattr(ex, "month_words")):
        # another htmldate release moved the hooks: run it as it is (with dateparser) rather than
        # losing its answer to an AttributeError on every page
        yield
        return
    with _LOCK:
        saved = ex._external_date, ex.month_words
        ex._external_date, ex.month_words = _own_external_date, _own_month_words
        try:
            yield
        finally:
            ex._external_date, ex.month_words = saved


def htmldate_find(tree: Any, url: str | None, *, extensive: bool) -> str | None:
    """htmldate's original (publication) date for a parsed page, without dateparser; None on failure."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a declared dependency
        return None
    try:
        with _without_dateparser():
            return find_date(tree, url=url, extensive_search=extensive, original_date=True, max_date=_max_date())
    except Exception:
        # htmldate raises assorted errors on broken markup; no candidate is the right answer.
        return None
