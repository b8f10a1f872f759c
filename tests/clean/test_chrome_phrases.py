"""Non-English page-furniture phrases: short furniture lines are caught, prose that starts with
the same words is not."""

from __future__ import annotations

import pytest

from stanceline.clean.chrome_phrases import MAX_WORDS, is_furniture


def _check(line: str) -> bool:
    return is_furniture(line, len(line.split()))


@pytest.mark.parametrize("line", [
    "Lesen Sie auch: Die Bahn streicht Verbindungen",
    "Das könnte Sie auch interessieren",
    "Diese Themen könnten dich interessieren",
    "Meistgelesene Artikel",
    "Am meisten kommentiert",
    "Weitere Artikel zum Thema",
    "Keine Kommentare",
    "Sie sind aktuell nicht eingeloggt.",
    "Jede kleine Spende hilft uns",
    "Foto: dpa",
    "Letzte Änderung: 3. März 2024",
    "À lire aussi : la réforme des retraites",
    "Pour lire la suite, abonnez-vous",
    "Crédits photos : AFP",
    "LE PUEDE INTERESAR: La ficha del acusado",
    "Noticias relacionadas",
    "Leggi anche: il governo cade",
    "Leia também: Lula viaja a Pequim",
    "Lees ook: kabinet valt",
    "Czytaj także: Sejm przyjął ustawę",
    "Teilen",
    "Inhaltsverzeichnis",
    "Compartir",
])
def test_chrome_phrases_catch_short_furniture(line: str) -> None:
    assert _check(line)


@pytest.mark.parametrize("line", [
    "Kommentar: Warum die NATO jetzt handeln muss",
    "Mehr dazu sagte der Minister am Abend nicht.",
    "Compartir la vida con un perro cambia la rutina de una familia",
    "Doe said the plan would be ready by March.",
    "Doe",
    "Índice de precios al consumo sube un 3%",
    "Stampa e televisione hanno seguito il vertice",
    "Teilen sich die Parteien die Verantwortung?",
    "The minister said he would read more of the report later.",
    "Das Thema könnte die Koalition noch lange beschäftigen.",
])
def test_chrome_phrases_leave_prose_alone(line: str) -> None:
    assert not _check(line)


def test_chrome_phrases_ignore_long_lines() -> None:
    line = "Lesen Sie auch " + " ".join(["Wort"] * MAX_WORDS)
    assert not _check(line)
