"""Timeline ordering with date precision, per-period aggregation, and shift detection."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from stanceline.analyze.timeline import (
    PeriodTally,
    build_timeline,
    detect_shifts,
    period_key,
    periods_overlap,
    timeline_page,
)
from stanceline.model import Position

ISSUE = "Ukraine joins NATO"


def pos(date: str | None, stance: str, conf: float = 0.9, *, key: str = "person:zelensky",
        actor: str = "Zelensky", doc: str | None = None, evidence: str | None = None) -> Position:
    ev = evidence or f"{actor} {stance} ({date})"
    return Position(doc_id=doc or f"doc-{date}", actor=actor, actor_key=key, issue=ISSUE,
                    stance=stance, confidence=conf, date=date, voice="quote",  # type: ignore[arg-type]
                    evidence=ev, start=0, end=len(ev), cues=("test",))


def test_timeline_periods_keep_their_precision_and_sort_sensibly() -> None:
    ps = [pos("2024-10-18", "support"), pos("2024-10", "support"), pos("2024", "support"),
          pos("2023-05", "support"), pos(None, "support")]
    rows = build_timeline(ps, issue=ISSUE)
    assert [r.period for r in rows] == ["2023-05", "2024", "2024-10", "2024-10-18", None]
    assert period_key("2024-10") < period_key("2024-10-18") < period_key("2024-11")
    assert periods_overlap("2024-10", "2024-10-18") and not periods_overlap("2024-10", "2024-11")


def test_timeline_aggregation_per_period_keeps_evidence() -> None:
    ps = [pos("2024-10", "support", 0.8, doc="a"), pos("2024-10", "support", 0.7, doc="b"),
          pos("2024-10", "oppose", 0.4, doc="c")]
    [row] = build_timeline(ps, issue=ISSUE)
    assert (row.stance, row.n_positions) == ("support", 3)
    assert {p.doc_id for p in row.positions} == {"a", "b", "c"}
    assert row.evidence.doc_id == "a"
    assert 0 < row.confidence <= 1


def test_timeline_actor_matched_by_key_name_or_alias() -> None:
    ps = [pos("2024", "support"), pos("2024", "oppose", key="person:trump", actor="Donald Trump")]
    assert [r.actor_key for r in build_timeline(ps, issue=ISSUE, actor="person:trump")] == ["person:trump"]
    assert [r.actor_key for r in build_timeline(ps, issue=ISSUE, actor="donald trump")] == ["person:trump"]
    names = {"Zelenskyy": "person:zelensky", "Volodymyr Zelensky": "person:zelensky"}
    rows = build_timeline(ps, issue=ISSUE, actor="Zelenskyy", actor_names=names)
    assert [r.actor_key for r in rows] == ["person:zelensky"]
    assert build_timeline(ps, issue="Another issue") == []
    rows = build_timeline(ps, issue=ISSUE, actor_names={"person:zelensky": "Volodymyr Zelensky"})
    assert {r.actor for r in rows} == {"Volodymyr Zelensky", "Donald Trump"}


def test_timeline_shift_requires_evidence_on_both_sides() -> None:
    ps = [pos("2022-11", "support", 0.8, evidence="We must join NATO."),
          pos("2025-12-15", "conditional", 0.8, evidence="We could drop the bid in return for guarantees.")]
    [s] = detect_shifts(ps)
    assert (s.from_stance, s.to_stance) == ("support", "conditional")
    assert (s.before_date, s.after_date) == ("2022-11", "2025-12-15")
    assert s.before_evidence == "We must join NATO."
    assert s.after_evidence.startswith("We could drop")


def test_timeline_single_weak_signal_is_not_a_shift() -> None:
    ps = [pos("2022", "support", 0.9), pos("2023", "oppose", 0.4), pos("2024", "support", 0.9)]
    assert detect_shifts(ps) == []
    # and a weak side at either end is no shift either
    assert detect_shifts([pos("2022", "support", 0.9), pos("2025", "oppose", 0.45)]) == []
    assert detect_shifts([pos("2022", "support", 0.45), pos("2025", "oppose", 0.9)]) == []


def test_timeline_no_shift_between_overlapping_periods() -> None:
    assert detect_shifts([pos("2024-10", "support"), pos("2024-10-18", "oppose")]) == []


def test_timeline_a_stated_no_position_between_two_sides_is_a_shift_each_way_and_undated_is_ignored() -> None:
    ps = [pos("2022", "support"), pos("2023", "neutral"), pos(None, "oppose"), pos("2024", "support")]
    assert [(s.from_stance, s.to_stance) for s in detect_shifts(ps)] == [("support", "neutral"), ("neutral", "support")]


def test_timeline_undecided_then_taking_a_side_is_a_shift_and_a_weak_neutral_is_skipped() -> None:
    undecided = [pos("2031-02", "neutral", 0.75), pos("2031-11", "support", 0.8)]
    assert [(s.from_stance, s.to_stance) for s in detect_shifts(undecided)] == [("neutral", "support")]
    weak = [pos("2031-02", "oppose"), pos("2031-05", "neutral", 0.4), pos("2031-11", "oppose")]
    assert detect_shifts(weak) == []


def test_timeline_declining_to_comment_neither_starts_nor_ends_a_shift() -> None:
    from dataclasses import replace

    quiet = replace(pos("2031-03", "neutral", 0.85), cues=("term:levy", "declined to comment:neutral"))
    assert detect_shifts([quiet, pos("2031-10", "support")]) == []
    undecided = replace(quiet, cues=("term:levy", "not decided:neutral"))
    assert [(s.from_stance, s.to_stance) for s in detect_shifts([undecided, pos("2031-10", "support")])] == [
        ("neutral", "support")
    ]


def test_timeline_shifts_are_per_actor() -> None:
    ps = [pos("2022", "support"), pos("2024", "oppose", key="person:trump", actor="Trump")]
    assert detect_shifts(ps) == []


def _corpus(seed: int) -> list[Position]:
    """Positions with what makes ordering hard: two keys under one name, a name that is another
    actor's key, several spellings of the issue and of a name, nested, undated and odd periods,
    several positions in one cell, and ties in confidence."""
    rng = random.Random(seed)
    actors = [("person:a", "Anna"), ("person:b", "Anna"), ("org:c", "person:a"), ("person:d", "Dmitri"),
              ("person:d", "DMITRI"), ("gpe:e", "Estonia"), ("person:f", "Fox")]
    periods = ["2022", "2022-03", "2022-03-01", "2022-03-15", "2023-11", "2024", None, "unknown", "2024-02-29"]
    out = []
    for i in range(400):
        key, name = rng.choice(actors)
        out.append(Position(
            doc_id=f"d{rng.randrange(60):02d}", actor=name, actor_key=key,
            issue=rng.choice([ISSUE, ISSUE.lower(), ISSUE.upper(), "Another issue"]),
            stance=rng.choice(["support", "oppose", "neutral", "conditional"]),  # type: ignore[arg-type]
            confidence=rng.choice([0.4, 0.55, 0.6, 0.8, 0.8, 1.0, 0.0]), date=rng.choice(periods),
            voice="quote", evidence=f"e{i}", start=i, end=i + 5,
        ))
    return out


def _tallies(ps: list[Position]) -> list[PeriodTally]:
    # what the database's GROUP BY returns, in an order of its own
    n = Counter((p.actor_key, p.actor, p.issue, p.date) for p in ps)
    return [PeriodTally(*k, v) for k, v in sorted(n.items(), key=lambda kv: repr(kv), reverse=True)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_timeline_page_equals_the_full_timeline_sliced(seed: int) -> None:
    ps = _corpus(seed)
    table = {"Anna": "person:a", "Dmitri": "person:d", "Fox": "person:f"}  # name → key, as the web passes it
    fetched: list[set[str]] = []

    def fetch(keys: set[str]) -> list[Position]:
        fetched.append(keys)
        return [p for p in reversed(ps) if p.actor_key in keys]  # any order: the page must not depend on it

    for actor in (None, "person:a", "Anna", "dmitri"):
        full = build_timeline(ps, issue=ISSUE, actor=actor, actor_names=table)
        assert full, actor
        for offset, limit in ((0, None), (0, 7), (5, 11), (len(full) - 3, 50), (len(full) + 2, 5)):
            page, total, _ = timeline_page(_tallies(ps), fetch, issue=ISSUE, actor=actor, actor_names=table,
                                           offset=offset, limit=limit)
            end = None if limit is None else offset + limit
            assert total == len(full)
            assert page == full[offset:end], (actor, offset, limit)
    # a page reads only its own actors' positions
    assert {"person:a"} in fetched and any(len(k) < 5 for k in fetched)


def test_timeline_order_does_not_depend_on_input_order() -> None:
    ps = _corpus(4)
    assert build_timeline(ps, issue=ISSUE) == build_timeline(list(reversed(ps)), issue=ISSUE)


def test_timeline_abstaining_while_opposing_is_a_mixed_period() -> None:
    from stanceline.analyze.timeline import build_timeline, detect_shifts
    from stanceline.model import Position

    def p(doc: str, date: str, stance: str, cues: tuple[str, ...], conf: float = 0.85) -> Position:
        return Position(doc_id=doc, actor="Leader", actor_key="person:leader", issue="X joins Y", stance=stance,  # type: ignore[arg-type]
                        confidence=conf, date=date, voice="reported", evidence="e", start=0, end=1,
                        cues=("term:t", "holder:subject", *cues))

    ps = [p("a", "2031-01-10", "oppose", ("resist:against",)),
          p("b", "2031-02-01", "oppose", ("against",)), p("c", "2031-02-01", "neutral", ("left:neutral",)),
          p("d", "2031-02-03", "oppose", ("halt:against",))]
    rows = build_timeline(ps, issue="X joins Y")
    assert [r.stance for r in rows] == ["oppose", "mixed", "oppose"]
    moves = [(s.from_stance, s.to_stance) for s in detect_shifts(ps)]
    assert moves == [("oppose", "mixed"), ("mixed", "oppose")]


def test_timeline_names_an_actor_by_its_fullest_form_with_diacritics() -> None:
    ps = [
        pos("2031-01", "oppose", actor="Orban", key="person:orban"),
        pos("2031-02", "oppose", actor="Orban", key="person:orban"),
        pos("2031-03", "oppose", actor="Viktor Orban", key="person:orban"),
        pos("2031-09", "support", actor="Viktor Orbán", key="person:orban"),
    ]
    rows = build_timeline(ps, issue=ISSUE)
    assert {r.actor for r in rows} == {"Viktor Orbán"}
    assert [s.actor for s in detect_shifts(ps)] == ["Viktor Orbán"]


def test_timeline_a_surname_keyed_as_an_organisation_is_the_person() -> None:
    ps = [
        pos("2031-01", "support", actor="Ingrid Halvorsen", key="person:halvorsen"),
        pos("2031-09", "oppose", actor="Halvorsen", key="halvorsen"),
        pos("2031-10", "oppose", actor="Acme", key="acme"),
    ]
    shifts = detect_shifts(ps)
    assert [(s.actor_key, s.from_stance, s.to_stance) for s in shifts] == [("person:halvorsen", "support", "oppose")]


def test_timeline_a_states_shift_runs_across_the_office_holders_who_speak_for_it() -> None:
    from dataclasses import replace

    state = pos("2030-02", "oppose", key="ruritania", actor="Ruritania")
    first = replace(pos("2031-03", "support", key="person:brandt", actor="Ida Brandt"), cues=("test", "for:Ruritania"))
    shifts = {(s.actor, s.actor_key, s.from_stance, s.to_stance) for s in detect_shifts([state, first])}
    assert ("Ruritania", "ruritania", "oppose", "support") in shifts
    # two successive leaders, neither the state by name
    second = replace(pos("2032-01", "oppose", key="person:falk", actor="Olaf Falk"), cues=("test", "for:Ruritania"))
    shifts = {(s.actor_key, s.from_stance, s.to_stance) for s in detect_shifts([first, second])}
    assert shifts == {("ruritania", "support", "oppose")}
    # an office-holder without the cue (an opposition leader) is not the state
    shifts = detect_shifts([state, pos("2031-03", "support", key="person:brandt", actor="Ida Brandt")])
    assert not shifts


def test_timeline_a_states_key_is_not_a_persons_though_one_shares_its_name() -> None:
    ps = [
        pos("2031-01", "oppose", actor="Growers Portugal", key="person:portugal"),
        pos("2031-09", "support", actor="Portugal", key="portugal"),
    ]
    assert detect_shifts(ps) == []
