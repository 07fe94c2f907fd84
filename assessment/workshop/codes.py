"""Which goals and targets a matrix may hold: validated, canonical, in the catalogue's order.
Depends on the SDG catalogue only, so the store can use it without the analysis package."""

from __future__ import annotations

from collections.abc import Iterable

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
    """Validated codes in SDG order without repeats; 5–40 of them, all known."""
    from assessment.knowledge.sdg import sdg_catalog

    catalog = sdg_catalog()
    found: list[str] = []
    problems: list[Problem] = []
    for raw in codes:
        try:
            code = catalog.canonical(str(raw).strip())
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
    order = catalogue_order()
    return tuple(sorted(found, key=order.__getitem__))
