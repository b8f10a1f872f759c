"""Stance composition classes found on whole wire articles (bench/data/stance_fresh_en's misses),
each tested on fresh sentences written for the test, on the folder's two made-up accession
issues (conftest.py: Iceland and Norway each applying to join the EU)."""

from __future__ import annotations

from typing import Any

from test_compose import run

from stanceline.model import Issue, Position


def run_whole(text: str, issues: list[Issue]) -> list[Position]:
    """Positions from the whole NLP stage's mentions and quotes (not hand-made ones)."""
    from stanceline.nlp.analysis import analyze_texts
    from stanceline.nlp.stance.extract import extract_positions

    d = next(iter(analyze_texts([("d", text)])))
    return extract_positions(
        doc_id="d", text=text, spacy_doc=d.spacy_doc, mentions=d.mentions, quotes=d.quotes, issues=issues, date=None
    )


def test_compose_but_only_when_after_the_stance_clause_is_a_condition(nlp: Any, issues: list[Issue]) -> None:
    for text in (
        '"We are prepared to accept Iceland as an EU member, but only when it has cut its debt," Spain said.',
        "Spain is ready to back the Icelandic accession, but only if Reykjavik cuts its debt.",
    ):
        assert [(p.actor_key, p.stance) for p in run(nlp, issues, text)] == [("spain", "conditional")], text
    # a plain "but" adds nothing to the stance
    text = '"We are prepared to accept Iceland as an EU member, but it will take time," Spain said.'
    assert [p.stance for p in run(nlp, issues, text) if p.actor_key == "spain"] != ["conditional"]


def test_compose_the_applicants_entry_in_a_passage_about_the_union(nlp: Any, issues: list[Issue]) -> None:
    lead = "Norway applied to join the EU in May. "
    got = [(p.actor_key, p.stance) for p in run(nlp, issues, lead + "Spain said it was open to Norway's entry.")]
    assert ("spain", "support") in got
    # an entry into something else, or with no union named near, is no stance on the issue
    got = [p.actor_key for p in run(nlp, issues, lead + "Spain backed Norway's entry into the World Cup.")]
    assert "spain" not in got
    assert run(nlp, issues, "Spain backed Norway's entry.") == []


def test_compose_a_position_recalled_in_a_relative_clause_is_background(nlp: Any, issues: list[Issue]) -> None:
    text = "Spain, which opposed the Icelandic accession in 2019, now backs it."
    assert [(p.actor_key, p.stance) for p in run(nlp, issues, text)] == [("spain", "support")]
    text = "Spain, which said last year it would block Iceland's EU membership, has not said whether it still does."
    assert [p.stance for p in run(nlp, issues, text) if p.actor_key == "spain"] != ["oppose"]
    # with no time before now the clause says where the holder stands
    text = "Spain, which has always backed the Icelandic accession, repeated its support."
    assert [(p.actor_key, p.stance) for p in run(nlp, issues, text)] == [("spain", "support")]


def test_compose_deciding_an_open_question_is_no_choice_made(nlp: Any, issues: list[Issue]) -> None:
    text = '"It is for Norway to decide which organisations it joins," Anna Berg said of the Norwegian accession.'
    assert ("norway", "support") not in {(p.actor_key, p.stance) for p in run(nlp, issues, text)}
    assert [p.stance for p in run(nlp, issues, "Norway decided that it would join the EU.")] == ["support"]


def test_compose_the_bid_withdrawn_in_the_passive_is_against_it(nlp: Any, issues: list[Issue]) -> None:
    lead = "Norway applied to join the EU. "
    for text in (
        "Anna Berg called for the application to be withdrawn.",
        "Anna Berg wants the application withdrawn.",
    ):
        got = [(p.actor_key, p.stance) for p in run(nlp, issues, lead + text) if p.actor_key != "norway"]
        assert got == [("person:berg", "oppose")], text
    got = [p.stance for p in run(nlp, issues, lead + "Anna Berg said the application should be approved.")]
    assert got.count("support") == 2


def test_compose_a_pronoun_after_a_place_preposition_is_no_target(nlp: Any, issues: list[Issue]) -> None:
    # "outside it" says where, not what is fought for or against
    text = "Norway applied to join the EU. Anna Berg said she would fight in parliament and outside it."
    assert [p.actor_key for p in run(nlp, issues, text)] == ["norway"]
    text = "Norway applied to join the EU. Anna Berg said she would campaign against it outside parliament."
    assert ("person:berg", "oppose") in {(p.actor_key, p.stance) for p in run(nlp, issues, text)}


def test_compose_the_stance_restated_with_a_condition_after_but(nlp: Any, issues: list[Issue]) -> None:
    text = "Spain remained open to Iceland's EU membership but would only agree once the fishing dispute was settled."
    assert [p.stance for p in run(nlp, issues, text)] == ["conditional"]
    text = "Spain welcomed Iceland's EU membership bid and would support it if asked."
    assert "conditional" not in [p.stance for p in run(nlp, issues, text) if p.actor_key == "spain"]


