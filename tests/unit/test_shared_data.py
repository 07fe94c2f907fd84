"""The library reads its shipped data once per process and hands every caller the same object
(functools caches). None may change it: after whatever this process's earlier tests did with it,
the shared data still equals a fresh read from disk.

(A fresh read here also keeps the readers themselves measured by coverage, whichever test of the
process happened to call them first, untraced or not.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from assessment import i18n
from assessment.knowledge.interactions import interaction_base
from assessment.knowledge.region import case_triggers, overlaps, region_profile


def test_the_message_catalogue_equals_a_fresh_read() -> None:
    areas = sorted(i18n._AREAS)
    shared = {area: i18n._area(area) for area in areas}
    merged = dict(i18n._all())
    i18n._area.cache_clear()
    i18n._all.cache_clear()
    assert {area: i18n._area(area) for area in areas} == shared
    assert i18n._all() == merged
    assert i18n.t("report.see_table", "sv") == "… se tabellen ovan."


@pytest.mark.parametrize(
    "read", [interaction_base, region_profile, overlaps, case_triggers], ids=lambda f: f.__name__
)
def test_shared_knowledge_equals_a_fresh_read(read: Callable[[], Any]) -> None:
    shared = read()
    read.cache_clear()  # type: ignore[attr-defined]
    fresh = read()
    assert fresh == shared and fresh is not shared
