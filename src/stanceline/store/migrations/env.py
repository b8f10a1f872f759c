"""Alembic environment: runs with the connection the Store hands over (no URL in an ini file)."""

from __future__ import annotations

from alembic import context

from stanceline.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through stanceline (Store.migrate), not the alembic CLI")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
