"""`python -m assessment validate` as a user runs it: exit codes and messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_examples_validate() -> None:
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
    assert len(examples) >= 4
    result = run("validate", *examples)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("OK:") == len(examples)


def test_broken_file_exits_non_zero_naming_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text("title: Trasig\nsdg:\n  - {target: '7.9', impact: 2}\n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "trasig.yaml: sdg[0].target" in result.stdout
    assert "Okänt delmål: 7.9" in result.stdout
    english = run("--lang", "en", "validate", str(bad))
    assert "Unknown SDG target: 7.9" in english.stdout


def test_schema_command_prints_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert '"title"' in result.stdout and '"$schema"' in result.stdout
