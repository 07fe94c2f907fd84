"""Schema migrations on open: every `open_store` upgrades the database to the newest revision.

Upgrading in place (never recreating) is what lets a new release open an old database without
losing anything. Two processes opening the same database at once are serialised by a lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, text

from assessment.errors import Problem, UserError
from assessment.storage.engine import sqlite_path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Arbitrary constant naming this application's advisory lock in PostgreSQL.
_PG_LOCK_ID = 7_461_002_117


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    path = sqlite_path(engine.url)
    if path is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # Windows: one person, one process; SQLite's own locking suffices
        yield
        return
    lock_path = path.with_name(path.name + ".migrate-lock")
    # Owner-only like the database next to it (see engine.private_file).
    with os.fdopen(os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _run(conn: Connection, revision: str) -> None:
    try:
        command.upgrade(alembic_config(conn), revision)
    except CommandError as exc:
        # Typically a database written by a newer release: refuse rather than guess.
        conn.rollback()
        raise UserError(Problem("storage.schema_unknown", {"detail": str(exc)[:300]})) from exc
    conn.commit()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema to ``revision`` (default: newest)."""
    if engine.dialect.name == "sqlite":
        with _sqlite_file_lock(engine), engine.connect() as conn:
            _run(conn, revision)
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _PG_LOCK_ID})
        conn.commit()
        try:
            _run(conn, revision)
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _PG_LOCK_ID})
            conn.commit()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        rev: str | None = MigrationContext.configure(conn).get_current_revision()
        return rev
