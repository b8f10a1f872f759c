"""The dating stage: a publication date at the precision known, with its source and evidence.

Priority: manifest > feed > the page's own HTML > URL > a dateline or "Published …" cue at the top
of the cleaned body > none. For HTML, every reader contributes candidates (JSON-LD, meta tags,
itemprop, <time>, the URL, htmldate in both modes, dates written by the headline, after a
"Published" cue or after a byline, every day written in the page's text) and one learned ranker
(`rank.py`) picks the day and gives its probability; below `MIN_CONFIDENCE` the day is withheld
(None) rather than guessed, because a wrong day misplaces a position on the timeline while a
missing one only leaves a gap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from stanceline.dates import rank as dates_rank
from stanceline.dates.html import (
    MOD_CUE,
    PUB_CUE,
    Candidate,
    Written,
    headline,
    htmldate_candidates,
    jsonld_candidates,
    markup_candidates,
    meta_candidates,
    page_text,
    parse_tree,
    url_candidates,
    visible_candidates,
    written_days,
)
from stanceline.dates.parse import PDate, find_all, parse_iso
from stanceline.dates.rank import teaser_days
from stanceline.dates.zones import localise
from stanceline.model import DateGuess, DateSource, Metadata

DATE_VERSION = "dates-10"

# Below this probability an HTML date is withheld. 0.45 was chosen on the ranker's site-grouped
# out-of-fold figures (bench/train_dates.py prints them at several thresholds): there the answered
# days are right 89-95% of the time while coverage stays above 0.96; 0.5 cost a point of accuracy
# on two sets for under a point of precision. Raise it (e.g. 0.7) to trade coverage for precision.
MIN_CONFIDENCE = 0.45
_URL_MONTH_CONFIDENCE = 0.6

# Oldest plausible inferred publication date: the web news era. Manifests may say older.
_MIN_INFERRED = date(1995, 1, 1)
_MIN_GIVEN = date(1800, 1, 1)

_SOURCE_OF_KIND: dict[str, DateSource] = {
    "jsonld-pub": "json-ld",
    "jsonld-mod": "json-ld",
    "meta-pub": "html-meta",
    "meta-mod": "html-meta",
    "itemprop-pub": "html-meta",
    "itemprop-mod": "html-meta",
    "time-pub": "html-meta",
    "time": "html-meta",
    "time-mod": "html-meta",
    "url": "url",
    "url-dmy": "url",
    "text-cue": "text",
    "text-byline": "text",
    "text-title": "text",
    "text-mod": "text",
    "text-title2": "text",
}
# When several kinds name the winner, the reported source is the most direct one. htmldate only
# re-reads the page's markup, so it is named (as html-meta) only when nothing else names the day.
_SOURCE_RANK: tuple[DateSource, ...] = ("json-ld", "html-meta", "url", "text")


def _today() -> date:
    return datetime.now(UTC).date()


def _plausible(p: PDate, *, given: bool) -> bool:
    lo = _MIN_GIVEN if given else _MIN_INFERRED
    first = p.first_day()
    # A date is in the future only if its earliest possible day is after today (so "2026-11"
    # is fine during November 2026).
    return lo <= first <= _today()


def _given_date(meta: Metadata, which: str) -> tuple[DateGuess | None, str | None]:
    """The manifest's or feed's date if valid; else None and a note saying why it was ignored."""
    if meta.published_source != which or not meta.published:
        return None, None
    raw = meta.published.strip()
    p = parse_iso(raw)
    if p is None:
        return None, f'{which} date "{raw}" is malformed; ignored'
    if not _plausible(p, given=True):
        return None, f'{which} date "{raw}" is in the future or implausibly old; ignored'
    src: DateSource = "manifest" if which == "manifest" else "feed"
    return DateGuess(p.iso(), src, 1.0 if which == "manifest" else 0.9, f"{which}: {raw}"), None


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _month_fallback(cands: Sequence[Candidate]) -> Candidate | None:
    """A month-precision URL date (/2011/12/) when nothing gives a day."""
    for c in cands:
        if c.kind == "url-month":
            return c
    return None


@dataclass(frozen=True, slots=True)
class PageEvidence:
    """What a page's HTML says about its date: the candidates, and where days are written."""

    cands: list[Candidate]
    # None when the page could not be parsed (then only the URL speaks).
    written: dict[PDate, Written] | None


# Candidates read from the page's text or elements, which a teaser of another story can supply;
# page-level statements (JSON-LD, meta tags, URL) are about the page itself and are not filtered.
_TEXTUAL_KINDS = frozenset(
    {"htmldate-fast", "htmldate-extensive", "time", "time-pub", "time-mod", "text-cue", "text-byline", "text-title",
     "text-mod", "text-title2"}
)


