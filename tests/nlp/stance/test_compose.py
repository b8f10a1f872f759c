"""Stance composition, one rule class per test, on two issues that share their object (a made-up
accession debate: Iceland and Norway each applying to join the EU). Every sentence is written for
the test."""

from __future__ import annotations

from typing import Any

import pytest
from stance_mentions import hand_mentions

from stanceline.model import Issue, Position
from stanceline.nlp.issues import parse_issues
from stanceline.nlp.stance.extract import extract_positions

ACTORS = {
    "Iceland": ("iceland", "GPE"),
    "Icelandic": ("iceland", "NORP"),
    "Norway": ("norway", "GPE"),
    "Norwegian": ("norway", "NORP"),
    "Hungary": ("hungary", "GPE"),
    "Spain": ("spain", "GPE"),
    "Austria": ("austria", "GPE"),
    "France": ("france", "GPE"),
    "Denmark": ("denmark", "GPE"),
    "Poland": ("poland", "GPE"),
    "Cyprus": ("cyprus", "GPE"),
    "Malta": ("malta", "GPE"),
    "Italy": ("italy", "GPE"),
    "Portugal": ("portugal", "GPE"),
    "Greek": ("greece", "NORP"),
    "Irish": ("ireland", "NORP"),
    "Finnish": ("finland", "NORP"),
    "Dutch": ("netherlands", "NORP"),
    "EU": ("european-union", "ORG"),
    "European Union": ("european-union", "ORG"),
    "Anna Berg": ("person:berg", "PERSON"),
    "Berg": ("person:berg", "PERSON"),
    "Oslo": ("oslo", "GPE"),
    "FIFA": ("fifa", "ORG"),
    "Free Democrats": ("free-democrats", "NORP"),
    "Senate": ("senate", "ORG"),
}


def run(nlp: Any, issues: list[Issue], text: str) -> list[Position]:
    ps = extract_positions(
        doc_id="d",
        text=text,
        spacy_doc=nlp(text),
        mentions=hand_mentions(text, ACTORS),
        quotes=[],
        issues=issues,
        date="2031-03-02",
    )
    for p in ps:
        assert text[p.start : p.end] == p.evidence
    return ps


def stance(ps: list[Position], key: str, country: str) -> str | None:
    found = [p.stance for p in ps if p.actor_key == key and p.issue.startswith(country)]
    assert len(set(found)) <= 1, found
    return found[0] if found else None


@pytest.mark.parametrize(
    ("text", "holder", "country", "want"),
    [
        # removing an obstacle is support (against x against)
        ("Hungary lifted its objection to Iceland's EU membership on Monday.", "hungary", "Iceland", "support"),
        ("Poland dropped its veto on Icelandic EU accession after a fisheries deal.", "poland", "Iceland", "support"),
        ("Cyprus threatened to block Norway's EU membership bid.", "cyprus", "Norway", "oppose"),
        # ratifying or forwarding the instrument of joining supports it
        ("Spain agreed to forward Norway's accession treaty to the EU parliament.", "spain", "Norway", "support"),
        # the act of joining named by the body that admits
        ("Austria slammed the EU decision to admit Norway.", "austria", "Norway", "oppose"),
        # approval on terms
        (
            "France will approve Iceland's EU bid in return for concessions on fishing quotas.",
            "france",
            "Iceland",
            "conditional",
        ),
        # a refusal with "cannot": the holder will not, not could not
        ("Anna Berg said Denmark cannot accept Norway's EU membership bid.", "denmark", "Norway", "oppose"),
        ("Poland said it could not back Iceland's accession treaty.", "poland", "Iceland", "oppose"),
        ("Portugal said the union could not afford to admit Iceland this decade.", "portugal", "Iceland", "oppose"),
        # what the proposition would bring about, named by an adjective
        ('"Joining the EU would make Norway stronger," Anna Berg said.', "person:berg", "Norway", "support"),
        ('"EU membership would leave Iceland vulnerable," Anna Berg said.', "person:berg", "Iceland", "oppose"),
        (
            "Anna Berg said EU membership would force Iceland to give up its fishing rights.",
            "person:berg",
            "Iceland",
            "oppose",
        ),
        # no position: undecided, deferring, abstaining
        (
            "The Irish government has not decided whether to back Norway's EU application.",
            "ireland",
            "Norway",
            "neutral",
        ),
        (
            "Denmark said it will respect whatever the Norwegian parliament decides on EU membership.",
            "denmark",
            "Norway",
            "neutral",
        ),
        (
            "Malta left the room when EU ministers voted to open accession talks with Iceland.",
            "malta",
            "Iceland",
            "neutral",
        ),
        # a denied prediction said of the proposition
        (
            'Asked about Iceland joining the EU, the Greek prime minister said: "That is not going to happen."',
            "greece",
            "Iceland",
            "oppose",
        ),
        # the subject not ready: a judgement of when
        (
            "The Finnish president warned that Iceland was not ready for EU membership.",
            "finland",
            "Iceland",
            "conditional",
        ),
        # time distance
        ("Portugal said Norway's accession to the EU would take decades.", "portugal", "Norway", "conditional"),
        # "no longer" negates the obstacle
        ("Austria said it would no longer block Norway's EU membership bid.", "austria", "Norway", "support"),
        # the parser hangs "to X" on the verb that removes the objection
        ("Italy withdrew its objections to Icelandic accession last week.", "italy", "Iceland", "support"),
        # a received attitude: its giver holds it
        ("Iceland's EU membership bid won the backing of Denmark on Friday.", "denmark", "Iceland", "support"),
        # not having taken a position, declining to say: no position yet
        ("Poland said it had not taken a position on Icelandic accession.", "poland", "Iceland", "neutral"),
        (
            "France declined to say whether it would support Norway's EU membership bid.",
            "france",
            "Norway",
            "neutral",
        ),
        # a decision noun completed by an infinitive the parser reads as a purpose clause
        ("Cyprus condemned the vote to admit Iceland to the EU, calling it hasty.", "cyprus", "Iceland", "oppose"),
        # a surname in -s is one person's name, whatever its tag
        ("Finance minister Anna Berg denounced Iceland's EU membership bid.", "person:berg", "Iceland", "oppose"),
        # still undecided, yet to take a position: no position yet
        ("Italy said it was still undecided on Icelandic accession.", "italy", "Iceland", "neutral"),
        ("Portugal has yet to take a position on Norway's EU membership bid.", "portugal", "Norway", "neutral"),
        # a condition the parser hangs on the object
        (
            "Spain said it would back Norway's EU membership bid only once the fisheries dispute is settled.",
            "spain",
            "Norway",
            "conditional",
        ),
    ],
)

