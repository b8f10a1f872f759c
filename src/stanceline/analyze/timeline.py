"""Positions → a per-actor timeline on an issue, and the shifts in it.

Dates keep their precision: a position dated "2024-10" is placed in the period "2024-10", never
on a day. Periods sort by their start, so "2024-10" comes before "2024-10-18"; two periods where
one contains the other ("2024-10" and "2024-10-18") cannot be ordered, so no shift is reported
between them alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple, Protocol, TypeVar

from stanceline.model import PeriodStance, Position, Shift
from stanceline.nlp.actors.keys import actor_key, state_keys

# A stance with weight below this in its period is noise, not a position to shift from or to. The
# value is read off the confidence scale (nlp/stance/confidence.py: voice x weakest cue x hedges): it
# keeps a side taken in any voice with one weakening (an evaluation or a hedge), in a speaker's own or
# reported words with two, and drops a bare prediction or a let-pass ("will not block") in every
# voice. It has not been tuned since shift detection was written; `python -m bench.positions` reports
# the threshold a leave-one-issue-out choice would take, and what it finds, beside this one.
DEFAULT_SHIFT_CONFIDENCE = 0.6
_NEUTRAL_WEIGHT = 0.5  # saying nothing either way counts less than taking a side
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_CAUTION = {"conditional": 0, "neutral": 1, "oppose": 2, "support": 3}
# Support and opposition in one period make it "mixed" when the smaller has this share of the larger.
MIXED_SHARE = 0.5


@dataclass(slots=True)
class TimelineRow:
    actor: str
    actor_key: str
    issue: str
    period: str | None  # the date at its own precision: "2024", "2024-10" or "2024-10-18"
    stance: PeriodStance
    confidence: float
    n_positions: int
    positions: list[Position] = field(default_factory=list)

    @property
    def evidence(self) -> Position:
        """The strongest position behind the row's stance."""
        same = [p for p in self.positions if p.stance == self.stance] or self.positions
        return max(same, key=lambda p: p.confidence)


def period_key(period: str | None) -> tuple[int, int, int, int]:
    """Sort key: by start of the period; undated last; coarser before finer at the same start."""
    if not period:
        return (9999, 99, 99, 1)
    m = _DATE_RE.match(period)
    if not m:
        return (9999, 99, 99, 1)
    y, mo, d = m.group(1), m.group(2), m.group(3)
    return (int(y), int(mo or 0), int(d or 0), 0)


def periods_overlap(a: str | None, b: str | None) -> bool:
    """One period contains the other ("2024-10" and "2024-10-18"): their order is unknown."""
    if not a or not b:
        return False
    return a.startswith(b) or b.startswith(a)


# Declining to comment says nothing of what the holder thinks now, so a period of it alone neither
# starts nor ends a shift (an undecided, abstaining or deferring holder has said where it stands).
_SILENCE_CUE = re.compile(r"^(?:declined to|not) (?:comment|speculate|say)\w*:neutral$")


def _silent(r: TimelineRow) -> bool:
    said = [p for p in r.positions if p.stance == "neutral"]
    return r.stance == "neutral" and all(any(_SILENCE_CUE.match(c) for c in p.cues) for p in said)


def _abstains(p: Position) -> bool:
    return p.stance == "neutral" and any(c.endswith(":neutral") for c in p.cues)


def _mixed(positions: list[Position], weights: dict[str, float]) -> bool:
    """The period's evidence disagrees: the actor abstains from a decision while taking a side
    on it, or both supports and opposes it with comparable weight."""
    sided = [s for s in ("support", "oppose", "conditional") if weights.get(s)]
    if sided and any(_abstains(p) for p in positions):
        return True
    sup, opp = weights.get("support", 0.0), weights.get("oppose", 0.0)
    return min(sup, opp) > 0 and min(sup, opp) >= MIXED_SHARE * max(sup, opp)


def _aggregate(positions: list[Position]) -> tuple[PeriodStance, float]:
    if len(positions) == 1:
        # Most periods hold one position: the general formula below, evaluated for one term.
        p = positions[0]
        w = p.confidence * (_NEUTRAL_WEIGHT if p.stance == "neutral" else 1.0)
        return p.stance, round((1.0 - (1.0 - p.confidence)) * (1.0 if w else 0.0), 3)
    weights: dict[str, float] = defaultdict(float)
    for p in positions:
        weights[p.stance] += p.confidence * (_NEUTRAL_WEIGHT if p.stance == "neutral" else 1.0)
    if _mixed(positions, weights):
        return "mixed", round(min(1.0, sum(p.confidence for p in positions) / len(positions)), 3)
    sided = {k: v for k, v in weights.items() if k != "neutral"}
    pool = sided or weights
    # ties go to the more cautious reading: conditional, then neutral, then a side
    stance = min(pool, key=lambda k: (-round(pool[k], 6), _CAUTION[k]))
    total = sum(weights.values())
    miss = 1.0
    for p in positions:
        if p.stance == stance:
            miss *= 1.0 - p.confidence
    conf = (1.0 - miss) * (weights[stance] / total if total else 0.0)
    return stance, round(conf, 3)  # type: ignore[return-value]