def html_candidates(html: str, url: str | None, text: str = "", removed: Sequence[str] = ()) -> PageEvidence:
    """Every plausible date candidate for a page, from every reader, minus the days that only
    teasers of other stories carry (blocks the cleaner removed as such: `text` and `removed` are
    its body and removed blocks)."""
    tree = parse_tree(html)
    cands = url_candidates(url)
    written: dict[PDate, Written] | None = None
    if tree is not None:
        cands += jsonld_candidates(tree)
        cands += meta_candidates(tree)
        cands += markup_candidates(tree)
        pt = page_text(tree)
        # The headline is the first <h1>, else the <title>'s longest part: a page without an <h1>
        # still prints its dateline by the headline.
        title = headline(tree, pt.title)
        cands += visible_candidates(pt.visible, title)
        written = {d: w for d, w in written_days(pt, title).items() if _plausible(d, given=False)}
        cands += htmldate_candidates(tree, url)
    # A UTC timestamp means the publisher's own day when the page gives its offset elsewhere.
    cands = [c for c in localise(cands) if _plausible(c.date, given=False)]
    # A date printed next to the headline, after a "Published" cue or a byline belongs to this
    # article even when the cleaner dropped that header line inside a larger removed block.
    own = {c.date for c in cands if c.kind in ("text-cue", "text-byline", "text-title")}
    teasers = teaser_days(text, removed) - own
    if teasers:
        cands = [c for c in cands if not (c.kind in _TEXTUAL_KINDS and c.date in teasers)]
        if written:
            written = {d: w for d, w in written.items() if d not in teasers}
    return PageEvidence(cands, written)


def decide_html(
    page: PageEvidence, text: str, removed: Sequence[str], min_confidence: float
) -> tuple[DateGuess | None, str | None]:
    """The page's publication day with the ranker's probability as confidence, or None with a
    note when unsure."""
    cands = page.cands
    ranked = dates_rank.rank(dates_rank.load(), cands, text, removed, page.written)
    if ranked is None:
        if (mc := _month_fallback(cands)) is not None and min_confidence <= _URL_MONTH_CONFIDENCE:
            return DateGuess(mc.date.iso(), "url", _URL_MONTH_CONFIDENCE, f"URL: {mc.evidence}"), None
        return None, None
    best, prob = ranked
    conf = round(prob, 3)
    if conf < min_confidence:
        return None, f"weak HTML evidence for {best.iso()} (confidence {conf:.2f}); withheld"
    sup = [c for c in cands if c.date == best]
    if not sup:
        # no reader named the day: the ranker took it from the page's visible text (a dateline
        # in a form no markup states)
        return DateGuess(best.iso(), "text", conf, _written_evidence(best, page.written)), None
    # The evidence shown is the most direct statement of publication among those naming the day.
    lead = min(sup, key=_directness)
    source = _SOURCE_OF_KIND.get(lead.kind, "html-meta")
    others = len({c.kind for c in sup}) - 1
    ev = lead.evidence + (f" (+{others} agreeing)" if others > 0 else "")
    return DateGuess(best.iso(), source, conf, ev), None


def _directness(c: Candidate) -> tuple[bool, int]:
    source = _SOURCE_OF_KIND.get(c.kind)
    return c.kind.endswith("-mod"), _SOURCE_RANK.index(source) if source else len(_SOURCE_RANK)


def _written_evidence(day: PDate, written: dict[PDate, Written] | None) -> str:
    w = (written or {}).get(day)
    if w is None:
        return f"{day.iso()} written in the page text"
    times = "once" if w.count == 1 else f"{w.count} times"
    where = f", {w.distance} characters from the headline" if w.distance is not None else ""
    return f"{day.iso()} written in the page text {times}{where}"


# Lines at the top of a body that state when it was published.
_TOP_LINES = 8
_TOP_CHARS = 800


_TIME_RE = re.compile(
    r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:uhr|am|pm|a\.m\.|p\.m\.|h)?|\b(?:GMT|UTC|MEZ|CET|CEST)\s*[+-]?\d*",
    re.I,
)
_NOT_PUB_BEFORE = re.compile(
    r"(?:\b(?:bis|until|till|ab|from|seit|since|valid|gültig|expires?|deadline|frist|termin|zeitraum|am|on|"
    r"vom|à|le|du|dal|al)|@\w+\)|\bto)\s*[:\-–]?\s*$",
    re.I,
)


