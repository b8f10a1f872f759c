"""The digest: built from stored extractions only, every line traceable to a document span."""

from __future__ import annotations

import pytest

from stanceline.analyze.digest import build_digest
from stanceline.model import anchor
from stanceline.store.db import Store


@pytest.fixture
def store(corpus_store: Store) -> Store:
    return corpus_store


def anchors_of(store: Store, doc_id: str) -> dict[str, str]:
    """Every anchor the document page has, mapped to the exact text it marks."""
    d = store.get_document(doc_id)
    assert d is not None
    out = {anchor(p.id): d.text[p.start : p.end] for p in store.positions(doc_id=doc_id)}
    out.update({anchor(q.id): d.text[q.start : q.end] for q in store.quotes(doc_id=doc_id)})
    return out


def test_digest_where_they_stand_is_each_actors_latest_position(store: Store) -> None:
    d = build_digest(store)
    assert [s.issue for s in d.sections] == ["Ukraine joins NATO"]
    dev = {x.actor_key: x for x in d.sections[0].developments}
    assert dev["person:zelensky"].stance == "conditional" and dev["person:zelensky"].ref.date == "2025-12-15"
    assert dev["russia"].stance == "oppose" and dev["person:rutte"].stance == "neutral"
    assert d.sections[0].tally == {"support": 3, "oppose": 2, "neutral": 2, "conditional": 2}


def test_digest_every_line_points_at_its_evidence(store: Store) -> None:
    d = build_digest(store)
    sec = d.sections[0]
    for x in sec.developments:
        assert anchors_of(store, x.ref.doc_id)[x.ref.anchor] == x.evidence
    for m in sec.moves:
        assert anchors_of(store, m.before.doc_id)[m.before.anchor] == m.before_evidence
        assert anchors_of(store, m.after.doc_id)[m.after.anchor] == m.after_evidence
    assert sec.quotes
    for q in sec.quotes:
        assert anchors_of(store, q.ref.doc_id)[q.ref.anchor] == q.text


def test_digest_who_moved(store: Store) -> None:
    moves = build_digest(store).sections[0].moves
    assert [(m.actor_key, m.from_stance, m.to_stance) for m in moves] == [("person:zelensky", "support", "conditional")]


def test_digest_period_and_issue_filters(store: Store) -> None:
    d = build_digest(store, since="2025-01-01")
    assert d.documents == 2 and d.period == "2025-01-01 – …"
    dev = {x.actor_key for x in d.sections[0].developments}
    assert dev == {"person:zelensky", "russia"}
    assert build_digest(store, until="2022-12").sections[0].moves == []
    assert build_digest(store, issue="no such issue").sections == []
    empty = build_digest(store, since="2030")
    assert empty.sections == [] and empty.documents == 0
