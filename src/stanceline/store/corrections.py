"""Corrections made by people, kept apart from the NLP stage's rows and applied again to what every
re-analysis writes, so a new NLP version cannot undo them.

Kinds:
- ``merge``: actor `target` is the same as actor ``into``: its mentions, quotes, positions and
  events move there, its names become the other's aliases, its own row goes.
- ``rename``: actor `target` is displayed as ``name`` (the old name stays an alias).
- ``split``: the mentions of actor `target` written as one of ``aliases`` are another actor,
  ``new_key`` named ``name``; their quotes and the positions resting on them move with them.
- ``flag_position`` / ``flag_quote``: the position or quote at `target` (``doc_id:start:end``) is
  wrong, for ``reason``. A position's flag also names its ``issue`` and, when known, its holders
  (``actors``, actor keys).
- ``unflag_position`` / ``unflag_quote``: the flags made before it on the row at `target` are
  withdrawn: every earlier flag of the same kind in that document whose span is in the same
  sentence as `target` (by the rule below) and, for a position, on the same ``issue`` and one of
  its ``actors`` (a flag that named no holders is withdrawn for all of them). The withdrawn flags
  stay on record; a later flag on the row marks it again.

Flags are written onto the rows they mark (the ``flag`` column of positions and quotes), now and
after every re-analysis. A flagged row is still listed and exported, with its reason, but it no
longer counts: `counted` is the condition every count and every read for analysis applies
(timelines, charts, shifts, the digest, quote shares). A re-analysis may move a span by a few
characters (a quotation mark or the attribution in or out), so a flag marks, in its own document:
1. the rows at exactly its span (for a position: on its issue, held by one of its holders), or,
   when no such row is left,
2. the rows on the same issue and holder whose span overlaps the flagged one without reaching into
   another sentence: no sentence starts inside the two spans' union except where both spans cover
   it. So a flag follows its sentence as its edges move or as the evidence narrows to a clause of
   it, and never lands on a neighbouring sentence, or on the same words said again elsewhere.
A holder is followed through later merges and splits (the rows move to the other key). A flag
without holders (made before they were recorded) marks every holder's row, as it always did.

Corrections are applied in the order they were made, each over the documents being written.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, delete, func, insert, select, update

from stanceline.store import schema as t

ACTOR_KINDS = ("merge", "rename", "split")
FLAG_KINDS = ("flag_position", "flag_quote")
UNFLAG_KINDS = ("unflag_position", "unflag_quote")
KINDS = (*ACTOR_KINDS, *FLAG_KINDS, *UNFLAG_KINDS)


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
    if c.kind in FLAG_KINDS or c.kind in UNFLAG_KINDS:
        _apply_flags(conn, load(conn), [c.target.rsplit(":", 2)[0]])
    else:
        _apply_one(conn, stored, None)
    return stored


def load(conn: Connection, kinds: Sequence[str] = KINDS) -> list[Correction]:
    c = t.corrections.c
    rows = conn.execute(select(t.corrections).where(c.kind.in_(list(kinds))).order_by(c.id))
    return [Correction(r.kind, r.target, json.loads(r.value_json), r.note, r.id, r.created_at) for r in rows]


def apply(conn: Connection, doc_ids: Sequence[str] | None) -> None:
    """Apply every actor correction, in order, to the rows of `doc_ids` (None: all documents), then
    the flags (they follow holders through the actor corrections)."""
    made = load(conn)  # one read: this runs for every document a re-analysis writes
    for c in made:
        if c.kind in ACTOR_KINDS:
            _apply_one(conn, c, doc_ids)
    _apply_flags(conn, made, doc_ids)


def counted(table: Table) -> ColumnElement[bool]:
    """The rows of `table` (positions or quotes) that count: those nobody flagged as wrong."""
    return table.c.flag.is_(None)


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


# A sentence starts after a stop, closing quotation marks or brackets, and space. A stop after a
# capitalised word of up to three letters or a single letter is taken for an abbreviation or an
# initial ("Mr.", "Gen.", "J.", "U.S."), not a sentence end.
_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_LAST_WORD = re.compile(r"(\w+)$")


def _abbreviation(text: str, stop: int) -> bool:
    m = _LAST_WORD.search(text[max(0, stop - 10) : stop])
    word = m.group(1) if m else ""
    return len(word) == 1 or (2 <= len(word) <= 3 and word[0].isupper() and word[1:].islower())


def _sentence_starts(text: str, lo: int, hi: int) -> list[int]:
    out = []
    for m in _BREAK.finditer(text, lo, hi):
        if text[m.start()] == "." and _abbreviation(text, m.start()):
            continue
        if lo < m.end() < hi:
            out.append(m.end())
    return out


def same_sentence(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans `a` and `b` of `text` overlap and neither reaches into a sentence the other does not
    touch: every sentence start inside their union lies inside both."""
    (a0, a1), (b0, b1) = a, b
    lo, hi, in0, in1 = min(a0, b0), max(a1, b1), max(a0, b0), min(a1, b1)
    if in0 >= in1:
        return False
    return all(in0 < k < in1 for k in _sentence_starts(text, lo, hi))


