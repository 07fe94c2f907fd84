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

    def __init__(self, key: str, mark: Any, detail: str) -> None:
        # ``mark``: a yaml.Mark, or libyaml's own mark type (same fields) from the pre-scan.
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


def _value_checked(construct: Any) -> Any:
    """Scalars YAML resolves but Python refuses (``2023-02-30``, ``0000-01-01``, 25 o'clock, an
    integer beyond the 4,300-digit conversion limit) become a refusal naming line and column
    instead of a ValueError traceback."""

    def checked(loader: StrictLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as err:
            shown = str(node.value)
            value = shown if len(shown) <= 40 else shown[:37] + "..."
            # Python's own hint ("use sys.set_int_max_str_digits()") is no help to a user.
            raise _BadValue(node.start_mark, value, str(err).split(";")[0][:120]) from None

    return checked


class _BadValue(yaml.MarkedYAMLError):
    def __init__(self, mark: yaml.Mark | None, value: str, detail: str) -> None:
        super().__init__(problem=detail, problem_mark=mark)
        self.value = value


for _tag, _construct in (
    ("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_timestamp),
    ("tag:yaml.org,2002:int", yaml.SafeLoader.construct_yaml_int),
    ("tag:yaml.org,2002:float", yaml.SafeLoader.construct_yaml_float),
):
    StrictLoader.add_constructor(_tag, _value_checked(_construct))

try:  # libyaml parses ~10x faster; its composer is C, so it cannot refuse aliases itself.
    from yaml import CSafeLoader as _CSafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CSafeLoader = yaml.SafeLoader  # type: ignore[misc,assignment]


class TrustedDataLoader(_CSafeLoader):
    """For the data files shipped with the tool (``sdg_data/``): fast, safe, no duplicate keys."""


TrustedDataLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _problem(err: yaml.YAMLError, file: str) -> Problem:
    if isinstance(err, _BadValue):
        mark = err.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else ("?", "?")
        found = {"value": err.value, "detail": err.problem, "line": line, "column": column}
        return Problem("core.yaml_bad_value", found, file=file)
    if isinstance(err, _Refused):
        key = err.key
    elif isinstance(err, yaml.constructor.ConstructorError):
        key = "core.yaml_unsafe"  # an unknown or Python-specific tag
    elif "nesting depth" in str(getattr(err, "problem", "")):
        # libyaml's own limit (1,000 levels) can fire while the pre-scan is still reading ahead.
        key = "core.yaml_unsafe"
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


class UntrustedLoader(_CSafeLoader):
    """For files from users: libyaml parses (in C, linear: a 24 MB file in seconds, where the
    pure-Python `StrictLoader` took over a minute), our constructors build the values (no
    duplicate keys, refused dates and numbers as messages). Aliases and deep nesting are refused
    by `_prescan` before libyaml composes anything."""


UntrustedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
for _tag, _construct in (
    ("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_timestamp),
    ("tag:yaml.org,2002:int", yaml.SafeLoader.construct_yaml_int),
    ("tag:yaml.org,2002:float", yaml.SafeLoader.construct_yaml_float),
):
    UntrustedLoader.add_constructor(_tag, _value_checked(_construct))

# No file of ours nests deeper than about ten levels; libyaml's composer recurses in C, so a
# 100,000-deep document must never reach it.
MAX_DEPTH = 100


def _prescan(text: str) -> None:
    """Stream libyaml's events once: refuse any alias (the vehicle of "billion laughs") and any
    nesting deeper than MAX_DEPTH, without building anything."""
    depth = 0
    for event in yaml.parse(text, Loader=_CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("core.yaml_unsafe", event.start_mark, "aliases (*name) are not allowed")
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused("core.yaml_unsafe", event.start_mark, "nesting too deep")
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1


def load_yaml(text: str, file: str = "", *, trusted: bool = False) -> Any:
    """Parse YAML text strictly; raises `ValidationFailed`. ``trusted`` selects the loader for
    the tool's own data files (no pre-scan)."""
    text = text.lstrip("\ufeff")
    try:
        if trusted:
            return yaml.load(text, Loader=TrustedDataLoader)  # noqa: S506 - SafeLoader subclasses
        _prescan(text)
        return yaml.load(text, Loader=UntrustedLoader)  # noqa: S506 - SafeLoader subclass
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
