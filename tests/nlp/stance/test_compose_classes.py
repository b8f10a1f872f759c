"""Stance composition, more rule classes (kept apart from test_compose.py, which other work
extends too). Every sentence is written for the test."""

from __future__ import annotations

from typing import Any

import pytest
from test_compose import _bridge, _one_issue, run


def _levy() -> Any:
    return _one_issue(
        "Porto introduces a tourist levy", "Whether Porto charges a levy on overnight tourists.",
        ["tourist levy", "tourist tax", "levy bill"],
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a condition that is only the thing going ahead sets no terms
        ("Anna Berg said she would veto the levy bill if it reached her desk.", "oppose"),
        ("Anna Berg said she would sign the levy bill if it passed the council.", "support"),
        # a condition that asks for something else still does
        ("Anna Berg said she would sign the levy bill if it exempted students.", "conditional"),
    ],
)
def test_compose_a_condition_that_is_the_thing_going_ahead_sets_no_terms(nlp: Any, text: str, want: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _levy(), text)] == [("person:berg", want)]


def test_compose_neither_for_nor_against_is_no_side(nlp: Any) -> None:
    text = "Anna Berg said she would neither back nor oppose the second bridge."
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", "neutral")]


def test_compose_extending_a_measure_keeps_it(nlp: Any) -> None:
    text = "Anna Berg said the tourist levy would be extended to day visitors."
    assert [(p.actor_key, p.stance) for p in run(nlp, _levy(), text)] == [("person:berg", "support")]


def test_compose_a_truce_is_an_agreement(nlp: Any) -> None:
    # a truce named by another word than the plan's is still the agreement accepted or refused
    issues = _one_issue(
        "Hamar accepts the Geneva ceasefire plan", "Whether Hamar accepts the ceasefire plan drafted in Geneva.",
        ["ceasefire plan", "truce", "Geneva plan"],
    )
    text = "Anna Berg said she could never accept a truce that left the rebels armed."
    assert [(p.actor_key, p.stance) for p in run(nlp, issues, text)] == [("person:berg", "oppose")]


def test_compose_an_agreement_about_something_else_is_not_the_one(nlp: Any) -> None:
    issues = _one_issue(
        "Hamar accepts the Geneva ceasefire plan", "Whether Hamar accepts the ceasefire plan drafted in Geneva.",
        ["ceasefire plan", "Geneva plan", "agreement"],
    )
    assert run(nlp, issues, "Anna Berg said Hamar would sign the agreement on grain exports.") == []
    # the agreement said to be about the issue's own object is the one
    ps = run(nlp, issues, "Anna Berg said Hamar would sign the agreement on the ceasefire.")
    assert [(p.actor_key, p.stance) for p in ps] == [("hamar", "support")]


def test_compose_what_an_act_is_done_to_stops_before_its_recipient(nlp: Any) -> None:
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.stance.extract import extract_positions

    # "sends X to Y": the thing sent is the object, Y the recipient (before, Y was read as the
    # object, and the sentence gave nothing)
    issues = _one_issue(
        "Spain sends Leopard battle tanks to Ukraine", "Whether Spain delivers its Leopard battle tanks to Ukraine.",
        ["Leopard tanks", "send Leopard", "Leopard"],
    )
    got = {}
    for text in (
        "Paula Reyes said Spain would not send Leopard tanks to Ukraine.",
        "Paula Reyes said Spain would send more money to Ukraine.",
    ):
        d = next(iter(analyze_texts([("d", text)])))
        ps = extract_positions(doc_id="d", text=text, spacy_doc=d.spacy_doc, mentions=d.mentions, quotes=d.quotes,
                               issues=issues, date=None)
        got[text] = sorted((p.actor_key, p.stance) for p in ps)
    assert list(got.values()) == [[("person:reyes", "oppose")], []]


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg said the second bridge was unlawful.",
        "Anna Berg said the second bridge would violate the city's heritage rules.",
    ],
)
def test_compose_against_the_law_is_against_it(nlp: Any, text: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", "oppose")]


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg said the decision on the second bridge lay with the regional council.",
        "Anna Berg said the second bridge was a decision for the city's voters to take.",
    ],
)
def test_compose_a_decision_left_to_others_is_no_side(nlp: Any, text: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", "neutral")]


def test_compose_an_announced_act_is_a_commitment_not_a_forecast(nlp: Any) -> None:
    issues = _one_issue(
        "Spain sends Leopard battle tanks to Ukraine", "Whether Spain delivers its Leopard battle tanks to Ukraine.",
        ["Leopard tanks", "send Leopard", "Leopard"],
    )
    said = run(nlp, issues, "Anna Berg said Spain would send Leopard tanks to Ukraine.")
    announced = run(nlp, issues, "Anna Berg announced that Spain would send Leopard tanks to Ukraine.")
    assert [p.stance for p in said] == [p.stance for p in announced] == ["support"]
    assert announced[0].confidence > said[0].confidence


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg said the second bridge was out of the question.",
        "Anna Berg said the second bridge was off the table.",
    ],
)
def test_compose_ruled_out_is_against_it(nlp: Any, text: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", "oppose")]


@pytest.mark.parametrize(
    ("second", "want"),
    [
        ("Anna Berg said the border would stay closed.", "support"),
        ("Anna Berg said the border would not stay closed.", "oppose"),
    ],
)
def test_compose_a_thing_kept_in_the_state_the_act_leaves_it(nlp: Any, second: str, want: str) -> None:
    issues = _one_issue("Norway closes its border with Sweden", "Whether Norway keeps its border with Sweden closed.",
                        ["border closure", "close the border"])
    ps = run(nlp, issues, f"Norway closed its border with Sweden in March. {second}")
    assert ("person:berg", want) in [(p.actor_key, p.stance) for p in ps]


def test_compose_a_states_armed_forces_act_for_it(nlp: Any) -> None:
    ps = run(nlp, _bridge(), "The Norwegian army said it would help build the second bridge.")
    assert [(p.actor_key, p.stance) for p in ps] == [("norway", "support")]
    # an army no state is named for is nobody the text names
    assert run(nlp, _bridge(), "The army said it would help build the second bridge.") == []


@pytest.mark.parametrize(
    "text",
    ["Ghanaian officials said they backed the second bridge.", "Accra said it backed the second bridge."],
)
def test_compose_a_state_beyond_the_usual_few_is_named_by_its_capital_and_demonym(nlp: Any, text: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("ghana", "support")]


def test_compose_bringing_joined_to_a_harm_is_a_harm(nlp: Any) -> None:
    text = "Residents of Leixoes, a fishing village, say the second bridge would bring lorries and ruin the beach."
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("residents-of-leixoes", "oppose")]
    text = "Anna Berg said the second bridge would bring chaos."
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", "oppose")]


def test_compose_a_free_vote_is_no_party_line(nlp: Any) -> None:
    text = "Anna Berg said her party would allow its councillors a free vote on the second bridge."
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", "neutral")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Anna Berg said she supported the second bridge but the timing was wrong.", "conditional"),
        ("Anna Berg said she backed the second bridge, but the moment was not right.", "conditional"),
        # another fault is not a matter of time
        ("Anna Berg said she supported the second bridge but the cost was wrong.", "support"),
    ],
)
def test_compose_for_it_but_the_timing_is_wrong_is_not_now(nlp: Any, text: str, want: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", want)]
