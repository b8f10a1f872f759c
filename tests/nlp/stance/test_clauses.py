"""Conditions on a stance: a condition named only to be denied is none. Sentences written for the
test, on the made-up accession debate of test_compose."""

from __future__ import annotations

from typing import Any

import pytest
from test_compose import _issue, run, stance

from stanceline.model import Issue
from stanceline.nlp.issues import parse_issues
from stanceline.nlp.stance.polarity import condition_in


@pytest.fixture(scope="module")
def issues() -> list[Issue]:
    return parse_issues({"issues": [_issue("Iceland", "Icelandic"), _issue("Norway", "Norwegian")]})


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("they back it without preconditions", None),
        ("the offer came with no conditions attached", None),
        ("membership free of any prerequisites", None),
        ("they back it, but not without preconditions", "preconditions"),
        ("they back it only if the talks succeed", "only if"),
        ("no preconditions, they said, though support depends on the vote", "depends on"),
    ],
)
def test_clauses_condition_in_skips_denied_conditions(text: str, found: str | None) -> None:
    m = condition_in(text)
    assert (m.group(0) if m else None) == found


@pytest.mark.parametrize(
    ("text", "holder", "country", "want"),
    [
        ("Spain offered Iceland EU membership without preconditions.", "spain", "Iceland", "support"),
        ("Denmark wants Norway's EU membership with no prerequisites at all.", "denmark", "Norway", "support"),
        ("Spain will back Iceland's EU membership bid, but not without preconditions.", "spain", "Iceland",
         "conditional"),
    ],
)
def test_clauses_denied_condition_leaves_the_stance_unconditional(
    nlp: Any, issues: list[Issue], text: str, holder: str, country: str, want: str
) -> None:
    assert stance(run(nlp, issues, text), holder, country) == want
