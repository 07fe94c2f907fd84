"""Turn pydantic validation errors into `Problem`s people can read, in Swedish and English.

Any schema-checked input (model files, assessment files, knowledge data) reuses this so a broken
file always yields "file: path.inside[2].it: what is wrong" instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from assessment.errors import Problem

# Stable ids in data files: lower-case ascii, digits, "_", "." and "-", starting with a letter.
ID_PATTERN = r"^[a-z][a-z0-9_.\-]*$"

# Input shown in a message is cut so a huge pasted value cannot flood the terminal or the UI.
_MAX_SHOWN = 60

# pydantic error type -> (Swedish, English) name of what was expected.
_EXPECTED: dict[str, tuple[str, str]] = {
    "string_type": ("text", "text"),
    "string_unicode": ("text", "text"),
    "int_type": ("ett heltal", "a whole number"),
    "int_parsing": ("ett heltal", "a whole number"),
    "int_from_float": ("ett heltal", "a whole number"),
    "float_type": ("ett tal", "a number"),
    "float_parsing": ("ett tal", "a number"),
    "bool_type": ("ja/nej (true/false)", "yes/no (true/false)"),
    "bool_parsing": ("ja/nej (true/false)", "yes/no (true/false)"),
    "list_type": ("en lista", "a list"),
    "tuple_type": ("en lista", "a list"),
    "set_type": ("en lista", "a list"),
    "dict_type": ("en mappning (nyckel: värde)", "a mapping (key: value)"),
    "model_type": ("en mappning (nyckel: värde)", "a mapping (key: value)"),
    "model_attributes_type": ("en mappning (nyckel: värde)", "a mapping (key: value)"),
    "date_type": ("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
    "date_parsing": ("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": ("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
    "none_required": ("inget värde", "no value"),
}


def format_loc(loc: Sequence[int | str]) -> str:
    """``("steps", 2, "questions", 0, "text", "en")`` -> ``steps[2].questions[0].text.en``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def shown(value: object) -> str:
    """A short, single-line rendering of an input value for messages."""
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _clean_loc(loc: Sequence[int | str]) -> list[int | str]:
    # pydantic adds technical segments for dict keys and function validators; users never wrote
    # those, so they are dropped from the path.
    return [p for p in loc if not (isinstance(p, str) and (p == "[key]" or p.startswith("function-")))]


def problem_from_error(error: Mapping[str, Any], file: str = "", prefix: str = "") -> Problem:
    """One pydantic error dict (from ``ValidationError.errors()``) as a `Problem`."""
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    loc = format_loc(_clean_loc(error.get("loc", ())))
    path = f"{prefix}.{loc}" if prefix and loc else (prefix or loc)
    value = error.get("input")

    def make(key: str, **params: object) -> Problem:
        return Problem(key, dict(params), path=path, file=file)

    if kind == "missing":
        return make("core.field_required")
    if kind == "extra_forbidden":
        return make("core.field_extra")
    if kind in ("literal_error", "enum"):
        # pydantic words the list in English ("'a', 'b' or 'c'"); keep only the values.
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return make("core.field_choice", choices=choices)
    if kind in _EXPECTED:
        sv, en = _EXPECTED[kind]
        return make("validation.expected", expected_sv=sv, expected_en=en, got=shown(value))
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt", ""))
        return make("validation.too_small", limit=limit, got=shown(value))
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt", ""))
        return make("validation.too_large", limit=limit, got=shown(value))
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return make("validation.empty_text")
    if kind in ("string_too_short", "too_short"):
        return make("validation.too_short", limit=ctx.get("min_length", ""))
    if kind in ("string_too_long", "too_long"):
        return make("validation.too_long", limit=ctx.get("max_length", ""))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return make("validation.id_pattern", got=shown(value))
    if kind == "string_pattern_mismatch":
        return make("validation.pattern", pattern=ctx.get("pattern", ""), got=shown(value))
    if kind.startswith("core."):
        # Our own validators raise PydanticCustomError with a message key of the catalogue.
        return make(kind, **{k: shown(v) if k == "code" else v for k, v in ctx.items()})
    # Custom validators speak English; their text is still the most precise description.
    detail = str(error.get("msg", kind)).removeprefix("Value error, ")
    return make("core.field_invalid", detail=detail)


def pydantic_problems(exc: ValidationError, file: str = "", prefix: str = "") -> list[Problem]:
    """Every error of ``exc`` as a `Problem` naming ``file`` and the path inside it."""
    return [problem_from_error(err, file, prefix) for err in exc.errors(include_url=False)]


def duplicate_ids(ids: Iterable[str]) -> list[str]:
    """The ids that occur more than once, each reported once, in first-seen order."""
    seen: set[str] = set()
    dupes: list[str] = []
    for item in ids:
        if item in seen and item not in dupes:
            dupes.append(item)
        seen.add(item)
    return dupes
