"""The Agenda 2030 catalogue: 17 goals and 169 targets with Swedish and English texts and colours.

Loaded from ``sdg_data/goals.yaml`` and ``sdg_data/targets.yaml``, validated on load and cached.
`SdgCatalog.resolve` looks a goal or target up by a stored spelling (``13``, ``"13"``,
``"sdg:13"``, ``"7.2"``, ``"sdg:7.2"``, any case) and rejects anything else with `UnknownCode`;
`SdgCatalog.canonical` gives the one spelling stored in files (``"sdg:13"``, ``"7.2"``). Reading
what a person typed ("SDG 13", "Mål 13", "delmål 7.2") is `assessment.domain.refs.read_sdg_code`,
the one place that knows the syntax of refs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assessment.errors import Problem, UnknownCode, ValidationFailed
from assessment.i18n.text import LocalText
from assessment.knowledge.datafile import DATA_DIR, load_model
from assessment.validation import duplicate_ids, shown

GOALS_FILE = "goals.yaml"
TARGETS_FILE = "targets.yaml"
GOAL_COUNT = 17

# How far a target's Swedish text is the published wording (sdg_data/targets.yaml explains each).
SvStatus = Literal["verified", "official_translation", "unverified"]
SV_STATUSES: tuple[SvStatus, ...] = ("verified", "official_translation", "unverified")
# Where "verified" texts were checked: SCB's Agenda 2030 pages, globalamalen.se, regeringen.se.
AUTHORITATIVE_HOSTS = ("scb.se", "globalamalen.se", "regeringen.se")


class SdgGoal(BaseModel):
    """One of the 17 goals."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1, le=GOAL_COUNT)
    colour: str = Field(pattern=r"^#[0-9A-F]{6}$")
    title: LocalText
    long_title: LocalText

    @property
    def code(self) -> str:
        """The canonical reference, e.g. ``"sdg:13"``."""
        return f"sdg:{self.number}"


