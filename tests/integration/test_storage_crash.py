"""A process killed in the middle of a save leaves the previous revision intact (both backends)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from assessment.domain.assessment import Actor, Assessment
from assessment.storage import open_store

REPO = Path(__file__).resolve().parents[2]

# The child saves; after the document has been updated and the new revision inserted inside
# the (uncommitted) transaction it signals the parent and waits to be killed.
CHILD = """
import sys, time
from pathlib import Path
from sqlalchemy import Engine, event
from assessment.domain.assessment import Actor
from assessment.storage import open_store

url, assessment_id, marker = sys.argv[1:4]
store = open_store(url)
user = store.local_user()
current = store.get(user, assessment_id)
doc = current.assessment.model_copy(deep=True)
doc.title = "HALVFÄRDIG"
doc.actors = [Actor(name="från den dödade processen")]

@event.listens_for(Engine, "after_cursor_execute")
def _hang(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().upper().startswith("INSERT INTO REVISIONS"):
        Path(marker).write_text("revision written, not committed")
        time.sleep(600)

store.save(user, assessment_id, doc, current.version)
"""


def test_killed_mid_save_leaves_previous_revision(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    user = store.local_user()
    original = Assessment(title="Före kraschen", actors=[Actor(name="Krokoms kommun")])
    stored = store.create(user, original)
    edited = stored.assessment.model_copy(deep=True)
    edited.description = "version 2"
    store.save(user, stored.id, edited, 1)
    before = store.get(user, stored.id)
    assert before.version == 2

    marker = tmp_path / "flushed"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, store_url, stored.id, str(marker)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        if child.poll() is not None:
            raise AssertionError(f"child ended early: {child.communicate()}")
        assert time.monotonic() < deadline, "child never reached the middle of the save"
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store.close()
    reopened = open_store(store_url)  # as after a server restart
    after = reopened.get(user, stored.id)
    assert after.version == 2
    assert after.assessment == before.assessment
    assert [h.version for h in reopened.history(user, stored.id)] == [2, 1]
    assert reopened.revision(user, stored.id, 1) == stored.assessment
    # The store is not left locked: the next save goes through at once.
    again = after.assessment.model_copy(deep=True)
    again.description = "version 3"
    started = time.monotonic()
    assert reopened.save(user, stored.id, again, 2).stored.version == 3
    assert time.monotonic() - started < 10
    if reopened.backend == "sqlite":
        with reopened.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    reopened.close()
