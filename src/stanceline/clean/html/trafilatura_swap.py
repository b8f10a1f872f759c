"""Run trafilatura faster with the same output: compiled XPath, and no unused tree copy.

trafilatura evaluates its XPath discard and body lists through module-level list objects (its
`xpaths` module), and its baseline's cleaning expression through a module global read at call
time, so they can be exchanged for `xpath_compile.Compiled` selectors that return the same
elements. Its tree preparation also copies the cleaned tree as a backup that, in fast mode without
comments, nothing reads, and cleans a copy of a tree that in precision focus nothing reads again;
a preparation without those copies stands in for it there. Its fallback cascade asks jusText for
paragraphs, which `justext_fast` makes the same without SAX. The exchange
lasts only while stanceline's own extraction runs (`faster_trafilatura()`), so trafilatura called
anywhere else (the benchmark's peer run in the same process included) keeps its own parts. An
expression outside the compiled subset keeps its XPath; the preparation and the paragraph maker
are exchanged only while the code around them is the code this was read from.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from stanceline.clean.html.xpath_compile import REGEXP_NS, Unsupported, compile_xpath

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
# Single expressions a module reads by name at call time (its full cascade's baseline and
# page-text measure).
NAMES = (("trafilatura.baseline", "BASIC_CLEAN_XPATH"),)


def _namespaces(xpath: Any) -> dict[str, str]:
    # lxml keeps an XPath object's namespace map private; trafilatura's expressions only
    # ever bind the EXSLT regex prefix "re", which the source text shows when it is used
    return {"re": REGEXP_NS} if "re:" in xpath.path else {}


def _compiled(expr: Any) -> Any:
    """The compiled equivalent of an XPath object, or the object itself outside the subset."""
    try:
        return compile_xpath(expr.path, _namespaces(expr))
    except (Unsupported, AttributeError, ValueError, re.error):
        return expr


@dataclass(frozen=True)
class _Slot:
    """One place trafilatura reads a part from at call time: its own items, what stands in for
    them, and how to put either in place."""

    own: tuple[Any, ...]
    faster: tuple[Any, ...]
    put: Callable[[tuple[Any, ...]], None]


def _list_slot(target: list[Any]) -> _Slot:
    own = tuple(target)

    def put(items: tuple[Any, ...]) -> None:
        target[:] = items

    return _Slot(own, tuple(_compiled(x) for x in own), put)


def _name_slot(module: Any, name: str) -> _Slot:
    own = getattr(module, name)
    return _name_slot_with(module, name, own, _compiled(own))


def _name_slot_with(module: Any, name: str, own: Any, faster: Any) -> _Slot:
    def put(items: tuple[Any, ...]) -> None:
        setattr(module, name, items[0])

    return _Slot((own,), (faster,), put)


@lru_cache(maxsize=1)
def _slots() -> tuple[_Slot, ...]:
    from trafilatura import xpaths

    out = [_list_slot(target) for name in LISTS if isinstance(target := getattr(xpaths, name, None), list)]
    for module_name, name in NAMES:
        module = importlib.import_module(module_name)
        if hasattr(getattr(module, name, None), "path"):
            out.append(_name_slot(module, name))
    return tuple(out)


# The functions whose reading of the backup and of the uncleaned tree the preparation below relies
# on (trafilatura 2.3.1): trafilatura_sequence reads the backup only to capture comments,
# _extract_and_compare and _recall_retry only outside fast mode; the uncleaned tree is read after
# the preparation only by the baseline rescue and the recall escalation, which precision focus
# skips, and bare_extraction hands trafilatura_sequence a tree of its own (its copy of the
# caller's, or the one it parsed) and reads it no more afterwards.
_PREPARE_CONTEXT = {
    "bare_extraction": "256616fcd1f1ee59",
    "_prepare_tree": "bfc95d6a60d54c9a",
    "_extract_and_compare": "0403601160963820",
    "trafilatura_sequence": "0dc10fc96543a3b5",
    "_recall_retry": "f7a613d7d2e8b15f",
}


def _source_digest(fn: Any) -> str:
    return hashlib.sha1(inspect.getsource(fn).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _prepare_slot() -> _Slot | None:
    core = importlib.import_module("trafilatura.core")
    try:
        if any(_source_digest(getattr(core, name)) != digest for name, digest in _PREPARE_CONTEXT.items()):
            return None
    except (AttributeError, OSError, TypeError):  # another version, or no source to read
        return None
    own = core._prepare_tree

    def prepare(tree: Any, options: Any, url: str | None) -> tuple[Any, Any]:
        if options.fast and not options.comments:
            # in precision focus the uncleaned tree is read no more, so it is cleaned in place
            mine = tree if options.focus == "precision" else core.copy(tree)
            return core.convert_tags(core.tree_cleaning(mine, options), options, url), None
        return own(tree, options, url)

    def put(items: tuple[Any, ...]) -> None:
        setattr(core, "_prepare_tree", items[0])  # noqa: B010 - a private name mypy does not see

    return _Slot((own,), (prepare,), put)


# What the faster paragraph maker reproduces (justext 3.0.2): the handler rules and the paragraph.
_JUSTEXT_CONTEXT = {
    ("justext.core", "ParagraphMaker"): "20dba31fcd2b293f",
    ("justext.core", "PathInfo"): "4eea518bf7c938ea",
    ("justext.paragraph", "Paragraph"): "1c1d8705d5b148a3",
}


@lru_cache(maxsize=1)
def _justext_slot() -> _Slot | None:
    try:
        external = importlib.import_module("trafilatura.external")
        if any(_source_digest(getattr(importlib.import_module(module), name)) != digest
               for (module, name), digest in _JUSTEXT_CONTEXT.items()):
            return None
        from stanceline.clean.html.justext_fast import FastParagraphMaker
    except (ImportError, AttributeError, OSError, TypeError):  # another version, or no source to read
        return None
    own = getattr(external, "ParagraphMaker", None)
    if own is None:
        return None
    return _name_slot_with(external, "ParagraphMaker", own, FastParagraphMaker)


def makes_paragraphs_faster() -> bool:
    """Whether jusText's paragraphs are made by `justext_fast` (jusText's code as read)."""
    return _justext_slot() is not None


def prepares_without_backup() -> bool:
    """Whether the preparation without the backup copy is used (trafilatura's code as read)."""
    return _prepare_slot() is not None


def expressions() -> list[tuple[Any, Any]]:
    """(trafilatura's expression, what stands in for it) for every swapped expression."""
    return [pair for slot in _slots() for pair in zip(slot.own, slot.faster, strict=True)]


def coverage() -> tuple[int, int]:
    """(expressions compiled, expressions in the swapped places)."""
    pairs = expressions()
    return sum(1 for own, compiled in pairs if own is not compiled), len(pairs)


_lock = threading.Lock()
_depth = 0


@contextmanager
def faster_trafilatura() -> Iterator[None]:
    """Within this block trafilatura reads the compiled selectors, the preparation without copies
    and the faster jusText paragraph maker (re-entrant, and shared by threads: the first to enter
    swaps them in, the last to leave swaps them back)."""
    global _depth
    extra = (_prepare_slot(), _justext_slot())
    slots = _slots() + tuple(slot for slot in extra if slot is not None)
    with _lock:
        if _depth == 0:
            for slot in slots:
                slot.put(slot.faster)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                for slot in slots:
                    slot.put(slot.own)
