"""documents.language indexed

The language of each document is now identified from its text at ingest (py3langid); documents in
a language without an analysis pipeline are stored and searchable but marked not analysed. Search
and the document lists filter on the language, so it gets an index. Rows stored before keep the
language their page declared (or none).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_language", "documents", ["language"])


def downgrade() -> None:
    op.drop_index("ix_documents_language", table_name="documents")
