from __future__ import annotations

from stanceline.nlp.analysis import analyze_texts


def _one(text: str):
    (res,) = analyze_texts([("t", text)])
    return res


def test_entities_title_stripped_role_kept() -> None:
    res = _one("NATO Secretary General Mark Rutte arrived in Kyiv on Monday.")
    rutte = [m for m in res.mentions if m.type == "PERSON"]
    assert [m.text for m in rutte] == ["Mark Rutte"]
    assert rutte[0].role == "NATO Secretary General"
    assert res.spacy_doc.text[rutte[0].start : rutte[0].end] == "Mark Rutte"


def test_entities_title_with_preposition_role_kept() -> None:
    res = _one("U.S. Ambassador to NATO Jullianne Smith spoke in Brussels on Tuesday.")
    smith = next(a for a in res.actors if a.type == "PERSON")
    assert smith.name == "Jullianne Smith"
    assert smith.roles == ["U.S. Ambassador to NATO"]


def test_entities_surname_resolves_to_full_name() -> None:
    res = _one("Volodymyr Zelensky visited Washington. Later, Zelensky met senators.")
    keys = {m.actor_key for m in res.mentions if m.type == "PERSON"}
    assert len(keys) == 1
    assert next(a.name for a in res.actors if a.type == "PERSON") == "Volodymyr Zelensky"


def test_entities_capital_acting_is_its_state() -> None:
    res = _one("Kyiv wants an invitation to join the alliance. Moscow warned against it.")
    names = {a.name for a in res.actors}
    assert {"Ukraine", "Russia"} <= names
    kyiv = next(m for m in res.mentions if m.text == "Kyiv")
    assert kyiv.actor_key == "ukraine"


def test_entities_capital_as_place_stays_a_place() -> None:
    res = _one("The talks were held in Kyiv last week.")
    assert all(a.name != "Ukraine" for a in res.actors)


def test_entities_mention_offsets_are_evidence() -> None:
    text = "The European Union and Nato said they stand with Ukraine."
    res = _one(text)
    assert res.mentions
    for m in res.mentions:
        assert text[m.start : m.end] == m.text
    assert {"European Union", "NATO", "Ukraine"} <= {a.name for a in res.actors}


def test_entities_generic_head_resolves_to_named_organisation() -> None:
    res = _one("Ukraine wants to join NATO soon. The Alliance said the door stays open.")
    keys = {m.text: m.actor_key for m in res.mentions}
    assert "Alliance" in keys and keys["Alliance"] == keys["NATO"]
    # Without a matching organisation earlier, the kind-noun stays its own actor.
    res = _one("The Alliance said the door stays open to the European Union.")
    eu = {m.actor_key for m in res.mentions if m.text == "European Union"}
    assert all(m.actor_key not in eu for m in res.mentions if m.text == "Alliance")


def test_entities_namesakes_get_one_actor_each() -> None:
    res = _one(
        "President Joe Biden spoke in Delaware on Monday. His son Hunter Biden was in court the same day. "
        "Biden said he regretted nothing."
    )
    people = {a.key: a.name for a in res.actors if a.type == "PERSON"}
    assert people == {"person:biden": "Joe Biden", "person:biden~hunter": "Hunter Biden"}
    # The bare surname goes to the bearer named most recently before it.
    bare = next(m for m in res.mentions if m.text == "Biden")
    assert bare.actor_key == "person:biden~hunter"


def test_entities_one_person_with_two_given_forms_stays_one_actor() -> None:
    res = _one("Joseph R. Biden Jr. was sworn in on Wednesday. Joe Biden then signed orders. Biden left at noon.")
    assert {m.actor_key for m in res.mentions if m.type == "PERSON"} == {"person:biden"}


def _with_ent(text: str, surface: str, label: str):
    from spacy.tokens import Span

    from stanceline.nlp.pipeline import load_nlp

    doc = load_nlp()(text)
    span = doc.char_span(text.index(surface), text.index(surface) + len(surface))
    assert span is not None
    doc.ents = [e for e in doc.ents if e.end <= span.start or e.start >= span.end] + [
        Span(doc, span.start, span.end, label=label)
    ]
    return doc


def test_entities_title_led_name_tagged_as_organisation_is_a_person() -> None:
    from stanceline.nlp.actors.entities import extract_mentions
    from stanceline.nlp.actors.keys import builtin_aliases

    doc = _with_ent(
        "Critics spoke out after PM Julia Gillard appointed the general on Monday.", "PM Julia Gillard", "ORG"
    )
    (m,) = [m for m in extract_mentions(doc, builtin_aliases()) if "Gillard" in m.text]
    assert (m.type, m.text, m.role) == ("PERSON", "Julia Gillard", "PM")
    doc = _with_ent("The Foreign Ministry Press Office said nothing.", "Foreign Ministry Press Office", "ORG")
    (m,) = extract_mentions(doc, builtin_aliases())
    assert m.type == "ORG"


def test_entities_lone_word_typed_otherwise_elsewhere_takes_that_type() -> None:
    res = _one(
        "Labour members met on Monday. Later Labour said the party would back the bill, and the Labour leader agreed."
    )
    assert {m.type for m in res.mentions if m.text == "Labour"} == {"ORG"}


