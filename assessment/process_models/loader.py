"""Load and validate the process-model files; results are cached per file.

The models directory is the shipped ``models/`` folder (``assessment.resources``) unless the
environment variable ``ASSESSMENT_MODELS_DIR`` points elsewhere: a region keeps its own edited copy
of the whole folder there (RUS and Tyréns models, call profiles, screening vocabulary).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from assessment.errors import Problem, ValidationFailed
from assessment.process_models.checks import check_rus, check_tyrens
from assessment.process_models.rus import RusModel
from assessment.process_models.tyrens import TyrensModel
from assessment.resources import shipped_models_dir
from assessment.settings import settings
from assessment.validation import pydantic_problems
from assessment.yaml_io import read_yaml_mapping

ENV_DIR = "ASSESSMENT_MODELS_DIR"  # read through assessment.settings
RUS_FILE = "rus_sakring.yaml"
TYRENS_FILE = "tyrens.yaml"

M = TypeVar("M", bound=BaseModel)


def models_dir() -> Path:
    return settings().models_dir or shipped_models_dir()


def _load(path: Path, schema: type[M], check: Callable[[M, str], list[Problem]]) -> M:
    file = str(path)
    data = read_yaml_mapping(path)
    try:
        model = schema.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(pydantic_problems(exc, file)) from None
    problems = check(model, file)
    if problems:
        raise ValidationFailed(problems)
    return model


def load_rus_model(path: str | Path) -> RusModel:
    """Read and validate a RUS-säkring model file (not cached); raises `ValidationFailed`."""
    return _load(Path(path), RusModel, check_rus)


def load_tyrens_model(path: str | Path) -> TyrensModel:
    """Read and validate a Tyréns process-model file (not cached); raises `ValidationFailed`."""
    return _load(Path(path), TyrensModel, check_tyrens)


@lru_cache(maxsize=8)
def _cached_rus(path: str, mtime_ns: int) -> RusModel:
    return load_rus_model(path)


@lru_cache(maxsize=8)
def _cached_tyrens(path: str, mtime_ns: int) -> TyrensModel:
    return load_tyrens_model(path)


def _mtime(path: Path) -> int:
    # The modification time is part of the cache key so an edited model is picked up.
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def rus_model(path: str | Path | None = None) -> RusModel:
    """The RUS-säkring model (default ``<models dir>/rus_sakring.yaml``), validated and cached."""
    file = Path(path) if path is not None else models_dir() / RUS_FILE
    return _cached_rus(str(file), _mtime(file))


def tyrens_model(path: str | Path | None = None) -> TyrensModel:
    """Tyréns' goal-conflict process model (default ``<models dir>/tyrens.yaml``), cached."""
    file = Path(path) if path is not None else models_dir() / TYRENS_FILE
    return _cached_tyrens(str(file), _mtime(file))


def clear_cache() -> None:
    _cached_rus.cache_clear()
    _cached_tyrens.cache_clear()
