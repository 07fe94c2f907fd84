"""Which goals and targets a matrix may hold: validated, canonical, in the catalogue's order.
Depends on the SDG catalogue only, so the store can use it without the analysis package."""

from __future__ import annotations

from collections.abc import Iterable

from assessment.domain.refs import read_sdg_code
from assessment.errors import Problem, UnknownCode, ValidationFailed

Cell = tuple[str, str]
MIN_CODES = 5
MAX_CODES = 40


def catalogue_order() -> dict[str, int]:
    """Position of every code: goal 1, its targets, goal 2, … (the catalogue's official order)."""
    from assessment.knowledge.sdg import sdg_catalog

    catalog = sdg_catalog()
    order: list[str] = []
    for number in range(1, 18):
        order.append(f"sdg:{number}")
        order.extend(target.code for target in catalog.targets_of(number))
    return {code: i for i, code in enumerate(order)}


def canonical_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Validated canonical codes without repeats, in the given order (an imported spreadsheet
    goes out as it came in); 5–40 of them, all known. `sorted_codes` gives the SDG order."""
    found: list[str] = []
    problems: list[Problem] = []
    for raw in codes:
        try:
            code = read_sdg_code(raw)
        except UnknownCode as exc:
            problems.extend(exc.problems)
            continue
        if code not in found:
            found.append(code)
    if not problems and not MIN_CODES <= len(found) <= MAX_CODES:
        problems.append(
            Problem("workshop.codes_count", {"count": len(found), "min": MIN_CODES, "max": MAX_CODES})
        )
    if problems:
        raise ValidationFailed(problems)
    return tuple(found)


def sorted_codes(codes: Iterable[str]) -> list[str]:
    """Canonical codes in the catalogue's order (goal 1, its targets, goal 2, …)."""
    order = catalogue_order()
    return sorted(codes, key=lambda code: order.get(code, len(order)))
