"""How sure a position is: the voice it comes in and how strong its cues are.

An actor's own words weigh more than a report of them, and a report more than the outlet's
characterisation; a weak cue (a negated obstacle, an evaluation, a prediction) and hedges
("could", "reportedly") lower it. The values are checked against observed accuracy in the
benchmark's reliability table (`python -m bench.positions`).
"""

from __future__ import annotations

from stanceline.nlp.stance.state import Reading

VOICE_BASE = {"quote": 0.9, "reported": 0.85, "outlet": 0.75}


def confidence(r: Reading) -> float:
    return round(VOICE_BASE[r.voice] * r.strength, 3)
