"""The store: one small interface over SQLite (default) or PostgreSQL, selected by URL.

All reads and writes of the database go through `Store`; dialect differences are in dialect.py.
Writes to one document's rows happen in one transaction, so a killed run leaves each document
either fully stored or absent, and the next run picks up where it stopped.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Row, bindparam, create_engine, delete, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError, StatementError

from stanceline.dedup import band_keys
from stanceline.errors import StoreError
from stanceline.model import Actor, Document, Event, Mention, Position, Quote, Story, record_dict
from stanceline.store import corrections
from stanceline.store import schema as t
from stanceline.store.dialect import Dialect, SearchHit, dialect_for
from stanceline.store.search import SearchPage, SearchQuery, actors_named, expand, parse_query, run_search
from stanceline.store.story_index import StoryTables

MIGRATIONS = Path(__file__).parent / "migrations"
R = TypeVar("R", Mention, Quote, Event, Position)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class DocFilter:
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    actor_key: str | None = None
    issue: str | None = None
    include_duplicates: bool = True
    doc_ids: Sequence[str] | None = None
    language: str | None = None
    # Documents mentioning any of these actors (search's `actor:` filter: every actor a name names).
    actor_keys: Sequence[str] | None = None


@dataclass(frozen=True, slots=True)
class NlpResult:
    """Everything the NLP stage stores for one document, replaced as a unit."""

    doc_id: str
    mentions: Sequence[Mention]
    quotes: Sequence[Quote]
    events: Sequence[Event]
    positions: Sequence[Position]
    versions: dict[str, str]
    note: str | None = None  # e.g. only a prefix of an over-long text was analysed


@dataclass(frozen=True, slots=True)
class NlpWrite:
    """One document's NLP to store: its result and actors, or why it cannot be analysed."""

    doc_id: str
    result: NlpResult | None = None
    actors: Sequence[Actor] = ()
    unanalysable: str | None = None
    versions: dict[str, str] | None = None  # the stage versions of an unanalysable mark

    @property
    def stage_versions(self) -> dict[str, str]:
        return self.result.versions if self.result is not None else (self.versions or {})


