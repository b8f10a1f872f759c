"""Line classifier: its fast paths (pre-checks, lower-cased scans, ASCII words) agree with the
plain patterns they stand in for."""

from __future__ import annotations

import re

import pytest

from stanceline.clean.text import lines as cl
from stanceline.clean.text.features import _caps_and_chars, _count_digits, _side_means

# One phrase per alternative of the appeal pattern.
APPEAL_PHRASES = [
    "Please donate today", "donations", "Subscribe now", "subscription", "our newsletter", "our readers",
    "your supporters", "our journalism", "your reporting", "our mission", "our newsroom", "your inbox",
    "tax-exempt", "tax deductible", "tax exempt", "tax-deductible", "support our work", "join the discussion",
    "paid members", "paid subscriber", "sign up", "signing up", "support us",
    "support independent", "contributions", "unlimited access", "subscriber-only", "members-only",
    "member-only", "become a patron", "join the conversation", "join our community", "in the comments",
    "cookies", "this website uses", "this site uses", "privacy settings", "my consent", "your consent", "opt-out",
    "opt out",
    "browsing experience",
]
# One phrase per alternative of the credit tail pattern.
CREDIT_PHRASES = [
    "A crowd at the harbour. REUTERS/Jane Doe", "The harbour (Jane Doe/Agency)", "Photo by Jane Doe",
    "images courtesy of the museum", "The harbour at dawn. Getty Images", "A boat. Shutterstock",
    "iStockphoto", "Harbour. AFP", "A boat. AP Photo", "The harbour (file photo)", "Boats (courtesy)",
]


def _spellings(phrase: str) -> list[str]:
    return [phrase, phrase.upper(), phrase.title(), f"Text before, {phrase}, and text after."]


@pytest.mark.parametrize("phrase", APPEAL_PHRASES)
def test_clean_lines_appeal_precheck_passes_every_alternative(phrase: str) -> None:
    for text in _spellings(phrase):
        direct = len({m.group(0).lower() for m in cl._APPEAL.finditer(text)})
        assert direct >= 1
        assert cl.appeal_hits(text) == direct


@pytest.mark.parametrize("phrase", APPEAL_PHRASES)
def test_clean_lines_appeal_pieces_lie_within_reach_of_a_match_start(phrase: str) -> None:
    low = phrase.lower()
    for m in cl._APPEAL_LOW.finditer(low):
        firsts = [p.start() for p in cl._APPEAL_HINT.finditer(low, m.start()) if p.start() < m.end()]
        assert firsts and firsts[0] - m.start() <= cl._APPEAL_REACH


@pytest.mark.parametrize("phrase", CREDIT_PHRASES)
def test_clean_lines_credit_precheck_passes_every_alternative(phrase: str) -> None:
    assert cl._CREDIT_TAIL.search(phrase)
    assert cl.is_credit(phrase)


@pytest.mark.parametrize("text", ["ſhare", "Shıre", "ſubſcribe now", "Lİke and ſhare", "ſign up today", "Kookies"])
def test_clean_lines_case_traps_match_as_the_case_insensitive_patterns(text: str) -> None:
    # characters IGNORECASE equates with ASCII letters, though str.lower() does not map them there
    assert cl.is_cta(text, len(cl.words(text))) == bool(cl._CTA.search(text))
    assert cl.appeal_hits(text) == len({m.group(0).lower() for m in cl._APPEAL.finditer(text)})


@pytest.mark.parametrize(
    "text",
    ["Don't stop - it's 3pm", "rock'n'roll and 'quoted' words", "a__b c-d e.f 42x", "'tis ''odd'' o'", "", "  ,; ",
     "Zürich straße ünd", "東京 と 大阪", "l’été dernier"],
)
def test_clean_lines_words_equal_the_word_pattern(text: str) -> None:
    assert cl.words(text) == cl._WORD.findall(text)


@pytest.mark.parametrize("text", ["no digits", "2024-03-14 at 10:15", "٣ Arabic-Indic ٤", "x1y2z3", ""])
def test_clean_features_count_digits_as_the_digit_pattern(text: str) -> None:
    assert _count_digits(text) == len(re.findall(r"\d", text))


def test_clean_features_side_means_equal_window_means() -> None:
    values = [0.5, 1.25, 3.0, 0.0, 2.5, 1.0, 4.75]
    for width in (1, 2, 3, 10):
        before, after = _side_means(values, len(values), width)
        for i in range(len(values)):
            left = values[max(0, i - width):i]
            right = values[i + 1:i + 1 + width]
            assert before[i] == pytest.approx(sum(left) / len(left) if left else 0.0)
            assert after[i] == pytest.approx(sum(right) / len(right) if right else 0.0)


@pytest.mark.parametrize(
    "text", ["jane_doe says:", "Jane SAYS", "jane ſays:", "o'said", "The minister said:", "a b c wrote x"]
)
def test_clean_lines_commenter_precheck_agrees_with_the_pattern(text: str) -> None:
    ws = cl.words(text)
    expect = 1 <= len(ws) <= 5 and ws[0].lower() not in cl._SPEAKER_WORDS and bool(cl._COMMENTER.search(text))
    assert cl._is_commenter(text, ws) == expect


@pytest.mark.parametrize("text", ["News | World", "Home » Sport » Football", "a / b", "Plain words", "x|y"])
def test_clean_lines_label_precheck_agrees_with_the_split(text: str) -> None:
    parts = cl._LABEL_SEP.split(text)
    expect = len(parts) >= 2 and all(0 < len(p) <= 40 and not any(c in p for c in ".!?") for p in parts)
    assert cl.is_label(text) == (expect and len(cl.words(text)) <= 8)


@pytest.mark.parametrize(
    "text",
    ["The Quick brown Fox", "iPhone 15 Pro vs. Galaxy S24", "9 Lives", "", "--", "Don't Stop", "Ünïcode Wörds here"],
)
def test_clean_features_caps_and_chars_as_the_words_say(text: str) -> None:
    ws = cl.words(text)
    assert _caps_and_chars(text, ws) == (cl.cap_ratio(ws), sum(len(w) for w in ws))


@pytest.mark.parametrize("text", ["Ferry 12 leaves at 7:30!", "Straße über den Fluss", "www.ferry.example/x_1", ""])
def test_clean_features_count_letters_as_isalpha(text: str) -> None:
    from stanceline.clean.text.features import _count_letters

    assert _count_letters(text) == sum(c.isalpha() for c in text)