class PeriodTally(NamedTuple):
    """How many positions an actor holds under one name in one period: what ordering and paging
    a timeline need, counted by the database without reading the positions themselves. (A tuple:
    a busy issue has thousands, built per request.)"""

    actor_key: str
    actor: str
    issue: str
    date: str | None  # the positions' date, which is the row's period
    n: int


class _Held(Protocol):
    """What selecting by issue and actor reads: a position or a tally."""

    @property
    def actor_key(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def issue(self) -> str: ...
    @property
    def date(self) -> str | None: ...


H = TypeVar("H", bound=_Held)


def _folded_words(name: str) -> tuple[str, ...]:
    s = unicodedata.normalize("NFKD", name.casefold())
    return tuple("".join(c for c in s if not unicodedata.combining(c)).replace(".", " ").split())


def fullest_name(uses: Mapping[str, int]) -> str:
    """One actor's display name among the names its positions give: the fullest form (the one
    that ends with the most of the others: "Viktor Orbán" over "Orbán"), with its diacritics
    ("Orbán" over "Orban"), then the most used, then the alphabetically last, so the name never
    depends on the order rows were read in."""
    words = {n: _folded_words(n) for n in uses}

    def covers(n: str) -> int:
        w = words[n]
        return sum(1 for m, o in words.items() if m != n and o and w[-len(o) :] == o)

    return max(uses, key=lambda n: (covers(n), len(words[n]), sum(not c.isascii() for c in n), uses[n], n))


def _row_names(counts: Mapping[str, Mapping[str, int]], actor_names: Mapping[str, str] | None) -> dict[str, str]:
    names = {k: fullest_name(v) for k, v in counts.items()}
    for k, v in (actor_names or {}).items():
        # a key → name table (the actors store) names the rows; an alias → key table only filters
        if k in names and v not in names:
            names[k] = v
    return names


def _row_order(names: Mapping[str, str], cells: Iterable[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """(actor key, period) cells in row order: by name, then date; the period's text and the key
    break ties, so the order is total and the same whichever way the cells were found."""
    cells = list(cells)
    folded = {k: n.casefold() for k, n in names.items()}
    by_name = {f: i for i, f in enumerate(sorted(set(folded.values())))}
    periods = sorted({p for _, p in cells}, key=lambda p: (period_key(p), p or ""))
    by_period = {p: i for i, p in enumerate(periods)}
    n = len(periods)
    # one int per cell (name rank, then period rank) and the key: plain tuples sort fastest
    ranked = sorted((by_name[folded[k]] * n + by_period[p], k, p) for k, p in cells)
    return [(k, p) for _, k, p in ranked]


def _actor_filter(actor: str, actor_names: Mapping[str, str] | None) -> tuple[str, set[str]]:
    a = actor.casefold()
    keys = {key for alias, key in (actor_names or {}).items() if alias.casefold() == a or key.casefold() == a}
    return a, keys


def _selected(positions: Iterable[H], issue: str, actor: str | None, actor_names: Mapping[str, str] | None) -> list[H]:
    want = issue.casefold()
    same_issue: dict[str, bool] = {}  # a corpus has few issue spellings; casefold each once
    ps = []
    for p in positions:
        ok = same_issue.get(p.issue)
        if ok is None:
            ok = same_issue[p.issue] = p.issue.casefold() == want
        if ok:
            ps.append(p)
    if actor is not None:
        a, keys = _actor_filter(actor, actor_names)
        ps = [p for p in ps if p.actor_key in keys or p.actor_key.casefold() == a or p.actor.casefold() == a]
    return ps


def _cells(ps: Iterable[Position]) -> dict[tuple[str, str | None], list[Position]]:
    groups: dict[tuple[str, str | None], list[Position]] = defaultdict(list)
    for p in ps:
        groups[(p.actor_key, p.date)].append(p)
    return groups


def _row(name: str, key: str, period: str | None, group: list[Position]) -> TimelineRow:
    if len(group) > 1:
        # strongest first; the rest of a position's id makes the order total (whatever order the
        # database returned them in)
        group.sort(key=lambda p: (-p.confidence, p.doc_id, p.start, p.end))
    stance, conf = _aggregate(group)
    return TimelineRow(name, key, group[0].issue, period, stance, conf, len(group), group)


def build_timeline(
    positions: Iterable[Position],
    *,
    issue: str,
    actor: str | None = None,
    actor_names: Mapping[str, str] | None = None,
) -> list[TimelineRow]:
    """Rows per actor and period on `issue`, each with its positions, ordered by actor then date.

    `actor` is matched against actor keys, position names, and `actor_names`, case-insensitively.
    `actor_names` may map alias → actor key ("Zelenskyy" → "person:zelensky") or actor key →
    canonical name (the actors table); in the second form it also names the rows.
    """
    ps = _selected(positions, issue, actor, actor_names)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in ps:
        counts[p.actor_key][p.actor] += 1
    names = _row_names(counts, actor_names)
    groups = _cells(ps)
    return [_row(names[k], k, period, groups[(k, period)]) for k, period in _row_order(names, groups)]


def timeline_page(
    tallies: Iterable[PeriodTally],
    fetch: Callable[[set[str]], Iterable[Position]],
    *,
    issue: str,
    actor: str | None = None,
    actor_names: Mapping[str, str] | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[list[TimelineRow], int, list[Position]]:
    """`build_timeline(...)[offset:offset + limit]` and its length, reading only the positions of
    the actors on the page: the order and the count come from per-period tallies, and `fetch`
    returns the positions of the given actor keys on the issue. The positions fetched are returned
    too (the page's shifts are computed from them)."""
    sel = _selected(tallies, issue, actor, actor_names)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in sel:
        counts[c.actor_key][c.actor] += c.n
    names = _row_names(counts, actor_names)
    order = _row_order(names, {(c.actor_key, c.date) for c in sel})
    page = order[offset:] if limit is None else order[offset:offset + limit]
    if not page:
        return [], len(order), []
    fetched = list(fetch({k for k, _ in page}))
    groups = _cells(_selected(fetched, issue, actor, actor_names))
    return [_row(names[k], k, period, groups[(k, period)]) for k, period in page], len(order), fetched


def same_person_keys(keys: Iterable[str]) -> dict[str, str]:
    """Keys that stand for a person already keyed as one: a surname the entity tagger typed as an
    organisation in some document ("corbyn" beside "person:corbyn") is that person. A state's key
    is the state's, whatever person shares its name."""
    ks = set(keys)
    states = state_keys()
    return {k: f"person:{k}" for k in ks if ":" not in k and f"person:{k}" in ks and k not in states}


def for_states(positions: Iterable[Position]) -> list[Position]:
    """What office-holders say for their state, as the state's: a head of state or government, a
    minister or a government spokesperson whose title names the state (`Position.speaks_for`).
    A state's stance over time is then followed across its successive leaders and ministers and
    its own statements ("Costa Rica opposed it" in one article, "Costa Rica's president said her
    country now backs it" in the next is the state's shift). A state with a position of its own
    in the same sentence keeps only that one (the stance stage writes no such cue then)."""
    out = []
    for p in positions:
        state = p.speaks_for
        if state is not None and not p.flag:
            out.append(replace(p, actor=state, actor_key=actor_key(state, "GPE")))
    return out


def detect_shifts(
    positions: Iterable[Position],
    *,
    min_confidence: float = DEFAULT_SHIFT_CONFIDENCE,
    actor_names: Mapping[str, str] | None = None,
) -> list[Shift]:
    """A shift: an actor's aggregated stance changes between two dated, orderable periods, and the
    period on each side holds its stance with confidence ≥ `min_confidence`. Weak periods neither
    start nor end a shift; they are skipped, not treated as a change. A `neutral` period is a stance
    like the others, since neutral is only ever a stated no-position (undecided, abstaining, leaving
    it to others; `_aggregate` gives a period a side whenever it has one): an actor still studying a
    deal that later signs it, or one that stops blocking a bid to abstain, has shifted. Declining to
    comment is skipped like a weak period (`_silent`). A "mixed"
    period (see `_mixed`) is a stance of its own too: moving into or out of it is a shift.
    `actor_names` (actor key → name, the actors table) names the shifts' actors."""
    by_issue: dict[str, list[Position]] = defaultdict(list)
    positions = list(positions)
    positions += for_states(positions)
    same = same_person_keys(p.actor_key for p in positions)
    for p in positions:
        if p.date:
            by_issue[p.issue].append(replace(p, actor_key=same[p.actor_key]) if p.actor_key in same else p)
    shifts: list[Shift] = []
    for issue, ps in by_issue.items():
        rows = build_timeline(ps, issue=issue, actor_names=actor_names)
        by_actor: dict[str, list[TimelineRow]] = defaultdict(list)
        for r in rows:
            by_actor[r.actor_key].append(r)
        for key, actor_rows in by_actor.items():
            actor_rows.sort(key=lambda r: period_key(r.period))
            last: TimelineRow | None = None
            for r in actor_rows:
                if r.confidence < min_confidence or _silent(r):
                    continue
                if last is not None and r.stance != last.stance and not periods_overlap(last.period, r.period):
                    before, after = last.evidence, r.evidence
                    shifts.append(Shift(
                        actor=r.actor, actor_key=key, issue=issue, from_stance=last.stance,
                        to_stance=r.stance, before_date=last.period, after_date=r.period,
                        before_doc=before.doc_id, after_doc=after.doc_id,
                        before_evidence=before.evidence, after_evidence=after.evidence,
                    ))
                if last is None or not periods_overlap(last.period, r.period):
                    last = r
                elif r.stance == last.stance:
                    # nested periods that agree ("2024-10" and "2024-10-18"): the stronger single
                    # piece of evidence speaks for both (an actor's own words over a summary)
                    if r.evidence.confidence > last.evidence.confidence:
                        last = r
                elif r.confidence > last.confidence:
                    last = r
    return shifts
