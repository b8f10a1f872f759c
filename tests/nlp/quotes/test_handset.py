"""A small hand-written set of news paragraphs (written for this test, not taken from any corpus)
covering the attribution phenomena of political news (PolNeAR's units): indirect speech, mixed
quotes, a quotation split by its cue, multi-paragraph quotations, "according to", pronoun and
description speakers. Each expectation: a record containing the words, its speaker, its kind."""

from __future__ import annotations

import pytest

from stanceline.nlp.analysis import analyze_texts

CASES = [
    # (id, text, [(words in the record, speaker or mention contains, kind)])
    (
        "indirect_that",
        "Senator Maria Delgado said on Tuesday that the farm bill would pass before the recess.",
        [
            ("the farm bill would pass before the recess", "Maria Delgado", "indirect"),
        ],
    ),
    (
        "indirect_no_that_postposed",
        "The vote will be close, a spokesman for the campaign said.",
        [
            ("The vote will be close", "spokesman", "indirect"),
        ],
    ),
    (
        "mixed",
        "Governor Paul Whitaker said the budget was “a document of hope” and urged lawmakers to pass it.",
        [
            ("a document of hope", "Paul Whitaker", "mixed"),
        ],
    ),
    (
        "split_direct_one_record",
        (
            "“We are not going anywhere,” Representative Lisa Cho said. “This district deserves a fighter, "
            "and I intend to be one.”"
        ),
        [
            ("We are not going anywhere", "Lisa Cho", "direct"),
            ("This district deserves a fighter", "Lisa Cho", "direct"),
        ],
    ),
    (
        "multi_paragraph",
        (
            "Mayor Ron Albee spoke to reporters after the hearing.\n\n“The water plant is safe. We tested "
            "it twice.\n\n“Nobody in this city will drink unsafe water while I am mayor.”"
        ),
        [
            ("The water plant is safe", "Ron Albee", "direct"),
            ("Nobody in this city will drink unsafe water", "Ron Albee", "direct"),
        ],
    ),
    (
        "according_to",
        "According to two aides familiar with the talks, the president will veto the measure.",
        [
            ("the president will veto the measure", "aides", "indirect"),
        ],
    ),
    (
        "pronoun_speaker",
        ("Attorney General Dana Ortiz opened the briefing. She said her office would appeal the ruling within a week."),
        [
            ("her office would appeal the ruling", "Dana Ortiz", "indirect"),
        ],
    ),
    (
        "description_speaker",
        ("Treasury Secretary Alan Moss met bankers in New York. “Rates will stay where they are,” the secretary said."),
        [
            ("Rates will stay where they are", "Alan Moss", "direct"),
        ],
    ),
    (
        "continuation_paragraph",
        (
            "“We will win this state,” campaign manager Tara Vance said on Sunday.\n\n“Our volunteers have "
            "knocked on a million doors, and the numbers are moving our way.”"
        ),
        [
            ("We will win this state", "Tara Vance", "direct"),
            ("Our volunteers have knocked on a million doors", "Tara Vance", "direct"),
        ],
    ),
    (
        "told_reporters",
        (
            "Speaking to reporters in Des Moines, former governor Ed Harlan told them he would not endorse "
            "anyone before the caucuses."
        ),
        [
            ("he would not endorse anyone before the caucuses", "Ed Harlan", "indirect"),
        ],
    ),
]


@pytest.fixture(scope="module")
def results() -> dict[str, list]:
    return {r.doc_id: r.quotes for r in analyze_texts([(c[0], c[1]) for c in CASES])}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_handset_attribution(case: tuple, results: dict[str, list]) -> None:
    cid, _, expected = case
    quotes = results[cid]
    for contains, speaker, kind in expected:
        hits = [q for q in quotes if contains in q.text]
        assert hits, (contains, [q.text for q in quotes])
        assert any(speaker in f"{q.speaker or ''} {q.speaker_mention or ''}" and q.kind == kind for q in hits), [
            (q.speaker, q.speaker_mention, q.kind) for q in hits
        ]


def test_handset_one_record_per_quotation(results: dict[str, list]) -> None:
    # "A," she said, "B." and a quotation re-opened in the next paragraph are one record each.
    assert len(results["split_direct_one_record"]) == 1
    assert len(results["multi_paragraph"]) == 1
