"""PostgreSQL full-text search folds accents, as SQLite's FTS5 index already does

A text search configuration `stanceline_english` (English stemming after the `unaccent`
dictionary) indexes the documents, so "Zelensky" finds "Zelenský" and "Sefcovic" finds "Šefčovič"
on PostgreSQL as on SQLite (FTS5's `remove_diacritics`). The generated `tsv` column is rebuilt with
it. Where the `unaccent` extension cannot be created (not installed, or the role may not create
it), nothing changes and search keeps the plain English configuration: the dialect checks which one
the database has. SQLite: nothing to do.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_TSV = (
    "ALTER TABLE documents_fts ADD COLUMN tsv tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('{cfg}', coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('{cfg}', body), 'B')) STORED"
)


def _rebuild(bind: object, cfg: str) -> None:
    for sql in (
        "DROP INDEX IF EXISTS ix_documents_fts_tsv",
        "ALTER TABLE documents_fts DROP COLUMN IF EXISTS tsv",
        _TSV.format(cfg=cfg),
        "CREATE INDEX ix_documents_fts_tsv ON documents_fts USING GIN (tsv)",
    ):
        bind.execute(text(sql))  # type: ignore[attr-defined]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except SQLAlchemyError:
        return  # no unaccent here: the plain English configuration stays
    bind.execute(text("CREATE TEXT SEARCH CONFIGURATION stanceline_english (COPY = english)"))
    bind.execute(
        text(
            "ALTER TEXT SEARCH CONFIGURATION stanceline_english"
            " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem"
        )
    )
    _rebuild(bind, "stanceline_english")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if bind.execute(text("SELECT 1 FROM pg_ts_config WHERE cfgname = 'stanceline_english'")).first() is None:
        return
    _rebuild(bind, "english")
    bind.execute(text("DROP TEXT SEARCH CONFIGURATION stanceline_english"))
