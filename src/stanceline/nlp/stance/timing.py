"""When a position was taken: the document's date, unless the text dates the act itself.

An explicit past year, or month and year, on the holder's verb dates the act ("in 2008, NATO
declared ...", "backed Remain during the 2016 campaign"); dates elsewhere in the sentence belong
to other things, and a date not before the document's own is the document's time anyway.
"""

from __future__ import annotations

import re
from typing import Any

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}


def _own_phrase(head: Any) -> list[Any]:
    """The phrase's tokens without the clauses inside it ("from the pact, which dates from
    1999": the year dates the pact, not the act of leaving it)."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl", "ccomp", "advcl"})
    return sorted(out, key=lambda t: t.i)


def text_date(verb: Any | None, doc_date: str | None) -> str | None:
    """An explicit past year or month-year on the holder's verb dates the act ("in 2008, NATO
    declared ..."); dates elsewhere in the sentence belong to other things."""
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ not in {"prep", "npadvmod", "advmod", "pobj"}:
            continue
        for t in _own_phrase(c):
            if t.ent_type_ != "DATE" or t.ent_iob_ != "B":
                continue
            span = next((e for e in t.doc.ents if e.start == t.i), None)
            if span is None:
                continue
            m = re.fullmatch(r"(?:([A-Za-z]+)\s+)?(\d{4})", span.text.strip())
            if not m:
                continue
            year = m.group(2)
            month = _MONTHS.get((m.group(1) or "").lower())
            if doc_date and year >= doc_date[:4]:
                continue
            return f"{year}-{month:02d}" if month else year
    return None
