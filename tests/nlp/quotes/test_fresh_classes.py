"""Quote classes measured on the quotes_fresh_en proxy (issue 18), each with sentences written
for the test: who can be a speaker, verdicts in marks, accusations, coordinated reports."""

from __future__ import annotations

from stanceline.model import Quote
from stanceline.nlp.analysis import analyze_texts


def _quotes(text: str) -> list[Quote]:
    (res,) = analyze_texts([("t", text)])
    return res.quotes


def test_quotes_any_noun_subject_of_a_saying_verb_is_a_source() -> None:
    # "regulator", "operator", "inspectorate" are on no list of speakers; a verb only sources use
    # makes them one.
    for text, speaker in [
        ("Bus fares will rise by a tenth in May, the transit regulator said on Tuesday.", "the transit regulator"),
        ("The canal operator announced that the locks would close for repairs over the winter.", "The canal operator"),
        ("The schools inspectorate warned that a third of classrooms were too cold to teach in.",
         "The schools inspectorate"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "indirect"
        assert q.speaker_mention == speaker


def test_quotes_gerund_of_a_saying_verb_does_not_make_its_phrase_a_source() -> None:
    text = "The ministry drafted rules stopping tenants from claiming damages in the county courts next year."
    assert _quotes(text) == []
