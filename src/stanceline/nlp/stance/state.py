"""The records a stance walk builds: its running state, the stations where holders are met, and
the readings it ends with; and how much one cue of each weaker class weighs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from stanceline.model import Stance, Voice
from stanceline.nlp.stance.holders import Holder
from stanceline.nlp.stance.targets import Target

# Weights of a cue class: how much one such cue alone says.
W_LET_PASS = 0.5  # a negated obstacle ("will not block"): lets it happen, weakly for it
W_EVAL = 0.85
W_PREDICT = 0.6  # a bare statement that it will happen
W_HEDGE = 0.85


@dataclass
class State:
    sign: int
    weight: float = 1.0
    said_of: int = 0  # an evaluation said of the target itself ("a disastrous deal"): -1 / +1
    first_sign: int = 0  # the sign right after the first word that took a side on the target
    cued: bool = False
    conditional: bool = False
    later: bool = False
    abstain: bool = False
    revote: bool = False
    hypothetical: bool = False
    subordinate: bool = False  # the walk ended in a subordinate clause (time, reason, hypothesis)
    obstacle_open: bool = False  # the target is an obstacle whose user is not yet found
    pending_against: bool = False  # an "against" phrase hung on a word that takes no side
    timely: bool = False  # a word of "now" is on the path, not yet negated
    unable: bool = False  # the holder's act is said to be impossible
    hedges: int = 0
    negated: set[int] = field(default_factory=set)  # tokens whose negation has been read
    cues: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def cue(self, t: Any, what: str, *, weight: float = 1.0) -> None:
        if not self.cued:
            self.first_sign = self.sign
        self.cued = True
        self.weight = min(self.weight, weight) if weight < 1.0 else self.weight
        self.cues.append(what)
        self.spans.append((t.idx, t.idx + len(t.text)))

    def flip(self, t: Any, what: str, *, weight: float = 1.0, cue: bool = True) -> None:
        self.sign = -self.sign
        if cue:
            self.cue(t, what, weight=weight)
        else:
            self.cues.append(what)
            self.spans.append((t.idx, t.idx + len(t.text)))

    def take(self, t: Any, sign: int, what: str, *, weight: float = 1.0) -> None:
        """A word that takes a side: for (+1) keeps the running sign, against (-1) flips it."""
        if sign < 0:
            self.flip(t, what, weight=weight)
        else:
            self.cue(t, what, weight=weight)

    def judge(self, t: Any, sign: int, what: str) -> None:
        """An evaluation of the target ("a blunder", "strengthens"): a weaker cue, labelled so that
        judgements can be told from acts (`consolidate`)."""
        self.take(t, sign, f"{what}:{'oppose' if sign < 0 else 'support'}", weight=W_EVAL)

    def snapshot(self) -> State:
        return replace(self, cues=list(self.cues), spans=list(self.spans), negated=set(self.negated))

    def stance(self) -> Stance:
        if not self.cued and self.said_of:
            return "support" if self.said_of > 0 else "oppose"
        if self.abstain:
            return "neutral"
        if self.revote and self.sign > 0:
            return "conditional"
        if self.conditional or self.later:
            return "conditional"
        return "support" if self.sign > 0 else "oppose"


@dataclass
class Station:
    tok: Any
    kind: str  # attitude | act | speech | quote
    holders: list[Holder]
    state: State
    after_actor: bool  # an actor station lies below this one


@dataclass(frozen=True)
class Reading:
    holder: Holder
    stance: Stance
    strength: float
    voice: Voice
    verb: Any | None
    cues: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    quote_id: str | None
    target: Target
