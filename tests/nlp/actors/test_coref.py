from __future__ import annotations

from stanceline.nlp.analysis import analyze_texts


def _quotes(text: str):
    (res,) = analyze_texts([("t", text)])
    return res.quotes


def test_coref_pronoun_speaker_resolved_by_gender() -> None:
    text = (
        "U.S. Ambassador to NATO Julianne Smith met Mark Rutte on Monday. Rutte thanked her. "
        "“We are not at the point of issuing an invitation,” she said."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "she"
    assert q.speaker == "Julianne Smith"


def test_coref_pronoun_prefers_recent_subject() -> None:
    text = (
        "Slovak Prime Minister Robert Fico arrived in Brussels. He said Slovakia would never support "
        "Ukraine's membership of the alliance."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Robert Fico"


def test_coref_description_speaker_by_role() -> None:
    text = (
        "U.S. Ambassador to NATO Julianne Smith and Ukrainian President Volodymyr Zelensky met in Brussels. "
        "“The door remains open,” the ambassador said."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "the ambassador"
    assert q.speaker == "Julianne Smith"


def test_coref_description_with_nationality() -> None:
    text = (
        "NATO Secretary General Mark Rutte welcomed Ukrainian President Volodymyr Zelensky to Brussels. "
        "The Ukrainian leader said his country needed an invitation now."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Volodymyr Zelensky"


def test_coref_unattributed_follow_on_quote_keeps_speaker() -> None:
    text = "“We will keep fighting,” Zelensky said. “Ukraine will not surrender any of its land to the invaders.”"
    quotes = _quotes(text)
    assert len(quotes) == 2
    assert {q.speaker for q in quotes} == {"Zelensky"}


def test_coref_last_speaker_yields_to_a_new_subject() -> None:
    text = (
        "“We will not give up,” President Volodymyr Zelensky said in Kyiv.\n"
        "In an interview, defence minister Oleksii Reznikov repeated the first part of Zelensky’s plan. "
        "But he seemed to amend the second part. He said, “Membership can wait for a while.”"
    )
    quotes = _quotes(text)
    last = next(q for q in quotes if q.text.startswith("Membership"))
    assert last.speaker is not None and last.speaker.endswith("Reznikov")


def test_coref_pronoun_after_namesake_quote_stays_with_that_namesake() -> None:
    text = (
        "President Joe Biden spoke in Delaware on Monday. His son Hunter Biden was in court the same day. "
        "“I have made mistakes,” Hunter Biden told reporters. “I am sorry for them,” he said."
    )
    quotes = _quotes(text)
    assert [q.speaker_key for q in quotes] == ["person:biden~hunter", "person:biden~hunter"]
    assert quotes[-1].speaker_mention == "he"


def test_coref_honorific_picks_the_namesake_of_that_gender() -> None:
    text = (
        "Donald Trump and his wife Melania Trump arrived in Paris. Later Donald Trump met the mayor. "
        "“It is wonderful to be here,” Mrs. Trump said."
    )
    (res,) = analyze_texts([("t", text)])
    (q,) = res.quotes
    keys = {a.name: a.key for a in res.actors if a.type == "PERSON"}
    assert q.speaker == "Melania Trump"
    assert q.speaker_key == keys["Melania Trump"] != keys["Donald Trump"]
