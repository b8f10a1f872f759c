"""The digest leaves out what people flagged as wrong: a flagged position neither tallies, nor
speaks for its actor, nor makes a shift; a flagged quote is not cited. (SQLite and PostgreSQL.)"""

from __future__ import annotations

from stanceline.analyze.digest import build_digest
from stanceline.dedup import content_hash, document_id, text_hash
from stanceline.model import Actor, Document, Position, Quote
from stanceline.store.corrections import Correction, flag_target
from stanceline.store.db import NlpResult, Store

ISSUE = "Tram plan approved"
LIND = Actor("person:lind", "Ana Lind", "PERSON", ["Lind"], [])
# Invented for this test: a mayor who backs a plan in spring and, as one article misreads her, turns
# against it in autumn.
SPRING = 'Mayor Ana Lind said: "The tram plan deserves our full support, and soon."'
AUTUMN = "Mayor Ana Lind said the tram plan must be stopped before the vote."


def analysed(store: Store, text: str, published: str, stance: str) -> tuple[Document, Position, Quote]:
    h = content_hash(text.encode())
    d = Document(id=document_id(f"{published}.txt", h), source=f"{published}.txt", text=text, raw_hash=h,
                 published=published, date_source="manifest", date_confidence=1.0)  # fmt: skip
    store.add_document(d, raw=text.encode(), media_type="text/plain", text_hash=text_hash(text), minhash=None)
    said = text.index("said")
    start = said + 5
    q = Quote(d.id, text[start:], start, len(text), "direct", "said", said, said + 4, LIND.name, LIND.key,
              "Ana Lind", 6, 14)  # fmt: skip
    p = Position(d.id, LIND.name, LIND.key, ISSUE, stance, 0.9, published, "quote", text, 0,  # type: ignore[arg-type]
                 len(text), q.id, ("test",))  # fmt: skip
    store.replace_nlp(NlpResult(d.id, [], [q], [], [p], {"nlp": "1"}), [LIND])
    return d, p, q


def test_digest_leaves_out_flagged_positions_and_quotes(store: Store) -> None:
    analysed(store, SPRING, "2024-03-02", "support")
    autumn, p, q = analysed(store, AUTUMN, "2024-09-14", "oppose")
    (sec,) = build_digest(store).sections
    assert sec.tally == {"support": 1, "oppose": 1}
    assert [(m.from_stance, m.to_stance) for m in sec.moves] == [("support", "oppose")]
    assert sec.developments[0].stance == "oppose"
    assert len(sec.quotes) == 2
    store.add_correction(Correction("flag_position", flag_target(autumn.id, p.start, p.end),
                                    {"reason": "misread", "issue": ISSUE, "actors": [LIND.key]}))  # fmt: skip
    store.add_correction(Correction("flag_quote", flag_target(autumn.id, q.start, q.end), {"reason": "paraphrase"}))
    (sec,) = build_digest(store).sections
    assert sec.tally == {"support": 1}
    assert sec.moves == []
    assert [(x.stance, x.n_positions) for x in sec.developments] == [("support", 1)]
    assert [x.ref.doc_id for x in sec.quotes] != [] and autumn.id not in {x.ref.doc_id for x in sec.quotes}