class SdgTarget(BaseModel):
    """One of the 169 targets. ``title`` is the full target text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    sv_status: SvStatus
    # The page the Swedish wording was checked against; required unless "unverified".
    sv_reference: str | None = Field(default=None, min_length=1)
    title: LocalText
    short_title: LocalText | None = None
    # A remark on the wording (e.g. which UN text the English is, a term the published text uses).
    note: str | None = None

    @field_validator("code")
    @classmethod
    def _stored_spelling(cls, code: str) -> str:
        # The catalogue defines the stored spelling: "7.2", "7.10", "7.a" (goal, dot, a number
        # without a leading zero or one lower-case letter).
        goal, dot, sub = code.partition(".")
        number = sub.isascii() and sub.isdigit() and not sub.startswith("0")
        letter = len(sub) == 1 and "a" <= sub <= "z"
        if not (dot and _is_number(goal) and not goal.startswith("0") and (number or letter)):
            raise ValueError(f"{code!r} is not a target code like 7.2 or 7.a")
        return code

    @property
    def goal(self) -> int:
        return int(self.code.split(".", 1)[0])

    @property
    def is_means_of_implementation(self) -> bool:
        """Lettered targets (``7.a``) are means of implementation, numbered ones outcome targets."""
        return not self.code.split(".", 1)[1].isdigit()

    def label(self, lang: str | None = "sv") -> str:
        """A short label: the short title when the data has one, else the code."""
        return self.short_title.get(lang) if self.short_title else self.code


class _GoalsFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1)
    # The public works behind the file, as keys of sdg_data/bibliography.yaml: what a report cites
    # (``source`` is the file's provenance for its maintainers, in English).
    works: tuple[str, ...] = ()
    goals: list[SdgGoal]


class _TargetsFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1)
    # The public works behind the file, as keys of sdg_data/bibliography.yaml: what a report cites
    # (``source`` is the file's provenance for its maintainers, in English).
    works: tuple[str, ...] = ()
    targets: list[SdgTarget]


def _is_number(text: str) -> bool:
    """1 to 3 ASCII digits (``"٨"`` is a digit to `str.isdigit`, but no goal number)."""
    return 0 < len(text) <= 3 and text.isascii() and text.isdigit()


def _order_key(code: str) -> tuple[int, int, int, str]:
    """Official order inside the whole list: by goal, numbered targets before lettered ones."""
    goal, sub = code.split(".", 1)
    return (int(goal), 0, int(sub), "") if sub.isdigit() else (int(goal), 1, 0, sub)


def _shown(value: object) -> str:
    try:
        return shown(value)
    except ValueError:  # an int too long for str() (over 4300 digits)
        return "…"


def _unknown(key: str, code: object) -> UnknownCode:
    return UnknownCode(Problem(f"core.{key}", {"code": code}))


@dataclass(frozen=True, eq=False)  # eq=False: hashable by identity, usable as a cache key
class SdgCatalog:
    """All goals and targets, in official order, with lookup by any accepted spelling."""

    goals: Mapping[int, SdgGoal]
    targets: Mapping[str, SdgTarget]
    goals_source: str
    targets_source: str
    works: tuple[str, ...] = ()  # bibliography keys of both files, in order, no repeats

    def targets_of(self, goal: int | str | SdgGoal) -> list[SdgTarget]:
        """The targets of one goal in official order (``7.1, 7.2, 7.3, 7.a, 7.b``)."""
        number = self.goal_of(goal)
        return [t for t in self.targets.values() if t.goal == number]

    def resolve(self, ref: object) -> SdgGoal | SdgTarget:
        """The goal or target ``ref`` names; `UnknownCode` when there is none.

        Accepts a stored spelling: ``13``, ``"13"``, ``"sdg:13"`` for goals and ``"7.2"``,
        ``"sdg:7.2"``, ``"7.A"`` for targets (surrounding spaces ignored). For what people type
        ("SDG 13", "Mål 13") use `assessment.domain.refs.read_sdg_code`.
        """
        if isinstance(ref, SdgGoal | SdgTarget):
            return self.resolve(ref.code)
        if isinstance(ref, bool):  # bool is an int subclass; True is not goal 1
            raise _unknown("unknown_sdg_code", _shown(ref))
        if isinstance(ref, int):
            goal = self.goals.get(ref)
            if goal is None:
                raise _unknown("unknown_sdg_goal", _shown(ref))
            return goal
        if isinstance(ref, float):
            # YAML reads an unquoted 7.10 as the number 7.1: refuse rather than guess.
            raise UnknownCode(Problem("knowledge.target_code_as_number", {"code": _shown(ref)}))
        if not isinstance(ref, str):
            raise _unknown("unknown_sdg_code", _shown(ref))
        text = ref.strip().lower().removeprefix("sdg:")
        if _is_number(text):
            goal = self.goals.get(int(text))
            if goal is None:
                raise _unknown("unknown_sdg_goal", shown(ref.strip()))
            return goal
        goal_part, _, sub = text.partition(".")
        if _is_number(goal_part) and sub.isascii() and sub.isalnum():
            target = self.targets.get(text)
            if target is None:
                raise _unknown("unknown_sdg_target", shown(ref.strip()))
            return target
        raise _unknown("unknown_sdg_code", shown(ref))

    def canonical(self, ref: object) -> str:
        """The stored spelling: ``"sdg:13"`` for a goal, ``"7.2"`` for a target."""
        return self.resolve(ref).code

    def goal_of(self, ref: object) -> int:
        """The goal number of a goal or target reference."""
        found = self.resolve(ref)
        return found.number if isinstance(found, SdgGoal) else found.goal

    def is_goal(self, ref: object) -> bool:
        return isinstance(self.resolve(ref), SdgGoal)

    def title(self, ref: object, lang: str | None = "sv") -> str:
        """Display title: the short goal title, or the full target text."""
        return self.resolve(ref).title.get(lang)

    def colour(self, ref: object) -> str:
        """The UN colour of the goal (a target gets its goal's colour)."""
        return self.goals[self.goal_of(ref)].colour


def _check_goals(goals: list[SdgGoal], file: str) -> list[Problem]:
    problems = [
        Problem("core.duplicate_key", {"code": n}, path="goals", file=file)
        for n in duplicate_ids(str(g.number) for g in goals)
    ]
    missing = sorted(set(range(1, GOAL_COUNT + 1)) - {g.number for g in goals})
    if missing:
        numbers = ", ".join(str(n) for n in missing)
        problems.append(Problem("knowledge.goals_missing", {"numbers": numbers}, "goals", file))
    return problems


def _authoritative(url: str) -> bool:
    """Whether a reference is a page of SCB, globalamalen.se or regeringen.se (https, any subdomain)."""
    host = urlsplit(url).hostname or ""
    return url.startswith("https://") and any(
        host == h or host.endswith("." + h) for h in AUTHORITATIVE_HOSTS
    )


def _check_targets(targets: list[SdgTarget], file: str) -> list[Problem]:
    problems = [
        Problem("core.duplicate_key", {"code": code}, path="targets", file=file)
        for code in duplicate_ids(t.code for t in targets)
    ]
    for i, target in enumerate(targets):
        if target.goal > GOAL_COUNT:
            path = f"targets[{i}].code"
            problems.append(Problem("core.unknown_sdg_goal", {"code": target.goal}, path, file))
        path = f"targets[{i}].sv_reference"
        if target.sv_status != "unverified" and target.sv_reference is None:
            # A text given as the published wording must say where that wording was checked.
            problems.append(
                Problem("knowledge.official_needs_reference", {"status": target.sv_status}, path, file)
            )
        elif target.sv_status == "unverified" and target.sv_reference is not None:
            problems.append(Problem("knowledge.unverified_with_reference", {}, path, file))
        elif target.sv_status == "verified" and not _authoritative(target.sv_reference or ""):
            hosts = ", ".join(AUTHORITATIVE_HOSTS)
            problems.append(Problem("knowledge.verified_needs_authority", {"hosts": hosts}, path, file))
    without = sorted(set(range(1, GOAL_COUNT + 1)) - {t.goal for t in targets})
    if without:
        numbers = ", ".join(str(n) for n in without)
        problems.append(Problem("knowledge.goals_without_targets", {"numbers": numbers}, "targets", file))
    return problems


def load_sdg_catalog(data_dir: Path) -> SdgCatalog:
    """Read and validate both files in ``data_dir`` (uncached; see `sdg_catalog`)."""
    goals_path, targets_path = data_dir / GOALS_FILE, data_dir / TARGETS_FILE
    goals_file = load_model(_GoalsFile, goals_path)
    targets_file = load_model(_TargetsFile, targets_path)
    problems = _check_goals(goals_file.goals, str(goals_path))
    problems += _check_targets(targets_file.targets, str(targets_path))
    if problems:
        raise ValidationFailed(problems)
    goals = {g.number: g for g in sorted(goals_file.goals, key=lambda g: g.number)}
    ordered = sorted(targets_file.targets, key=lambda t: _order_key(t.code))
    return SdgCatalog(
        goals=MappingProxyType(goals),
        targets=MappingProxyType({t.code: t for t in ordered}),
        goals_source=goals_file.source,
        targets_source=targets_file.source,
        works=tuple(dict.fromkeys((*goals_file.works, *targets_file.works))),
    )


@lru_cache(maxsize=8)
def sdg_catalog(data_dir: Path | None = None) -> SdgCatalog:
    """The catalogue from ``sdg_data/`` (or ``data_dir``), loaded once and cached.

    Raises `ValidationFailed` naming the file and the path inside it when the data is broken.
    """
    return load_sdg_catalog(DATA_DIR if data_dir is None else Path(data_dir))
