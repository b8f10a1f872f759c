"""One actor, one issue, one time, one article: one stance.

An article rarely has an actor take two sides of one issue at once; when readings disagree, most
of them are misreadings. Readings are grouped by (issue, actor, date): the stance with the most
confidence behind it is kept, with all its evidence, and the others are dropped. A neutral reading
(abstention) is kept only when no side has more weight.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from stanceline.model import Position


def consolidate(positions: Iterable[Position]) -> list[Position]:
    groups: dict[tuple[str, str, str | None], list[Position]] = defaultdict(list)
    for p in positions:
        groups[(p.issue, p.actor_key, p.date)].append(p)
    out: list[Position] = []
    for ps in groups.values():
        weight: dict[str, float] = defaultdict(float)
        for p in ps:
            weight[p.stance] += p.confidence
        best = max(weight, key=lambda s: (weight[s], s != "neutral"))
        out.extend(p for p in ps if p.stance == best)
    return out
