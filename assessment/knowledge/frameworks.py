"""The "other goals" frameworks step 2 of the RUS-säkring model may use besides Agenda 2030.

One YAML file per framework under ``sdg_data/frameworks/`` (the file name is the framework id):
Sweden's environmental quality objectives, the national strategy for sustainable regional
development 2021–2030, the EU "do no significant harm" objectives and the region's own frameworks
(climate goal, regional service programme, smart-specialisation strength areas). Validated on load, cached.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.errors import Problem, UnknownCode, ValidationFailed
from assessment.i18n.text import LocalText
from assessment.knowledge.datafile import DATA_DIR, load_model
from assessment.validation import ID_PATTERN, duplicate_ids

FRAMEWORKS_DIR = "frameworks"


class FrameworkGoal(BaseModel):
    """One goal (objective, strategic area) of a framework."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    title: LocalText
    number: int | None = Field(default=None, ge=1)
    description: LocalText | None = None
    # The same goal in a process model, as a ref (``rus:s3_energy``): the model's checks hold the
    # two to the same title, and an assessment rating both with opposite signs gets a note.
    same_as: str | None = Field(default=None, pattern=r"^rus:[a-z0-9_]+$", max_length=80)


class Framework(BaseModel):
    """A goal framework: its goals keyed by id, in file order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    title: LocalText
    source: str = Field(min_length=1)
    note: LocalText | None = None
    # Answers that must come with a written reason.
    reason_required_for: tuple[str, ...] = ()
    # "rating": goals are rated −3..+3 in other_goals; "screening": each goal gets a screening
    # answer with a reason (DNSH, in the assessment's ``dnsh``), never a rating.
    kind: Literal["rating", "screening"] = "rating"
    goals: dict[str, FrameworkGoal]

    def goal(self, goal_id: str) -> FrameworkGoal:
        """The goal with this id; `UnknownCode` naming the framework when there is none."""
        found = self.goals.get(goal_id)
        if found is None:
            raise UnknownCode(Problem("core.unknown_framework_goal", {"code": goal_id, "framework": self.id}))
        return found


class _FrameworkFile(BaseModel):
    """The file layout: goals as a list (ordered, ids written once per item)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    title: LocalText
    source: str = Field(min_length=1)
    note: LocalText | None = None
    reason_required_for: tuple[str, ...] = ()
    kind: Literal["rating", "screening"] = "rating"
    goals: list[FrameworkGoal] = Field(min_length=1)


def load_framework(path: Path) -> Framework:
    """Read and validate one framework file; its ``id`` must equal the file name."""
    data = load_model(_FrameworkFile, path)
    problems = [
        Problem("core.duplicate_key", {"code": goal_id}, path="goals", file=str(path))
        for goal_id in duplicate_ids(g.id for g in data.goals)
    ]
    if data.id != path.stem:
        problems.append(
            Problem(
                "knowledge.framework_id_mismatch",
                {"id": data.id, "expected": path.stem},
                path="id",
                file=str(path),
            )
        )
    if problems:
        raise ValidationFailed(problems)
    fields = data.model_dump(exclude={"goals"})
    return Framework(**fields, goals={g.id: g for g in data.goals})


@lru_cache(maxsize=8)
def _load_all(data_dir: Path) -> tuple[Framework, ...]:
    folder = data_dir / FRAMEWORKS_DIR
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise ValidationFailed(Problem("core.file_not_found", file=str(folder)))
    problems: list[Problem] = []
    loaded: list[Framework] = []
    for path in paths:
        try:
            loaded.append(load_framework(path))
        except ValidationFailed as err:
            problems.extend(err.problems)  # report every broken file, not just the first
    if problems:
        raise ValidationFailed(problems)
    return tuple(loaded)


def frameworks(data_dir: Path | None = None) -> dict[str, Framework]:
    """All frameworks keyed by id (a fresh dict; the loaded data is cached and immutable)."""
    return {f.id: f for f in _load_all(DATA_DIR if data_dir is None else Path(data_dir))}


def framework(framework_id: str, data_dir: Path | None = None) -> Framework:
    """One framework by id; `UnknownCode` when there is none."""
    found = frameworks(data_dir).get(framework_id)
    if found is None:
        raise UnknownCode(Problem("core.unknown_framework", {"framework": framework_id}))
    return found
