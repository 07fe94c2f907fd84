"""An editable table (st.data_editor) bound to a list in the assessment.

The editor's edit state is relative to the table it was first given, so that table is kept as a
snapshot for as long as the editor's state lives; the edited result is written back to the
assessment whenever it differs. When the editor's state is dropped (page switch) the snapshot is
rebuilt from the assessment, which by then holds every saved edit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from assessment.ui import state


def clean(value: Any) -> Any:
    """pandas' missing values (NaN, NaT, None) as None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    return value


_EDIT_KINDS = ("edited_rows", "added_rows", "deleted_rows")


def edit_table(
    key: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    column_config: Mapping[str, Any],
    on_rows: Callable[[list[dict[str, Any]]], None],
    *,
    num_rows: Any = "dynamic",
) -> list[dict[str, Any]]:
    """Draw the editor; call ``on_rows`` with the edited rows when they differ from what it last
    saved.

    The editor keeps its table (``base``) and its edits for as long as it lives, so typing in the
    grid is never interrupted. ``written`` is what it last saved. It starts afresh on the
    assessment's rows when those were changed elsewhere (another widget, a merge, the live view)
    and when its edits are gone although it had saved some (a reset browser grid; AppTest), so old
    edits are never written over newer data and lost edits never delete saved rows.
    """
    current = [{column: clean(row.get(column)) for column in columns} for row in rows]
    meta: dict[str, Any] = st.session_state.setdefault(f"{key}:meta", {"n": 0})
    widget_key = f"{key}:{meta['n']}"
    if widget_key not in st.session_state or "base" not in meta:
        meta.update(base=current, written=current)
    elif current != meta["written"]:
        meta.update(n=meta["n"] + 1, base=current, written=current)
        widget_key = f"{key}:{meta['n']}"
    edited = st.data_editor(
        pd.DataFrame(meta["base"], columns=list(columns)),
        key=widget_key,
        num_rows=num_rows,
        column_config=dict(column_config),
        column_order=list(columns),
        hide_index=True,
        width="stretch",
    )
    edits = st.session_state.get(widget_key)
    if (isinstance(edits, Mapping) and not any(edits.get(kind) for kind in _EDIT_KINDS)
            and meta["written"] != meta["base"]):
        meta.update(n=meta["n"] + 1, base=current, written=current)
        st.rerun()  # edits gone but saved ones exist: redraw on the saved rows, delete nothing
    result = [
        {str(column): clean(value) for column, value in record.items()}
        for record in edited.to_dict("records")
    ]
    if result != meta["written"]:
        before = state.current_version()
        on_rows(result)
        if state.current_version() != before:
            # No rerun here: it would redraw the grid while the user goes on typing. Code after
            # the table reads the saved assessment again (`state.current()`).
            meta["written"] = result
    return result