def test_compose_rule_classes(nlp: Any, issues: list[Issue], text: str, holder: str, country: str, want: str) -> None:
    assert stance(run(nlp, issues, text), holder, country) == want


def test_compose_who_reports_another_speakers_warning_does_not_hold_it(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Berg said Denmark had warned her that Iceland's EU membership bid would fail.")
    assert stance(ps, "denmark", "Iceland") == "oppose"
    assert stance(ps, "person:berg", "Iceland") is None


def test_compose_co_applicants_want_their_own_joining(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Iceland and Malta applied to join the EU in the same week.")
    assert stance(ps, "iceland", "Iceland") == "support"
    assert stance(ps, "malta", "Iceland") is None


def test_compose_one_sentence_two_issues(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Italy backs the EU membership bids of both Iceland and Norway.")
    assert stance(ps, "italy", "Iceland") == "support"
    assert stance(ps, "italy", "Norway") == "support"
    ps = run(nlp, issues, "The Dutch parliament ratified the EU accession treaties of Iceland and Norway.")
    assert {p.issue for p in ps if p.actor_key.endswith("netherlands")} == {
        "Iceland joins the European Union",
        "Norway joins the European Union",
    }


def test_compose_a_sentence_about_one_subject_is_not_the_others(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Cyprus threatened to block Norway's EU membership bid.")
    assert not [p for p in ps if p.issue.startswith("Iceland")]


def test_compose_not_standing_in_the_way_is_weak_support(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Malta will not stand in the way of Iceland joining the EU.")
    p = next(p for p in ps if p.actor_key == "malta")
    firm = next(p for p in run(nlp, issues, "Malta supports Iceland joining the EU.") if p.actor_key == "malta")
    assert p.stance == "support" and p.confidence < firm.confidence


def test_compose_obligation_is_the_speakers_stance(nlp: Any, issues: list[Issue]) -> None:
    # "X should ..." said by S: S asks it of X; X's own stance is not stated
    ps = run(nlp, issues, "Anna Berg said Norway should join the EU without delay.")
    assert stance(ps, "person:berg", "Norway") == "support"
    assert stance(ps, "norway", "Norway") is None


def test_compose_hypothetical_condition_is_nobodys_stance(nlp: Any, issues: list[Issue]) -> None:
    # what the condition's subject would do is not its position
    ps = run(nlp, issues, "If Hungary blocks Iceland's EU membership bid, talks will stall.")
    assert stance(ps, "hungary", "Iceland") is None


def test_compose_conditional_commitment(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Anna Berg said Oslo would join the EU if fishing rights are guaranteed.")
    assert stance(ps, "person:berg", "Norway") == "conditional"


def test_compose_a_mention_as_a_point_in_time_is_no_target(nlp: Any, issues: list[Issue]) -> None:
    assert run(nlp, issues, "Spain raised tariffs after Iceland's EU accession.") == []


def test_compose_no_cue_no_position(nlp: Any, issues: list[Issue]) -> None:
    # the issue named near an actor, with no word taking a side: no row, not a "neutral" one
    assert run(nlp, issues, "Austria discussed Norway's EU membership bid on Tuesday.") == []


def test_compose_the_doer_of_the_act_is_not_the_act(nlp: Any) -> None:
    cup = parse_issues(
        {"issues": [{"name": "Lyon hosts the World Cup", "description": "Whether Lyon hosts the World Cup.",
                     "terms": ["World Cup"]}]}
    )
    # choosing or praising who does it takes no side on it being done
    assert run(nlp, cup, "FIFA will pick the host of the World Cup next year.") == []
    assert run(nlp, cup, "FIFA praised the hosts of the World Cup.") == []
    # the act itself still does
    ps = run(nlp, cup, "FIFA backed the hosting of the World Cup by Lyon.")
    assert [p.stance for p in ps if p.actor_key == "fifa"] == ["support"]


def _one_issue(name: str, description: str, terms: list[str]) -> list[Issue]:
    return parse_issues({"issues": [{"name": name, "description": description, "terms": terms}]})


def test_compose_a_body_named_by_whom_it_gathers_holds_its_stance(nlp: Any) -> None:
    bank = _one_issue("Hafenbank acquires Lindbank", "Whether Hafenbank takes over Lindbank.", ["takeover of Lindbank"])
    ps = run(nlp, bank, "The bank clerks' union opposes the takeover of Lindbank.")
    assert [(p.actor, p.stance) for p in ps] == [("bank clerks union", "oppose")]


def test_compose_a_party_named_by_its_members_is_an_actor(nlp: Any) -> None:
    bank = _one_issue("Hafenbank acquires Lindbank", "Whether Hafenbank takes over Lindbank.", ["takeover of Lindbank"])
    ps = run(nlp, bank, "The Free Democrats back the takeover of Lindbank.")
    assert [(p.actor, p.stance) for p in ps] == [("Free Democrats", "support")]


def test_compose_passing_a_bill_approves_it(nlp: Any) -> None:
    weed = _one_issue("Peru legalises cannabis", "Whether Peru makes cannabis legal.", ["cannabis bill"])
    ps = run(nlp, weed, "The Senate passed the cannabis bill on Friday.")
    assert [(p.actor_key, p.stance) for p in ps] == [("senate", "support")]


def test_compose_the_acts_other_name_in_a_passage_on_its_object(nlp: Any) -> None:
    bank = _one_issue("Hafenbank acquires Lindbank", "Whether Hafenbank takes over Lindbank.", ["merger"])
    ps = run(nlp, bank, "Lindbank shares fell on Monday. Anna Berg said she backed the merger.")
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", "support")]


def test_compose_two_cities_one_act_the_named_city_takes_it(nlp: Any) -> None:
    cities = parse_issues({"issues": [
        {"name": f"{c} bans scooters from its pavements", "description": "", "terms": ["scooter ban", "ban scooters"]}
        for c in ("Vienna", "Graz")
    ]})
    ps = run(nlp, cities, "Anna Berg said Graz should never have banned scooters from its pavements.")
    assert {p.issue for p in ps if p.actor_key == "person:berg"} == {"Graz bans scooters from its pavements"}


def _scooters() -> list[Issue]:
    return _one_issue("Vienna bans scooters from its pavements", "", ["scooter ban", "ban scooters"])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # what the act would do, said with a verb of damage
        ("Anna Berg said a scooter ban would hit delivery firms hard.", "oppose"),
        ("Anna Berg said a scooter ban would kill the city's rental start-ups.", "oppose"),
        # an excess: "too far", "too costly"
        ("Anna Berg said Vienna's scooter ban went too far.", "oppose"),
        # proceeding with it
        ("Anna Berg went ahead with the scooter ban despite the protests.", "support"),
    ],
)
def test_compose_effects_excess_and_proceeding(nlp: Any, text: str, want: str) -> None:
    ps = run(nlp, _scooters(), text)
    assert [p.stance for p in ps if p.actor_key == "person:berg"] == [want]


def test_compose_too_soon_is_no_excess(nlp: Any) -> None:
    ps = run(nlp, _scooters(), "Anna Berg said the scooter ban came too soon.")
    assert "oppose" not in [p.stance for p in ps if p.actor_key == "person:berg"]


def test_compose_the_acts_own_noun_needs_no_object_beside_it(nlp: Any) -> None:
    bank = _one_issue("Hafenbank acquires Lindbank", "Whether Hafenbank takes over Lindbank.", ["takeover"])
    ps = run(nlp, bank, "Anna Berg opposes the takeover.")
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", "oppose")]


def _two_cities() -> list[Issue]:
    return parse_issues({"issues": [
        {"name": f"{c} bans scooters from its pavements", "description": "", "terms": ["scooter ban", "ban scooters"]}
        for c in ("Vienna", "Graz")
    ]})


def test_compose_a_capital_that_is_the_issues_subject_acts_for_itself(nlp: Any) -> None:
    ps = run(nlp, _scooters(), "Vienna will go ahead with the scooter ban next spring.")
    assert {(p.actor, p.stance) for p in ps} == {("Vienna", "support")}


def test_compose_an_owner_naming_the_other_city_keeps_the_target_off_this_issue(nlp: Any) -> None:
    # whatever the entity tagger made of the name (here a person), it names the other issue's subject
    text = "Anna Berg welcomed Graz's scooter ban but said Vienna's plan to ban scooters went too far."
    ps = extract_positions(
        doc_id="d", text=text, spacy_doc=nlp(text), quotes=[], issues=_two_cities(), date="2031-03-02",
        mentions=hand_mentions(
            text, {**ACTORS, "Graz": ("person:graz", "PERSON"), "Vienna": ("person:vienna", "PERSON")}
        ),
    )
    assert {(p.issue.split()[0], p.stance) for p in ps if p.actor_key == "person:berg"} == {
        ("Graz", "support"),
        ("Vienna", "oppose"),
    }


def test_compose_a_comparative_state_it_brings_about(nlp: Any) -> None:
    ps = run(nlp, _scooters(), "Anna Berg said the scooter ban would make the pavements cleaner and healthier.")
    assert [p.stance for p in ps if p.actor_key == "person:berg"] == ["support"]


def test_compose_waiting_before_taking_a_position_is_none_yet(nlp: Any) -> None:
    text = "Anna Berg said she would wait for the traffic study before taking a position on the scooter ban."
    ps = run(nlp, _scooters(), text)
    assert [p.stance for p in ps if p.actor_key == "person:berg"] == ["neutral"]


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg said it was not for the federal government to decide on the scooter ban.",
        "Anna Berg said it was up to the city's voters to decide on the scooter ban.",
    ],
)
def test_compose_leaving_the_decision_to_others_is_no_side(nlp: Any, text: str) -> None:
    ps = run(nlp, _scooters(), text)
    assert [p.stance for p in ps if p.actor_key == "person:berg"] == ["neutral"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Austria warned of retaliation if Norway joined the EU.", "Norway"),
        ("Austria threatened consequences if Iceland joined the EU.", "Iceland"),
        ("Austria said it would retaliate if Norway joined the EU.", "Norway"),
        ("Austria said Iceland's EU membership would be met with a firm response.", "Iceland"),
    ],
)
def test_compose_threatening_a_hostile_answer_opposes(nlp: Any, issues: list[Issue], text: str, country: str) -> None:
    assert stance(run(nlp, issues, text), "austria", country) == "oppose"


def test_compose_a_friendly_answer_is_no_threat(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Austria said it would respond positively if Norway joined the EU.")
    assert stance(ps, "austria", "Norway") != "oppose"


@pytest.mark.parametrize(
    ("text", "country", "want"),
    [
        # the copula's negation is read once ("never become a member" denies it, twice would back it)
        ("Anna Berg said Iceland would never become a member of the EU.", "Iceland", "oppose"),
        # a modal "be a member" says what will become of it
        ("Anna Berg said Norway will never be a member of the EU.", "Norway", "oppose"),
        # where it rightly belongs
        ("Anna Berg said Iceland belongs in the EU.", "Iceland", "support"),
        # no decision taken, in the passive
        ("Anna Berg said no decision on Norway's EU membership had been taken yet.", "Norway", "neutral"),
    ],
)
def test_compose_membership_as_a_state_and_decisions_not_taken(
    nlp: Any, issues: list[Issue], text: str, country: str, want: str
) -> None:
    assert stance(run(nlp, issues, text), "person:berg", country) == want


def test_compose_a_bare_is_a_member_is_a_fact_not_a_stance(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Anna Berg said Iceland is not a member of the EU.")
    assert stance(ps, "person:berg", "Iceland") is None


@pytest.mark.parametrize(
    "text",
    [
        # the parser may make the first owner the phrase's head and the noun its conjunct
        "Austria rejected both the Icelandic and the Norwegian EU membership bids.",
        "Austria said it would block Iceland's and Norway's EU membership bids.",
    ],
)
def test_compose_two_owners_of_one_noun_each_get_the_stance(nlp: Any, issues: list[Issue], text: str) -> None:
    ps = run(nlp, issues, text)
    assert (stance(ps, "austria", "Iceland"), stance(ps, "austria", "Norway")) == ("oppose", "oppose")


def test_compose_calling_on_others_to_act_asks_for_the_act(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Anna Berg called on EU leaders to admit Norway without delay.")
    assert stance(ps, "person:berg", "Norway") == "support"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # putting the decision off holds it back for now
        ("Austria delayed the vote on Norway's EU membership until after the summer.", "conditional"),
        ("Austria postponed the ratification of Norway's accession treaty.", "conditional"),
        # the answer given to it
        ("\"We will not say yes to Norway's EU membership bid,\" Austria said.", "oppose"),
    ],
)
def test_compose_delaying_the_decision_and_answering_it(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    assert stance(run(nlp, issues, text), "austria", "Norway") == want


def _run_with(nlp: Any, issues: list[Issue], text: str, extra: dict[str, tuple[str, str]]) -> list[Position]:
    return extract_positions(
        doc_id="d", text=text, spacy_doc=nlp(text), quotes=[], issues=issues, date="2031-03-02",
        mentions=hand_mentions(text, {**ACTORS, **extra}),
    )


def test_compose_a_state_is_displayed_by_its_name_not_its_peoples(nlp: Any, issues: list[Issue]) -> None:
    text = "Turkey will back Norway's EU bid, a Turkish diplomat told reporters."
    ps = _run_with(nlp, issues, text, {"Turkey": ("turkey", "GPE"), "Turkish": ("turkey", "NORP")})
    assert {p.actor for p in ps if p.actor_key == "turkey"} == {"Turkey"}


def test_compose_a_spokeswoman_cited_for_her_own_states_act_holds_it(nlp: Any, issues: list[Issue]) -> None:
    text = "Austria will back Norway's EU membership bid, according to Austrian government spokeswoman Anna Berg."
    ps = _run_with(nlp, issues, text, {"Austrian": ("austria", "NORP")})
    assert stance(ps, "person:berg", "Norway") == "support"
    # someone of another side cited for it only reports it
    ps = _run_with(nlp, issues, text.replace("Austrian", "Danish"), {"Danish": ("denmark", "NORP")})
    assert stance(ps, "person:berg", "Norway") is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # no haste: not now
        ("Austria said it was in no hurry to ratify Norway's accession treaty.", "conditional"),
        ("Austria is not in a rush to approve Norway's EU membership bid.", "conditional"),
        # holding it up obstructs it
        ("Austria has held up Norway's EU membership bid for a year.", "oppose"),
    ],
)
def test_compose_no_haste_and_holding_up(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    assert stance(run(nlp, issues, text), "austria", "Norway") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the gerund clause the parser hangs on the verb completes the noun before it
        ("Austria dropped its objection to Norway joining the EU.", "support"),
        # put on terms
        ("Austria made Norway's EU membership conditional on a fisheries deal.", "conditional"),
        # slow to act on it
        ("Austria has dragged its feet on Norway's accession treaty.", "conditional"),
        ("Austria failed to ratify Norway's accession treaty again.", "conditional"),
        # failing to stop it is no delay: the attempt was against it
        ("Austria failed to block Norway's EU membership bid.", "oppose"),
    ],
)
def test_compose_terms_delay_and_gerund_objects(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    assert stance(run(nlp, issues, text), "austria", "Norway") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the copula's negation, reached from its adjective and again on the walk, is read once
        # (never back to support); not ready to back it is not yet: conditional
        ("Austria was not ready to back Norway's EU membership bid.", "conditional"),
        ("Austria said it was not willing to accept Norway's EU membership bid.", "oppose"),
        # made to wait: not now
        ("Austria said Norway's EU membership would have to wait.", "conditional"),
        # adopting the plan for it
        ("Austria adopted a roadmap for Norway's EU accession.", "support"),
    ],
)
def test_compose_negated_copula_waiting_and_adopting(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    assert stance(run(nlp, issues, text), "austria", "Norway") == want


def test_compose_no_problem_with_it_lets_it_pass(nlp: Any, issues: list[Issue]) -> None:
    for text, want in [
        ("Austria has no problem with Norway's EU membership.", "support"),
        ("Austria has a problem with Norway's EU membership.", "oppose"),
    ]:
        assert stance(run(nlp, issues, text), "austria", "Norway") == want


def test_compose_what_it_is_aimed_at_is_no_attitude_to_it(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Anna Berg said Iceland's EU membership would not be aimed at anyone.")
    assert stance(ps, "person:berg", "Iceland") is None


def test_compose_a_capital_of_a_state_stands_for_it(nlp: Any) -> None:
    # the alias table names more states by their capitals and demonyms
    oecd = _one_issue("Indonesia joins the OECD", "Whether Indonesia becomes a member of the OECD.", ["join the OECD"])
    ps = run(nlp, oecd, "Anna Berg said Jakarta would join the OECD only if its export ban could stay.")
    assert stance(ps, "person:berg", "Indonesia") == "conditional"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # real no-position statements
        ("Austria declined to comment on Norway's EU membership bid.", "neutral"),
        ("Austria said it would not take sides on Norway's EU membership bid.", "neutral"),
        ("Austria said Norway's EU membership bid was a matter for Norwegian voters.", "neutral"),
        ("Austria said it respected Norway's decision to apply for EU membership.", "neutral"),
        ("Austria said it would not interfere in Norway's decision to join the EU.", "neutral"),
        # welcoming the decision is no deference
        ("Austria welcomed Norway's decision to join the EU.", "support"),
    ],
)
def test_compose_no_side_taken_and_deference(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    ps = run(nlp, issues, text)
    assert stance(ps, "austria", "Norway") == want
    # the body joined, named as a modifier of the bid, holds nothing
    assert not [p for p in ps if p.actor_key == "european-union"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("\"Our answer to Norway's EU membership bid is no,\" Anna Berg said.", "oppose"),
        ("Anna Berg said her answer to Norway's EU membership bid was yes.", "support"),
    ],
)
def test_compose_the_answer_to_it(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    assert stance(run(nlp, issues, text), "person:berg", "Norway") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a gerund clause the parser hangs on the verb as an adverbial is its object
        ("Austria now supports Norway joining the EU.", "support"),
        ("Anna Berg said Austria now backed Norway joining the EU after a visit by its premier.", "support"),
    ],
)
def test_compose_a_gerund_object_parsed_as_adverbial(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    assert stance(run(nlp, issues, text), "austria", "Norway") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Austria tied its approval of Norway's EU membership bid to a fisheries deal.", "conditional"),
        ("Austria set out conditions for approving Norway's EU membership bid.", "conditional"),
    ],
)
def test_compose_terms_set_for_it(nlp: Any, issues: list[Issue], text: str, want: str) -> None:
    assert stance(run(nlp, issues, text), "austria", "Norway") == want


