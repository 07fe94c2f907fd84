"""Read a knowledge data file (YAML under ``sdg_data/``) strictly and validate it with pydantic.

Reading is `assessment.yaml_io` (UTF-8, safe YAML, no duplicate keys, size-capped); every
failure becomes `ValidationFailed` naming the file and the path inside it, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assessment.errors import ValidationFailed
from assessment.resources import sdg_data_dir
from assessment.validation import pydantic_problems
from assessment.yaml_io import read_yaml_mapping

# The shipped data directory; loaders take an optional ``data_dir`` so tests and regions can
# point at an edited copy.
DATA_DIR = sdg_data_dir()

# The largest shipped file is ~100 kB; the cap stops an accidental huge file from hanging start-up.
MAX_BYTES = 5_000_000

ModelT = TypeVar("ModelT", bound=BaseModel)


def read_mapping(path: Path) -> dict[str, Any]:
    """The top-level mapping of a YAML data file, or `ValidationFailed` saying what is wrong."""
    return read_yaml_mapping(path, MAX_BYTES, trusted=True)


def load_model(model: type[ModelT], path: Path) -> ModelT:
    """Read ``path`` and validate it as ``model``; every schema problem is reported at once."""
    data = read_mapping(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(pydantic_problems(exc, file=str(path))) from None
