"""Cleaning stage: HTML page or plain-text scrape → article text, title and removed blocks.

Public API (other stages call exactly this): `CLEAN_VERSION`, `CleanOptions` (defined with the
other settings in `config.py`), `clean_html`, `clean_text`. Output text is paragraphs separated by
a blank line, whitespace-normalised.
"""

from __future__ import annotations

from stanceline.clean.html.extract import extract
from stanceline.clean.text import model as clean_model
from stanceline.clean.text.extract import classify_all, select, split_lines, weights_for
from stanceline.clean.text.features import line_features
from stanceline.config import CleanOptions
from stanceline.model import Cleaned

__all__ = ["CLEAN_VERSION", "CleanOptions", "clean_html", "clean_text"]

CLEAN_VERSION = "clean-0.8.7"


def clean_text(text: str, options: CleanOptions = CleanOptions()) -> Cleaned:
    """Plain-text scrape → article body, dropping chrome, captions, appeals and teasers."""
    lines = split_lines(text or "")
    if not lines:
        return Cleaned(text="")
    w = weights_for(options.favor_precision, options.favor_recall)
    keep_headings = not options.favor_precision or options.favor_recall
    classified = classify_all(lines)
    model = clean_model.load()
    if model is None:
        sel = select(lines, w, keep_headings, classified=classified)
    else:
        probs = model.proba(line_features(classified))
        shift = 0.1 * (options.favor_precision - options.favor_recall)
        sel = select(
            lines, w, keep_headings, probs, model.theta + shift, model.drop_below, classified, model.body_floor
        )
    return Cleaned(text="\n\n".join(sel.body), title=sel.title, removed=tuple(sel.removed))


def clean_html(html: str, url: str | None = None, options: CleanOptions = CleanOptions()) -> Cleaned:
    return extract(html, url, options)
