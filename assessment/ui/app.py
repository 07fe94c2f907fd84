"""The app frame: page set-up, sidebar (navigation with progress, language, large type) and the
current page."""

from __future__ import annotations

import hashlib

import streamlit as st

from assessment import logs
from assessment.errors import UserError
from assessment.ui import auth, navigation, progress, state
from assessment.ui.components import conflicts_notice, drafts, live, scroll, style
from assessment.ui.components.text import md
from assessment.ui.state import LANG_KEY, LARGE_KEY, NAV_KEY, tr


def _page_label(page_id: str) -> str:
    spec = navigation.page(page_id)
    status = progress.status(page_id, state.current())
    mark = f" {progress.ICONS[status]}" if status else ""
    return f"{spec.icon} {tr('page.' + page_id)}{mark}"


def _digest(labels: dict[str, str]) -> str:
    return hashlib.blake2s("\x1f".join(labels.values()).encode(), digest_size=6).hexdigest()


def _chosen(canonical: str, widget_key: str) -> None:
    """Copy a sidebar widget's choice to its canonical session value and remember it."""
    st.session_state[canonical] = st.session_state[widget_key]
    state.remember()


def _sidebar() -> None:
    ids = [p.id for p in navigation.PAGES]
    if state.page() not in ids:
        st.session_state[NAV_KEY] = ids[0]
    lang = state.lang()
    with st.sidebar:
        st.markdown(f"### {tr('app_title')}")
        assessment = state.current()
        if assessment is not None:
            # st.caption renders text as Markdown without HTML; a title can never inject markup.
            st.caption(f"{tr('open_assessment')}: {md(assessment.title)}")
        # Labels carry the progress marks, so they change as the user works. The widget key
        # follows the labels and every programmatic page switch, and the widget starts from the
        # canonical NAV_KEY; the format function is a pure lookup of labels computed in this run.
        page_labels = {page_id: _page_label(page_id) for page_id in ids}
        nav_key = f"nav:{_digest(page_labels)}:{st.session_state.get(state.NAV_GEN, 0)}"
        st.radio(
            tr("nav_label"),
            ids,
            index=ids.index(state.page()),
            key=nav_key,
            format_func=page_labels.__getitem__,
            on_change=_chosen,
            args=(NAV_KEY, nav_key),
        )
        st.caption(tr("progress_legend"))
        st.divider()
        lang_key = f"lang:{lang}"
        st.radio(
            tr("language"),
            ["sv", "en"],
            index=0 if lang == "sv" else 1,
            key=lang_key,
            format_func=lambda code: "Svenska" if code == "sv" else "English",
            horizontal=True,
            on_change=_chosen,
            args=(LANG_KEY, lang_key),
        )
        large_key = f"large:{lang}"
        st.toggle(
            tr("large_type"),
            value=state.large_type(),
            key=large_key,
            on_change=_chosen,
            args=(LARGE_KEY, large_key),
        )
        version = state.current_version()
        if assessment is not None and version is not None:
            st.caption(tr("saved_version", version=version))


def main() -> None:
    logs.configure()
    st.set_page_config(
        page_title="RUS-säkring · Målkonflikter",
        page_icon="⚖️",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    if not auth.gate():  # server mode and nobody logged in: the login form was drawn instead
        return
    try:
        _frame()
    except UserError as err:
        # A broken model or data file, or access withdrawn: a message in the user's language,
        # never a traceback (the saved work is untouched).
        st.error(err.message(state.lang()))


def _frame() -> None:
    state.init()
    style.apply(state.large_type(), state.lang())
    from assessment.ui.pages import workshop_vote

    workshop_id = workshop_vote.requested()
    if workshop_id is not None:  # a participant's link: the light scoring view and nothing else
        workshop_vote.render(workshop_id)
        return
    _sidebar()
    live.mount()
    spec = navigation.page(state.page())
    with st.sidebar:  # the scroll script sits in the sidebar so it shifts nothing on the page
        scroll.apply(spec.id)
        drafts.install(state.current_id())
    state.show_flashes()
    conflicts_notice.show()
    if spec.needs_assessment and state.current() is None:
        st.header(tr("page." + spec.id))
        st.info(tr("no_assessment"))
        st.button(tr("go_start"), on_click=state.go, args=("start",), key="go_start_hint")
        return
    spec.render_function()()
