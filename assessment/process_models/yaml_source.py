"""Read a data file (YAML) strictly: UTF-8, safe constructs only, no duplicate keys, size-capped.

Errors become `ValidationFailed` with a `Problem` naming the file, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assessment.errors import Problem, ValidationFailed

# Model files are a few hundred kB at most; the cap stops an accidental huge file from hanging
# the program at start-up.
MAX_BYTES = 5_000_000


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (a second value would silently win otherwise) and
    aliases (``*name``; model files never need them and they allow exponential expansion)."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError as err:
            raise yaml.constructor.ConstructorError(
                None, None, "unhashable key", key_node.start_mark
            ) from err
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """The top-level mapping of a YAML file, or `ValidationFailed` saying what is wrong."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationFailed(Problem("core.file_not_found", file=file)) from None
    except OSError as err:
        raise ValidationFailed(
            Problem("core.field_invalid", {"detail": err.strerror or str(err)}, file=file)
        ) from None
    if len(raw) > MAX_BYTES:
        raise ValidationFailed(
            Problem("core.file_too_large", {"size": len(raw), "limit": MAX_BYTES}, file=file)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailed(Problem("core.not_utf8", file=file)) from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a SafeLoader
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        detail = str(err.problem or err.context or "")
        if mark is None:
            raise ValidationFailed(
                Problem("core.yaml_syntax", {"detail": detail}, file=file)
            ) from None
        params = {"line": mark.line + 1, "column": mark.column + 1, "detail": detail}
        raise ValidationFailed(Problem("models.yaml_syntax_at", params, file=file)) from None
    except RecursionError:
        problem = Problem("core.yaml_unsafe", {"detail": "nesting too deep"}, file=file)
        raise ValidationFailed(problem) from None
    except yaml.YAMLError as err:
        problem = Problem("core.yaml_syntax", {"detail": str(err)}, file=file)
        raise ValidationFailed(problem) from None
    if not isinstance(data, dict):
        raise ValidationFailed(Problem("core.not_a_mapping", file=file))
    return data
