"""Search: the query language (pure) and its plan on real SQLite FTS5 and PostgreSQL tsvector stores.
Every text here is written for the test."""

from __future__ import annotations

import pytest

from stanceline.dedup import content_hash, document_id, text_hash
from stanceline.model import Actor, Document, Mention
from stanceline.store.db import NlpResult, Store
from stanceline.store.dialect import HL_END, HL_START
from stanceline.store.search import QueryError, Term, actors_named, fold, parse_query, variant_key

# -- the language ---------------------------------------------------------------------------------


def test_search_parse_words_phrases_or_and_exclusions() -> None:
    q = parse_query('ferry OR boat "night service" -strike NOT delay AND harbour')
    assert q.clauses == (
        (Term("ferry"), Term("boat")),
        (Term("night service", phrase=True),),
        (Term("harbour"),),
    )
    assert q.excluded == (Term("strike"), Term("delay"))


def test_search_parse_filters_in_the_line_and_fields_win() -> None:
    q = parse_query('tram outlet:"Valley Post" since:2024 until:2024-06 lang:DE actor:Marchenko')
    assert q.clauses == ((Term("tram"),),)
    assert (q.outlet, q.since, q.until, q.language, q.actor) == ("Valley Post", "2024", "2024-06", "de", "Marchenko")
    assert parse_query("tram since:2024", since="2023-05").since == "2023-05"


def test_search_parse_colon_words_and_punctuation_are_words() -> None:
    q = parse_query("re:view pro-Russian (budget)")
    assert q.clauses == ((Term("re:view", phrase=True),), (Term("pro-Russian", phrase=True),), (Term("budget"),))
    assert parse_query("OR OR").clauses == () and parse_query('""').empty


@pytest.mark.parametrize("bad", ["2025-13-45", "last week", "20245"])
def test_search_parse_bad_dates_are_a_coded_error(bad: str) -> None:
    with pytest.raises(QueryError) as err:
        parse_query("x", since=bad)
    assert err.value.code == "E150"
    with pytest.raises(QueryError):
        parse_query(f"x until:{bad.replace(' ', '')}")


def test_search_fold_and_variant_keys() -> None:
    assert fold("  Šefčovič ") == "sefcovic"
    assert variant_key("Oleksiy") == variant_key("Oleksii") == variant_key("Oleksij")
    assert variant_key("Zaharchenkko") == variant_key("Zaharchenko")
    assert variant_key("Marta") != variant_key("Marte")


def test_search_actors_named_by_alias_or_variant_never_by_a_part() -> None:
    a = Actor("person:oleksii-marchenko", "Oleksii Marchenko", "PERSON", ["Marchenko"])
    b = Actor("org:port-board", "Port Board", "ORG", [])
    assert actors_named("MARCHENKO", [a, b]) == [a]
    assert actors_named("Oleksiy Marchenko", [a, b]) == [a]
    assert actors_named("Marchen", [a, b]) == [] and actors_named("o", [a, b]) == []


# -- on the store (both databases) ------------------------------------------------------------------
TEXTS = {
    "d1": ("Oleksiy Marchenko said the ferry timetable would change in spring.", "2023-04-02", "Valley Post", "en"),
    "d2": ("Oleksii Marchenko announced a night service for the harbour ferry.", "2024-05-10", "Coast Daily", "en"),
    "d3": ("Marchenko did not comment on the strike by ferry crews.", "2025-01-20", "Coast Daily", "en"),
    "d4": ("The harbour board approved a new tram line to the port.", "2025-03-01", "Valley Post", "en"),
    "d5": ("Der Hafenrat beschloss eine neue Fährlinie zum Hafen.", "2025-03-02", "Valley Post", "de"),
}


