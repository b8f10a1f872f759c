"""Stance composition: a verb of assent or refusal whose object is left unsaid takes the issue just
named ("... the charge bill. The Greens voted against.", "Laos said it would sign, but only if ...").
Found on whole wire articles (bench/data/stance_fresh2_en's misses); every sentence is written for
the test."""

from __future__ import annotations

import pytest
from test_compose_articles import run_whole

from stanceline.model import Issue
from stanceline.nlp.issues import parse_issues


def _charge() -> list[Issue]:
    return parse_issues(
        {
            "issues": [
                {
                    "name": "Tartu introduces a congestion charge",
                    "description": "Whether Tartu charges drivers entering its centre.",
                    "terms": ["congestion charge", "charge bill", "road charge"],
                }
            ]
        }
    )


def _treaty() -> list[Issue]:
    return parse_issues(
        {
            "issues": [
                {
                    "name": "Mekong water-sharing treaty",
                    "description": "Whether the river's states agree on and sign a treaty sharing its water.",
                    "terms": ["water-sharing treaty", "river treaty", "sharing treaty"],
                }
            ]
        }
    )


def _got(text: str, issues: list[Issue]) -> set[tuple[str, str]]:
    return {(p.actor, p.stance) for p in run_whole(text, issues)}


CHARGE_LEAD = "Tartu's council debated the congestion charge for six hours on Monday. "
TREATY_LEAD = "Ministers of four countries met in Vientiane on Friday to discuss the river treaty. "


@pytest.mark.parametrize(
    ("text", "holder", "want"),
    [
        (CHARGE_LEAD + "The Centre Party voted against.", "Centre Party", "oppose"),
        (CHARGE_LEAD + "The Greens voted in favour, and the Centre Party abstained.", "Centre Party", "neutral"),
        (CHARGE_LEAD + "The Reform Party abstained.", "Reform Party", "neutral"),
        (TREATY_LEAD + "Thailand has said it will sign.", "Thailand", "support"),
        (TREATY_LEAD + "Laos said it would sign, but only if its dams were exempted.", "Laos", "conditional"),
        (TREATY_LEAD + "Vietnam said it would not stand in the way.", "Vietnam", "support"),
        (CHARGE_LEAD + "The drivers' union said it had not yet taken a position.", "drivers union", "neutral"),
    ],
)
def test_compose_an_elided_object_is_the_issue_just_named(text: str, holder: str, want: str) -> None:
    issues = _charge() if text.startswith(CHARGE_LEAD) else _treaty()
    got = _got(text, issues)
    assert any(h.lower().startswith(holder.lower().split()[0]) and s == want for h, s in got), got


@pytest.mark.parametrize(
    "text",
    [
        # no issue named before it: an unsaid object is nobody's stance on the issue
        "The Centre Party voted against. Tartu's council met again on Tuesday.",
        # the verb has an object of its own, which is not the issue
        TREATY_LEAD + "Thailand said it would sign a fishing accord with Cambodia.",
        # named too long before: four sentences about other things in between
        TREATY_LEAD + "The talks began late. Lunch was served at noon. The hall was cold. Rain fell all day. "
        "Thailand has said it will sign.",
    ],
)
def test_compose_an_elided_object_needs_the_issue_just_before(text: str) -> None:
    issues = _treaty() if "treaty" in text else _charge()
    assert not [p for p in run_whole(text, issues) if p.actor in {"Thailand", "Centre Party"}]


def test_proposition_an_issue_named_by_its_instrument_is_that_instrument() -> None:
    # a user names the issue by the treaty itself; the description's clauses are not its act
    from stanceline.nlp.stance.proposition import read_proposition

    prop = read_proposition(_treaty()[0])
    assert (prop.object_head, prop.object_is_deal, prop.act) == ("treaty", True, None)
    assert _got("Laos signed the river treaty on Friday.", _treaty()) == {("Laos", "support")}
    assert _got("Cambodia said it would never sign the water-sharing treaty.", _treaty()) == {("Cambodia", "oppose")}


def test_targets_an_agreement_is_no_act_done_to_a_charge() -> None:
    # the issue is an act done to a thing that is no agreement: "the agreement" is another deal
    text = CHARGE_LEAD + "The Centre Party said it would back the agreement with the bus company."
    assert not [p for p in run_whole(text, _charge()) if p.actor == "Centre Party"]
    text = CHARGE_LEAD + "The Centre Party said it would back the new agreement."
    assert not [p for p in run_whole(text, _charge()) if p.actor == "Centre Party"]


def test_targets_what_an_instrument_shares_places_a_passage_on_it() -> None:
    # "water" named, then "a treaty": the water-sharing treaty; with neither named, no target
    text = "Talks on the Mekong's water ended on Friday. Laos pressed for a treaty that would fix each share."
    assert _got(text, _treaty()) == {("Laos", "support")}
    text = "Talks on the Mekong's dams ended on Friday. Laos pressed for a treaty that would fix each share."
    assert _got(text, _treaty()) == set()


