from __future__ import annotations

from stanceline.nlp.analysis import analyze_texts


def _quotes(text: str):
    (res,) = analyze_texts([("t", text)])
    return res.quotes


def test_coref_pronoun_speaker_resolved_by_gender() -> None:
    text = (
        "U.S. Ambassador to NATO Julianne Smith met Mark Rutte on Monday. Rutte thanked Ms. Smith. "
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
    (q,) = _quotes(text)
    assert q.speaker == "Zelensky" and len(q.spans) == 2


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
        "Donald Trump and First Lady Melania Trump arrived in Paris. Later Donald Trump met the mayor. "
        "“It is wonderful to be here,” Mrs. Trump said."
    )
    (res,) = analyze_texts([("t", text)])
    (q,) = res.quotes
    keys = {a.name: a.key for a in res.actors if a.type == "PERSON"}
    assert q.speaker == "Melania Trump"
    assert q.speaker_key == keys["Melania Trump"] != keys["Donald Trump"]


def test_coref_given_name_is_no_evidence_of_gender() -> None:
    # Nothing in the text says who is a woman: "she" must not be settled by guessing from names.
    text = (
        "Kim Alder met Robin Hale on Monday. They spoke for an hour. "
        "“We are not at the point of signing anything,” she said."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "she"
    from stanceline.nlp.actors import coref

    assert not hasattr(coref, "_FEMALE_NAMES") and not hasattr(coref, "_MALE_NAMES")


def test_coref_possessor_of_the_speaker_is_not_the_speaker() -> None:
    text = (
        "Senator Maria Okafor lost her seat in the spring. "
        "Senator Okafor's party concedes that the new district map cost it three seats."
    )
    quotes = _quotes(text)
    assert quotes, "the party's statement is still a quote"
    assert all(q.speaker_key != "person:okafor" for q in quotes)


def test_coref_possessor_speaks_through_a_spokesperson() -> None:
    text = (
        "Governor Tom Ellery toured the flooded valley on Sunday. "
        "His spokeswoman said that the state would pay for the repairs."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Tom Ellery"


def test_coref_minister_description_skips_the_head_of_state() -> None:
    text = (
        "President Alma Ruiz opened the summit in the capital on Tuesday. "
        "Finance Minister Petr Kolar arrived later from the airport.\n"
        "“The budget will be balanced within two years,” the minister said."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Petr Kolar"


def test_coref_minister_without_a_named_minister_is_not_the_president() -> None:
    text = (
        "President Alma Ruiz opened the summit in the capital on Tuesday.\n"
        "“The budget will be balanced within two years,” the minister said."
    )
    (q,) = _quotes(text)
    assert q.speaker is None and q.speaker_mention == "the minister"


def test_coref_pronoun_speaker_keeps_the_mention_it_was_resolved_from() -> None:
    text = "Dana Whitfield chairs the port authority.\n“Every crane will be electric by next year,” she said."
    (q,) = _quotes(text)
    assert q.speaker == "Dana Whitfield" and q.speaker_mention == "she"
    assert q.antecedent == "Dana Whitfield"
    assert q.antecedent_start is not None and text[q.antecedent_start : q.antecedent_end] == "Dana Whitfield"


def test_coref_named_speaker_has_no_antecedent() -> None:
    text = "“Every crane will be electric by next year,” Dana Whitfield said."
    (q,) = _quotes(text)
    assert q.speaker == "Dana Whitfield" and q.antecedent is None


def test_coref_subject_outranks_a_possessor_as_antecedent() -> None:
    text = (
        "Chief engineer Paulo Reis praised Anton Weber's bridge design at the hearing. "
        "He said, “The load tests passed on the first attempt and the deck is sound.”"
    )
    (q,) = _quotes(text)
    assert q.speaker == "Paulo Reis" and q.antecedent == "Paulo Reis"


def test_coref_description_of_another_state_is_not_resolved_to_an_unplaced_president() -> None:
    text = (
        "President Aldo Brenner toured the shipyard on Friday.\n"
        "The Chilean president said that the tariffs would be “a grave error” for both economies."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "The Chilean president"
    assert q.speaker != "Aldo Brenner"


def test_coref_possessed_office_resolves_through_the_role() -> None:
    text = (
        "Prime Minister Ilona Varga of Estonia met the trade delegation. Estonian Prime Minister Ilona Varga "
        "spoke first.\n“We will open the port to every partner,” the country’s prime minister said."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Ilona Varga"


def test_coref_office_words_must_agree() -> None:
    text = (
        "Transport Secretary Rhys Galloway answered questions in the morning. Later, Ruth Okafor, "
        "who has led the department for three years, arrived.\n"
        "“Prisons are full,” the justice secretary said."
    )
    (q,) = _quotes(text)
    assert q.speaker != "Rhys Galloway"


def test_coref_secretary_may_be_called_the_minister() -> None:
    text = (
        "Foreign Secretary Owen Pryce refused to rule himself out. Asked whether he would stand, "
        "the cabinet minister replied “let us see”."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Owen Pryce"


def test_coref_person_found_only_as_speaker_is_an_antecedent_later() -> None:
    # A name the tagger may miss: once it is a speaker, "she" can return to it.
    text = (
        "Theodora Quill has confirmed she will back the plan.\n"
        "The farming union praised the plan.\n"
        "She said: “Every farm in the valley gains from this.”"
    )
    quotes = _quotes(text)
    last = quotes[-1]
    assert last.speaker_mention == "She"
    assert last.speaker is not None and "Quill" in last.speaker


def test_coref_pronoun_resolved_writes_that_persons_gender() -> None:
    # Neither person's gender is written before the quotes; once "she" is resolved to one of
    # them, a "he" that follows is the other.
    (res,) = analyze_texts(
        [("t", "The party's chairman, Tom Reyes, spoke after the vote. Maria Lind, a rival, left early. "
               '"He is wrong," she said later. "We will see," he said.')]
    )  # fmt: skip
    first, second = res.quotes
    assert first.speaker == "Maria Lind"
    assert second.speaker == "Tom Reyes"


def test_coref_body_description_goes_to_a_body_of_its_kind() -> None:
    # "the newspaper" is not the party just named, "the ministry" not the company: a body whose
    # name says what kind it is must be of the description's kind.
    text = (
        "The Green Party denied a report in the Daily Ledger that it was ready to back the budget. "
        "The newspaper said the party would back the budget in return for new bus lanes."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "The newspaper"
    assert q.speaker == "Daily Ledger"
    # With no paper named, the description stays the speaker rather than the body reported on.
    text = (
        "The NFU denied reports that it was ready to back the budget. "
        "The newspaper said the farmers would back the budget in return for new rural roads."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "The newspaper" and q.speaker is None
    text = (
        "Northwind Shipping Company was fined by the Ministry of Transport on Monday. "
        "The company said the fine would be appealed within a month."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Northwind Shipping Company"


def test_coref_a_full_name_tagged_as_a_title_after_a_quotation_still_speaks() -> None:
    # The entity tagger often reads a name right after a closing quotation mark as the title of a
    # work; the subject of "said" is a person all the same.
    for text, name, key in (
        ("“Our members will vote against the levy,” Pablo Ruiz said on Monday.", "Pablo Ruiz", "person:ruiz"),
        ('"The ferry timetable is a disgrace," Tomasz Nowak said.', "Tomasz Nowak", "person:nowak"),
    ):
        (q,) = _quotes(text)
        assert (q.speaker, q.speaker_key) == (name, key), text
