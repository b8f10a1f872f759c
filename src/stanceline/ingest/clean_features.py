"""Numeric features of each line of a page, for the learned line classifier.

A line's own shape (length, sentence end, capitals, digits, punctuation, rule kind) plus its
neighbourhood (how prose-like the lines around it are at two scales, where it sits relative to
the page's main run of prose as the rules alone would find it, whether it echoes the page title,
how often it repeats on the page). Neighbourhood matters most: a short line between paragraphs is
a sub-heading, the same line among other short lines is a menu item.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from stanceline.ingest.clean_lines import KINDS, Line, cap_ratio, has_terminal, words
from stanceline.ingest.clean_text import DEFAULT, best_run, rule_scores

_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_BULLET = re.compile(r"^[-•*·►▶→»>]\s?|^\d{1,2}[.)]\s")
_PIPE = re.compile(r"[|»›•·]")
WINDOW = 3
WIDE = 10
_ONE_HOT = {k: [1.0 if k == j else 0.0 for j in KINDS] for k in KINDS}

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars", "log_words", "terminal", "cap_ratio", "digit_ratio", "cjk", "bullet", "colon_end",
    "comma_rate", "short_word_ratio", "mean_word_len", "lower_start", "ellipsis_end", "pipe", "quote_start",
    "pos", "pos_from_end", *(f"kind_{k}" for k in KINDS),
    "win_body", "win_log_chars", "prev_body", "next_body", "prev_log_chars", "next_log_chars",
    "wide_prev_body", "wide_next_body", "wide_prev_terminal", "wide_next_terminal",
    "wide_prev_log_chars", "wide_next_log_chars",
    "title_sim", "after_title", "dist_to_best", "run_body_chars",
    "in_rule_run", "before_rule_run", "after_rule_run", "rule_run_share", "teaser", "log_repeats",
)


def _count_digits(t: str) -> int:
    if t.isascii():
        # \d on ASCII text is 0-9; counting each is cheaper than building a list of matches
        return sum(t.count(d) for d in "0123456789")
    return len(_DIGIT.findall(t))


def _shape(ln: Line, ws: list[str], terminal: float) -> list[float]:
    t = ln.text
    n_chars = len(t)
    n_words = max(1, len(ws))
    cjk = 0 if t.isascii() else len(_CJK.findall(t))
    return [
        math.log1p(n_chars),
        math.log1p(ln.n_words),
        terminal,
        cap_ratio(ws),
        _count_digits(t) / max(1, n_chars),
        cjk / max(1, n_chars),
        float(bool(_BULLET.match(t))),
        float(t.endswith(":")),
        # prose strings clauses together; menus and headlines rarely do
        t.count(",") / n_words,
        sum(1 for w in ws if len(w) <= 3) / n_words,
        sum(len(w) for w in ws) / n_words,
        float(t[:1].islower()),
        float(t.endswith(("...", "…"))),
        float(bool(_PIPE.search(t))),
        float(t[:1] in "\"'“‘«„"),
    ]


def _side_means(values: list[float], n: int, width: int) -> tuple[list[float], list[float]]:
    """Mean of `values` over the `width` lines before and after each line (prefix sums)."""
    acc = [0.0]
    for v in values:
        acc.append(acc[-1] + v)
    before, after = [], []
    for i in range(n):
        lo, hi = max(0, i - width), min(n, i + 1 + width)
        before.append((acc[i] - acc[lo]) / (i - lo) if i > lo else 0.0)
        after.append((acc[hi] - acc[i + 1]) / (hi - i - 1) if hi > i + 1 else 0.0)
    return before, after


def line_features(lines: list[Line]) -> list[list[float]]:
    n = len(lines)
    if n == 0:
        return []
    is_body = [1.0 if ln.kind == "body" else 0.0 for ln in lines]
    terminal = [float(has_terminal(ln.text)) for ln in lines]
    log_chars = [math.log1p(len(ln.text)) for ln in lines]
    # The page title is usually the first line of a rendered page; the article starts near its echo.
    all_words = [words(ln.text) for ln in lines]
    title = {w.lower() for w in all_words[0]} if lines[0].kind in ("heading", "body", "chrome") else set()
    sims = []
    for ws in all_words:
        tok = {w.lower() for w in ws}
        sims.append(len(tok & title) / len(tok | title) if tok and title else 0.0)
    anchor = next((i for i in range(1, n) if sims[i] >= 0.6), -1)
    # Runs of consecutive body lines: the biggest run is the likeliest article core.
    run_chars = [0.0] * n
    i = 0
    while i < n:
        j = i
        total = 0
        while j < n and (lines[j].kind == "body" or (lines[j].kind == "heading" and j + 1 < n
                                                      and lines[j + 1].kind == "body")):
            total += len(lines[j].text)
            j += 1
        for k in range(i, max(j, i + 1)):
            run_chars[k] = math.log1p(total)
        i = max(j, i + 1)
    best = max(range(n), key=lambda k: run_chars[k])
    # Where the rules alone would put the article: the learned model corrects their edges.
    scores, teaser = rule_scores(lines, DEFAULT)
    a, b = best_run(scores)
    run_len = sum(len(ln.text) for ln in lines[a:b])
    total_len = sum(len(ln.text) for ln in lines) or 1
    wb_prev, wb_next = _side_means(is_body, n, WIDE)
    wt_prev, wt_next = _side_means(terminal, n, WIDE)
    wc_prev, wc_next = _side_means(log_chars, n, WIDE)
    lows = [ln.text.lower() for ln in lines]
    counts = Counter(lows)
    out = []
    for i, ln in enumerate(lines):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        # the neighbours in order, so the float sums are exactly those of a loop over them
        win_body = is_body[lo:i] + is_body[i + 1:hi] if hi - lo > 1 else [is_body[i]]
        win_chars = log_chars[lo:i] + log_chars[i + 1:hi] if hi - lo > 1 else [log_chars[i]]
        row = _shape(ln, all_words[i], terminal[i])
        row += [i / n, (n - 1 - i) / n]
        row += _ONE_HOT[ln.kind]
        row += [
            sum(win_body) / len(win_body),
            sum(win_chars) / len(win_chars),
            is_body[i - 1] if i > 0 else 0.0,
            is_body[i + 1] if i + 1 < n else 0.0,
            log_chars[i - 1] if i > 0 else 0.0,
            log_chars[i + 1] if i + 1 < n else 0.0,
            wb_prev[i], wb_next[i], wt_prev[i], wt_next[i], wc_prev[i], wc_next[i],
            sims[i],
            float(anchor >= 0 and 0 < i - anchor <= 15),
            math.log1p(abs(i - best)),
            run_chars[i],
            float(a <= i < b),
            math.log1p(a - i) if i < a else 0.0,
            math.log1p(i - b + 1) if i >= b else 0.0,
            run_len / total_len,
            float(i in teaser),
            math.log(counts[lows[i]]),
        ]
        out.append(row)
    return out
