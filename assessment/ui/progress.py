"""Step progress in the sidebar and on the summary page: the domain's rules, shown as icons."""

from __future__ import annotations

from assessment.domain.assessment import Assessment
from assessment.domain.completion import Status, step_status
from assessment.ui.components import icons

ICONS: dict[Status, str] = {"done": icons.DONE, "partial": icons.PARTIAL, "open": icons.OPEN}


def status(page_id: str, assessment: Assessment | None) -> Status | None:
    """Progress of a workshop step (`assessment.domain.completion`), None for other pages."""
    return step_status(page_id, assessment)
