"""Alembic migrations: an empty database is built to head, the schema equals the models, a
reopen (upgrade) keeps the data, concurrent first opens do not collide, a newer schema is refused."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from assessment.domain.assessment import Assessment
from assessment.errors import UserError
from assessment.storage import open_store
from assessment.storage.engine import make_engine, resolve_url
from assessment.storage.migrate import current_revision, head_revision, upgrade
from assessment.storage.schema import metadata


def test_empty_database_is_migrated_to_head_matching_the_models(store_url: str) -> None:
    engine = make_engine(resolve_url(store_url))
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        differences = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    assert differences == []
    engine.dispose()


def test_downgrade_and_upgrade_again(store_url: str) -> None:
    engine = make_engine(resolve_url(store_url))
    upgrade(engine)
    from alembic import command

    from assessment.storage.migrate import alembic_config

    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "base")
        conn.commit()
    assert "assessments" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_reopening_keeps_data(store_url: str) -> None:
    first = open_store(store_url)
    user = first.local_user()
    stored = first.create(user, Assessment(title="Finns kvar efter uppgradering"))
    first.close()
    second = open_store(store_url)
    assert second.get(second.local_user(), stored.id).assessment.title == ("Finns kvar efter uppgradering")
    second.close()


def test_concurrent_first_opens(store_url: str) -> None:
    errors: list[BaseException] = []

    def opener() -> None:
        try:
            store = open_store(store_url)
            store.local_user()
            store.close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    store = open_store(store_url)
    assert len(store.workspaces(store.local_user())) == 1
    store.close()


def test_database_from_a_newer_release_is_refused(store_url: str) -> None:
    store = open_store(store_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    with pytest.raises(UserError) as err:
        open_store(store_url)
    assert "newer" in err.value.message("en")


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: object) -> None:
    store = open_store(f"sqlite:///{tmp_path}/wal.db")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    store.close()


def test_default_location_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", f"{tmp_path}/nested/data")
    store = open_store()
    store.local_user()
    assert store.engine.url.database == f"{tmp_path}/nested/data/assessments.db"
    store.close()
    monkeypatch.setenv("DATABASE_URL", "postgres://u@127.0.0.1:1/db")
    assert resolve_url().drivername == "postgresql+psycopg"
