"""Schema of `models/rus_sakring.yaml`: the four-step RUS-säkring model.

Step, perspective, checkpoint-decision, verdict and checklist ids are fixed because the assessment
file format and the analysis refer to them; titles, questions, help texts and the RUS goal list
are data a region may edit freely.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from assessment.i18n.text import LocalText
from assessment.process_models.common import (
    Choice,
    Id,
    ModelHeader,
    Origin,
    Question,
    RecordSpec,
    Strict,
)

STEP_IDS = ("rus", "sustainability", "actors", "measures")
PERSPECTIVE_IDS = ("individ", "geografi", "samhalle")
DECISION_IDS = ("continue", "rethink", "stop")
VERDICT_IDS = ("proceed", "proceed_with_measures", "rethink", "reject")
CERTAINTY_IDS = ("low", "medium", "high")
KIND_IDS = ("strategy", "project", "application", "rsp_measure", "remiss", "process", "other")
CHECKLIST_IDS = ("intersectional", "sami_areas", "missing_actors", "four_r")
SCALE_VALUES = tuple(range(-3, 4))

GoalKind = Literal[
    "vision",
    "vision_theme",
    "goal",
    "priority",
    "strength_area",
    "earlier_strategy",
    "earlier_priority",
]


class Step(Strict):
    id: Id
    number: Annotated[int, Field(ge=1, le=9)]
    title: LocalText
    purpose: LocalText
    help: LocalText
    # Help texts are the project's guidance unless marked otherwise.
    help_origin: Origin = "project"
    origin: Origin
    source: Id | None = None
    questions: list[Question] = Field(min_length=1)
    records: list[RecordSpec] = Field(min_length=1)
    # Example measures or answers quoted from the source, shown as inspiration.
    examples: list[LocalText] = Field(default_factory=list)


class RusGoal(Strict):
    """One element of the region's RUS goal structure that a step-1 rating can refer to."""

    id: Id
    kind: GoalKind
    title: LocalText
    description: LocalText | None = None
    parent: Id | None = None
    source: Id
    origin: Origin = "source"
    # Earlier strategies stay available for older cases but are not offered for new ratings.
    current: bool = True


class ChecklistItem(Strict):
    id: Id
    label: LocalText
    help: LocalText | None = None
    origin: Origin


class Checklist(Strict):
    title: LocalText
    help: LocalText
    origin: Origin
    source: Id | None = None
    items: list[ChecklistItem] = Field(min_length=1)

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.id == item_id), None)


class Perspective(Strict):
    id: Id
    title: LocalText
    question: LocalText
    help: LocalText | None = None
    origin: Origin


class CheckpointSpec(Strict):
    """ "Hållplats: tänka om? avsluta?" — the stop after step 1 in Region Kronoberg's model."""

    after_step: Id
    # Kronoberg's element; the region's simplified model may leave it out (shown as optional).
    optional: bool = False
    title: LocalText
    help: LocalText
    origin: Origin
    source: Id | None = None
    questions: list[Question] = Field(min_length=1)
    decisions: list[Choice] = Field(min_length=1)


class JudgementSpec(Strict):
    """The closing overall judgement (samlad bedömning)."""

    optional: bool = False
    title: LocalText
    help: LocalText
    origin: Origin
    source: Id | None = None
    questions: list[Question] = Field(default_factory=list)
    verdicts: list[Choice] = Field(min_length=1)


class Municipality(Strict):
    id: Id
    name: str
    # Part of the Sami administrative area (förvaltningsområde för samiska språket).
    sami_administrative_area: bool = False


class RusModel(ModelHeader):
    principle: LocalText
    principle_origin: Origin
    principle_source: Id | None = None
    steps: list[Step]
    checkpoint: CheckpointSpec
    judgement: JudgementSpec
    perspectives: list[Perspective]
    rus_goals: list[RusGoal] = Field(min_length=1)
    # Impact scale value (-3..+3) -> its words.
    scale: dict[int, LocalText]
    scale_origin: Origin
    certainty: list[Choice]
    kinds: list[Choice]
    municipalities: list[Municipality] = Field(min_length=1)
    checklists: dict[Id, Checklist]

    def step(self, step_id: str) -> Step:
        return _by_id(self.steps, step_id, "steps")

    def rus_goal(self, goal_id: str) -> RusGoal | None:
        """The goal with this id (a ``rus:`` prefix is accepted), or None."""
        wanted = goal_id.removeprefix("rus:")
        return next((g for g in self.rus_goals if g.id == wanted), None)

    def current_goals(self) -> list[RusGoal]:
        return [g for g in self.rus_goals if g.current]

    def children(self, goal_id: str) -> list[RusGoal]:
        return [g for g in self.rus_goals if g.parent == goal_id]

    def question(self, question_id: str) -> Question | None:
        """Any guiding question of the model (steps, checkpoint, judgement) by id."""
        return next((q for q in self.all_questions() if q.id == question_id), None)

    def all_questions(self) -> list[Question]:
        questions = [q for s in self.steps for q in s.questions]
        return questions + list(self.checkpoint.questions) + list(self.judgement.questions)

    def scale_label(self, value: int) -> LocalText | None:
        return self.scale.get(value)

    def kind(self, kind_id: str) -> Choice | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def municipality(self, name_or_id: str) -> Municipality | None:
        key = name_or_id.strip().casefold()
        return next((m for m in self.municipalities if key in (m.id, m.name.casefold())), None)


def _by_id(items: list[Step], wanted: str, where: str) -> Step:
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(f"{where}: {wanted}")
