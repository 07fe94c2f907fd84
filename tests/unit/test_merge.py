"""Three-way merge of assessment documents: additions kept, same-field edits reported."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.domain.assessment import Assessment
from assessment.domain.merge import FieldConflict, diff, merge3, summarise


def doc(**fields: Any) -> dict[str, Any]:
    return Assessment.model_validate({"title": "Vindkraft i Krokom", **fields}).to_document()


def actor(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, **fields}


BASE = doc(
    actors=[actor("Krokoms kommun"), actor("Samebyn Ŋ")],
    measures=[{"id": "m1", "text": "Samråd"}],
    tags=["energi", "vind"],
    answers={"q1": "ja"},
)


def edit(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(base)
    out.update(changes)
    return out


def test_additions_by_both_sides_are_all_kept() -> None:
    mine = edit(BASE, actors=[*BASE["actors"], actor("Länsstyrelsen")])
    theirs = edit(BASE, actors=[*BASE["actors"], actor("Region JH")])
    merged, conflicts = merge3(BASE, mine, theirs)
    names = [a["name"] for a in merged["actors"]]
    assert names == ["Krokoms kommun", "Samebyn Ŋ", "Region JH", "Länsstyrelsen"]
    assert conflicts == []


def test_removal_by_one_side_and_addition_by_other_both_apply() -> None:
    mine = edit(BASE, measures=[])  # removed m1
    theirs = edit(BASE, measures=[*BASE["measures"], {"id": "m2", "text": "Uppföljning"}])
    merged, conflicts = merge3(BASE, mine, theirs)
    assert [m["id"] for m in merged["measures"]] == ["m2"]
    assert conflicts == []


def test_different_fields_of_the_same_item_merge() -> None:
    mine = copy.deepcopy(BASE)
    mine["actors"][0]["influence"] = 5
    theirs = copy.deepcopy(BASE)
    theirs["actors"][0]["comment"] = "Planmonopol"
    merged, conflicts = merge3(BASE, mine, theirs)
    assert merged["actors"][0]["influence"] == 5
    assert merged["actors"][0]["comment"] == "Planmonopol"
    assert conflicts == []


def test_same_field_edited_by_both_keeps_stored_and_reports_mine() -> None:
    mine = edit(BASE, title="Mitt namn", description="mina anteckningar")
    theirs = edit(BASE, title="Deras namn")
    merged, conflicts = merge3(BASE, mine, theirs)
    assert merged["title"] == "Deras namn"
    assert merged["description"] == "mina anteckningar"  # the rest of my changes is kept
    assert conflicts == [FieldConflict("title", "Vindkraft i Krokom", "Mitt namn", "Deras namn")]


def test_conflict_inside_an_item_names_the_item() -> None:
    mine = copy.deepcopy(BASE)
    mine["actors"][1]["influence"] = 1
    theirs = copy.deepcopy(BASE)
    theirs["actors"][1]["influence"] = 5
    merged, conflicts = merge3(BASE, mine, theirs)
    assert merged["actors"][1]["influence"] == 5
    assert conflicts == [FieldConflict("actors[Samebyn Ŋ].influence", 3, 1, 5)]


def test_edit_of_an_item_the_other_side_deleted_is_reported() -> None:
    mine = copy.deepcopy(BASE)
    mine["measures"][0]["text"] = "Samråd med samebyn"
    theirs = edit(BASE, measures=[])
    merged, conflicts = merge3(BASE, mine, theirs)
    assert merged["measures"] == []
    assert len(conflicts) == 1
    assert conflicts[0].path == "measures[m1]"
    assert conflicts[0].mine["text"] == "Samråd med samebyn"
    assert conflicts[0].theirs is None


def test_value_lists_merge_as_sets() -> None:
    mine = edit(BASE, tags=["energi", "vind", "samisk näring"])
    theirs = edit(BASE, tags=["vind", "turism"])  # removed energi, added turism
    merged, conflicts = merge3(BASE, mine, theirs)
    assert merged["tags"] == ["vind", "turism", "samisk näring"]
    assert conflicts == []


def test_mapping_answers_merge_per_key() -> None:
    mine = edit(BASE, answers={"q1": "ja", "q2": "nej"})
    theirs = edit(BASE, answers={"q1": "ja", "q3": "kanske"})
    merged, _ = merge3(BASE, mine, theirs)
    assert merged["answers"] == {"q1": "ja", "q3": "kanske", "q2": "nej"}


def test_sdg_items_are_keyed_by_goal_or_target() -> None:
    base = doc(sdg=[{"goal": 7, "impact": 1}])
    mine = doc(sdg=[{"goal": 7, "impact": 1}, {"target": "7.2", "impact": 2}])
    theirs = doc(sdg=[{"goal": 7, "impact": 2}, {"goal": 13, "impact": -1}])
    merged, conflicts = merge3(base, mine, theirs)
    assert [(s.get("goal"), s.get("target"), s["impact"]) for s in merged["sdg"]] == [
        (7, None, 2),
        (13, None, -1),
        (None, "7.2", 2),
    ]
    assert conflicts == []
    Assessment.model_validate(merged)


def test_same_item_added_by_both_with_different_fields() -> None:
    mine = edit(BASE, measures=[*BASE["measures"], {"id": "m9", "text": "A", "owner": "Anna"}])
    theirs = edit(BASE, measures=[*BASE["measures"], {"id": "m9", "text": "B"}])
    merged, conflicts = merge3(BASE, mine, theirs)
    m9 = merged["measures"][1]
    assert m9["text"] == "B" and m9["owner"] == "Anna"
    assert [c.path for c in conflicts] == ["measures[m9].text"]


def test_nested_lists_inside_items_merge_by_name() -> None:
    base = doc(conflicts=[{"id": "k1", "weighing": {"criteria": [{"name": "Kostnad"}]}}])
    mine = copy.deepcopy(base)
    mine["conflicts"][0]["weighing"]["criteria"].append({"name": "Klimat", "weight": 3})
    theirs = copy.deepcopy(base)
    theirs["conflicts"][0]["weighing"]["criteria"].append({"name": "Rennäring", "weight": 2})
    theirs["checklists"] = {"rus": {"r1": {"checked": True}}}
    mine["checklists"] = {"rus": {"r2": {"checked": True, "comment": "ok"}}}
    merged, conflicts = merge3(base, mine, theirs)
    names = [c["name"] for c in merged["conflicts"][0]["weighing"]["criteria"]]
    assert names == ["Kostnad", "Rennäring", "Klimat"]
    assert set(merged["checklists"]["rus"]) == {"r1", "r2"}
    assert conflicts == []
    Assessment.model_validate(merged)


def test_diff_and_summary_name_items_by_key() -> None:
    new = copy.deepcopy(BASE)
    new["actors"][0]["influence"] = 4
    new["actors"].append(actor("Trafikverket"))
    new["title"] = "Ny titel"
    changes = diff(BASE, new)
    assert ("actors[Krokoms kommun].influence", 3, 4) in changes
    assert ("title", "Vindkraft i Krokom", "Ny titel") in changes
    assert any(c.path == "actors[Trafikverket]" and c.old is None for c in changes)
    summary = summarise(BASE, new)
    assert summary["added"] == {"actors": 1}
    assert set(summary["changed"]) == {"actors", "title"}


# -- properties ------------------------------------------------------------------------------

names = st.text(alphabet="abcŋđčŧï<&", min_size=1, max_size=4)
actor_lists = st.lists(
    st.builds(lambda n, i: actor(n, influence=i), names, st.integers(1, 5)),
    max_size=5,
    unique_by=lambda a: a["name"],
)


@settings(max_examples=200, deadline=None)
@given(actor_lists, actor_lists, actor_lists, st.text(max_size=5), st.text(max_size=5))
def test_merge_properties(
    base_actors: list[Any], mine_actors: list[Any], theirs_actors: list[Any], d1: str, d2: str
) -> None:
    base = doc(actors=base_actors)
    mine = doc(actors=mine_actors, description=d1)
    theirs = doc(actors=theirs_actors, description=d2)
    merged, conflicts = merge3(base, mine, theirs)
    Assessment.model_validate(merged)  # always a valid assessment
    assert merge3(base, base, theirs)[0] == theirs  # no edit of mine: stored stays
    assert merge3(base, mine, base)[0] == mine  # nobody else edited: mine wins
    merged_names = {a["name"] for a in merged["actors"]}
    base_names = {a["name"] for a in base_actors}
    for side in (mine_actors, theirs_actors):
        for a in side:
            if a["name"] not in base_names:
                assert a["name"] in merged_names  # every addition survives
    conflict_paths = {c.path for c in conflicts}
    for change in diff(base, mine):
        # Every change of mine is either in the result or reported as a conflict.
        landed = {c.path: c.new for c in diff(base, merged)}
        assert (
            landed.get(change.path) == change.new
            or any(change.path.startswith(p) or p.startswith(change.path) for p in conflict_paths)
            or change.new == _at(theirs, change.path)
        ), change


def _at(document: dict[str, Any], path: str) -> Any:
    for c in diff({}, document):
        if c.path == path:
            return c.new
    return None
