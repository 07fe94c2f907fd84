"""Tell the later writer about a clash: both values side by side, and a button to apply theirs.

When two people change the same field at the same time the store keeps the value saved first and
returns the writer's value as a `FieldConflict` (`SaveResult.conflicts`). `record` keeps those for
the session; `show` (called on every run) lists them until the writer applies their own value or
dismisses the notice. Nothing is lost either way: the writer's value stays on screen until then.
"""

from __future__ import annotations

import json
import re
from typing import Any

import streamlit as st

from assessment.domain.merge import FieldConflict, apply_at
from assessment.errors import UserError
from assessment.i18n import catalogue, t
from assessment.ui import state
from assessment.ui.components.text import md
from assessment.ui.session import get_user
from assessment.ui.store import get_store

MAX_SHOWN_CHARS = 400


def pending() -> list[FieldConflict]:
    """The clashes of the open assessment still waiting for the writer's decision."""
    return state.pending_conflicts()


def _tr(key: str, /, **params: object) -> str:
    return t(f"server_ui.{key}", state.lang(), **params)


_SEGMENT = re.compile(r"\[([^\]]*)\]|([^.\[]+)")


def readable_path(path: str, lang: str) -> str:
    """``measures[M1].text`` as "Åtgärder › M1 › Text": known field names in the user's language,
    item keys (names, ids, goal codes) as they are."""
    parts: list[str] = []
    for item_key, name in _SEGMENT.findall(path):
        if item_key:
            parts.append(item_key)
        else:
            key = f"server_ui.path.{name}"
            parts.append(t(key, lang) if key in catalogue() else name)
    return " › ".join(parts) or path


def shown(value: Any) -> str:
    """A document value as short plain text (shown in text widgets, never as HTML)."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def show() -> None:
    """Draw every pending clash of the open assessment (nothing when there is none)."""
    conflicts = pending()
    if not conflicts:
        return
    with st.container(border=True):
        st.warning(_tr("conflict_intro", count=len(conflicts)), icon=":material/sync_problem:")
        for index, conflict in enumerate(conflicts):
            st.markdown(_tr("conflict_field", field=md(readable_path(conflict.path, state.lang()))))
            c1, c2 = st.columns(2)
            c1.caption(_tr("conflict_mine"))
            c1.text(shown(conflict.mine))
            c2.caption(_tr("conflict_theirs"))
            c2.text(shown(conflict.theirs))
            b1, b2, _ = st.columns([2, 2, 3])
            b1.button(
                _tr("conflict_apply_mine"),
                key=f"conflict_mine:{index}",
                on_click=apply_mine,
                args=(conflict.path,),
                icon=":material/edit:",
            )
            b2.button(
                _tr("conflict_keep"), key=f"conflict_keep:{index}", on_click=dismiss, args=(conflict.path,)
            )


def dismiss(path: str) -> None:
    state.drop_conflict(state.current_id() or "", path)


def apply_mine(path: str) -> None:
    """Write the writer's value over the stored one (a normal save on the latest version)."""
    assessment_id = state.current_id()
    conflict = next((c for c in pending() if c.path == path), None)
    if assessment_id is None or conflict is None:
        return
    store, user = get_store(), get_user()
    try:
        stored = store.get(user, assessment_id)
        document = apply_at(stored.assessment.to_document(), path, conflict.mine)
        result = store.save(user, assessment_id, document, stored.version)
    except (UserError, ValueError, KeyError) as err:
        detail = err.message(state.lang()) if isinstance(err, UserError) else str(err)[:300]
        state.flash("error", _tr("conflict_apply_failed", detail=detail))
        return
    state.drop_conflict(assessment_id, path)
    state.record_conflicts(assessment_id, result.conflicts)  # someone saved again meanwhile: ask again
    state.reload_if_changed()
    state.flash("success", _tr("conflict_applied", field=md(readable_path(path, state.lang()))))
