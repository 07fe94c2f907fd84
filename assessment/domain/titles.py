"""Human titles for the non-SDG refs an assessment rates (RUS goals), from the process model."""

from __future__ import annotations

from assessment.errors import UserError


def rus_goal_title(code: str, lang: str) -> str | None:
    """The RUS goal's title in ``lang`` (``"v_ecosystems"`` -> "Livskraftiga ekosystem …"), or None
    when the model does not know it or cannot be loaded."""
    from assessment.process_models import rus_model  # lazy: domain loads without the models

    try:
        goal = rus_model().rus_goal(code)
    except UserError:
        return None
    return goal.title.get(lang) if goal is not None else None
