"""JSON Schema of the assessment file format, generated from the pydantic models so the
documentation (docs/assessment.schema.json) can never drift from the code."""

from __future__ import annotations

from typing import Any

from assessment.domain.assessment import SCHEMA_VERSION, Assessment


def json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = Assessment.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"assessment-file-v{SCHEMA_VERSION}"
    return schema
