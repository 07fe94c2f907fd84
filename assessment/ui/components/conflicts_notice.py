"""Tell the later writer about a clash: both values side by side, and a button to apply theirs.

When two people change the same field at the same time the store keeps the value saved first and
returns the writer's value as a `FieldConflict` (`SaveResult.conflicts`). `record` keeps those for
the session; `show` (called on every run) lists them until the writer applies their own value or
dismisses the notice. Nothing is lost either way: the writer's value stays on screen until then.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import streamlit as st

from assessment.domain.merge import FieldConflict, _is_keyed_list, _join, _keyed_items
from assessment.errors import UserError
from assessment.i18n import catalogue, t
from assessment.ui import state
from assessment.ui.components.text import md
from assessment.ui.store import get_store, get_user

_KEY = "_conflicts"
MAX_SHOWN_CHARS = 400


def record(assessment_id: str, conflicts: Iterable[FieldConflict]) -> None:
    """Remember the writer's clashing values (newest replaces an older clash on the same field)."""
    pending: dict[tuple[str, str], FieldConflict] = dict(st.session_state.get(_KEY) or {})
    for conflict in conflicts:
        pending[(assessment_id, conflict.path)] = conflict
    st.session_state[_KEY] = pending


def pending() -> list[FieldConflict]:
    """The clashes of the open assessment still waiting for the writer's decision."""
    current = state.current_id()
    items: dict[tuple[str, str], FieldConflict] = st.session_state.get(_KEY) or {}
    return [c for (aid, _), c in items.items() if aid == current]


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
    _drop(state.current_id() or "", path)


def _drop(assessment_id: str, path: str) -> None:
    items: dict[tuple[str, str], FieldConflict] = dict(st.session_state.get(_KEY) or {})
    items.pop((assessment_id, path), None)
    st.session_state[_KEY] = items


def apply_mine(path: str) -> None:
    """Write the writer's value over the stored one (a normal save on the latest version)."""
    assessment_id = state.current_id()
    conflict = next((c for c in pending() if c.path == path), None)
    if assessment_id is None or conflict is None:
        return
    store, user = get_store(), get_user()
    try:
        stored = store.get(user, assessment_id)
        document = set_path(stored.assessment.to_document(), path, conflict.mine)
        result = store.save(user, assessment_id, document, stored.version)
    except (UserError, ValueError, KeyError) as err:
        detail = err.message(state.lang()) if isinstance(err, UserError) else str(err)[:300]
        state.flash("error", _tr("conflict_apply_failed", detail=detail))
        return
    _drop(assessment_id, path)
    record(assessment_id, result.conflicts)  # someone saved again in between: ask again
    state.reload_if_changed()
    state.flash("success", _tr("conflict_applied", field=md(readable_path(path, state.lang()))))


# -- addressing a field by the merge's path ------------------------------------------------------


_ABSENT: Any = object()


def set_path(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``document`` with the field at ``path`` (as `assessment.domain.merge` names it) set to
    ``value``; ``None`` removes it. Raises KeyError when the path names nothing reachable."""
    result = _set(document, "", None, path, value)
    if not isinstance(result, dict):
        raise KeyError(path)
    return result


def _below(child: str, target: str) -> bool:
    return not child or target == child or target.startswith((child + ".", child + "["))


def _set(node: Any, path: str, name: str | None, target: str, value: Any) -> Any:
    if path == target:
        return _ABSENT if value is None else value
    if isinstance(node, dict):
        out = dict(node)
        for key in node:
            child = _join(path, key)
            if _below(child, target):
                new = _set(node[key], child, key if not path else None, target, value)
                if new is _ABSENT:
                    out.pop(key)
                else:
                    out[key] = new
                return out
        rest = target[len(path) + 1 :] if path else target
        if _below(path, target) and rest and not any(ch in rest for ch in ".[") and value is not None:
            out[rest] = value  # the field was removed on the stored side
            return out
        raise KeyError(target)
    if isinstance(node, list) and _is_keyed_list(name, node, [value] if isinstance(value, dict) else []):
        keyed: dict[str, Any] = _keyed_items(name, node) or {}
        items: Sequence[tuple[str, Any]] = list(keyed.items())
        out_list: list[Any] = []
        done = False
        for key, item in items:
            child = f"{path}[{key}]"
            if not done and _below(child, target):
                new = _set(item, child, None, target, value)
                done = True
                if new is _ABSENT:
                    continue
                item = new
            out_list.append(item)
        if not done:
            if not (target.startswith(path + "[") and target.endswith("]") and isinstance(value, dict)):
                raise KeyError(target)
            out_list.append(value)  # the item was removed on the stored side
        return out_list
    raise KeyError(target)
