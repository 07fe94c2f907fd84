"""The fault suite (issue 13): writers killed with SIGKILL at random moments during saves (both
backends), PostgreSQL crashed and restarted under 30 writers, and a full disk (RLIMIT_FSIZE)
during saves and exports. Every acknowledged write must be present afterwards, every failed
write must have been reported as a message, the previous revision must stay intact and the store
usable. The counts are printed (``-s``) and asserted.
"""

from __future__ import annotations

import os
import random
import resource
import select
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from assessment.cli import main as cli_main
from assessment.domain.assessment import Assessment
from assessment.storage import Store, User, open_store
from assessment.storage.base import StoreUnavailable
from tests.support.postgres import PostgresServer

REPO = Path(__file__).resolve().parents[2]
KILLS = 50


def _writer(url: str, assessment_id: str, tag: str, ack_fd: int) -> None:
    """In a forked child: save marked descriptions in a loop, acknowledging each save that
    returned by writing ``<version> <marker>`` to the pipe (only after the commit). Says
    ``ready`` first, once the store is open; an exception is written as ``error <repr>`` so the
    test names it instead of seeing a child that saved nothing."""
    try:
        store = open_store(url)
        user = store.local_user()
        os.write(ack_fd, b"ready\n")
        n = 0
        while True:
            current = store.get(user, assessment_id)
            n += 1
            marker = f"{tag}-{n}"
            doc = current.assessment.model_copy(update={"description": marker, "tags": [marker]})
            result = store.save(user, assessment_id, doc, current.version)
            os.write(ack_fd, f"{result.stored.version} {marker}\n".encode())
    except BaseException as exc:  # reported to the parent, which fails the test
        os.write(ack_fd, f"error {exc!r}"[:2000].encode() + b"\n")
    finally:
        os._exit(0)


def _line(pipe: Any, timeout: float = 120.0) -> str:
    """The child's next line; a child that says nothing for ``timeout`` s fails the test."""
    ready, _, _ = select.select([pipe], [], [], timeout)
    assert ready, f"the writer said nothing for {timeout:.0f} s"
    return str(pipe.readline().decode())


def _check_history(store: Store, user: User, assessment_id: str, acked: dict[int, str]) -> int:
    """Every acknowledged write present at its version; history 1..n; every revision valid."""
    current = store.get(user, assessment_id)
    history = store.history(user, assessment_id)
    versions = sorted(r.version for r in history)
    assert versions == list(range(1, current.version + 1))
    for version, marker in acked.items():
        assert store.revision(user, assessment_id, version).description == marker, version
    assert store.revision(user, assessment_id, current.version) == current.assessment
    return len(versions)


@pytest.mark.stress
def test_writers_killed_at_random_moments(store_url: str) -> None:
    store = open_store(store_url)
    user = store.local_user()
    assessment_id = store.create(user, Assessment(title="Utsätts för kill -9")).id
    rng = random.Random(13)
    acked: dict[int, str] = {}
    counts: Counter[str] = Counter()
    for kill in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            _writer(store_url, assessment_id, f"k{kill}", write_fd)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb", buffering=0) as pipe:  # unbuffered: select sees every line
            assert _line(pipe) == "ready\n"
            # The kill lands among the saves, after the first, however slowly a loaded machine
            # makes a fresh connection's first save (a CI run once killed 50 children before it).
            lines = [_line(pipe)]
            time.sleep(rng.uniform(0.02, 0.3))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            counts["kills"] += 1
            lines += pipe.read().decode().splitlines()
            for line in filter(None, (raw.strip() for raw in lines)):
                version, marker = line.split(" ", 1)
                assert version != "error", f"writer {kill} failed: {marker}"
                acked[int(version)] = marker
    counts["acknowledged"] = len(acked)
    store.close()
    reopened = open_store(store_url)  # as after a restart
    counts["revisions"] = _check_history(reopened, user, assessment_id, acked)
    counts["present"] = sum(
        1 for v, m in acked.items() if reopened.revision(user, assessment_id, v).description == m
    )
    # The store is usable at once: nothing is left locked.
    current = reopened.get(user, assessment_id)
    started = time.monotonic()
    reopened.save(
        user, assessment_id, current.assessment.model_copy(update={"title": "Efteråt"}), current.version
    )
    assert time.monotonic() - started < 10
    if reopened.backend == "sqlite":
        with reopened.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    reopened.close()
    print(f"\nkill -9 on {reopened.backend}: {dict(counts)}")
    assert counts["kills"] == KILLS and counts["present"] == counts["acknowledged"] > KILLS // 2


