"""A regular expression that finds any of a set of literal words, written as a trie.

Python's `re` tries the alternatives of `a|b|c` one after another at every position; merged into
a trie, each position branches on one character and tries only the words starting with it. The
result finds a match exactly where one of the words occurs (a word that extends another adds
nothing to "any of"), which is all a search used as a yes/no test needs.
"""

from __future__ import annotations

import re
from typing import Any


def any_of(words: tuple[str, ...] | list[str]) -> str:
    """Pattern source matching wherever one of `words` (literal strings) occurs."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a word ends here: its longer extensions add nothing to "any of"
        alts = [re.escape(c) + emit(sub) for c, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)
