"""Tests for htmldate without dateparser (stanceline.dates.htmldate_search)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from stanceline.dates.html import parse_tree
from stanceline.dates.htmldate_search import _own_external_date, htmldate_find


def test_dates_htmldate_reads_free_text_date_without_dateparser() -> None:
    # A page whose only date is free text in a form htmldate's own rules hand to dateparser (a
    # Russian month name; plain htmldate imports dateparser for it); run in a fresh process so an
    # earlier import elsewhere cannot hide a dateparser load.
    code = textwrap.dedent(
        """
        import sys
        from stanceline.dates.html import parse_tree
        from stanceline.dates.htmldate_search import htmldate_find
        html = ("<html><body><div><p>Some filler text here.</p>"
                "<span>3 марта 2021</span><p>More of the article body.</p></div></body></html>")
        print(htmldate_find(parse_tree(html), None, extensive=True))
        print("dateparser" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["2021-03-03", "False"]


def test_dates_htmldate_restores_its_hooks() -> None:
    from htmldate import extractors

    before = (extractors._external_date, extractors.month_words)
    htmldate_find(parse_tree("<html><body><p>Posted 3 March 2021</p></body></html>"), None, extensive=True)
    assert (extractors._external_date, extractors.month_words) == before


def test_dates_htmldate_own_parser_wants_a_bare_date() -> None:
    assert _own_external_date("Mittwoch, 3. März 2021, 10:15 Uhr") is not None
    assert _own_external_date("3 марта 2021") is not None
    # A sentence that mentions a date is not a date expression, nor are two dates.
    assert _own_external_date("The council met on 3 March 2021 to vote on the new budget plan") is None
    assert _own_external_date("3 March 2021 - 5 March 2021") is None


def test_dates_htmldate_broken_markup_is_none() -> None:
    assert htmldate_find(None, None, extensive=True) is None


def test_dates_htmldate_without_the_hooks_still_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    # an htmldate release that moved its module hooks must not silently lose every htmldate date
    from htmldate import extractors

    monkeypatch.delattr(extractors, "_external_date")
    html = '<html><head><meta property="article:published_time" content="2021-03-03"></head><body></body></html>'
    assert htmldate_find(parse_tree(html), None, extensive=False) == "2021-03-03"
