"""Guards for the rules in docs/architecture.md and the product card."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from assessment.domain.schema import json_schema

ROOT = Path(__file__).resolve().parents[2]


# "Nothing outside assessment.ui imports streamlit" and the layering are import-linter contracts
# ([tool.importlinter] in pyproject.toml), checked by `make lint`.


def test_importing_the_library_does_not_load_streamlit() -> None:
    code = (
        "import sys, assessment.cli, assessment.fileio, assessment.domain;"
        "assessment.cli.build_parser();"
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_committed_json_schema_matches_code() -> None:
    committed = json.loads((ROOT / "docs" / "assessment.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate: python -m assessment schema > docs/assessment.schema.json"


def test_no_telemetry_and_no_developer_toolbar() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] in ("viewer", "minimal")


def test_every_direct_requirement_is_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert "==" in line, f"{name}: {line} is not pinned"
