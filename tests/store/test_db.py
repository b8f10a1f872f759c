"""Store behaviour on real SQLite and PostgreSQL databases (same tests, both backends)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect, select

from stanceline.dedup import band_keys, content_hash, document_id, minhash, minhash_bytes, text_hash
from stanceline.model import Actor, Document, Mention, Position, Quote
from stanceline.store.db import DocFilter, NlpResult, Store
from stanceline.store.dialect import HL_END, HL_START


def make_doc(
    text: str, *, source: str = "a.txt", published: str | None = None, outlet: str | None = None
) -> Document:
    raw = text.encode()
    h = content_hash(raw)
    return Document(
        id=document_id(source, h),
        source=source,
        text=text,
        raw_hash=h,
        published=published,
        outlet=outlet,
        date_source="manifest" if published else "none",
        date_confidence=1.0 if published else 0.0,
    )


def add(store: Store, doc: Document) -> bool:
    return store.add_document(
        doc, raw=doc.text.encode(), media_type="text/plain", text_hash=text_hash(doc.text), minhash=None
    )


def test_db_migrates_to_head_with_all_tables(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert {
        "documents",
        "raw_blobs",
        "quotes",
        "positions",
        "actors",
        "stage_runs",
        "alembic_version",
    } <= names
    store.migrate()  # idempotent


def test_db_add_document_once_and_keeps_raw(store: Store) -> None:
    doc = make_doc("Kyiv asked the alliance for an invitation to join NATO this week.")
    assert add(store, doc) is True
    assert add(store, doc) is False
    assert store.count_documents() == 1
    raw = store.get_raw(doc.raw_hash)
    assert raw is not None and raw[0] == doc.text.encode()
    got = store.get_document(doc.id[:8])
    assert got is not None and got.text == doc.text


def test_db_search_ranks_and_highlights(store: Store) -> None:
    best = make_doc("NATO membership for Ukraine was discussed. NATO NATO membership again.", source="1")
    other = make_doc("A story about fishing quotas in the North Sea and NATO membership once.", source="2")
    for d in (best, other, make_doc("Nothing relevant here at all, only weather.", source="3")):
        add(store, d)
    hits = store.search("NATO membership")
    assert [h.doc_id for h in hits] == [best.id, other.id]
    assert hits[0].score >= hits[1].score
    assert HL_START in hits[0].snippet and HL_END in hits[0].snippet
    # User input is never query syntax: operators and stray quotes cannot break the search.
    assert store.search('NATO" OR (') is not None
    assert store.search("") == []


def test_db_list_documents_filters_and_cursor(store: Store) -> None:
    for i, (pub, outlet) in enumerate([("2022-11", "A"), ("2024-10-18", "B"), ("2024-10", "A"), (None, "B")]):
        add(
            store,
            make_doc(f"document number {i} about something", source=f"s{i}", published=pub, outlet=outlet),
        )
    everything = store.list_documents(limit=None)
    assert [d.published for d in everything] == ["2024-10-18", "2024-10", "2022-11", None]
    assert {d.outlet for d in store.list_documents(DocFilter(outlet="a"))} == {"A"}
    assert [d.published for d in store.list_documents(DocFilter(since="2024"))] == ["2024-10-18", "2024-10"]
    # "until 2024-10" includes the whole month, day-precision dates in it too.
    assert [d.published for d in store.list_documents(DocFilter(until="2024-10"))] == [
        "2024-10-18",
        "2024-10",
        "2022-11",
    ]
    page1 = store.list_documents(limit=2)
    last = page1[-1]
    page2 = store.list_documents(limit=2, after=(last.published or "", last.id))
    assert [d.id for d in page1 + page2] == [d.id for d in everything]


def test_db_replace_nlp_is_atomic_per_document(store: Store) -> None:
    doc = make_doc("Zelensky said Ukraine wants to join NATO. He added more.")
    add(store, doc)
    m = Mention(doc.id, "person:zelensky", "Zelensky", 0, 8, "PERSON")
    q = Quote(
        doc.id,
        "Ukraine wants to join NATO",
        14,
        40,
        "indirect",
        "said",
        9,
        13,
        "Volodymyr Zelensky",
        "person:zelensky",
        "Zelensky",
        0,
        8,
    )
    p = Position(
        doc.id,
        "Volodymyr Zelensky",
        "person:zelensky",
        "Ukraine joins NATO",
        "support",
        0.9,
        None,
        "reported",
        doc.text[:41],
        0,
        41,
        q.id,
        ("wants to join",),
    )
    actor = Actor("person:zelensky", "Volodymyr Zelensky", "PERSON", ["Zelensky"], ["President"])
    res = NlpResult(doc.id, [m], [q], [], [p], {"nlp": "1", "stance": "1"})
    store.replace_nlp(res, [actor])
    store.replace_nlp(res, [actor])  # re-running replaces, never doubles
    assert len(store.quotes(doc_id=doc.id)) == 1
    assert len(store.mentions(actor_key="person:zelensky")) == 1
    assert store.positions(issue="ukraine joins nato")[0].cues == ("wants to join",)
    assert store.get_actors(["person:zelensky"])[0].roles == ["President"]
    assert store.docs_needing("nlp", "1") == []
    assert store.docs_needing("nlp", "2") == [doc.id]
    assert store.actor_counts()["person:zelensky"] == {"mentions": 1, "documents": 1, "quotes": 1}


def test_db_quote_spans_and_antecedent_round_trip(store: Store) -> None:
    text = "“The pier is safe,” she said, “and it opens in May.” Harbour master Ines Moller spoke first."
    doc = make_doc(text)
    add(store, doc)
    q = Quote(doc.id, text[1:50], 1, 50, "direct", "said", 24, 28, "Ines Moller", "person:moller", "she", 20, 23,
              0.9, spans=((1, 17), (31, 50)), antecedent="Ines Moller",
              antecedent_start=68, antecedent_end=79)  # fmt: skip
    store.replace_nlp(NlpResult(doc.id, [], [q], [], [], {"nlp": "1"}), [])
    (back,) = store.quotes(doc_id=doc.id)
    assert back == q


def test_db_unanalysable_marking_skips_until_versions_change(store: Store) -> None:
    doc = make_doc("The harbour board met on Monday.")
    add(store, doc)
    store.replace_nlp(NlpResult(doc.id, [], [], [], [], {"nlp": "n1"}), [])
    store.mark_unanalysable(doc.id, "[E310] the model failed on it", {"nlp": "n2"})
    assert store.docs_needing("nlp", "n2") == []
    assert store.docs_needing("nlp", "n3") == [doc.id]  # a new version retries it
    assert store.document_meta(doc.id)["unanalysable"] == "[E310] the model failed on it"
    assert store.stats()["unanalysable"] == 1
    assert store.unanalysable_documents() == [(doc.id, doc.source, "[E310] the model failed on it")]
    store.replace_nlp(NlpResult(doc.id, [], [], [], [], {"nlp": "n3"}, note="[E311] analysed in part"), [])
    meta = store.document_meta(doc.id)
    assert meta["unanalysable"] is None and meta["nlp_note"] == "[E311] analysed in part"
    assert store.stats()["unanalysable"] == 0 and store.stats()["partly_analysed"] == 1


def test_db_nlp_claims_are_exclusive_and_taken_over_when_stale(store: Store) -> None:
    import socket
    import subprocess
    import sys

    docs = [make_doc(f"The harbour board met on day {i}.", source=f"{i}.txt") for i in range(3)]
    for d in docs:
        add(store, d)
    ids = [d.id for d in docs]
    host = socket.gethostname()
    live = f"{host}:{os.getpid()}:a"
    assert store.claim_for_nlp(ids[:2], live) == ids[:2]
    assert store.claim_for_nlp(ids[:2], live) == ids[:2]  # renewing one's own claim
    assert store.claim_for_nlp(ids, f"{host}:{os.getpid()}:b") == ids[2:]
    # A claim of a process that has ended is taken over at once.
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = f"{host}:{int(ended.stdout)}:c"
    store.release_nlp_claims(live)
    assert store.claim_for_nlp(ids[:1], gone) == ids[:1]
    assert store.claim_for_nlp(ids[:1], live) == ids[:1]
    # A claim from another host is honoured until it expires.
    store.release_nlp_claims(live)
    assert store.claim_for_nlp(ids[:1], "elsewhere:1:d", ttl=-1) == ids[:1]
    assert store.claim_for_nlp(ids[:1], live) == ids[:1]
    store.release_nlp_claims(live)
    assert store.claim_for_nlp(ids[:1], "elsewhere:1:e", ttl=600) == ids[:1]
    assert store.claim_for_nlp(ids[:1], live) == []


def test_db_still_pending_filters_done_documents(store: Store) -> None:
    docs = [make_doc(f"The harbour board met on day {i}.", source=f"{i}.txt") for i in range(2)]
    for d in docs:
        add(store, d)
    store.replace_nlp(NlpResult(docs[0].id, [], [], [], [], {"nlp": "n1", "stance": "s1"}), [])
    assert store.still_pending([docs[1].id, docs[0].id], {"nlp": "n1", "stance": "s1"}) == [docs[1].id]
    assert store.still_pending([docs[0].id], {"nlp": "n1", "stance": "s2"}) == [docs[0].id]


def test_db_refused_values_are_one_documents_error(store: Store) -> None:
    import pytest

    from stanceline.errors import StoreError

    doc = make_doc("The harbour board met on Monday.")
    doc.published = "x" * 500  # longer than the column allows on PostgreSQL
    if store.dialect.name == "sqlite":
        doc.title = "\ud800"  # SQLite's driver cannot encode a lone surrogate
    with pytest.raises(StoreError) as caught:
        add(store, doc)
    assert caught.value.code == "E203"
    assert store.count_documents() == 0
    assert add(store, make_doc("The harbour board met on Tuesday."))
def test_db_near_duplicate_candidates_come_from_stored_bands(store: Store) -> None:
    body = " ".join(f"Delegates from {n} nations debated the fishing quota for the northern sea." for n in range(20))
    doc = make_doc(body)
    sig = minhash_bytes(minhash(body))
    store.add_document(doc, raw=b"x", media_type="text/plain", text_hash=text_hash(body), minhash=sig)
    copy_sig = minhash_bytes(minhash(body + " Share this article."))
    assert [d for d, _ in store.near_duplicate_candidates(band_keys(copy_sig))] == [doc.id]
    other = minhash_bytes(minhash("A late goal settled the derby after a goalless first half in heavy rain. " * 5))
    assert store.near_duplicate_candidates(band_keys(other)) == []
    # A duplicate's bands are not stored: only canonical documents are candidates.
    dup = make_doc(body + " Share this article.", source="b.txt")
    dup.duplicate_of = doc.id
    store.add_document(dup, raw=b"y", media_type="text/plain", text_hash=text_hash(dup.text), minhash=copy_sig)
    assert [d for d, _ in store.near_duplicate_candidates(band_keys(copy_sig))] == [doc.id]


def test_db_same_text_stored_twice_as_canonical_becomes_a_duplicate(store: Store) -> None:
    """What a second writer racing the first gets: the unique index turns it into a duplicate."""
    text = "The regional parliament approved the new water tariff after a four-hour debate on Tuesday."
    first, second = make_doc(text, source="one.txt"), make_doc(text, source="two.txt")
    assert add(store, first) and add(store, second)
    assert second.duplicate_of == first.id
    got = store.get_document(second.id)
    assert got is not None and got.duplicate_of == first.id


def test_db_document_list_walks_its_index(store: Store) -> None:
    for i in range(30):
        add(store, make_doc(f"Report number {i} on the harbour works and the new ferry line.", source=f"{i}.txt",
                            published=f"2024-01-{1 + i % 9:02d}" if i % 4 else None))
    everything = store.list_documents(limit=None)
    pages, after = [], None
    while True:
        page = store.list_documents(limit=7, after=after)
        if not page:
            break
        pages.extend(page)
        last = page[-1]
        after = (last.published or "", last.id)
    assert [d.id for d in pages] == [d.id for d in everything]
    if store.dialect.name == "sqlite":
        from sqlalchemy import text as sql

        from stanceline.store import schema as t

        q = select(t.documents.c.id).order_by(t.LIST_SORT_KEY.desc(), t.documents.c.id).limit(5)
        compiled = str(q.compile(store.engine, compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.execute(sql("EXPLAIN QUERY PLAN " + compiled)))
        assert "ix_documents_list" in plan and "TEMP B-TREE" not in plan


@pytest.mark.postgres
def test_db_concurrent_writers_merge_one_actor_without_losing_aliases(fresh_postgres: str) -> None:
    """Two processes' worth of writers (two engines, two threads) update one actor at the same time:
    every alias either of them saw must survive (a read-merge-write race would drop some)."""
    import threading

    from stanceline.nlp.actors.keys import merge_actors

    stores = [Store(fresh_postgres), Store(fresh_postgres, migrate=False)]
    docs = [make_doc(f"Statement number {i} by the harbour master about the pier.", source=f"{i}.txt")
            for i in range(40)]
    for d in docs:
        add(stores[0], d)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(w: int) -> None:
        try:
            barrier.wait()
            for i in range(w, len(docs), 2):
                actor = Actor("person:moller", "Ines Moller", "PERSON", [f"alias {i}"])
                result = NlpResult(docs[i].id, [], [], [], [], {"nlp": "1"})
                stores[w].replace_nlp(result, [actor], merge=merge_actors)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors
    (actor,) = stores[0].get_actors(["person:moller"])
    assert {f"alias {i}" for i in range(len(docs))} <= set(actor.aliases)
    for s in stores:
        s.close()


def test_db_stories_by_page_and_by_document(store: Store) -> None:
    from stanceline.model import Story

    docs = [make_doc(f"Report number {i} on the harbour strike and the talks that followed it.") for i in range(6)]
    for d in docs:
        add(store, d)
    stories = [
        Story(id=f"s:{i}", label=f"story {i}", doc_ids=[docs[i].id, docs[i + 3].id], start=f"2030-0{i + 1}-01",
              end=f"2030-0{i + 1}-02", terms=["strike"])
        for i in range(3)
    ]
    store.replace_stories(stories)
    assert [s.id for s in store.stories()] == ["s:2", "s:1", "s:0"]  # newest first
    page = store.stories(limit=2, offset=1)
    assert [s.id for s in page] == ["s:1", "s:0"]
    assert page[0].doc_ids == sorted([docs[1].id, docs[4].id])  # members of the page's stories
    assert [s.id for s in store.stories(doc_id=docs[5].id)] == ["s:2"]
    assert store.stories(doc_id="nothing") == []
    assert store.count_stories() == 3


def test_db_write_nlp_batch_stores_each_document_as_if_written_alone(store: Store) -> None:
    """Several documents in one write: each one's rows and stage versions replaced, an unanalysable
    mark among them, and one actor merged in document order (a union of the three would differ)."""
    from stanceline.nlp.actors.keys import merge_actors
    from stanceline.store.db import NlpWrite

    docs = [make_doc(f"The ferry company of the bay announced route number {i} on Tuesday.", source=f"{i}.txt")
            for i in range(4)]
    for d in docs:
        add(store, d)
    sightings = [
        Actor("org:bayline", "Ines Bayline", "PERSON", ["Bayline"]),
        Actor("org:bayline", "Bayline Ferries", "ORG", ["Bayline"]),
        Actor("org:bayline", "Bayline Ferries", "ORG", ["the ferry firm"]),
    ]

    def result(i: int) -> NlpResult:
        d = docs[i]
        m = Mention(d.id, "org:bayline", "The ferry company", 0, 17, "ORG")
        return NlpResult(d.id, [m], [], [], [], {"nlp": "n1", "stance": "s1"}, note="[E311] part" if i == 1 else None)

    writes = [NlpWrite(docs[i].id, result(i), [sightings[i]]) for i in range(3)]
    writes.append(NlpWrite(docs[3].id, unanalysable="[E310] the model failed on it", versions={"nlp": "n1"}))
    store.write_nlp(writes, merge=merge_actors)
    store.write_nlp(writes, merge=merge_actors)  # written again: replaced, never doubled
    expected: list[Actor] = []
    for seen in sightings * 2:  # one document at a time, both writes
        expected = merge_actors([*expected, seen])
    (got,) = store.get_actors(["org:bayline"])
    assert (got.name, got.type, sorted(got.aliases)) == (expected[0].name, "PERSON", sorted(expected[0].aliases))
    for i in range(3):
        assert [m.doc_id for m in store.mentions(doc_id=docs[i].id)] == [docs[i].id]
        assert store.stage_versions(docs[i].id) == {"nlp": "n1", "stance": "s1"}
    assert store.document_meta(docs[1].id)["nlp_note"] == "[E311] part"
    assert store.document_meta(docs[3].id)["unanalysable"] == "[E310] the model failed on it"
    assert store.docs_needing("nlp", "n1") == []
    assert store.docs_needing("stance", "s1") == [docs[3].id]