def _build(store: Store) -> dict[str, str]:
    ids = {}
    for name, (text, published, outlet, language) in TEXTS.items():
        h = content_hash(text.encode())
        doc = Document(
            id=document_id(name, h), source=name, text=text, raw_hash=h, published=published, outlet=outlet,
            date_source="manifest", date_confidence=1.0, language=language,
        )  # fmt: skip
        store.add_document(doc, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
        ids[name] = doc.id
    actor = Actor("person:oleksii-marchenko", "Oleksii Marchenko", "PERSON", ["Oleksiy Marchenko", "Marchenko"])
    for name in ("d1", "d2", "d3"):
        text = TEXTS[name][0]
        end = text.index("Marchenko") + len("Marchenko")
        start = 0 if name != "d3" else text.index("Marchenko")
        mention = Mention(ids[name], actor.key, text[start:end], start, end, "PERSON")
        store.replace_nlp(NlpResult(ids[name], [mention], [], [], [], {"nlp": "1"}), [actor])
    return ids


def _names(ids: dict[str, str], hits: list[str]) -> set[str]:
    back = {v: k for k, v in ids.items()}
    return {back[h] for h in hits}


def test_search_or_phrases_and_exclusions_on_the_store(store: Store) -> None:
    ids = _build(store)
    page = store.search_page("tram OR timetable")
    assert _names(ids, [h.doc_id for h in page.hits]) == {"d1", "d4"} and page.total == 2
    assert _names(ids, [h.doc_id for h in store.search_page('"night service"').hits]) == {"d2"}
    assert _names(ids, [h.doc_id for h in store.search_page("ferry -strike").hits]) == {"d1", "d2"}
    assert _names(ids, [h.doc_id for h in store.search_page('-"harbour board"').hits]) == {"d1", "d2", "d3", "d5"}
    hit = store.search_page("timetable").hits[0]
    assert f"{HL_START}timetable{HL_END}" in hit.snippet


def test_search_filters_are_applied_by_the_store(store: Store) -> None:
    ids = _build(store)
    assert _names(ids, [h.doc_id for h in store.search_page("ferry since:2024").hits]) == {"d2", "d3"}
    assert _names(ids, [h.doc_id for h in store.search_page("ferry until:2024-05").hits]) == {"d1", "d2"}
    assert _names(ids, [h.doc_id for h in store.search_page('outlet:"valley post"').hits]) == {"d1", "d4", "d5"}
    assert _names(ids, [h.doc_id for h in store.search_page("lang:de").hits]) == {"d5"}
    assert store.search_page("tram lang:de").total == 0


def test_search_actor_spellings_fold_through_the_actor_table(store: Store) -> None:
    ids = _build(store)
    for spelling in ("Oleksij Marchenko", "Oleksiy Marchenko", "OLEKSII MARCHENKO", "Marchénko"):
        page = store.search_page(spelling)
        assert _names(ids, [h.doc_id for h in page.hits]) == {"d1", "d2", "d3"}, spelling
        assert page.actors == {"person:oleksii-marchenko": "Oleksii Marchenko"}
    by_filter = store.search_page("actor:Oleksiy ferry")
    assert by_filter.total == 0  # "Oleksiy" alone names no actor: no documents, not all of them
    by_filter = store.search_page('actor:"oleksiy marchenko" ferry')
    assert _names(ids, [h.doc_id for h in by_filter.hits]) == {"d1", "d2", "d3"}


def test_search_total_and_paging(store: Store) -> None:
    ids = _build(store)
    assert store.search_page("outlet:valley").total == 0  # an outlet is named whole, not by a part
    everything = store.search_page('outlet:"Valley Post"', limit=2)
    assert everything.total == 3 and len(everything.hits) == 2 and everything.next_offset == 2
    rest = store.search_page('outlet:"Valley Post"', limit=2, offset=2)
    assert len(rest.hits) == 1 and rest.next_offset is None
    assert {h.doc_id for h in everything.hits + rest.hits} == {ids["d1"], ids["d4"], ids["d5"]}
    assert [h.doc_id for h in everything.hits] == [ids["d5"], ids["d4"]]  # newest first without terms
    ranked = store.search_page("ferry", limit=1)
    assert ranked.total == 3 and len(ranked.hits) == 1
    # Each ranked page carries its own hits' snippets (they are computed for the page alone).
    pages = [store.search_page("ferry", limit=1, offset=k).hits for k in range(3)]
    assert len({p[0].doc_id for p in pages}) == 3
    assert all(f"{HL_START}ferry{HL_END}" in p[0].snippet.lower() for p in pages)


def test_search_hostile_input_is_data_never_syntax(store: Store) -> None:
    _build(store)
    for q in ['"', "NEAR(ferry", "ferry*", "a:b:c", "'; DROP TABLE documents; --", "!!", "(( ||", "-", "\x00"]:
        page = store.search_page(q)
        assert page.total >= 0
    assert store.count_documents() == 5


def test_search_accents_fold_in_the_index_on_both_databases(store: Store) -> None:
    text = "The envoy Dušan Kovačević met the Präsidentin of the regional council in Košice."
    h = content_hash(text.encode())
    doc = Document(id=document_id("acc", h), source="acc", text=text, raw_hash=h)
    store.add_document(doc, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
    for q in ("Kovacevic", "kosice", "Dusan Kovacevic", "Präsidentin", "prasidentin"):
        assert [hit.doc_id for hit in store.search_page(q).hits] == [doc.id], q
