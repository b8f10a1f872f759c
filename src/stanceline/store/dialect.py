"""Every piece of dialect-specific SQL lives here: connection tuning and full-text search.

SQLite uses an FTS5 table; PostgreSQL a tsvector table with a GIN index. Both answer the same
`search()` with the same highlight markers, so the rest of the code never branches on dialect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Table, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

# Highlight markers: control characters that cannot survive text cleaning, so a renderer can escape
# the snippet first and then turn these into markup without ever trusting article text.
HL_START = "\x02"
HL_END = "\x03"

_TERM = re.compile(r'"[^"]+"|[\w][\w\'’-]*', re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    snippet: str
    score: float


def query_terms(query: str) -> list[str]:
    """Split a user query into phrases and words; operators and punctuation are not syntax here."""
    terms = []
    for m in _TERM.finditer(query):
        t = m.group(0).strip('"').strip()
        if t and t.upper() not in {"AND", "OR", "NOT", "NEAR"}:
            terms.append(t)
    return terms


class Dialect(Protocol):
    name: str

    def configure(self, engine: Engine) -> None: ...
    def create_fts(self, conn: Connection) -> None: ...
    def drop_fts(self, conn: Connection) -> None: ...
    def index_document(self, conn: Connection, doc_id: str, title: str | None, body: str) -> None: ...
    def unindex_document(self, conn: Connection, doc_id: str) -> None: ...
    def search(self, conn: Connection, query: str, limit: int, offset: int) -> list[SearchHit]: ...
    def insert_missing(self, conn: Connection, table: Table, rows: list[dict[str, Any]], key: str) -> None: ...


class SqliteDialect:
    name = "sqlite"

    def insert_missing(self, conn: Connection, table: Table, rows: list[dict[str, Any]], key: str) -> None:
        _insert_missing(conn, table, rows, key, sqlite)

    def configure(self, engine: Engine) -> None:
        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            # WAL lets readers (web, CLI) run while one writer ingests; NORMAL is durable in WAL.
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

    def create_fts(self, conn: Connection) -> None:
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                "doc_id UNINDEXED, title, body, tokenize='porter unicode61 remove_diacritics 2')"
            )
        )

    def drop_fts(self, conn: Connection) -> None:
        conn.execute(text("DROP TABLE IF EXISTS documents_fts"))

    def index_document(self, conn: Connection, doc_id: str, title: str | None, body: str) -> None:
        conn.execute(
            text("INSERT INTO documents_fts(doc_id, title, body) VALUES (:d, :t, :b)"),
            {"d": doc_id, "t": title or "", "b": body},
        )

    def unindex_document(self, conn: Connection, doc_id: str) -> None:
        conn.execute(text("DELETE FROM documents_fts WHERE doc_id = :d"), {"d": doc_id})

    def search(self, conn: Connection, query: str, limit: int, offset: int) -> list[SearchHit]:
        terms = query_terms(query)
        if not terms:
            return []
        # Every term quoted: user input is never FTS5 syntax, so no query can raise a syntax error.
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        rows = conn.execute(
            text(
                "SELECT doc_id, snippet(documents_fts, 2, :hs, :he, '…', 16) AS snip,"
                " bm25(documents_fts, 0.0, 4.0, 1.0) AS score FROM documents_fts"
                " WHERE documents_fts MATCH :m ORDER BY score LIMIT :l OFFSET :o"
            ),
            {"hs": HL_START, "he": HL_END, "m": match, "l": limit, "o": offset},
        )
        return [SearchHit(r.doc_id, r.snip, -float(r.score)) for r in rows]


def _insert_missing(conn: Connection, table: Table, rows: list[dict[str, Any]], key: str, dialect: Any) -> None:
    """INSERT … ON CONFLICT (key) DO NOTHING: rows another writer created first are left alone."""
    if rows:
        conn.execute(dialect.insert(table).on_conflict_do_nothing(index_elements=[key]), rows)


class PostgresDialect:
    name = "postgresql"

    def insert_missing(self, conn: Connection, table: Table, rows: list[dict[str, Any]], key: str) -> None:
        _insert_missing(conn, table, rows, key, postgresql)

    def configure(self, engine: Engine) -> None:
        return None

    def create_fts(self, conn: Connection) -> None:
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS documents_fts (doc_id VARCHAR(40) PRIMARY KEY"
                " REFERENCES documents(id) ON DELETE CASCADE, title TEXT, body TEXT,"
                " tsv tsvector GENERATED ALWAYS AS"
                " (setweight(to_tsvector('english', coalesce(title, '')), 'A')"
                " || setweight(to_tsvector('english', body), 'B')) STORED)"
            )
        )
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_fts_tsv ON documents_fts USING GIN (tsv)"))

    def drop_fts(self, conn: Connection) -> None:
        conn.execute(text("DROP TABLE IF EXISTS documents_fts"))

    def index_document(self, conn: Connection, doc_id: str, title: str | None, body: str) -> None:
        conn.execute(
            text(
                "INSERT INTO documents_fts(doc_id, title, body) VALUES (:d, :t, :b)"
                " ON CONFLICT (doc_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body"
            ),
            {"d": doc_id, "t": title or "", "b": body},
        )

    def unindex_document(self, conn: Connection, doc_id: str) -> None:
        conn.execute(text("DELETE FROM documents_fts WHERE doc_id = :d"), {"d": doc_id})

    def search(self, conn: Connection, query: str, limit: int, offset: int) -> list[SearchHit]:
        terms = query_terms(query)
        if not terms:
            return []
        # plainto_tsquery per term, AND-ed: user input is never tsquery syntax.
        parts = " && ".join(f"plainto_tsquery('english', :t{i})" for i in range(len(terms)))
        params: dict[str, Any] = {f"t{i}": t for i, t in enumerate(terms)}
        params.update({"l": limit, "o": offset})
        opts = f"StartSel={HL_START}, StopSel={HL_END}, MaxWords=32, MinWords=12, MaxFragments=1"
        rows = conn.execute(
            text(
                f"SELECT doc_id, ts_headline('english', body, q, '{opts}') AS snip,"
                f" ts_rank(tsv, q) AS score FROM documents_fts, ({'SELECT ' + parts + ' AS q'}) AS query"
                " WHERE tsv @@ q ORDER BY score DESC LIMIT :l OFFSET :o"
            ),
            params,
        )
        return [SearchHit(r.doc_id, r.snip, float(r.score)) for r in rows]


def dialect_for(name: str) -> Dialect:
    if name == "sqlite":
        return SqliteDialect()
    if name == "postgresql":
        return PostgresDialect()
    raise ValueError(f"unsupported database dialect {name!r}: use sqlite or postgresql")
