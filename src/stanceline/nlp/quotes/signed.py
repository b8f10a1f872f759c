"""Block quotations with no marks, signed on a line of their own ("– Jane Doe" under them), and
embedded posts, credited the way a social network's embed prints them ("… — Jane Doe (@jdoe)
May 3, 2021").

Pages set a statement off as a block and credit it on the line below with a dash and a name. The
block is the run of paragraphs right above the signature that speak in the first person (the
statement's own voice) and carry no quotation marks of their own; the run stops at the first
paragraph that does not, which is the article's narration. An embedded post's credit carries the
account's handle in brackets, so the words before it (on its line, or the paragraph above when
the credit stands alone) are the post whatever their voice.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from stanceline.nlp.quotes.marks import CLOSE_DQ, OPEN_DQ

_SIGNATURE = re.compile(r"^\s*[-–—]\s*((?:[A-Z][\w.'’-]*\s*){1,4})$")
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us"})
# Paragraphs a block may span above its signature.
_MAX_BLOCK = 6
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# The tail of an embedded post's credit closing its line: "(@handle)" and the date (an author's
# "— Name (@handle)" under an article, with no date, is a byline, not a post).
_POST_HANDLE = re.compile(
    r"\(@\w{1,30}\)\s*(?:" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4})\s*$"
)
# The display name between the credit's dash and the handle.
_MAX_NAME = 60
# Words a post needs to be a statement rather than a stray credit line.
_MIN_POST_WORDS = 3


def signed_blocks(doc: Doc, paras: list[tuple[int, int]]) -> list[tuple[list[tuple[int, int]], Span, Span]]:
    """(paragraph spans of the block, top to bottom; the dash token's span; the name) per signed
    block."""
    text = doc.text
    out: list[tuple[list[tuple[int, int]], Span, Span]] = []
    for pi, (ps, pe) in enumerate(paras):
        post = _post(doc, paras, pi)
        if post is not None:
            out.append(post)
            continue
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


def _post(doc: Doc, paras: list[tuple[int, int]], pi: int) -> tuple[list[tuple[int, int]], Span, Span] | None:
    """An embedded post credited at the end of paragraph `pi`: (the post's span, the dash, the
    display name)."""
    text = doc.text
    ps, pe = paras[pi]
    m = _POST_HANDLE.search(text, ps, pe)
    if m is None:
        return None
    # The credit's dash: the last one, set off by a space, before the handle.
    lo = max(ps, m.start() - _MAX_NAME)
    dashes = [i for i in range(lo, m.start()) if text[i] in "-–—" and (i == ps or text[i - 1].isspace())]
    if not dashes:
        return None
    dash_at = dashes[-1]
    name_s = dash_at + 1
    while name_s < m.start() and text[name_s] in " -–—":
        name_s += 1
    name_e = name_s + len(text[name_s : m.start()].rstrip())
    if name_e <= name_s:
        return None
    body = (ps, dash_at)
    if len(text[ps:dash_at].split()) < _MIN_POST_WORDS:
        if text[ps:dash_at].strip() or pi == 0:
            return None
        body = paras[pi - 1]  # the credit on a line of its own, under the post
    s, e = body
    e = s + len(text[s:e].rstrip())
    if len(text[s:e].split()) < _MIN_POST_WORDS:
        return None
    name = doc.char_span(name_s, name_e, alignment_mode="expand")
    dash = doc.char_span(dash_at, dash_at + 1, alignment_mode="expand")
    if name is None or dash is None or not len(name) or not len(dash):
        return None
    return [(s, e)], dash[:1], name
