"""Choosing and configuring the database: SQLite by default, PostgreSQL via ``DATABASE_URL``."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.pool import StaticPool

from assessment.settings import settings

# The variables (read through assessment.settings): DATABASE_URL, ASSESSMENT_DATA_DIR.
DB_FILENAME = "assessments.db"

# How long a writer waits for SQLite's single write lock before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 30_000


def data_dir() -> Path:
    return settings().data_dir.resolve()


def default_url() -> str:
    return f"sqlite:///{data_dir() / DB_FILENAME}"


def resolve_url(url: str | None = None) -> URL:
    """The URL to use: the argument, else ``DATABASE_URL``, else the SQLite file in the data dir.

    ``postgresql://`` and ``postgres://`` mean the psycopg 3 driver (the one installed).
    """
    text = url or settings().database_url or default_url()
    if text.startswith("postgres://"):
        text = "postgresql://" + text.removeprefix("postgres://")
    parsed = make_url(text)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_path(url: URL) -> Path | None:
    """The database file, or None for an in-memory database."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        return None
    return Path(database)


def private_file(path: Path) -> None:
    """Create the database file (and its folder) readable by the owner only, whatever the umask:
    it holds every assessment. SQLite gives its -wal and -shm files the database file's mode. An
    existing file keeps the mode the operator gave it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def make_engine(url: URL) -> Engine:
    if is_sqlite(url):
        return _sqlite_engine(url)
    # Connections are checked before use so a restarted PostgreSQL does not break the app.
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=40, hide_parameters=True)


def _sqlite_engine(url: URL) -> Engine:
    path = sqlite_path(url)
    # hide_parameters: an error must never carry document text into a log.
    kwargs: dict[str, Any] = {
        "connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        "hide_parameters": True,
    }
    if path is None:
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"]["check_same_thread"] = False
    else:
        private_file(path)
        kwargs["pool_size"] = 10
        kwargs["max_overflow"] = 40
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if path is not None:
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL survives a crashed process without loss of committed transactions.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write transaction takes the write lock up front; otherwise two readers that both want
        # to write later would deadlock and one would fail instead of waiting.
        mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
