"""The page registry: every registered page exists and has a title in both languages, and an
unknown page id (an old bookmark, a page removed by an update) opens the first page."""

from __future__ import annotations

import pytest

from assessment.i18n import t
from assessment.ui import navigation


def test_every_registered_page_has_a_render_function_and_a_unique_id() -> None:
    ids = [spec.id for spec in navigation.PAGES]
    assert len(ids) == len(set(ids))
    for spec in navigation.PAGES:
        assert callable(spec.render_function()), spec.id


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_has_a_title(lang: str) -> None:
    titles = [t(f"ui.page.{spec.id}", lang) for spec in navigation.PAGES]  # strict: a missing key raises
    assert len(set(titles)) == len(titles), titles


def test_a_page_id_that_is_not_registered_opens_the_first_page() -> None:
    assert navigation.page("sdg").module == "assessment.ui.pages.sdg"
    assert navigation.page("removed_in_an_update") is navigation.PAGES[0]
    assert navigation.PAGES[0].id == "start"
