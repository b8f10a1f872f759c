"""Sentence pieces of quoted text: the sentence-level view of a quotation."""

from __future__ import annotations

import re

from stanceline.nlp.quotes.marks import alnum

_ABBREV_END = re.compile(r"(\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|St|Jr|Sr|No|vs|etc|U\.S|U\.K)\.)$")


# Sentence ends, and editorial elisions "[...]" that join fragments of different sentences.
_SENT_BREAK = re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\s*\[(?:\.\.\.|…)\]\s*")


def split_sentences(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split quoted text into sentences so each attributed statement is its own record."""
    out: list[tuple[int, int]] = []
    cur = s
    for m in _SENT_BREAK.finditer(text, s, e):
        if _ABBREV_END.search(text[max(s, m.start() - 6) : m.start() + 1]):
            continue
        end = m.start() + (0 if text[m.start()] in " [" else 1)
        if alnum(text, cur, end) >= 3:
            out.append((cur, end))
            cur = m.end()
    if alnum(text, cur, e) >= 3:
        out.append((cur, e))
    elif out:
        out[-1] = (out[-1][0], e)
    return out or [(s, e)]
