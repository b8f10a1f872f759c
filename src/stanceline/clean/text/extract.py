"""Plain-text scrape → article body.

The page is a sequence of lines. Each line gets a kind (body, heading, chrome, credit, appeal,
teaser terminator) from `clean_lines`. Body lines score their length; everything else costs a
penalty. The article is the contiguous run of lines with the highest total score (a
maximum-subarray search, as in Finn et al.'s Body Text Extraction), so sub-headings and a stray
label inside the article are bridged, while captions, credits, appeals and teasers of other stories
cut the run off. Teasers are recognised by their structure: a short run of paragraphs closed by a
"keep reading"/"read more" line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stanceline.clean.chrome_phrases import is_furniture
from stanceline.clean.text.guards import is_quote_paragraph, looks_clean
from stanceline.clean.text.lines import Line, classify, has_terminal, headline_like, is_date_line, norm, repeated


@dataclass(frozen=True, slots=True)
class Weights:
    """Penalties in characters of body text; scaled by the precision/recall knob."""

    heading: float = 40.0
    chrome: float = 90.0
    credit: float = 350.0
    appeal: float = 150.0
    terminator: float = 400.0
    teaser_max_chars: int = 1600
    teaser_max_paras: int = 4
    short_body_factor: float = 0.6


DEFAULT = Weights()


def weights_for(favor_precision: bool, favor_recall: bool) -> Weights:
    if favor_precision and not favor_recall:
        return Weights(heading=80, chrome=180, credit=600, appeal=250, terminator=600, short_body_factor=0.4)
    if favor_recall and not favor_precision:
        return Weights(heading=20, chrome=45, credit=250, appeal=100, terminator=300, short_body_factor=0.8)
    return DEFAULT


def split_lines(text: str) -> list[str]:
    """Non-empty, whitespace-normalised lines; hard-wrapped paragraphs are joined back."""
    out: list[str] = []
    prev_blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = norm(raw)
        if not line:
            prev_blank = True
            continue
        if not prev_blank and out and _continues(out[-1], line):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        prev_blank = False
    return out


def _continues(prev: str, line: str) -> bool:
    # A wrapped line stops mid-sentence and the next one goes on in lower case (or after a comma).
    if len(prev) < 40 or has_terminal(prev):
        return False
    return line[:1].islower() or prev.endswith((",", "-", "—", "–"))


def teaser_marks(lines: list[Line], w: Weights) -> set[int]:
    """Indices of paragraphs that belong to a teaser: a short body run closed by a terminator."""
    marks: set[int] = set()
    for i, ln in enumerate(lines):
        if ln.kind != "terminator":
            continue
        j, chars, paras = i - 1, 0, 0
        while j >= 0 and lines[j].kind == "body":
            chars += len(lines[j].text)
            paras += 1
            j -= 1
        if 0 < paras <= w.teaser_max_paras and chars <= w.teaser_max_chars:
            marks.update(range(j + 1, i))
    return marks


def _score(ln: Line, teaser: bool, w: Weights) -> float:
    if teaser:
        return -float(len(ln.text)) - w.heading
    if ln.kind == "body":
        factor = 1.0 if ln.n_words >= 10 else w.short_body_factor
        return len(ln.text) * factor
    if ln.kind == "heading":
        return -w.heading
    if ln.kind == "chrome":
        return -w.chrome
    if ln.kind == "credit":
        return -w.credit
    if ln.kind == "appeal":
        return -(w.appeal + len(ln.text))
    return -w.terminator


def best_run(scores: list[float]) -> tuple[int, int]:
    """Maximum-sum contiguous run [start, end); (0, 0) when nothing scores above zero."""
    best, best_span = 0.0, (0, 0)
    cur, start = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (start, i + 1)
    return best_span


@dataclass(frozen=True, slots=True)
class Selection:
    body: list[str]
    title: str | None
    removed: list[str]


# "34 responses to “Title”", "12 thoughts on “Title”": the header of a comment section, however
# long the quoted title.
_COMMENTS_HEADER = re.compile(r"^\W*\d+\s+(comments?|responses?|replies|thoughts|reactions)\s+(to|on)\b", re.I)
# "jane_doe says:" above each comment
_SAYS = re.compile(r"^\S+(?:\s\S+){0,3}\s+(says|wrote|writes|replied)\s*:\s*$", re.I)
# A page with this many "name says:" lines carries a comment thread; one or two are quote intros.
_THREAD_MIN = 3


def classify_all(raw_lines: list[str]) -> list[Line]:
    """Line kinds, with the page-level evidence one line cannot see: a comment thread's headers."""
    twice = repeated(raw_lines)
    lines = [classify(x, twice) for x in raw_lines]
    says = [i for i, ln in enumerate(lines) if ln.kind == "chrome" and _SAYS.match(ln.text)]
    thread = set(says) if len(says) >= _THREAD_MIN else set()
    return [
        Line(ln.text, "boundary", ln.n_words) if i in thread or _COMMENTS_HEADER.match(ln.text) else ln
        for i, ln in enumerate(lines)
    ]


