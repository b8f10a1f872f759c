"""incremental stories: a queue of unassigned documents, term vectors, key-term index, frequencies

Stories were rebuilt over the whole corpus after every run; now each new document is assigned once
(analyze/stories.py). Existing stories are dropped and every canonical document is queued, so the
first run after this migration assigns the stored corpus once, with the new method.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_queue",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "story_vectors",
        sa.Column("doc_id", sa.String(length=40), nullable=False),
        sa.Column("story_id", sa.String(length=40), nullable=True),
        sa.Column("lo", sa.Integer(), nullable=True),
        sa.Column("hi", sa.Integer(), nullable=True),
        sa.Column("vector_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    op.create_index("ix_story_vectors_story", "story_vectors", ["story_id"])
    op.create_table(
        "story_keys",
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("doc_id", sa.String(length=40), nullable=False),
        sa.Column("lo", sa.Integer(), nullable=True),
        sa.Column("hi", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("term", "doc_id"),
    )
    op.create_index("ix_story_keys_term_lo", "story_keys", ["term", "lo"])
    op.create_index("ix_story_keys_doc", "story_keys", ["doc_id"])
    op.create_table(
        "story_df",
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )
    op.execute("DELETE FROM story_documents")
    op.execute("DELETE FROM stories")
    op.execute(
        "INSERT INTO story_queue (doc_id) SELECT id FROM documents WHERE duplicate_of IS NULL ORDER BY ingested_at, id"
    )


def downgrade() -> None:
    op.drop_table("story_df")
    op.drop_index("ix_story_keys_doc", table_name="story_keys")
    op.drop_index("ix_story_keys_term_lo", table_name="story_keys")
    op.drop_table("story_keys")
    op.drop_index("ix_story_vectors_story", table_name="story_vectors")
    op.drop_table("story_vectors")
    op.drop_table("story_queue")
