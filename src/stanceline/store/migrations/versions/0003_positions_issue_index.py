"""index positions by lower(issue), actor key and date

Every issue filter compares lower(issue) (names are matched case-insensitively), which the
(issue, actor_key) index of 0001 cannot serve: a timeline page scanned the whole table to read
one issue's positions, or the positions of a few actors on it. An expression index works on both
SQLite (3.9+) and PostgreSQL; the bounded columns keep PostgreSQL's index rows small.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_positions_issue_lower", "positions", [sa.text("lower(issue)"), "actor_key", "date"])


def downgrade() -> None:
    op.drop_index("ix_positions_issue_lower", table_name="positions")
