"""Exports: one row function per table (the contract in DESIGN.md), one writer per format.

Fields may be added, never renamed or dropped; unknown is null.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from stanceline.analyze.timeline import detect_shifts, same_person_keys
from stanceline.model import actor_id, record_dict
from stanceline.registry import Registry
from stanceline.store.corrections import as_dict
from stanceline.store.db import DocFilter, Store

Row = dict[str, Any]
Exporter = Callable[[Store], Iterator[Row]]
Writer = Callable[[Iterable[Row], IO[str], list[str]], int]

exporters: Registry[Exporter] = Registry("export table")
formats: Registry[Writer] = Registry("export format")

COLUMNS: dict[str, list[str]] = {
    "documents": [
        "id",
        "source",
        "outlet",
        "title",
        "published",
        "date_source",
        "date_confidence",
        "language",
        "text",
        "duplicate_of",
        "url",
        "author",
        "not_analysed",
    ],
    "quotes": [
        "id",
        "doc_id",
        "text",
        "start",
        "end",
        "kind",
        "cue",
        "speaker",
        "speaker_id",
        "speaker_mention",
        "speaker_start",
        "speaker_end",
        "cue_start",
        "cue_end",
        "confidence",
        "spans",
        "antecedent",
        "antecedent_start",
        "antecedent_end",
        "flag",
    ],
    "entities": ["id", "name", "type", "aliases", "mentions", "documents", "roles", "quotes"],
    "events": [
        "id",
        "doc_id",
        "actor",
        "action",
        "target",
        "date",
        "evidence",
        "start",
        "end",
        "actor_id",
        "target_id",
        "confidence",
    ],
    "positions": [
        "id",
        "doc_id",
        "actor",
        "actor_id",
        "issue",
        "stance",
        "confidence",
        "date",
        "voice",
        "evidence",
        "start",
        "end",
        "quote_id",
        "cues",
        "flag",
    ],
    "corrections": ["id", "kind", "target", "value", "note", "created_at"],
    "shifts": [
        "actor",
        "issue",
        "from_stance",
        "to_stance",
        "before_date",
        "after_date",
        "before_doc",
        "after_doc",
        "before_evidence",
        "after_evidence",
        "actor_id",
    ],
    "stories": ["id", "label", "start", "end", "terms", "documents"],
}


@exporters.register("documents")
def export_documents(store: Store) -> Iterator[Row]:
    for d in store.iter_documents(DocFilter()):
        yield {c: getattr(d, c) for c in COLUMNS["documents"]}


@exporters.register("quotes")
def export_quotes(store: Store) -> Iterator[Row]:
    # flagged quotes too: each row's `flag` is a person's "this is wrong", with the reason
    for q in store.quotes(flagged=True):
        yield {**record_dict(q), "speaker_id": actor_id(q.speaker_key) if q.speaker_key else None}


@exporters.register("entities")
def export_entities(store: Store) -> Iterator[Row]:
    counts = store.actor_counts()
    for a in store.get_actors():
        c = counts.get(a.key, {})
        yield {
            "id": a.id,
            "name": a.name,
            "type": a.type,
            "aliases": a.aliases,
            "mentions": c.get("mentions", 0),
            "documents": c.get("documents", 0),
            "roles": a.roles,
            "quotes": c.get("quotes", 0),
        }


@exporters.register("events")
def export_events(store: Store) -> Iterator[Row]:
    for e in store.events():
        yield {
            **record_dict(e),
            "actor_id": actor_id(e.actor_key) if e.actor_key else None,
            "target_id": actor_id(e.target_key) if e.target_key else None,
        }


@exporters.register("positions")
def export_positions(store: Store) -> Iterator[Row]:
    # one actor, one name across the corpus: the actors table's (merged over every document)
    names = {a.key: a.name for a in store.get_actors()}
    # flagged positions too, marked by their `flag` (they are left out of the shifts below)
    positions = store.positions(flagged=True)
    same = same_person_keys(p.actor_key for p in positions)
    for p in positions:
        key = same.get(p.actor_key, p.actor_key)
        yield {
            **record_dict(p),
            "actor": names.get(key) or p.actor,
            "actor_id": actor_id(key),
        }


@exporters.register("corrections")
def export_corrections(store: Store) -> Iterator[Row]:
    for c in store.corrections():
        # The value as JSON text: one cell in CSV, the same string in JSON Lines.
        yield {**as_dict(c), "value": json.dumps(c.value, ensure_ascii=False, sort_keys=True)}


@exporters.register("shifts")
def export_shifts(store: Store) -> Iterator[Row]:
    names = {a.key: a.name for a in store.get_actors()}
    for s in detect_shifts(store.positions(), actor_names=names):
        yield {**record_dict(s), "actor_id": actor_id(s.actor_key)}


@exporters.register("stories")
def export_stories(store: Store) -> Iterator[Row]:
    for s in store.stories():
        yield {
            "id": s.id,
            "label": s.label,
            "start": s.start,
            "end": s.end,
            "terms": s.terms,
            "documents": s.doc_ids,
        }


@formats.register("jsonl")
def write_jsonl(rows: Iterable[Row], out: IO[str], columns: list[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        n += 1
    return n


@formats.register("csv")
def write_csv(rows: Iterable[Row], out: IO[str], columns: list[str]) -> int:
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    n = 0
    for row in rows:
        # Lists become JSON so a cell round-trips; None becomes an empty cell (CSV's null).
        w.writerow(
            {c: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for c, v in row.items()}
        )
        n += 1
    return n


def export(store: Store, table: str, fmt: str, out: IO[str]) -> int:
    return formats.get(fmt)(exporters.get(table)(store), out, COLUMNS[table])
