"""failed items: failures the input decides, remembered with the versions and options that decided them

An unchanged re-run reported these by preparing the item again, which loads the cleaners and daters
(about a quarter of a CPU second) for a failure that cannot change (pipeline/failed.py).

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "failed_items",
        sa.Column("doc_id", sa.String(length=40), nullable=False),
        sa.Column("prepared_with", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id"),
    )


def downgrade() -> None:
    op.drop_table("failed_items")
