"""Turning assessments into storable documents: validation, cleaning, size limit, metadata."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from assessment.domain.assessment import SCHEMA_VERSION, Assessment
from assessment.domain.checks import check_assessment
from assessment.domain.migrate import migrate
from assessment.domain.projection import Projection, project, projection_data
from assessment.errors import Problem, ValidationFailed
from assessment.validation import pydantic_problems

# Far above any real assessment (text fields are capped at 1 MB each), low enough that one
# request cannot fill the disk or stall every other participant's save.
MAX_DOCUMENT_BYTES = 20_000_000


def clean_text(value: str) -> str:
    """PostgreSQL text cannot hold NUL, UTF-8 cannot hold lone surrogates: replace, never fail."""
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def _needs_cleaning(data: dict[str, Any]) -> bool:
    """Fast check (one C-level pass) so the recursive `clean` runs only for the rare document
    that holds NUL or lone surrogates."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    if "\\u0000" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def to_document(assessment: Assessment | Mapping[str, Any]) -> tuple[Assessment, dict[str, Any]]:
    """Validate and normalise; raises `ValidationFailed` (nothing is written) when invalid."""
    try:
        data = assessment.to_document() if isinstance(assessment, Assessment) else dict(assessment)
        # Documents written by an older version of the file format are upgraded first.
        data = migrate(data, SCHEMA_VERSION)[0]
        if _needs_cleaning(data):
            data = clean(data)
        model = Assessment.model_validate(data)
    except ValidationError as exc:
        problems = [Problem("storage.invalid_assessment"), *pydantic_problems(exc)]
        raise ValidationFailed(problems) from exc
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(Problem("core.field_invalid", {"detail": str(exc)[:200]})) from exc
    # The same policy as a file import (`domain.checks`): refuse errors, keep what the current
    # models merely do not know, so whatever is stored can always be exported and read back.
    errors = check_assessment(model)
    if errors:
        raise ValidationFailed([Problem("storage.invalid_assessment"), *errors])
    document = model.to_document()
    size = len(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationFailed(
            Problem("storage.document_too_large", {"size": size, "limit": MAX_DOCUMENT_BYTES})
        )
    return model, document


def from_document(document: Mapping[str, Any]) -> Assessment:
    """A stored revision as a model; revisions saved under an older file version are upgraded."""
    return Assessment.model_validate(migrate(dict(document), SCHEMA_VERSION)[0])


def stored_projection(model: Assessment, document: Mapping[str, Any]) -> dict[str, Any]:
    """The projection column written beside ``document`` (``model.to_document()``)."""
    return projection_data(model, document)


def projection_of(document: Mapping[str, Any]) -> Projection:
    """The projection computed from a stored document: for rows whose projection column is empty
    or was written in another projection version (an old shape is never misread)."""
    return project(from_document(document))


def label_values(values: list[str]) -> set[str]:
    """Tags/municipalities as stored for filtering: case-folded, trimmed, cut to the column size."""
    return {v.strip().casefold()[:500] for v in values if v.strip()}


def search_text(model: Assessment) -> str:
    parts = [model.title, model.organisation, *model.tags, *model.municipalities]
    return "\n".join(parts).casefold()
