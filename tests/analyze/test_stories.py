"""Story clusters: near-duplicates plus TF-IDF topical links inside a time window."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from stanceline.analyze.stories import build_stories, date_span, story_id
from stanceline.model import Document
from stanceline.store.db import Store

SUMMIT = (
    "Leaders met at the {place} summit on {day} to discuss Ukraine's NATO membership bid, security guarantees "
    "for Kyiv, air defence deliveries and the invitation Zelensky has demanded. Rutte said the alliance "
    "would keep supporting Ukraine while the invitation question stays open."
)
FOOTBALL = (
    "The striker scored twice as the home side won the cup final on {day}; the goalkeeper saved a late "
    "penalty and the manager praised the defence, the midfield and the crowd at the {place} stadium."
)


def doc(key: str, text: str, published: str | None, *, title: str | None = None, dup: str | None = None) -> Document:
    return Document(
        id=hashlib.sha1(key.encode()).hexdigest()[:16],
        source=key,
        text=text,
        raw_hash=key,
        title=title,
        published=published,
        duplicate_of=dup,
    )


def test_stories_topical_cluster_within_window_not_across_it() -> None:
    a = doc("a", SUMMIT.format(place="Vilnius", day="Tuesday"), "2023-07-11", title="Vilnius summit opens")
    b = doc("b", SUMMIT.format(place="Vilnius", day="Wednesday"), "2023-07-12", title="Allies hedge on invitation")
    late = doc("c", SUMMIT.format(place="Washington", day="Thursday"), "2024-07-11", title="A year on")
    f1 = doc("f1", FOOTBALL.format(day="Saturday", place="national"), "2023-07-11", title="Cup final")
    f2 = doc("f2", FOOTBALL.format(day="Sunday", place="old"), "2023-07-12", title="Keeper the hero")
    stories = build_stories([late, f1, a, b, f2])
    groups = sorted(sorted(s.doc_ids) for s in stories)
    assert groups == sorted([sorted([a.id, b.id]), sorted([f1.id, f2.id])])
    summit = next(s for s in stories if a.id in s.doc_ids)
    assert summit.label == "Vilnius summit opens"  # the earliest title
    assert (summit.start, summit.end) == ("2023-07-11", "2023-07-12")
    assert "invitation" in summit.terms and "striker" not in summit.terms


def test_stories_near_duplicates_join_their_canonical_document() -> None:
    a = doc("a", SUMMIT.format(place="Vilnius", day="Tuesday"), "2023-07-11")
    dup = doc("dup", "Completely different words here about cooking pasta.", None, dup=a.id)
    stories = build_stories([a, dup])
    assert len(stories) == 1 and sorted(stories[0].doc_ids) == sorted([a.id, dup.id])
    assert stories[0].label  # no titles: the top terms


def test_stories_ids_are_stable_and_order_independent() -> None:
    docs = [doc(k, SUMMIT.format(place="Vilnius", day=k), "2023-07-11") for k in ("x", "y", "z")]
    one = build_stories(docs)
    two = build_stories(list(reversed(docs)))
    assert [s.id for s in one] == [s.id for s in two]
    # A story keeps the id of the document that started it (the first in id order here).
    assert one[0].id == story_id(min(d.id for d in docs))


def test_stories_singletons_empty_and_stopword_only_inputs() -> None:
    assert build_stories([]) == []
    assert build_stories([doc("a", SUMMIT, "2023-01-01")]) == []
    assert build_stories([doc("a", "the and of", None), doc("b", "a an the", None)]) == []


def test_stories_date_spans_cover_their_precision() -> None:
    day, month, year = date_span("2024-10-18"), date_span("2024-10"), date_span("2024")
    assert day and month and year
    assert month.lo <= day.lo <= month.hi and year.lo <= month.lo and month.hi <= year.hi
    assert date_span("2024-02-30") is None and date_span("yesterday") is None and date_span(None) is None


FERRY = (
    "The ferry {name} ran aground off Skerra Point on {day} with 212 passengers on board; the coast guard "
    "moved everyone to lifeboats and tugs from Halvik tried to pull the hull free at high tide."
)
BRIDGE = (
    "Engineers closed the Marren river bridge on {day} after cracks were found in two piers; commuters "
    "from Ostby were sent on a 40-minute detour and the council promised a temporary crossing."
)


def test_stories_same_event_joins_and_same_topic_other_event_does_not() -> None:
    a = doc("a", FERRY.format(name="Nordlys", day="Friday"), "2030-02-01", title="Ferry aground off Skerra Point")
    b = doc("b", FERRY.format(name="Nordlys", day="Friday night"), "2030-02-02", title="Passengers rescued")
    c = doc("c", BRIDGE.format(day="Monday"), "2030-02-02", title="Marren bridge shut")
    d = doc("d", BRIDGE.format(day="Tuesday"), "2030-02-03", title="Detour for Ostby commuters")
    groups = sorted(sorted(s.doc_ids) for s in build_stories([a, b, c, d]))
    assert groups == sorted([sorted([a.id, b.id]), sorted([c.id, d.id])])


def test_stories_update_assigns_only_new_documents_and_keeps_story_ids(tmp_path: Path) -> None:
    from stanceline.analyze.stories import update_stories
    from stanceline.dedup import text_hash
    from stanceline.store.db import Store

    with Store(f"sqlite:///{tmp_path / 's.db'}") as store:
        def add(d: Document) -> None:
            store.add_document(d, raw=d.text.encode(), media_type="text/plain", text_hash=text_hash(d.text),
                               minhash=None)

        first = [doc("a", FERRY.format(name="Nordlys", day="Friday"), "2030-02-01", title="Aground"),
                 doc("b", FERRY.format(name="Nordlys", day="Friday night"), "2030-02-02", title="Rescued"),
                 doc("c", BRIDGE.format(day="Monday"), "2030-02-02", title="Bridge shut")]
        for d in first:
            add(d)
        assert update_stories(store) == 3
        (story,) = store.stories()
        assert update_stories(store) == 0  # nothing new: nothing done
        late = doc("e", FERRY.format(name="Nordlys", day="Saturday"), "2030-02-03", title="Hull pulled free")
        add(late)
        assert update_stories(store) == 1
        (grown,) = store.stories()
        assert grown.id == story.id and late.id in grown.doc_ids and len(grown.doc_ids) == 3
        assert store.get_story(story.id) == grown


@pytest.mark.parametrize("n", [600])
def test_stories_many_documents_stay_fast_and_bounded(n: int) -> None:
    import time

    docs = [doc(str(i), FOOTBALL.format(day=str(i), place=f"p{i % 7}"), f"2024-01-{1 + i % 28:02d}") for i in range(n)]
    t0 = time.process_time()  # CPU, not wall: the bound is about the method, not the machine's load
    stories = build_stories(docs)
    assert time.process_time() - t0 < 20
    assert sum(len(s.doc_ids) for s in stories) <= n


def test_stories_claim_by_one_run_is_invisible_to_a_concurrent_run(store: Store, tmp_path: Path) -> None:
    # Two ingests update stories at the same time: what one has claimed, the other must not assign
    # again (on SQLite a read outside the write transaction used to hand both runs the same rows).
    from stanceline.dedup import text_hash

    docs = [doc(k, BRIDGE.format(day=k), "2030-02-02") for k in ("Monday", "Tuesday", "Wednesday")]
    for d in docs:
        store.add_document(d, raw=d.text.encode(), media_type="text/plain", text_hash=text_hash(d.text), minhash=None)
    other = Store(str(store.engine.url.render_as_string(hide_password=False)))
    got: list[list[str]] = []
    try:
        with store.story_tables() as first:
            (claimed,) = [d for _, d in first.claim(1)]

            def second_run() -> None:
                with other.story_tables() as second:
                    got.append([d for _, d in second.claim(10)])

            runner = threading.Thread(target=second_run)
            runner.start()
            runner.join(0.5)  # the second run waits for the first one's transaction (or skips its rows)
        runner.join(30)
    finally:
        other.close()
    assert got and claimed not in got[0]
    assert sorted([claimed, *got[0]]) == sorted(d.id for d in docs)