@pytest.mark.parametrize(
    ("text", "holder", "want"),
    [
        # "the bill" said again is the issue's "charge bill", "the rise" its "charge rise"
        (CHARGE_LEAD + "The taxi drivers' association said it would fight the bill.", "taxi", "oppose"),
        (CHARGE_LEAD + "The Tartu Taxi Association came out in favour of the bill on Tuesday.", "Tartu", "support"),
        (CHARGE_LEAD + "Anna Berg said the Centre Party would reverse the rise.", "Centre", "oppose"),
    ],
)
def test_targets_a_terms_head_said_again_is_that_term(text: str, holder: str, want: str) -> None:
    issues = parse_issues(
        {
            "issues": [
                {
                    "name": "Tartu introduces a congestion charge",
                    "description": "Whether Tartu charges drivers entering its centre.",
                    "terms": ["congestion charge", "charge bill", "charge rise"],
                }
            ]
        }
    )
    got = _got(text, issues)
    assert any(h.lower().startswith(holder.lower()) and s == want for h, s in got), got


@pytest.mark.parametrize(
    "text",
    [
        # another bill, said so
        CHARGE_LEAD + "The Tartu Taxi Association came out in favour of the bill on school meals.",
        CHARGE_LEAD + "The Tartu Taxi Association came out in favour of the housing bill.",
        # no charge named before it
        "The Tartu Taxi Association came out in favour of the bill on Tuesday.",
        # the bill's owner, not the bill
        CHARGE_LEAD + "The Tartu Taxi Association came out in favour of the bill's sponsor.",
    ],
)
def test_targets_a_terms_head_needs_the_issue_and_nothing_else(text: str) -> None:
    assert not [p for p in run_whole(text, _charge()) if p.actor.startswith("Tartu Taxi")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The Tartu Taxi Association came out in favour of the congestion charge.", "support"),
        ("The Tartu Taxi Association spoke in support of the congestion charge.", "support"),
        ("The Tartu Taxi Association is not in favour of the congestion charge.", "oppose"),
        ("The Tartu Taxi Association spoke in opposition to the congestion charge.", "oppose"),
    ],
)
def test_compose_in_favour_of_is_the_side_taken(text: str, want: str) -> None:
    assert _got(text, _charge()) == {("Tartu Taxi Association", want)}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the thing's own vote coming is no term set on it
        ("Anna Berg said she would back the congestion charge when the council votes on it.", "support"),
        ("Anna Berg said she would vote for the charge bill once parliament rules on it.", "support"),
        # a condition of its own still is one
        ("Anna Berg said she would back the congestion charge when buses are free.", "conditional"),
    ],
)
def test_clauses_the_things_own_vote_is_no_condition(text: str, want: str) -> None:
    assert _got(text, _charge()) == {("Anna Berg", want)}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Laos said it was still studying the river treaty.", {("Laos", "neutral")}),
        ("Laos is considering the water-sharing treaty, its foreign minister said.", {("Laos", "neutral")}),
        # deliberation by several, or yet to come, or done, is no one's indecision
        ("Laos and Thailand will discuss the river treaty on Friday.", set()),
        ("Laos plans to study the river treaty.", set()),
        # recalled in a relative clause: background, not where it stands now
        ("Laos, which in May said it was still studying the river treaty, has gone quiet.", set()),
    ],
)
def test_compose_still_weighing_it_is_undecided(text: str, want: set[tuple[str, str]]) -> None:
    assert _got(text, _treaty()) == want


def test_anaphora_a_pronoun_does_not_point_back_through_a_repeated_head() -> None:
    text = (
        CHARGE_LEAD + "Anna Berg said the bill would be ready by March. "
        "She said Tartu would also join the regional bus network offered to it last year."
    )
    assert not [p for p in run_whole(text, _charge()) if "would also join" in p.evidence]


def _parking() -> list[Issue]:
    return parse_issues(
        {
            "issues": [
                {
                    "name": "Tartu raises its parking fee",
                    "description": "Whether Tartu raises the fee drivers pay to park in its centre.",
                    "terms": ["parking fee", "fee increase", "higher fee"],
                }
            ]
        }
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("There will be no increase in the parking fee, Anna Berg said.", {("Anna Berg", "oppose")}),
        ("Anna Berg said there would be no rise in the parking fee this year.", {("Anna Berg", "oppose")}),
        # another act ruled out is not this one
        ("Anna Berg said there would be no change in the parking fee's hours.", set()),
    ],
)
def test_compose_the_act_ruled_out_by_no(text: str, want: set[tuple[str, str]]) -> None:
    assert _got(text, _parking()) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ('"A river treaty for four is one we can support," said Laos.', {("Laos", "support")}),
        ('"This river treaty is something we could never accept," said Laos.', {("Laos", "oppose")}),
    ],
)
def test_compose_one_we_can_support(text: str, want: set[tuple[str, str]]) -> None:
    assert _got(text, _treaty()) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # grudging acceptance, and acceptance of a changed thing
        ("Anna Berg said she could live with the higher fee.", {("Anna Berg", "support")}),
        (
            "Anna Berg said she could live with the higher fee if part of it went to the suburbs.",
            {("Anna Berg", "conditional")},
        ),
        (
            '"We will accept the higher fee, but not in its present form," Anna Berg said.',
            {("Anna Berg", "conditional")},
        ),
    ],
)
def test_compose_acceptance_grudging_or_changed(text: str, want: set[tuple[str, str]]) -> None:
    assert _got(text, _parking()) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # how many it binds does not make it another treaty
        ("Laos would sign the three-way treaty, Anna Berg said.", {("Laos", "support")}),
        ("Laos would sign the four-country pact, Anna Berg said.", {("Laos", "support")}),
        # staying out of the thing itself is against it; staying out of a vote is no side
        ("Anna Berg said Laos should stay out of the river treaty.", {("Anna Berg", "oppose")}),
    ],
)
def test_compose_parties_and_staying_out(text: str, want: set[tuple[str, str]]) -> None:
    assert _got(TREATY_LEAD + text, _treaty()) == want


