"""The database: engine, sessions, and the schema kept current by Alembic migrations."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be used as it is; the message says what to do."""


def connect(url: str) -> Engine:
    """An engine for the URL; a new SQLite file is created readable by its owner only."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"database url {url!r} is not a valid SQLAlchemy URL (e.g. sqlite:///mailbot.db)") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            path = Path(database)
            if not path.parent.exists():
                raise DatabaseError(f"database folder {path.parent} does not exist")
            if not path.exists():
                # Registrations name politicians and their parties: keep the file private.
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite commits schema changes on its own; take over BEGIN so that creating the
        # schema is one transaction too, and a kill half-way leaves no half-made database.
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as error:
        raise DatabaseError(
            f"the driver for {parsed.get_backend_name()} is not installed ({error.name}); "
            "for PostgreSQL install mailbot[postgres]"
        ) from None


def _sqlite_pragmas(connection: object, _record: object) -> None:
    connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config  # alembic takes a third of a second to import: only when migrating

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest migration, read from the versions folder (importing alembic is slow)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(r"^revision\s*=\s*[\"']([^\"']+)", source, re.M)
        parent = re.search(r"^down_revision\s*=\s*(?:[\"']([^\"']+)|None)", source, re.M)
        if found:
            revisions[found.group(1)] = parent.group(1) if parent else None
    parents = {p for p in revisions.values() if p}
    heads = [r for r in revisions if r not in parents]
    if len(heads) != 1:
        raise DatabaseError(f"the migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (`mailbot db upgrade`)."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def ensure_current(engine: Engine) -> None:
    """Create the schema in an empty database; refuse a database of an older version."""
    try:
        # Tables first, revision second: a worker creating the schema at this moment commits both at
        # once, so an empty list means "create it" and a full one already carries its revision.
        tables = inspect(engine).get_table_names()
        revision = current_revision(engine)
    except OperationalError as error:
        raise DatabaseError(f"the database cannot be opened ({error.orig})") from None
    if revision is None and not tables:
        try:
            upgrade(engine)
        except SQLAlchemyError:
            # Two workers started together on an empty database: one created the schema while
            # the other tried to. On PostgreSQL and SQLite the migration's lock makes the second
            # wait instead; this is for other databases, which have no such lock here.
            if current_revision(engine) != head_revision():
                raise
        return
    if revision != head_revision():
        raise DatabaseError(
            f"the database is at schema version {revision or 'unknown'} but this mailbot needs "
            f"{head_revision()}; back it up, then run `mailbot db upgrade`"
        )


@contextlib.contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back if it raises."""
    with factory() as session, session.begin():
        yield session
