"""Read a knowledge data file (YAML under ``sdg_data/``) strictly and validate it with pydantic.

UTF-8 only, safe YAML only, duplicate keys refused, size-capped. Every failure becomes
`ValidationFailed` naming the file and the path inside it, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assessment.errors import Problem, ValidationFailed
from assessment.validation import pydantic_problems

# The shipped data directory; loaders take an optional ``data_dir`` so tests and regions can
# point at an edited copy.
DATA_DIR = Path(__file__).resolve().parents[2] / "sdg_data"

# The largest shipped file is ~100 kB; the cap stops an accidental huge file from hanging start-up.
MAX_BYTES = 5_000_000

ModelT = TypeVar("ModelT", bound=BaseModel)

try:  # libyaml parses the 169 targets ~10x faster than the pure-Python parser
    from yaml import CSafeLoader as _SafeBase
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeBase  # type: ignore[assignment]


class _StrictLoader(_SafeBase):
    """SafeLoader that refuses duplicate keys (a second value would silently win otherwise)."""


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


def read_mapping(path: Path) -> dict[str, Any]:
    """The top-level mapping of a YAML data file, or `ValidationFailed` saying what is wrong."""
    file = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationFailed(Problem("core.file_not_found", file=file)) from None
    except OSError as err:
        problem = Problem("core.field_invalid", {"detail": err.strerror or str(err)}, file=file)
        raise ValidationFailed(problem) from None
    if len(raw) > MAX_BYTES:
        raise ValidationFailed(
            Problem("core.file_too_large", {"size": len(raw), "limit": MAX_BYTES}, file=file)
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(Problem("core.not_utf8", file=file)) from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a safe loader
    except yaml.YAMLError as err:
        detail = " ".join(str(err).split())
        raise ValidationFailed(Problem("core.yaml_syntax", {"detail": detail}, file=file)) from None
    if not isinstance(data, dict):
        raise ValidationFailed(Problem("core.not_a_mapping", file=file))
    return data


def load_model(model: type[ModelT], path: Path) -> ModelT:
    """Read ``path`` and validate it as ``model``; every schema problem is reported at once."""
    data = read_mapping(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(pydantic_problems(exc, file=str(path))) from None
