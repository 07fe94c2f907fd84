"""The workshop's agreed scores as the assessment's own ``interactions`` — the one hand-over point
to the findings, the graph and the PDF (which already let an assessment's own interactions
override the knowledge base for the same pair)."""

from __future__ import annotations

from collections.abc import Mapping

from assessment.domain import Assessment
from assessment.domain.assessment import Interaction
from assessment.i18n import t
from assessment.workshop.codes import Cell
from assessment.workshop.model import Board


def agreed_interactions(board: Board, lang: str = "sv") -> list[Interaction]:
    """One `Interaction` per locked cell with an agreed score, the comment and any dissent in
    ``note`` (so findings can cite "the workshop's own score" with the room's reasoning)."""
    name = board.info.title or t("workshop.note_prefix", lang)
    found: list[Interaction] = []
    for cell, state in sorted(board.cells.items()):
        if not state.locked or state.agreed is None:
            continue
        parts = [f"{name}: {state.comment}".strip().rstrip(":")]
        if state.dissent:
            parts.append(t("workshop.note_dissent", lang, text=state.dissent))
        found.append(
            Interaction.model_validate(
                {"from": cell[0], "to": cell[1], "score": state.agreed, "note": " · ".join(parts)}
            )
        )
    return found


def with_interactions(assessment: Assessment, interactions: list[Interaction]) -> Assessment:
    """A copy of ``assessment`` whose own interactions include ``interactions``; a pair already
    there is replaced (the workshop's latest agreement wins), every other pair is kept."""
    from assessment.domain.refs import canonical_sdg

    def key(i: Interaction) -> Cell:
        return (canonical_sdg(i.source) or i.source, canonical_sdg(i.to) or i.to)

    incoming: Mapping[Cell, Interaction] = {key(i): i for i in interactions}
    kept = [i for i in assessment.interactions if key(i) not in incoming]
    copy = assessment.model_copy(deep=True)
    copy.interactions = [*kept, *incoming.values()]
    return copy
