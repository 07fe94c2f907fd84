"""The engine and transaction handling shared by every part of the store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


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
        with self._write_lock if write else nullcontext(), self._sessions() as session:
            session.connection(execution_options={"write": write})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
