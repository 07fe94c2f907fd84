"""Call profiles (erbjudanden/utlysningar) under `models/calls/*.yaml`: schema and loader.

A call says which SDGs an application must address, which sustainability dimensions it must
describe, the question battery (frågebatteri) the case officer checks — each question naming the
application field that answers it — and the templates the draft motivation is built from.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator, model_validator

from assessment.errors import Problem, ValidationFailed
from assessment.i18n.text import LocalText
from assessment.knowledge.bibliography import bibliography
from assessment.process_models.common import Id, Origin, Source, Strict
from assessment.process_models.loader import models_dir
from assessment.screening.fields import ANSWER_FIELDS, Dimension
from assessment.validation import duplicate_ids, pydantic_problems
from assessment.yaml_io import read_yaml_mapping


def calls_dir() -> Path:
    """``calls/`` in the models folder: ``ASSESSMENT_MODELS_DIR`` moves the call profiles too."""
    return models_dir() / "calls"


GoalNumber = Annotated[int, Field(ge=1, le=17)]

# Placeholders a motivation template may use; filled in by `assessment.screening.motivation`.
# Every one is either the application's own data or the goals/dimensions it substantiates: the
# draft never states what the screening found missing (that goes to the officer's notes).
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "id",
        "title",
        "applicant",
        "call",
        "support_type",
        "municipality",
        "goals",
        "evidence",
        "dimensions",
        "negative_goals",
        "handling",
    }
)


def _placeholders(text: str) -> set[str]:
    names: set[str] = set()
    for _literal, name, _spec, _conv in string.Formatter().parse(text):
        if name is not None:
            names.add(name)
    return names


class SupportType(Strict):
    id: Id
    label: LocalText
    # Other spellings accepted in the import file (case-insensitive), e.g. "företagsstöd".
    aliases: list[str] = Field(default_factory=list)


class BatteryQuestion(Strict):
    """A question of the frågebatteri; ``field`` is the application column that answers it."""

    id: Id
    text: LocalText
    field: str
    min_chars: Annotated[int, Field(ge=1, le=100_000)] = 20
    origin: Origin
    source: Id | None = None

    @field_validator("field")
    @classmethod
    def _known_field(cls, value: str) -> str:
        if value not in ANSWER_FIELDS:
            raise ValueError(f"unknown application field {value!r}; use one of {', '.join(ANSWER_FIELDS)}")
        return value


class MotivationTemplates(Strict):
    """Sentences of the draft decision paragraph, in decision style; each is used when the
    application itself substantiates it (see `assessment.screening.motivation`).

    - ``contribution``: the goals it is judged to contribute to ({goals});
    - ``evidence``: what the application says about them, in its own words ({evidence});
    - ``dimensions``: the dimensions it describes ({dimensions}, e.g. "ekologiska och sociala");
    - ``negatives``: the negative impacts it declares ({negative_goals});
    - ``handling``: what it says about negative impacts and their handling ({handling});
    - ``nothing``: when the application substantiates none of the above.
    """

    contribution: LocalText
    evidence: LocalText
    dimensions: LocalText
    negatives: LocalText
    handling: LocalText
    nothing: LocalText

    @model_validator(mode="after")
    def _known_placeholders(self) -> MotivationTemplates:
        for name, value in self:
            for lang in ("sv", "en"):
                try:
                    unknown = _placeholders(getattr(value, lang)) - PLACEHOLDERS
                except ValueError as err:
                    raise ValueError(f"{name}.{lang}: broken placeholder ({err})") from None
                if unknown:
                    raise ValueError(
                        f"{name}.{lang}: unknown placeholder {{{sorted(unknown)[0]}}}; "
                        f"allowed: {', '.join(sorted(PLACEHOLDERS))}"
                    )
        return self


class CallProfile(Strict):
    id: Id
    name: LocalText
    description: LocalText
    origin: Origin
    sources: list[Source] = Field(default_factory=list)
    support_types: list[SupportType] = Field(min_length=1)
    required_goals: list[GoalNumber] = Field(default_factory=list)
    # How many of the required goals must be addressed; None = all of them.
    min_required_goals: Annotated[int, Field(ge=0, le=17)] | None = None
    required_dimensions: list[Dimension] = Field(default_factory=list)
    dimension_min_chars: Annotated[int, Field(ge=1, le=100_000)] = 40
    claim_min_chars: Annotated[int, Field(ge=1, le=100_000)] = 15
    # Latent conflicts below this severity (the engine's claimed impact × |score| / 3, 0..3) are
    # not flagged; 0.6 keeps +2 on a −1 edge and +1 on a −2 edge, drops +1 on a −1 edge.
    latent_min_severity: Annotated[float, Field(ge=0, le=3)] = 0.6
    # At most this many hints (latent conflicts) per application, strongest first.
    max_hints: Annotated[int, Field(ge=0, le=20)] = 2
    questions: list[BatteryQuestion] = Field(default_factory=list)
    motivation: MotivationTemplates

    @model_validator(mode="after")
    def _consistent(self) -> CallProfile:
        for label, ids in (
            ("support_types", [s.id for s in self.support_types]),
            ("questions", [q.id for q in self.questions]),
            ("required_goals", [str(g) for g in self.required_goals]),
            ("required_dimensions", list(self.required_dimensions)),
        ):
            if dupes := duplicate_ids(ids):
                raise ValueError(f"{label}: duplicate {dupes[0]}")
        if self.min_required_goals is not None and self.min_required_goals > len(self.required_goals):
            raise ValueError("min_required_goals is larger than the number of required_goals")
        known_sources = {s.id for s in self.sources}
        works = bibliography().keys()
        for source in self.sources:
            if source.ref is not None and source.ref not in works:
                raise ValueError(f"source {source.id}: {source.ref} is not in sdg_data/bibliography.yaml")
        for question in self.questions:
            if question.source is not None and question.source not in known_sources:
                raise ValueError(f"question {question.id}: unknown source {question.source}")
        return self

    @property
    def goals_needed(self) -> int:
        return len(self.required_goals) if self.min_required_goals is None else self.min_required_goals

    def support_type_lookup(self) -> dict[str, str]:
        """Every accepted spelling (lower-case) -> support type id."""
        table: dict[str, str] = {}
        for support in self.support_types:
            for name in (support.id, support.label.sv, support.label.en, *support.aliases):
                table[name.strip().lower()] = support.id
        return table

    def support_label(self, support_id: str, lang: str) -> str:
        found = next((s for s in self.support_types if s.id == support_id), None)
        return found.label.get(lang) if found else support_id


def parse_call(data: object, file: str = "") -> CallProfile:
    """Validate already-loaded call data; every problem is reported, with its path."""
    try:
        return CallProfile.model_validate(data)
    except ValidationError as err:
        raise ValidationFailed(pydantic_problems(err, file=file)) from None


def load_call(path: Path | str) -> CallProfile:
    """Read and validate one call-profile YAML file."""
    path = Path(path)
    return parse_call(read_yaml_mapping(path), file=str(path))


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> CallProfile:
    return load_call(path)


def builtin_calls() -> dict[str, CallProfile]:
    """The call profiles in `<models dir>/calls/`, by id (cached until a file changes)."""
    calls: dict[str, CallProfile] = {}
    problems: list[Problem] = []
    for path in sorted(calls_dir().glob("*.yaml")):
        try:
            call = _load_cached(str(path), path.stat().st_mtime)
        except ValidationFailed as err:
            problems.extend(err.problems)
            continue
        calls[call.id] = call
    if problems:
        raise ValidationFailed(problems)
    return calls
