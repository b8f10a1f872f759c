"""Mentions built by hand for the stance tests, so that a test checks stance, not NER."""

from __future__ import annotations

import re
from collections.abc import Mapping

from stanceline.model import Mention


def hand_mentions(text: str, actors: Mapping[str, tuple[str, str]], doc_id: str = "d") -> list[Mention]:
    """Every whole-word occurrence of a name in `actors` (name -> (key, type)), longest first."""
    out: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(actors, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken |= set(range(m.start(), m.end()))
            key, typ = actors[name]
            out.append(Mention(doc_id, key, name, m.start(), m.end(), typ))  # type: ignore[arg-type]
    return out
