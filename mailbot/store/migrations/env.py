"""Alembic environment: the engine comes from mailbot, never from a committed URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from mailbot.store.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through `mailbot db upgrade`, which supplies the database")

# Workers starting together on one database migrate one after the other, and the later ones
# find the schema already current: each first takes a lock that only migrations take.
MIGRATION_LOCK = 0x6D61696C626F74  # "mailbot"

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    elif connection.dialect.name == "sqlite":
        # A write as the transaction's first statement waits for SQLite's write lock (a read
        # first would fail at once with "database is locked"); it also marks the file as mailbot's.
        connection.exec_driver_sql(f"PRAGMA application_id = {MIGRATION_LOCK & 0x7FFFFFFF}")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
