"""The suite's own set-up: browser modules share a module-scoped app server, so each test file
must run on one xdist worker, in file order, under the options `make test` uses."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from tests.conftest import RUN_FIRST, pytest_collection_modifyitems
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import os
SEEN = []
def test_1(): SEEN.append(os.environ["PYTEST_XDIST_WORKER"])
def test_2(): SEEN.append(os.environ["PYTEST_XDIST_WORKER"])
def test_3(): SEEN.append(os.environ["PYTEST_XDIST_WORKER"])
def test_4(): SEEN.append(os.environ["PYTEST_XDIST_WORKER"])
def test_5(): assert len(SEEN) == 4 and len(set(SEEN)) == 1, SEEN
"""


def _make_test_target() -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]


def make_test_dist() -> str:
    """The --dist mode of the `test` target in the Makefile."""
    match = re.search(r"--dist (\w+)", _make_test_target())
    assert match, "make test runs pytest without --dist"
    return match.group(1)


def make_test_scheduling() -> list[str]:
    """The scheduling options of the `test` target: --dist and the scope order switch."""
    options = ["--dist", make_test_dist()]
    if "--no-loadscope-reorder" in _make_test_target():
        options.append("--no-loadscope-reorder")
    return options


@dataclass
class ProbeRun:
    stdout: str
    started: list[str]  # the order files' tests started in (see STARTED)


# Files whose tests log their file's name when they start (name -> number of tests), 0.2 s each.
STARTED = {"a_few": 1, "b_many": 6, "c_many": 6}


@pytest.fixture(scope="module")
def probe_run(tmp_path_factory: pytest.TempPathFactory) -> ProbeRun:
    """One pytest run on 2 workers under `make test`'s options over all the probe files of this
    module (each check below reads its part; one run instead of three saves two cold pytest-xdist
    starts, ~5.5 s each): PROBE and a second file, the STARTED files, and a security file that
    prints a count beside one that prints something else."""
    root = tmp_path_factory.mktemp("probe")
    (root / "test_probe.py").write_text(PROBE, encoding="utf-8")
    (root / "test_pair.py").write_text("def test_a(): pass\ndef test_b(): pass\n", encoding="utf-8")
    log = root / "started.log"
    for name, count in STARTED.items():
        body = "import os, time\n" + "".join(
            f"def test_{n}():\n"
            f"    with open(os.environ['PROBE_LOG'], 'a') as f: f.write('{name}\\n')\n"
            "    time.sleep(0.2)\n"
            for n in range(count)
        )
        (root / f"test_{name}.py").write_text(body, encoding="utf-8")
    counted = root / "tests" / "integration"
    counted.mkdir(parents=True)
    (counted / "test_security_probe.py").write_text(
        "def test_kills():\n    print('\\nkill -9 on sqlite: acknowledged 50, present 50')\n",
        encoding="utf-8",
    )
    (counted / "test_other.py").write_text("def test_x():\n    print('not a count')\n", encoding="utf-8")
    run = subprocess.run(
        [
            *[sys.executable, "-m", "pytest", "-q", "-n", "2", *make_test_scheduling()],
            *["-p", "no:cacheprovider", "-p", "no:randomly", "-p", "tests.support.suite_counts", "."],
        ],
        cwd=root,
        env={**os.environ, "PROBE_LOG": str(log), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return ProbeRun(run.stdout, log.read_text(encoding="utf-8").split())


def test_make_test_keeps_each_file_on_one_worker_in_order(probe_run: ProbeRun) -> None:
    # PROBE's last test fails unless the file's four others ran before it on the same worker.
    assert f"{5 + 2 + sum(STARTED.values()) + 2} passed" in probe_run.stdout, probe_run.stdout


def test_make_test_starts_files_in_collection_order_not_by_test_count(probe_run: ProbeRun) -> None:
    """xdist's default hands out the files with most tests first, which put the few-test but
    long browser files last; make test keeps the collected order (tests/conftest.py RUN_FIRST)."""
    assert set(probe_run.started[:2]) == {"a_few", "b_many"}, probe_run.started


def test_the_longest_files_are_collected_first_and_exist() -> None:
    for path in RUN_FIRST:
        assert (ROOT / path).is_file(), path
    collected = [
        Collected(ROOT / path, name)
        for path, name in [
            ("tests/unit/test_x.py", "a"),
            *[(p, "b") for p in reversed(RUN_FIRST)],
            ("tests/unit/test_x.py", "c"),
            ("tests/e2e/test_y.py", "d"),
        ]
    ]
    items = cast(list[pytest.Item], list(collected))
    pytest_collection_modifyitems(cast(pytest.Config, SimpleNamespace(rootpath=ROOT)), items)
    order = [(Path(str(item.path)).relative_to(ROOT).as_posix(), item.name) for item in items]
    # The listed files first, longest first; every other file after them in the collected order.
    assert order == [
        *[(p, "b") for p in RUN_FIRST],
        ("tests/unit/test_x.py", "a"),
        ("tests/unit/test_x.py", "c"),
        ("tests/e2e/test_y.py", "d"),
    ]


class Collected:
    """A stand-in for a collected test: its file, name and markers."""

    def __init__(self, path: Path, name: str, *markers: str) -> None:
        self.path, self.name, self.markers = path, name, set(markers)

    def get_closest_marker(self, name: str) -> Any:
        return SimpleNamespace(name=name) if name in self.markers else None

    def add_marker(self, marker: Any) -> None:
        self.markers.add(marker.name)


def test_browser_and_stress_tests_run_untraced_and_no_other() -> None:
    collected = [
        Collected(ROOT / "tests/unit/test_x.py", name, *markers)
        for name, markers in [
            ("plain", ()),
            ("pg", ("postgres",)),
            ("ui", ("browser",)),
            ("kill", ("stress", "postgres")),
        ]
    ]
    items = cast(list[pytest.Item], list(collected))
    pytest_collection_modifyitems(cast(pytest.Config, SimpleNamespace(rootpath=ROOT)), items)
    assert {item.name for item in collected if "no_cover" in item.markers} == {"ui", "kill"}


def test_make_test_prints_the_security_suites_counts(probe_run: ProbeRun) -> None:
    """Counts a hostile-input or fault test prints reach the log of a passing run on xdist workers
    (pytest would keep them captured); other tests' output stays captured."""
    summary = probe_run.stdout.split("hostile-input, fault and access counts", 1)
    assert len(summary) == 2, probe_run.stdout
    assert "test_security_probe.py::test_kills: kill -9 on sqlite: acknowledged 50, present 50" in summary[1]
    assert "not a count" not in probe_run.stdout


def test_servers_get_ports_below_the_ephemeral_range() -> None:
    """The ports the suite's servers are told to use: free, consecutive when asked, and never in
    the range the kernel hands out as the local ports of outgoing connections."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    first = free_port(2)
    assert first >= 10_000 and first + 1 < low
    for port in (first, first + 1):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))
