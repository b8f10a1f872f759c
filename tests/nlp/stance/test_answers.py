"""A bare yes or no given to a yes-no question about the proposition (stance.answers). Every
sentence is written for the test."""

from __future__ import annotations

from typing import Any

import pytest
from test_compose import _bridge, run


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ('Asked whether she would support the second bridge, Anna Berg said: "Yes, of course."', "support"),
        ('Asked on Monday if the city should build the second bridge, Anna Berg replied: "No."', "oppose"),
        ('"Certainly not," Anna Berg said when asked whether she backed the second bridge.', "oppose"),
        # the answer turns the question's own sense: a no to blocking it is for it
        ("Asked whether she would try to block the second bridge, Anna Berg said no.", "support"),
    ],
)
def test_answers_a_bare_yes_or_no_answers_the_question(nlp: Any, text: str, want: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", want)]


def test_answers_a_sentence_starting_with_no_is_no_answer(nlp: Any) -> None:
    text = "Asked whether she backed the second bridge, Anna Berg said no study of it had been done."
    assert run(nlp, _bridge(), text) == []
