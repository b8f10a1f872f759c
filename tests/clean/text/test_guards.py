"""The plain-text cleaner's guards: quotation paragraphs and already clean texts.

Every text here is written for these tests (an imagined harbour town and its council).
"""

from __future__ import annotations

import pytest

from stanceline.clean.core import clean_text
from stanceline.clean.text.extract import classify_all, select, split_lines
from stanceline.clean.text.guards import is_quote_paragraph, looks_clean, quotes_speech
from stanceline.clean.text.lines import Line, is_date_line

HEADLINE = "Harbour town votes to rebuild its old sea wall"
DATELINE = "Thursday, April 9, 2026"
LEAD = (
    "Councillors in the harbour town of Westmere voted on Wednesday night to rebuild the crumbling sea "
    "wall, ending two years of argument over who should pay for the work."
)
QUOTE = (
    "\u201cWe have patched it for the last time,\u201d the harbour master, Ruth Alder, said after the vote. "
    "\u201cThe next storm would have taken the road with it.\u201d"
)
SPLIT_QUOTE = "\u201cIf you want the wall,\u201d she told the meeting, \u201cyou have to want the bill too.\u201d"
CAPTION = "Waves break over the old wall in February. Photo: Town archive"
MIDDLE = (
    "The plan adds a second wall behind the first and raises the promenade by half a metre. Fishermen "
    "asked for a wider slipway, which the engineers said they could fit in."
)
ROUNDUP_A = "Tom Reyes, Westmere Gazette: \u201cA costly plan, but the cheaper ones were all worse.\u201d"
ROUNDUP_B = "Ina Kowal, Coastal Radio: \u201cThe town finally chose the sea over the car park.\u201d"
END = "Work is due to begin in the autumn and to last about eighteen months, the council said."
STANDFIRST = "- The old wall has been patched six times since the storms of the last decade"


def _words(text: str) -> list[str]:
    return text.split()


def _in_out(text: str) -> tuple[list[str], list[str]]:
    c = clean_text(text)
    return _words(text), _words((c.title or "") + " " + c.text)


@pytest.mark.parametrize(
    "paras",
    [
        [HEADLINE, DATELINE, LEAD, QUOTE, MIDDLE, END],
        [HEADLINE, STANDFIRST, LEAD, CAPTION, MIDDLE, SPLIT_QUOTE, END],
        [LEAD, ROUNDUP_A, ROUNDUP_B, END],
        [HEADLINE, "Why now", LEAD, "What it costs", MIDDLE, QUOTE],
        [LEAD, SPLIT_QUOTE],
    ],
)
def test_guards_clean_text_comes_out_word_for_word(paras: list[str]) -> None:
    src, out = _in_out("\n\n".join(paras))
    assert out == src


@pytest.mark.parametrize(
    "text",
    [
        QUOTE,
        SPLIT_QUOTE,
        "\u201cIt is not a wall, it is a promise,\u201d according to the mayor.",
        "The mayor wrote that the town had \u201cwaited long enough for the sea to decide.\u201d",
        "\u201cWe are done waiting for the sea to decide,\u201d she says.",
        ROUNDUP_A,
        "Dr. Ann Ode: 'The wall will hold for a century at least.'",
    ],
)
def test_guards_quote_paragraphs_are_recognised(text: str) -> None:
    assert quotes_speech(text)
    assert is_quote_paragraph(classify_all([text])[0])


@pytest.mark.parametrize(
    "text",
    [
        "The so-called \u201cforever wall\u201d will be the third on this stretch of coast.",
        "Share this article on social media",
        "He said the work would take a year.",
        "\u201cSea Walls of the North\u201d",
        "Harbour master: \u2018We patched it for the last time\u2019",
    ],
)
def test_guards_prose_without_quoted_speech_is_not_a_quote_paragraph(text: str) -> None:
    assert not is_quote_paragraph(classify_all([text])[0])