class Store:
    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {url!r}: {exc}", code="E201") from exc
        self.dialect: Dialect = dialect_for(self.engine.dialect.name)
        self.dialect.configure(self.engine)
        # datasette's habit: one writer at a time inside a process (SQLite allows one anyway).
        self.write_lock = threading.Lock()
        if migrate:
            self.migrate()

    # -- schema ---------------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest migration. A database already there is recognised with one
        query, without loading alembic (which costs more than an unchanged re-run's whole work)."""
        if self._at_head():
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate database {self.url!r}: {exc}", code="E202") from exc

    def _at_head(self) -> bool:
        head = _head_revision()
        if head is None:
            return False
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except SQLAlchemyError:
            return False
        return [r[0] for r in rows] == [head]

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents: write -----------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc_id)).first() is not None

    def existing_documents(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of `doc_ids` are stored: one indexed query for a whole batch of inputs."""
        if not doc_ids:
            return set()
        with self.engine.connect() as conn:
            return {r.id for r in conn.execute(select(t.documents.c.id).where(t.documents.c.id.in_(list(doc_ids))))}

    def remembered_failures(self, doc_ids: Sequence[str], prepared_with: str) -> dict[str, tuple[str, str]]:
        """Of `doc_ids`, those whose failure was decided with `prepared_with`: id → (code, reason)."""
        if not doc_ids:
            return {}
        c = t.failed_items.c
        q = select(c.doc_id, c.code, c.reason).where(c.doc_id.in_(list(doc_ids)), c.prepared_with == prepared_with)
        with self.engine.connect() as conn:
            return {r.doc_id: (r.code, r.reason) for r in conn.execute(q)}

    def remember_failure(self, doc_id: str, prepared_with: str, code: str, reason: str) -> None:
        """Store (or replace) the failure of one item, decided with `prepared_with`."""
        row = {"doc_id": doc_id, "prepared_with": prepared_with, "code": code, "reason": reason}
        with self.write_lock, self.engine.begin() as conn:
            conn.execute(delete(t.failed_items).where(t.failed_items.c.doc_id == doc_id))
            conn.execute(insert(t.failed_items), [row])

    def find_by_text_hash(self, text_hash: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.documents.c.id)
                .where(t.documents.c.text_hash == text_hash, t.documents.c.duplicate_of.is_(None))
                .limit(1)
            ).first()
        return row.id if row else None

    def near_duplicate_candidates(self, bands: Sequence[tuple[int, int]]) -> list[tuple[str, bytes]]:
        """Canonical documents sharing an LSH band with `bands`, with their signatures: an index
        lookup per band, however large the corpus."""
        if not bands:
            return []
        # Plain SQL: this runs once per new document, and building the OR expression each time cost
        # more than the query.
        match = " OR ".join(f"(band = :b{i} AND key = :k{i})" for i in range(len(bands)))
        params: dict[str, int] = {}
        for i, (band, key) in enumerate(bands):
            params[f"b{i}"], params[f"k{i}"] = band, key
        sql = text(
            "SELECT id, minhash FROM documents WHERE minhash IS NOT NULL AND id IN"
            f" (SELECT doc_id FROM dedup_bands WHERE {match}) ORDER BY id"
        )
        with self.engine.connect() as conn:
            return [(r.id, bytes(r.minhash)) for r in conn.execute(sql, params)]

    def add_document(
        self,
        doc: Document,
        *,
        raw: bytes,
        media_type: str,
        text_hash: str,
        minhash: bytes | None,
        date_evidence: str | None = None,
        meta: dict[str, Any] | None = None,
        stage_versions: dict[str, str] | None = None,
    ) -> bool:
        """Store a document with its raw bytes, search index entry and (if canonical) its LSH bands
        and story queue entry; False if it was already there (also when another process stored it
        first). If another writer stored the same text as canonical meanwhile, this one is stored as
        its duplicate (`doc.duplicate_of` is set). Raises StoreError (E203) when the database
        refuses this document's values; nothing of it is kept then."""

        def write() -> bool:
            with self.write_lock, self.engine.begin() as conn:
                if conn.execute(select(t.documents.c.id).where(t.documents.c.id == doc.id)).first():
                    return False
                if not conn.execute(select(t.raw_blobs.c.hash).where(t.raw_blobs.c.hash == doc.raw_hash)).first():
                    conn.execute(
                        insert(t.raw_blobs).values(hash=doc.raw_hash, media_type=media_type, size=len(raw), content=raw)
                    )
                conn.execute(
                    insert(t.documents).values(
                        id=doc.id,
                        source=doc.source,
                        url=doc.url,
                        outlet=doc.outlet,
                        title=doc.title,
                        author=doc.author,
                        published=doc.published,
                        date_source=doc.date_source,
                        date_confidence=doc.date_confidence,
                        date_evidence=date_evidence,
                        language=doc.language,
                        text=doc.text,
                        words=len(doc.text.split()),
                        text_hash=text_hash,
                        raw_hash=doc.raw_hash,
                        duplicate_of=doc.duplicate_of,
                        minhash=minhash,
                        meta_json=json.dumps(meta or {}, ensure_ascii=False),
                        ingested_at=now_iso(),
                    )
                )
                if doc.duplicate_of is None:
                    self.dialect.index_document(conn, doc.id, doc.title, doc.text)
                    if minhash is not None:
                        conn.execute(
                            insert(t.dedup_bands),
                            [{"band": b, "key": k, "doc_id": doc.id} for b, k in band_keys(minhash)],
                        )
                    conn.execute(insert(t.story_queue).values(doc_id=doc.id))
                if stage_versions:  # a new document has no stage rows yet: nothing to delete first
                    at = now_iso()
                    marks = stage_versions.items()
                    rows = [{"doc_id": doc.id, "stage": k, "version": v, "ran_at": at} for k, v in marks]
                    conn.execute(insert(t.stage_runs), rows)
            return True

        try:
            try:
                return write()
            except IntegrityError:
                # A concurrent ingest stored this document, or its raw bytes, between check and insert;
                # or it stored the same text as canonical first (the unique index on canonical text
                # hashes refuses a second one): then this one is stored as that one's duplicate.
                if self.has_document(doc.id):
                    return False
                if doc.duplicate_of is None:
                    doc.duplicate_of = self.find_by_text_hash(text_hash)
                return write()
        except (DataError, StatementError, UnicodeEncodeError) as exc:
            if isinstance(exc, OperationalError):
                raise
            why = exc.orig if isinstance(exc, StatementError) and exc.orig else exc
            raise StoreError(f"the database refused this document: {why}", code="E203") from exc

    def log_source(self, run_id: str, source: str, status: str, doc_id: str | None, reason: str | None) -> None:
        self.log_sources([(run_id, source, status, doc_id, reason)])

    def log_sources(self, rows: Sequence[tuple[str, str, str, str | None, str | None]]) -> None:
        """Several ingest-log rows in one transaction."""
        if not rows:
            return
        at = now_iso()
        with self.write_lock, self.engine.begin() as conn:
            conn.execute(
                insert(t.ingest_log),
                [
                    {"run_id": r, "source": s, "status": st, "doc_id": d, "reason": why, "at": at}
                    for r, s, st, d, why in rows
                ],
            )

    # -- stage bookkeeping ----------------------------------------------------------------------
    def docs_needing(self, stage: str, version: str, *, limit: int | None = None) -> list[str]:
        """Canonical documents whose `stage` output is missing or from another version."""
        current = (
            select(t.stage_runs.c.doc_id)
            .where(t.stage_runs.c.stage == stage, t.stage_runs.c.version == version)
            .scalar_subquery()
        )
        q = (
            select(t.documents.c.id)
            .where(t.documents.c.duplicate_of.is_(None), t.documents.c.id.not_in(current))
            .order_by(t.documents.c.id)
        )
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(q)]

    def stage_versions(self, doc_id: str) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.stage_runs).where(t.stage_runs.c.doc_id == doc_id))
            return {r.stage: r.version for r in rows}

    # -- NLP results ----------------------------------------------------------------------------
    def replace_nlp(
        self,
        result: NlpResult,
        actors: Iterable[Actor],
        merge: Callable[[list[Actor]], list[Actor]] | None = None,
    ) -> None:
        """Swap one document's extractions for new ones, atomically, and upsert its actors.

        With `merge`, each actor is combined with its stored row inside this transaction: the rows
        are created if missing, then locked (PostgreSQL: SELECT … FOR UPDATE in key order; SQLite:
        the transaction already holds the database's write lock after its first delete), so two
        writers updating one actor at once apply one after the other and neither loses the other's
        aliases. Without `merge` the given actors replace the stored ones."""
        self.write_nlp([NlpWrite(result.doc_id, result, list(actors))], merge=merge)

    def mark_unanalysable(self, doc_id: str, reason: str, versions: dict[str, str]) -> None:
        """Record why the NLP stage cannot analyse a document, drop its older extractions, and mark
        its stage versions current: later runs skip it until one of those versions changes."""
        self.write_nlp([NlpWrite(doc_id, unanalysable=reason, versions=versions)])

    def write_nlp(
        self, writes: Sequence[NlpWrite], merge: Callable[[list[Actor]], list[Actor]] | None = None
    ) -> None:
        """Several documents' NLP results (or unanalysable marks) in one transaction, stored as if
        each were written alone in the given order (see replace_nlp and mark_unanalysable): each
        document's rows are replaced as a unit with its stage versions, and each actor merged with
        what the documents before it left. A writer killed mid-transaction stores none of them, so
        the next run analyses them again; nothing is stored twice. The statements are one per table
        for the whole batch instead of one per document, which is what makes a batch cheaper.

        Raises StoreError (E204) when the database refuses a value of the batch; nothing of it is
        kept then (nlp/stage.store_outputs writes the documents alone to find the one at fault)."""
        last: dict[str, NlpWrite] = {}
        for w in writes:  # a later result for the same document supersedes an earlier one
            last.pop(w.doc_id, None)
            last[w.doc_id] = w
        batch = list(last.values())
        if not batch:
            return
        ids = [w.doc_id for w in batch]
        try:
            with self.write_lock, self.engine.begin() as conn:
                for table in (t.mentions, t.quotes, t.events, t.positions):
                    conn.execute(delete(table).where(table.c.doc_id.in_(ids)))
                done = [w.result for w in batch if w.result is not None]
                rows = [_row(t.mentions, m) for r in done for m in r.mentions]
                if rows:
                    conn.execute(insert(t.mentions), rows)
                for table, part in ((t.quotes, "quotes"), (t.events, "events"), (t.positions, "positions")):
                    # Ids are deduplicated within a document, as a document written alone would be.
                    rows = [x for r in done for x in _dedupe_ids([_row(table, v) for v in getattr(r, part)])]
                    if rows:
                        conn.execute(insert(table), rows)
                self._write_actors(conn, [list(w.actors) for w in batch if w.actors], merge)
                # People's corrections hold over what the NLP stage just wrote (store/corrections.py).
                if done:
                    corrections.apply(conn, [r.doc_id for r in done])
                self._mark_stages(conn, [(w.doc_id, w.stage_versions) for w in batch])
                conn.execute(
                    update(t.documents)
                    .where(t.documents.c.id == bindparam("b_id"))
                    .values(unanalysable=bindparam("b_why"), nlp_note=bindparam("b_note")),
                    [
                        {"b_id": w.doc_id, "b_why": w.unanalysable, "b_note": w.result.note if w.result else None}
                        for w in batch
                    ],
                )
        except (DataError, IntegrityError, StatementError, UnicodeEncodeError) as exc:
            if isinstance(exc, OperationalError):
                raise
            why = exc.orig if isinstance(exc, StatementError) and exc.orig else exc
            raise StoreError(f"the database refused this analysis: {why}", code="E204") from exc

    def _write_actors(
        self, conn: Connection, per_doc: list[list[Actor]], merge: Callable[[list[Actor]], list[Actor]] | None
    ) -> None:
        """Upsert the documents' actors in order. With `merge`, the union of their keys is locked once
        (in key order) and each document's actors are merged with what the earlier ones left, in
        memory, so the stored rows end as after one write per document; then one update per key."""
        if not per_doc:
            return
        if merge is None:
            self._upsert_actors(conn, [a for actors in per_doc for a in actors])
            return
        state = {a.key: a for a in self._lock_actors(conn, [a for actors in per_doc for a in actors])}
        for actors in per_doc:
            mine = {a.key for a in actors}
            state.update((a.key, a) for a in merge([*(state[k] for k in sorted(mine) if k in state), *actors]))
        # Every key has a row now (stored, or the placeholder _lock_actors inserted): updates suffice.
        conn.execute(
            update(t.actors).where(t.actors.c.key == bindparam("b_key")),
            [{"b_key": k, **_actor_values(a)} for k, a in sorted(state.items())],
        )

    def _mark_stages(self, conn: Connection, marks: list[tuple[str, dict[str, str]]]) -> None:
        """Each document's stages at the given versions (its other stages' rows are left as they are)."""
        by_stage: dict[str, list[str]] = {}
        for doc_id, versions in marks:
            for stage in versions:
                by_stage.setdefault(stage, []).append(doc_id)
        for stage, ids in sorted(by_stage.items()):
            conn.execute(delete(t.stage_runs).where(t.stage_runs.c.stage == stage, t.stage_runs.c.doc_id.in_(ids)))
        at = now_iso()
        rows = [{"doc_id": d, "stage": s, "version": v, "ran_at": at} for d, vs in marks for s, v in vs.items()]
        if rows:
            conn.execute(insert(t.stage_runs), rows)

    def _lock_actors(self, conn: Connection, actors: list[Actor]) -> list[Actor]:
        """The stored rows of these actors' keys, locked for this transaction."""
        keys = sorted({a.key for a in actors})
        placeholder = {"name": "", "type": "", "aliases_json": "[]", "roles_json": "[]"}
        self.dialect.insert_missing(conn, t.actors, [{"key": k, **placeholder} for k in keys], "key")
        q = select(t.actors).where(t.actors.c.key.in_(keys)).order_by(t.actors.c.key)
        if self.dialect.name == "postgresql":
            q = q.with_for_update()
        # A placeholder row (just inserted, by us or by a writer that has not committed) is not an actor.
        return [_actor(r) for r in conn.execute(q) if r.name]

    # -- NLP claims: concurrent runs share the work instead of repeating it ----------------------
    def claim_for_nlp(self, doc_ids: Sequence[str], owner: str, *, ttl: float = 600.0) -> list[str]:
        """Claim `doc_ids` for `owner` (``host:pid:run``); returns those now claimed by it. Claims
        of a process that is gone (same host) or past their expiry are taken over."""
        if not doc_ids:
            return []
        now = time.time()
        host = owner.split(":", 1)[0]
        with self.write_lock, self.engine.begin() as conn:
            held = conn.execute(
                select(t.nlp_claims.c.doc_id, t.nlp_claims.c.owner, t.nlp_claims.c.expires_at).where(
                    t.nlp_claims.c.doc_id.in_(list(doc_ids))
                )
            ).all()
            stale = [r.doc_id for r in held if r.owner != owner and (r.expires_at < now or _gone(r.owner, host))]
            if stale:
                conn.execute(delete(t.nlp_claims).where(t.nlp_claims.c.doc_id.in_(stale)))
        claimed: set[str] = set()
        with self.write_lock, self.engine.begin() as conn:
            # In id order, so that two runs claiming overlapping windows lock rows in one order.
            for doc_id in sorted(set(doc_ids)):
                # One statement both dialects read alike: a row another run holds stays as it is.
                done = conn.execute(
                    text(
                        "INSERT INTO nlp_claims (doc_id, owner, expires_at) VALUES (:d, :o, :e) "
                        "ON CONFLICT (doc_id) DO UPDATE SET expires_at = excluded.expires_at "
                        "WHERE nlp_claims.owner = excluded.owner"
                    ),
                    {"d": doc_id, "o": owner, "e": now + ttl},
                )
                if done.rowcount:
                    claimed.add(doc_id)
        return [d for d in doc_ids if d in claimed]

    def release_nlp_claims(self, owner: str) -> None:
        with self.write_lock, self.engine.begin() as conn:
            conn.execute(delete(t.nlp_claims).where(t.nlp_claims.c.owner == owner))

    def still_pending(self, doc_ids: Sequence[str], versions: dict[str, str]) -> list[str]:
        """Those of `doc_ids` (in order) some stage of which is not at `versions`: another run may
        have analysed the rest since the list was made."""
        if not doc_ids:
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.stage_runs.c.doc_id, t.stage_runs.c.stage, t.stage_runs.c.version).where(
                    t.stage_runs.c.doc_id.in_(list(doc_ids)), t.stage_runs.c.stage.in_(list(versions))
                )
            ).all()
        current: dict[str, int] = {}
        for r in rows:
            if versions.get(r.stage) == r.version:
                current[r.doc_id] = current.get(r.doc_id, 0) + 1
        return [d for d in doc_ids if current.get(d, 0) < len(versions)]

    def unanalysable_documents(self, limit: int | None = None) -> list[tuple[str, str, str]]:
        """(id, source, reason) of documents the NLP stage could not analyse."""
        q = (
            select(t.documents.c.id, t.documents.c.source, t.documents.c.unanalysable)
            .where(t.documents.c.unanalysable.is_not(None))
            .order_by(t.documents.c.id)
        )
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [(r.id, r.source, r.unanalysable) for r in conn.execute(q)]

    def replace_positions(self, doc_id: str, positions: Sequence[Position], version: str) -> None:
        with self.write_lock, self.engine.begin() as conn:
            conn.execute(delete(t.positions).where(t.positions.c.doc_id == doc_id))
            if positions:
                conn.execute(insert(t.positions), _dedupe_ids([_row(t.positions, p) for p in positions]))
            corrections.apply(conn, [doc_id])
            self._mark_stages(conn, [(doc_id, {"stance": version})])

    def _upsert_actors(self, conn: Connection, actors: Iterable[Actor]) -> None:
        for a in actors:
            values = _actor_values(a)
            done = conn.execute(update(t.actors).where(t.actors.c.key == a.key).values(**values))
            if done.rowcount == 0:
                conn.execute(insert(t.actors).values(key=a.key, **values))

    def add_correction(self, c: corrections.Correction) -> corrections.Correction:
        """Store a person's correction and apply it to the stored rows now (and to every later
        re-analysis: see store/corrections.py)."""
        with self.write_lock, self.engine.begin() as conn:
            return corrections.record(conn, c)

    def corrections(self, kinds: Sequence[str] = corrections.KINDS) -> list[corrections.Correction]:
        with self.engine.connect() as conn:
            return corrections.load(conn, kinds)

    def get_actors(self, keys: Iterable[str] | None = None) -> list[Actor]:
        q = select(t.actors)
        if keys is not None:
            keys = list(keys)
            if not keys:
                return []
            q = q.where(t.actors.c.key.in_(keys))
        with self.engine.connect() as conn:
            return [_actor(r) for r in conn.execute(q.order_by(t.actors.c.key))]

    @contextmanager
    def story_tables(self) -> Iterator[StoryTables]:
        """The stories' index tables inside one write transaction."""
        with self.write_lock, self.engine.begin() as conn:
            yield StoryTables(conn, self.dialect.name)

    def get_story(self, story_id: str) -> Story | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(t.stories).where(t.stories.c.id == story_id)).first()
            if r is None:
                return None
            ids = [x.doc_id for x in conn.execute(
                select(t.story_documents.c.doc_id).where(t.story_documents.c.story_id == story_id)
            )]
        return Story(id=r.id, label=r.label, doc_ids=sorted(ids), start=r.start, end=r.end,
                     terms=json.loads(r.terms_json))

    def story_vectors(self, doc_ids: Sequence[str]) -> dict[str, dict[str, float]]:
        v = t.story_vectors.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(v.doc_id, v.vector_json).where(v.doc_id.in_(list(doc_ids))))
            return {r.doc_id: json.loads(r.vector_json) for r in rows}

    def replace_stories(self, stories: Sequence[Story]) -> None:
        with self.write_lock, self.engine.begin() as conn:
            conn.execute(delete(t.story_documents))
            conn.execute(delete(t.stories))
            for s in stories:
                conn.execute(
                    insert(t.stories).values(
                        id=s.id,
                        label=s.label,
                        start=s.start,
                        end=s.end,
                        terms_json=json.dumps(s.terms, ensure_ascii=False),
                    )
                )
                if s.doc_ids:
                    conn.execute(insert(t.story_documents), [{"story_id": s.id, "doc_id": d} for d in s.doc_ids])

    # -- reads ----------------------------------------------------------------------------------
    def get_document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).first()
            if r is None and len(doc_id) >= 4:
                # Short ids, like git's: accept a unique prefix.
                rows = conn.execute(
                    select(t.documents).where(t.documents.c.id.like(doc_id.replace("%", "") + "%")).limit(2)
                ).all()
                r = rows[0] if len(rows) == 1 else None
        return _document(r) if r else None

    def get_raw(self, raw_hash: str) -> tuple[bytes, str] | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(t.raw_blobs).where(t.raw_blobs.c.hash == raw_hash)).first()
        return (bytes(r.content), r.media_type) if r else None

    def document_meta(self, doc_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            r = conn.execute(
                select(
                    t.documents.c.meta_json,
                    t.documents.c.date_evidence,
                    t.documents.c.unanalysable,
                    t.documents.c.nlp_note,
                ).where(t.documents.c.id == doc_id)
            ).first()
        if r is None:
            return {}
        meta: dict[str, Any] = json.loads(r.meta_json or "{}")
        meta["date_evidence"] = r.date_evidence
        meta["unanalysable"] = r.unanalysable
        meta["nlp_note"] = r.nlp_note
        return meta

    def _doc_where(self, f: DocFilter) -> list[Any]:
        c = t.documents.c
        where: list[Any] = []
        if f.outlet:
            where.append(func.lower(c.outlet) == f.outlet.lower())
        if f.since:
            where.append(c.published >= f.since)
        if f.until:
            # A month-precision "2024-10" sorts before "2024-10-18": compare on the prefix.
            where.append(func.substr(c.published, 1, len(f.until)) <= f.until)
        if not f.include_duplicates:
            where.append(c.duplicate_of.is_(None))
        if f.doc_ids is not None:
            where.append(c.id.in_(list(f.doc_ids)))
        if f.actor_key:
            where.append(c.id.in_(select(t.mentions.c.doc_id).where(t.mentions.c.actor_key == f.actor_key)))
        if f.actor_keys is not None:
            where.append(c.id.in_(select(t.mentions.c.doc_id).where(t.mentions.c.actor_key.in_(list(f.actor_keys)))))
        if f.language:
            where.append(c.language == f.language)
        if f.issue:
            where.append(c.id.in_(select(t.positions.c.doc_id).where(t.positions.c.issue == f.issue)))
        return where

    def list_documents(
        self, f: DocFilter = DocFilter(), *, limit: int | None = 50, after: tuple[str, str] | None = None
    ) -> list[Document]:
        """Newest first; `after` is a keyset cursor (sort key, id) so pages stay stable under inserts."""
        c = t.documents.c
        sort_key = t.LIST_SORT_KEY
        q = select(t.documents).where(*self._doc_where(f))
        if after is not None:
            k, i = after
            # The plain `<=` bounds the index walk; the OR only filters inside that range.
            q = q.where(sort_key <= k, or_(sort_key < k, c.id > i))
        q = q.order_by(sort_key.desc(), c.id)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [_document(r) for r in conn.execute(q)]

    def iter_documents(self, f: DocFilter = DocFilter()) -> Iterator[Document]:
        with self.engine.connect() as conn:
            rows = conn.execution_options(stream_results=True, yield_per=200).execute(
                select(t.documents).where(*self._doc_where(f)).order_by(t.documents.c.id)
            )
            for r in rows:
                yield _document(r)

    def count_documents(self, f: DocFilter = DocFilter()) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(select(func.count()).select_from(t.documents).where(*self._doc_where(f))).scalar_one()
            )

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """The hits of a query line, best first (see `search_page` for the total and filters)."""
        return self.search_page(query, limit=limit, offset=offset).hits

    def search_page(
        self,
        query: str | SearchQuery,
        *,
        limit: int = 20,
        offset: int = 0,
        include_duplicates: bool = True,
        issue: str | None = None,
    ) -> SearchPage:
        """A page of a query's hits with the total (store/search.py has the language). The query's
        terms are widened by the spellings of the actors they name; `actor:` keeps documents
        mentioning any actor the name names (none: no results); `issue` keeps documents holding a
        position on it (the web form's filter; the query line has no issue keyword)."""
        q = parse_query(query) if isinstance(query, str) else query
        if q.empty:  # nothing asked: no results (the document list is list_documents)
            return SearchPage([], 0, offset, limit)
        actors = self.get_actors() if q.clauses or q.actor else []
        q, named = expand(q, actors)
        keys: list[str] | None = None
        if q.actor:
            matched = actors_named(q.actor, actors)
            keys = [a.key for a in matched]
            named.update((a.key, a.name) for a in matched)
        f = DocFilter(
            outlet=q.outlet,
            since=q.since,
            until=q.until,
            language=q.language,
            actor_keys=keys,
            issue=issue,
            include_duplicates=include_duplicates,
        )
        with self.engine.connect() as conn:
            hits, total = run_search(conn, self.dialect, q, self._doc_where(f), limit=limit, offset=offset)
        return SearchPage(hits, total, offset, limit, named)

    def quotes(
        self, *, doc_id: str | None = None, speaker_keys: Sequence[str] | None = None, flagged: bool = False
    ) -> list[Quote]:
        """Quotes that count; with `flagged`, also those flagged as wrong (each with its `flag`), for
        the listings that show them marked (store/corrections.py)."""
        q = select(t.quotes)
        if not flagged:
            q = q.where(corrections.counted(t.quotes))
        if doc_id:
            q = q.where(t.quotes.c.doc_id == doc_id)
        if speaker_keys is not None:
            q = q.where(t.quotes.c.speaker_key.in_(list(speaker_keys)))
        with self.engine.connect() as conn:
            res = conn.execute(q.order_by(t.quotes.c.doc_id, t.quotes.c.start))
            return _records(Quote, res.all(), list(res.keys()))

    def mentions(self, *, doc_id: str | None = None, actor_key: str | None = None) -> list[Mention]:
        q = select(t.mentions)
        if doc_id:
            q = q.where(t.mentions.c.doc_id == doc_id)
        if actor_key:
            q = q.where(t.mentions.c.actor_key == actor_key)
        with self.engine.connect() as conn:
            res = conn.execute(q.order_by(t.mentions.c.doc_id, t.mentions.c.start))
            return _records(Mention, res.all(), list(res.keys()))

    def events(self, *, doc_id: str | None = None) -> list[Event]:
        q = select(t.events)
        if doc_id:
            q = q.where(t.events.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            res = conn.execute(q.order_by(t.events.c.doc_id, t.events.c.start))
            return _records(Event, res.all(), list(res.keys()))

    def positions(
        self,
        *,
        issue: str | None = None,
        actor_keys: Sequence[str] | None = None,
        doc_id: str | None = None,
        flagged: bool = False,
    ) -> list[Position]:
        """Positions that count, what timelines, charts, shifts and the digest are built from; with
        `flagged`, also those a person flagged as wrong (each with its `flag`), for the listings
        and exports that show them marked (store/corrections.py)."""
        q = select(t.positions)
        if not flagged:
            q = q.where(corrections.counted(t.positions))
        if issue:
            q = q.where(func.lower(t.positions.c.issue) == issue.lower())
        if actor_keys is not None:
            q = q.where(t.positions.c.actor_key.in_(list(actor_keys)))
        if doc_id:
            q = q.where(t.positions.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            res = conn.execute(q.order_by(t.positions.c.date, t.positions.c.doc_id))
            return _records(Position, res.all(), list(res.keys()))

    def actor_counts(self) -> dict[str, dict[str, int]]:
        """Per actor key: mentions, documents and quotes counts (quotes flagged as wrong left out)."""
        out: dict[str, dict[str, int]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(
                select(
                    t.mentions.c.actor_key,
                    func.count().label("n"),
                    func.count(func.distinct(t.mentions.c.doc_id)).label("d"),
                ).group_by(t.mentions.c.actor_key)
            ):
                out[r.actor_key] = {"mentions": r.n, "documents": r.d, "quotes": 0}
            for r in conn.execute(
                select(t.quotes.c.speaker_key, func.count().label("n"))
                .where(t.quotes.c.speaker_key.is_not(None), corrections.counted(t.quotes))
                .group_by(t.quotes.c.speaker_key)
            ):
                out.setdefault(r.speaker_key, {"mentions": 0, "documents": 0, "quotes": 0})["quotes"] = r.n
        return out

    def stories(self, *, limit: int | None = None, offset: int = 0, doc_id: str | None = None) -> list[Story]:
        """Stories, newest first: all of them, a page (`limit`, `offset`), or those holding `doc_id`.
        Members are read for the selected stories only (index lookups), so a page or one document's
        stories cost the same whatever the number of stories."""
        st, sd = t.stories.c, t.story_documents.c
        q = select(t.stories).order_by(st.start.desc(), st.id)
        if doc_id is not None:
            q = q.where(st.id.in_(select(sd.story_id).where(sd.doc_id == doc_id)))
        if limit is not None:
            q = q.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = list(conn.execute(q))
            members: dict[str, list[str]] = {}
            if limit is None and doc_id is None:
                found = conn.execute(select(t.story_documents))
            else:
                found = conn.execute(select(t.story_documents).where(sd.story_id.in_([r.id for r in rows])))
            for r in found:
                members.setdefault(r.story_id, []).append(r.doc_id)
        return [
            Story(
                id=r.id,
                label=r.label,
                doc_ids=sorted(members.get(r.id, [])),
                start=r.start,
                end=r.end,
                terms=json.loads(r.terms_json),
            )
            for r in rows
        ]

    def count_stories(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.stories)).scalar_one())

    def latest_run(self) -> str | None:
        """The id of the most recent ingest run, if any."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.ingest_log.c.run_id).order_by(t.ingest_log.c.id.desc()).limit(1)
            ).first()
        return row.run_id if row else None

    def ingest_failures(self, run_id: str | None = None) -> list[Row[Any]]:
        q = select(t.ingest_log).where(t.ingest_log.c.status == "failed")
        if run_id:
            q = q.where(t.ingest_log.c.run_id == run_id)
        with self.engine.connect() as conn:
            return list(conn.execute(q.order_by(t.ingest_log.c.id)))

    def stats(self) -> dict[str, Any]:
        c = t.documents.c
        with self.engine.connect() as conn:

            def count(table: Any, *where: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

            by_source: dict[str, int] = dict(
                conn.execute(select(c.date_source, func.count()).group_by(c.date_source)).tuples().all()
            )
            outlets: dict[str, int] = dict(
                conn.execute(select(func.coalesce(c.outlet, "(unknown)"), func.count()).group_by(c.outlet))
                .tuples()
                .all()
            )
            span = conn.execute(select(func.min(c.published), func.max(c.published))).first()
            return {
                "documents": count(t.documents),
                "canonical": count(t.documents, c.duplicate_of.is_(None)),
                "duplicates": count(t.documents, c.duplicate_of.is_not(None)),
                "words": int(conn.execute(select(func.coalesce(func.sum(c.words), 0))).scalar_one()),
                "raw_bytes": int(conn.execute(select(func.coalesce(func.sum(t.raw_blobs.c.size), 0))).scalar_one()),
                "actors": count(t.actors),
                "mentions": count(t.mentions),
                "quotes": count(t.quotes),
                "events": count(t.events),
                "positions": count(t.positions),
                "stories": count(t.stories),
                "unanalysable": count(t.documents, c.unanalysable.is_not(None)),
                "partly_analysed": count(t.documents, c.nlp_note.is_not(None)),
                "date_sources": by_source,
                "outlets": outlets,
                "earliest": span[0] if span else None,
                "latest": span[1] if span else None,
            }


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


@cache
def _head_revision() -> str | None:
    """The one revision no migration revises, read from the migration files' text; None if there is
    not exactly one (alembic then decides)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for kind, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            (revisions if kind == "revision" else revised).add(value)
    heads = revisions - revised
    return next(iter(heads)) if len(heads) == 1 else None


# -- row <-> record ----------------------------------------------------------------------------
def _gone(owner: str, host: str) -> bool:
    """Whether the process named in a claim's owner (``host:pid:run``) is known to have ended:
    only a process on this host can be checked."""
    parts = owner.split(":")
    if len(parts) < 2 or parts[0] != host or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, owned by another user
    return False


def _actor_values(a: Actor) -> dict[str, Any]:
    return {
        "name": a.name,
        "type": a.type,
        "aliases_json": json.dumps(sorted(set(a.aliases)), ensure_ascii=False),
        "roles_json": json.dumps(sorted(set(a.roles)), ensure_ascii=False),
    }


def _dedupe_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(r["id"], r)
    return list(seen.values())


def _document(r: Any) -> Document:
    return Document(
        id=r.id,
        source=r.source,
        text=r.text,
        raw_hash=r.raw_hash,
        url=r.url,
        outlet=r.outlet,
        title=r.title,
        author=r.author,
        published=r.published,
        date_source=r.date_source,
        date_confidence=r.date_confidence,
        language=r.language,
        not_analysed=getattr(r, "unanalysable", None),
        duplicate_of=r.duplicate_of,
    )


def _row(table: Any, record: Any) -> dict[str, Any]:
    """A record as a row of `table`: its fields that are columns; lists are stored as JSON."""
    values = record_dict(record)
    row = {c.name: values.get(c.name) for c in table.columns if c.name in values}
    if "cues_json" in table.c:
        row["cues_json"] = json.dumps(values.get("cues", []), ensure_ascii=False)
    if "spans_json" in table.c:
        row["spans_json"] = json.dumps(values.get("spans") or [])
    return row


def _records(cls: type[R], rows: Iterable[Any], keys: Sequence[str]) -> list[R]:
    """The inverse of `_row`: stored rows back into records. Which column feeds which field is
    worked out once per result, not per row (a timeline reads thousands of positions a request)."""
    names = {f.name for f in fields(cls)}
    take = [(k, i) for i, k in enumerate(keys) if k in names]
    cues = keys.index("cues_json") if "cues_json" in keys else None
    spans = keys.index("spans_json") if "spans_json" in keys else None
    out: list[R] = []
    for r in rows:
        values = {k: r[i] for k, i in take}
        if cues is not None:
            raw = r[cues]
            values["cues"] = () if raw == "[]" else tuple(json.loads(raw))
        if spans is not None:
            raw = r[spans]
            values["spans"] = tuple(tuple(x) for x in json.loads(raw)) if raw else ()
        out.append(cls(**values))
    return out


def _actor(r: Any) -> Actor:
    return Actor(r.key, r.name, r.type, json.loads(r.aliases_json), json.loads(r.roles_json))
