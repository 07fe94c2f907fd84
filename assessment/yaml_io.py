"""The one strict YAML reader for every file the tool reads: assessments, models, call profiles,
knowledge data and backup archives.

Safe constructs only (no Python tags), no aliases (``*name`` is the vehicle of exponential
"billion laughs" bombs and no file of ours needs it), no duplicate keys (a second value would
silently win and the first be lost), UTF-8 only, size-capped. Every failure becomes
`ValidationFailed` naming the file and, where YAML knows it, the line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assessment.errors import Problem, ValidationFailed

DEFAULT_MAX_BYTES = 5_000_000


class _Refused(yaml.MarkedYAMLError):
    """A construct we refuse on purpose (alias, duplicate key), as opposed to a syntax error."""

    def __init__(self, key: str, mark: yaml.Mark | None, detail: str) -> None:
        super().__init__(problem=detail, problem_mark=mark)
        self.key = key


class StrictLoader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused("core.yaml_unsafe", event.start_mark, "aliases (*name) are not allowed")
        return super().compose_node(parent, index)


def _mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise _Refused("core.yaml_unsafe", key_node.start_mark, "unhashable key") from None
        if key in result:
            raise _Refused("core.yaml_duplicate_key", key_node.start_mark, str(key))
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)

try:  # libyaml parses ~10x faster; its composer is C, so it cannot refuse aliases itself.
    from yaml import CSafeLoader as _CSafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CSafeLoader = yaml.SafeLoader  # type: ignore[misc,assignment]


class TrustedDataLoader(_CSafeLoader):
    """For the data files shipped with the tool (``sdg_data/``): fast, safe, no duplicate keys."""


TrustedDataLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _problem(err: yaml.YAMLError, file: str) -> Problem:
    if isinstance(err, _Refused):
        key = err.key
    elif isinstance(err, yaml.constructor.ConstructorError):
        key = "core.yaml_unsafe"  # an unknown or Python-specific tag
    else:
        key = "core.yaml_syntax"
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    detail = " ".join(str(getattr(err, "problem", None) or err).split())
    params: dict[str, object] = {"detail": detail, "code": detail}
    if mark is not None and key == "core.yaml_syntax":
        key = "core.yaml_syntax_at"
    if mark is not None:
        params.update(line=mark.line + 1, column=mark.column + 1)
    return Problem(key, params, file=file)


def load_yaml(text: str, file: str = "", *, trusted: bool = False) -> Any:
    """Parse YAML text strictly; raises `ValidationFailed`. ``trusted`` selects the fast loader
    for the tool's own data files."""
    loader = TrustedDataLoader if trusted else StrictLoader
    try:
        return yaml.load(text.lstrip("\ufeff"), Loader=loader)  # noqa: S506 - SafeLoader subclasses
    except yaml.YAMLError as err:
        raise ValidationFailed(_problem(err, file)) from None
    except RecursionError:
        raise ValidationFailed(
            Problem("core.yaml_unsafe", {"detail": "nesting too deep"}, file=file)
        ) from None


def read_yaml_mapping(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, trusted: bool = False
) -> dict[str, Any]:
    """The top-level mapping of a YAML file, or `ValidationFailed` saying what is wrong."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationFailed(Problem("core.file_not_found", file=file)) from None
    except OSError as err:
        problem = Problem("core.field_invalid", {"detail": err.strerror or str(err)}, file=file)
        raise ValidationFailed(problem) from None
    if len(raw) > max_bytes:
        raise ValidationFailed(
            Problem("core.file_too_large", {"size": len(raw), "limit": max_bytes}, file=file)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailed(Problem("core.not_utf8", file=file)) from None
    data = load_yaml(text, file, trusted=trusted)
    if not isinstance(data, dict):
        raise ValidationFailed(Problem("core.not_a_mapping", file=file))
    return data