def test_targets_an_agreement_on_one_of_the_issues_terms_is_the_issue() -> None:
    issues = parse_issues(
        {
            "issues": [
                {
                    "name": "Mekong water-sharing treaty",
                    "description": "Whether the river's states sign a treaty sharing its water.",
                    "terms": ["river treaty", "dam quotas"],
                }
            ]
        }
    )
    text = TREATY_LEAD + "Laos would sign the treaty on the dam quotas offered, Anna Berg said."
    assert _got(text, issues) == {("Laos", "support")}
    text = TREATY_LEAD + "Laos would sign the treaty on fishing rights, Anna Berg said."
    assert _got(text, issues) == set()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the holder's own share being right is terms asked for, not its own success
        ('"If our share is right, we will sign the river treaty," said Laos.', {("Laos", "conditional")}),
        ("Laos said it would sign the river treaty if its quota was fair.", {("Laos", "conditional")}),
        # its own success still sets no terms
        ("Anna Berg said she would sign the river treaty if she was elected.", {("Anna Berg", "support")}),
    ],
)
def test_clauses_terms_on_the_holders_own_share_are_a_condition(text: str, want: set[tuple[str, str]]) -> None:
    assert _got(text, _treaty()) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # not ready is not yet; not willing, or never ready, refuses
        ("Laos said it was not ready to back the river treaty.", {("Laos", "conditional")}),
        ("Laos said it was not yet prepared to sign the river treaty.", {("Laos", "conditional")}),
        ("Laos said it was not willing to back the river treaty.", {("Laos", "oppose")}),
        ("Laos said it would never be ready to sign the river treaty.", {("Laos", "oppose")}),
    ],
)
def test_compose_not_ready_to_back_is_not_yet(text: str, want: set[tuple[str, str]]) -> None:
    assert _got(text, _treaty()) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a move against it, rejected, lets it stand; brought, is against it
        ("Tartu District Court rejected the taxi drivers' challenge to the congestion charge.", "support"),
        ("Tartu District Court dismissed the complaint against the congestion charge.", "support"),
        ("The Tartu Taxi Association filed a lawsuit against the congestion charge.", "oppose"),
    ],
)
def test_compose_a_challenge_to_it_is_against_it(text: str, want: str) -> None:
    assert {s for _, s in _got(text, _charge())} == {want}


def test_compose_a_past_perfect_relative_clause_is_background() -> None:
    text = TREATY_LEAD + "Laos, which had opposed the river treaty, welcomed the vote."
    assert _got(text, _treaty()) == set()
    # the present perfect runs up to now
    text = TREATY_LEAD + "Laos, which has opposed the river treaty since May, welcomed the vote."
    assert _got(text, _treaty()) == {("Laos", "oppose")}


def test_compose_under_the_treaty_set_first_is_a_frame() -> None:
    text = TREATY_LEAD + "Under the river treaty, Laos and Thailand will each give up a tenth of their quota."
    assert _got(text, _treaty()) == set()
    # after its verb, duties under it are still kept
    text = TREATY_LEAD + "Laos said it would fulfil its commitments under the river treaty."
    assert _got(text, _treaty()) == {("Laos", "support")}


@pytest.mark.parametrize("word", ["revised", "amended"])
def test_targets_a_revised_treaty_is_still_the_treaty(word: str) -> None:
    text = TREATY_LEAD + f"Laos would sign the {word} treaty, Anna Berg said."
    assert _got(text, _treaty()) == {("Laos", "support")}


def test_anaphora_a_stray_quotation_mark_is_no_sentence_between() -> None:
    # the parser leaves the closing mark of a quoted paragraph as a sentence of its own
    text = (
        'Ministers met to discuss the river treaty.\n\n"It no longer matters. We are ready."\n\n'
        "Thailand has said it will sign."
    )
    assert ("Thailand", "support") in _got(text, _treaty())
