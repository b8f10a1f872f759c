"""Every piece of dialect-specific SQL lives here: connection tuning and full-text search.

SQLite uses an FTS5 table; PostgreSQL a tsvector table with a GIN index. Both give store/search.py
the same pieces of a query (`ranked_match`, `matching_ids`) with the same highlight markers, so the
rest of the code never branches on dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Select, Table, column, event, literal_column, select, table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import FromClause

# Highlight markers: control characters that cannot survive text cleaning, so a renderer can escape
# the snippet first and then turn these into markup without ever trusting article text.
HL_START = "\x02"
HL_END = "\x03"


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    snippet: str
    score: float


@dataclass(frozen=True)
class Match:
    """A full-text match as pieces of a SELECT: what to join, the condition, and the snippet,
    score and order of each matching row (see store/search.py)."""

    source: FromClause
    doc_id: Any
    row: Any  # the index row's own key: cheap to sort on and to look rows up by (SQLite: rowid)
    condition: Any  # a boolean SQL expression
    snippet: Any
    score: Any
    order: Any
    score_sign: float = 1.0


# A query's terms: clauses that must all match, each of alternatives (a word or a phrase) of
# which one must. Every term is data, never syntax of the index's query language.
Clauses = list[list[Any]]


def _fts5_string(term: Any) -> str:
    return '"' + str(term.text).replace('"', '""') + '"'


def fts5_query(clauses: Clauses) -> str:
    """An FTS5 MATCH expression: each term a quoted string (a quoted run of words is a phrase),
    alternatives ORed, clauses ANDed."""
    return " AND ".join("(" + " OR ".join(_fts5_string(x) for x in alts) + ")" for alts in clauses if alts)


_SQLITE_FTS = table("documents_fts", column("rowid"), column("doc_id"), column("title"), column("body"))
_PG_FTS = table("documents_fts", column("doc_id"), column("title"), column("body"), column("tsv"))
# The text search configuration migration 0012 creates (English with accents folded), when the
# database has the unaccent extension; else PostgreSQL's own "english".
PG_CONFIG = "stanceline_english"


def _tsquery(clauses: Clauses, config: Any) -> Any:
    """A tsquery built with operators from one phraseto_tsquery per term: terms are bound values."""
    from sqlalchemy import func

    out: Any = None
    for alts in clauses:
        alt: Any = None
        for x in alts:
            q = func.phraseto_tsquery(config, str(x.text))
            alt = q if alt is None else alt.op("||")(q)
        if alt is not None:
            out = alt if out is None else out.op("&&")(alt)
    return out


class Dialect(Protocol):
    name: str

    def configure(self, engine: Engine) -> None: ...
    def create_fts(self, conn: Connection) -> None: ...
    def drop_fts(self, conn: Connection) -> None: ...
    def index_document(self, conn: Connection, doc_id: str, title: str | None, body: str) -> None: ...
    def unindex_document(self, conn: Connection, doc_id: str) -> None: ...
    def ranked_match(self, clauses: Clauses) -> Match: ...
    def matching_ids(self, clauses: Clauses) -> Select[Any]: ...
    def ready(self, conn: Connection) -> None: ...
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

    def ready(self, conn: Connection) -> None:
        return None

    def ranked_match(self, clauses: Clauses) -> Match:
        fts = _SQLITE_FTS
        # FTS5's auxiliary functions need the table's own name as the MATCH column: no alias.
        return Match(
            source=fts,
            doc_id=fts.c.doc_id,
            # doc_id is an unindexed column read from the row's content: sorting or filtering on it
            # reads every match's content, the rowid does not.
            row=fts.c.rowid,
            condition=text("documents_fts MATCH :fts_q").bindparams(fts_q=fts5_query(clauses)),
            snippet=literal_column(f"snippet(documents_fts, 2, '{HL_START}', '{HL_END}', '…', 16)"),
            score=literal_column("bm25(documents_fts, 0.0, 4.0, 1.0)"),
            order=literal_column("bm25(documents_fts, 0.0, 4.0, 1.0)"),
            score_sign=-1.0,  # bm25 is lower for better matches
        )

    def matching_ids(self, clauses: Clauses) -> Select[Any]:
        flat = [[x for alts in clauses for x in alts]]
        return select(_SQLITE_FTS.c.doc_id).where(
            text("documents_fts MATCH :fts_not").bindparams(fts_not=fts5_query(flat))
        )


def _insert_missing(conn: Connection, table: Table, rows: list[dict[str, Any]], key: str, dialect: Any) -> None:
    """INSERT … ON CONFLICT (key) DO NOTHING: rows another writer created first are left alone."""
    if rows:
        conn.execute(dialect.insert(table).on_conflict_do_nothing(index_elements=[key]), rows)


class PostgresDialect:
    name = "postgresql"

    def __init__(self) -> None:
        self.config = "english"
        self._checked = False

    def ready(self, conn: Connection) -> None:
        """Which text search configuration the index was built with (migration 0012): once."""
        if not self._checked:
            found = conn.execute(text("SELECT 1 FROM pg_ts_config WHERE cfgname = :c"), {"c": PG_CONFIG}).first()
            self.config = PG_CONFIG if found else "english"
            self._checked = True

    def _regconfig(self) -> Any:
        return literal_column(f"'{self.config}'::regconfig")

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

    def ranked_match(self, clauses: Clauses) -> Match:
        from sqlalchemy import func

        fts = _PG_FTS
        q = _tsquery(clauses, self._regconfig())
        opts = f"StartSel={HL_START}, StopSel={HL_END}, MaxWords=32, MinWords=12, MaxFragments=1"
        rank = func.ts_rank(fts.c.tsv, q)
        return Match(
            source=fts,
            doc_id=fts.c.doc_id,
            row=fts.c.doc_id,
            condition=fts.c.tsv.op("@@")(q),
            snippet=func.ts_headline(self._regconfig(), fts.c.body, q, literal_column(f"'{opts}'")),
            score=rank,
            order=rank.desc(),
        )

    def matching_ids(self, clauses: Clauses) -> Select[Any]:
        flat = [[x for alts in clauses for x in alts]]
        return select(_PG_FTS.c.doc_id).where(_PG_FTS.c.tsv.op("@@")(_tsquery(flat, self._regconfig())))


def dialect_for(name: str) -> Dialect:
    if name == "sqlite":
        return SqliteDialect()
    if name == "postgresql":
        return PostgresDialect()
    raise ValueError(f"unsupported database dialect {name!r}: use sqlite or postgresql")
