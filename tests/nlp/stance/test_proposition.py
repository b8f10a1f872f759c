"""Issues read as propositions, and the roles of their terms, from issue files written for the test."""

from __future__ import annotations

import pytest

from stanceline.nlp.issues import parse_issues
from stanceline.nlp.stance.proposition import read_proposition


def _prop(name: str, description: str = "", terms: list[str] | None = None):  # type: ignore[no-untyped-def]
    issue = parse_issues({"issues": [{"name": name, "description": description, "terms": terms or [name]}]})[0]
    return read_proposition(issue)


@pytest.mark.parametrize(
    ("name", "subject", "change", "obj"),
    [
        ("Iceland joins the European Union", "Iceland", "enter", "European Union"),
        ("Scotland leaves the United Kingdom", "Scotland", "exit", "United Kingdom"),
        ("Canada stays in the Paris climate agreement", "Canada", "stay", "Paris climate agreement"),
        ("Serbia becomes a member of the EU", "Serbia", "enter", "EU"),
        ("Norway's EU membership", "Norway", "enter", "EU"),
    ],
)
def test_proposition_reads_the_name(name: str, subject: str, change: str, obj: str) -> None:
    p = read_proposition(parse_issues({"issues": [{"name": name, "terms": ["x"]}]})[0])
    assert (p.subject, p.change, p.object) == (subject, change, obj)


def test_proposition_falls_back_to_the_description() -> None:
    p = _prop("Grexit", "Whether Greece leaves the euro area, 2011-2015.", ["Grexit"])
    assert (p.subject, p.change, p.object) == ("Greece", "exit", "euro area")


def test_proposition_term_roles_and_signs() -> None:
    p = _prop(
        "Scotland leaves the United Kingdom",
        "Whether Scotland leaves the UK (Scexit).",
        [
            "Scexit",
            "leave the UK",
            "remain in the UK",
            "Remain",
            "second referendum",
            "separation treaty",
            "currency union",
            "border checks",
        ],
    )
    roles = {r.term: (r.role, r.sign) for r in p.terms}
    assert roles["Scexit"] == ("predicate", 1)  # a coined "-exit" noun names the leaving
    assert roles["leave the UK"] == ("predicate", 1)
    assert roles["remain in the UK"] == ("predicate", -1)
    assert roles["Remain"] == ("predicate", -1)
    assert roles["second referendum"][0] == "revote"
    assert roles["currency union"][0] == "topic"


def test_proposition_instrument_of_joining_is_a_part_of_leaving_a_topic() -> None:
    joining = _prop("Iceland joins the EU", terms=["accession treaty", "veto", "candidate status"])
    roles = {r.term: r.role for r in joining.terms}
    assert roles == {"accession treaty": "part", "veto": "obstacle", "candidate status": "predicate"}
    leaving = _prop("Scotland leaves the UK", terms=["withdrawal agreement"])
    assert leaving.terms[0].role == "topic"


def test_proposition_agreement_object_and_its_names() -> None:
    p = _prop(
        "Canada stays in the Paris climate agreement",
        "Whether Canada remains a party to the Paris Climate Agreement (PCA).",
        ["Paris agreement", "climate accord", "PCA", "pull out", "rejoin"],
    )
    roles = {r.term: (r.role, r.sign) for r in p.terms}
    assert p.object_is_deal
    assert roles["climate accord"] == ("object", 1)
    assert roles["PCA"] == ("object", 1)
    assert roles["pull out"] == ("predicate", -1)
    assert roles["rejoin"] == ("predicate", 1)


@pytest.mark.parametrize(
    ("name", "subject", "act", "obj", "sign"),
    [
        ("The city council builds the harbour bridge", "city council", "build", "harbour bridge", 1),
        ("Chile ratifies the ocean treaty", "Chile", "ratify", "ocean treaty", 1),
        ("The European Union bans neonicotinoids", "European Union", "ban", "neonicotinoids", -1),
        ("Whether Kenya abolishes the death penalty, and when", "Kenya", "abolish", "death penalty", -1),
    ],
)
def test_proposition_reads_an_act(name: str, subject: str, act: str, obj: str, sign: int) -> None:
    p = read_proposition(parse_issues({"issues": [{"name": name, "terms": ["x"]}]})[0])
    assert (p.subject, p.change, p.act, p.object, p.act_sign) == (subject, None, act, obj, sign)
    assert p.object_is_deal and p.base_sign() == sign


def test_proposition_act_terms_name_the_act_or_its_object() -> None:
    p = _prop(
        "The European Union bans neonicotinoids",
        terms=["neonicotinoids", "neonicotinoid ban", "ban on neonicotinoids", "banning", "bee deaths"],
    )
    roles = {t.term: (t.role, t.sign) for t in p.terms}
    assert roles["neonicotinoids"] == ("object", -1)  # for the pesticide is against banning it
    assert roles["neonicotinoid ban"] == ("predicate", 1)
    assert roles["ban on neonicotinoids"] == ("predicate", 1)
    assert roles["banning"] == ("predicate", 1)
    assert roles["bee deaths"] == ("topic", 0)


