"""Story clusters: near-duplicates plus TF-IDF topical links inside a time window."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from stanceline.analyze.stories import build_stories, date_span, story_id
from stanceline.model import Document

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
    assert one[0].id == story_id([d.id for d in docs]) == story_id([d.id for d in reversed(docs)])


def test_stories_singletons_empty_and_stopword_only_inputs() -> None:
    assert build_stories([]) == []
    assert build_stories([doc("a", SUMMIT, "2023-01-01")]) == []
    assert build_stories([doc("a", "the and of", None), doc("b", "a an the", None)]) == []


def test_stories_date_spans_cover_their_precision() -> None:
    day, month, year = date_span("2024-10-18"), date_span("2024-10"), date_span("2024")
    assert day and month and year
    assert month.lo <= day.lo <= month.hi and year.lo <= month.lo and month.hi <= year.hi
    assert date_span("2024-02-30") is None and date_span("yesterday") is None and date_span(None) is None


def test_stories_seed_corpus_gives_the_two_expected_stories(seeds_dir: Path, seeds_manifest: Path) -> None:
    docs = []
    for line in seeds_manifest.read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        docs.append(
            doc(m["file"], (seeds_dir / m["file"]).read_text(encoding="utf-8"), m["published"], title=m["title"])
        )
    by_file = {d.source: d.id for d in docs}
    groups = sorted(sorted(s.doc_ids) for s in build_stories(docs))
    expected = [
        sorted([by_file["001_572140cbbd6419e4.txt"], by_file["002_91c3661b066e67d6.txt"]]),  # Oct 2024
        sorted([by_file["003_6b857da7f190e2c9.txt"], by_file["004_d7f20a4d311d374e.txt"]]),  # Dec 2025
    ]
    assert groups == sorted(expected)


@pytest.mark.parametrize("n", [600])
def test_stories_many_documents_stay_fast_and_bounded(n: int) -> None:
    import time

    docs = [doc(str(i), FOOTBALL.format(day=str(i), place=f"p{i % 7}"), f"2024-01-{1 + i % 28:02d}") for i in range(n)]
    t0 = time.perf_counter()
    stories = build_stories(docs)
    assert time.perf_counter() - t0 < 20
    assert sum(len(s.doc_ids) for s in stories) <= n
