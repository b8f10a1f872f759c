"""Who holds a position (nlp/stance/holders.py and the carry to a state in extract.py), on fresh
sentences written for the test, through the whole NLP stage, on the folder's two made-up accession
issues (conftest.py: Iceland and Norway each applying to join the EU)."""

from __future__ import annotations

from dataclasses import replace

from test_compose_articles import run_whole

from stanceline.analyze.timeline import detect_shifts
from stanceline.model import Issue


def test_holders_a_head_of_government_speaks_for_the_state_their_title_names(issues: list[Issue]) -> None:
    for text, person, state in (
        ("Portuguese Prime Minister Rui Lopes said on Friday that his government backed Iceland's EU membership.",
         "person:lopes", "Portugal"),
        # a demonym of two words, and a state named by its own name in the title
        ("South African President Thabo Nkosi said on Friday that he backed Iceland's EU membership.",
         "person:nkosi", "South Africa"),
        ("Estonia's foreign minister, Kadri Tamm, told reporters that her country supported Iceland's EU membership.",
         "person:tamm", "Estonia"),
    ):
        got = {(p.actor_key, p.stance, p.speaks_for) for p in run_whole(text, issues)}
        assert (person, "support", state) in got, (text, got)


def test_holders_an_office_outside_the_government_does_not_speak_for_the_state(issues: list[Issue]) -> None:
    for text, person in (
        ("Former Portuguese Prime Minister Rui Lopes said on Friday that he backed Iceland's EU membership.",
         "person:lopes"),
        ("Estonian opposition leader Kadri Tamm said on Friday that she backed Iceland's EU membership.",
         "person:tamm"),
        # an office named before the comma is someone else's, not a title of the name after it
        ("Asked about Norway's president, Rui Lopes said that he backed Iceland's EU membership.",
         "person:lopes"),
    ):
        got = {(p.actor_key, p.stance, p.speaks_for) for p in run_whole(text, issues)}
        assert (person, "support", None) in got, (text, got)


def test_holders_a_states_shift_is_found_across_its_successive_leaders(issues: list[Issue]) -> None:
    docs = [
        ("2030-02-01", "Latvian President Ivars Ozols said Latvia would oppose Iceland's EU membership."),
        ("2031-06-01", "Latvia's new president, Ilze Berzina, said on Monday that her country now backed Iceland's "
                       "EU membership."),
    ]
    ps = [replace(p, doc_id=f"d{n}", date=date) for n, (date, text) in enumerate(docs) for p in run_whole(text, issues)]
    shifts = {(s.actor_key, s.from_stance, s.to_stance) for s in detect_shifts(ps)}
    assert ("latvia", "oppose", "support") in shifts, (shifts, [(p.actor_key, p.stance, p.date) for p in ps])


def test_holders_a_name_in_commas_after_a_subject_title_is_the_subject_despite_the_parse(
    issues: list[Issue],
) -> None:
    # the parser reads the name's first word as a preposition ("than"); the name set off by commas
    # after the title noun is still that subject, so the pronoun after it is that person
    text = (
        "Portuguese Prime Minister Rui Lopes said the talks had gone well. "
        "Thailand's deputy prime minister, Than Keo Phon, attended the talks despite a ban on his "
        "government's ministers. He told reporters that his government backed Iceland's EU membership."
    )
    got = {(p.actor_key, p.stance, p.speaks_for) for p in run_whole(text, issues)}
    assert got == {("person:phon", "support", "Thailand")}, got


def test_holders_a_capital_the_sentence_opens_with_is_the_state_of_the_title_after_it(
    issues: list[Issue],
) -> None:
    text = "In Lisbon, Foreign Minister Rui Lopes said that he backed Iceland's EU membership."
    got = {(p.actor_key, p.stance, p.speaks_for) for p in run_whole(text, issues)}
    assert ("person:lopes", "support", "Portugal") in got, got


def _keys(text: str, issues: list[Issue]) -> set[tuple[str, str]]:
    return {(p.actor_key, p.stance) for p in run_whole(text, issues)}


def test_holders_a_states_party_or_opposition_is_not_the_state(issues: list[Issue]) -> None:
    for text in (
        "Denmark's main opposition party said it opposed Iceland's EU membership.",
        "Danish opposition lawmakers said they opposed Iceland's EU membership.",
    ):
        got = _keys(text, issues)
        assert ("denmark", "oppose") not in got, (text, got)
        assert any(s == "oppose" for _, s in got), (text, got)
    # the state's own government still holds it
    assert ("denmark", "support") in _keys("Denmark's government said it backed Iceland's EU membership.", issues)


def test_holders_an_organ_of_no_named_state_is_the_one_state_the_text_names(issues: list[Issue]) -> None:
    lead = "Denmark has faced criticism from its fishermen over the talks. "
    for body in ("The defence ministry", "The army", "The government"):
        got = _keys(lead + f"{body} said on Thursday that it backed Iceland's EU membership.", issues)
        assert ("denmark", "support") in got, (body, got)
    # two states named: whose ministry it is is not known, so no one holds it
    lead = "Officials from Denmark and Sweden met in Malmo on Thursday. "
    got = _keys(lead + "The ministry said afterwards that it backed Iceland's EU membership.", issues)
    assert not any(k in {"denmark", "sweden"} for k, _ in got), got
    # a city's or a region's government is not the state's
    got = _keys(lead.replace("Denmark and Sweden", "Denmark") + "The city government said it backed Iceland's EU "
                "membership.", issues)
    assert ("denmark", "support") not in got, got


def test_holders_a_body_the_phrase_does_not_name_is_the_one_named_just_before(issues: list[Issue]) -> None:
    lead = "The Nordic Council met in Oslo on Monday. "
    for text in (
        "All eight members agreed to back Iceland's EU membership.",
        "The bloc's foreign ministers backed Iceland's EU membership.",
        "The council's members said they backed Iceland's EU membership.",
    ):
        got = _keys(lead + text, issues)
        assert got == {("nordic-council", "support")}, (text, got)
    # two bodies named just before: which one's members is not known
    lead = "The Nordic Council and the African Union met in Oslo on Monday. "
    got = _keys(lead + "All eight members agreed to back Iceland's EU membership.", issues)
    assert not got, got


def test_holders_a_governing_coalition_is_a_body_named_by_its_phrase(issues: list[Issue]) -> None:
    for text in (
        "The governing coalition said it backed Iceland's EU membership.",
        "Both parties in the governing coalition backed Iceland's EU membership.",
    ):
        got = _keys(text, issues)
        assert got == {("governing-coalition", "support")}, (text, got)


def test_holders_a_bare_word_of_one_full_name_the_tagger_left_untagged_is_that_person(
    issues: list[Issue],
) -> None:
    for text, key in (
        ("Minister Keo Sovann said the talks went well. Keo later told reporters that he backed Iceland's EU "
         "membership.", "person:sovann"),
        ("Senator Tomás Herrera Lugo said the talks went well. Herrera later told reporters that he backed "
         "Iceland's EU membership.", "person:lugo"),
    ):
        got = _keys(text, issues)
        assert got == {(key, "support")}, (text, got)
