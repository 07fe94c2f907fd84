"""The app frame: page set-up, sidebar (navigation with progress, language, large type) and the
current page."""

from __future__ import annotations

import streamlit as st

from assessment.ui import auth, navigation, progress, state
from assessment.ui.components import conflicts_notice, live, style
from assessment.ui.components.text import md
from assessment.ui.state import LANG_KEY, LARGE_KEY, NAV_KEY, tr


def _page_label(page_id: str) -> str:
    spec = navigation.page(page_id)
    status = progress.status(page_id, state.current())
    mark = f" {progress.ICONS[status]}" if status else ""
    return f"{spec.icon} {tr('page.' + page_id)}{mark}"


def _sidebar() -> None:
    pages = navigation.available_pages()
    ids = [p.id for p in pages]
    if st.session_state.get(NAV_KEY) not in ids:
        st.session_state[NAV_KEY] = ids[0]
    with st.sidebar:
        st.markdown(f"### {tr('app_title')}")
        assessment = state.current()
        if assessment is not None:
            # st.caption renders text as Markdown without HTML; a title can never inject markup.
            st.caption(f"{tr('open_assessment')}: {md(assessment.title)}")
        # Labels are computed once per run so the radio's format function is a pure lookup.
        page_labels = {page_id: _page_label(page_id) for page_id in ids}
        st.radio(
            tr("nav_label"),
            ids,
            key=NAV_KEY,
            format_func=page_labels.__getitem__,
            on_change=state.remember,
        )
        st.caption(tr("progress_legend"))
        st.divider()
        st.radio(
            tr("language"),
            ["sv", "en"],
            key=LANG_KEY,
            format_func=lambda code: "Svenska" if code == "sv" else "English",
            horizontal=True,
            on_change=state.remember,
        )
        st.toggle(tr("large_type"), key=LARGE_KEY, on_change=state.remember)
        version = state.current_version()
        if assessment is not None and version is not None:
            st.caption(tr("saved_version", version=version))


def main() -> None:
    st.set_page_config(
        page_title="RUS-säkring · Målkonflikter",
        page_icon="⚖️",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    if not auth.gate():  # server mode and nobody logged in: the login form was drawn instead
        return
    state.init()
    style.apply(state.large_type())
    _sidebar()
    live.mount()
    spec = navigation.page(str(st.session_state.get(NAV_KEY)))
    state.show_flashes()
    conflicts_notice.show()
    if spec.needs_assessment and state.current() is None:
        st.header(tr("page." + spec.id))
        st.info(tr("no_assessment"))
        st.button(tr("go_start"), on_click=state.go, args=("start",), key="go_start_hint")
        return
    spec.render_function()()
