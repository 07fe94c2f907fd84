"""Schema of `models/tyrens.yaml`: Tyréns' process model for handling goal conflicts.

Entry (proactive/reactive) and stage ids are fixed because assessment files refer to them
(``conflicts[].origin``, ``conflicts[].stage``); conflict types and methods are an open catalogue.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from assessment.i18n.text import LocalText
from assessment.process_models.common import Id, ModelHeader, Origin, Question, RecordSpec, Strict

ORIGIN_IDS = ("proactive", "reactive")
STAGE_IDS = ("identify", "characterise", "choose_method", "decide", "follow_up")


class Entry(Strict):
    """A way into the process: proactive (before a conflict) or reactive (it has arisen)."""

    id: Id
    title: LocalText
    description: LocalText
    origin: Origin
    source: Id | None = None
    quote: str | None = None


class Stage(Strict):
    id: Id
    number: Annotated[int, Field(ge=1, le=9)]
    title: LocalText
    purpose: LocalText
    help: LocalText
    origin: Origin
    source: Id | None = None
    quote: str | None = None
    questions: list[Question] = Field(min_length=1)
    records: list[RecordSpec] = Field(default_factory=list)
    # Stage to return to afterwards; the follow-up stage feeds learning back into identification.
    next: Id | None = None


class ConflictType(Strict):
    id: Id
    title: LocalText
    description: LocalText
    examples: list[LocalText] = Field(default_factory=list)
    origin: Origin
    source: Id | None = None


class Method(Strict):
    id: Id
    title: LocalText
    description: LocalText
    when: LocalText
    steps: list[LocalText] = Field(default_factory=list)
    fits_types: list[Id] = Field(min_length=1)
    fits_origins: list[Id] = Field(min_length=1)
    fits_stages: list[Id] = Field(min_length=1)
    origin: Origin
    source: Id | None = None


class TyrensModel(ModelHeader):
    principle: LocalText
    origins: list[Entry]
    stages: list[Stage]
    conflict_types: list[ConflictType] = Field(min_length=1)
    methods: list[Method] = Field(min_length=1)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def conflict_type(self, type_id: str) -> ConflictType | None:
        return next((c for c in self.conflict_types if c.id == type_id), None)

    def method(self, method_id: str) -> Method | None:
        return next((m for m in self.methods if m.id == method_id), None)

    def entry(self, origin_id: str) -> Entry | None:
        return next((o for o in self.origins if o.id == origin_id), None)

    def methods_for(self, type_id: str | None = None, origin_id: str | None = None) -> list[Method]:
        """Methods that fit a conflict type and/or an entry, in catalogue order."""
        return [
            m
            for m in self.methods
            if (type_id is None or type_id in m.fits_types)
            and (origin_id is None or origin_id in m.fits_origins)
        ]

    def all_questions(self) -> list[Question]:
        return [q for s in self.stages for q in s.questions]
