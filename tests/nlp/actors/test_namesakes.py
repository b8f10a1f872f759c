from __future__ import annotations

from stanceline.model import Actor
from stanceline.nlp.actors.namesakes import NamedSpan, corpus_keys, find_namesakes, same_given, split_name


def test_namesakes_split_name_reads_given_and_surname_key() -> None:
    assert split_name("Hunter Biden") == ("person:biden", "hunter")
    assert split_name("Mr. Biden") == ("person:biden", None)
    assert split_name("Virgil van Dijk") == ("person:vandijk", "virgil")
    assert split_name("van Dijk") == ("person:vandijk", None)


def test_namesakes_same_given_accepts_short_forms_and_transliterations() -> None:
    assert same_given("joe", "joseph")
    assert same_given("j", "joe")
    assert same_given("volodymyr", "vladimir")
    assert not same_given("hunter", "joe")
    assert not same_given("melania", "donald")


def test_namesakes_one_bearer_keeps_plain_key() -> None:
    ns = find_namesakes([NamedSpan("Joe Biden", 0), NamedSpan("Joseph R. Biden", 40), NamedSpan("J. Biden", 80)])
    assert ns.groups == {}
    assert ns.key_for("Biden", 100) == "person:biden"


def test_namesakes_office_holder_keeps_plain_key_others_get_given_name() -> None:
    spans = [
        NamedSpan("Hunter Biden", 0),
        NamedSpan("Hunter Biden", 50),
        NamedSpan("Joe Biden", 100, role="President"),
    ]
    ns = find_namesakes(spans)
    assert ns.key_for("Joe Biden", 0) == "person:biden"
    assert ns.key_for("Joseph Biden", 0) == "person:biden"
    assert ns.key_for("Hunter Biden", 0) == "person:biden~hunter"
    # Without the office, the bearer named more often is the principal.
    ns = find_namesakes([*spans[:2], NamedSpan("Joe Biden", 100)])
    assert ns.key_for("Hunter Biden", 0) == "person:biden"
    assert ns.key_for("Joe Biden", 0) == "person:biden~joe"


def test_namesakes_bare_surname_goes_to_nearest_earlier_bearer() -> None:
    ns = find_namesakes([NamedSpan("Donald Trump", 10), NamedSpan("Melania Trump", 60)])
    assert ns.key_for("Trump", 0) == "person:trump"  # nobody named yet: the principal
    assert ns.key_for("Trump", 40) == "person:trump"
    assert ns.key_for("Mrs. Trump", 80) == "person:trump~melania"
    assert ns.key_for("Melania", 90) == "person:trump~melania"
    assert ns.key_for("Barron Trump", 90) == "person:trump~barron"


def test_namesakes_honorific_rules_out_the_other_gender() -> None:
    ns = find_namesakes([NamedSpan("Donald Trump", 10), NamedSpan("Melania Trump", 60, role="First Lady")])
    assert ns.key_for("Trump", 80, role="Mr.") == "person:trump"
    assert ns.key_for("Trump", 80) == "person:trump~melania"
    ns = find_namesakes([NamedSpan("Melania Trump", 10, role="Mrs."), NamedSpan("Donald Trump", 60, role="President")])
    assert ns.key_for("Trump", 80, role="Mrs.") == "person:trump~melania"


def _person(key: str, name: str, *aliases: str) -> Actor:
    return Actor(key=key, name=name, type="PERSON", aliases=list(aliases))


def test_namesakes_other_bearer_across_documents_gets_its_own_key() -> None:
    stored = [_person("person:varga", "Ilona Varga", "Varga")]
    doc = [_person("person:varga", "Tamas Varga", "Varga")]
    assert corpus_keys(doc, stored) == {"person:varga": "person:varga~tamas"}


def test_namesakes_same_bearer_or_bare_surname_keeps_the_plain_key() -> None:
    stored = [_person("person:varga", "Ilona Varga")]
    assert corpus_keys([_person("person:varga", "I. Varga")], stored) == {}
    assert corpus_keys([_person("person:varga", "Varga")], stored) == {}
    assert corpus_keys([_person("person:varga", "Tamas Varga")], []) == {}
