"""The strict YAML reader on libyaml: the same data and the same refusals as the pure-Python
`StrictLoader`, with the C parser doing the work on every file that is accepted."""

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
    assert _loaded(text) == expected
    if expected[0] == "ok":  # and it is the C path that produced it, not the fallback
        assert yaml.load(text, Loader=yaml_io._FastStrictLoader) == expected[1]


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

HOSTILE = {
    "alias": "a: &x [1, 2]\nb: [*x, *x, *x]\n",
    "alias of a scalar": "a: &x hej\nb: *x\n",
    "alias used as key": "a: &k x\n? *k\n: 1\n",
    "merge key": "base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n",
    "recursive alias": "a: &a [1, *a]\n",
    "billion laughs": BILLION_LAUGHS,
    "duplicate key": "title: a\ntitle: b\n",
    "duplicate key deep": "a:\n  b:\n    - {c: 1, c: 2}\n",
    "unhashable key": "? [1, 2]\n: x\n",
    "python tag": "id: !!python/object/apply:os.system ['true']\n",
    "unknown tag": "id: !custom x\n",
    "flow nesting 5000": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "flow nesting 400": "a: " + "[" * 400 + "]" * 400 + "\n",
    "block nesting 300": "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "v\n",
    "unclosed": "title: [unclosed",
    "tab indent": "a:\n\tb: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "control character": "title: a\x07b\n",
    "lone surrogate": "title: a\ud800b\n",
    "bad indentation": "a: 1\n b: 2\n",
    "sami letters and markup": "title: 'ŋ đ č ŧ ï <b>&amp;</b>'\n",
    "anchor without alias": "a: &x 1\nb: 2\n",
    "empty": "",
    "only a comment": "# nothing\n",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_same_data_or_same_refusal_with_the_same_message(text: str) -> None:
    assert _loaded(text) == _strict(text)


def test_refusals_still_name_the_construct() -> None:
    assert _loaded(HOSTILE["alias"])[1][0] == "core.yaml_unsafe"
    assert _loaded(HOSTILE["billion laughs"])[1][0] == "core.yaml_unsafe"
    assert _loaded(HOSTILE["duplicate key deep"])[1][0] == "core.yaml_duplicate_key"
    assert _loaded(HOSTILE["flow nesting 5000"])[1][0] == "core.yaml_unsafe"
    key, params = _loaded(HOSTILE["unclosed"])[1]
    assert key == "core.yaml_syntax_at" and params["line"] == 1


def test_the_c_path_sees_aliases_as_shared_nodes() -> None:
    with pytest.raises(yaml_io._HandOver):
        yaml.load(HOSTILE["alias of a scalar"], Loader=yaml_io._FastStrictLoader)
    with pytest.raises(yaml_io._HandOver):
        yaml.load(BILLION_LAUGHS, Loader=yaml_io._FastStrictLoader)
