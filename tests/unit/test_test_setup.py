"""The suite's own set-up: browser modules share a module-scoped app server, so each test file
must run on one xdist worker, in file order, under the options `make test` uses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from tests.conftest import RUN_FIRST, pytest_collection_modifyitems

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


def test_make_test_keeps_each_file_on_one_worker_in_order(tmp_path: Path) -> None:
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "test_other.py").write_text("def test_a(): pass\ndef test_b(): pass\n", encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "2",
            "--dist",
            make_test_dist(),
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "7 passed" in run.stdout, run.stdout


def _started(tmp_path: Path, files: dict[str, int]) -> list[str]:
    """Runs probe files (name -> number of tests) under make test's scheduling on 2 workers and
    returns the file names in the order their tests started."""
    log = tmp_path / "started.log"
    for name, count in files.items():
        body = "import os, time\n" + "".join(
            f"def test_{n}():\n"
            f"    with open(os.environ['PROBE_LOG'], 'a') as f: f.write('{name}\\n')\n"
            "    time.sleep(0.2)\n"
            for n in range(count)
        )
        (tmp_path / f"test_{name}.py").write_text(body, encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "2",
            *make_test_scheduling(),
            "-p",
            "no:cacheprovider",
            ".",
        ],
        cwd=tmp_path,
        env={**os.environ, "PROBE_LOG": str(log)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return log.read_text(encoding="utf-8").split()


def test_make_test_starts_files_in_collection_order_not_by_test_count(tmp_path: Path) -> None:
    """xdist's default hands out the files with most tests first, which put the few-test but
    long browser files last; make test keeps the collected order (tests/conftest.py RUN_FIRST)."""
    order = _started(tmp_path, {"a_few": 1, "b_many": 6, "c_many": 6})
    assert set(order[:2]) == {"a_few", "b_many"}, order


def test_the_longest_files_are_collected_first_and_exist() -> None:
    for path in RUN_FIRST:
        assert (ROOT / path).is_file(), path
    collected = [
        SimpleNamespace(path=ROOT / path, name=name)
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


def test_make_test_prints_the_security_suites_counts(tmp_path: Path) -> None:
    """Counts a hostile-input or fault test prints reach the log of a passing run on xdist workers
    (pytest would keep them captured); other tests' output stays captured."""
    counted = tmp_path / "tests" / "integration"
    counted.mkdir(parents=True)
    (counted / "test_security_probe.py").write_text(
        "def test_kills():\n    print('\\nkill -9 on sqlite: acknowledged 50, present 50')\n",
        encoding="utf-8",
    )
    (counted / "test_other.py").write_text("def test_x():\n    print('not a count')\n", encoding="utf-8")
    run = subprocess.run(
        [
            *[sys.executable, "-m", "pytest", "-q", "-n", "2", *make_test_scheduling()],
            *["-p", "no:cacheprovider", "-p", "tests.support.suite_counts", "."],
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    summary = run.stdout.split("hostile-input, fault and access counts", 1)
    assert len(summary) == 2, run.stdout
    assert "test_security_probe.py::test_kills: kill -9 on sqlite: acknowledged 50, present 50" in summary[1]
    assert "not a count" not in run.stdout
