"""Block quotations with no marks, signed on a line of their own ("– Jane Doe" under them).

Pages set a statement off as a block and credit it on the line below with a dash and a name. The
block is the run of paragraphs right above the signature that speak in the first person (the
statement's own voice) and carry no quotation marks of their own; the run stops at the first
paragraph that does not, which is the article's narration.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from stanceline.nlp.quotes.marks import CLOSE_DQ, OPEN_DQ

_SIGNATURE = re.compile(r"^\s*[-–—]\s*((?:[A-Z][\w.'’-]*\s*){1,4})$")
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us"})
# Paragraphs a block may span above its signature.
_MAX_BLOCK = 6


def signed_blocks(doc: Doc, paras: list[tuple[int, int]]) -> list[tuple[list[tuple[int, int]], Span, Span]]:
    """(paragraph spans of the block, top to bottom; the dash token's span; the name) per signed
    block."""
    text = doc.text
    out: list[tuple[list[tuple[int, int]], Span, Span]] = []
    for pi, (ps, pe) in enumerate(paras):
        m = _SIGNATURE.match(text[ps:pe])
        if m is None or pi == 0:
            continue
        name = doc.char_span(ps + m.start(1), ps + m.start(1) + len(m.group(1).rstrip()), alignment_mode="expand")
        dash = doc.char_span(ps, pe, alignment_mode="expand")
        if name is None or dash is None:
            continue
        block: list[tuple[int, int]] = []
        for qs, qe in reversed(paras[max(0, pi - _MAX_BLOCK) : pi]):
            if not _own_voice(doc, qs, qe):
                break
            block.insert(0, (qs, qe))
        if block:
            out.append((block, dash[:1], name))
    return out


def _own_voice(doc: Doc, s: int, e: int) -> bool:
    text = doc.text[s:e]
    if any(ch in text for ch in OPEN_DQ + CLOSE_DQ) or '"' in text or not text.rstrip().endswith((".", "!", "?", "…")):
        return False
    span = doc.char_span(s, e, alignment_mode="expand")
    return span is not None and any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in span)