def test_compose_meeting_the_conditions_sets_none(nlp: Any, issues: list[Issue]) -> None:
    ps = run(nlp, issues, "Norway met the conditions for joining the EU, Anna Berg said.")
    assert stance(ps, "norway", "Norway") != "conditional"


def _embargo() -> list[Issue]:
    return _one_issue(
        "Canada lifts its embargo on Cuba", "Whether Canada lifts its trade embargo on Cuba.",
        ["embargo on Cuba", "easing of the embargo", "lift the embargo"],
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # keeping or extending what the act would undo is against the act
        ("Anna Berg urged Canada to keep its embargo on Cuba.", "oppose"),
        # the act under another verb of its kind, with the place it is done to named on it
        ("Anna Berg welcomed the easing of the embargo on Cuba.", "support"),
        ("Anna Berg said Canada should ease the embargo on Cuba.", "support"),
        # what it would do: strengthening the wrong side
        ("Anna Berg warned that easing the embargo on Cuba would embolden the regime.", "oppose"),
    ],
)
def test_compose_lifting_a_thing_and_its_kind(nlp: Any, text: str, want: str) -> None:
    ps = run(nlp, _embargo(), text)
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", want)]


def test_compose_a_measure_named_by_its_field_is_the_act(nlp: Any) -> None:
    vote = _one_issue("Denmark lowers the voting age to 16", "", ["voting age", "electoral reform"])
    ps = run(nlp, vote, "The Senate voted for the electoral reform on Friday.")
    assert [(p.actor_key, p.stance) for p in ps] == [("senate", "support")]
    # not retreating from it keeps pushing it
    ps = run(nlp, vote, "Anna Berg said the government would not back down on the electoral reform.")
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", "support")]
    ps = run(nlp, vote, "Anna Berg said lowering the voting age to 16 was the only way to engage young people.")
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", "support")]


