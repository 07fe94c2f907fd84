"""Brute-force protection shared by the local login and share codes.

After ``limit`` failures within ``WINDOW`` a key is locked for ``LOCK``; a success clears it.
Failures are recorded in their own transaction, so the refusal that follows cannot roll them
back. Parallel attempts are counted too (each is a write on the same row); the lock holds across
every process of an installation because it lives in the database.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assessment.storage import access
from assessment.storage.schema import ThrottleRow

WINDOW = dt.timedelta(minutes=15)
LOCK = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Policy:
    limit: int  # failures allowed within WINDOW before the key locks
    message: str  # Problem key saying the key is locked ({minutes})


LOGIN = Policy(limit=5, message="storage.login_locked")
SHARE = Policy(limit=10, message="storage.share_locked")


def locked_minutes(s: Session, key: str) -> int | None:
    """Minutes (rounded up) until ``key`` unlocks, or None when it is not locked."""
    row = s.get(ThrottleRow, key)
    now = access.now()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return max(1, math.ceil((row.locked_until - now).total_seconds() / 60))


def record_failure(s: Session, key: str, policy: Policy) -> None:
    now = access.now()
    row = s.get(ThrottleRow, key, with_for_update=True)
    if row is None:
        s.add(ThrottleRow(key=key, failures=1, window_start=now, locked_until=None))
        try:
            s.flush()
        except IntegrityError:  # another process recorded the first failure at the same moment
            s.rollback()
            row = s.get(ThrottleRow, key, with_for_update=True)
            if row is None:
                raise
        else:
            return
    if row.window_start + WINDOW <= now or (row.locked_until is not None and row.locked_until <= now):
        row.failures, row.window_start, row.locked_until = 1, now, None
        return
    row.failures += 1
    if row.failures >= policy.limit:
        row.locked_until = now + LOCK


def clear(s: Session, key: str) -> None:
    row = s.get(ThrottleRow, key)
    if row is not None:
        s.delete(row)
