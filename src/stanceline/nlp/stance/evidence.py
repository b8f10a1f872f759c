"""Evidence spans: the words that carry a position, exactly as they stand in the document text.

The evidence is the sentence, cut to the lines that hold the clause when page chrome and headings
run into it, and, in a long run-on sentence, trimmed to the clause that carries the stance: the
attachments at its edges (adverbial and conjoined clauses, fronted or trailing phrases) that hold
none of the holder, its verb, the target or a cue are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# Attachments that can leave a long sentence's evidence when they hold none of its cues: adverbial
# clauses, conjoined clauses, fronted or trailing phrases ("Despite ..., X said ...; while ...").
_TRIM_DEPS = {"advcl", "conj", "cc", "parataxis", "punct", "prep", "npadvmod", "advmod"}
TRIM_MIN_CHARS = 160  # only run-on sentences are trimmed
_EDGE_PUNCT = " ,;:—–-\u00a0"


def trim_clause(
    text: str, doc: Any, sent: Any, start: int, end: int, keep: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """The clause of a long sentence that carries the stance: going down the sentence's edges from
    its root, drop the clause-level attachments (adverbial and conjoined clauses, fronted or
    trailing phrases) that hold none of the holder, its verb, the term or a cue. Returns (start,
    end) with text[start:end] the evidence; the sentence's own range when nothing can be dropped
    cleanly."""
    if end - start < TRIM_MIN_CHARS or not keep:
        return start, end
    lo, hi = min(a for a, _ in keep), max(b for _, b in keep)
    if lo < start or hi > end:
        return start, end
    toks = [t for t in sent if start <= t.idx < end]
    keep_toks = [t for t in toks if any(t.idx < b and a < t.idx + len(t.text) for a, b in keep)]
    if not keep_toks:
        return start, end
    top = sent.root
    left, right = toks[0].i, toks[-1].i
    # peel droppable attachments off both edges while they hold nothing to keep, going down the
    # edge of the tree ("X urged the council to act on ..., hoping ...": "hoping" hangs lower)
    keep_ids = {t.i for t in keep_toks}

    def peel(node: Any, from_right: bool) -> int | None:
        """New edge token index, or None when nothing was dropped."""
        edge: int | None = None
        for _ in range(12):
            kids = sorted(
                (c for c in node.children if (c.i > node.i if from_right else c.i < node.i)),
                key=lambda c: -c.i if from_right else c.i,
            )
            down = None
            for c in kids:
                ids = {x.i for x in c.subtree}
                if ids & keep_ids:
                    down = c
                    break
                if c.dep_ not in _TRIM_DEPS or any(
                    x.ent_type_ == "DATE" and re.fullmatch(r"\d{4}", x.text) for x in c.subtree
                ):
                    return edge  # a phrase with a year stays: it may be what dates the position
                edge = min(ids) - 1 if from_right else max(ids) + 1
            if down is not None and down.pos_ not in {"VERB", "AUX"}:
                return edge  # only clauses are peeled, never the inside of a noun phrase
            if down is None:
                return edge
            node = down
        return edge

    r = peel(top, True)
    if r is not None:
        right = r
    lft = peel(top, False)
    if lft is not None:
        left = lft
    if left > right:
        return start, end
    a, b = doc[left].idx, doc[right].idx + len(doc[right].text)
    a, b = max(a, start), min(b, end)
    while a < b and text[a] in _EDGE_PUNCT:
        a += 1
    while b > a and text[b - 1] in _EDGE_PUNCT:
        b -= 1
    # nothing but closing marks and the full stop left over: keep them
    if not text[b:end].strip(' .!?"”’»)'):
        b = end
    if b - a < 40 or (a, b) == (start, end) or a > lo or b < hi:
        return start, end
    return a, b


def lstrip_len(s: str) -> int:
    return len(s) - len(s.lstrip())


def evidence_span(text: str, doc: Any, sent: Any, keep: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """(start, end) of the evidence for a reading whose important characters are `keep`."""
    start, end = sent.start_char, sent.end_char
    lo = min([a for a, _ in keep] or [start])
    hi = max([b for _, b in keep] or [end])
    nl = text.rfind("\n", start, lo)
    start = nl + 1 if nl >= 0 else start
    nl = text.find("\n", hi, end)
    end = nl if nl >= 0 else end
    keep = [(max(a, start), min(b, end)) for a, b in keep if a < end and b > start]
    start, end = trim_clause(text, doc, sent, start, end, keep)
    seg = text[start:end]
    start += lstrip_len(seg)
    end = start + len(seg.strip())
    return start, end
