"""The assessment file format (schema version 5) as typed models.

Version 5 added ``dismissals[].first_cell``/``first_score`` (the first step of a dismissed
second-order chain); version 4 ``dismissals[].cell``/``score``; version 3 added ``dismissals``
(findings marked "not relevant here because …").

Version 2 added the DNSH screening (``dnsh``), the Sami consultation record
(``sami_consultation``) and ``measures[].indicator_by_sex``; `assessment.domain.migrate` upgrades
version-1 files and says what changed.

An assessment in progress is valid: every list may be empty and every field except ``title`` and
item ids may be left out. Shape is checked here; whether codes and ids *exist* (SDG targets, RUS
goals, checklist items, references) is checked in `assessment.domain.checks`, because that needs
the knowledge base and the process models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from assessment.domain.refs import goal_number, parse_ref

SCHEMA_VERSION = 5

# Text fields are capped so one paste cannot grow a record without bound; 1 MB is far above any
# real comment and keeps the store, the PDF and the UI responsive.
MAX_TEXT = 1_000_000
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
ShortText = Annotated[str, StringConstraints(max_length=2_000)]
Impact = Annotated[int, Field(ge=-3, le=3)]
Level = Annotated[int, Field(ge=1, le=5)]


class Kind(StrEnum):
    strategy = "strategy"
    project = "project"
    application = "application"
    rsp_measure = "rsp_measure"
    remiss = "remiss"
    process = "process"
    other = "other"


class Certainty(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class _Item(BaseModel):
    # extra="forbid": a misspelt key is an error, not silently dropped data.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)


class RusRating(_Item):
    goal: ShortText
    impact: Impact | None = None
    comment: Text = ""

    @property
    def ref(self) -> str:
        return f"rus:{self.goal}"


class SdgRating(_Item):
    """An impact on an SDG goal (``goal: 13``) or a target (``target: "7.2"``)."""

    goal: int | None = None
    target: str | None = None
    impact: Impact | None = None
    direct: bool = True
    certainty: Certainty = Certainty.medium
    comment: Text = ""

    @field_validator("target", mode="before")
    @classmethod
    def _target_text(cls, value: Any) -> Any:
        # YAML reads 7.2 as a float; 7.10 would become 7.1, so floats are refused, not guessed.
        if isinstance(value, float):
            raise PydanticCustomError("core.target_unquoted", 'write the target in quotes, e.g. "7.2"')
        if isinstance(value, str):
            ref = parse_ref(value)
            if ref.kind != "target":
                shown = value.strip().lower()
                raise PydanticCustomError(
                    "core.target_format", '"{code}" is not a target code like "7.2"', {"code": shown}
                )
            return ref.code  # the stored spelling: "7.B" -> "7.b", "sdg:07.2" -> "7.2"
        return value

    @model_validator(mode="after")
    def _goal_xor_target(self) -> SdgRating:
        if (self.goal is None) == (self.target is None):
            raise PydanticCustomError("core.sdg_goal_or_target", "give either goal or target, not both")
        return self

    @property
    def ref(self) -> str:
        return self.target if self.target is not None else f"sdg:{self.goal}"

    @property
    def goal_number(self) -> int:
        if self.goal is not None:
            return self.goal
        assert self.target is not None
        return goal_number(self.target)


class OtherGoalRating(_Item):
    framework: ShortText
    goal: ShortText
    impact: Impact | None = None
    comment: Text = ""

    @property
    def ref(self) -> str:
        return f"other:{self.framework}:{self.goal}"


class Perspectives(_Item):
    """Step 2 looks at effects from three perspectives (Region Kronoberg's model)."""

    individ: Text = ""
    geografi: Text = ""
    samhalle: Text = ""


class CheckpointAnswer(_Item):
    answer: Literal["yes", "no", "unclear"] | None = None
    comment: Text = ""

    @field_validator("answer", mode="before")
    @classmethod
    def _yaml_bool(cls, value: Any) -> Any:
        # YAML 1.1 reads a bare `yes`/`no` as a boolean; the author meant the answer.
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


class Checkpoint(_Item):
    """ "Hållplats: tänka om? avsluta?" after step 1."""

    answers: dict[str, CheckpointAnswer] = Field(default_factory=dict)
    decision: Literal["continue", "rethink", "stop"] | None = None
    reasons: Text = ""


class Judgement(_Item):
    """The closing overall judgement (samlad bedömning)."""

    verdict: ShortText | None = None
    text: Text = ""


class ChecklistAnswer(_Item):
    checked: bool = False
    comment: Text = ""


class Position(_Item):
    """A recorded position (ställningstagande) taken during a step."""

    id: ShortText
    step: ShortText
    text: Text
    refs: list[ShortText] = Field(default_factory=list)


class Actor(_Item):
    name: Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
    role: Literal["affects", "affected", "both"] = "both"
    influence: Level = 3
    interest: Level = 3
    present: bool = False
    groups: list[ShortText] = Field(default_factory=list)
    comment: Text = ""

    @property
    def ref(self) -> str:
        return f"actor:{self.name}"


class FollowUp(_Item):
    due: dt.date | None = None
    plan: Text = ""
    outcome: Text = ""
    worked: Literal["yes", "partly", "no"] | None = None


class Criterion(_Item):
    name: ShortText
    weight: Annotated[float, Field(ge=0, le=100)] = 1.0


class Option(_Item):
    name: ShortText
    scores: dict[str, Annotated[float, Field(ge=0, le=10)]] = Field(default_factory=dict)


class Weighing(_Item):
    """A simple multi-criteria weighing of competing options (Tyréns: weighing and prioritisation)."""

    criteria: list[Criterion] = Field(default_factory=list)
    options: list[Option] = Field(default_factory=list)

    def missing(self, option: Option) -> list[str]:
        """Criteria that count (positive weight) on which the option has no score yet."""
        return [c.name for c in self.criteria if c.weight > 0 and c.name not in option.scores]

    def weighted_score(self, option: Option) -> float | None:
        """The option's weighted mean over the criteria, 0–10.

        A missing score is missing, not 0: None while any criterion with a positive weight has no
        score for the option (`missing`, `score_range`), and when no criterion has a positive
        weight. The app, the PDF and every other view use this one definition.
        """
        total = sum(c.weight for c in self.criteria)
        if total <= 0 or self.missing(option):
            return None
        return sum(c.weight * option.scores[c.name] for c in self.criteria if c.weight > 0) / total

    def score_range(self, option: Option) -> tuple[float, float] | None:
        """The weighted mean the option would get if every missing score were 0, and if every one
        were 10: how much the missing scores can still change (None without a positive weight)."""
        total = sum(c.weight for c in self.criteria)
        if total <= 0:
            return None
        known = sum(c.weight * option.scores[c.name] for c in self.criteria if c.name in option.scores)
        unknown = sum(c.weight for c in self.criteria if c.name not in option.scores)
        return known / total, (known + 10 * unknown) / total

    def ranking(self) -> list[tuple[str, float]]:
        """Fully scored options with their weighted score, best first (equal scores keep the entry
        order); options still missing a score are left out (see `missing`)."""
        scored = [(o.name, self.weighted_score(o)) for o in self.options]
        ranked = [(name, score) for name, score in scored if score is not None]
        return sorted(ranked, key=lambda item: -item[1])


class Conflict(_Item):
    id: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    between: list[ShortText] = Field(default_factory=list)
    description: Text = ""
    type: ShortText | None = None
    origin: Literal["proactive", "reactive"] | None = None
    stage: ShortText | None = None
    characterisation: Text = ""
    method: ShortText | None = None
    weighing: Weighing | None = None
    decision: Text = ""
    position: Text = ""
    follow_up: FollowUp = Field(default_factory=FollowUp)
    stage_notes: dict[str, Text] = Field(default_factory=dict)

    @property
    def handled(self) -> bool:
        return is_handled(self.decision, self.position)

    @field_validator("follow_up", mode="before")
    @classmethod
    def _follow_up_text(cls, value: Any) -> Any:
        # A plain sentence is the natural thing to type; keep it as the plan.
        if isinstance(value, str):
            return {"plan": value}
        if value is None:
            return {}
        return value

    @field_validator("between", mode="before")
    @classmethod
    def _between_refs(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [str(parse_ref(v)) if isinstance(v, int) else v for v in value]
        return value


class Measure(_Item):
    id: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    text: Text = ""
    addresses: list[ShortText] = Field(default_factory=list)
    owner: ShortText = ""
    due: dt.date | None = None
    indicator: Text = ""
    # The indicator is followed up separately for women and men (könsuppdelad statistik).
    indicator_by_sex: bool = False
    status: Literal["planned", "in_progress", "done"] = "planned"


DnshAnswerId = Literal["no_significant_harm", "needs_assessment", "not_applicable", "significant_harm"]


class DnshAnswer(_Item):
    """The screening answer for one DNSH environmental objective; every answer needs a reason."""

    answer: DnshAnswerId | None = None
    reason: Text = ""


ConsultationParty = Literal["sametinget", "sameby", "sami_organisation"]


class Consultation(_Item):
    """One consultation under lag (2022:66): with whom, when, how it ended."""

    party: ConsultationParty
    name: ShortText = ""
    date: dt.date | None = None
    outcome: Text = ""
    # Only informing the party is not a consultation; kept so the record shows what was done.
    informed_only: bool = False


class SamiConsultation(_Item):
    """Step 3: may the matter be of particular significance for the Sami (lag 2022:66)?"""

    significant: Literal["yes", "no", "unclear"] | None = None
    reason: Text = ""
    land_use: bool = False
    consultations: list[Consultation] = Field(default_factory=list)

    @field_validator("significant", mode="before")
    @classmethod
    def _yaml_bool(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value

    @property
    def status(self) -> Literal["not_assessed", "not_significant", "missing", "informed_only", "done"]:
        """Whether the duty is met: consultation with Sametinget recorded where it applies."""
        if self.significant is None or self.significant == "unclear":
            return "not_assessed"
        if self.significant == "no":
            return "not_significant"
        real = [c for c in self.consultations if not c.informed_only]
        if any(c.party == "sametinget" for c in real):
            return "done"
        return "informed_only" if self.consultations else "missing"


class Dismissal(_Item):
    """A finding the group marked "not relevant here because …" (``finding`` is `Finding.key`,
    e.g. ``latent_conflict:7.2>6.6``). A reason is required: a dismissal without one teaches the
    region nothing about its knowledge base.

    ``cell`` and ``score`` record the evidence the reason answered: the knowledge-base cell behind
    the finding ("7.2>6.6", "" for the case's own interaction or none) and its score then. When
    the cell's score or the cell itself has changed since, the dismissal no longer holds and the
    finding is shown again ("the evidence changed, review again"). A dismissal without a score
    (files before version 4, findings without a score) is unknown, never taken as changed.

    A second-order finding (a chain A → B → C) rests on two cells: ``cell``/``score`` are its
    second step B → C (as in version 4), ``first_cell``/``first_score`` its first step A → B
    (version 5). The dismissal holds only while both steps score as recorded; a chain dismissal
    without ``first_score`` (a version-4 file) knows only its second step."""

    finding: Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT, strip_whitespace=True)]
    by: ShortText = ""
    date: dt.date | None = None
    cell: Annotated[str, StringConstraints(max_length=500, strip_whitespace=True)] = ""
    score: Impact | None = None
    first_cell: Annotated[str, StringConstraints(max_length=500, strip_whitespace=True)] = ""
    first_score: Impact | None = None


class Interaction(_Item):
    """A context-specific SDG interaction score that overrides the knowledge base."""

    source: ShortText = Field(alias="from")
    to: ShortText
    score: Impact
    note: Text = ""


class Assessment(_Item):
    schema_version: Literal[5] = Field(default=5, alias="schema")
    id: ShortText | None = None
    title: Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]
    kind: Kind = Kind.other
    organisation: ShortText = ""
    municipalities: list[ShortText] = Field(default_factory=list)
    date: dt.date | None = None
    language: Literal["sv", "en"] = "sv"
    participants: list[ShortText] = Field(default_factory=list)
    tags: list[ShortText] = Field(default_factory=list)
    description: Text = ""
    sources: list[ShortText] = Field(default_factory=list)

    answers: dict[str, Text] = Field(default_factory=dict)
    positions: list[Position] = Field(default_factory=list)
    rus: list[RusRating] = Field(default_factory=list)
    checkpoint: Checkpoint = Field(default_factory=Checkpoint)
    sdg: list[SdgRating] = Field(default_factory=list)
    perspectives: Perspectives = Field(default_factory=Perspectives)
    other_goals: list[OtherGoalRating] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    checklists: dict[str, dict[str, ChecklistAnswer]] = Field(default_factory=dict)
    conflicts: list[Conflict] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)
    dismissals: list[Dismissal] = Field(default_factory=list)
    judgement: Judgement = Field(default_factory=Judgement)
    dnsh: dict[str, DnshAnswer] = Field(default_factory=dict)
    sami_consultation: SamiConsultation = Field(default_factory=SamiConsultation)

    def sdg_rating(self, ref: str) -> SdgRating | None:
        return next((r for r in self.sdg if r.ref == ref), None)

    def new_conflict_id(self) -> str:
        """The next free conflict id ``K<n>`` (n starts after the current count, skips used ids)."""
        return _next_id("K", len(self.conflicts), {c.id for c in self.conflicts})

    def new_measure_id(self) -> str:
        """The next free measure id ``M<n>``."""
        return _next_id("M", len(self.measures), {m.id for m in self.measures})

    def actor_named(self, name: str) -> Actor | None:
        """The actor with this name; names are compared as people read them (case and the
        surrounding spaces do not count), the rule `check_assessment` enforces."""
        key = actor_key(name)
        return next((a for a in self.actors if actor_key(a.name) == key), None)

    def to_document(self) -> dict[str, Any]:
        """The plain-data form written to files and the store (aliases, ISO dates, no Nones)."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        return data


def is_handled(decision: str, position: str) -> bool:
    """A goal conflict is handled once a decision or a position is written down (blank is not).
    The one definition behind `Conflict.handled` and the projection's `ConflictFacts.handled`."""
    return bool(decision.strip() or position.strip())


