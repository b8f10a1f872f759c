"""Corrections made by people, kept apart from the NLP stage's rows and applied again to what every
re-analysis writes, so a new NLP version cannot undo them.

Kinds:
- ``merge``: actor `target` is the same as actor ``into``: its mentions, quotes, positions and
  events move there, its names become the other's aliases, its own row goes.
- ``rename``: actor `target` is displayed as ``name`` (the old name stays an alias).
- ``split``: the mentions of actor `target` written as one of ``aliases`` are another actor,
  ``new_key`` named ``name``; their quotes and the positions resting on them move with them.
- ``flag_position`` / ``flag_quote``: the position or quote at `target` (``doc_id:start:end``, plus
  the issue for a position) is wrong, for ``reason``. Flags are read at display and export time, by
  span, so they hold for the same sentence after a re-analysis.

Corrections are applied in the order they were made, each over the documents being written.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from stanceline.store import schema as t

KINDS = ("merge", "rename", "split", "flag_position", "flag_quote")
ACTOR_KINDS = ("merge", "rename", "split")


@dataclass(frozen=True, slots=True)
class Correction:
    kind: str
    target: str
    value: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    id: int | None = None
    created_at: str | None = None


def as_dict(c: Correction) -> dict[str, Any]:
    """A correction as plain values: what the API answers and the export writes."""
    return {f.name: getattr(c, f.name) for f in fields(c)}


def flag_target(doc_id: str, start: int, end: int) -> str:
    return f"{doc_id}:{start}:{end}"


def _fold(name: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def record(conn: Connection, c: Correction) -> Correction:
    """Store a correction and apply it to every document now."""
    if c.kind not in KINDS:
        raise ValueError(f"unknown correction kind {c.kind!r}")
    at = datetime.now(UTC).isoformat(timespec="seconds")
    res = conn.execute(
        insert(t.corrections).values(
            kind=c.kind, target=c.target, value_json=json.dumps(c.value, ensure_ascii=False), note=c.note, created_at=at
        )
    )
    pk = res.inserted_primary_key
    stored = Correction(c.kind, c.target, c.value, c.note, int(pk[0]) if pk else None, at)
    _apply_one(conn, stored, None)
    return stored


def load(conn: Connection, kinds: Sequence[str] = KINDS) -> list[Correction]:
    c = t.corrections.c
    rows = conn.execute(select(t.corrections).where(c.kind.in_(list(kinds))).order_by(c.id))
    return [Correction(r.kind, r.target, json.loads(r.value_json), r.note, r.id, r.created_at) for r in rows]


def apply(conn: Connection, doc_ids: Sequence[str] | None) -> None:
    """Apply every actor correction, in order, to the rows of `doc_ids` (None: all documents)."""
    for c in load(conn, ACTOR_KINDS):
        _apply_one(conn, c, doc_ids)


def _in_docs(column: Any, doc_ids: Sequence[str] | None) -> list[Any]:
    return [] if doc_ids is None else [column.in_(list(doc_ids))]


def _actor(conn: Connection, key: str) -> Any:
    return conn.execute(select(t.actors).where(t.actors.c.key == key)).first()


def _set_aliases(conn: Connection, key: str, add: Sequence[str], drop: Sequence[str] = ()) -> None:
    row = _actor(conn, key)
    if row is None:
        return
    dropped = {_fold(d) for d in drop}
    aliases = [a for a in json.loads(row.aliases_json) if _fold(a) not in dropped]
    seen = {_fold(a) for a in aliases}
    for a in add:
        if a and _fold(a) not in seen and _fold(a) not in dropped:
            aliases.append(a)
            seen.add(_fold(a))
    stored = json.dumps(sorted(aliases), ensure_ascii=False)
    conn.execute(update(t.actors).where(t.actors.c.key == key).values(aliases_json=stored))


def _apply_one(conn: Connection, c: Correction, doc_ids: Sequence[str] | None) -> None:
    if c.kind == "merge":
        _merge(conn, c.target, str(c.value["into"]), doc_ids)
    elif c.kind == "rename":
        _rename(conn, c.target, str(c.value["name"]), doc_ids)
    elif c.kind == "split":
        _split(conn, c, doc_ids)


def _merge(conn: Connection, src: str, dst: str, doc_ids: Sequence[str] | None) -> None:
    m, q, p, e = t.mentions.c, t.quotes.c, t.positions.c, t.events.c
    conn.execute(update(t.mentions).where(m.actor_key == src, *_in_docs(m.doc_id, doc_ids)).values(actor_key=dst))
    conn.execute(update(t.quotes).where(q.speaker_key == src, *_in_docs(q.doc_id, doc_ids)).values(speaker_key=dst))
    conn.execute(update(t.positions).where(p.actor_key == src, *_in_docs(p.doc_id, doc_ids)).values(actor_key=dst))
    conn.execute(update(t.events).where(e.actor_key == src, *_in_docs(e.doc_id, doc_ids)).values(actor_key=dst))
    conn.execute(update(t.events).where(e.target_key == src, *_in_docs(e.doc_id, doc_ids)).values(target_key=dst))
    gone = _actor(conn, src)
    if gone is not None and gone.name:
        _set_aliases(conn, dst, [gone.name, *json.loads(gone.aliases_json)])
    conn.execute(delete(t.actors).where(t.actors.c.key == src))
    _display_name(conn, dst, doc_ids)


def _display_name(conn: Connection, key: str, doc_ids: Sequence[str] | None) -> None:
    """Quotes and positions of `key` carry its display name."""
    row = _actor(conn, key)
    if row is None or not row.name:
        return
    q, p = t.quotes.c, t.positions.c
    conn.execute(update(t.quotes).where(q.speaker_key == key, *_in_docs(q.doc_id, doc_ids)).values(speaker=row.name))
    conn.execute(update(t.positions).where(p.actor_key == key, *_in_docs(p.doc_id, doc_ids)).values(actor=row.name))


def _rename(conn: Connection, key: str, name: str, doc_ids: Sequence[str] | None) -> None:
    row = _actor(conn, key)
    if row is None:
        return
    if row.name and row.name != name:
        _set_aliases(conn, key, [row.name])
    conn.execute(update(t.actors).where(t.actors.c.key == key).values(name=name))
    _display_name(conn, key, doc_ids)


def _split(conn: Connection, c: Correction, doc_ids: Sequence[str] | None) -> None:
    src, new_key, name = c.target, str(c.value["new_key"]), str(c.value["name"])
    names = {_fold(a) for a in c.value.get("aliases", [])} | {_fold(name)}
    m, q, p = t.mentions.c, t.quotes.c, t.positions.c
    moved: dict[str, list[tuple[int, int]]] = {}
    mentions = select(m.id, m.doc_id, m.text, m.start, m.end).where(m.actor_key == src, *_in_docs(m.doc_id, doc_ids))
    for mr in conn.execute(mentions).all():
        if _fold(mr.text) in names:
            conn.execute(update(t.mentions).where(m.id == mr.id).values(actor_key=new_key))
            moved.setdefault(mr.doc_id, []).append((mr.start, mr.end))
    quotes_moved: set[str] = set()
    quotes = select(q.id, q.speaker_mention).where(q.speaker_key == src, *_in_docs(q.doc_id, doc_ids))
    for qr in conn.execute(quotes).all():
        if qr.speaker_mention and _fold(qr.speaker_mention) in names:
            conn.execute(update(t.quotes).where(q.id == qr.id).values(speaker_key=new_key, speaker=name))
            quotes_moved.add(qr.id)
    positions = select(p.id, p.doc_id, p.start, p.end, p.quote_id).where(
        p.actor_key == src, *_in_docs(p.doc_id, doc_ids)
    )
    for pr in conn.execute(positions).all():
        inside = any(pr.start <= a and b <= pr.end for a, b in moved.get(pr.doc_id, []))
        if (pr.quote_id and pr.quote_id in quotes_moved) or inside:
            conn.execute(update(t.positions).where(p.id == pr.id).values(actor_key=new_key, actor=name))
    old = _actor(conn, src)
    if _actor(conn, new_key) is None:
        kind = old.type if old is not None else ""
        conn.execute(
            insert(t.actors).values(
                key=new_key,
                name=name,
                type=str(c.value.get("type") or kind),
                aliases_json=json.dumps(sorted(set(c.value.get("aliases", [])) | {name}), ensure_ascii=False),
                roles_json="[]",
            )
        )
    _set_aliases(conn, src, [], drop=list(c.value.get("aliases", [])))


def flags(conn: Connection, kind: str) -> dict[tuple[str, int, int, str | None], str]:
    """Flagged spans of one kind: (doc_id, start, end, issue or None) → the reason given."""
    out: dict[tuple[str, int, int, str | None], str] = {}
    for c in load(conn, (kind,)):
        doc_id, start, end = c.target.rsplit(":", 2)
        out[(doc_id, int(start), int(end), c.value.get("issue"))] = str(c.value.get("reason") or "flagged as wrong")
    return out


def flag_of(found: dict[tuple[str, int, int, str | None], str], doc_id: str, start: int, end: int,
            issue: str | None = None) -> str | None:
    return found.get((doc_id, start, end, issue))
