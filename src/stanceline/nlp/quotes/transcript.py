"""Transcripts: turns of a dialogue, each opened by its speaker's label ("SMITH: …", "Q: …").

Pages print an interview or a broadcast as paragraphs that start with the speaker's name in
capitals and a colon, often each opened by a quotation mark that is never closed. Each turn is a
quotation of the labelled speaker; a paragraph without a label right after a turn that re-opens
the quotation goes on with the same turn. A page counts as a transcript only when two or more
different labels take turns, so a lone "UPDATE:" or "WATCH:" line is not read as a speaker.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from stanceline.nlp.quotes.marks import OPEN_DQ

# A label: a name or role in capitals (with an optional title before it), then a colon.
_LABEL = re.compile(r"""\s*["“]?\s*((?:[A-Z][a-z]{1,4}\.\s)?[A-Z][A-Z'’.-]*(?:\s[A-Z][A-Z'’.-]*){0,3}):\s+\S""")
# Labels of page furniture, not speakers.
_NOT_SPEAKERS = frozenset(
    {
        "update", "updated", "note", "editor's", "editor’s", "breaking", "watch", "related", "read",
        "more", "photos", "photo", "video", "correction", "advertisement", "source", "sources",
        "credit", "credits", "listen", "see", "also", "tags", "share",
    }
)  # fmt: skip


def transcript_turns(doc: Doc, paras: list[tuple[int, int]]) -> list[tuple[list[tuple[int, int]], Span]]:
    """(the char spans of a turn's text, paragraph by paragraph; the label) per turn."""
    text = doc.text
    labelled: list[tuple[int, Span, int]] = []  # paragraph index, label span, where its text starts
    for pi, (ps, pe) in enumerate(paras):
        m = _LABEL.match(text, ps, pe)
        if m is None or set(m.group(1).lower().split()) & _NOT_SPEAKERS:
            continue
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if label is not None:
            labelled.append((pi, label, m.end(1) + 1))
    if len({lab.text.upper() for _, lab, _ in labelled}) < 2:
        return []
    starts = {pi: (lab, body) for pi, lab, body in labelled}
    turns: list[tuple[list[tuple[int, int]], Span]] = []
    for pi, (lab, body) in sorted(starts.items()):
        parts = [(body, paras[pi][1])]
        k = pi + 1
        # Unlabelled paragraphs that re-open the quotation go on with the turn.
        while k < len(paras) and k not in starts and _reopens(text, paras[k]):
            parts.append((paras[k][0], paras[k][1]))
            k += 1
        turns.append((parts, lab))
    return turns


def _reopens(text: str, para: tuple[int, int]) -> bool:
    s = text[para[0] : para[1]].lstrip()
    return bool(s) and (s[0] in OPEN_DQ or s[0] == '"')
