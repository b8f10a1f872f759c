"""One stance per actor, issue, date and article; judgements and abstentions kept apart."""

from __future__ import annotations

from stanceline.model import Position
from stanceline.nlp.stance.consolidate import consolidate


def _p(stance: str, conf: float, cues: tuple[str, ...], start: int = 0) -> Position:
    return Position(
        doc_id="d",
        actor="A",
        actor_key="a",
        issue="I",
        stance=stance,
        confidence=conf,  # type: ignore[arg-type]
        date="2030",
        voice="outlet",
        evidence="e",
        start=start,
        end=start + 1,
        cues=("term:x", "holder:y", *cues),
    )


def test_consolidate_keeps_the_stance_with_most_weight() -> None:
    out = consolidate(
        [
            _p("support", 0.8, ("backs:for",)),
            _p("oppose", 0.5, ("blocks:against",), 2),
            _p("support", 0.6, ("wants:for",), 4),
        ]
    )
    assert {p.stance for p in out} == {"support"} and len(out) == 2


def test_consolidate_judgement_and_abstention_apart_from_acts() -> None:
    out = consolidate(
        [
            _p("conditional", 0.8, ("pause:later", "offered:for")),
            _p("support", 0.6, ("viewed shield:support",), 2),
            _p("neutral", 0.5, ("left:neutral",), 4),
        ]
    )
    assert sorted(p.stance for p in out) == ["conditional", "neutral", "support"]


def test_consolidate_one_key_per_name_within_a_document() -> None:
    from stanceline.model import Mention
    from stanceline.nlp.stance.holders import one_key_per_name

    ms = [
        Mention("d", "person:halvorsen", "Ingrid Halvorsen", 0, 16, "PERSON"),
        Mention("d", "person:halvorsen", "Halvorsen", 40, 49, "PERSON"),
        Mention("d", "halvorsen", "Halvorsen", 80, 89, "ORG"),
        Mention("d", "norway", "Norway", 100, 106, "GPE"),
    ]
    out = one_key_per_name(ms)
    assert [(m.actor_key, m.type) for m in out] == [
        ("person:halvorsen", "PERSON"),
        ("person:halvorsen", "PERSON"),
        ("person:halvorsen", "PERSON"),
        ("norway", "GPE"),
    ]


def test_consolidate_a_states_name_is_not_merged_into_a_person_sharing_it() -> None:
    # An association typed as a person ("Growers Portugal") is keyed by its last word, which is a
    # state's name: the state's own mentions stay the state's.
    from stanceline.model import Mention
    from stanceline.nlp.stance.holders import one_key_per_name

    ms = [
        Mention("d", "person:portugal", "Growers Portugal", 0, 16, "PERSON"),
        Mention("d", "person:portugal", "Growers Portugal", 30, 46, "PERSON"),
        Mention("d", "portugal", "Portugal", 80, 88, "GPE"),
    ]
    assert [m.actor_key for m in one_key_per_name(ms)] == ["person:portugal", "person:portugal", "portugal"]