def aggregates(lines: list[Line]) -> set[int]:
    """Long prose lines that repeat several other paragraphs of the page verbatim: the article
    body again as page metadata or a print copy, never new text."""
    paras = [ln.text for ln in lines if ln.kind == "body" and len(ln.text) >= 40]
    out: set[int] = set()
    for i, ln in enumerate(lines):
        if ln.kind == "body" and len(ln.text) >= 400:
            inside = sum(1 for p in paras if p is not ln.text and len(p) < len(ln.text) and p in ln.text)
            if inside >= 2:
                out.add(i)
    return out


def _soft_chrome(ln: Line) -> bool:
    # a labelled list item or table cell ("Pros:", "Battery 8") may be article text; a URL, a
    # timestamp or a one-word widget label never is
    t = ln.text
    return ln.kind == "chrome" and " " in t and "http" not in t and "www." not in t


_HARD = ("credit", "appeal", "terminator", "boundary")
# A line the rules call chrome (a label, a short repeated line) is kept inside the article run only
# when the classifier is fairly sure of it: spec tables and pros/cons lists of reviews look like
# menus line by line. Below the line threshold it always costs at least CHROME_FLOOR.
CHROME_KEEP = 0.5
CHROME_FLOOR = 40.0


def rule_scores(lines: list[Line], w: Weights = DEFAULT) -> tuple[list[float], set[int]]:
    """Per-line scores from the structural rules alone, and the teaser paragraphs they found."""
    teaser = teaser_marks(lines, w)
    return [_score(ln, i in teaser, w) for i, ln in enumerate(lines)], teaser


def learned_scores(
    lines: list[Line], probs: list[float], teaser: set[int], w: Weights, theta: float, body_floor: float = 0.2
) -> list[float]:
    """Per-line score from the classifier's probability, never kinder than the structural rules
    to credits, appeals, terminators and teasers (the gold sets teach little about those)."""
    out = []
    for i, (ln, p) in enumerate(zip(lines, probs, strict=True)):
        rule = _score(ln, i in teaser, w)
        if ln.kind == "heading" and i not in teaser:
            # short lines are where rules are weakest: list items vs menus, sub-headings vs labels
            out.append((p - theta) * (len(ln.text) + 20))
        elif ln.kind == "body" and i not in teaser:
            # prose counts for the run unless the classifier is sure it is not the article's
            # (comments, product blurbs, legal notes written as sentences)
            out.append(rule * 2 * (p - body_floor))
        elif _soft_chrome(ln) and i not in teaser:
            v = (p - theta) * (len(ln.text) + 20)
            out.append(v if p >= theta else min(v, -CHROME_FLOOR))
        else:
            out.append(rule)
    return out


# Lines of a share bar or a label that may stand between the article and a quotation paragraph
# that continues it; more than this and the quotation belongs to something else on the page.
QUOTE_BRIDGE = 2
_QUOTE_STOP = ("credit", "appeal", "terminator", "boundary")


