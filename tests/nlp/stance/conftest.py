"""The stance tests import their hand-built mentions from this folder (stance_mentions.py) and share
`issues`: two issues that share their object (a made-up accession debate, Iceland and Norway each
applying to join the EU)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from stanceline.model import Issue
from stanceline.nlp.issues import parse_issues

sys.path.insert(0, str(Path(__file__).parent))


def _issue(country: str, adj: str) -> dict[str, Any]:
    return {
        "name": f"{country} joins the European Union",
        "description": f"Whether {country} becomes a member state of the European Union.",
        "terms": [
            f"{country}'s EU membership",
            f"{adj} accession",
            "accession treaty",
            "accession talks",
            "EU membership",
            "membership bid",
            "join the EU",
            "veto",
        ],
    }


@pytest.fixture(scope="session")
def issues() -> list[Issue]:
    return parse_issues({"issues": [_issue("Iceland", "Icelandic"), _issue("Norway", "Norwegian")]})
