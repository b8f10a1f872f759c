"""People's flags on positions and quotes, on SQLite and PostgreSQL: a flagged row is listed with its
reason but no longer counted, and the flag follows its sentence when a re-analysis moves the span a
little, without ever landing on another sentence or another holder."""

from __future__ import annotations

from stanceline.dedup import content_hash, document_id, text_hash
from stanceline.model import Actor, Document, Mention, Position, Quote
from stanceline.store.corrections import Correction, flag_target, same_sentence
from stanceline.store.db import NlpResult, Store

ISSUE = "Ferry levy scrapped"
# Invented for these tests: a sentence, a neighbour, the same words again, and a later sentence.
TEXT = (
    'Harbour master Ines Moller told the board: "The ferry levy should go." '
    "Councillor Tom Ridge agreed with her. "
    '"The ferry levy should go." '
    "Moller later said the levy was fair."
)
S1 = (0, TEXT.index(" Councillor"))
S2 = (S1[1] + 1, TEXT.index("her.") + 4)
AGAIN = (S2[1] + 1, TEXT.index(" Moller later"))
S4 = (AGAIN[1] + 1, len(TEXT))
INNER = (TEXT.index("The ferry"), TEXT.index('go."') + 3)  # S1's quoted words, without the marks
MOLLER = Actor("person:moller", "Ines Moller", "PERSON", ["Moller"], [])
RIDGE = Actor("person:ridge", "Tom Ridge", "PERSON", [], [])


def make_doc(text: str) -> Document:
    h = content_hash(text.encode())
    return Document(id=document_id("levy.txt", h), source="levy.txt", text=text, raw_hash=h)


def add(store: Store, doc: Document) -> None:
    store.add_document(doc, raw=doc.text.encode(), media_type="text/plain", text_hash=text_hash(doc.text),
                       minhash=None)  # fmt: skip


def pos(doc_id: str, who: Actor, span: tuple[int, int], stance: str = "support", date: str = "2024-05") -> Position:
    return Position(doc_id, who.name, who.key, ISSUE, stance, 0.9, date, "reported",  # type: ignore[arg-type]
                    TEXT[span[0] : span[1]], span[0], span[1])  # fmt: skip


def quote(doc_id: str, span: tuple[int, int]) -> Quote:
    return Quote(doc_id, TEXT[span[0] : span[1]], span[0], span[1], "direct", "told", 27, 31,
                 "Ines Moller", "person:moller", "Moller", 15, 26)  # fmt: skip


def analyse(store: Store, doc_id: str, positions: list[Position], quotes: list[Quote] = ()) -> None:  # type: ignore[assignment]
    mentions = [Mention(doc_id, "person:moller", "Moller", 20, 26, "PERSON")]
    store.replace_nlp(NlpResult(doc_id, mentions, list(quotes), [], positions, {"nlp": "1"}), [MOLLER, RIDGE])


def flagged(store: Store) -> list[tuple[str, int, int, str | None]]:
    return sorted((p.actor_key, p.start, p.end, p.flag) for p in store.positions(flagged=True) if p.flag)


def test_corrections_flagged_position_is_listed_but_not_counted(store: Store) -> None:
    doc = make_doc(TEXT)
    add(store, doc)
    analyse(store, doc.id, [pos(doc.id, MOLLER, S1), pos(doc.id, MOLLER, S4, "oppose", "2024-09")])
    why = {"reason": "she quotes the petition", "issue": ISSUE, "actors": [MOLLER.key]}
    store.add_correction(Correction("flag_position", flag_target(doc.id, *S1), why))
    assert [(p.start, p.flag) for p in store.positions(flagged=True)] == [(0, "she quotes the petition"), (S4[0], None)]
    assert [p.start for p in store.positions()] == [S4[0]]
    assert [p.start for p in store.positions(issue=ISSUE.lower(), actor_keys=[MOLLER.key])] == [S4[0]]


def test_corrections_flag_follows_its_sentence_when_the_span_moves(store: Store) -> None:
    doc = make_doc(TEXT)
    add(store, doc)
    analyse(store, doc.id, [pos(doc.id, MOLLER, S1), pos(doc.id, MOLLER, AGAIN)])
    store.add_correction(Correction("flag_position", flag_target(doc.id, *S1),
                                    {"reason": "misread", "issue": ISSUE, "actors": [MOLLER.key]}))  # fmt: skip
    assert flagged(store) == [(MOLLER.key, *S1, "misread")]
    # A re-analysis narrows the evidence to the quoted words; another holder now has the whole
    # sentence; the same words said again later, the neighbour and the last sentence stay unflagged.
    analyse(store, doc.id, [pos(doc.id, MOLLER, INNER), pos(doc.id, RIDGE, S1), pos(doc.id, MOLLER, AGAIN),
                            pos(doc.id, RIDGE, S2), pos(doc.id, MOLLER, S4)])  # fmt: skip
    assert flagged(store) == [(MOLLER.key, *INNER, "misread")]
    assert (INNER[0], INNER[1]) not in {(p.start, p.end) for p in store.positions(actor_keys=[MOLLER.key])}
    # Evidence that reaches into the next sentence is another reading: the flag does not follow it.
    analyse(store, doc.id, [pos(doc.id, MOLLER, (S1[0], S2[1]))])
    assert flagged(store) == []
    # After a merge the holder's rows carry the other key; the flag goes with them.
    analyse(store, doc.id, [pos(doc.id, MOLLER, (S1[0] + 1, S1[1]))])
    store.add_correction(Correction("merge", MOLLER.key, {"into": RIDGE.key}))
    assert flagged(store) == [(RIDGE.key, S1[0] + 1, S1[1], "misread")]
    analyse(store, doc.id, [pos(doc.id, MOLLER, INNER)])  # the NLP stage still says person:moller
    assert flagged(store) == [(RIDGE.key, *INNER, "misread")]


