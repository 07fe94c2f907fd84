"""The suite's own set-up: browser modules share a module-scoped app server, so each test file
must run on one xdist worker, in file order, under the options `make test` uses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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


def make_test_dist() -> str:
    """The --dist mode of the `test` target in the Makefile."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    match = re.search(r"--dist (\w+)", target)
    assert match, "make test runs pytest without --dist"
    return match.group(1)


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
