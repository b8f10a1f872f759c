from __future__ import annotations

import csv
import io
import json

import pytest
from tests.store.test_db import add, make_doc

from stanceline.model import Actor, Mention, Quote
from stanceline.render.export import COLUMNS, export, exporters, formats
from stanceline.store.db import NlpResult, Store


def test_export_every_table_and_format_has_contract_columns(store: Store) -> None:
    doc = make_doc("Rutte said the door is open. It is, he said.", published="2024-10")
    add(store, doc)
    q = Quote(
        doc.id,
        "the door is open",
        11,
        27,
        "indirect",
        "said",
        6,
        10,
        "Mark Rutte",
        "person:rutte",
        "Rutte",
        0,
        5,
    )
    store.replace_nlp(
        NlpResult(doc.id, [Mention(doc.id, "person:rutte", "Rutte", 0, 5, "PERSON")], [q], [], [], {}),
        [Actor("person:rutte", "Mark Rutte", "PERSON", ["Rutte"])],
    )
    contract = {
        "documents": "id, source, outlet, title, published, date_source, date_confidence, language, text, duplicate_of",
        "quotes": "id, doc_id, text, start, end, kind, cue, speaker, speaker_id, speaker_mention, speaker_start, "
        "speaker_end",
        "entities": "id, name, type, aliases, mentions, documents",
        "events": "id, doc_id, actor, action, target, date, evidence, start, end",
        "positions": "id, doc_id, actor, actor_id, issue, stance, confidence, date, voice, evidence, start, end",
        "shifts": "actor, issue, from_stance, to_stance, before_date, after_date, before_doc, after_doc, "
        "before_evidence, after_evidence",
    }
    for table, cols in contract.items():
        assert COLUMNS[table][: len(cols.split(", "))] == cols.split(", "), table
    assert set(exporters.names()) >= set(contract)
    out = io.StringIO()
    assert export(store, "documents", "jsonl", out) == 1
    row = json.loads(out.getvalue())
    assert row["published"] == "2024-10" and row["duplicate_of"] is None and row["language"] is None
    out = io.StringIO()
    assert export(store, "quotes", "csv", out) == 1
    (qrow,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert doc.text[int(qrow["start"]) : int(qrow["end"])] == qrow["text"]
    assert qrow["speaker_id"] == "actor:person:rutte"
    out = io.StringIO()
    export(store, "entities", "jsonl", out)
    ent = json.loads(out.getvalue())
    assert ent["aliases"] == ["Rutte"] and ent["mentions"] == 1 and ent["documents"] == 1


def test_export_unknown_table_or_format_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown export table 'nope'"):
        exporters.get("nope")
    with pytest.raises(KeyError, match="known: csv, jsonl"):
        formats.get("xml")


def test_export_positions_and_shifts_name_one_person_one_way(store: Store) -> None:
    from stanceline.model import Position
    from stanceline.nlp.actors.keys import merge_actors

    docs = [
        make_doc("Orban said no to the bid in spring.", published="2031-03"),
        make_doc("Viktor Orbán backed the bid in autumn.", published="2031-10"),
    ]
    for d in docs:
        add(store, d)
    rows = [("Orban", "oppose", docs[0]), ("Viktor Orbán", "support", docs[1])]
    for name, stance, d in rows:
        ev = d.text
        p = Position(
            d.id, name, "person:orban", "Iceland joins the EU", stance, 0.9, d.published, "reported", ev, 0, len(ev)
        )
        store.replace_nlp(
            NlpResult(d.id, [Mention(d.id, "person:orban", name, 0, len(name), "PERSON")], [], [], [p], {}),
            [Actor("person:orban", name, "PERSON", [])],
            merge=merge_actors,
        )
    out = io.StringIO()
    export(store, "positions", "jsonl", out)
    names = {json.loads(line)["actor"] for line in out.getvalue().splitlines()}
    stored = {a.key: a.name for a in store.get_actors()}["person:orban"]
    assert names == {stored} == {"Viktor Orbán"}
    out = io.StringIO()
    export(store, "shifts", "jsonl", out)
    shifts = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [s["actor"] for s in shifts] == [stored]
