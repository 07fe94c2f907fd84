"""Shared fixtures. Storage: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL: ``TEST_DATABASE_URL`` (or a ``postgresql://`` ``DATABASE_URL``) names an existing server
whose role may create databases; without it each test session (each xdist worker) starts a
throwaway server from the Debian binaries. ``DATABASE_URL`` is removed from the environment so no
test opens the developer's own database by accident.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner

from assessment.storage import Store, open_store
from tests.support.postgres import ExistingPostgres, PostgresServer
from tests.support.suite_counts import pytest_terminal_summary  # noqa: F401  (a hook)


def _existing_server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    os.environ.pop("DATABASE_URL", None)
    return url if url.startswith("postgres") else None


EXISTING_POSTGRES = _existing_server_url()
# Every AppTest scans the metadata of every installed distribution for Streamlit components on its
# first run (streamlit 1.67, testing/v1/app_test.py -> BidiComponentManager.discover_and_register_
# components): 0.11 s, 0.25 s under coverage, for every AppTest the suite makes. The
# installed packages do not change during a test session: scan once per process.
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)

# A missing message key or an unfilled placeholder fails the test (and the app and CLI processes
# the tests start, which inherit the environment) instead of showing the key to a user.
os.environ["ASSESSMENT_I18N_STRICT"] = "1"


# The app refuses to serve with ASSESSMENT_AUTH unset (fail closed). Tests run it in embedded mode
# unless they choose otherwise, whatever the developer's shell has; subprocesses inherit this.
os.environ["ASSESSMENT_AUTH"] = "none"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | ExistingPostgres]:
    """The existing server of TEST_DATABASE_URL, else one throwaway PostgreSQL per test session
    (per xdist worker); fails if neither is available."""
    server = (ExistingPostgres(EXISTING_POSTGRES) if EXISTING_POSTGRES else PostgresServer()).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'assessments.db'}"
        return
    server: PostgresServer | ExistingPostgres = request.getfixturevalue("postgres_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


# Test files that take longest, longest first (worker-seconds of a `make test` run on 2 cores,
# 3 December 2026: 551, 229, 152, 139, 139, 131, 81, 73 s). `make test` hands whole files to the
# two workers in collection order (--dist loadfile --no-loadscope-reorder); starting the longest
# ones first keeps a 9-minute browser file from starting last and running alone while the other
# worker idles (xdist's default order, most tests first, put the browser files at the end).
RUN_FIRST = (
    "tests/e2e/test_browser_projector.py",
    "tests/e2e/test_browser_wizard.py",
    "tests/integration/test_security_hostile.py",
    "tests/e2e/test_browser_workshop.py",
    "tests/integration/test_security_faults.py",
    "tests/e2e/test_browser_screening.py",
    "tests/integration/test_portfolio_cli.py",
    "tests/integration/test_storage_concurrency.py",
)


# Tests that run untraced by coverage (pytest-cov's no_cover). On Python 3.11 tracing slows every
# line the traced process runs, libraries' too (~1.7x), and these add no line or branch of
# assessment/ that other tests do not reach: a browser test only drives Chromium (the app runs in
# its own, untraced streamlit process); a stress test runs paths that other tests cover, many times
# over (writers killed, many processes or participants at once; the hostile corpus through every
# command and through the store) to find losses, races and crashes. Checked with a
# --cov-context=test run of the whole suite (6-7 December 2026: 0 arcs lost) and, for the hostile
# corpus, by the missed lines per file of whole runs with and without it traced (7 December, once
# what only it reached had tests of its own). Recheck so when a stress test is added: the
# coverage floor would catch only a large loss.
UNTRACED = ("browser", "stress")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if any(item.get_closest_marker(name) is not None for name in UNTRACED):
            item.add_marker(pytest.mark.no_cover)
    rank = {path: n for n, path in enumerate(RUN_FIRST)}
    root = config.rootpath

    def key(item: pytest.Item) -> int:
        try:
            relative = item.path.relative_to(root).as_posix()
        except ValueError:  # a test outside the repository (the suite's own probes)
            return len(RUN_FIRST)
        return rank.get(relative, len(RUN_FIRST))

    items.sort(key=key)  # stable: within a file, and for all other files, the collected order
