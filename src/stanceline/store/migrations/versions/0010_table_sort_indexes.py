"""indexes for the web tables' orderings

The documents, actors, quotes and positions tables of the web app sort by any of a few columns and
page through the result. Each ordering gets an index that ends in the table's key, so the order is
total and a page is an index walk rather than a sort of the whole table. Text columns are indexed by
their first 100 characters (`schema.sort_prefix`): an untrusted title of any length then stays
within PostgreSQL's index row limit.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _prefix(column: str) -> sa.TextClause:
    return sa.text(f"substr(coalesce({column}, ''), 1, 100)")


INDEXES: list[tuple[str, str, list[str | sa.TextClause]]] = [
    ("ix_documents_title_sort", "documents", [_prefix("title"), "id"]),
    ("ix_documents_outlet_sort", "documents", [_prefix("outlet"), "id"]),
    ("ix_actors_name_sort", "actors", [_prefix("name"), "key"]),
    ("ix_actors_type_sort", "actors", ["type", _prefix("name"), "key"]),
    ("ix_quotes_doc_start", "quotes", ["doc_id", "start", "id"]),
    ("ix_quotes_speaker_sort", "quotes", [_prefix("speaker"), "id"]),
    ("ix_positions_date_sort", "positions", [sa.text("coalesce(date, '')"), "id"]),
    ("ix_positions_holder_sort", "positions", [_prefix("actor"), "id"]),
    ("ix_positions_issue_sort", "positions", [_prefix("issue"), "id"]),
    ("ix_positions_confidence", "positions", ["confidence", "id"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
