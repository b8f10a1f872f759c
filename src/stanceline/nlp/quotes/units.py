"""Quotation units: the sentence pieces of one speaker's contiguous quotation as one record.

A unit is what news readers (and PolNeAR, Quotebank, the GenderGapTracker) count as one quote:
"A," she said, "B. C." is one record. Its `start`/`end` run from the first piece to the last, so
`text[start:end]` is the whole evidence, the attribution between the pieces included; its `spans`
are the pieces themselves, one per sentence and side of the attribution (the sentence-level view).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from stanceline.model import Quote


@dataclass(frozen=True, slots=True)
class Piece:
    """One sentence-level quote record and whether it continues the piece before it."""

    quote: Quote
    joins: bool = False


def merge_units(pieces: list[Piece], text: str) -> list[Quote]:
    """Fold each joining piece into the unit before it when both are direct and have one speaker.

    The unit keeps the first piece's cue, speaker and confidence (the piece the cue attaches to),
    so consumers that read `cue`, `speaker_*` and `confidence` see the same fields as before.
    """
    out: list[Quote] = []
    spans: list[list[tuple[int, int]]] = []
    for p in sorted(pieces, key=lambda p: (p.quote.start, -p.quote.end)):
        q = p.quote
        prev = out[-1] if out else None
        if prev is not None and _same_voice(prev, q) and q.start >= prev.end and (p.joins or _same_cue(prev, q, text)):
            spans[-1].extend(q.spans or [(q.start, q.end)])
            out[-1] = replace(prev, end=q.end, text=text[prev.start : q.end])
            continue
        out.append(q)
        spans.append(list(q.spans or [(q.start, q.end)]))
    return [replace(q, spans=tuple(s)) for q, s in zip(out, spans, strict=True)]


def _same_voice(a: Quote, b: Quote) -> bool:
    if a.kind != "direct" or b.kind != "direct":
        return False
    if a.speaker_key is not None or b.speaker_key is not None:
        return a.speaker_key == b.speaker_key
    return a.speaker_start == b.speaker_start


def _same_cue(a: Quote, b: Quote, text: str) -> bool:
    """Two quotations of one paragraph that one cue credits ("“A,” X said at the dinner, where Y
    spoke too. “B.”"): one quotation resumed, as news readers count it."""
    return a.cue_start is not None and a.cue_start == b.cue_start and "\n" not in text[a.end : b.start]
