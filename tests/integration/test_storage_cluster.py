"""scripts/cluster-up.sh: PostgreSQL + 2 Streamlit processes + nginx come up on loopback, a browser
(cookie) sticks to one process, the WebSocket passes the proxy, and `down` stops everything."""

from __future__ import annotations

import http.cookiejar
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessment.storage import open_store
from tests.support.ports import free_port

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "cluster-up.sh"
# Starts its own PostgreSQL from the Debian binaries (the deployment script does), even when the other
# tests use an existing server through TEST_DATABASE_URL.
pytestmark = pytest.mark.postgres


@pytest.fixture
def cluster() -> Iterator[dict[str, str]]:
    assert shutil.which("nginx") or Path("/usr/sbin/nginx").exists(), (
        "nginx is not installed: apt-get install -y nginx (or make system-deps)"
    )
    directory = tempfile.mkdtemp(prefix="assessment-cluster-test-")
    env = {
        **os.environ,
        "CLUSTER_DIR": directory,
        "CLUSTER_PORT": str(free_port()),
        "CLUSTER_PG_PORT": str(free_port()),
        # Two consecutive ports for the two app processes; the script adds 1 for the second.
        "CLUSTER_APP_PORT": str(free_port(2)),
        "PYTHON": sys.executable,
    }
    try:
        yield env
    finally:
        subprocess.run(["bash", str(SCRIPT), "down"], env=env, capture_output=True, timeout=120)
        shutil.rmtree(directory, ignore_errors=True)


def _parent(pid: int) -> int | None:
    try:
        # /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ")".
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None  # the process ended meanwhile


def _logs(directory: str) -> str:
    """The end of each app process's log, for a reader of a failed run (the folder is removed)."""
    return "".join(
        f"\n{log.name}:\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        for log in sorted(Path(directory).glob("app-*.log"))
    )


def _backend(opener: urllib.request.OpenerDirector, url: str) -> str:
    with opener.open(url, timeout=10) as response:
        assert response.status == 200
        return str(response.headers["X-Assessment-Backend"])


@pytest.mark.stress
def test_cluster_up_sticky_websocket_down(cluster: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    up = subprocess.run(["bash", str(SCRIPT), "2"], env=cluster, capture_output=True, text=True, timeout=300)
    assert up.returncode == 0, up.stdout[-2000:] + up.stderr[-2000:] + _logs(cluster["CLUSTER_DIR"])
    base = f"http://127.0.0.1:{cluster['CLUSTER_PORT']}"

    # A browser keeps the route cookie and always reaches the same process.
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    seen = {_backend(browser, f"{base}/_stcore/health") for _ in range(8)}
    assert len(seen) == 1
    # New browsers are spread over both processes.
    fresh = {_backend(urllib.request.build_opener(), f"{base}/_stcore/health") for _ in range(30)}
    assert len(fresh) == 2

    # Streamlit's WebSocket upgrade passes through nginx.
    with socket.create_connection(("127.0.0.1", int(cluster["CLUSTER_PORT"])), timeout=10) as s:
        s.sendall(
            b"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
            b"Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        )
        assert s.recv(100).startswith(b"HTTP/1.1 101")

    # nginx's workers (they parse every request) never run as root, also when the script ran as root.
    master = int((Path(cluster["CLUSTER_DIR"]) / "nginx" / "nginx.pid").read_text())
    workers = [int(pid) for pid in os.listdir("/proc") if pid.isdigit() and _parent(int(pid)) == master]
    assert workers, "nginx has no worker process"
    assert all(os.stat(f"/proc/{pid}").st_uid != 0 for pid in workers), workers

    # PostgreSQL asks for the password (scram-sha-256, never trust), over TCP and the socket.
    directory = Path(cluster["CLUSTER_DIR"])
    hba = [
        line.split() for line in (directory / "pg" / "pg_hba.conf").read_text().splitlines() if line.strip()
    ]
    methods = {fields[-1] for fields in hba if not fields[0].startswith("#")}
    assert methods == {"scram-sha-256"}, methods
    for name in ("pg-password", "pgpass"):
        assert (directory / name).stat().st_mode & 0o077 == 0, name  # owner-only
    url = f"postgresql://postgres@127.0.0.1:{cluster['CLUSTER_PG_PORT']}/assessment"
    refused = subprocess.run(
        [sys.executable, "-c", f"import psycopg; psycopg.connect({url!r})"],
        env={k: v for k, v in os.environ.items() if not k.startswith("PG")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0 and "password" in refused.stderr, refused.stderr[-500:]
    # The processes share the PostgreSQL database the script created (password from PGPASSFILE).
    monkeypatch.setenv("PGPASSFILE", str(directory / "pgpass"))
    store = open_store(url)
    assert store.backend == "postgresql"
    assert [w.id for w in store.workspaces(store.local_user())] == ["default"]
    store.close()

    down = subprocess.run(
        ["bash", str(SCRIPT), "down"], env=cluster, capture_output=True, text=True, timeout=120
    )
    assert down.returncode == 0, down.stderr
    status = subprocess.run(
        ["bash", str(SCRIPT), "status"], env=cluster, capture_output=True, text=True, timeout=60
    )
    assert "postgresql: down" in status.stdout and "nginx: down" in status.stdout
    assert "pid" not in status.stdout
