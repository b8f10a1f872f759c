"""Conditions on a stance: a condition named only to be denied is none. Sentences written for the
test, on the made-up accession debate of test_compose."""

from __future__ import annotations

from typing import Any

import pytest
from test_compose import run, stance

from stanceline.model import Issue
from stanceline.nlp.issues import parse_issues
from stanceline.nlp.stance.polarity import condition_in


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



@pytest.mark.parametrize(
    "text",
    [
        "Last year the EU offered Norway a fast track to membership without the usual accession talks.",
        "In 2031 the EU even offered Norway a quick, single-stage entry without the usual Accession Roadmap.",
        "The EU offered Norway a quick entry without the customary Accession Roadmap.",
    ],
)
def test_clauses_without_a_routine_step_is_the_step_waived(nlp: Any, text: str) -> None:
    """A step the user's issue names (here a made-up "Accession Roadmap"), done without as a matter of
    routine, speeds the thing along: the offer is support, not a refusal of the step."""
    issue = {
        "name": "Norway joins the European Union",
        "description": "Whether Norway becomes a member state of the European Union.",
        "terms": ["EU membership", "join the EU", "accession talks", "Accession Roadmap"],
    }
    assert stance(run(nlp, parse_issues({"issues": [issue]}), text), "european-union", "Norway") == "support"
