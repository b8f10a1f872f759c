"""Language identification from the clean text (sentences written for the test)."""

from __future__ import annotations

import importlib.util

import pytest

from stanceline.clean import language as lang
from stanceline.errors import ModelMissingError

GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die Straßenbahnlinie bis zum neuen Wohngebiet zu verlängern. "
    "Die Bauarbeiten sollen im Frühjahr beginnen und etwa zwei Jahre dauern."
)
FRENCH = (
    "Le conseil régional a décidé jeudi de prolonger la ligne de bus jusqu'au nouveau quartier. "
    "Les travaux devraient commencer au printemps et durer environ deux ans."
)
SPANISH = (
    "El ayuntamiento aprobó el martes ampliar la línea de tranvía hasta el nuevo barrio residencial. "
    "Las obras empezarán en primavera y durarán unos dos años, según el concejal de transportes."
)
ENGLISH = (
    "The city council voted on Tuesday to extend the tram line to the new housing district. "
    "Construction is due to start in the spring and should take about two years."
)


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es"), (ENGLISH, "en")])
def test_language_identified_from_the_text(text: str, code: str) -> None:
    got, confidence = lang.identify(text)
    assert got == code and confidence >= lang.MIN_CONFIDENCE


def test_language_text_beats_the_page_declaration() -> None:
    assert lang.identify(GERMAN, declared="en-US")[0] == "de"


def test_language_short_text_falls_back_to_the_declaration_or_unknown() -> None:
    assert lang.identify("Ja.", declared="de_AT") == ("de", 0.0)
    assert lang.identify("Ja.", declared=None) == (None, 0.0)
    assert lang.identify("12 345 678 — 9 %", declared="not a tag") == (None, 0.0)


def test_language_declared_tags_reduced_to_their_primary_subtag() -> None:
    assert lang.declared_language("pt-BR") == "pt"
    assert lang.declared_language("EN") == "en"
    assert lang.declared_language("x") is None
    assert lang.declared_language("") is None


def test_language_missing_identifier_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "py3langid" else real(name, *a))
    with pytest.raises(ModelMissingError) as err:
        lang.check_language_model()
    assert err.value.code == "E302" and "--hash=sha256:" in err.value.message