def test_corrections_flagged_quote_follows_its_span_and_is_not_counted(store: Store) -> None:
    doc = make_doc(TEXT)
    add(store, doc)
    with_marks = (INNER[0] - 1, INNER[1] + 1)
    analyse(store, doc.id, [], [quote(doc.id, with_marks), quote(doc.id, AGAIN)])
    assert store.actor_counts()[MOLLER.key]["quotes"] == 2
    store.add_correction(Correction("flag_quote", flag_target(doc.id, *with_marks), {"reason": "not hers"}))
    analyse(store, doc.id, [], [quote(doc.id, INNER), quote(doc.id, AGAIN)])  # the marks left out now
    assert [(q.start, q.flag) for q in store.quotes(flagged=True)] == [(INNER[0], "not hers"), (AGAIN[0], None)]
    assert [q.start for q in store.quotes()] == [AGAIN[0]]
    assert store.actor_counts()[MOLLER.key]["quotes"] == 1


def test_corrections_same_sentence_never_crosses_a_sentence_start() -> None:
    assert same_sentence(TEXT, S1, INNER) and same_sentence(TEXT, INNER, (S1[0] + 2, S1[1] - 1))
    assert not same_sentence(TEXT, S1, (S1[0], S2[1]))
    assert not same_sentence(TEXT, S1, AGAIN) and not same_sentence(TEXT, S1, S2)
    titled = "Gen. Ana Ruiz backs the levy. Others do not."
    assert same_sentence(titled, (0, 29), (5, 29))  # "Gen." is a title, not a sentence end
    assert not same_sentence(titled, (0, 29), (0, len(titled)))


def test_corrections_flags_made_before_the_flag_column_are_carried_over(store: Store) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import insert

    from stanceline.store import schema as t
    from stanceline.store.db import MIGRATIONS

    doc = make_doc(TEXT)
    add(store, doc)
    analyse(store, doc.id, [pos(doc.id, MOLLER, S1), pos(doc.id, MOLLER, S4)])
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0014")
    with store.engine.begin() as conn:  # a flag as the store kept it before: by span only
        conn.execute(insert(t.corrections).values(kind="flag_position", target=flag_target(doc.id, *S4),
                                                  value_json=f'{{"reason": "old flag", "issue": "{ISSUE}"}}',
                                                  created_at="2026-01-01T00:00:00+00:00"))  # fmt: skip
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert flagged(store) == [(MOLLER.key, *S4, "old flag")]


def test_corrections_unflag_takes_back_the_flags_on_its_row_only(store: Store) -> None:
    doc = make_doc(TEXT)
    add(store, doc)
    analyse(store, doc.id, [pos(doc.id, MOLLER, S1), pos(doc.id, RIDGE, S1), pos(doc.id, MOLLER, S4)])
    for who, span in ((MOLLER, S1), (RIDGE, S1), (MOLLER, S4)):
        why = {"reason": f"wrong {who.key}", "issue": ISSUE, "actors": [who.key]}
        store.add_correction(Correction("flag_position", flag_target(doc.id, *span), why))
    assert len(flagged(store)) == 3
    # A re-analysis narrowed Moller's evidence; the unflag names the row as it now stands.
    analyse(store, doc.id, [pos(doc.id, MOLLER, INNER), pos(doc.id, RIDGE, S1), pos(doc.id, MOLLER, S4)])
    store.add_correction(Correction("unflag_position", flag_target(doc.id, *INNER),
                                    {"reason": "she said it", "issue": ISSUE, "actors": [MOLLER.key]}))  # fmt: skip
    expected = [(MOLLER.key, *S4, f"wrong {MOLLER.key}"), (RIDGE.key, *S1, f"wrong {RIDGE.key}")]
    assert flagged(store) == expected
    assert INNER[0] in {p.start for p in store.positions(actor_keys=[MOLLER.key])}  # counted again
    # It holds over a re-analysis, and a flag made after it marks the row again.
    analyse(store, doc.id, [pos(doc.id, MOLLER, S1), pos(doc.id, RIDGE, S1), pos(doc.id, MOLLER, S4)])
    assert flagged(store) == expected
    store.add_correction(Correction("flag_position", flag_target(doc.id, *S1),
                                    {"reason": "wrong again", "issue": ISSUE, "actors": [MOLLER.key]}))  # fmt: skip
    assert (MOLLER.key, *S1, "wrong again") in flagged(store)


def test_corrections_unflag_quote_counts_it_again(store: Store) -> None:
    doc = make_doc(TEXT)
    add(store, doc)
    analyse(store, doc.id, [], [quote(doc.id, INNER), quote(doc.id, AGAIN)])
    for span in (INNER, AGAIN):
        store.add_correction(Correction("flag_quote", flag_target(doc.id, *span), {"reason": "not hers"}))
    assert store.actor_counts()[MOLLER.key]["quotes"] == 0
    store.add_correction(Correction("unflag_quote", flag_target(doc.id, *AGAIN), {"reason": "hers after all"}))
    assert [(q.start, q.flag) for q in store.quotes(flagged=True)] == [(INNER[0], "not hers"), (AGAIN[0], None)]
    assert store.actor_counts()[MOLLER.key]["quotes"] == 1
