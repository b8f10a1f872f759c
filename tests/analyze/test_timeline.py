"""Timeline ordering with date precision, per-period aggregation, and shift detection."""

from __future__ import annotations

from stanceline.analyze.timeline import build_timeline, detect_shifts, period_key, periods_overlap
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


def test_timeline_neutral_is_not_a_side_and_undated_is_ignored() -> None:
    ps = [pos("2022", "support"), pos("2023", "neutral"), pos(None, "oppose"), pos("2024", "support")]
    assert detect_shifts(ps) == []


def test_timeline_shifts_are_per_actor() -> None:
    ps = [pos("2022", "support"), pos("2024", "oppose", key="person:trump", actor="Trump")]
    assert detect_shifts(ps) == []
