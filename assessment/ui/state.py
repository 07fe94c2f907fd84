"""Session state of the app: the working assessment lives here, never in widget state.

Streamlit drops the state of widgets that are not rendered (another page, another step), so
widgets only *show* values taken from the `Assessment` and write changes back through callbacks
that update it and save it to the store at once. Widget keys carry a generation number that is
bumped whenever the assessment is replaced as a whole (open, import, merge), so no widget keeps
showing a value from the previous one.

Everything the user needs to resume after a reload or a server restart (which assessment, which
page, language, large type, the screening run open) is written to ``store.ui_state``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Literal

import streamlit as st
from pydantic import ValidationError

from assessment.domain import Assessment
from assessment.domain.merge import FieldConflict
from assessment.errors import UserError
from assessment.i18n import t
from assessment.ui.session import LANG_KEY as LANG_KEY
from assessment.ui.session import get_user
from assessment.ui.store import get_store
from assessment.validation import pydantic_problems

_log = logging.getLogger(__name__)

_A = "_assessment"
_ID = "_assessment_id"
_VERSION = "_assessment_version"
_GEN = "_gen"
_FLASH = "_flash"
_READY = "_ready"

# Canonical values of the sidebar choices. They are NOT widget keys: the widgets that show them
# get keys derived from their labels (see `assessment.ui.app`), because a keyed widget whose labels
# change after its value was set from code can send its stale value back (seen in Streamlit 1.67).
NAV_KEY = "nav_page"
LARGE_KEY = "ui_large"
# The saved screening run open on the screening page (assessment.ui.pages.screening).
SCREENING_KEY = "_screening_run_id"
NAV_GEN = "_nav_gen"
DEFAULT_PAGE = "start"

FlashKind = Literal["success", "info", "warning", "error"]


def init() -> None:
    """Once per browser session: restore assessment, page, language and type size from the store."""
    if st.session_state.get(_READY):
        return
    st.session_state[_READY] = True
    st.session_state[_GEN] = 0
    saved = dict(get_store().ui_state(get_user()) or {})
    st.session_state[LANG_KEY] = "en" if saved.get("lang") == "en" else "sv"
    st.session_state[LARGE_KEY] = bool(saved.get("large", False))
    st.session_state[NAV_KEY] = str(saved.get("page") or DEFAULT_PAGE)
    if saved.get("screening_run"):
        st.session_state[SCREENING_KEY] = str(saved["screening_run"])
    assessment_id = saved.get("assessment_id")
    if assessment_id:
        try:
            _adopt_stored(get_store().get(get_user(), str(assessment_id)))
        except UserError:  # deleted or no longer accessible: start from the start page
            st.session_state[NAV_KEY] = DEFAULT_PAGE


def lang() -> str:
    return "en" if st.session_state.get(LANG_KEY) == "en" else "sv"


def tr(key: str, /, **params: object) -> str:
    """``t("ui.<key>")`` in the current language."""
    return t(f"ui.{key}", lang(), **params)


def large_type() -> bool:
    return bool(st.session_state.get(LARGE_KEY))


def current() -> Assessment | None:
    value = st.session_state.get(_A)
    return value if isinstance(value, Assessment) else None


def current_id() -> str | None:
    value = st.session_state.get(_ID)
    return str(value) if value else None


def current_version() -> int | None:
    value = st.session_state.get(_VERSION)
    return int(value) if value is not None else None


def wkey(*parts: object) -> str:
    """A widget key that is stable across reruns but new for each loaded assessment."""
    return f"w{st.session_state.get(_GEN, 0)}:" + ":".join(str(p) for p in parts)


def _bump() -> None:
    st.session_state[_GEN] = int(st.session_state.get(_GEN, 0)) + 1


def _adopt_stored(stored: Any) -> None:
    st.session_state[_A] = stored.assessment
    st.session_state[_ID] = str(stored.id)
    st.session_state[_VERSION] = int(stored.version)
    _bump()


def remember() -> None:
    """Persist where the user is, so a reload or restart resumes here."""
    state = {
        "assessment_id": current_id(),
        "page": st.session_state.get(NAV_KEY, DEFAULT_PAGE),
        "lang": lang(),
        "large": large_type(),
        "screening_run": st.session_state.get(SCREENING_KEY),
    }
    try:
        get_store().set_ui_state(get_user(), state)
    except UserError as err:
        # Best effort: on a full disk or a database restart the page and language still change
        # in this session; only a reload would not resume here. Saves say "not saved" themselves.
        _log.warning("where the user is was not remembered: %s", err.problems[0].key)


def page() -> str:
    return str(st.session_state.get(NAV_KEY) or DEFAULT_PAGE)


def go(page_id: str) -> None:
    """Switch page (call from a callback or before the navigation widget is drawn)."""
    st.session_state[NAV_KEY] = page_id
    # A new navigation widget, initialised from NAV_KEY (see the note on NAV_KEY).
    st.session_state[NAV_GEN] = int(st.session_state.get(NAV_GEN, 0)) + 1
    remember()


def create(assessment: Assessment, page: str = "rus") -> None:
    # "_workspace": chosen in server mode's sidebar (assessment.ui.auth); None = user's default.
    stored = get_store().create(get_user(), assessment, st.session_state.get("_workspace"))
    _adopt_stored(stored)
    go(page)


def open_saved(assessment_id: str, page: str = "rus") -> None:
    _adopt_stored(get_store().get(get_user(), assessment_id))
    go(page)


def close() -> None:
    for key in (_A, _ID, _VERSION):
        st.session_state.pop(key, None)
    _bump()
    go(DEFAULT_PAGE)


def reload_if_changed() -> bool:
    """Adopt the stored assessment when someone else saved a newer version (cheap version poll)."""
    assessment_id, version = current_id(), current_version()
    if assessment_id is None or version is None:
        return False
    store = get_store()
    if int(store.version(get_user(), assessment_id)) == version:
        return False
    _adopt_stored(store.get(get_user(), assessment_id))
    return True


def update(change: Callable[[Assessment], None]) -> bool:
    """Apply ``change`` to a copy of the working assessment and save it at once.

    Invalid values (e.g. a text over the size limit) leave the assessment untouched and show a
    message in the user's language. Returns whether the change was saved.
    """
    assessment = current()
    assessment_id = current_id()
    if assessment is None or assessment_id is None:
        return False
    draft = assessment.model_copy(deep=True)
    try:
        change(draft)
        draft = Assessment.model_validate(draft.model_dump(by_alias=True))
    except UserError as err:
        flash("error", err.message(lang()))
        return False
    except (ValidationError, ValueError) as err:
        flash("error", tr("invalid_value", detail=_short_detail(err)))
        _bump()  # redraw widgets from the unchanged assessment
        return False
    try:
        result = get_store().save(get_user(), assessment_id, draft, current_version() or 0)
    except UserError as err:
        flash("error", err.message(lang()))
        return False
    stored = result.stored
    conflicts = result.conflicts
    if conflicts or result.merged:
        # Someone else saved in between: show the merged result and name any clashes.
        _adopt_stored(stored)
        if conflicts:  # components/conflicts_notice shows both values and applies the writer's
            record_conflicts(assessment_id, conflicts)
        if not conflicts:
            flash("info", tr("save_merged"))
    else:
        st.session_state[_A] = draft
        st.session_state[_VERSION] = int(stored.version)
    return True


def _short_detail(err: Exception) -> str:
    if isinstance(err, ValidationError):
        # The same readable, translated messages as for files ("description: Too long …").
        return pydantic_problems(err)[0].message(lang())
    return str(err)[:300]


def flash(kind: FlashKind, text: str) -> None:
    st.session_state.setdefault(_FLASH, []).append((kind, text))


def show_flashes() -> None:
    for kind, text in st.session_state.pop(_FLASH, []):
        getattr(st, kind)(text)


# -- clashes with someone else's save, waiting for the writer's decision ------------------------

_CONFLICTS = "_conflicts"


def record_conflicts(assessment_id: str, conflicts: Iterable[FieldConflict]) -> None:
    """Remember the writer's clashing values (newest replaces an older clash on the same field)."""
    pending: dict[tuple[str, str], FieldConflict] = dict(st.session_state.get(_CONFLICTS) or {})
    for conflict in conflicts:
        pending[(assessment_id, conflict.path)] = conflict
    st.session_state[_CONFLICTS] = pending


def pending_conflicts() -> list[FieldConflict]:
    """The clashes of the open assessment still waiting for the writer's decision."""
    current = current_id()
    items: dict[tuple[str, str], FieldConflict] = st.session_state.get(_CONFLICTS) or {}
    return [c for (aid, _), c in items.items() if aid == current]


def drop_conflict(assessment_id: str, path: str) -> None:
    items: dict[tuple[str, str], FieldConflict] = dict(st.session_state.get(_CONFLICTS) or {})
    items.pop((assessment_id, path), None)
    st.session_state[_CONFLICTS] = items
