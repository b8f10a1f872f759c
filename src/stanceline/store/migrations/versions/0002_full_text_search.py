"""full-text search index (dialect-specific: FTS5 on SQLite, tsvector + GIN on PostgreSQL)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

from stanceline.store.dialect import dialect_for

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    dialect_for(bind.dialect.name).create_fts(bind)


def downgrade() -> None:
    bind = op.get_bind()
    dialect_for(bind.dialect.name).drop_fts(bind)
