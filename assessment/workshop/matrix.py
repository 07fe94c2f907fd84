"""The workshop's cross-impact matrix: which codes, what the knowledge base says per cell, the
values the results are computed from, and CSV/XLSX in the layout ``graph --matrix`` reads.

A *cell* ``(a, b)`` asks "how does progress on ``a`` influence progress on ``b``?" on the
−3..+3 scale. Codes are canonical refs (``"sdg:8"`` for a goal, ``"7.2"`` for a target).
The value of a cell is the room's agreed score when there is one, else the knowledge base's
score (the pre-fill), else 0.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assessment.analysis import CrossImpactMatrix, parse_matrix
from assessment.domain import Assessment
from assessment.domain.refs import goal_number, goal_ref, is_goal, sort_key
from assessment.errors import Problem, ValidationFailed
from assessment.knowledge.interactions import InteractionBase, KnownInteraction, interaction_base
from assessment.workshop.codes import Cell

MAX_UPLOAD_BYTES = 2_000_000
CORNER = "från/till"  # the header's first cell, as SDG Synergies spreadsheets label it


@dataclass(frozen=True)
class Prefill:
    """What the knowledge base says about one cell; ``inherited``: the goal-level score used for
    a target pair that has no target-level score of its own."""

    known: KnownInteraction
    inherited: bool = False

    @property
    def score(self) -> int:
        return self.known.score

    @property
    def literature(self) -> bool:
        return self.known.basis == "literature" and not self.inherited


def prefill(codes: Sequence[str], kb: InteractionBase | None = None) -> dict[Cell, Prefill]:
    """The knowledge base's score per cell (target pairs fall back to their goals' score)."""
    kb = kb or interaction_base()
    cells: dict[Cell, Prefill] = {}
    for a in codes:
        for b in codes:
            if a == b:
                continue
            known = kb.get(a, b)
            if known is not None:
                cells[(a, b)] = Prefill(known)
                continue
            ga, gb = goal_ref(a), goal_ref(b)
            if (not is_goal(a) or not is_goal(b)) and ga != gb:
                fallback = kb.get(ga, gb)
                if fallback is not None:
                    cells[(a, b)] = Prefill(fallback, inherited=True)
    return cells


def suggested_codes(assessment: Assessment, kb: InteractionBase | None = None, limit: int = 20) -> list[str]:
    """Codes to start a matrix from: those rated in step 2, then the codes they are most strongly
    linked to in the knowledge base (|score| high first), up to ``limit``."""
    from assessment.domain.refs import canonical_sdg

    kb = kb or interaction_base()
    rated: list[str] = []
    for rating in assessment.sdg:
        ref = canonical_sdg(rating.ref)
        if ref is not None and ref not in rated:
            rated.append(ref)
    chosen = list(rated[:limit])
    links = sorted(
        (k for k in kb if (k.source in rated) != (k.target in rated)),
        key=lambda k: (-abs(k.score), sort_key(k.source), sort_key(k.target)),
    )
    for link in links:
        if len(chosen) >= limit:
            break
        other = link.target if link.source in rated else link.source
        if other not in chosen:
            chosen.append(other)
    return sorted(chosen, key=sort_key)


def values(
    codes: Sequence[str], agreed: Mapping[Cell, int], pre: Mapping[Cell, Prefill]
) -> npt.NDArray[np.float64]:
    """The matrix the results use: agreed score, else the pre-fill, else 0; diagonal 0."""
    index = {code: i for i, code in enumerate(codes)}
    matrix = np.zeros((len(codes), len(codes)))
    for (a, b), fill in pre.items():
        if a in index and b in index:
            matrix[index[a], index[b]] = fill.score
    for (a, b), score in agreed.items():
        if a in index and b in index and a != b:
            matrix[index[a], index[b]] = score
    return matrix


def export_code(code: str) -> str:
    """How a code is written in the spreadsheet: ``8`` for a goal, ``7.2`` for a target."""
    return str(goal_number(code)) if is_goal(code) else code


def matrix_rows(codes: Sequence[str], matrix: npt.ArrayLike) -> list[list[str | int]]:
    """Header row plus one row per code; the diagonal is left blank."""
    a = np.asarray(matrix)
    rows: list[list[str | int]] = [[CORNER, *(export_code(c) for c in codes)]]
    for i, code in enumerate(codes):
        rows.append([export_code(code), *("" if i == j else int(a[i, j]) for j in range(len(codes)))])
    return rows


def to_csv(codes: Sequence[str], matrix: npt.ArrayLike) -> str:
    """CSV (comma-separated) that `assessment.analysis.parse_matrix` and the CLI read back."""
    return "".join(",".join(str(cell) for cell in row) + "\n" for row in matrix_rows(codes, matrix))


def to_xlsx(codes: Sequence[str], matrix: npt.ArrayLike, sheet: str = "Matris") -> bytes:
    """The same layout as one XLSX sheet (numbers stored as numbers)."""
    from assessment.spreadsheets.xlsx import write_xlsx

    handle, name = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    path = Path(name)
    try:
        write_xlsx(path, [(sheet, matrix_rows(codes, matrix))])
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def read_upload(data: bytes, file_name: str) -> CrossImpactMatrix:
    """A matrix from an uploaded CSV or XLSX file, validated like the CLI's (`parse_matrix`)."""
    from assessment.spreadsheets.reading import decode_text
    from assessment.spreadsheets.xlsx_reader import read_xlsx_rows

    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(
            Problem("analysis.matrix_too_large", {"limit": MAX_UPLOAD_BYTES}, file=file_name)
        )
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        try:
            rows = read_xlsx_rows(data)
        except Exception as exc:  # any unreadable workbook is the user's file, not our bug
            raise ValidationFailed(
                Problem("workshop.xlsx_unreadable", {"detail": str(exc)[:200]}, file=file_name)
            ) from exc
        width = max((len(r) for r in rows), default=0)  # the reader drops trailing blank cells
        rows = [r + [""] * (width - len(r)) for r in rows]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        text = buffer.getvalue()
    else:
        text, _ = decode_text(data, file_name)
    return parse_matrix(text, file_name)
