"""The stories' index tables, read and written inside one transaction (analyze/stories.py drives it).

`story_queue` lists canonical documents not yet assigned (add_document fills it); `story_vectors`
holds each assigned document's top-term vector, date span and story; `story_keys` is the inverted
index of key terms by date; `story_df` the document frequency of every term, with the number of
documents under the empty term (no token is empty).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, select, text, update
from sqlalchemy.engine import Connection

from stanceline.store import schema as t

DOCS_TERM = ""


class StoryTables:
    def __init__(self, conn: Connection, dialect: str) -> None:
        self.conn = conn
        self.dialect = dialect

    def claim(self, limit: int) -> list[tuple[int, str]]:
        """Take the next `limit` queued documents off the queue, in queue order.

        The claim is a DELETE, so it is this transaction's first write: on SQLite it takes the write
        lock before anything is read (a plain SELECT would run outside the transaction, and two
        concurrent runs would both assign the same documents); on PostgreSQL SKIP LOCKED lets a
        concurrent run take the next ones. A run killed before commit puts its claim back."""
        pick = select(t.story_queue.c.seq).order_by(t.story_queue.c.seq).limit(limit)
        if self.dialect == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        q = (
            delete(t.story_queue)
            .where(t.story_queue.c.seq.in_(pick.scalar_subquery()))
            .returning(t.story_queue.c.seq, t.story_queue.c.doc_id)
        )
        return sorted((r.seq, r.doc_id) for r in self.conn.execute(q))

    def frequencies(self, terms: Iterable[str]) -> tuple[dict[str, int], int]:
        """Stored document frequencies of `terms` (absent terms are left out) and the document count."""
        keys = [*set(terms), DOCS_TERM]
        rows = self.conn.execute(
            text("SELECT term, df FROM story_df WHERE term IN :keys").bindparams(bindparam("keys", expanding=True)),
            {"keys": keys},
        )
        df = {r.term: int(r.df) for r in rows}
        return df, df.pop(DOCS_TERM, 0)

    def add_frequencies(self, counts: dict[str, int], documents: int) -> None:
        """Add a batch's document frequencies (one row per distinct term, additive, so concurrent runs
        both count)."""
        rows = [{"t": term, "n": n} for term, n in sorted({**counts, DOCS_TERM: documents}.items()) if n]
        if rows:
            self.conn.execute(
                text(
                    "INSERT INTO story_df (term, df) VALUES (:t, :n)"
                    " ON CONFLICT (term) DO UPDATE SET df = story_df.df + EXCLUDED.df"
                ),
                rows,
            )

    def candidates(
        self, keys: Sequence[str], lo: int | None, hi: int | None, window: int, limit: int, min_shared: int
    ) -> list[tuple[str, str | None, int | None, int | None, dict[str, float]]]:
        k = t.story_keys.c
        if lo is None or hi is None:
            when: Any = k.lo.is_(None)
        else:
            when = and_(k.lo >= lo - window - 366, k.lo <= hi + window, k.hi >= lo - window)
        shared = (
            select(k.doc_id)
            .where(k.term.in_(list(keys)), when)
            .group_by(k.doc_id)
            .having(text(f"count(*) >= {int(min_shared)}"))
            .order_by(text("count(*) DESC"), k.doc_id)
            .limit(limit)
            .subquery()
        )
        v = t.story_vectors.c
        rows = self.conn.execute(
            select(v.doc_id, v.story_id, v.lo, v.hi, v.vector_json).where(v.doc_id.in_(select(shared.c.doc_id)))
        )
        return [(r.doc_id, r.story_id, r.lo, r.hi, json.loads(r.vector_json)) for r in rows]

    def index(self, doc_id: str, story: str | None, lo: int | None, hi: int | None,
              vector: dict[str, float], keys: Sequence[str]) -> None:
        # Queued documents are new (add_document queues each once): nothing of theirs to delete first.
        self.conn.execute(
            insert(t.story_vectors).values(
                doc_id=doc_id, story_id=story, lo=lo, hi=hi, vector_json=json.dumps(vector, ensure_ascii=False)
            )
        )
        if keys:
            self.conn.execute(
                insert(t.story_keys), [{"term": term, "doc_id": doc_id, "lo": lo, "hi": hi} for term in keys]
            )

    def join(self, doc_id: str, story: str) -> None:
        self.conn.execute(update(t.story_vectors).where(t.story_vectors.c.doc_id == doc_id).values(story_id=story))

    def members(self, story: str) -> list[tuple[str, dict[str, float]]]:
        v = t.story_vectors.c
        rows = self.conn.execute(select(v.doc_id, v.vector_json).where(v.story_id == story).order_by(v.doc_id))
        return [(r.doc_id, json.loads(r.vector_json)) for r in rows]

    def save_story(self, story: Any) -> None:
        """Replace one story's row and membership (a Story record)."""
        self.conn.execute(delete(t.story_documents).where(t.story_documents.c.story_id == story.id))
        self.conn.execute(delete(t.stories).where(t.stories.c.id == story.id))
        self.conn.execute(
            insert(t.stories).values(
                id=story.id, label=story.label, start=story.start, end=story.end,
                terms_json=json.dumps(story.terms, ensure_ascii=False),
            )
        )
        self.conn.execute(insert(t.story_documents), [{"story_id": story.id, "doc_id": d} for d in story.doc_ids])