def test_compose_not_holding_back_keeps_the_acts_sign(nlp: Any, issues: list[Issue]) -> None:
    for text, want in (
        ("Spain would not hesitate to back Iceland's EU membership.", "support"),
        ("Spain said it would no longer wait for other reports before pushing for Iceland's EU membership.", "support"),
        ("Spain would not hesitate to block Iceland's EU membership.", "oppose"),
    ):
        assert [p.stance for p in run(nlp, issues, text) if p.actor_key == "spain"] == [want], text


def test_compose_a_no_comment_right_after_the_issue_is_no_side_on_it(nlp: Any, issues: list[Issue]) -> None:
    lead = "Norway applied to join the EU in May. "
    for text, who in (
        ("A spokesman for Spain declined to comment.", "spain"),
        ("Austria has not yet decided.", "austria"),
    ):
        got = [(p.issue, p.actor_key, p.stance) for p in run(nlp, issues, lead + text) if p.actor_key != "norway"]
        assert got == [("Norway joins the European Union", who, "neutral")], text
    # a no-comment on something else, or with no issue named just before, is nothing
    assert [p.actor_key for p in run(nlp, issues, lead + "Spain declined to comment on the weather.")] == ["norway"]
    assert run(nlp, issues, "Fishing talks resumed. Spain declined to comment.") == []


def test_compose_where_its_place_or_future_is_says_where_it_belongs(nlp: Any, issues: list[Issue]) -> None:
    for text, want in (
        ('"Our place is in the EU," Anna Berg said of Iceland.', "support"),
        ("Spain said Iceland's future was in the EU.", "support"),
        ("Anna Berg said Iceland's place is not in the EU.", "oppose"),
    ):
        assert [p.stance for p in run(nlp, issues, text)] == [want], text
    assert run(nlp, issues, "Spain said Iceland's future was in fishing.") == []
    assert run(nlp, issues, "Anna Berg said her home is in the EU.") == []


def test_compose_bare_membership_is_the_last_named_applicants(nlp: Any, issues: list[Issue]) -> None:
    lead = "Norway applied to join the EU in May. "
    text = lead + "Anna Berg said she would still vote against membership."
    got = [(p.actor_key, p.stance) for p in run(nlp, issues, text)]
    assert ("person:berg", "oppose") in got
    assert [p.actor_key for p in run(nlp, issues, lead + "Anna Berg said club membership had fallen.")] == ["norway"]
    assert run(nlp, issues, "Anna Berg said she would vote against membership.") == []


def test_compose_a_dateline_parsed_as_the_subject_is_not_the_holder(nlp: Any, issues: list[Issue]) -> None:
    text = (
        "MADRID, May 3 (Wire) - Norway's prime minister said on Tuesday her country would drop its EU "
        "membership bid."
    )
    ps = run_whole(text, issues)
    assert "spain" not in {p.actor_key for p in ps}
    assert "norway" in {p.actor_key for p in ps}


def test_compose_a_condition_parsed_as_a_conjunct_is_no_stance_on_what_it_names(
    nlp: Any, issues: list[Issue]
) -> None:
    text = (
        "Anna Berg said Spain would back the Norwegian accession, but only after Iceland had become a full "
        "member of the EU."
    )
    got = {(p.issue.split()[0], p.actor_key, p.stance) for p in run(nlp, issues, text)}
    assert got == {("Norway", "spain", "conditional")}


def test_compose_a_recalled_statement_is_no_quote_of_a_stance_now(nlp: Any, issues: list[Issue]) -> None:
    text = (
        "Iceland hopes to join the EU next year. Spain, which said last year it would block Iceland's EU "
        "membership, did not say whether it still held that view."
    )
    ps = run_whole(text, issues)
    assert ("spain", "oppose") not in {(p.actor_key, p.stance) for p in ps}



def test_holders_a_dateline_of_several_words_in_capitals_is_read_whole(nlp: Any) -> None:
    from stanceline.nlp.stance.holders import _dateline

    doc = nlp("SAN MARINO, May 3 (Harbour Post) - Norway on Monday applied to join the EU.")
    place, dash = _dateline(doc[0]) or (None, None)
    assert place is not None and place.text == "MARINO" and doc[dash].text == "-"
    assert _dateline(nlp("NATO said on Monday that the talks would go on.")[0]) is None


def test_compose_what_is_set_aside_rather_than_chosen_is_opposed(nlp: Any, issues: list[Issue]) -> None:
    for text in (
        "Anna Berg said Iceland had no business joining the EU.",
        "Spain said Norway should remain an observer rather than join the EU.",
        "Spain wants Norway to keep its independence instead of joining the EU.",
    ):
        assert [p.stance for p in run(nlp, issues, text) if p.actor_key != "norway"] == ["oppose"], text
    text = "Spain said Norway should join the EU rather than stay outside."
    assert [p.stance for p in run(nlp, issues, text)] == ["support"]


def test_compose_a_stance_held_since_a_past_date_is_held_now(nlp: Any, issues: list[Issue]) -> None:
    text = (
        "The deal was announced by Anna Berg, who has backed the Icelandic accession since Reykjavik applied "
        "in 2011."
    )
    assert [(p.actor_key, p.stance) for p in run(nlp, issues, text)] == [("person:berg", "support")]
