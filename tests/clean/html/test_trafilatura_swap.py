"""The compiled selectors, the preparation without copies and the faster jusText paragraphs replace
trafilatura's own parts only inside the block, and trafilatura gives the same output with them."""

from __future__ import annotations

import importlib
import sys
import threading
from pathlib import Path

import pytest
from lxml.etree import XPath

from stanceline.clean.html import extract as clean_html
from stanceline.clean.html.trafilatura_swap import (
    coverage,
    faster_trafilatura,
    makes_paragraphs_faster,
    prepares_without_backup,
)
from stanceline.clean.html.xpath_compile import Compiled

REPO = Path(__file__).resolve().parents[3]


def _lists() -> list[list[object]]:
    from trafilatura import xpaths

    baseline = importlib.import_module("trafilatura.baseline")  # the package exports a function of that name
    return [xpaths.OVERALL_DISCARD_XPATH, xpaths.BODY_XPATH, xpaths.PRECISION_DISCARD_XPATH,
            [baseline.BASIC_CLEAN_XPATH]]


def test_trafilatura_swap_lasts_only_inside_the_block() -> None:
    assert all(isinstance(x, XPath) for lst in _lists() for x in lst)
    with faster_trafilatura():
        assert all(isinstance(x, Compiled) for lst in _lists() for x in lst)
        with faster_trafilatura():
            pass
        assert all(isinstance(x, Compiled) for lst in _lists() for x in lst)
    assert all(isinstance(x, XPath) for lst in _lists() for x in lst)


def test_trafilatura_swap_restores_after_an_error() -> None:
    with pytest.raises(RuntimeError), faster_trafilatura():
        raise RuntimeError("boom")
    assert all(isinstance(x, XPath) for lst in _lists() for x in lst)


def test_trafilatura_swap_threads_share_one_swap() -> None:
    inside = threading.Barrier(2)

    def work() -> None:
        with faster_trafilatura():
            inside.wait(timeout=10)
            assert all(isinstance(x, Compiled) for lst in _lists() for x in lst)
            inside.wait(timeout=10)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(x, XPath) for lst in _lists() for x in lst)


def test_trafilatura_swap_prepares_without_backup_only_inside_the_block() -> None:
    core = importlib.import_module("trafilatura.core")
    own = core._prepare_tree
    # the locked trafilatura is the version the preparation was read from; an upgrade shows here
    assert prepares_without_backup()
    with faster_trafilatura():
        assert core._prepare_tree is not own
    assert core._prepare_tree is own


def test_trafilatura_swap_makes_justext_paragraphs_faster_only_inside_the_block() -> None:
    from justext.core import ParagraphMaker

    from stanceline.clean.html.justext_fast import FastParagraphMaker

    external = importlib.import_module("trafilatura.external")
    # the locked justext is the version the paragraph maker was read from; an upgrade shows here
    assert makes_paragraphs_faster()
    assert external.ParagraphMaker is ParagraphMaker
    with faster_trafilatura():
        assert external.ParagraphMaker is FastParagraphMaker
    assert external.ParagraphMaker is ParagraphMaker


def test_trafilatura_swap_compiles_every_expression_of_the_locked_version() -> None:
    # a trafilatura upgrade that leaves the compiled subset shows here, not as a silent slowdown
    done, total = coverage()
    assert total >= 16 and done == total


def _pages(limit: int) -> list[tuple[str, str | None]]:
    sys.path.insert(0, str(REPO))
    from bench.gold import load_gold, read_html, root

    pages: list[tuple[str, str | None]] = []
    for name in ("wcxb", "scrapinghub_aeb", "trafilatura_eval"):
        if (root() / name / "gold.jsonl").exists():
            pages += [(read_html(name, g["id"]), g.get("url")) for g in load_gold(name, limit)]
    return pages


@pytest.mark.parametrize("fast,precision", [(True, True), (True, False), (False, False)])
def test_trafilatura_swap_same_output_on_real_pages(fast: bool, precision: bool) -> None:
    import trafilatura

    pages = _pages(25)
    if not pages:
        pytest.skip("../shared/benchmarks not found (set STANCELINE_BENCHMARKS)")
    trees = []
    for markup, url in pages:
        tree = clean_html.load_page(markup)
        if tree is not None:
            trees.append((tree, url))

    def run() -> list[str | None]:
        return [trafilatura.extract(t, url=u, fast=fast, favor_precision=precision, include_comments=False)
                for t, u in trees]

    plain = run()
    with faster_trafilatura():
        compiled = run()
    assert sum(bool(x) for x in plain) > len(trees) // 2
    assert compiled == plain