def _scrape(after_share: list[str]) -> str:
    return "\n".join(
        [
            "Home", "News", "Sport", "Weather", "Sign in",
            HEADLINE, LEAD, MIDDLE, END,
            "Share on Facebook", "Share on X",
            *after_share,
            "Most read", "Ferry timetable changes", "Copyright 2026",
        ]
    )


def test_guards_quote_paragraph_after_a_share_bar_is_kept() -> None:
    c = clean_text(_scrape([QUOTE]))
    assert QUOTE in c.text and LEAD in c.text
    assert "Sign in" not in c.text and "Most read" not in c.text


def test_guards_quote_paragraph_under_a_related_header_is_another_story() -> None:
    c = clean_text(_scrape(["Related stories", QUOTE]))
    assert LEAD in c.text and QUOTE not in c.text


def test_guards_quote_paragraph_the_model_doubts_is_kept() -> None:
    lines = ["Sign in", LEAD, MIDDLE, QUOTE, "Share"]
    sel = select(lines, probs=[0.05, 0.9, 0.9, 0.01, 0.05], theta=0.4, drop_below=0.2, body_floor=0.1)
    assert sel.body == [LEAD, MIDDLE, QUOTE]
    # without the quotation the same doubted paragraph goes
    plain = ["Sign in", LEAD, MIDDLE, END, "Share"]
    sel = select(plain, probs=[0.05, 0.9, 0.9, 0.01, 0.05], theta=0.4, drop_below=0.2, body_floor=0.1)
    assert sel.body == [LEAD, MIDDLE]


def test_guards_roundup_lines_are_kept_between_paragraphs() -> None:
    page = "\n".join(["Menu", "Search", "Log in", LEAD, "What the papers say:", ROUNDUP_A, ROUNDUP_B, END, "Share"])
    c = clean_text(page)
    for line in (LEAD, ROUNDUP_A, ROUNDUP_B, END):
        assert line in c.text.split("\n\n")


def _lines(texts: list[str]) -> tuple[list[Line], list[bool]]:
    lines = classify_all(split_lines("\n".join(texts)))
    return lines, [ln.kind == "chrome" and is_date_line(ln.text, ln.n_words) for ln in lines]


def test_guards_looks_clean_accepts_article_with_dateline_and_subheadings() -> None:
    assert looks_clean(*_lines([HEADLINE, DATELINE, LEAD, "What it costs", MIDDLE, END]))


@pytest.mark.parametrize(
    "extra",
    [
        ["Home", "World", "Politics"],  # a menu: short labels one after another
        ["Subscribe to our newsletter"],  # a widget label
        ["Read more"],  # a teaser terminator
        ["Leave a comment"],  # a comment section header
    ],
)
def test_guards_looks_clean_rejects_page_furniture(extra: list[str]) -> None:
    assert not looks_clean(*_lines([*extra, LEAD, MIDDLE, END]))


def test_guards_looks_clean_needs_prose() -> None:
    assert not looks_clean(*_lines([HEADLINE, "Why now"]))


def test_guards_looks_clean_rejects_a_credit_only_line_but_not_a_caption() -> None:
    assert looks_clean(*_lines([LEAD, CAPTION, MIDDLE, END]))
    assert not looks_clean(*_lines([LEAD, "Photo by Sam Quill/Harbour Pictures", MIDDLE, END]))


def test_guards_long_prose_line_with_a_slash_is_kept_inside_the_article() -> None:
    slashed = (
        "The engineers said the new design had been tested against the worst storms of the century and "
        "would be shared with other towns along the coast, an idea the regional office called a model for "
        "coastal cooperation / planning."
    )
    lines = classify_all(["Sign in", LEAD, slashed, MIDDLE])
    assert lines[2].kind == "credit"
    sel = select([ln.text for ln in lines], probs=[0.1, 0.9, 0.3, 0.9], theta=0.4, drop_below=0.2, classified=lines)
    assert sel.body == [LEAD, slashed, MIDDLE]