def _holders(made: Sequence[Correction], keys: Sequence[str]) -> set[str]:
    """`keys` and the keys their rows moved to by merges and splits, in the order they were made."""
    out = set(keys)
    for c in made:
        if c.kind in ("merge", "split") and c.target in out:
            out.add(str(c.value["into"] if c.kind == "merge" else c.value["new_key"]))
    return out


def _span(c: Correction) -> tuple[str, tuple[int, int]]:
    doc_id, start, end = c.target.rsplit(":", 2)
    return doc_id, (int(start), int(end))


def _withdraws(u: Correction, f: Correction, made: Sequence[Correction], text: str) -> bool:
    """Unflag `u` takes back flag `f` (both in one document), by the rule in the module's docstring."""
    if u.kind != "un" + f.kind or not same_sentence(text, _span(f)[1], _span(u)[1]):
        return False
    if f.kind == "flag_quote":
        return True
    issue, u_issue = str(f.value.get("issue") or ""), str(u.value.get("issue") or "")
    if issue and u_issue and issue.casefold() != u_issue.casefold():
        return False
    holders = f.value.get("actors")
    return not holders or bool(_holders(made, holders) & set(u.value.get("actors") or []))


def _in_force(made: Sequence[Correction], cs: Sequence[Correction], text: str) -> list[Correction]:
    """The flags among `cs` (one document's flags and unflags, in order) that no later unflag took back."""
    out: list[Correction] = []
    for c in cs:
        if c.kind in FLAG_KINDS:
            out.append(c)
        else:
            out = [f for f in out if not _withdraws(c, f, made, text)]
    return out


def _apply_flags(conn: Connection, made: Sequence[Correction], doc_ids: Sequence[str] | None) -> None:
    """Write the reason of each flag among `made` that is still in force onto the rows it marks in
    `doc_ids` (None: all), by the rule in the module's docstring. Rows a re-analysis writes come
    without a flag; a document with an unflag has its flags cleared first and written again, so the
    rows a withdrawn flag marked lose it."""
    found: dict[str, list[Correction]] = {}
    for c in made:
        doc_id = _span(c)[0] if c.kind in FLAG_KINDS or c.kind in UNFLAG_KINDS else None
        if doc_id is not None and (doc_ids is None or doc_id in doc_ids):
            found.setdefault(doc_id, []).append(c)
    for doc_id, cs in found.items():
        text = conn.execute(select(t.documents.c.text).where(t.documents.c.id == doc_id)).scalar()
        if text is None:
            continue
        if any(c.kind in UNFLAG_KINDS for c in cs):
            for table in (t.positions, t.quotes):
                conn.execute(update(table).where(table.c.doc_id == doc_id).values(flag=None))
        for c in _in_force(made, cs, text):
            span = _span(c)[1]
            reason = str(c.value.get("reason") or "flagged as wrong")
            table = t.positions if c.kind == "flag_position" else t.quotes
            where = [table.c.doc_id == doc_id]
            if c.kind == "flag_position":
                if c.value.get("issue"):
                    where.append(func.lower(table.c.issue) == str(c.value["issue"]).lower())
                if c.value.get("actors"):
                    where.append(table.c.actor_key.in_(sorted(_holders(made, c.value["actors"]))))
            rows = conn.execute(select(table.c.id, table.c.start, table.c.end).where(*where)).all()
            marked = [r.id for r in rows if (r.start, r.end) == span]
            if not marked:
                marked = [r.id for r in rows if same_sentence(text, span, (r.start, r.end))]
            if marked:
                conn.execute(update(table).where(table.c.id.in_(marked)).values(flag=reason))
