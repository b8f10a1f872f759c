from __future__ import annotations

from stanceline.nlp.actors.coref import CorefState
from stanceline.nlp.actors.entities import extract_mentions
from stanceline.nlp.actors.keys import builtin_aliases
from stanceline.nlp.analysis import doc_actors
from stanceline.nlp.pipeline import load_nlp
from stanceline.nlp.quotes.extract import Explained, explain_quotes


def _explain(text: str) -> Explained:
    doc = load_nlp()(text)
    aliases = builtin_aliases()
    ments = extract_mentions(doc, aliases)
    _, names = doc_actors(ments)
    return explain_quotes(doc, "t", CorefState.build(doc, ments, names, aliases))


def _reasons(text: str) -> dict[str, str]:
    return {r.text: r.reason for r in _explain(text).rejected}


def test_reasons_title_in_marks() -> None:
    text = "The council screened “The River That Remembers Us” at the library on Friday."
    assert _reasons(text) == {"The River That Remembers Us": "title"}


def test_reasons_term_without_a_verb() -> None:
    text = "Officials described the new levy as “a modest and temporary fairness charge” for drivers."
    found = _explain(text)
    assert found.quotes == [] or all("fairness charge" not in q.text for q in found.quotes if q.kind == "direct")
    assert {r.reason for r in found.rejected} <= {"term"}


def test_reasons_scare_quote() -> None:
    text = "The minister called the plan a “reset” of relations with the northern provinces."
    assert set(_reasons(text).values()) <= {"scare quote"}


def test_reasons_slogan_used_as_a_name() -> None:
    text = "Hundreds joined the “we will not pay twice” march through the old town on Saturday."
    assert _reasons(text) == {"we will not pay twice": "slogan"}


def test_reasons_unattributed_statement_is_a_quote_with_unknown_speaker() -> None:
    text = "The storm closed the port for three days.\n“Nobody here has seen water this high in forty years.”"
    found = _explain(text)
    (q,) = found.quotes
    assert q.text.startswith("Nobody here has seen water") and q.speaker is None
    assert found.rejected == []


def test_reasons_every_long_stretch_is_accounted_for() -> None:
    text = (
        "Crowds carried banners reading “Hands Off Our Harbour Forever” past the town hall.\n"
        "“We have waited long enough for an answer from the city,” said Lena Ortiz, a fisher.\n"
        "Later a sign said “the harbour belongs to all of us” in red paint."
    )
    found = _explain(text)
    for stretch in ("Hands Off Our Harbour Forever", "We have waited long enough", "the harbour belongs to all"):
        in_quote = any(stretch in q.text for q in found.quotes)
        rejected = any(stretch in r.text for r in found.rejected)
        assert in_quote or rejected, stretch