def test_entities_lone_word_used_with_an_article_is_no_person() -> None:
    res = _one("Ann Lowe leads the farmers. We think it is a reckless Brexit, she said of the plan.")
    assert not any(m.text == "Brexit" for m in res.mentions)
    assert [q.speaker for q in res.quotes if q.speaker_mention == "she"] == ["Ann Lowe"]


def test_entities_surname_particles_keep_the_name_whole() -> None:
    for text, name in [
        ("The plan was backed by Ursula von der Leyen on Monday.", "Ursula von der Leyen"),
        ("Dutch minister Pieter van den Broek said the talks failed.", "Pieter van den Broek"),
        ("Critics met Maria de la Cruz on Monday.", "Maria de la Cruz"),
    ]:
        res = _one(text)
        assert [m.text for m in res.mentions if m.type == "PERSON"] == [name], text


def test_entities_possessive_typed_as_organisation_is_the_lone_person() -> None:
    from stanceline.nlp.actors.entities import extract_mentions
    from stanceline.nlp.actors.keys import builtin_aliases

    text = "Okafor spoke on Monday. Okafor’s plan was praised by the board."
    doc = _with_ent(text, "Okafor’s", "ORG")
    doc.ents = [e for e in doc.ents if e.start > 0] + [doc[0:1].char_span(0, 6, label="PERSON")]
    types = {m.type for m in extract_mentions(doc, builtin_aliases()) if m.text == "Okafor"}
    assert types == {"PERSON"}


def test_entities_month_name_surname_is_a_person_not_a_date() -> None:
    # The tagger reads a surname that is a month name as a date, or as nothing at all.
    res = _one(
        "Gloria May was sworn in as mayor on Friday. Gloria May's first decree closed two bridges. "
        "May and her deputies met union leaders in June. The next vote is on May 4."
    )
    people = [m for m in res.mentions if m.type == "PERSON"]
    assert [m.text for m in people] == ["Gloria May", "Gloria May", "May"]
    assert len({m.actor_key for m in people}) == 1
    text = res.spacy_doc.text
    assert all(text[m.start : m.end] == m.text for m in people)


def test_entities_month_after_a_preposition_or_title_stays_a_date() -> None:
    res = _one("In May the council met again. Talks resumed last May. The plan was approved on June 2.")
    assert not [m for m in res.mentions if m.type == "PERSON"]


def test_entities_name_in_apposition_to_a_subject_acts() -> None:
    # "The union's head, Carla Benn, has called …": the name set off beside the subject is the
    # subject, so it acts (and can introduce the quotation of the next paragraph).
    res = _one("The head of the river pilots' union, Carla Benn, has called the new tolls unfair.")
    (benn,) = [m for m in res.mentions if m.type == "PERSON"]
    assert benn.text == "Carla Benn"
    res = _one(
        "The head of the river pilots' union, Carla Benn, has called the new tolls unfair:\n\n"
        "\u201cNo crew on this river can pay twice for the same lock.\u201d"
    )
    (q,) = res.quotes
    assert q.speaker == "Carla Benn"


def test_entities_country_name_of_several_words_tagged_as_person_is_the_place() -> None:
    res = _one("Burkina Faso left the group last year. Traore said Burkina Faso would not return.")
    assert {(m.text, m.type) for m in res.mentions if "Faso" in m.text} == {("Burkina Faso", "GPE")}
    # a person keeps a name that only looks like a place's
    res = _one("Minister Costa Rica Silva said the talks would resume.")
    assert all(m.type == "PERSON" for m in res.mentions if "Silva" in m.text)


def test_entities_country_name_the_tagger_missed_or_cut_short_is_found_whole() -> None:
    res = _one("Officials in Guinea-Bissau said the talks went well. Guinea-Bissau's president agreed.")
    assert {(m.text, m.type) for m in res.mentions if "Guinea" in m.text} == {("Guinea-Bissau", "GPE")}


def test_entities_a_name_written_surname_first_meets_its_bare_surname() -> None:
    # "Tan Boon Hock" then "Tan": the bare word begins the one full name and ends none
    res = _one(
        "Foreign Minister Tan Boon Hock told parliament on Monday that the plan was sound. "
        "Tan said the cabinet would meet again in May."
    )
    keys = {m.actor_key for m in res.mentions if m.type == "PERSON"}
    assert len(keys) == 1, [(m.text, m.actor_key) for m in res.mentions]
    assert {q.speaker_key for q in res.quotes} <= keys
    # a bare surname shared with a full name's last word stays with that name
    res = _one("Anna Berg spoke first. Then Berg Olsen arrived, and Berg said she was pleased.")
    berg = {m.actor_key for m in res.mentions if m.text in {"Anna Berg", "Berg"}}
    assert len(berg) == 1, [(m.text, m.actor_key) for m in res.mentions]


def test_entities_a_place_before_a_title_inside_the_name_is_part_of_the_role() -> None:
    from stanceline.nlp.actors.keys import merge_actors
    from stanceline.nlp.actors.namesakes import corpus_keys

    first = _one("Coimbra Mayor Ana Pires said the bridge would ruin the town.")
    pires = next(a for a in first.actors if a.type == "PERSON")
    assert pires.name == "Ana Pires", pires
    assert "Coimbra Mayor" in pires.roles
    # the same person named again in another text is the same actor, not a namesake
    second = _one("Ana Pires, the mayor of Coimbra, now backs the bridge.")
    assert corpus_keys(second.actors, merge_actors(first.actors)) == {}