def test_compose_an_official_announcing_a_states_act_holds_it(nlp: Any) -> None:
    from stanceline.nlp.analysis import analyze_texts

    issues = _embargo()
    text = "Trade Minister Paula Reyes said Ottawa would keep its embargo on Cuba."
    d = next(iter(analyze_texts([("d", text)])))
    ps = extract_positions(doc_id="d", text=text, spacy_doc=d.spacy_doc, mentions=d.mentions, quotes=d.quotes,
                           issues=issues, date=None)
    assert {(p.actor_key, p.stance) for p in ps} == {("person:reyes", "oppose"), ("canada", "oppose")}
    # a report of what the state did stays the state's
    text = "Trade Minister Paula Reyes said Ottawa had kept its embargo on Cuba."
    d = next(iter(analyze_texts([("d", text)])))
    ps = extract_positions(doc_id="d", text=text, spacy_doc=d.spacy_doc, mentions=d.mentions, quotes=d.quotes,
                           issues=issues, date=None)
    assert "person:reyes" not in {p.actor_key for p in ps}


def _bridge() -> list[Issue]:
    return _one_issue("Porto builds a second river bridge", "Whether a second bridge over the river is built.",
                      ["second bridge", "bridge project"])


def test_compose_the_things_head_noun_names_it_beside_its_other_words(nlp: Any) -> None:
    # "the bridge" with the river named beside it, or in a passage about Porto, is the one to build
    ps = run(nlp, _bridge(), "Standing by the river, Anna Berg said she opposed the bridge.")
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", "oppose")]
    # alone, "the bridge" may be any bridge
    assert run(nlp, _bridge(), "Anna Berg said the bridge was closed for repairs.") == []


