"""Compiled XPath selectors return what lxml's XPath returns, on trafilatura's own expressions
and on generated trees built from the words those expressions test for."""

from __future__ import annotations

import random
import re

import pytest
from lxml import etree, html

from stanceline.clean.html.trafilatura_swap import _namespaces, expressions
from stanceline.clean.html.xpath_compile import REGEXP_NS, Unsupported, compile_xpath

NS = {"re": REGEXP_NS}


def _page(markup: str) -> etree._Element:
    return html.fromstring(markup)


def test_xpath_compile_first_match_per_parent() -> None:
    tree = _page("<html><body><div><p class='a' id='1'/><p class='a' id='2'/></div>"
                 "<div><span/><p class='a' id='3'/><div><p class='a' id='4'/></div></div></body></html>")
    src = ".//*[self::p][@class='a'][1]"
    compiled = compile_xpath(src)
    assert [e.get("id") for e in compiled(tree)] == [e.get("id") for e in tree.xpath(src)] == ["1", "3", "4"]


def test_xpath_compile_parenthesised_first_and_union_in_document_order() -> None:
    tree = _page("<html><body><main id='m'/><div class='main-x' id='d'/><article id='a'/></body></html>")
    src = "(.//*[self::div][starts-with(@class, 'main')])[1]|(.//main)[1]"
    assert [e.get("id") for e in compile_xpath(src)(tree)] == [e.get("id") for e in tree.xpath(src)] == ["m", "d"]
    src = "(.//article)[1]"
    assert [e.get("id") for e in compile_xpath(src)(tree)] == ["a"]


def test_xpath_compile_attribute_union_reads_the_first_in_source_order() -> None:
    tree = _page("<html><body><div class='cookie-x' id='plain'/><div id='plain' class='cookie-x'/></body></html>")
    src = ".//div[re:test(@id|@class, 'cookie')]"
    got = compile_xpath(src, NS)(tree)
    assert got == tree.xpath(src, namespaces=NS)
    assert len(got) == 1 and got[0].get("class") == "cookie-x" and got[0].keys()[0] == "class"


def test_xpath_compile_translate_not_and_descendant_tests() -> None:
    tree = _page("<html><body><section role='Navigation'><h1>x</h1></section><section role='Nav'/>"
                 "<div style='display: none' id='t'/></body></html>")
    for src in (".//*[contains(translate(@role, 'N', 'n'), 'nav')][not(.//h1)]",
                ".//*[contains(@style, 'display: none') or @aria-hidden='true']",
                ".//section[not(self::div) and (.//h1 or @role='Nav')]"):
        assert compile_xpath(src)(tree) == tree.xpath(src), src


@pytest.mark.parametrize("src", ["//div", ".//div/p", ".//*[count(p) > 1]", ".//*[position() = 2]",
                                 ".//*[re:match(@id, 'x')]", ".//div[@id=$x]", ".//*[1][@id]"])
def test_xpath_compile_refuses_what_it_does_not_cover(src: str) -> None:
    with pytest.raises(Unsupported):
        compile_xpath(src, NS)


def _words(src: str) -> list[str]:
    """Literal pieces of the strings an expression tests for (regex syntax dropped)."""
    words: set[str] = set()
    for lit in re.findall(r"'([^']*)'", src):
        for piece in re.split(r"[|()?:^$\[\]\\*+{}!]+|\\s", lit):
            if piece.strip():
                words.add(piece)
    return sorted(words)


_TAGS = ["div", "section", "span", "p", "article", "main", "aside", "list", "item", "ol", "ul", "details",
         "header", "h1", "a", "li", "footer", "svg", "template", "style"]
_ATTRS = ["id", "class", "role", "style", "data-component", "aria-hidden", "itemprop",
          "data-lp-replacement-content"]


def _value(rng: random.Random, words: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 3)):
        w = rng.choice(words) if rng.random() < 0.8 else rng.choice(["x", "Main", "post", "true", "nav"])
        if rng.random() < 0.2:
            w = w.capitalize() if rng.random() < 0.5 else w.upper()
        parts.append(w)
    return rng.choice(["", "-", "_", " ", "__"]).join(parts)


def _tree(rng: random.Random, words: list[str]) -> etree._Element:
    root = etree.Element("html")
    body = etree.SubElement(root, "body")
    nodes = [body]
    for _ in range(rng.randint(5, 40)):
        el = etree.SubElement(rng.choice(nodes), rng.choice(_TAGS))
        for name in rng.sample(_ATTRS, rng.randint(0, 3)):
            el.set(name, _value(rng, words))
        el.text = "t"
        nodes.append(el)
    return root


def _expressions() -> list[tuple[str, dict[str, str]]]:
    return [(expr.path, _namespaces(expr)) for expr, _ in expressions()]


@pytest.mark.parametrize("index", range(len(_expressions())))
def test_xpath_compile_matches_lxml_on_generated_trees(index: int) -> None:
    src, namespaces = _expressions()[index]
    compiled = compile_xpath(src, namespaces)
    xpath = etree.XPath(src, namespaces=namespaces)
    words = _words(src) or ["x"]
    rng = random.Random(index)
    hits = 0
    for _ in range(300):
        tree = _tree(rng, words)
        expected = xpath(tree)
        assert compiled(tree) == expected, etree.tostring(tree)
        hits += bool(expected)
    assert hits, "the generated trees never exercised the expression"


def test_xpath_compile_trie_keeps_what_each_pattern_matches() -> None:
    from stanceline.clean.html.xpath_compile import _trie_first

    rng = random.Random(7)
    for expr, _ in expressions():
        for pattern, flags in re.findall(r"re:test\([^,]+,\s*'([^']*)'(?:,\s*'([^']*)')?", expr.path):
            words = _words(f"'{pattern}'") or ["x"]
            flag = re.IGNORECASE if "i" in flags else 0
            plain, merged = re.compile(pattern, flag), re.compile(_trie_first(pattern), flag)
            for _ in range(400):
                value = _value(rng, words)
                assert bool(plain.search(value)) == bool(merged.search(value)), (pattern, value)


def test_xpath_compile_union_of_filters_is_one_walk_in_document_order() -> None:
    tree = _page("<html><body><div id='a'><aside id='b'><p id='c'/></aside></div><footer/><div/></body></html>")
    src = ".//aside|.//div[@id]|.//footer|.//*[@id='c' or @id='a']"
    compiled = compile_xpath(src)
    assert len(compiled.parts) == 1
    assert compiled(tree) == tree.xpath(src)
    assert [e.tag for e in compiled(tree)] == ["div", "aside", "p", "footer"]
