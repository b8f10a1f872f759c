"""One actor, one issue, one time, one article: one stance.

An article rarely has an actor take two sides of one issue at once; when readings disagree, most
of them are misreadings. Readings are grouped by (issue, actor, date) and kept only for the
stance with the most confidence behind it, all its evidence with it. A judgement of the
proposition's worth ("sees membership as a shield") is grouped apart from acts and demands ("offered
to pause the bid"), and an abstention from the decision apart from what is said of it: an actor
can value a thing and still put it off, or speak against a decision and still let it pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from stanceline.model import SPEAKS_FOR, Position


def is_judgement(p: Position) -> bool:
    """Every cue of the position is an evaluation (those end in ":support"/":oppose")."""
    cues = [c for c in p.cues[2:] if c not in {"not", "no", "without"} and not c.startswith(SPEAKS_FOR)]
    return bool(cues) and all(c.endswith((":support", ":oppose")) for c in cues)


def kind_of(p: Position) -> str:
    """judgement (only evaluations), abstention (not taking part), or act/statement."""
    if p.stance == "neutral" and any(c.endswith(":neutral") for c in p.cues):
        return "abstention"
    return "judgement" if is_judgement(p) else "act"


def consolidate(positions: Iterable[Position]) -> list[Position]:
    groups: dict[tuple[str, str, str | None, str], list[Position]] = defaultdict(list)
    for p in positions:
        groups[(p.issue, p.actor_key, p.date, kind_of(p))].append(p)
    out: list[Position] = []
    for ps in groups.values():
        weight: dict[str, float] = defaultdict(float)
        for p in ps:
            weight[p.stance] += p.confidence
        best = max(weight, key=lambda s: (weight[s], s != "neutral"))
        out.extend(p for p in ps if p.stance == best)
    return out
