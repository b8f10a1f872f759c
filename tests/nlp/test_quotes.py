from __future__ import annotations

from stanceline.nlp.analysis import analyze_texts
from stanceline.nlp.quotes import find_quoted_spans, split_sentences


def _quotes(text: str):
    (res,) = analyze_texts([("t", text)])
    for q in res.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_mention
        if q.cue_start is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
    return res.quotes


def test_quotes_curly_direct_with_postposed_cue() -> None:
    text = "Mark Rutte visited Kyiv. “The path to membership is irreversible,” Rutte said on Monday."
    (q,) = _quotes(text)
    assert q.kind == "direct"
    assert q.text == "The path to membership is irreversible"
    assert q.speaker == "Mark Rutte" and q.cue == "said"


def test_quotes_straight_marks_with_preposed_cue() -> None:
    text = 'Volodymyr Zelensky spoke in Kyiv. He told reporters: "We will not give up any territory to Russia."'
    (q,) = _quotes(text)
    assert q.kind == "direct"
    assert q.text.startswith("We will not give up")
    assert q.speaker == "Volodymyr Zelensky"
    assert q.speaker_mention == "He"


def test_quotes_multi_paragraph_reopened_quote_keeps_speaker() -> None:
    text = (
        "Defence minister Oleksii Reznikov spoke at the forum.\n"
        "“We are trying to be more independent,” Reznikov said. “Our industry is growing fast.\n"
        "“We will build our own weapons and we will sell them to our partners.”\n"
        "The forum ended on Friday."
    )
    quotes = _quotes(text)
    assert len(quotes) == 3
    assert all(q.speaker == "Oleksii Reznikov" for q in quotes)
    assert quotes[-1].text.startswith("We will build our own weapons")
    assert "forum ended" not in " ".join(q.text for q in quotes)


def test_quotes_unbalanced_mark_does_not_swallow_text() -> None:
    text = (
        "“This is an unfinished quotation that never closes, Zelensky said in Kyiv\n"
        "The next paragraph is plain reporting about the war.\n"
        "“We need air defence now,” Zelensky said."
    )
    quotes = _quotes(text)
    assert not any("plain reporting" in q.text for q in quotes)
    assert any(q.text == "We need air defence now" and q.speaker == "Zelensky" for q in quotes)


def test_quotes_unbalanced_scanner_stops_at_paragraph() -> None:
    text = 'He said "no end here\nSecond "closed one" paragraph.'
    spans = find_quoted_spans(text)
    assert all("\n" not in text[s.start : s.end] for s in spans)
    assert any(text[s.start : s.end] == "closed one" for s in spans)


def test_quotes_mixed_quote_content_is_reported_clause() -> None:
    text = (
        "NATO Secretary General Mark Rutte dismissed the idea, saying that he would welcome the day "
        "Ukraine joins the alliance but that “doesn’t mean that I can say anything about the timing now.”"
    )
    (q,) = _quotes(text)
    assert q.kind == "mixed"
    assert q.text.startswith("he would welcome the day")
    assert "doesn’t mean" in q.text
    assert q.speaker == "Mark Rutte"


def test_quotes_indirect_said_that() -> None:
    text = "Matthew Miller said that the reports, if true, showed a new level of desperation by Russia."
    (q,) = _quotes(text)
    assert q.kind == "indirect"
    assert q.text.startswith("the reports, if true")
    assert q.speaker == "Matthew Miller" and q.cue == "said"


def test_quotes_according_to() -> None:
    text = "According to Mark Rutte, the focus must be on helping Ukraine regain territory."
    (q,) = _quotes(text)
    assert q.kind == "indirect" and q.cue == "According to"
    assert q.text == "the focus must be on helping Ukraine regain territory"
    assert q.speaker == "Mark Rutte"


def test_quotes_warned_and_told_reporters() -> None:
    text = (
        "Russian President Vladimir Putin warned that NATO expansion would meet a response. "
        "Robert Fico told reporters Slovakia would veto any invitation."
    )
    quotes = _quotes(text)
    assert [(q.speaker, q.cue, q.kind) for q in quotes] == [
        ("Vladimir Putin", "warned", "indirect"),
        ("Robert Fico", "told", "indirect"),
    ]


def test_quotes_scare_quotes_are_not_speech() -> None:
    text = (
        "Zelensky presented his “victory plan” to the parliament on a “farewell trip” to Brussels. "
        "Allies remained “unimpressed” by the plan."
    )
    assert _quotes(text) == []


def test_quotes_single_curly_marks_as_speech() -> None:
    text = "Donald Trump said: ‘Ukraine will not be joining NATO, that I can tell you.’"
    (q,) = _quotes(text)
    assert q.text.startswith("Ukraine will not be joining NATO")
    assert q.speaker == "Donald Trump"


def test_quotes_split_sentences_respects_abbreviations() -> None:
    text = "The U.S. ambassador met Mr. Smith. Then she left."
    parts = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    assert parts == ["The U.S. ambassador met Mr. Smith.", "Then she left."]
