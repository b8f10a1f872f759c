"""corrections made by people

Actors merged, split or renamed, and positions or quotes flagged as wrong, kept apart from the NLP
stage's rows (which every re-analysis replaces) and applied again to whatever it writes.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=300), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.String(length=32), nullable=False),
    )
    op.create_index("ix_corrections_target", "corrections", ["kind", "target"])


def downgrade() -> None:
    op.drop_index("ix_corrections_target", table_name="corrections")
    op.drop_table("corrections")
