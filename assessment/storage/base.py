"""The engine and transaction handling shared by every part of the store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from sqlalchemy import Engine
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assessment.errors import Problem, UserError


def _first_line(exc: Exception) -> str:
    """The driver's own message (first line, no SQL statement, no parameters)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or [""])[0][:200]


class StoreUnavailable(UserError):
    """The database could not be used (disk full, restart, connection lost); nothing was
    written. For a write the message says the change was not saved."""

    def __init__(self, write: bool, exc: Exception) -> None:
        key = "storage.not_saved" if write else "storage.not_read"
        super().__init__(Problem(key, {"detail": _first_line(exc)}))


class StoreBase:
    """Thread-safe: each call uses its own session. Create one per process (`open_store`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # SQLite has one database-wide write lock and its busy handler waits by sleeping and
        # polling (up to 100 ms a nap). Writers of this process queue on a Python lock instead,
        # which hands over at once; other processes still meet the busy timeout.
        self._write_lock: AbstractContextManager[object] = (
            threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self, write: bool = False) -> Iterator[Session]:
        """One transaction; ``write`` takes SQLite's write lock up front (see engine._on_begin)."""
        try:
            with self._write_lock if write else nullcontext(), self._sessions() as session:
                session.connection(execution_options={"write": write})
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        except (OperationalError, InterfaceError) as exc:
            # A full disk, a database restart, a lost connection: the transaction was rolled back
            # (nothing half-written). Say so in the user's language; never the driver's text
            # with SQL in it. IntegrityError stays as it is: callers retry on it.
            raise StoreUnavailable(write, exc) from exc
        except DataError as exc:  # a value the database refuses (e.g. NUL in PostgreSQL text)
            raise UserError(Problem("storage.db_refused_value", {"detail": _first_line(exc)})) from exc
