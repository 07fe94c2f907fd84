"""A full disk on PostgreSQL (issue 13, faults): the server refuses writes with SQLSTATE 53100
(disk_full), the error PostgreSQL raises when it cannot extend a table file. The fault is made in
the server by a trigger that raises exactly that error, so it travels the real path: psycopg's
``DiskFull``, SQLAlchemy's ``OperationalError``, the store's rollback. Checked: the store says
"not saved" in Swedish and keeps the previous revision; the app shows that message, keeps the
typed text, and changing page and language (remembered in the database) does not crash it;
once space is back, saving works again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment
from assessment.errors import UserError
from assessment.storage import Role, open_store
from assessment.storage.base import StoreUnavailable

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "diskfull-Krokom-2026"
# What PostgreSQL says when the file system is full (md.c, mdextend).
MESSAGE = 'could not extend file "base/16384/16410": No space left on device'
TABLES = ("assessments", "revisions", "ui_state")


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextlib.contextmanager
def disk_full(url: str, tables: tuple[str, ...] = TABLES) -> Iterator[None]:
    """Every insert and update of ``tables`` fails with SQLSTATE 53100 until the block ends."""
    with psycopg.connect(_dsn(url), autocommit=True) as conn:
        conn.execute(
            "CREATE OR REPLACE FUNCTION fault_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = '{MESSAGE}', "
            "HINT = 'Check free disk space.'; END $$"
        )
        for table in tables:
            conn.execute(
                f"CREATE TRIGGER fault_disk_full BEFORE INSERT OR UPDATE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION fault_disk_full()"
            )
        try:
            yield
        finally:
            for table in tables:
                conn.execute(f"DROP TRIGGER fault_disk_full ON {table}")


@pytest.fixture
def pg_url(postgres_server: object) -> Iterator[str]:
    url = postgres_server.create_database()  # type: ignore[attr-defined]
    try:
        yield url
    finally:
        postgres_server.drop_database(url)  # type: ignore[attr-defined]


def test_store_says_not_saved_and_keeps_the_previous_revision(pg_url: str) -> None:
    store = open_store(pg_url)
    user = store.local_user()
    stored = store.create(user, Assessment(title="Fullt", description="Version 1"))
    v2 = store.save(user, stored.id, stored.assessment.model_copy(update={"description": "Version 2"}), 1)
    attempts = 0
    with disk_full(pg_url):
        for description in ("Version 3", "Ŋuolggas <b>&</b>"):
            edited = v2.stored.assessment.model_copy(update={"description": description})
            with pytest.raises(StoreUnavailable) as err:
                store.save(user, stored.id, edited, 2)
            attempts += 1
            # The real driver error underneath, told as "not saved" in the user's language.
            driver = err.value.__cause__
            assert isinstance(getattr(driver, "orig", None), psycopg.errors.DiskFull)
            assert driver.orig.sqlstate == "53100"  # type: ignore[union-attr]
            message = err.value.message("sv")
            assert message.startswith("Ändringen sparades inte") and "No space left on device" in message
            assert "UPDATE" not in message and "INSERT" not in message  # no SQL, no document text
        with pytest.raises(StoreUnavailable):
            store.create(user, Assessment(title="Ny"))
        with pytest.raises(UserError):
            store.set_ui_state(user, {"page": "rus"})
        # Reading still works, and shows the previous revision.
        assert store.get(user, stored.id).assessment.description == "Version 2"
    print(f"\ndisk full on PostgreSQL: {attempts} saves refused as not saved, 0 revisions lost")
    assert [r.version for r in store.history(user, stored.id)] == [2, 1]
    assert [s.title for s in store.list(user)] == ["Fullt"]
    # Space is back: the next save is version 3.
    again = store.save(user, stored.id, v2.stored.assessment.model_copy(update={"description": "Igen"}), 2)
    assert again.stored.version == 3
    store.close()


def test_app_says_not_saved_and_survives_page_and_language_changes(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", pg_url)
    monkeypatch.setenv("ASSESSMENT_AUTH", "local")
    monkeypatch.setenv("ASSESSMENT_LIVE", "0")
    store = open_store(pg_url)
    root = store.local_user()
    anna = store.add_user(root, "anna", "Anna", password=PASSWORD)
    store.grant(root, "default", "anna", Role.editor)
    created = store.create(anna, Assessment(title="Fullt i appen"), "default")
    store.set_ui_state(anna, {"assessment_id": created.id, "page": "rus"})

    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=90)
    at.run()
    at.text_input(key="login_username").input("anna")
    at.text_input(key="login_password").input(PASSWORD)
    at.button(key="FormSubmitter:login-Logga in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["nav_page"] == "rus"
    key = f"w{at.session_state['_gen']}:rus:p1:comment"
    with disk_full(pg_url):
        at.text_area(key=key).input("Text som inte får försvinna").run()
        assert not at.exception, [e.value for e in at.exception]
        shown = " ".join(str(e.value) for e in (*at.error, *at.toast))
        assert "Ändringen sparades inte" in shown and "No space left on device" in shown, shown
        assert "UPDATE" not in shown and "psycopg" not in shown
        assert at.text_area(key=key).value == "Text som inte får försvinna"
        # Page and language are remembered in the database: that fails too, quietly.
        nav = next(r for r in at.sidebar.radio if (r.key or "").startswith("nav:"))
        nav.set_value("sdg").run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state["nav_page"] == "sdg"
        lang = next(r for r in at.sidebar.radio if (r.key or "").startswith("lang:"))
        lang.set_value("en").run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state["nav_page"] == "sdg"
    # Nothing was written, and what was saved before is intact.
    assert store.get(anna, created.id).version == 1
    assert store.get(anna, created.id).assessment.title == "Fullt i appen"
    assert store.ui_state(anna)["page"] == "rus"
    store.close()
