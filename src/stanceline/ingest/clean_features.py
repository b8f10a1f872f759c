"""Numeric features of each line of a page, for the learned line classifier.

A line's own shape (length, sentence end, capitals, digits, rule kind) plus its neighbourhood
(how prose-like the lines around it are, where it sits on the page, whether it echoes the page
title). Neighbourhood matters most: a short line between paragraphs is a sub-heading, the same
line among other short lines is a menu item.
"""

from __future__ import annotations

import math
import re

from stanceline.ingest.clean_lines import KINDS, Line, cap_ratio, has_terminal, words

_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_BULLET = re.compile(r"^[-•*·►▶→»>]\s?|^\d{1,2}[.)]\s")
WINDOW = 3

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars", "log_words", "terminal", "cap_ratio", "digit_ratio", "cjk", "bullet", "colon_end",
    "pos", "pos_from_end", *(f"kind_{k}" for k in KINDS),
    "win_body", "win_log_chars", "prev_body", "next_body", "prev_log_chars", "next_log_chars",
    "title_sim", "after_title", "dist_to_best", "run_body_chars",
)


def _shape(ln: Line, ws: list[str]) -> list[float]:
    t = ln.text
    n_chars = len(t)
    cjk = len(_CJK.findall(t))
    return [
        math.log1p(n_chars),
        math.log1p(ln.n_words),
        float(has_terminal(t)),
        cap_ratio(ws),
        len(_DIGIT.findall(t)) / max(1, n_chars),
        cjk / max(1, n_chars),
        float(bool(_BULLET.match(t))),
        float(t.endswith(":")),
    ]




def line_features(lines: list[Line]) -> list[list[float]]:
    n = len(lines)
    if n == 0:
        return []
    is_body = [1.0 if ln.kind == "body" else 0.0 for ln in lines]
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
    out = []
    for i, ln in enumerate(lines):
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        win = [k for k in range(lo, hi) if k != i] or [i]
        row = _shape(ln, all_words[i])
        row += [i / n, (n - 1 - i) / n]
        row += [1.0 if ln.kind == k else 0.0 for k in KINDS]
        row += [
            sum(is_body[k] for k in win) / len(win),
            sum(log_chars[k] for k in win) / len(win),
            is_body[i - 1] if i > 0 else 0.0,
            is_body[i + 1] if i + 1 < n else 0.0,
            log_chars[i - 1] if i > 0 else 0.0,
            log_chars[i + 1] if i + 1 < n else 0.0,
            sims[i],
            float(anchor >= 0 and 0 < i - anchor <= 15),
            math.log1p(abs(i - best)),
            run_chars[i],
        ]
        out.append(row)
    return out
