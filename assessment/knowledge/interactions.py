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


def parse_interactions(text: str, level: Level, file: str = "") -> tuple[KnownInteraction, ...]:
    """Parse and validate one table; raises `ValidationFailed` listing every problem found."""
    problems: list[Problem] = []
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = tuple(cell.strip() for cell in rows[0]) if rows else ()
    if header != COLUMNS:
        raise ValidationFailed(
            Problem("analysis.kb_header", {"expected": ",".join(COLUMNS)}, path="line 1", file=file)
        )
    found: list[KnownInteraction] = []
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            problems.append(_problem("kb_columns", file, line, count=len(row), expected=len(COLUMNS)))
            continue
        cells = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
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
