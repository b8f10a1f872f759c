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


def test_quotes_one_word_verdict_in_marks_after_a_naming_verb_is_a_quote() -> None:
    # The stated rule: the complement of a naming or characterising verb is in marks because the
    # words are the speaker's own, so even one word there is a (mixed) quote of the subject.
    for text, word, speaker in [
        ("The harbour master called the new berth rules “unworkable”.", "unworkable", "The harbour master"),
        ("Senator Ida Moss described the toll plan as “theft”.", "theft", "Senator Ida Moss"),
        ("The farmers' union branded the subsidy cut “vindictive” on Monday.", "vindictive", "The farmers' union"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "mixed"
        assert word in q.text
        assert q.speaker_mention == speaker


def test_quotes_word_in_marks_with_no_speaker_verb_stays_a_scare_quote() -> None:
    (res,) = analyze_texts([("t", "The so-called “river deal” would move the weir two miles upstream.")])
    assert res.quotes == []
    assert [r.reason for r in res.rejected] == ["scare quote"]


def test_quotes_second_speech_verb_coordinated_inside_a_report_is_the_speakers() -> None:
    # The parser hangs "insisted"/"called" on the first report's verb; they are the speaker's
    # second statement, not the first report's subject's.
    text = (
        "The airline's chief pilot, Ruth Olade, said rest periods had been cut twice this year and "
        "insisted that the new roster was “simply not safe.”"
    )
    first, second = sorted(_quotes(text), key=lambda q: q.start)
    assert first.kind == "indirect" and first.text.endswith("cut twice this year")
    assert second.cue == "insisted" and "simply not safe" in second.text
    assert first.speaker_mention == second.speaker_mention and "Ruth Olade" in (second.speaker_mention or "")


def test_quotes_speech_verb_without_report_stays_inside_the_report() -> None:
    (q,) = _quotes("Ms. Lena Ruiz said her cousin had lied to the inspectors and called him a coward.")
    assert q.text.endswith("called him a coward")


def test_quotes_named_apposition_of_any_type_stays_in_the_speaker() -> None:
    (q,) = _quotes("The ferry operator, Northlink Shipping, said sailings would resume on Thursday.")
    assert q.speaker_mention == "The ferry operator, Northlink Shipping"


def test_quotes_accused_x_of_y_is_a_report_of_the_accused_and_the_charge() -> None:
    for text, start, end in [
        ("The tenants' association accused the landlord of cutting the heating in January.", "the landlord", "January"),
        # "of" hung on the relative clause or the participle inside the object
        ("Ms. Ines Varga accused the inspectors, who were hired in the spring, of ignoring the cracks.",
         "the inspectors", "the cracks"),
        ("Residents accused the engineers appointed by the county of hiding the survey.",
         "the engineers", "the survey"),
        ("The mayor accused the head of the water board of misleading the council.", "the head", "the council"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "indirect" and q.cue == "accused"
        assert q.text.startswith(start) and q.text.endswith(end)


def test_quotes_accused_without_a_charge_is_no_report() -> None:
    assert _quotes("The mayor accused the head of the water board.") == []


def test_quotes_straight_single_marks_are_quotation_marks() -> None:
    text = (
        "Rail fares rose again. 'We have frozen wages for two years,' said union leader Tom Hale. "
        "'Our members can't take another cut.'"
    )
    (q,) = _quotes(text)
    assert q.kind == "direct" and q.speaker == "Tom Hale"
    assert "frozen wages" in q.text and q.text.endswith("another cut.")
    assert len(q.spans) == 2


def test_quotes_straight_apostrophes_open_no_quotation() -> None:
    from stanceline.nlp.quotes.marks import find_quoted_spans

    text = "The drivers' vote is on Friday, it's said, and the '90s pay deal still stands for the crews' wages."
    assert find_quoted_spans(text) == []


def test_quotes_roundup_label_names_the_speaker() -> None:
    text = (
        "The bridge reopened on Sunday.\nWhat people said:\n"
        "Aisha Bello, ferry captain: “Nobody here will miss the detour.”\n"
        "Jon Ferris, Harbour Gazette: “Traffic was back to normal within the hour.”"
    )
    first, second = sorted(_quotes(text), key=lambda q: q.start)
    assert first.speaker_mention == "Aisha Bello" and "detour" in first.text
    assert second.speaker_mention == "Jon Ferris" and "Traffic" in second.text


def test_quotes_sentence_before_a_colon_is_not_a_label() -> None:
    (q,) = _quotes("Dana Ruiz had one message for the board: “Fix the lifts first.”")
    assert q.speaker_mention != "Dana Ruiz had one message for the board"


def test_quotes_opening_quote_named_in_the_next_paragraph() -> None:
    for text, name in [
        ("Pier to be demolished\n“We have lost the heart of this town and nobody in the council seems to care.”\n"
         "So said Harold Finch, 81, who has fished from the pier since he was a boy.", "Harold Finch"),
        ("Clinic hours cut\n“Patients will wait a week for a nurse they used to see the same day.”\n"
         "That was the verdict of Dr. Miriam Cole, who runs the clinic, after the trust's decision on Monday.",
         "Miriam Cole"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "direct" and q.speaker is not None and name in q.speaker


def test_quotes_opening_quote_with_an_unrelated_next_paragraph_keeps_no_speaker() -> None:
    text = "Budget passed\n“This is the best budget in a decade.”\nThe vote was 40 to 12. Mayor Rosa Diaz left early."
    (q,) = _quotes(text)
    assert q.speaker is None


def test_quotes_verdict_with_as_is_a_report_with_or_without_marks() -> None:
    for text, kind, words in [
        ("The auditor general dismissed the rail plan as a fantasy.", "indirect", "the rail plan as a fantasy"),
        ("Councillor Ada Brook hailed the new bus lanes as a lifeline for the east side.", "indirect",
         "the new bus lanes as a lifeline"),
        # "as" hung on the object by the parser
        ("Senator Lyle Ames dismissed the pledge as “pure theatre”.", "mixed", "pure theatre"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == kind and words in q.text


def test_quotes_according_to_any_noun_is_a_source() -> None:
    (q,) = _quotes("According to court filings seen by the Tribune, the developer owed the city $2 million.")
    assert q.kind == "indirect" and q.cue == "According to"
    assert q.text.startswith("the developer owed")


def test_quotes_possessor_of_a_decision_to_say_is_the_speaker() -> None:
    (q,) = _quotes("Senator Ruth Ames's decision to say that the toll would stay has angered drivers.")
    assert q.speaker_mention == "Senator Ruth Ames" and q.text == "the toll would stay"
    (q,) = _quotes("A message stating that the bridge was closed appeared on the board.")
    assert q.speaker_mention == "A message"
