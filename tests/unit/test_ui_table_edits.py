"""The data editor's delta applied to the saved rows (`assessment.ui.components.table`)."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from assessment.ui.components.table import apply_edits

COLUMNS = ["name", "influence"]
BASE = [{"name": "Krokoms kommun", "influence": 4}, {"name": "Sameby ŋđčŧï", "influence": 2}]


def delta(
    edited: dict[Any, Any] | None = None,
    added: list[dict[str, Any]] | None = None,
    deleted: list[int] | None = None,
) -> dict[str, Any]:
    return {"edited_rows": edited or {}, "added_rows": added or [], "deleted_rows": deleted or []}


def test_no_delta_gives_the_base_rows() -> None:
    assert apply_edits(BASE, None, COLUMNS) == BASE
    assert apply_edits(BASE, delta(), COLUMNS) == BASE


def test_add_fills_missing_columns_with_none() -> None:
    rows = apply_edits(BASE, delta(added=[{"name": "<b>Trafikverket</b> & co"}]), COLUMNS)
    assert rows[-1] == {"name": "<b>Trafikverket</b> & co", "influence": None}
    assert rows[:2] == BASE


def test_edit_changes_only_that_cell_and_ignores_unknown_columns() -> None:
    rows = apply_edits(BASE, delta(edited={1: {"influence": 5, "_index": 9}}), COLUMNS)
    assert rows == [BASE[0], {"name": "Sameby ŋđčŧï", "influence": 5}]
    # Positions may arrive as strings (JSON); they mean the same row.
    assert apply_edits(BASE, delta(edited={"0": {"name": "X"}}), COLUMNS)[0]["name"] == "X"


def test_delete_counts_positions_in_the_table_with_added_rows() -> None:
    rows = apply_edits(BASE, delta(added=[{"name": "Ny"}], deleted=[0, 2]), COLUMNS)
    assert rows == [BASE[1]]


def test_base_is_not_changed() -> None:
    base = [dict(row) for row in BASE]
    apply_edits(base, delta(edited={0: {"name": "X"}}, deleted=[1]), COLUMNS)
    assert base == BASE


def _app() -> None:
    from typing import Any  # noqa: F401 (AppTest runs this function's source alone)

    import streamlit as st

    from assessment.ui.components.table import edit_table

    st.session_state.setdefault("_assessment_version", 1)
    st.session_state.setdefault("saved", [])

    def save(rows: list[dict[str, Any]]) -> None:
        named = [r for r in rows if r.get("name")]
        if named != st.session_state["saved"]:
            st.session_state["saved"] = named
            st.session_state["_assessment_version"] += 1

    edit_table("t", st.session_state["saved"], ["name", "influence"], {}, save)


def _editor_key(at: AppTest) -> str:
    return f"t:{at.session_state['t:meta']['n']}"


def test_table_saves_add_edit_delete_and_add_then_delete() -> None:
    at = AppTest.from_function(_app).run()
    key = _editor_key(at)
    at.session_state[key] = delta(added=[{"name": "A", "influence": 3}, {"name": "B"}])
    at.run()
    assert at.session_state["saved"] == [{"name": "A", "influence": 3}, {"name": "B", "influence": None}]
    # The table's own saves keep the same editor (a new one would drop what is being typed).
    assert _editor_key(at) == key
    at.session_state[key] = delta(
        edited={}, added=[{"name": "A", "influence": 5}, {"name": "B"}, {"name": "C"}]
    )
    at.run()
    assert [r["name"] for r in at.session_state["saved"]] == ["A", "B", "C"]
    assert at.session_state["saved"][0]["influence"] == 5
    at.session_state[key] = delta(added=[{"name": "A", "influence": 5}, {"name": "C"}])
    at.run()
    assert [r["name"] for r in at.session_state["saved"]] == ["A", "C"]
    # Every added row deleted again: nothing comes back.
    at.session_state[key] = delta()
    at.run()
    assert at.session_state["saved"] == []
    at.run()
    assert at.session_state["saved"] == []


def test_table_starts_afresh_when_saved_elsewhere() -> None:
    at = AppTest.from_function(_app).run()
    key = _editor_key(at)
    at.session_state[key] = delta(added=[{"name": "A", "influence": 1}])
    at.run()
    # Another widget saves a change: the editor shows it and keeps no stale delta.
    at.session_state["saved"] = [{"name": "A", "influence": 1}, {"name": "Z", "influence": 2}]
    at.session_state["_assessment_version"] += 1
    at.run()
    assert _editor_key(at) != key
    assert at.session_state["saved"] == [{"name": "A", "influence": 1}, {"name": "Z", "influence": 2}]
    at.run()
    assert len(at.session_state["saved"]) == 2


def test_incomplete_rows_are_rows_begun_without_a_needed_cell() -> None:
    from assessment.ui.components.table import incomplete_rows

    rows = [
        {"from": "sdg:7", "to": "sdg:13", "score": 2, "note": ""},  # complete
        {"from": None, "to": None, "score": None, "note": None},  # not begun (a new empty row)
        {"from": "sdg:7", "to": None, "score": float("nan"), "note": ""},  # begun, two missing
        {"from": None, "to": None, "score": None, "note": "bara en kommentar"},  # begun by the note
        {"from": "sdg:7", "to": "sdg:13", "score": 0, "note": None},  # 0 is a score, not missing
    ]
    assert incomplete_rows(rows, ["from", "to", "score"]) == [3, 4]
    assert incomplete_rows([], ["from"]) == []
