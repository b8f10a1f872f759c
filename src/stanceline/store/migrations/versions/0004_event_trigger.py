"""events.trigger_start: where the event's verb starts

Event ids were (document, sentence, action), so two acts in one sentence with one code — two
actors of one verb, or one verb used twice — shared an id and the second was dropped. The id now
includes the verb's offset and the actor and target, and the offset is stored so that a stored
event gives back its id. Null for events stored before; the events stage version changed with
it, so they are recomputed on the next NLP run.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("trigger_start", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_column("trigger_start")