def _next_id(prefix: str, count: int, used: set[str]) -> str:
    n = count + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def actor_key(name: str) -> str:
    """Two actor names are the same actor when equal after this (case and outer spaces ignored)."""
    return name.strip().casefold()


def name_problem(name: str, existing: Iterable[str]) -> Literal["missing", "duplicate"] | None:
    """Why a new actor, criterion or option cannot be added under ``name``: it is empty, or the
    list already has one by that name (compared as `actor_key`). Forms say so instead of dropping it."""
    if not name.strip():
        return "missing"
    if actor_key(name) in {actor_key(other) for other in existing}:
        return "duplicate"
    return None


# Item lists and the key that identifies an item within its list. The three-way merge and the
# duplicate checks both rely on these natural keys.
LIST_KEYS: dict[str, tuple[str, ...]] = {
    "positions": ("id",),
    "rus": ("goal",),
    "sdg": ("goal", "target"),
    "other_goals": ("framework", "goal"),
    "actors": ("name",),
    "conflicts": ("id",),
    "measures": ("id",),
    "interactions": ("from", "to"),
    "dismissals": ("finding",),
}


def item_key(list_name: str, item: dict[str, Any]) -> str:
    """Stable identity of an item in document form, e.g. ``sdg/7.2`` or ``actors/Krokoms kommun``."""
    parts = [str(item.get(field, "")) for field in LIST_KEYS[list_name]]
    return "/".join(parts)
