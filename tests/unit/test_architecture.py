"""Guards for the rules in docs/architecture.md and the product card."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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


def _requirements(path: Path) -> dict[str, Requirement]:
    """The requirements of a pip requirements file by normalised name (options and -r/-c left out;
    continuation lines joined, as pip reads them)."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    found: dict[str, Requirement] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].split("--hash", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = requirement
    return found


def test_every_direct_requirement_is_pinned_and_locked_with_hashes() -> None:
    for source, lock in (
        ("requirements.in", "requirements.txt"),
        ("requirements-dev.in", "requirements-dev.txt"),
    ):
        direct = _requirements(ROOT / source)
        assert direct, source
        for requirement in direct.values():
            assert str(requirement.specifier).startswith("=="), f"{source}: {requirement} is not pinned"
        text = (ROOT / lock).read_text(encoding="utf-8")
        locked = _requirements(ROOT / lock)
        # Every package of the lock (transitive ones too) at one exact version with its hashes,
        # and each direct pin locked at the version the .in file asks for.
        for block in text.replace("\\\n", " ").splitlines():
            if block and not block.startswith(("#", " ")):
                assert "==" in block and "--hash=sha256:" in block, f"{lock}: {block[:60]} has no hash"
        for name, requirement in direct.items():
            assert name in locked, f"{lock} lacks {name}: run make lock"
            assert locked[name].specifier == requirement.specifier, f"{lock}: {name}: run make lock"
    runtime = set(_requirements(ROOT / "requirements.txt"))
    assert runtime <= set(_requirements(ROOT / "requirements-dev.txt"))  # dev installs the app too


def test_the_package_ranges_admit_the_tested_pins() -> None:
    """pyproject.toml's ranges name the same direct dependencies as requirements.in and admit its
    pins, so `pip install .` gets what the suite tested."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    ranges = {canonicalize_name(r.name): r for r in map(Requirement, project["dependencies"])}
    pins = _requirements(ROOT / "requirements.in")
    assert set(ranges) == set(pins)
    for name, pin in pins.items():
        version = str(pin.specifier).removeprefix("==")
        assert ranges[name].specifier.contains(version), f"pyproject.toml: {ranges[name]} refuses {version}"


def test_ui_uses_no_deprecated_streamlit_parameter() -> None:
    """Streamlit 1.67 warns that ``use_container_width`` goes away (``width="stretch"`` replaces it);
    a call passing it would break on the next upgrade."""
    deprecated = {"use_container_width"}
    found = []
    for path in [*sorted((ROOT / "assessment" / "ui").rglob("*.py")), ROOT / "streamlit_app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found += [f"{path.name}:{node.lineno}" for kw in node.keywords if kw.arg in deprecated]
    assert found == []


def test_numbers_for_people_are_formatted_in_one_place() -> None:
    """Decimal commas come from `assessment.formats` (Babel, per language); a hand-made
    ``.replace(".", ",")`` put commas into English text (workshop minutes, consensus) and its
    neighbours printed points into Swedish ("allvar 2.00"). Only the CSV writer for Swedish Excel,
    which must not group thousands, has its own."""
    allowed = {ROOT / "assessment" / "spreadsheets" / "cells.py"}
    found = []
    for path in sorted((ROOT / "assessment").rglob("*.py")):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "replace"
                and [a.value for a in node.args if isinstance(a, ast.Constant)] == [".", ","]
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_ui_asks_streamlit_for_no_english_it_can_leave_out() -> None:
    """Issue 14 (all Swedish): every multiselect passes ``select_all=False`` (else Streamlit offers
    its English "Select all" / "Select N matches", and Enter after a filter picks it) and a
    placeholder (else "Choose options"); every table passes ``placeholder`` (else an empty cell
    reads "None")."""
    needs = {
        "multiselect": {"select_all", "placeholder"},
        "dataframe": {"placeholder"},
        "data_editor": {"placeholder"},
    }
    found = []
    for path in [*sorted((ROOT / "assessment" / "ui").rglob("*.py")), ROOT / "streamlit_app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if isinstance(node.func.value, ast.Name) and node.func.value.id == "fields":
                    continue  # fields.multiselect passes both itself
                wanted = needs.get(node.func.attr, set())
                given = {kw.arg for kw in node.keywords}
                if wanted - given:
                    found.append(
                        f"{path.name}:{node.lineno} {node.func.attr} without {sorted(wanted - given)}"
                    )
    assert found == []


def test_every_chart_gets_the_translated_plotly_config() -> None:
    """Plotly's toolbar tooltips are English unless the chart gets ``plotly_config(lang)``
    (assessment/ui/components/charts.py)."""
    found = []
    for path in [*sorted((ROOT / "assessment" / "ui").rglob("*.py")), ROOT / "streamlit_app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "plotly_chart":
                continue
            config = next((kw.value for kw in node.keywords if kw.arg == "config"), None)
            made_by = config.func if isinstance(config, ast.Call) else None
            if not (isinstance(made_by, ast.Name) and made_by.id == "plotly_config"):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
