"""User YAML is read on libyaml (`yaml_io.UntrustedLoader`, refusals in `tests/…/hostile`): every
file the tool ships reads to exactly the data the pure-Python `StrictLoader` gives, and the
refusals still name what was refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assessment import yaml_io
from assessment.errors import ValidationFailed

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(
    p
    for folder in ("examples", "models", "sdg_data", "assessment", "tests")
    for p in (ROOT / folder).rglob("*.yaml")
)


def _strict(text: str) -> tuple[str, Any]:
    """What the pure-Python strict reader (the reference) makes of ``text``."""
    try:
        return "ok", yaml.load(text, Loader=yaml_io.StrictLoader)
    except yaml.YAMLError as err:
        problem = yaml_io._problem(err, "f.yaml")
        return "refused", (problem.key, problem.params)
    except RecursionError:
        return "refused", ("core.yaml_unsafe", {"detail": "nesting too deep"})


def _loaded(text: str) -> tuple[str, Any]:
    try:
        return "ok", yaml_io.load_yaml(text, "f.yaml")
    except ValidationFailed as err:
        (problem,) = err.problems
        return "refused", (problem.key, problem.params)


def test_the_repository_files_are_many() -> None:
    assert len(YAML_FILES) >= 30


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_as_the_strict_reader_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    expected = _strict(text)
    assert expected[0] == "ok"
    assert _loaded(text) == expected


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a: &x [1, 2]\nb: [*x, *x, *x]\n", "core.yaml_unsafe"),
        (BILLION_LAUGHS, "core.yaml_unsafe"),
        ("a: &a [1, *a]\n", "core.yaml_unsafe"),
        ("a:\n  b:\n    - {c: 1, c: 2}\n", "core.yaml_duplicate_key"),
        ("id: !!python/object/apply:os.system ['true']\n", "core.yaml_unsafe"),
        ("title: [unclosed", "core.yaml_syntax_at"),
    ],
    ids=["alias", "billion laughs", "recursive alias", "duplicate key", "python tag", "unclosed"],
)
def test_refusals_name_what_was_refused(text: str, key: str) -> None:
    outcome, (found, params) = _loaded(text)
    assert outcome == "refused" and found == key
    assert params.get("line") is not None or key != "core.yaml_syntax_at"


def test_deep_nesting_is_refused_as_nesting() -> None:
    outcome, (_, params) = _loaded("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert outcome == "refused" and "nesting" in str(params["detail"])
