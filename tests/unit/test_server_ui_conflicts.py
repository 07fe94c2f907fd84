"""`domain.merge.apply_at`: the writer's value goes back exactly where the merge found the clash."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from assessment.domain.assessment import Assessment
from assessment.domain.merge import apply_at, merge3
from assessment.ui.components.conflicts_notice import readable_path, shown


def doc(**fields: Any) -> dict[str, Any]:
    return Assessment.model_validate({"title": "Vindkraft i Krokom", **fields}).to_document()


BASE = doc(
    actors=[{"name": "Krokoms kommun"}, {"name": "Sameby Ŋ. đ <b>"}],
    measures=[{"id": "m1", "text": "Samråd"}],
    answers={"q1": "ja"},
)


def apply_all_mine(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    merged, conflicts = merge3(base, mine, theirs)
    assert conflicts, "the scenario must clash"
    for conflict in conflicts:
        merged = apply_at(merged, conflict.path, conflict.mine)
    # Valid as an assessment afterwards.
    return Assessment.model_validate(merged).to_document()


def test_top_level_field() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["title"], theirs["title"] = "Mitt", "Deras"
    assert apply_all_mine(BASE, mine, theirs)["title"] == "Mitt"


def test_field_of_a_list_item_whose_name_has_dots_and_markup() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["actors"][1]["influence"], theirs["actors"][1]["influence"] = 1, 5
    theirs["actors"][0]["comment"] = "orörd"
    result = apply_all_mine(BASE, mine, theirs)
    assert result["actors"][1]["influence"] == 1
    assert result["actors"][0]["comment"] == "orörd", "other items stay as stored"


def test_nested_mapping_value() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["answers"]["q1"], theirs["answers"]["q1"] = "nej", "kanske"
    assert apply_all_mine(BASE, mine, theirs)["answers"]["q1"] == "nej"


def test_item_removed_by_them_but_edited_by_me_comes_back() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["measures"][0]["text"] = "Samråd med samebyn"
    theirs["measures"] = []
    result = apply_all_mine(BASE, mine, theirs)
    assert [m["text"] for m in result["measures"]] == ["Samråd med samebyn"]


def test_item_edited_by_them_but_removed_by_me_is_removed() -> None:
    mine, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    mine["measures"] = []
    theirs["measures"][0]["text"] = "Ändrad"
    result = apply_all_mine(BASE, mine, theirs)
    assert result.get("measures", []) == []


def test_unknown_path_is_refused() -> None:
    with pytest.raises(KeyError):
        apply_at(BASE, "actors[Finns inte].influence", 3)
    with pytest.raises(KeyError):
        apply_at(BASE, "answers.q1.deeper", 3)


def test_shown_values_are_short_plain_text() -> None:
    assert shown(None) == "—"
    assert shown({"a": "ŋ"}) == '{"a": "ŋ"}'
    assert len(shown("x" * 10_000)) == 400


def test_paths_read_as_labels_in_the_users_language() -> None:
    assert readable_path("measures[M1].text", "sv") == "Åtgärder › M1 › Text"
    assert readable_path("actors[Sameby Ŋ. đ <b>].influence", "en") == "Actors › Sameby Ŋ. đ <b> › Influence"
    assert readable_path("answers.q7", "sv") == "Svar › q7"  # unknown names stay as they are
