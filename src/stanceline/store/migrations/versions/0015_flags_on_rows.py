"""flags on the rows they mark: positions and quotes carry a person's "this is wrong"

Until now a flag was looked up by its exact span when a page or an export was written, and every
count (timelines, charts, shifts, the digest) still used the flagged row. The store now writes the
reason onto the rows a flag marks, after every re-analysis (store/corrections.py), so listings show
it and counts leave the row out with one condition. Flags made before are carried over by their
exact span, the rule they were made under.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("positions", sa.Column("flag", sa.Text()))
    op.add_column("quotes", sa.Column("flag", sa.Text()))
    conn = op.get_bind()
    # The columns this step reads and writes, as they are at this revision.
    corrections = sa.table("corrections", sa.column("id"), sa.column("kind"), sa.column("target"),
                           sa.column("value_json"))
    spans = ("doc_id", "start", "end", "flag")
    positions = sa.table("positions", *(sa.column(c) for c in (*spans, "issue")))
    quotes = sa.table("quotes", *(sa.column(c) for c in spans))
    rows = conn.execute(
        sa.select(corrections.c.kind, corrections.c.target, corrections.c.value_json)
        .where(corrections.c.kind.in_(["flag_position", "flag_quote"]))
        .order_by(corrections.c.id)
    ).all()
    for kind, target, value_json in rows:
        doc_id, start, end = target.rsplit(":", 2)
        value = json.loads(value_json)
        reason = str(value.get("reason") or "flagged as wrong")
        table = positions if kind == "flag_position" else quotes
        where = [table.c.doc_id == doc_id, table.c.start == int(start), table.c.end == int(end)]
        if kind == "flag_position" and value.get("issue"):
            where.append(sa.func.lower(table.c.issue) == str(value["issue"]).lower())
        conn.execute(sa.update(table).where(*where).values(flag=reason))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): a batch copy of the tables would lose their expression
    # indexes, which SQLAlchemy cannot reflect.
    op.drop_column("quotes", "flag")
    op.drop_column("positions", "flag")