def test_compose_a_thing_kept_in_place_is_against_lifting_it(nlp: Any) -> None:
    ps = run(nlp, _embargo(), "Anna Berg said the embargo on Cuba would stay in place.")
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", "oppose")]


def test_compose_no_longer_standing_in_its_way_is_an_obstacle_removed(nlp: Any) -> None:
    # a stop is a removal, read as firmly as lifting an objection; a plain "will not block" lets it pass
    stopped = run(nlp, _bridge(), "Anna Berg said she would no longer stand in the way of the second bridge.")
    plain = run(nlp, _bridge(), "Anna Berg said she would not stand in the way of the second bridge.")
    assert [(p.actor_key, p.stance) for p in stopped] == [(p.actor_key, p.stance) for p in plain] == [
        ("person:berg", "support")
    ]
    assert stopped[0].confidence > plain[0].confidence


def test_compose_the_project_points_back_to_the_thing_to_build(nlp: Any) -> None:
    text = "The council debated the second bridge on Monday. Anna Berg said she would fight the project in court."
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", "oppose")]
    # with no such thing named just before, "the project" is some other project
    assert run(nlp, _bridge(), "The council debated taxes on Monday. Anna Berg said she would fight the project.") == []


def test_compose_would_after_a_past_speech_verb_is_a_plan_not_a_wish(nlp: Any, issues: list[Issue]) -> None:
    # "said X would back it" reports "X will back it": a support, not a wish on terms
    for text in (
        "Anna Berg said Spain would support Iceland's EU membership.",
        "Poland told reporters that it would back the Icelandic accession.",
    ):
        assert [p.stance for p in run(nlp, issues, text)] == ["support"], text
    # said outright, or with a condition in the report, "would" stays a wish on terms
    assert [p.stance for p in run(nlp, issues, "Spain would welcome Iceland's EU membership.")] == ["conditional"]
    text = "Spain said it would welcome a Norwegian membership bid if Oslo paid more."
    assert [p.stance for p in run(nlp, issues, text)] == ["conditional"]
    # support limited to some cases or terms is support on terms, "would" or not
    for text in (
        "Spain said it would support the Icelandic accession only for a trial period.",
        "Denmark backs Norway's EU membership only under strict fishing terms.",
    ):
        assert [p.stance for p in run(nlp, issues, text)] == ["conditional"], text
    # the restriction hung on the thing itself: a part of it, on terms
    ps = run(nlp, _bridge(), "Anna Berg said she would support the second bridge only for buses and trams.")
    assert [(p.actor_key, p.stance) for p in ps] == [("person:berg", "conditional")]


