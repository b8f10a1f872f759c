"""Classes of news quoting read the way news readers (and PolNeAR-style gold) count them; every
sentence here is written for the test."""

from __future__ import annotations

from stanceline.model import Quote
from stanceline.nlp.analysis import analyze_texts


def _quotes(text: str) -> list[Quote]:
    (res,) = analyze_texts([("t", text)])
    return res.quotes


def test_quotes_report_split_by_a_participle_subject_keeps_its_copula_clause() -> None:
    # "a plan unveiled in March was …": the parser takes the participle for the clause's verb and
    # leaves the copula without a subject; the report still runs to the end of the quotation.
    for text, words in [
        ("Governor Lisa Hart said the plan unveiled in March was “a failure from the very first day.”",
         "a failure from the very first day"),
        ("Ms. Greta Lund said a merger agreed between the two banks and regulators yesterday was “a gift "
         "to shareholders.”", "a gift to shareholders"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "mixed"
        assert words in q.text
        assert q.speaker_mention is not None and q.speaker_mention.endswith(("Hart", "Lund"))


def test_quotes_second_that_clause_after_a_naming_verb_is_more_of_the_quote() -> None:
    text = (
        "Senator Ruth Alder called the treaty “deeply flawed” and that it would be “a betrayal of every "
        "farmer in the region.”"
    )
    (q,) = _quotes(text)
    assert q.kind == "mixed"
    assert "deeply flawed" in q.text and "a betrayal of every farmer in the region" in q.text
    assert q.speaker_mention == "Senator Ruth Alder"


def test_quotes_outlet_credit_or_dateline_before_the_speaker_is_not_the_speaker() -> None:
    for text, name in [
        ("Metroscope.com – Former Ohio governor and 2024 Republican Senate candidate Mark Pell said on Friday "
         "that he would run again.", "Mark Pell"),
        ("BERLIN (Wire) - German Chancellor Hans Vogel said on Monday that sanctions would stay.", "Hans Vogel"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.speaker == name
        assert q.speaker_mention is not None and q.speaker_mention.endswith(name)
        assert not q.speaker_mention.startswith(("Metroscope", "Wire", "BERLIN"))


def test_quotes_honorific_in_a_postposed_cue_does_not_end_the_sentence() -> None:
    # "…," Ms. Voss said: the abbreviation's full stop is no sentence end between quote and cue.
    text = (
        "Dana Voss chairs the council.\n\n"
        "“Is the budget settled yet? Not really,” Ms. Voss said. “Will it be done by spring? Perhaps.”"
    )
    quotes = _quotes(text)
    assert len(quotes) == 1
    (q,) = quotes
    assert q.cue == "said" and q.speaker_mention == "Ms. Voss"
    assert "Not really" in q.text and q.text.endswith("Perhaps.")


def test_quotes_quotation_resumed_after_a_long_cue_sentence_is_one_record() -> None:
    text = (
        "“We did not win every vote, but we kept the clinic open,” Mr. Reyes said on Saturday night "
        "at a union dinner in Denver, where Ms. Voss also spoke. “The nurses stayed. The beds stayed.”"
    )
    (q,) = _quotes(text)
    assert q.speaker == "Reyes" and len(q.spans) == 3
    assert "union dinner" not in " ".join(text[a:b] for a, b in q.spans)


def test_quotes_report_whose_subject_the_parser_hung_on_the_verb_keeps_it() -> None:
    text = (
        "In a speech to lawmakers, Ruth Alder, the head of the senate, suggested reversing the merger was "
        "still a possibility in her mind."
    )
    (q,) = _quotes(text)
    assert q.text == "reversing the merger was still a possibility in her mind"


def test_quotes_name_before_a_description_in_dashes_is_the_speaker() -> None:
    text = (
        "Maria Lopez teaches rhetoric.\n\n"
        "Lopez -- author of Talking Tough, a book on campaign speeches -- said the mayor tended to make "
        "promises at those meetings."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "Lopez" and q.speaker == "Maria Lopez"


def test_quotes_quotation_as_the_that_clause_of_told_x_takes_the_cue() -> None:
    text = (
        "Insisting the audit was meant to embarrass him, Mayor Tom Reyes told the Herald on Monday that "
        "“they went after my staff because they wanted a scandal. What they are doing is playing games.”"
    )
    (q,) = _quotes(text)
    assert q.speaker == "Tom Reyes" and q.cue == "told"
    assert q.text.endswith("playing games.")


def test_quotes_verdict_verbs_with_as_credit_the_words_in_marks() -> None:
    text = "In a written statement, Governor Lisa Hart condemned the spill as “reckless and avoidable” on Friday."
    (q,) = _quotes(text)
    assert q.kind == "mixed" and q.speaker == "Lisa Hart" and "reckless and avoidable" in q.text


def test_quotes_accused_x_of_words_in_marks_is_a_mixed_quote() -> None:
    text = "The fishing union accused the firm's chief, Karl Weiss, of “utter contempt for the people who live here.”"
    (q,) = _quotes(text)
    assert q.kind == "mixed" and q.speaker_mention == "The fishing union"
    assert "utter contempt" in q.text


def test_quotes_a_body_or_it_can_name_something_in_its_own_words() -> None:
    text = (
        "The regional council pledged to impose further fines as a deterrent to what it called “a clear "
        "danger to every river in the valley.”"
    )
    (q,) = _quotes(text)
    assert q.kind == "mixed" and q.speaker_mention == "it" and q.cue == "called"


def test_quotes_words_in_marks_modifying_the_name_given_are_the_namers() -> None:
    text = "Officials denounced what Senator Ann Cole called the firm's “careless, cynical, dangerous” conduct."
    (q,) = _quotes(text)
    assert q.speaker == "Ann Cole" and "careless, cynical, dangerous" in q.text


def test_quotes_accused_x_of_having_words_in_marks_climbs_the_gerund() -> None:
    for text, words in [
        ("Jane Doe has accused the mayor of having “a low opinion of the people of this city” by downplaying "
         "the risks.", "a low opinion of the people of this city"),
        ("In a column, Tom Reyes accused critics of the plan of wanting to take “the gamble of the decade” with "
         "the city.", "the gamble of the decade"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "mixed" and q.cue == "accused" and words in q.text


def test_quotes_words_in_marks_finishing_a_predicate_after_a_report_are_the_sources() -> None:
    text = (
        "Defence Secretary Ann Cole said that while the treaty has held so far, there are deeper “strategic "
        "worries.” The rival state is “rapidly building and testing a whole fleet of long-range drones.”"
    )
    quotes = _quotes(text)
    (q,) = [q for q in quotes if "long-range drones" in q.text]
    assert q.speaker == "Ann Cole"


def test_quotes_a_dossier_or_memo_can_be_the_source_of_a_report() -> None:
    text = "The dossier warned the treaty contains “hidden traps” which will hurt every dairy farmer."
    (q,) = _quotes(text)
    assert q.kind == "mixed" and q.speaker_mention == "The dossier" and "hidden traps" in q.text


def test_quotes_single_quoted_statement_of_several_paragraphs_is_one_record() -> None:
    # British style: each paragraph re-opens with ‘ and only the last one closes.
    text = (
        "Home Secretary Ann Cole backed the draft plan on Tuesday. This is the statement she released:\n\n"
        "‘Our border rules have been ignored for too long and the courts have stopped us removing offenders.\n\n"
        "‘That cannot go on and it is welcome that the commission has accepted that we must act.\n\n"
        "‘So we have moved forward and talks go on before the spring summit.’\n\n"
        "Cole and the cabinet met before the statement went out."
    )
    (q,) = _quotes(text)
    assert q.speaker == "Ann Cole" and len(q.spans) == 3
    assert q.text.startswith("Our border rules") and q.text.endswith("spring summit.")


def test_quotes_show_title_in_marks_between_two_quotations_is_not_quoted_speech() -> None:
    text = (
        "“He is completely correct. There is a deep split on the docks,” Penn said on Channel 9’s “Morning "
        "Desk.” “I mean, there is a lot of anger within the unions.”"
    )
    (q,) = _quotes(text)
    assert len(q.spans) == 3
    assert not any("Morning" in text[a:b] for a, b in q.spans)


def test_quotes_two_cues_framing_one_mixed_report_make_one_record() -> None:
    text = (
        "Campaign chief Tom Weiss said as much in an interview on Friday, arguing that Reyes “attacked our port "
        "workers when he was asked for a plan.”"
    )
    (q,) = _quotes(text)
    assert q.speaker == "Tom Weiss" and "attacked our port workers" in q.text


def test_quotes_party_and_state_tag_in_the_cue_is_no_sentence_end() -> None:
    text = (
        "“This is a sad day,” said Rep. J.T. Marsh (D-Colo.), head of the rural caucus. “The mayor is a sad "
        "case. He started this fight years ago.”\n"
        "“It’s a slap in the face to all growers,” Rep. Dana Voss (R-Wis.) said Friday. “How can anyone "
        "trust the water supply now?”"
    )
    quotes = _quotes(text)
    assert [len(q.spans) for q in quotes] == [3, 2]
    assert [q.speaker for q in quotes] == ["J.T. Marsh", "Dana Voss"]


def test_quotes_dateline_is_not_part_of_the_report() -> None:
    text = (
        "DENVER ― The mayor's long feud with the water board is an insult to every farmer, senior county "
        "officials said Friday."
    )
    (q,) = _quotes(text)
    assert q.text.startswith("The mayor's long feud")
    text = "Denver (May 3, 2021): The council plans to close the dam next week, said two senior county officials."
    (q,) = _quotes(text)
    assert q.text.startswith("The council plans")


def test_quotes_relative_pronoun_is_the_surface_speaker_and_its_noun_the_antecedent() -> None:
    text = "The proposal was backed by Tom Reyes, who said that “the city cannot wait another year for a bridge.”"
    (q,) = _quotes(text)
    assert q.speaker == "Tom Reyes" and q.speaker_mention == "who"
    assert q.antecedent == "Tom Reyes" and text[q.antecedent_start : q.antecedent_end] == "Tom Reyes"


def test_quotes_transcript_turns_are_quotes_of_their_labels() -> None:
    text = (
        "On the Sunday show, Governor Tom Reyes said the audit was a stunt.\n\n"
        "Partial transcript as follows:\n\n"
        '"HOST: Why would the council do that? And will the auditor be there tomorrow?\n\n'
        '"REYES: Well, look, the council thinks this is a game show. But this is a city budget.\n\n'
        '"It is serious business, and people know it.\n\n'
        '"HOST: Will the auditor be there?\n\n'
        '"REYES: The auditor will not be attending the hearing tomorrow."'
    )
    turns = [q for q in _quotes(text) if q.cue == ":"]
    assert [q.speaker_mention for q in turns] == ["HOST", "REYES", "HOST", "REYES"]
    assert turns[1].speaker == "Tom Reyes" and len(turns[1].spans) == 3
    assert not any("HOST" in text[a:b] or "REYES" in text[a:b] for q in turns for a, b in q.spans)


def test_quotes_a_lone_label_line_is_not_a_transcript() -> None:
    text = "UPDATE: The council met again on Monday.\n\nMayor Tom Reyes said the audit would go on."
    assert not [q for q in _quotes(text) if q.cue == ":"]


def test_quotes_short_answer_set_off_by_its_cue_is_a_quote() -> None:
    for text in [
        "Asked whether she would run for governor, Senator Ann Cole said: “Not this year.”",
        "“Not this year,” Senator Ann Cole said when asked whether she would run.",
    ]:
        quotes = [q for q in _quotes(text) if q.kind == "direct"]
        assert [q.text.rstrip(".,") for q in quotes] == ["Not this year"]
        assert quotes[0].speaker == "Ann Cole"
    # a name in marks next to a cue stays a name
    assert not _quotes("The “History” section explains the rules.")


def test_quotes_fronted_asked_clause_credits_no_one() -> None:
    # the tagger reads this "Asked" as a past tense after the paragraph before
    text = (
        "In an email, her office said: “The senator has done her job well and looks forward to the summer.”\n\n"
        "Asked whether she would run for governor, Cole said: “Not this year.”"
    )
    assert not [q for q in _quotes(text) if q.cue == "Asked"]


def test_quotes_inverted_cue_read_as_verb_and_object_keeps_its_speaker() -> None:
    # "“…,” added the senator, speaking …": the parser reads the inversion as a verb and its
    # object (or the tagger the cue as a passive participle); the noun phrase still speaks.
    for text, mention in [
        ("“Our budget will pass this week,” added the senator, speaking to farmers in Topeka.", "the senator"),
        ("“The shelling must stop within two days”, added WPA.", "WPA"),
        ("“Voters have had enough of excuses,” boasted the candidate, who spoke for an hour.", "the candidate"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "direct"
        assert q.speaker_mention == mention
        assert q.speaker_start is not None and text[q.speaker_start : q.speaker_end] == mention


def test_quotes_manner_of_speaking_verb_cues_the_quotation_beside_it() -> None:
    # "“…,” she scoffed": a verb of the manner of speaking credits the quotation next to it,
    # short answers included.
    for text, mention in [
        ("“Nobody in this town believes that story,” the councilwoman scoffed.", "the councilwoman"),
        ("“Give the farmers one more season,” Ruiz pleaded on Thursday.", "Ruiz"),
        ("“Never again,” he muttered.", "he"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "direct"
        assert q.speaker_mention == mention


def test_quotes_manner_of_speaking_verb_frames_no_report() -> None:
    # What the parser hangs on such a verb as a clause is no report of what was said.
    text = "The mayor laughed, the crowd cheered and the band kept playing."
    assert _quotes(text) == []


def test_quotes_person_of_a_race_is_not_the_party_in_the_description() -> None:
    # "the Green nominee", "a Liberal strategist": a person news describes by race or campaign;
    # the party in the description does not speak, and the description can speak at all.
    for text, mention in [
        ("The Green nominee said the levy would “punish every commuter in the valley.”", "The Green nominee"),
        ("A Liberal strategist told reporters the count was “far from settled.”", "A Liberal strategist"),
        ("The billionaire said the new zoning rules were “a gift to the big developers.”", "The billionaire"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "mixed"
        assert q.speaker_mention == mention
        assert q.speaker is None


def test_quotes_ruling_and_recommending_verbs_report_their_clause() -> None:
    # A court's ruling and a body's recommendation are what they said, as "said that" is.
    for text, cue, words in [
        ("The appeals court ruled that the new district map is unconstitutional.", "ruled",
         "the new district map is unconstitutional"),
        ("A state tribunal has ruled the fees charged to renters were unlawful.", "ruled",
         "the fees charged to renters were unlawful"),
        ("The review panel recommends that every county should publish its voter rolls.", "recommends",
         "every county should publish its voter rolls"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "indirect" and q.cue == cue
        assert words in q.text


def test_quotes_report_whose_subject_the_parser_made_the_cue_object_keeps_it() -> None:
    # "found losses … exceeded": the parser hangs "losses" on the cue as its object and leaves the
    # reported verb without a subject; the report is still the whole clause.
    (q,) = _quotes("The scientists found losses of farm income exceeded 10% in every county examined.")
    assert q.kind == "indirect" and q.cue == "found"
    assert q.text.startswith("losses of farm income exceeded")
    assert q.speaker_mention == "The scientists"
    # The listener of "told" is no subject of what was said.
    assert all("reporters" not in q.text for q in _quotes("The mayor told reporters waited outside for hours."))


def test_quotes_embedded_post_is_credited_to_its_account() -> None:
    # A post embedded in the page, credited the way the network's embed prints it ("— Name
    # (@handle) date"), on its own line or under the post, is the account holder's quote.
    text = (
        "The mayor's plan drew quick reactions online.\n\n"
        "Great news for renters today: the council has finally capped deposits at one month's rent. "
        "pic.twitter.com/abc123 — Dana Whitfield (@danawhit) March 4, 2021\n\n"
        "Others were less impressed.\n\n"
        "Another rushed vote with no public hearing. We deserve better than this.\n"
        "— Tom Okafor (@tokafor_news) 4 March 2021\n\n"
        "The council meets again next week.\n"
    )
    a, b = _quotes(text)
    assert a.text.startswith("Great news for renters today") and "Dana Whitfield" not in a.text
    assert a.speaker_mention == "Dana Whitfield"
    assert b.text == "Another rushed vote with no public hearing. We deserve better than this."
    assert b.speaker_mention == "Tom Okafor"
    # A line closed by a dash and a name but no handle is no post credit.
    assert not _quotes("The council voted seven to two on the new deposit cap on Tuesday — City Desk\n")


def test_quotes_plural_source_nouns_and_speculating_verbs_report_their_clause() -> None:
    # "the results show …", "findings indicate …": sources listed in the plural are sources whatever
    # lemma the tagger gives them; "theorized that …" reports a claim like "argued that …".
    for text, who, words in [
        ("The results show the incumbents kept a majority in the assembly.", "The results",
         "the incumbents kept a majority in the assembly"),
        ("Its findings indicate that turnout fell in every rural ward.", "Its findings",
         "turnout fell in every rural ward"),
        ("Posts on the tenants' forum theorized that a data breach had occurred.", "Posts",
         "a data breach had occurred"),
    ]:  # fmt: skip
        (q,) = _quotes(text)
        assert q.kind == "indirect" and words in q.text
        assert q.speaker_mention is not None and q.speaker_mention.startswith(who)


def test_quotes_words_in_marks_inside_an_infinitive_of_the_report_are_the_report() -> None:
    # "said the party had agreed to “…”": the words in marks finish what the party agreed to do,
    # in the reporter's words; one record, the report's, not a second one for the party.
    text = (
        "The newspaper said the union had agreed to “drop its demand for a shorter week” as part of a "
        "new pay deal."
    )
    (q,) = _quotes(text)
    assert q.kind == "mixed" and q.cue == "said" and q.speaker_mention == "The newspaper"
    assert "drop its demand for a shorter week" in q.text


def test_quotes_quotation_after_a_nested_report_stays_with_the_outer_speaker() -> None:
    # "X noted the survey shows …. “…”": the survey's finding is inside X's account, and the
    # quotation after it is X's, not the survey's.
    text = (
        "Dr. Mara Quill noted the survey results show rural clinics are losing staff. \"We have been "
        "warning about this for a decade, and nobody in the capital has listened to us.\""
    )
    direct = [q for q in _quotes(text) if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].speaker_mention == "Dr. Mara Quill"


def test_quotes_advice_verb_is_no_cue_for_a_quotation_beside_it() -> None:
    # "“…”, the agency recommending …": a recommendation reports a clause, but the words in marks
    # before it are not what was recommended.
    text = (
        "The new form, which runs to twelve pages, \"must be returned within ten working days\", the "
        "agency recommending online help for anyone who needs it."
    )
    assert all(q.cue != "recommending" for q in _quotes(text))


def test_quotes_statement_noun_with_a_possessor_reports_its_that_clause() -> None:
    # "X's claim that …", "his warning that …": the possessor stated the clause, as "X claimed
    # that …" would say; without a possessor the noun credits no one.
    (q,) = _quotes("Voters doubted the mayor's claim that the new stadium was \"paying for itself\".")
    assert q.kind == "mixed" and q.cue == "claim" and q.speaker_mention == "the mayor"
    assert "the new stadium was" in q.text
    text = "Senator Lia Brandt toured the mill. Her warning that the mill would close within a year proved right."
    (q,) = _quotes(text)
    assert q.kind == "indirect" and q.speaker_mention == "Her" and q.speaker == "Lia Brandt"
    assert q.text.startswith("the mill would close within a year")
    assert not _quotes("The claim that the bridge was unsafe was never tested.")


def test_quotes_description_and_name_read_as_two_subjects_are_one_speaker() -> None:
    # "The city's police chief, Dan Ortiz said": without the comma after the name the parser
    # gives the verb two subjects; the speaker span is the description and the name, the speaker
    # the person named.
    text = (
        "Flooding closed two roads on Friday.\n\n"
        "The city's police chief, Dan Ortiz said officers had been sent to both crossings overnight."
    )
    (q,) = _quotes(text)
    assert q.speaker_mention == "The city's police chief, Dan Ortiz"
    assert q.speaker == "Dan Ortiz"


def test_quotes_author_credit_with_a_handle_but_no_date_is_no_post() -> None:
    # An embed prints the post's date; a byline under the article ("— Name (@handle)") does not,
    # and the article's last paragraph is not that author's quote.
    text = (
        "The council will vote on the deposit cap again in the spring, after a public hearing.\n"
        "— Dana Whitfield (@danawhit)\n"
    )
    assert not _quotes(text)


def test_quotes_parenthetical_cue_inside_its_report_splits_it_in_two_spans() -> None:
    # "The new tax, Senator Park said, would hit …": the cue set off by commas after the report's
    # subject; the report runs on both sides of it, and its spans leave the cue out.
    text = "Budget talks resumed.\n\nThe new tax, Senator Ellen Park said, would hit small farms hardest."
    (q,) = _quotes(text)
    assert q.kind == "indirect" and q.cue == "said" and q.speaker_mention == "Senator Ellen Park"
    assert [text[s:e] for s, e in q.spans] == ["The new tax", "would hit small farms hardest"]