def quote_paragraphs(lines: list[Line], a: int, b: int, exclude: set[int]) -> list[int]:
    """Paragraphs that quote someone in the run [a, b) or continuing it: a quotation paragraph
    the line scores left out of the run is still the article's when only a few short chrome or
    heading lines stand between them. Teasers, copies of the article and anything past a credit,
    appeal, terminator or section header (related stories, comments) stay out."""
    found = [i for i in range(a, b) if i not in exclude and is_quote_paragraph(lines[i])]
    for start, step in ((b, 1), (a - 1, -1)):
        i, gap = start, 0
        while 0 <= i < len(lines) and i not in exclude:
            ln = lines[i]
            if is_quote_paragraph(ln):
                found.append(i)
                gap = 0
            elif ln.kind in ("chrome", "heading") and gap < QUOTE_BRIDGE:
                gap += 1
            else:
                break
            i += step
    return found


# A credit-like line this long between two kept paragraphs is a paragraph (a sentence with a slash
# or a source note at its end), not a picture caption.
PROSE_WORDS = 25


def captioned_prose(lines: list[Line], keep: list[int]) -> list[int]:
    """Long lines the credit rule caught between the first and the last kept paragraph."""
    body = [i for i in keep if lines[i].kind == "body"]
    if not body:
        return []
    return [i for i in range(body[0] + 1, body[-1]) if lines[i].kind == "credit" and lines[i].n_words >= PROSE_WORDS]


def whole(lines: list[Line]) -> Selection:
    """A text with no furniture: every line kept, a headline-like first line reported as title."""
    title = lines[0].text if len(lines) > 1 and lines[0].kind == "heading" and headline_like(lines[0]) else None
    return Selection([ln.text for ln in lines[1 if title is not None else 0 :]], title, [])


def select(
    raw_lines: list[str],
    w: Weights = DEFAULT,
    keep_headings: bool = True,
    probs: list[float] | None = None,
    theta: float = 0.5,
    drop_below: float = 0.2,
    classified: list[Line] | None = None,
    body_floor: float = 0.2,
) -> Selection:
    lines = classified if classified is not None else classify_all(raw_lines)
    if looks_clean(lines, [ln.kind == "chrome" and is_date_line(ln.text, ln.n_words) for ln in lines]):
        return whole(lines)
    teaser = teaser_marks(lines, w)
    if probs is None:
        scores = [_score(ln, i in teaser, w) for i, ln in enumerate(lines)]
    else:
        scores = learned_scores(lines, probs, teaser, w, theta, body_floor)
    copies = aggregates(lines)
    for i in copies:
        scores[i] = 0.0
    for i, ln in enumerate(lines):
        # a paragraph-long line with a credit-like ending does not cut the run; whether it is
        # kept is decided by its neighbours (captioned_prose)
        if ln.kind == "credit" and ln.n_words >= PROSE_WORDS:
            scores[i] = max(scores[i], 0.0)
    a, b = best_run(scores)
    if a == b and probs is not None:
        # the classifier knows web pages; on a short clean text (one paragraph, a note) it may
        # doubt every line, and the rules, which never drop plain prose, decide instead
        scores = [0.0 if i in copies else _score(ln, i in teaser, w) for i, ln in enumerate(lines)]
        a, b = best_run(scores)
    # A run opens and closes on prose: a short line before the first paragraph is the headline
    # (reported as title), one after the last closes nothing.
    while a < b and lines[a].kind != "body":
        a += 1
    while b > a and lines[b - 1].kind != "body":
        b -= 1
    keep: list[int] = []
    for i in range(a, b):
        ln = lines[i]
        if i in teaser or i in copies or ln.kind in _HARD or is_furniture(ln.text, ln.n_words):
            continue
        if probs is not None:
            if (
                ln.kind == "body"
                or (ln.kind == "heading" and probs[i] >= drop_below and keep_headings)
                or (_soft_chrome(ln) and probs[i] >= CHROME_KEEP)
            ):
                keep.append(i)
        elif ln.kind == "body" or (ln.kind == "heading" and keep_headings):
            keep.append(i)
    keep = sorted({*keep, *quote_paragraphs(lines, a, b, teaser | copies), *captioned_prose(lines, keep)})
    title_idx = next((i for i in range(min(a, keep[0] if keep else a)) if headline_like(lines[i])), None)
    kept = set(keep)
    removed = [ln.text for i, ln in enumerate(lines) if i not in kept and i != title_idx]
    title = lines[title_idx].text if title_idx is not None else None
    return Selection([lines[i].text for i in keep], title, removed)
