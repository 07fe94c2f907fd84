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

Level = Literal["goal", "target"]
Basis = Literal["literature", "project_judgement"]
BASES: tuple[Basis, ...] = ("literature", "project_judgement")
COLUMNS = ("from", "to", "score", "basis", "source", "rationale_sv", "rationale_en")
# Optional last column of the goal table: the targets (of either goal) the goal-level cell speaks
# for. Without it a goal cell applies to goal ratings only, never to a rated target: pushing every
# goal cell down to every target of the goal was the main source of absurd warnings.
APPLIES_TO = "applies_to"

DATA_DIR = Path(__file__).resolve().parents[2] / "sdg_data"
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


@dataclass(frozen=True)
class InteractionBase:
    """Both tables, indexed by ``(source, target)``."""

    goals: tuple[KnownInteraction, ...]
    targets: tuple[KnownInteraction, ...]
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
    columns = (*COLUMNS, APPLIES_TO) if level == "goal" and header[-1:] == (APPLIES_TO,) else COLUMNS
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
            )
        )
    if problems:
        raise ValidationFailed(problems)
    return tuple(found)


def load_interactions(goals_file: Path = GOALS_FILE, targets_file: Path = TARGETS_FILE) -> InteractionBase:
    """Read and validate both tables from disk."""
    return InteractionBase(
        goals=parse_interactions(goals_file.read_text(encoding="utf-8"), "goal", goals_file.name),
        targets=parse_interactions(targets_file.read_text(encoding="utf-8"), "target", targets_file.name),
    )


@lru_cache(maxsize=1)
def interaction_base() -> InteractionBase:
    """The shipped knowledge base, loaded once per process."""
    return load_interactions()
