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


def edit_table(
    key: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    column_config: Mapping[str, Any],
    on_rows: Callable[[list[dict[str, Any]]], None],
    *,
    num_rows: Any = "dynamic",
) -> list[dict[str, Any]]:
    """Draw the editor; call ``on_rows`` with the edited rows when they differ from ``rows``.

    After every save the editor starts afresh on the saved rows. ``written`` remembers what it
    last saved; when the assessment's rows differ from it, they were changed elsewhere (another
    widget, a merge, the live view) and the editor also starts afresh, instead of writing its old
    edits back over them.
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
    result = [
        {str(column): clean(value) for column, value in record.items()}
        for record in edited.to_dict("records")
    ]
    if result != meta["written"]:
        before = state.current_version()
        on_rows(result)
        if state.current_version() != before:
            # Saved: a fresh editor on the saved rows (edits are relative to the table an editor
            # was given, so they must never be replayed onto a newer one), and the rest of the
            # page drawn again from the saved assessment.
            meta.update(n=meta["n"] + 1, base=result, written=result)
            st.rerun()
    return result
