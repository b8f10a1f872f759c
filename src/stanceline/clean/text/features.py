"""Numeric features of each line of a page, for the learned line classifier.

A line's own shape (length, sentence end, capitals, digits, punctuation, rule kind) plus its
neighbourhood (how prose-like the lines around it are at two scales, where it sits relative to
the page's main run of prose as the rules alone would find it, whether it echoes the page title,
how often it repeats on the page, how menu-like the lines around it are). Neighbourhood matters
most: a short line between paragraphs is a sub-heading, the same line among other short lines is a
menu item.

Features are chosen by their out-of-fold figure on sites the model never saw (bench.train_cleaner).
Positions are measured in text, not in lines (a menu of forty one-word lines moves a line index a
lot and the text position little), and no feature is one value for a whole page: a page-wide
constant lets the trees tell training pages apart instead of lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import accumulate

from stanceline.clean.text.extract import DEFAULT, best_run, rule_scores
from stanceline.clean.text.lines import KINDS, Line, cap_ratio, has_terminal, words

_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^[-•*·►▶→»>]\s?|^\d{1,2}[.)]\s")
_PIPE = re.compile(r"[|»›•·]")
_URL = re.compile(r"https?:|www\.|\.(com|org|net)\b|@\w")
# A sentence end followed by the start of another sentence, inside one line.
_SENT_BREAK = re.compile(r"[.!?…][\"”’)]?\s+[\"“‘(]?[A-Z0-9]")
WINDOW = 3
WIDE = 10

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars", "log_words", "terminal", "cap_ratio", "digit_ratio", "bullet", "colon_end",
    "comma_rate", "short_word_ratio", "mean_word_len", "lower_start", "ellipsis_end", "pipe", "quote_start",
    *(f"kind_{k}" for k in KINDS),
    "win_body", "win_log_chars", "prev_body", "next_body", "prev_log_chars", "next_log_chars",
    "wide_prev_body", "wide_next_body", "wide_prev_terminal", "wide_next_terminal",
    "wide_prev_log_chars", "wide_next_log_chars",
    "title_sim", "after_title", "dist_to_best", "run_body_chars",
    "in_rule_run", "before_rule_run", "after_rule_run", "teaser", "log_repeats",
    "char_pos", "chars_to_run", "alpha_ratio", "url_like", "sentences", "win_menu",
)


def _count_digits(t: str) -> int:
    if t.isascii():
        # \d on ASCII text is 0-9; deleting them from the bytes is one C pass, no match objects
        return len(t) - len(t.encode().translate(None, b"0123456789"))
    return len(_DIGIT.findall(t))


# Every byte that is not an ASCII letter, for deleting.
_NOT_LETTER = bytes(c for c in range(256) if not (65 <= c <= 90 or 97 <= c <= 122))


def _count_letters(t: str) -> int:
    if t.isascii():
        # one C pass over the bytes, as for the digits
        return len(t.encode().translate(None, _NOT_LETTER))
    return sum(map(str.isalpha, t))


# Capital letters become "U", other letters and digits "a", everything else a space.
_CASE_SHAPE = bytes(85 if 65 <= c <= 90 else 97 if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))


def _caps_and_chars(t: str, ws: list[str]) -> tuple[float, int]:
    """cap_ratio of the words and their total length."""
    if t.isascii() and "'" not in t:
        # the words are the runs of letters and digits: a capital after a space starts one
        shape = t.encode().translate(_CASE_SHAPE)
        caps = (b" " + shape).count(b" U") / len(ws) if ws else 0.0
        return caps, len(shape) - shape.count(b" ")
    return cap_ratio(ws), sum(map(len, ws))


def _shape_columns(lines: list[Line], texts: list[str], all_words: list[list[str]], lens: list[int],
                   log_chars: list[float], terminal: list[float]) -> list[list[float]]:
    """A line's own shape, one list per feature (log_chars … quote_start) over the page's lines."""
    n_words = [max(1, len(ws)) for ws in all_words]
    # words are never empty: the short ones are those of one, two or three characters
    wlens = [list(map(len, ws)) for ws in all_words]
    caps, chars = zip(*map(_caps_and_chars, texts, all_words), strict=True)
    return [
        log_chars,
        [math.log1p(ln.n_words) for ln in lines],
        terminal,
        list(caps),
        [_count_digits(t) / max(1, c) for t, c in zip(texts, lens, strict=True)],
        [float(bool(_BULLET.match(t))) for t in texts],
        [float(t.endswith(":")) for t in texts],
        # prose strings clauses together; menus and headlines rarely do
        [t.count(",") / k for t, k in zip(texts, n_words, strict=True)],
        [(wl.count(1) + wl.count(2) + wl.count(3)) / k for wl, k in zip(wlens, n_words, strict=True)],
        [c / k for c, k in zip(chars, n_words, strict=True)],
        [float(t[:1].islower()) for t in texts],
        [float(t.endswith(("...", "…"))) for t in texts],
        [float(bool(_PIPE.search(t))) for t in texts],
        [float(t[:1] in "\"'“‘«„") for t in texts],
    ]


def _side_means(values: list[float], n: int, width: int) -> tuple[list[float], list[float]]:
    """Mean of `values` over the `width` lines before and after each line (prefix sums)."""
    acc = list(accumulate(values, initial=0.0))
    before = [(acc[i] - acc[i - width]) / width if i >= width else (acc[i] - acc[0]) / i if i else 0.0
              for i in range(n)]
    after = [(acc[i + 1 + width] - acc[i + 1]) / width if i + 1 + width <= n
             else (acc[n] - acc[i + 1]) / (n - i - 1) if n > i + 1 else 0.0
             for i in range(n)]
    return before, after


def _window_means(is_body: list[float], log_chars: list[float], n: int) -> tuple[list[float], list[float]]:
    """Mean body share and log length of the WINDOW lines on either side of each line (the line
    itself left out; on a one-line page, the line)."""
    if n == 1:
        return is_body[:], log_chars[:]
    # body lines are 0/1, so their window sums are exact counts: prefix sums give the same means
    body_acc = list(accumulate(is_body, initial=0.0))
    win_body, win_chars = [], []
    for i in range(n):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        k = hi - lo - 1
        win_body.append((body_acc[hi] - body_acc[i + 1] + body_acc[i] - body_acc[lo]) / k)
        # the neighbours in order, so the float sum is exactly that of a loop over them
        win_chars.append(sum(log_chars[lo:i] + log_chars[i + 1:hi]) / k)
    return win_body, win_chars


def line_features(lines: list[Line]) -> list[list[float]]:
    n = len(lines)
    if n == 0:
        return []
    # Computed a feature at a time over the page (list comprehensions), then turned into rows.
    texts = [ln.text for ln in lines]
    kinds = [ln.kind for ln in lines]
    is_body = [1.0 if k == "body" else 0.0 for k in kinds]
    terminal = [float(has_terminal(t)) for t in texts]
    lens = list(map(len, texts))
    log_chars = list(map(math.log1p, lens))
    # The page title is usually the first line of a rendered page; the article starts near its echo.
    all_words = list(map(words, texts))
    title = set(map(str.lower, all_words[0])) if kinds[0] in ("heading", "body", "chrome") else set()
    if title:
        sims = []
        for ws in all_words:
            tok = set(map(str.lower, ws))
            # Jaccard similarity; the union's size is counted, not built
            shared = len(tok & title)
            sims.append(shared / (len(tok) + len(title) - shared) if tok else 0.0)
    else:
        sims = [0.0] * n
    anchor = next((i for i in range(1, n) if sims[i] >= 0.6), -1)
    # Runs of consecutive body lines: the biggest run is the likeliest article core.
    run_chars = [0.0] * n
    i = 0
    while i < n:
        j = i
        total = 0
        while j < n and (kinds[j] == "body" or (kinds[j] == "heading" and j + 1 < n and kinds[j + 1] == "body")):
            total += lens[j]
            j += 1
        for k in range(i, max(j, i + 1)):
            run_chars[k] = math.log1p(total)
        i = max(j, i + 1)
    best = run_chars.index(max(run_chars))  # the first line of the largest run, as max(key=) gives
    # Where the rules alone would put the article: the learned model corrects their edges.
    scores, teaser = rule_scores(lines, DEFAULT)
    a, b = best_run(scores)
    win_body, win_chars = _window_means(is_body, log_chars, n)
    lows = [t.lower() for t in texts]
    total = sum(lens) or 1
    before = list(accumulate(lens, initial=0))
    char_pos = [before[i] / total for i in range(n)]
    # how much text stands between a line and the rules' article run, as a share of the page
    chars_to_run = [
        (before[a] - before[i + 1]) / total if i < a else (before[i] - before[b]) / total if i >= b else 0.0
        for i in range(n)
    ]
    # short lines that are no sentence, one after another, are menus, tag lists and link lists
    menu = [float(ln.n_words <= 6 and not t_) for ln, t_ in zip(lines, terminal, strict=True)]
    win_menu = [(x + y) / 2 for x, y in zip(*_side_means(menu, n, 5), strict=True)]
    counts = Counter(lows)
    columns = _shape_columns(lines, texts, all_words, lens, log_chars, terminal)
    columns += [[1.0 if k == kind else 0.0 for k in kinds] for kind in KINDS]
    columns += [
        win_body,
        win_chars,
        [0.0, *is_body[:-1]],
        [*is_body[1:], 0.0],
        [0.0, *log_chars[:-1]],
        [*log_chars[1:], 0.0],
        *_side_means(is_body, n, WIDE),
        *_side_means(terminal, n, WIDE),
        *_side_means(log_chars, n, WIDE),
        sims,
        [float(anchor >= 0 and 0 < i - anchor <= 15) for i in range(n)],
        [math.log1p(abs(i - best)) for i in range(n)],
        run_chars,
        [float(a <= i < b) for i in range(n)],
        [math.log1p(a - i) if i < a else 0.0 for i in range(n)],
        [math.log1p(i - b + 1) if i >= b else 0.0 for i in range(n)],
        [float(i in teaser) for i in range(n)],
        [math.log(counts[low]) for low in lows],
        char_pos,
        chars_to_run,
        [_count_letters(t) / max(1, c) for t, c in zip(texts, lens, strict=True)],
        [float(_URL.search(t) is not None) for t in texts],
        [math.log1p(len(_SENT_BREAK.findall(t))) for t in texts],
        win_menu,
    ]
    return [list(row) for row in zip(*columns, strict=True)]
