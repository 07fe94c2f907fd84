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
    """Draw the editor; call ``on_rows`` with the edited rows when they differ from ``rows``."""
    snapshot_key = f"{key}:snapshot"
    if key not in st.session_state or snapshot_key not in st.session_state:
        st.session_state[snapshot_key] = pd.DataFrame(list(rows), columns=list(columns))
    edited = st.data_editor(
        st.session_state[snapshot_key],
        key=key,
        num_rows=num_rows,
        column_config=dict(column_config),
        column_order=list(columns),
        hide_index=True,
        width="stretch",
    )
    result = [
        {column: clean(value) for column, value in record.items()}
        for record in edited.to_dict("records")
    ]
    current = [{column: clean(row.get(column)) for column in columns} for row in rows]
    if result != current:
        before = state.current_version()
        on_rows(result)
        if state.current_version() != before:
            # Draw the page again from the saved assessment (other parts depend on these rows).
            st.rerun()
    return result
