"""Prints what the hostile-input, fault and access tests counted at the end of every run.

Those tests print their counts (files refused, kills survived, writes acknowledged/present/failed,
cross-workspace calls refused); pytest captures a passing test's output, so without this the
counts never reach the `make test` log. Captured output travels with the test report, so this
works the same on xdist workers."""

from __future__ import annotations

import pytest

COUNTED_FILES = "tests/integration/test_security_"
TITLE = "hostile-input, fault and access counts"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = []
    for report in terminalreporter.stats.get("passed", []):
        if report.when != "call" or COUNTED_FILES not in report.nodeid:
            continue
        printed = " ".join(report.capstdout.split())
        if printed:
            lines.append(f"{report.nodeid.removeprefix('tests/integration/')}: {printed}")
    if lines:
        terminalreporter.write_sep("-", TITLE)
        for line in lines:
            terminalreporter.write_line(line)
