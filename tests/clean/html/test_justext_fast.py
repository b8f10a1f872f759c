"""justext_fast makes the paragraphs jusText's own SAX-driven maker makes, field for field, and
they classify the same."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from justext.core import ParagraphMaker, classify_paragraphs, revise_paragraph_classification
from lxml import etree

from stanceline.clean.html.justext_fast import make_paragraphs

REPO = Path(__file__).resolve().parents[3]
STOPWORDS = frozenset({"the", "a", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with"})


def _fields(paragraphs: list[Any]) -> list[tuple[Any, ...]]:
    return [(p.text, p.dom_path, p.xpath, p.text_nodes, p.chars_count_in_links, p.tags_count, len(p),
             p.words_count, p.is_heading) for p in paragraphs]


def _classified(paragraphs: list[Any]) -> list[tuple[str, str]]:
    classify_paragraphs(paragraphs, STOPWORDS, 50, 150, 0.1, 0.2, 0.25, True)
    revise_paragraph_classification(paragraphs, 150)
    return [(p.text, p.class_type) for p in paragraphs]


def _same(root: Any) -> None:
    assert _fields(make_paragraphs(root)) == _fields(ParagraphMaker.make_paragraphs(root))
    assert _classified(make_paragraphs(root)) == _classified(ParagraphMaker.make_paragraphs(root))


SENTENCE = "The council said on Monday that the new bridge over the river was to open in the spring. "

PAGES = [
    # links inside and around paragraphs, a heading, nested block tags
    f"<html><body><h1>Bridge opens</h1><div><p>{SENTENCE * 3}<a href='#'>read the report</a> now</p>"
    f"<div><p>{SENTENCE}</p><ul><li><a href='/a'>Home</a></li><li>News</li></ul></div></div></body></html>",
    # <br> alone joins lines, <br><br> separates paragraphs; a paragraph of only a <br>
    f"<html><body><div>{SENTENCE}<br>second line<br><br>{SENTENCE}<br> <br>end</div><p><br></p></body></html>",
    # comments and processing instructions inside: only their tails are text
    f"<html><body><p>before<!-- hidden -->after {SENTENCE}</p><?php echo 1 ?>tail of the pi<p>x</p></body></html>",
    # whitespace-only text nodes, non-breaking and odd spaces, a copyright line, a select
    f"<html><body>\n  <p>  \n </p><p>\u00a0{SENTENCE}\u2003\n\tthe end</p><p>\u00a9 2024 Paper</p>"
    "<form><select><option>One</option><option>Two</option></select></form></body></html>",
    # text straight in the body and after the last element, inline tags in a row
    f"<html><body>loose text <b>bold</b><i>italic</i> {SENTENCE}<span>span</span></body>trailing</html>",
]


@pytest.mark.parametrize("page", PAGES)
def test_justext_fast_same_paragraphs_as_justext(page: str) -> None:
    root = lxml.html.fromstring(page)
    _same(root)
    _same(root.find("body"))  # a subtree with a tail of its own


def test_justext_fast_hands_trees_it_does_not_cover_to_justext() -> None:
    # a namespaced tag (an XML tree) and processing instructions beside the root: jusText's maker
    root = etree.fromstring(f"<doc xmlns='urn:x'><p>{SENTENCE}</p><p>two</p></doc>")
    _same(root)
    tree = etree.fromstring(f"<?xml version='1.0'?><?style a?><doc><p>{SENTENCE}</p></doc>")
    _same(tree)


def test_justext_fast_same_paragraphs_on_real_pages() -> None:
    sys.path.insert(0, str(REPO))
    from bench.gold import load_gold, read_html, root

    pages = [(name, g["id"]) for name in ("wcxb", "scrapinghub_aeb", "trafilatura_eval")
             if (root() / name / "gold.jsonl").exists() for g in load_gold(name, 20)]
    if not pages:
        pytest.skip("../shared/benchmarks not found (set STANCELINE_BENCHMARKS)")
    from stanceline.clean.html.extract import load_page

    for name, page_id in pages:
        tree = load_page(read_html(name, page_id))
        if tree is not None:
            _same(tree)