@pytest.mark.postgres
def test_postgres_crash_and_restart_under_30_writers() -> None:
    server = PostgresServer(durable=True).start()
    try:
        url = server.create_database()
        store = open_store(url)
        user = store.local_user()
        ids = [store.create(user, Assessment(title=f"Skrivare {i}")).id for i in range(30)]
        acked: dict[str, dict[int, str]] = {i: {} for i in ids}
        counts: Counter[str] = Counter()
        other_errors: list[BaseException] = []
        lock = threading.Lock()
        stop = threading.Event()

        def write(assessment_id: str, tag: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                marker = f"w{tag}-{n}"
                try:
                    current = store.get(user, assessment_id)
                    doc = current.assessment.model_copy(update={"description": marker})
                    version = store.save(user, assessment_id, doc, current.version).stored.version
                except StoreUnavailable as err:
                    assert (
                        "sparades inte" in err.message("sv")
                        or "lästa" in err.message("sv")
                        or err.message("sv")
                    )
                    with lock:
                        counts["reported failed"] += 1
                    time.sleep(0.05)
                    continue
                except BaseException as err:  # anything else is a failure of the test
                    with lock:
                        other_errors.append(err)
                    return
                with lock:
                    acked[assessment_id][version] = marker
                    counts["acknowledged"] += 1

        threads = [threading.Thread(target=write, args=(a, i)) for i, a in enumerate(ids)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        server.crash()
        counts["faults"] += 1
        time.sleep(1.0)
        server.restart()
        time.sleep(2.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        assert not other_errors, other_errors[:3]
        assert counts["reported failed"] > 0, "the outage was never noticed"
        present = 0
        for assessment_id in ids:
            _check_history(store, user, assessment_id, acked[assessment_id])
            present += len(acked[assessment_id])
        counts["present"] = present
        store.close()
        print(f"\nPostgreSQL crash under 30 writers: {dict(counts)}")
        assert counts["present"] == counts["acknowledged"] > 30
    finally:
        server.stop()


DISK_FULL_CHILD = """
import resource, signal, sys
from assessment.cli import main as cli_main
from assessment.domain.assessment import Assessment
from assessment.errors import UserError
from assessment.fileio import write_atomic
from assessment.storage import open_store

url, assessment_id, export = sys.argv[1:4]
store = open_store(url)
user = store.local_user()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write beyond the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[4]), int(sys.argv[4])))
failed = saved = 0
for n in range(40):
    current = store.get(user, assessment_id)
    doc = current.assessment.model_copy(update={"description": f"stor-{n} " + "x" * 200_000})
    try:
        store.save(user, assessment_id, doc, current.version)
        saved += 1
    except UserError as err:
        failed += 1
        message = err.message("sv")
data = store.export_workspace(user, "default")
resource.setrlimit(resource.RLIMIT_FSIZE, (len(data) // 2, len(data) // 2))  # the disk fills up
try:
    write_atomic(export, data)
    exported = "written"
except UserError as err:
    exported = err.message("sv")
print(f"saved={saved} failed={failed}")
print("save message:", message if failed else "-")
print("export:", exported)
"""


def test_disk_full_during_saves_and_exports(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'full.db'}"
    store = open_store(url)
    user = store.local_user()
    stored = store.create(user, Assessment(title="Full disk"))
    good = store.get(user, stored.id)
    export = tmp_path / "backup.zip"
    export.write_bytes(store.export_workspace(user, "default"))
    before_export = export.read_bytes()
    store.close()
    limit = (tmp_path / "full.db").stat().st_size + 3_000_000
    child = subprocess.run(
        [sys.executable, "-c", DISK_FULL_CHILD, url, stored.id, str(export), str(limit)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert "Traceback" not in child.stderr
    lines = dict(line.split(":", 1) if ":" in line else (line, "") for line in child.stdout.splitlines())
    saved, failed = (int(part.split("=")[1]) for part in child.stdout.splitlines()[0].split())
    print(f"\ndisk full (RLIMIT_FSIZE): saves acknowledged {saved}, reported failed {failed}; {child.stdout}")
    assert failed > 0 and saved > 0
    assert "sparades inte" in lines["save message"]
    assert "skrevs inte" in lines["export"]
    assert export.read_bytes() == before_export  # the previous backup is intact
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".backup")] == []
    reopened = open_store(url)
    current = reopened.get(user, stored.id)
    assert current.version == saved + 1 == good.version + saved
    assert reopened.revision(user, stored.id, current.version) == current.assessment
    with reopened.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    again = reopened.save(
        user, stored.id, current.assessment.model_copy(update={"description": "igen"}), current.version
    )
    assert again.stored.version == current.version + 1
    reopened.close()


def test_cli_output_on_a_full_disk_keeps_the_previous_file(tmp_path: Path) -> None:
    """`storage export`, `report -o` and `portfolio --xlsx` under a file-size limit: a clear
    message, exit 2, and the old file untouched (they used to leave a fragment in its place)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = open_store(url)
    # Incompressible text, so the zip is larger than the limit below.
    store.create(store.local_user(), Assessment(title="Säkerhetskopia", description=os.urandom(60_000).hex()))
    store.close()
    example = REPO / "examples" / "rsp" / "rsp_are.yaml"
    # Limits per command: the store's own -shm file needs 32 KiB; the outputs are larger than
    # their limit (checked below), so each write runs into the "full disk".
    outputs = {
        "backup.zip": (40_000, ["storage", "--database-url", url, "export", "default", "-o"]),
        "r.pdf": (5_000, ["report", str(example), "-o"]),
        "p.xlsx": (2_000, ["portfolio", str(example), "--xlsx"]),
    }

    for name, (limit, argv) in outputs.items():
        target = tmp_path / name
        target.write_bytes(b"previous good file")

        def limited(limit: int = limit) -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        result = subprocess.run(
            [sys.executable, "-m", "assessment", *argv, str(target)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=limited,
        )
        assert result.returncode == 2, (name, result.stdout, result.stderr[-1500:])
        assert "Traceback" not in result.stderr and str(target) in result.stderr, result.stderr
        assert target.read_bytes() == b"previous good file", name
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{name}")] == [], name
        # The limit was real: without it the same command writes more than the limit. (In this
        # process: a second cold CLI start per command proves nothing the one above does not.)
        assert cli_main([*argv, str(target)]) == 0, name
        assert target.stat().st_size > limit, name


def test_app_says_not_saved_and_keeps_the_text_when_the_database_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UI path of a database outage: the user's language, "not saved", the typed text kept,
    and the saved revision unchanged (the raw driver error used to reach the page in English)."""
    from streamlit.testing.v1 import AppTest

    from assessment.storage.store import Store as StoreClass

    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSESSMENT_AUTH", "none")
    store = open_store()
    user = store.local_user()
    created = store.create(user, Assessment(title="Utan databas"))
    store.set_ui_state(user, {"assessment_id": created.id, "page": "rus"})
    store.close()
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=90)
    at.run()
    assert not at.exception
    key = f"w{at.session_state['_gen']}:rus:p1:comment"

    def outage(self: object, *args: object, **kwargs: object) -> object:
        from sqlalchemy.exc import OperationalError

        raise StoreUnavailable(
            True, OperationalError("UPDATE ...", {}, Exception("database or disk is full"))
        )

    monkeypatch.setattr(StoreClass, "save", outage)
    at.text_area(key=key).input("Text som inte får försvinna").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(str(e.value) for e in at.error) + " ".join(str(t.value) for t in at.toast)
    assert "Ändringen sparades inte" in shown and "database or disk is full" in shown
    assert "UPDATE" not in shown
    assert at.text_area(key=key).value == "Text som inte får försvinna"
    monkeypatch.undo()
    reopened = open_store(f"sqlite:///{tmp_path / 'assessments.db'}")
    assert reopened.get(reopened.local_user(), created.id).version == 1
    reopened.close()
