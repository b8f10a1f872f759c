"""story documents by document: a document's page lists its stories by an index lookup

The document page read every story with its members to find the ones holding the document, a cost
that grew with the corpus (store.stories(doc_id=...)).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_story_documents_doc", "story_documents", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_story_documents_doc", table_name="story_documents")