def test_proposition_one_word_name_of_an_area_is_the_object() -> None:
    p = _prop("Iceland joins the Schengen area", terms=["Schengenland", "Schengen zone", "border checks"])
    roles = {t.term: t.role for t in p.terms}
    assert roles["Schengenland"] == "object"
    assert roles["border checks"] == "topic"


def test_proposition_a_term_of_adopting_the_objects_own_thing_names_joining() -> None:
    p = _prop("Denmark joins the euro area", terms=["adopt the euro", "euro adoption", "euro coins"])
    roles = {t.term: (t.role, t.sign) for t in p.terms}
    assert roles["adopt the euro"] == ("predicate", 1)
    assert roles["euro adoption"] == ("predicate", 1)
    assert roles["euro coins"][0] != "predicate"


def test_proposition_act_object_ends_before_its_adjunct() -> None:
    # "from its pavements" says where the act applies; the object is what is banned
    p = _prop("Vienna bans scooters from its pavements", "", ["scooter ban"])
    assert (p.subject, p.act, p.object) == ("Vienna", "ban", "scooters")
    assert "scooter" in p.object_words  # one scooter names the object too ("a scooter ban")


def test_proposition_other_names_of_the_act_are_predicates() -> None:
    p = _prop("Hafenbank acquires Lindbank", "", ["takeover", "merger", "buyout", "Lindbank"])
    roles = {t.term: (t.role, t.sign) for t in p.terms}
    assert roles["takeover"] == roles["merger"] == roles["buyout"] == ("predicate", 1)


def test_proposition_free_of_the_object_is_what_a_ban_brings_about() -> None:
    p = _prop("Vienna bans scooters from its pavements", "", ["scooter-free pavements"])
    assert {t.term: (t.role, t.sign) for t in p.terms}["scooter-free pavements"] == ("predicate", 1)


def test_proposition_other_name_of_the_object_in_parentheses() -> None:
    p = _prop("Peru legalises cannabis", "Whether Peru makes cannabis (marijuana) legal.", ["marijuana"])
    assert {t.term: t.role for t in p.terms}["marijuana"] == "object"


def test_proposition_a_demonym_the_alias_table_lacks_names_the_subject() -> None:
    p = _prop("Argentina joins the OECD", "", ["OECD membership"])
    assert p.names_subject("Argentine") and not p.names_subject("Argentinosaurus")
    q = _prop("Indonesia joins the OECD", "", ["OECD membership"])
    assert q.names_subject("Indonesian") and not q.names_subject("Argentine")


def test_proposition_the_value_a_quantity_is_set_to_is_not_its_object() -> None:
    p = _prop("Denmark lowers the voting age to 16", "", ["voting age"])
    assert (p.act, p.object, p.object_head) == ("lower", "voting age", "age")
    p = _prop("Chile cuts the income tax by 5 percent", "", ["income tax"])
    assert p.object == "income tax"


def test_proposition_lifting_a_thing_is_an_act_against_it() -> None:
    p = _prop("Canada lifts its embargo on Cuba", "", ["embargo on Cuba", "easing of the embargo", "lift the embargo"])
    roles = {t.term: (t.role, t.sign) for t in p.terms}
    assert p.act_sign == -1
    assert roles["embargo on Cuba"] == ("object", -1)  # being for the embargo is being against lifting it
    assert roles["easing of the embargo"] == roles["lift the embargo"] == ("predicate", 1)


def test_proposition_a_measure_named_by_its_field_names_the_act() -> None:
    p = _prop("Denmark lowers the voting age to 16", "", ["electoral reform", "voting bill"])
    roles = {t.term: (t.role, t.sign) for t in p.terms}
    assert roles["electoral reform"] == ("predicate", 1)
    assert roles["voting bill"][1] == 1


def test_proposition_an_acronym_spelled_out_in_the_description_names_the_object() -> None:
    def keys(name: str, description: str) -> frozenset[str]:
        (issue,) = parse_issues({"issues": [{"name": name, "description": description, "terms": ["join"]}]})
        return read_proposition(issue).object_keys

    # initials, with a letter more from a word ("SouthEast"), spell it; no parentheses needed
    assert "pacific islands trade area" in keys(
        "Fiji joins PITA", "Whether Fiji becomes a member of the Pacific Islands Trade Area, from 2030."
    )
    assert "association of southern european nations" in keys(
        "Malta joins ASEN", "Whether Malta joins the Association of Southern European\nNations."
    )
    # a name that does not spell it is some other body
    assert keys("Fiji joins PITA", "Whether Fiji becomes a member while the Pacific Forum watches.") == frozenset(
        {"pita"}
    )