def test_compose_not_commenting_on_it_takes_no_side(nlp: Any, issues: list[Issue]) -> None:
    for text in (
        "Austria would not comment on the Icelandic accession talks.",
        "Spain has not commented publicly on the Norwegian accession.",
    ):
        assert [p.stance for p in run(nlp, issues, text) if p.actor_key in {"austria", "spain"}] == ["neutral"], text
    assert run(nlp, issues, "Spain did not comment on the weather.") == []


def test_compose_the_question_left_to_others_takes_no_side(nlp: Any, issues: list[Issue]) -> None:
    # the proposition as the subject of "is for ... to decide" / "is up to ...": no side taken
    for text in (
        '"Whether Iceland joins the EU is for Iceland and the EU members to decide," Anna Berg said.',
        "Anna Berg said Iceland's EU membership was up to the Icelanders.",
        "Spain said the Norwegian accession was up to Norway.",
    ):
        assert [p.stance for p in run(nlp, issues, text) if p.actor_key in {"person:berg", "spain"}] == ["neutral"]
    assert run(nlp, issues, "Anna Berg said Iceland's EU membership was up to date.") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # several bodies or people of one kind, said which, hold as a group
        ("Fishing unions said they would fight the second bridge in court.", [("fishing-unions", "oppose")]),
        ("Western governments have urged the city to build the second bridge.", [("western-governments", "support")]),
        ("Dozens of heritage groups have condemned the second bridge.", [("heritage-groups", "oppose")]),
        ("Residents of Leixoes warned against the second bridge.", [("residents-of-leixoes", "oppose")]),
        # a word that only picks some of a kind names nobody
        ("Other governments said they backed the second bridge.", []),
        # a city's own body is the city's, not its state's
        ("Oslo's municipal council voted against the second bridge.", [("oslo", "oppose")]),
    ],
)
def test_compose_a_group_of_one_kind_holds_as_a_group(nlp: Any, text: str, want: list[tuple[str, str]]) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == want


