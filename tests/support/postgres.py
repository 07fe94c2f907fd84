"""A throwaway PostgreSQL server for tests and benchmarks, from the Debian binaries.

``PostgresServer().start()`` runs initdb in a fresh temporary directory, starts the server on
127.0.0.1 at a free port (no Unix socket outside that directory) and ``stop()`` removes it all.
PostgreSQL refuses to run as root, so under root the binaries run as the ``postgres`` system user
(created by the Debian package). Missing binaries are an error, never a reason to skip.

``ExistingPostgres(url)`` is the same interface over a server someone else runs (a CI service, a
developer's local server): set ``TEST_DATABASE_URL`` to a role that may ``CREATE DATABASE`` and the
tests create and drop their own uniquely named databases there instead of starting a server.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from tests.support.ports import free_port

INSTALL_HINT = (
    "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install the Debian "
    "package: `apt-get install -y postgresql` (or run `make system-deps`)."
)


class PostgresUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    if not candidates:
        raise PostgresUnavailable(INSTALL_HINT)
    return Path(candidates[-1]).parent


class PostgresServer:
    def __init__(self, *, durable: bool = False) -> None:
        # durable: commits are acknowledged only once in the WAL (synchronous_commit=on), so a
        # crash of the server loses nothing acknowledged; fsync stays off (the OS does not crash).
        self.durable = durable
        self.bin_dir = find_bin_dir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="assessment-pg-"))
        self.data = self.root / "data"
        self.user = "postgres"
        self._run_as: list[str] = []
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise PostgresUnavailable(
                    "running as root but there is no 'postgres' system user; " + INSTALL_HINT
                ) from exc
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
            self._run_as = ["runuser", "-u", "postgres", "--"]

    def _pg(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self._run_as, str(self.bin_dir / tool), *args],
            check=check,
            capture_output=True,
            text=True,
            cwd=self.root,
        )

    def start(self) -> PostgresServer:
        try:
            self._pg(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                self.user,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            )
        except subprocess.CalledProcessError as exc:
            raise PostgresUnavailable(f"initdb failed: {exc.stderr.strip()}") from exc
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.root} -c fsync=off "
            f"-c synchronous_commit={'on' if self.durable else 'off'} -c full_page_writes=off "
            "-c max_connections=300"
        )
        self._options = options
        self._pg_start()
        return self

    def crash(self) -> None:
        """Stop the server as a crash would (immediate shutdown: no checkpoint, clients cut off)."""
        self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def restart(self) -> None:
        """Start the server again on the same data and port (crash recovery runs first)."""
        self._pg_start()

    def _pg_start(self) -> None:
        options = self._options
        try:
            self._pg(
                "pg_ctl",
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
        except subprocess.CalledProcessError as exc:
            log = self.root / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else exc.stderr
            raise PostgresUnavailable(f"PostgreSQL did not start: {detail}") from exc
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def dsn(self, database: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def url(self, database: str) -> str:
        """SQLAlchemy URL (psycopg 3 driver)."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.data.exists():
            self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ExistingPostgres:
    """A running PostgreSQL server reached through an admin URL (``TEST_DATABASE_URL``).

    Databases are created with a ``t_`` prefix and a random suffix, so several xdist workers and
    several developers can share one server; ``stop()`` leaves the server running.
    """

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        if not parsed.drivername.startswith("postgres"):
            raise PostgresUnavailable(
                f"TEST_DATABASE_URL must be a postgresql:// URL, not {parsed.drivername}"
            )
        self._admin = parsed.set(drivername="postgresql", database=parsed.database or "postgres")
        self.port = parsed.port or 5432

    def dsn(self, database: str) -> str:
        return self._admin.set(database=database).render_as_string(hide_password=False)

    def url(self, database: str) -> str:
        """SQLAlchemy URL (psycopg 3 driver)."""
        return self._admin.set(drivername="postgresql+psycopg", database=database).render_as_string(
            hide_password=False
        )

    def start(self) -> ExistingPostgres:
        try:
            with psycopg.connect(self.dsn(self._admin.database or "postgres"), connect_timeout=5):
                return self
        except psycopg.OperationalError as exc:
            raise PostgresUnavailable(f"TEST_DATABASE_URL cannot be reached: {exc}") from exc

    def create_database(self, name: str | None = None) -> str:
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(self.dsn(self._admin.database or "postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        with psycopg.connect(self.dsn(self._admin.database or "postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Nothing to stop: the server belongs to someone else."""
