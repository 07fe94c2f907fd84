"""Building blocks shared by the process-model schemas (RUS-säkring, Tyréns, call profiles)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assessment.i18n.text import LocalText
from assessment.validation import ID_PATTERN

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]

# Where an item comes from, so readers can tell the region's own documents from the project's
# structuring: "source" = the seed documents (the region's reports), "literature" = other public
# sources named in `sources` (e.g. Region Kronoberg's model, Naturvårdsverket), "project" = this
# tool's own structuring.
Origin = Literal["source", "literature", "project"]


class Strict(BaseModel):
    """Base of every model-file schema: unknown keys are errors and loaded models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A document the model draws on: which part of which public work.

    ``ref`` is a key of ``sdg_data/bibliography.yaml`` (publisher, year, URL or identifier), so
    every source is a work anyone can check, never a file outside the repository. A region citing
    a work that is not in the bibliography gives its ``url`` instead.
    """

    id: Id
    title: str
    ref: Id | None = None
    locator: str | None = None
    url: str | None = Field(default=None, pattern=r"^https?://")
    note: LocalText | None = None

    @model_validator(mode="after")
    def _citable(self) -> Source:
        if self.ref is None and self.url is None:
            raise ValueError("a source needs ref (a bibliography key) or url")
        return self


class Question(Strict):
    """A guiding question; its ``id`` is the key under which an assessment stores the answer."""

    id: Id
    text: LocalText
    help: LocalText | None = None
    origin: Origin
    source: Id | None = None
    # The sentence in the source the question is taken from, verbatim, so faithfulness is checkable.
    quote: str | None = None


RecordKind = Literal[
    "answer",
    "rus_rating",
    "sdg_rating",
    "other_goal_rating",
    "perspective",
    "checklist",
    "actor",
    "conflict",
    "position",
    "measure",
    "interaction",
    "checkpoint",
    "judgement",
    "follow_up",
    "weighing",
    "dnsh",
    "consultation",
]


class RecordSpec(Strict):
    """Something the user records in a step or stage, and where it lands in the assessment file."""

    id: Id
    kind: RecordKind
    label: LocalText
    help: LocalText | None = None
    # The assessment-file field that holds it (e.g. ``rus``, ``sdg``, ``conflicts[].position``).
    field: str
    checklist: Id | None = None
    origin: Origin


class Choice(Strict):
    """One option of a closed list (kinds, decisions, verdicts, certainty levels)."""

    id: Id
    label: LocalText
    help: LocalText | None = None
    origin: Origin = "project"


class ModelHeader(Strict):
    """Fields every model file starts with."""

    id: Id
    version: str
    title: LocalText
    description: LocalText
    sources: list[Source] = Field(min_length=1)
