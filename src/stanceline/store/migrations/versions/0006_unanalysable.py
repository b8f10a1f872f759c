"""documents.unanalysable and nlp_note; nlp_claims

A document the NLP stage cannot analyse (the model or an extractor fails on it) was retried by
every later run and, failing inside a batch, cost the batch's other documents their analysis.
Now the reason is stored in `unanalysable`, the stage versions are marked current so later runs
skip it (a new NLP version retries it), and `stats`/`show` say why. `nlp_note` says when only part
of a document was analysed (over the NLP character budget).

`nlp_claims`: which process is analysing a document right now, so that two concurrent runs do
not both analyse it. A claim by a process that is gone (same host, pid not alive) or past
`expires_at` (seconds since the epoch) is taken over.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("unanalysable", sa.Text(), nullable=True))
    op.add_column("documents", sa.Column("nlp_note", sa.Text(), nullable=True))
    op.create_table(
        "nlp_claims",
        sa.Column("doc_id", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("nlp_claims")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("nlp_note")
        batch_op.drop_column("unanalysable")