def test_compose_its_membership_after_a_condition_is_the_conditions_subjects(nlp: Any, issues: list[Issue]) -> None:
    # "will support its membership": the supporter is the verb's subject, not a member; "its" is
    # the applicant named in the condition
    text = '"If Iceland settles the fishing dispute, Spain will support its EU membership," Anna Berg said.'
    assert [(p.issue, p.actor_key, p.stance) for p in run(nlp, issues, text)] == [
        ("Iceland joins the European Union", "spain", "conditional")
    ]


def test_compose_backing_the_applicants_own_choice_sets_no_terms(nlp: Any, issues: list[Issue]) -> None:
    # the condition is the applicant choosing to join: the backing is promised, not on terms
    for text in (
        "If Norway applies for EU membership, Austria will back the bid.",
        "If Iceland decides to join the EU, Spain will be the first to support it.",
    ):
        got = {(p.actor_key, p.stance) for p in run(nlp, issues, text) if p.actor_key in {"austria", "spain"}}
        assert got in ({("austria", "support")}, {("spain", "support")}), text
    # a demand on the applicant stays a condition
    text = "If Norway complies with the fishing rules, Austria will back its EU membership."
    assert [p.stance for p in run(nlp, issues, text)] == ["conditional"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # what it does to a quantity it is bad to have more of: up is harm, down is good
        ("Anna Berg said the second bridge would double congestion in the old town.", "oppose"),
        ("Anna Berg said the second bridge would cut congestion on the old crossing.", "support"),
        # the state it puts someone in
        ("Anna Berg said the second bridge would put the river's dolphins in danger.", "oppose"),
        # not thinking it does good is thinking it does not ("do not believe" is no mere silence)
        ("Anna Berg said she did not think the second bridge would make the city richer.", "oppose"),
    ],
)
def test_compose_what_it_does_to_a_quantity_or_a_state(nlp: Any, text: str, want: str) -> None:
    assert [(p.actor_key, p.stance) for p in run(nlp, _bridge(), text)] == [("person:berg", want)]


def test_compose_the_bid_with_no_owner_is_the_last_named_applicants(nlp: Any, issues: list[Issue]) -> None:
    lead = "Norway applied to join the EU in May. "
    for text, want in (
        ("Austria has supported the bid since it was lodged.", ("austria", "support")),
        ("Anna Berg said she would fight this application in parliament.", ("person:berg", "oppose")),
    ):
        got = [(p.issue, p.actor_key, p.stance) for p in run(nlp, issues, lead + text) if p.actor_key != "norway"]
        assert got == [("Norway joins the European Union", *want)], text
    # a request for something else, or no applicant named before, is no bid on the issue
    text = lead + "Spain backed the application for a fishing licence."
    assert [p.actor_key for p in run(nlp, issues, text)] == ["norway"]
    assert run(nlp, issues, "Spain has supported the bid since it was lodged.") == []
