"""Which words name the proposition: a change word inside the name of another thing is not it.
Sentences written for the test, on the made-up accession debate of test_compose."""

from __future__ import annotations

from typing import Any

import pytest
from test_compose import run, stance

from stanceline.model import Issue


@pytest.mark.parametrize(
    "text",
    [
        # an action plan named for membership is a step on the way: doing without it is no refusal
        "The EU offered Norway a faster route without the usual membership action plan.",
        "Last year the EU offered Iceland a one-step joining process without the usual Membership Action Plan.",
    ],
)
def test_targets_plan_named_for_membership_is_not_the_instrument(nlp: Any, issues: list[Issue], text: str) -> None:
    assert stance(run(nlp, issues, text), "european-union", "Norway" if "Norway" in text else "Iceland") != "oppose"


@pytest.mark.parametrize(
    ("text", "holder", "country"),
    [
        ("Spain ratified Norway's EU accession treaty on Monday.", "spain", "Norway"),
        ("Poland signed the Icelandic accession protocol.", "poland", "Iceland"),
    ],
)
def test_targets_accession_treaty_is_the_instrument_of_joining(
    nlp: Any, issues: list[Issue], text: str, holder: str, country: str
) -> None:
    assert stance(run(nlp, issues, text), holder, country) == "support"
