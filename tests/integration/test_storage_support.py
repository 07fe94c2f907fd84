"""The PostgreSQL test server fails loudly (never skips) without the Debian binaries; the
in-memory SQLite store works for quick scripts."""

from __future__ import annotations

import pytest

from assessment.domain.assessment import Assessment
from assessment.storage import open_store
from tests.support import postgres


def test_missing_postgres_binaries_fail_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgres.glob, "glob", lambda pattern: [])
    with pytest.raises(postgres.PostgresUnavailable, match="apt-get install -y postgresql"):
        postgres.PostgresServer()


def test_in_memory_sqlite_store() -> None:
    store = open_store("sqlite://")
    user = store.local_user()
    stored = store.create(user, Assessment(title="Bara i minnet"))
    assert store.get(user, stored.id).assessment.title == "Bara i minnet"
    store.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://anna:topsecret@127.0.0.1:1/x", "cannot be reached"),
        ("nonsense://", "Invalid database address"),
        (":::", "Invalid database address"),
        ("sqlite:////proc/no-such-dir/x.db", "cannot be reached"),
    ],
)
def test_unusable_databases_give_a_message_without_the_password(url: str, expected: str) -> None:
    from assessment.errors import UserError

    with pytest.raises(UserError) as err:
        open_store(url)
    message = err.value.message("en")
    assert expected in message
    assert "topsecret" not in message


@pytest.mark.postgres
def test_existing_server_url_gives_private_databases(postgres_server: object) -> None:
    """TEST_DATABASE_URL: tests create and drop their own databases on a server they did not start."""
    assert isinstance(postgres_server, postgres.PostgresServer | postgres.ExistingPostgres)
    admin = postgres_server.url("postgres").replace("+psycopg", "")
    existing = postgres.ExistingPostgres(admin).start()
    url = existing.create_database()
    assert url.startswith("postgresql+psycopg://") and url.rsplit("/", 1)[1].startswith("t_")
    store = open_store(url)
    user = store.local_user()
    stored = store.create(user, Assessment(title="På en befintlig server"))
    assert store.get(user, stored.id).assessment.title == "På en befintlig server"
    store.close()
    existing.drop_database(url)
    from assessment.errors import UserError

    with pytest.raises(UserError, match="does not exist"):
        open_store(url)
    existing.stop()  # leaves the server running
    assert postgres_server.create_database()


def test_existing_server_must_be_postgres() -> None:
    with pytest.raises(postgres.PostgresUnavailable, match="postgresql://"):
        postgres.ExistingPostgres("sqlite:///x.db")
