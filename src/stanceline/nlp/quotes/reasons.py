"""Why a stretch in quotation marks is not a quote: title, term, slogan or scare quote.

Every stretch in marks is either part of a quote record or rejected here with a reason, so that
`stanceline quotes --explain` (and the benchmark's recall accounting) can show what was passed over
and why. The reasons stand for classes of usage, read from the words and the parse alone:

* scare quote: fewer than four words ("a so-called “reset”");
* title: a name given rather than words spoken (every word capitalised, or headed by a proper noun);
* term: a phrase with no verb, a label or expression rather than a statement;
* slogan: a clause used as a name inside the sentence around it ('the “we will not pay” chant'),
  the quoted words standing where a noun would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span

from stanceline.nlp.quotes.lexicon import TITLE_GLUE

Reason = Literal["scare quote", "title", "term", "slogan", "unattributed"]
# A stretch shorter than this (in words) is a scare quote or a term, never a statement by itself.
MIN_STATEMENT_WORDS = 4


@dataclass(frozen=True, slots=True)
class Rejected:
    """A stretch in quotation marks that is not (part of) a quote record, and why."""

    start: int
    end: int
    text: str
    reason: Reason


def words_in(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha or t.like_num)


def rejection_reason(doc: Doc, start: int, end: int) -> Reason | None:
    """Why the quoted words at [start, end) are not a statement, or None when they read as one."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or words_in(span) < MIN_STATEMENT_WORDS:
        return "scare quote"
    words = [t for t in span if t.is_alpha]
    if span.root.pos_ == "PROPN" or all(t.is_title or t.is_upper or t.lower_ in TITLE_GLUE for t in words):
        return "title"
    if not any(t.pos_ in {"VERB", "AUX"} for t in span) and not _full_sentence(span):
        return "term"
    if _used_as_name(span):
        return "slogan"
    return None


def _full_sentence(span: Span) -> bool:
    """Six words or more from a capital to a full stop: a sentence even when the tagger finds no
    verb in it ("Every farm gains from this." with "gains" read as a noun)."""
    text = span.text.strip(" \"“”‘’'")
    return words_in(span) >= 6 and text[:1].isupper() and text.endswith((".", "!", "?"))


def _used_as_name(span: Span) -> bool:
    """The quoted clause fills a noun's slot in the sentence around it: it modifies a noun outside
    the marks or is the object of a preposition, and the sentence goes on past it."""
    doc = span.doc
    before = next((t for t in reversed(doc[max(0, span.start - 3) : span.start]) if not t.is_punct), None)
    after = next((t for t in doc[span.end : span.end + 3] if not t.is_punct), None)
    if (
        before is not None
        and after is not None
        and before.pos_ in {"DET", "ADJ", "PRON"}
        and after.pos_ in {"NOUN", "PROPN"}
        and not after.is_sent_start
    ):
        return True  # "the “…” march", "their “…” campaign": a determiner, the words, a noun
    root = span.root
    head = root.head
    if head.i == root.i or span.start <= head.i < span.end:
        return False
    if root.dep_ in {"compound", "amod", "nmod"} and head.pos_ in {"NOUN", "PROPN"}:
        return True
    return root.dep_ == "pobj" and span.end < len(span.doc) and not span.doc[span.end].is_sent_start
