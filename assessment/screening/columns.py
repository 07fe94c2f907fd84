"""Which column of the officer's file holds which field: header detection and column mapping.

Real files do not start with the template's header in row 1: a title row or blank rows come
first, and case systems export their own headers ("Ärendenummer", "Organisationsnamn"). The
header row is found among the first rows as the one naming the most known fields. Each header is
matched, in this order, by the officer's saved mapping (per workspace and call), the field's id
or label, and the synonyms in ``models/screening/columns.yaml``. What is left over is reported:
columns that were not read, and template columns that are missing — the latter loudly, because a
missing "Ekologisk hållbarhet" column would otherwise look like twelve applications that do not
describe it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from assessment.errors import Problem, ValidationFailed
from assessment.process_models.common import Origin, Strict
from assessment.process_models.loader import models_dir
from assessment.screening.fields import FIELD_BY_NAME, FIELDS, REQUIRED_FIELDS
from assessment.spreadsheets.xlsx import column_letter
from assessment.validation import pydantic_problems
from assessment.yaml_io import read_yaml_mapping


def columns_file() -> Path:
    """``screening/columns.yaml`` in the models folder (``ASSESSMENT_MODELS_DIR`` moves it)."""
    return models_dir() / "screening" / "columns.yaml"


# The header must be within this many rows from the top (title rows, notes, blank rows).
HEADER_SEARCH_ROWS = 20

_NOTE = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*")
_SPACES = re.compile(r"\s+")
_THOUSANDS = re.compile(r"\b(?:tkr|tsek|ksek|kkr|tusen\s*(?:kr|kronor)?|thousand)\b")
_MILLIONS = re.compile(r"\b(?:mnkr|mkr|msek|mn\s*kr|miljoner\s*(?:kr|kronor)?|million)\b")


class _ColumnsFile(Strict):
    origin: Origin
    fields: dict[str, list[str]]


def normalise_header(text: str) -> str:
    """Case, spacing, non-breaking spaces and a trailing ``:`` or ``*`` do not matter."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").strip().rstrip(":*").strip()
    return _SPACES.sub(" ", text).casefold()


def _without_note(key: str) -> str:
    return _SPACES.sub(" ", _NOTE.sub(" ", key)).strip()


def amount_scale(header: str) -> int:
    """1000 for "Sökt belopp (tkr)", a million for "(mnkr)", else 1."""
    key = normalise_header(header)
    if _MILLIONS.search(key):
        return 1_000_000
    if _THOUSANDS.search(key):
        return 1000
    return 1


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Normalised header -> field: ids and labels first, then the synonyms file."""
    data = read_yaml_mapping(columns_file())
    try:
        parsed = _ColumnsFile.model_validate(data)
    except ValidationError as err:
        raise ValidationFailed(pydantic_problems(err, file=str(columns_file()))) from None
    table: dict[str, str] = {}
    for spec in FIELDS:
        for name in (spec.name, spec.label.sv, spec.label.en):
            table.setdefault(normalise_header(name), spec.name)
    for name, spellings in parsed.fields.items():
        if name not in FIELD_BY_NAME:
            detail = f"unknown field {name!r}; use one of {', '.join(FIELD_BY_NAME)}"
            problem = Problem(
                "core.field_invalid", {"detail": detail}, path=f"fields.{name}", file=str(columns_file())
            )
            raise ValidationFailed(problem)
        for spelling in spellings:
            table.setdefault(normalise_header(spelling), name)
    return table


def match_header(header: str, saved: Mapping[str, str] | None = None) -> tuple[str | None, str]:
    """(field, how) for one header: how is "saved", "exact", "synonym" or "" when unmatched."""
    key = normalise_header(header)
    if not key:
        return None, ""
    if saved and key in saved:
        return (saved[key] or None), "saved"
    table = synonyms()
    found = table.get(key)
    if found is None:
        stripped = _without_note(key)
        found = table.get(stripped) if stripped != key else None
    if found is None:
        return None, ""
    exact = key in (normalise_header(n) for n in _names(found))
    return found, "exact" if exact else "synonym"


@lru_cache(maxsize=64)
def _names(field_name: str) -> tuple[str, ...]:
    spec = FIELD_BY_NAME[field_name]
    return (spec.name, spec.label.sv, spec.label.en)


@dataclass(frozen=True)
class Column:
    """A column of the file: its 0-based index, letter and header as the officer wrote it."""

    index: int
    header: str

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    def label(self) -> str:
        """``E (Sökt belopp)``: how messages name a column."""
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass
class ColumnMap:
    """The outcome of reading the header row."""

    header_row: int  # 0-based index of the header row in the table
    fields: dict[str, Column]  # field -> its column
    ignored: list[Column]  # columns not read (no field, or a second column for a field)
    missing: list[str]  # template fields not in the file (required ones first)
    matched_by: dict[str, str] = field(default_factory=dict)  # field -> saved/exact/synonym
    duplicates: list[tuple[Column, str]] = field(default_factory=list)  # column, field it repeats
    amount_scale: int = 1

    @property
    def missing_required(self) -> list[str]:
        return [f for f in self.missing if f in REQUIRED_FIELDS]

    @property
    def missing_optional(self) -> list[str]:
        return [f for f in self.missing if f not in REQUIRED_FIELDS]

    def label(self, field_name: str) -> str:
        column = self.fields.get(field_name)
        return column.label() if column is not None else FIELD_BY_NAME[field_name].label.sv

    def mapping(self) -> dict[str, str]:
        """Normalised header -> field, the form a mapping is saved in."""
        return {normalise_header(c.header): name for name, c in self.fields.items() if c.header}


def map_columns(
    header: Sequence[str], header_row: int = 0, saved: Mapping[str, str] | None = None
) -> ColumnMap:
    """Match every header; the first column matching a field wins, later ones are reported."""
    fields: dict[str, Column] = {}
    matched_by: dict[str, str] = {}
    ignored: list[Column] = []
    duplicates: list[tuple[Column, str]] = []
    # Exact and saved matches before synonyms, so "Diarienr" next to "Ärende-id" stays a register
    # column instead of taking the id from the real one.
    found = [(i, text, *match_header(text, saved)) for i, text in enumerate(header)]
    rank = {"saved": 0, "exact": 1, "synonym": 2}
    for index, text, name, how in sorted(found, key=lambda f: (rank.get(f[3], 3), f[0])):
        column = Column(index, text.strip())
        if name is None:
            if text.strip():
                ignored.append(column)
            continue
        if name in fields:
            duplicates.append((column, name))
            ignored.append(column)
            continue
        fields[name] = column
        matched_by[name] = how
    ignored.sort(key=lambda c: c.index)
    fields = dict(sorted(fields.items(), key=lambda item: item[1].index))
    missing = [f for f in REQUIRED_FIELDS if f not in fields]
    missing += [spec.name for spec in FIELDS if not spec.required and spec.name not in fields]
    scale = amount_scale(fields["amount"].header) if "amount" in fields else 1
    return ColumnMap(header_row, fields, ignored, missing, matched_by, duplicates, scale)


def find_header(rows: Sequence[Sequence[str]], saved: Mapping[str, str] | None = None) -> int:
    """The 0-based index of the header row: the first of the top rows naming the most fields.

    A row needs at least two known headers to count; without one, row 0 is taken (and the
    missing required columns are reported against it)."""
    best, best_score = 0, 1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {match_header(cell, saved)[0] for cell in row if cell and len(cell) <= 200}
        names.discard(None)
        score = len(names)
        if score > best_score:
            best, best_score = index, score
    return best
