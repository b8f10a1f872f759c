"""quotes: quotation units (spans) and the mention a speaker was resolved through

A quote record is now one quotation unit; `spans_json` holds its quoted pieces (a JSON list of
[start, end]), and `antecedent`, `antecedent_start`, `antecedent_end` the earlier mention a
pronoun or description speaker was resolved to. Null in rows stored before; the NLP stage version
changed with it, so they are recomputed on the next NLP run.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_COLUMNS = ("spans_json", "antecedent", "antecedent_start", "antecedent_end")


def upgrade() -> None:
    op.add_column("quotes", sa.Column("spans_json", sa.Text(), nullable=True))
    op.add_column("quotes", sa.Column("antecedent", sa.Text(), nullable=True))
    op.add_column("quotes", sa.Column("antecedent_start", sa.Integer(), nullable=True))
    op.add_column("quotes", sa.Column("antecedent_end", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch_op:
        for name in _COLUMNS:
            batch_op.drop_column(name)
