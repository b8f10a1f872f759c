from __future__ import annotations

from stanceline.nlp.analysis import analyze_texts


def _quotes(text: str):
    (res,) = analyze_texts([("t", text)])
    return res.quotes


def test_units_sentences_of_one_quotation_are_one_record() -> None:
    text = (
        "Harbour master Ines Moller spoke after the storm.\n"
        "“The sea wall held. Two boats sank at their moorings. Nobody was hurt,” Moller said."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Ines Moller" and q.kind == "direct"
    assert [text[s:e] for s, e in q.spans] == [
        "The sea wall held.",
        "Two boats sank at their moorings.",
        "Nobody was hurt",
    ]


def test_units_two_cues_make_two_records() -> None:
    text = (
        "“The sea wall held through the night,” Ines Moller said.\n"
        "“We will rebuild the pier before the summer season starts,” she added."
    )
    quotes = _quotes(text)
    assert len(quotes) == 2
    assert all(q.speaker == "Ines Moller" for q in quotes)


def test_units_record_covers_its_pieces() -> None:
    text = "“The sea wall held,” Ines Moller said on the quay, “and the pier will open again next month.”"
    (q,) = _quotes(text)
    assert q.start == q.spans[0][0] and q.end == q.spans[-1][1]
    assert text[q.start : q.end] == q.text
    assert "Moller said" in q.text and not any("Moller" in text[s:e] for s, e in q.spans)


def test_units_different_speakers_stay_apart() -> None:
    text = (
        "“The sea wall held through the night,” Ines Moller said.\n"
        "“The insurers will not pay for the pier this year,” said Tomas Berg, a local builder."
    )
    quotes = _quotes(text)
    assert [q.speaker for q in quotes] == ["Ines Moller", "Tomas Berg"]
