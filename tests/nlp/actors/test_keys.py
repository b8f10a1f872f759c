from __future__ import annotations

from pathlib import Path

import pytest

from stanceline.errors import ConfigError
from stanceline.model import Actor
from stanceline.nlp.actors.keys import AliasTable, actor_key, merge_actors
from stanceline.nlp.analysis import analyze_texts


def test_actors_key_folds_transliterations() -> None:
    keys = {
        actor_key(n, "PERSON") for n in ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelensky", "Mr. Zelenskyy"]
    }
    assert len(keys) == 1


def test_actors_key_acronym_case_and_expansion() -> None:
    assert actor_key("NATO", "ORG") == actor_key("Nato", "ORG")
    assert actor_key("North Atlantic Treaty Organization", "ORG") == actor_key("NATO", "ORG")
    assert actor_key("the EU", "ORG") == actor_key("European Union", "ORG")
    assert actor_key("Kiev", "GPE") == actor_key("Kyiv", "GPE")
    assert actor_key("U.S.", "GPE") == actor_key("United States", "GPE")


def test_actors_key_distinguishes_different_people() -> None:
    assert actor_key("Mark Rutte", "PERSON") != actor_key("Mark Episkopos", "PERSON")


def test_actors_merge_picks_longest_full_name_and_unions() -> None:
    merged = merge_actors(
        [
            Actor("person:zelensky", "Zelensky", "PERSON", aliases=["Zelenskyy"]),
            Actor("person:zelensky", "Volodymyr Zelensky", "PERSON", roles=["Ukrainian President"]),
            Actor("nato", "NATO", "ORG", aliases=["Nato"]),
            Actor("nato", "NATO", "ORG"),
        ]
    )
    by_key = {a.key: a for a in merged}
    z = by_key["person:zelensky"]
    assert z.name == "Volodymyr Zelensky"
    assert {"Zelensky", "Zelenskyy"} <= set(z.aliases)
    assert z.roles == ["Ukrainian President"]
    assert by_key["nato"].name == "NATO"


def test_actors_zelensky_variants_merge_within_document() -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskyy met allies in Brussels. "
        "Zelensky later travelled to Berlin, where Zelenskiy spoke to reporters."
    )
    (res,) = analyze_texts([("z", text)])
    people = [a for a in res.actors if a.type == "PERSON"]
    assert len(people) == 1
    assert people[0].name == "Volodymyr Zelenskyy"
    assert "Ukrainian President" in people[0].roles


def test_actors_user_alias_file_overrides_toml(tmp_path: Path) -> None:
    f = tmp_path / "aliases.toml"
    f.write_text('[actors."Atlantic Alliance"]\ntype = "ORG"\naliases = ["NATO", "Nato", "the alliance"]\n')
    table = AliasTable.load(f)
    assert table.canonical("Nato") == ("Atlantic Alliance", "ORG")
    assert table.canonical("European Union") == ("European Union", "ORG")  # built-ins kept
    (res,) = analyze_texts([("a", "NATO warned Moscow on Friday.")], aliases=table)
    assert any(a.name == "Atlantic Alliance" for a in res.actors)


def test_actors_user_alias_file_yaml(tmp_path: Path) -> None:
    f = tmp_path / "aliases.yaml"
    f.write_text(
        "actors:\n  Volodymyr Zelensky:\n    type: PERSON\n    aliases: [Ze]\nmetonyms:\n  Ukraine: [Bankova]\n"
    )
    table = AliasTable.load(f)
    assert table.canonical("Ze") == ("Volodymyr Zelensky", "PERSON")
    assert table.metonym("Bankova") == ("Ukraine", "GPE")


def test_actors_user_alias_file_bad_type_is_config_error(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text('[actors.X]\ntype = "ANIMAL"\n')
    with pytest.raises(ConfigError):
        AliasTable.load(f)


def test_actors_namesake_keys_are_stable_across_documents() -> None:
    docs = [
        ("a", "President Joe Biden met allies on Monday. His son Hunter Biden stayed in Delaware."),
        ("b", "Joe Biden visited Kyiv. Biden promised more aid."),
        ("c", "Mr. Biden spoke to reporters in Washington."),
        ("d", "President Joseph Biden and Hunter Biden arrived in Rome."),
    ]
    res = {d.doc_id: d for d in analyze_texts(docs)}
    keys = {doc_id: {a.name: a.key for a in d.actors if a.type == "PERSON"} for doc_id, d in res.items()}
    assert keys["a"]["Joe Biden"] == keys["b"]["Joe Biden"] == keys["d"]["Joseph Biden"] == "person:biden"
    assert keys["a"]["Hunter Biden"] == keys["d"]["Hunter Biden"] == "person:biden~hunter"
    assert keys["c"] == {"Biden": "person:biden"}
    merged = {a.key: a for a in merge_actors([a for d in res.values() for a in d.actors])}
    assert merged["person:biden"].name == "Joseph Biden"
    assert "Hunter Biden" not in merged["person:biden"].aliases


def test_actors_transliterations_merge_across_documents_beside_a_namesake() -> None:
    docs = [
        ("a", "Zelensky met reporters in Kyiv."),
        ("b", "Ukrainian President Volodymyr Zelenskyy and his wife Olena Zelenska spoke in London."),
        ("c", "President Volodymyr Zelenskiy thanked allies. Olena Zelenskiy visited a school."),
    ]
    res = {d.doc_id: d for d in analyze_texts(docs)}
    keys = {doc_id: {a.name: a.key for a in d.actors if a.type == "PERSON"} for doc_id, d in res.items()}
    assert keys["a"]["Zelensky"] == keys["b"]["Volodymyr Zelenskyy"] == keys["c"]["Volodymyr Zelenskiy"]
    assert keys["c"]["Olena Zelenskiy"] != keys["c"]["Volodymyr Zelenskiy"]


def test_actors_merge_keeps_diacritics_in_the_display_name() -> None:
    merged = merge_actors(
        [
            Actor("person:orban", "Viktor Orban", "PERSON"),
            Actor("person:orban", "Viktor Orbán", "PERSON", aliases=["Orbán"]),
            Actor("person:orban", "Viktor Orban", "PERSON"),
        ]
    )
    assert merged[0].name == "Viktor Orbán"


def test_actors_key_a_states_other_official_names_are_one_actor() -> None:
    # a state's current official name and its older one ("Türkiye", "Turkey"), or a common name
    # for the whole ("Holland"), key one actor, so its positions are not split between names
    assert actor_key("Türkiye", "GPE") == actor_key("Turkiye", "GPE") == actor_key("Turkey", "GPE")
    assert actor_key("Holland", "GPE") == actor_key("the Netherlands", "GPE")
    assert actor_key("Czechia", "GPE") == actor_key("Czech Republic", "GPE")
