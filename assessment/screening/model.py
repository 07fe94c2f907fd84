"""Plain, immutable records of the screening: an imported application and its claims.

Dataclasses with slots rather than pydantic models: the importer already checks every cell, and
10,000 rows must not pay for a second validation pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from assessment.errors import Problem


@dataclass(frozen=True, slots=True)
class Claim:
    """The applicant's claimed impact (−3..+3) on a goal or target, with their motivation."""

    goal: int
    target: str | None
    impact: int
    text: str = ""

    @property
    def ref(self) -> str:
        return self.target if self.target is not None else f"sdg:{self.goal}"

    def as_text(self) -> str:
        code = self.target if self.target is not None else str(self.goal)
        head = f"{code}:{self.impact:+d}"
        return f"{head}: {self.text}" if self.text else head


@dataclass(frozen=True, slots=True)
class Application:
    """One good row of the import file; ``row`` is its spreadsheet row number (header = row 1)."""

    row: int
    id: str
    applicant: str
    support_type: str
    municipality: str
    amount: float
    title: str
    claims: tuple[Claim, ...] = ()
    # Every free-text field by its column name (description, ecological, social, ...).
    texts: Mapping[str, str] = field(default_factory=dict)
    # Claims that were meant as claims but could not be read (reported, never silently dropped).
    claim_problems: tuple[Problem, ...] = ()
    # What the import did to read the row: a locality taken as its municipality, an approximate
    # amount, a value filled from a merged cell.
    notes: tuple[Problem, ...] = ()
    # SHA-256 of the row's cells as read: tells a re-screened application from a changed one.
    fingerprint: str = ""

    def text(self, name: str) -> str:
        return self.texts.get(name, "")

    @property
    def description(self) -> str:
        return self.text("description")

    def claims_text(self) -> str:
        return "; ".join(c.as_text() for c in self.claims)
