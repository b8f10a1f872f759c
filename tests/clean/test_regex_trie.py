"""The trie pattern finds a match exactly where one of its words occurs."""

from __future__ import annotations

import random
import re

from stanceline.clean.regex_trie import any_of


def test_regex_trie_agrees_with_a_plain_alternation() -> None:
    rng = random.Random(3)
    words = ["share", "shar", "social", "nav", "navbar", "a.b", "(x)", "ad-", "menu"]
    trie = re.compile(any_of(words))
    plain = re.compile("|".join(re.escape(w) for w in words))
    pieces = [*words, "s", "h", "-", " ", ".", "x", "bar", "so"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert bool(trie.search(text)) == bool(plain.search(text)), text


def test_regex_trie_escapes_metacharacters() -> None:
    pattern = re.compile(any_of(["a.b", "(x)"]))
    assert pattern.search("za.bz") and pattern.search("(x)")
    assert not pattern.search("axb") and not pattern.search("x")
