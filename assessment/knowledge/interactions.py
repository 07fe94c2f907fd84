"""The SDG interaction knowledge base: ``sdg_data/interactions_goals.csv`` and
``sdg_data/interactions_targets.csv``.

Each row scores "how does progress on the row code influence progress on the column code?" on the
Nilsson/ICSU 7-point scale (+3 indivisible … −3 cancelling), with a rationale in Swedish and
English, the source, and whether the score comes from the literature or is the project's own
judgement. A region edits the CSV files in a spreadsheet; this loader validates them on load
(scores in −3..3, known codes, no self-loops, no duplicate cells, rationale and source present) and
reports every problem with its line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from assessment.errors import Problem, UnknownCode, ValidationFailed
from assessment.i18n.text import LocalText
from assessment.knowledge.region import (
    CONTEXTS,
    RegionProfile,
    case_triggers,
    load_overlaps,
    load_region_profile,
)
from assessment.resources import sdg_data_dir

Level = Literal["goal", "target"]
Basis = Literal["literature", "project_judgement"]
BASES: tuple[Basis, ...] = ("literature", "project_judgement")
COLUMNS = ("from", "to", "score", "basis", "source", "rationale_sv", "rationale_en")
# Optional columns after COLUMNS, in this order. ``applies_to`` (goal table only): the targets (of
# either goal) a goal-level cell speaks for; without it a goal cell applies to goal ratings only,
# never to a rated target (pushing every goal cell down to every target was the main source of
# absurd warnings). ``context``: the cell applies only in a region whose profile lists that context
# (`assessment.knowledge.region`), e.g. "coastal" for SDG 14 receptors. ``case``: trigger ids
# (``;``-separated, any of them) from ``case_triggers.yaml``; the cell applies only to an
# assessment whose text names such an activity (7.2 → 2.3 reindeer for a wind farm, not for
# rooftop solar); "!id" means "not for a case about that activity".
APPLIES_TO = "applies_to"
CONTEXT = "context"
CASE = "case"
OPTIONAL_COLUMNS = (APPLIES_TO, CONTEXT, CASE)

DATA_DIR = sdg_data_dir()
GOALS_FILE = DATA_DIR / "interactions_goals.csv"
TARGETS_FILE = DATA_DIR / "interactions_targets.csv"

# The scale's names, used in explanations (key suffixes of analysis.yaml ``scale_<n>``).
SCALE = {
    3: "indivisible",
    2: "reinforcing",
    1: "enabling",
    0: "consistent",
    -1: "constraining",
    -2: "counteracting",
    -3: "cancelling",
}


@dataclass(frozen=True)
class KnownInteraction:
    """One scored cell: progress on ``source`` influences progress on ``target`` by ``score``.

    ``source``/``target`` are canonical refs: ``"sdg:8"`` for a goal, ``"7.2"`` for a target.
    """

    source: str
    target: str
    score: int
    basis: Basis
    citation: str
    rationale: LocalText
    level: Level
    applies_to: tuple[str, ...] = ()
    context: str = ""
    case: tuple[str, ...] = ()


@dataclass(frozen=True)
class InteractionBase:
    """Both tables, indexed by ``(source, target)``. ``left_out`` holds the cells whose context the
    region profile does not list (kept for the knowledge view and tests, never analysed);
    ``overlaps`` the target pairs that overlap in content."""

    goals: tuple[KnownInteraction, ...]
    targets: tuple[KnownInteraction, ...]
    left_out: tuple[KnownInteraction, ...] = ()
    overlaps: frozenset[frozenset[str]] = frozenset()
    _index: dict[tuple[str, str], KnownInteraction] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {(i.source, i.target): i for i in (*self.goals, *self.targets)}
        object.__setattr__(self, "_index", index)

    def __iter__(self) -> Iterator[KnownInteraction]:
        yield from self.goals
        yield from self.targets

    def __len__(self) -> int:
        return len(self.goals) + len(self.targets)

    def get(self, source: str, target: str) -> KnownInteraction | None:
        return self._index.get((source, target))


def _canonical(code: str) -> str:
    # Imported here so the knowledge package has no import cycle at load time.
    from assessment.knowledge.sdg import sdg_catalog

    return sdg_catalog().canonical(code)


def _problem(key: str, file: str, line: int, **params: object) -> Problem:
    return Problem(f"analysis.{key}", {"line": line, **params}, path=f"line {line}", file=file)


def _applies_to(raw: str, refs: list[str], file: str, line: int, problems: list[Problem]) -> tuple[str, ...]:
    """The ``applies_to`` targets of a goal cell: known targets of its from- or to-goal."""
    goals = {ref.removeprefix("sdg:") for ref in refs}
    found: list[str] = []
    for code in (c.strip() for c in raw.replace(",", ";").split(";")):
        if not code:
            continue
        try:
            ref = _canonical(code)
        except UnknownCode:
            problems.append(_problem("kb_unknown_code", file, line, code=code))
            continue
        if ref.startswith("sdg:") or ref.split(".")[0] not in goals:
            problems.append(_problem("kb_applies_to", file, line, code=code))
            continue
        found.append(ref)
    return tuple(found)


def parse_interactions(text: str, level: Level, file: str = "") -> tuple[KnownInteraction, ...]:
    """Parse and validate one table; raises `ValidationFailed` listing every problem found."""
    problems: list[Problem] = []
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = tuple(cell.strip() for cell in rows[0]) if rows else ()
    allowed = OPTIONAL_COLUMNS if level == "goal" else (CONTEXT, CASE)
    extra = tuple(c for c in allowed if c in header[len(COLUMNS) :])
    columns = (*COLUMNS, *extra)
    if header != columns:
        raise ValidationFailed(
            Problem("analysis.kb_header", {"expected": ",".join(columns)}, path="line 1", file=file)
        )
    found: list[KnownInteraction] = []
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            problems.append(_problem("kb_columns", file, line, count=len(row), expected=len(columns)))
            continue
        cells = dict(zip(columns, (cell.strip() for cell in row), strict=True))
        refs: list[str] = []
        for column in ("from", "to"):
            try:
                ref = _canonical(cells[column])
            except UnknownCode:
                problems.append(_problem("kb_unknown_code", file, line, code=cells[column]))
                continue
            if (level == "goal") != ref.startswith("sdg:"):
                problems.append(_problem(f"kb_not_{level}", file, line, code=cells[column]))
                continue
            refs.append(ref)
        try:
            score = int(cells["score"])
        except ValueError:
            score = 99
        if not -3 <= score <= 3:
            problems.append(_problem("kb_score", file, line, value=cells["score"]))
        if cells["basis"] not in BASES:
            problems.append(_problem("kb_basis", file, line, value=cells["basis"], choices=", ".join(BASES)))
        if score != 0 and not (cells["source"] and cells["rationale_sv"] and cells["rationale_en"]):
            problems.append(_problem("kb_rationale", file, line))
        if len(refs) != 2:
            continue
        if refs[0] == refs[1]:
            problems.append(_problem("kb_self_loop", file, line, code=refs[0]))
            continue
        if (refs[0], refs[1]) in seen:
            problems.append(_problem("kb_duplicate", file, line, source=refs[0], target=refs[1]))
            continue
        seen.add((refs[0], refs[1]))
        applies_to = _applies_to(cells.get(APPLIES_TO, ""), refs, file, line, problems)
        context = cells.get(CONTEXT, "")
        if context and context not in CONTEXTS:
            problems.append(_problem("kb_context", file, line, value=context, choices=", ".join(CONTEXTS)))
        case = tuple(c.strip() for c in cells.get(CASE, "").split(";") if c.strip())
        known_cases = case_triggers().ids if case else frozenset()
        for trigger in case:
            if trigger.removeprefix("!") not in known_cases:
                choices = ", ".join(sorted(known_cases))
                problems.append(_problem("kb_case", file, line, value=trigger, choices=choices))
        if problems:
            continue  # keep scanning for more problems, but build nothing from a bad table
        found.append(
            KnownInteraction(
                source=refs[0],
                target=refs[1],
                score=score,
                basis=cells["basis"],  # type: ignore[arg-type]  # checked against BASES above
                citation=cells["source"],
                rationale=LocalText(sv=cells["rationale_sv"], en=cells["rationale_en"]),
                level=level,
                applies_to=applies_to,
                context=context,
                case=case,
            )
        )
    if problems:
        raise ValidationFailed(problems)
    return tuple(found)


def load_interactions(
    goals_file: Path = GOALS_FILE,
    targets_file: Path = TARGETS_FILE,
    profile: RegionProfile | None = None,
    overlaps: frozenset[frozenset[str]] = frozenset(),
) -> InteractionBase:
    """Read and validate both tables from disk; with a ``profile``, cells whose context it does not
    list are left out (``InteractionBase.left_out``). A cell between two overlapping targets is an
    error: an overlap is not an interaction."""
    goals = parse_interactions(goals_file.read_text(encoding="utf-8"), "goal", goals_file.name)
    targets = parse_interactions(targets_file.read_text(encoding="utf-8"), "target", targets_file.name)
    clashes = [
        Problem("analysis.kb_overlap", {"source": c.source, "target": c.target}, file=targets_file.name)
        for c in targets
        if frozenset((c.source, c.target)) in overlaps
    ]
    if clashes:
        raise ValidationFailed(clashes)
    if profile is None:
        return InteractionBase(goals, targets, overlaps=overlaps)
    here = profile.context_ids

    def applies(cell: KnownInteraction) -> bool:
        return not cell.context or cell.context in here

    return InteractionBase(
        goals=tuple(c for c in goals if applies(c)),
        targets=tuple(c for c in targets if applies(c)),
        left_out=tuple(c for c in (*goals, *targets) if not applies(c)),
        overlaps=overlaps,
    )


def _overlap_pairs() -> frozenset[frozenset[str]]:
    pairs = load_overlaps().pairs()
    problems = [
        Problem("analysis.kb_unknown_code", {"line": 0, "code": code}, file="overlaps.yaml")
        for pair in pairs
        for code in pair
        if _known(code) is None
    ]
    if problems:
        raise ValidationFailed(problems)
    return frozenset(frozenset(_known(code) for code in pair) for pair in pairs)  # type: ignore[misc]


def _known(code: str) -> str | None:
    try:
        return _canonical(code)
    except UnknownCode:
        return None


@lru_cache(maxsize=1)
def interaction_base() -> InteractionBase:
    """The shipped knowledge base as it applies in the shipped region profile, loaded once."""
    return load_interactions(profile=load_region_profile(), overlaps=_overlap_pairs())
