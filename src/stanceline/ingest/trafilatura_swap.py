"""Run trafilatura with compiled (Python) equivalents of its XPath discard and body lists.

trafilatura evaluates these lists through module-level list objects (its `xpaths` module), so
their contents can be exchanged for `xpath_compile.Compiled` selectors that return the same
elements. The exchange lasts only while stanceline's own extraction runs (`compiled_xpaths()`),
so trafilatura called anywhere else (the benchmark's peer run in the same process included)
keeps its own XPath objects. An expression outside the compiled subset keeps its XPath.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from stanceline.ingest.xpath_compile import REGEXP_NS, Unsupported, compile_xpath

# The lists trafilatura's default extraction (no comments, no custom prune_xpath) evaluates.
LISTS = (
    "RAW_TREE_PRUNE_XPATH",
    "REMOVE_COMMENTS_AND_LISTS_XPATH",
    "REMOVE_COMMENTS_XPATH",
    "OVERALL_DISCARD_XPATH",
    "DISCARD_IMAGE_ELEMENTS",
    "TEASER_DISCARD_XPATH",
    "PRECISION_DISCARD_XPATH",
    "BODY_XPATH",
)


def _namespaces(xpath: Any) -> dict[str, str]:
    # lxml keeps an XPath object's namespace map private; trafilatura's expressions only
    # ever bind the EXSLT regex prefix "re", which the source text shows when it is used
    return {"re": REGEXP_NS} if "re:" in xpath.path else {}


@lru_cache(maxsize=1)
def _swaps() -> tuple[tuple[list[Any], list[Any], list[Any]], ...]:
    """(trafilatura's list, its own items, the compiled items) for each list in LISTS."""
    from trafilatura import xpaths

    out = []
    for name in LISTS:
        target = getattr(xpaths, name, None)
        if not isinstance(target, list):
            continue
        own = list(target)
        compiled: list[Any] = []
        for expr in own:
            try:
                compiled.append(compile_xpath(expr.path, _namespaces(expr)))
            except (Unsupported, AttributeError, ValueError, re.error):
                compiled.append(expr)
        out.append((target, own, compiled))
    return tuple(out)


def coverage() -> tuple[int, int]:
    """(expressions compiled, expressions in the swapped lists)."""
    pairs = [(own, compiled) for _, own, compiled in _swaps()]
    total = sum(len(own) for own, _ in pairs)
    done = sum(1 for own, compiled in pairs for a, b in zip(own, compiled, strict=True) if a is not b)
    return done, total


_lock = threading.Lock()
_depth = 0


@contextmanager
def compiled_xpaths() -> Iterator[None]:
    """Within this block trafilatura's lists hold the compiled selectors (re-entrant, and
    shared by threads: the first to enter swaps them in, the last to leave swaps them back)."""
    global _depth
    swaps = _swaps()
    with _lock:
        if _depth == 0:
            for target, _, compiled in swaps:
                target[:] = compiled
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for target, own, _ in swaps:
                    target[:] = own
