"""near-duplicate bands in the store, unique canonical text hash, an index for the document list

- `dedup_bands`: each canonical document's MinHash LSH band keys, looked up per new document, so
  no run loads every stored signature into memory. Filled here from the stored signatures.
- A unique index on the text hash of canonical documents: two writers can no longer both store the
  same text as canonical (the second insert fails and is stored as a duplicate). Canonical documents
  that already share a hash (possible before, with concurrent runs) are marked duplicates of the
  first ingested one first.
- The document list's order, `coalesce(published, '') DESC, id`, as an index, so a page is a short
  index walk instead of a sort of the whole table.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from stanceline.dedup import band_keys

    op.create_table(
        "dedup_bands",
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("doc_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", "key", "doc_id"),
    )
    op.create_index("ix_dedup_bands_doc", "dedup_bands", ["doc_id"])
    conn = op.get_bind()
    docs = sa.table(
        "documents",
        sa.column("id"),
        sa.column("minhash"),
        sa.column("duplicate_of"),
        sa.column("text_hash"),
        sa.column("ingested_at"),
    )
    bands = sa.table("dedup_bands", sa.column("band"), sa.column("key"), sa.column("doc_id"))
    first: dict[str, str] = {}
    rows = conn.execute(
        sa.select(docs.c.id, docs.c.minhash, docs.c.text_hash)
        .where(docs.c.duplicate_of.is_(None))
        .order_by(docs.c.ingested_at, docs.c.id)
    )
    batch: list[dict[str, object]] = []
    for r in rows.all():
        if r.text_hash in first:
            conn.execute(sa.update(docs).where(docs.c.id == r.id).values(duplicate_of=first[r.text_hash]))
            continue
        first[r.text_hash] = r.id
        if r.minhash is not None:
            batch.extend({"band": b, "key": k, "doc_id": r.id} for b, k in band_keys(bytes(r.minhash)))
        if len(batch) >= 5000:
            conn.execute(sa.insert(bands), batch)
            batch = []
    if batch:
        conn.execute(sa.insert(bands), batch)
    op.create_index(
        "ux_documents_canonical_text_hash",
        "documents",
        ["text_hash"],
        unique=True,
        sqlite_where=sa.text("duplicate_of IS NULL"),
        postgresql_where=sa.text("duplicate_of IS NULL"),
    )
    op.create_index("ix_documents_list", "documents", [sa.text("coalesce(published, '') DESC"), "id"])


def downgrade() -> None:
    op.drop_index("ix_documents_list", table_name="documents")
    op.drop_index("ux_documents_canonical_text_hash", table_name="documents")
    op.drop_index("ix_dedup_bands_doc", table_name="dedup_bands")
    op.drop_table("dedup_bands")