def _glued(s: str, a: int, b: int) -> bool:
    """True if a date is part of a longer token (a file name, slug or id), not a written date."""
    return (a > 0 and (s[a - 1].isalnum() or s[a - 1] in "-_/")) or (b < len(s) and (s[b].isalnum() or s[b] in "-_/"))


def text_dateline(text: str, removed: Sequence[str] = ()) -> DateGuess | None:
    """A dateline or "Published/Updated …" cue near the top of the article body.

    Only the first lines count: dates further down are events the article reports, captions, or
    teasers of other stories. A bare year is never a publication date.
    """
    removed_norm = {_norm(r) for r in removed}
    lines: list[str] = []
    used = 0
    for ln in text.splitlines():
        s = _norm(ln)
        if not s:
            continue
        used += len(s)
        if s in removed_norm or any(s in r for r in removed_norm if len(s) > 20):
            continue
        lines.append(s)
        if len(lines) >= _TOP_LINES or used >= _TOP_CHARS:
            break
    best: DateGuess | None = None
    for s in lines:
        for p, a, b in find_all(s, allow_month=True):
            if not _plausible(p, given=False) or _glued(s, a, b):
                continue
            before = s[max(0, a - 40) : a]
            rest = (s[:a] + s[b:]).strip(" ,;:|·-–—()[]")
            cue_pub = bool(PUB_CUE.search(before))
            cue_mod = bool(MOD_CUE.search(before))
            # A line that is little more than the date (maybe with a byline, place or time) is a
            # dateline; other numbers on it (results, prices, a second date) make it a table row
            # or a schedule, and words like "until"/"ab" or a tweet signature make it something else.
            bare = (
                len(rest) <= 40
                and not rest.endswith((".", "?", "!"))
                and not re.search(r"\d", _TIME_RE.sub("", rest))
                and not _NOT_PUB_BEFORE.search(before)
                # "Einsendeschluss: 03.11.2019": a labelled field that is not a publication label.
                and not re.search(r"\w\s*:\s*$", before)
            )
            if not (cue_pub or cue_mod or bare):
                continue
            if p.day is None and not bare:
                continue  # "(Stand: Januar 2022)" inside a sentence is about the facts, not the page
            # On the same scale as the HTML probabilities: an explicit "Published" cue is strong,
            # a bare date line plausible, an "Updated" cue only a bound on the publication date.
            conf = 0.85 if cue_pub else (0.6 if cue_mod else 0.7)
            if p.day is None:
                conf -= 0.15
            guess = DateGuess(p.iso(), "text", conf, s[:120])
            if best is None or guess.confidence > best.confidence:
                best = guess
        if best is not None and best.confidence >= 0.85:
            break
    return best


def date_document(
    *,
    meta: Metadata,
    html: str | None,
    url: str | None,
    text: str,
    removed: Sequence[str] = (),
    min_confidence: float = MIN_CONFIDENCE,
) -> DateGuess:
    """Date one article. Never raises on bad input; returns source "none" when nothing is trusted."""
    notes: list[str] = []
    for which in ("manifest", "feed"):
        guess, note = _given_date(meta, which)
        if note:
            notes.append(note)
        if guess is not None:
            return (
                guess
                if not notes
                else DateGuess(guess.published, guess.source, guess.confidence, f"{guess.evidence}; {'; '.join(notes)}")
            )
    url = url or meta.url
    if html:
        try:
            guess, note = decide_html(html_candidates(html, url, text, removed), text, removed, min_confidence)
        except (ValueError, TypeError, RecursionError, MemoryError) as exc:
            # Pathological markup must cost this document its HTML date, not the whole batch.
            guess, note = None, f"HTML date analysis failed ({type(exc).__name__}); used URL/text only"
            if url and (uc := [c for c in url_candidates(url) if c.date.day and _plausible(c.date, given=False)]):
                guess = DateGuess(uc[0].date.iso(), "url", 0.75, f"URL: {uc[0].evidence}")
        if note:
            notes.append(note)
        if guess is not None:
            return _with_notes(guess, notes)
    elif url:
        for c in url_candidates(url):
            if _plausible(c.date, given=False):
                conf = 0.75 if c.date.day is not None else _URL_MONTH_CONFIDENCE
                return _with_notes(DateGuess(c.date.iso(), "url", conf, f"URL: {c.evidence}"), notes)
    if text:
        tg = text_dateline(text, removed)
        if tg is not None and tg.confidence >= min_confidence:
            return _with_notes(tg, notes)
    return DateGuess(None, "none", 0.0, "; ".join(notes) or None)


def _with_notes(g: DateGuess, notes: list[str]) -> DateGuess:
    if not notes:
        return g
    return DateGuess(g.published, g.source, g.confidence, f"{g.evidence}; {'; '.join(notes)}")
