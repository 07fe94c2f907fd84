"""An editable table (st.data_editor) bound to a list in the assessment.

The editor reports its edits as a delta (``edited_rows``/``added_rows``/``deleted_rows``) against
the table it was first given. That table (``base``) is therefore kept unchanged for as long as the
editor lives, and the rows to save are always ``base`` with the whole delta applied
(`apply_edits`), so deleting a row that was added a moment ago deletes it from the store too.

The editor starts afresh on the assessment's rows (a new widget key) only when the assessment was
saved by something else than this table (another widget, a merge, the live view), detected by the
store version: comparing row values instead would also fire on the table's own saves, because the
saved rows come back normalised ("" for None, defaults filled in), and a fresh editor would drop
the cell the user is typing in.
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


def incomplete_rows(rows: Sequence[Mapping[str, Any]], needed: Sequence[str]) -> list[int]:
    """Row numbers (from 1) of rows begun but missing a ``needed`` cell: not saved yet, and said
    so (instead of Streamlit's required cells, whose note is English only). An empty row is not
    begun."""

    def empty(value: Any) -> bool:
        return clean(value) in (None, "")

    return [
        number
        for number, row in enumerate(rows, start=1)
        if not all(empty(v) for v in row.values()) and any(empty(row.get(c)) for c in needed)
    ]


def apply_edits(
    base: Sequence[Mapping[str, Any]], edits: Any, columns: Sequence[str]
) -> list[dict[str, Any]]:
    """``base`` with a data editor's delta applied, the way Streamlit applies it: cell edits,
    then added rows at the end, then deletions by position (in the table with the added rows)."""
    rows = [{column: clean(row.get(column)) for column in columns} for row in base]
    if not isinstance(edits, Mapping):
        return rows
    for position, changes in dict(edits.get("edited_rows") or {}).items():
        index = int(position)
        if 0 <= index < len(rows) and isinstance(changes, Mapping):
            for column, value in changes.items():
                if column in columns:
                    rows[index][str(column)] = clean(value)
    for added in list(edits.get("added_rows") or []):
        if isinstance(added, Mapping):
            rows.append({column: clean(added.get(column)) for column in columns})
    deleted = {int(position) for position in list(edits.get("deleted_rows") or [])}
    return [row for index, row in enumerate(rows) if index not in deleted]


def edit_table(
    key: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    column_config: Mapping[str, Any],
    on_rows: Callable[[list[dict[str, Any]]], None],
    *,
    num_rows: Any = "dynamic",
) -> list[dict[str, Any]]:
    """Draw the editor; call ``on_rows`` with the edited rows whenever the user changed them.

    ``meta`` (in session state, outlives the widget) holds the editor's ``base`` table, the rows it
    last handed to ``on_rows`` (``result``) and the assessment version after that (``version``).
    """
    current = [{column: clean(row.get(column)) for column in columns} for row in rows]
    meta: dict[str, Any] = st.session_state.setdefault(f"{key}:meta", {"n": 0})
    widget_key = f"{key}:{meta['n']}"
    version = state.current_version()
    if widget_key not in st.session_state or "base" not in meta:
        # New editor (first draw or after a page switch, which drops widget state).
        meta.update(base=current, result=current, version=version)
    elif version != meta.get("version"):
        # Saved by something else: show that, in a new editor with an empty delta.
        meta.update(n=meta["n"] + 1, base=current, result=current, version=version)
        widget_key = f"{key}:{meta['n']}"
    st.data_editor(
        pd.DataFrame(meta["base"], columns=list(columns)),
        key=widget_key,
        num_rows=num_rows,
        column_config=dict(column_config),
        column_order=list(columns),
        hide_index=True,
        width="stretch",
        # Empty cells stay empty instead of showing the English "None".
        placeholder="",
    )
    result = apply_edits(meta["base"], st.session_state.get(widget_key), columns)
    if result != meta["result"]:
        meta["result"] = result
        # No rerun: it would redraw the grid while the user goes on typing. Code after the
        # table reads the saved assessment again (`state.current()`).
        on_rows(result)
        meta["version"] = state.current_version()
    return result
