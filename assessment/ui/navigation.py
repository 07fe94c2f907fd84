"""Registry of the app's pages.

Each page is a module under `assessment.ui.pages` exposing ``render() -> None``; its title is the
message ``ui.page.<id>`` (tests/unit/test_ui_navigation.py checks that each exists).

To add a page: append one `PageSpec` line to `PAGES` (keep the workshop steps first).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Group = Literal["workshop", "tools"]


@dataclass(frozen=True)
class PageSpec:
    id: str
    icon: str
    module: str
    group: Group
    # Pages that work on the open assessment show a hint to start one when none is open.
    needs_assessment: bool = True

    def render_function(self) -> Callable[[], None]:
        module = importlib.import_module(self.module)
        render: Callable[[], None] = module.render
        return render


PAGES: tuple[PageSpec, ...] = (
    PageSpec("start", ":material/home:", "assessment.ui.pages.start", "workshop", needs_assessment=False),
    PageSpec("rus", ":material/looks_one:", "assessment.ui.pages.rus", "workshop"),
    PageSpec("sdg", ":material/looks_two:", "assessment.ui.pages.sdg", "workshop"),
    PageSpec("actors", ":material/looks_3:", "assessment.ui.pages.actors", "workshop"),
    PageSpec("measures", ":material/looks_4:", "assessment.ui.pages.measures", "workshop"),
    PageSpec("conflicts", ":material/balance:", "assessment.ui.pages.conflicts", "workshop"),
    PageSpec("graph", ":material/hub:", "assessment.ui.pages.graph", "workshop"),
    PageSpec("workshop", ":material/grid_on:", "assessment.ui.pages.workshop", "workshop"),
    PageSpec("summary", ":material/summarize:", "assessment.ui.pages.summary", "workshop"),
    # --- pages of other areas (screening, portfolio): one line each ---
    PageSpec(
        "screening", ":material/fact_check:", "assessment.ui.pages.screening", "tools", needs_assessment=False
    ),
    PageSpec(
        "portfolio",
        ":material/folder_open:",
        "assessment.ui.pages.portfolio",
        "tools",
        needs_assessment=False,
    ),
    PageSpec(
        "register", ":material/menu_book:", "assessment.ui.pages.register", "tools", needs_assessment=False
    ),
    PageSpec("history", ":material/history:", "assessment.ui.pages.history", "tools"),
    PageSpec("share", ":material/group_add:", "assessment.ui.pages.share", "tools", needs_assessment=False),
)


_BY_ID = {p.id: p for p in PAGES}


def page(page_id: str) -> PageSpec:
    """The page ``page_id``; the first page for an id that is not (or no longer) registered."""
    return _BY_ID.get(page_id, PAGES[0])
