"""The goal-conflict register: every conflict the user may see, how it was handled and what came
of it; earlier conflicts like a new one; and the follow-up list of what is due or overdue.

`show_similar(conflict)` is the learning panel the conflicts page shows while a user records a
new conflict ("earlier conflicts with the same goals or type, how they were handled, and what
came of it")."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from assessment.domain.assessment import Conflict
from assessment.domain.refs import ref_label
from assessment.portfolio.export import to_csv
from assessment.portfolio.labels import display as _display
from assessment.portfolio.labels import view_title
from assessment.portfolio.register import (
    RegisterEntry,
    conflict_register,
    follow_up_list,
    register_frame,
    similar_conflicts,
)
from assessment.portfolio.selection import Portfolio
from assessment.portfolio.sources import visible_register
from assessment.ui import state
from assessment.ui.components.text import md
from assessment.ui.pages.portfolio import load_source, store_cache, t
from assessment.ui.session import get_user
from assessment.ui.store import get_store

NAMES_KEY = "_rg_names"


def display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`labels.display` with assessment titles instead of item keys (ids)."""
    return _display(frame, lang, st.session_state.get(NAMES_KEY))


def _worked(value: str | None) -> str:
    return t(f"value_{value}") if value else "–"


def _model_title(kind: str, ident: str | None) -> str:
    from assessment.process_models import tyrens_model

    if not ident:
        return "–"
    model = tyrens_model()
    item = model.conflict_type(ident) if kind == "type" else model.method(ident)
    return item.title.get(state.lang()) if item else ident


def show_similar(
    conflict: Conflict,
    register: list[RegisterEntry] | None = None,
    *,
    exclude: tuple[str, str] | None = None,
    limit: int = 5,
) -> None:
    """Earlier conflicts involving the same goals or of the same type, best matches first, each
    with how it was handled and what came of it. ``register`` defaults to every conflict the
    current user may see in the store."""
    lang = state.lang()
    if register is None:
        register = visible_register(get_store(), get_user(), store_cache())
    found = similar_conflicts(conflict, register, limit=limit, exclude=exclude)
    st.markdown(f"**{t('similar_title')}**")
    if not found:
        st.caption(t("similar_none"))
        return
    for match in found:
        e, c = match.entry, match.entry.conflict
        with st.container(border=True):
            where = ", ".join(e.municipalities) or e.title
            st.markdown(f"**{md(where)}** · {md(e.title)} · {md(c.id)}")
            reasons = []
            if match.shared_goals:
                goals = "; ".join(ref_label(g, lang) for g in match.shared_goals)
                reasons.append(t("similar_shared", goals=goals))
            if match.same_type:
                reasons.append(t("similar_same_type"))
            st.caption(" · ".join(reasons))
            if c.description:
                st.text(c.description)
            c1, c2, c3 = st.columns(3)
            c1.markdown(f"{t('col_type')}: {md(_model_title('type', c.type))}")
            c2.markdown(f"{t('col_method')}: {md(_model_title('method', c.method))}")
            c3.markdown(f"{t('col_worked')}: **{md(_worked(c.worked))}**")
            if c.decision:
                st.markdown(f"*{t('col_decision')}:* {md(c.decision, single_line=False)}")
            if c.position:
                st.markdown(f"*{t('col_position')}:* {md(c.position, single_line=False)}")
            if c.outcome:
                st.markdown(f"*{t('col_outcome')}:* {md(c.outcome, single_line=False)}")


def _similar_finder(register: list[RegisterEntry]) -> None:
    from assessment.process_models import rus_model, tyrens_model

    lang = state.lang()
    goals = [f"sdg:{g}" for g in range(1, 18)] + [f"rus:{g.id}" for g in rus_model().current_goals()]
    types = {c.id: c.title.get(lang) for c in tyrens_model().conflict_types}
    st.subheader(t("similar_title"))
    c1, c2 = st.columns([3, 2])
    chosen = c1.multiselect(
        t("col_goals"),
        goals,
        key="rg_sim_goals",
        format_func=lambda g: ref_label(g, lang),
        placeholder=t("choose"),
        # As in fields.multiselect: no English "Select all", substring matching.
        select_all=False,
        filter_mode="contains",
    )
    ctype = c2.selectbox(
        t("col_type"), ["", *types], key="rg_sim_type", format_func=lambda c: types.get(c, "–")
    )
    if chosen or ctype:
        show_similar(Conflict(id="new", between=chosen, type=ctype or None), register, limit=8)


def _register_table(register: list[RegisterEntry]) -> None:
    lang = state.lang()
    frame = register_frame(register)
    st.subheader(view_title("register", lang))
    c1, c2, c3 = st.columns(3)
    types = sorted({e.conflict.type for e in register if e.conflict.type})
    chosen_types = c1.multiselect(
        t("col_type"),
        types,
        key="rg_types",
        format_func=lambda x: _model_title("type", x),
        placeholder=t("choose"),
        # As in fields.multiselect: no English "Select all", substring matching.
        select_all=False,
        filter_mode="contains",
    )
    origins = c2.multiselect(
        t("col_origin"),
        ["proactive", "reactive"],
        key="rg_origins",
        format_func=lambda x: t(f"value_{x}"),
        placeholder=t("choose"),
        # As in fields.multiselect: no English "Select all", substring matching.
        select_all=False,
        filter_mode="contains",
    )
    search = c3.text_input(t("filter_search"), key="rg_search", max_chars=200)
    keep = pd.Series(True, index=frame.index)
    if chosen_types:
        keep &= frame["type"].isin(chosen_types)
    if origins:
        keep &= frame["origin"].isin(origins)
    if search.strip():
        needle = search.strip().casefold()
        text = (
            frame["title"]
            + " "
            + frame["description"]
            + " "
            + frame["decision"]
            + " "
            + frame["municipalities"]
        ).str.casefold()
        keep &= text.str.contains(needle, regex=False)
    shown = frame[keep]
    if not len(shown):
        st.caption("–")
        return
    st.dataframe(display(shown, lang), hide_index=True, width="stretch", placeholder="")
    st.download_button(
        t("download_csv"),
        to_csv(display(shown, lang)),
        file_name="register.csv",
        mime="text/csv",
        key="rg_csv",
    )


def _follow_up(portfolio: Portfolio) -> None:
    lang = state.lang()
    st.subheader(t("follow_up_title"))
    c1, c2 = st.columns(2)
    today = c1.date_input(t("today"), value=dt.date.today(), key="rg_today")
    horizon = int(
        c2.number_input(t("horizon"), min_value=0, max_value=3650, value=30, step=15, key="rg_horizon")
    )
    day = today if isinstance(today, dt.date) else dt.date.today()
    table = follow_up_list(portfolio, day, horizon)
    if not len(table):
        st.caption(t("follow_up_none", days=horizon))
        return
    overdue = table["overdue"].to_numpy()
    st.dataframe(
        display(table, lang).style.apply(
            lambda row: ["background-color: #FBE3E1" if overdue[row.name] else ""] * len(row), axis=1
        ),
        hide_index=True,
        width="stretch",
        placeholder="",
    )
    st.download_button(
        t("download_csv"),
        to_csv(display(table, lang)),
        file_name="uppfoljning.csv",
        mime="text/csv",
        key="rg_follow_csv",
    )


def render() -> None:
    st.header(t("register_title"))
    st.caption(t("register_intro"))
    portfolio = load_source("rg")
    st.session_state[NAMES_KEY] = portfolio.names()
    register = conflict_register(portfolio)
    tabs = st.tabs([t("tab_register"), t("tab_similar"), t("tab_follow_up"), t("tab_dismissals")])
    with tabs[0]:
        _register_table(register)
    with tabs[1]:
        _similar_finder(register)
    with tabs[2]:
        _follow_up(portfolio)
    with tabs[3]:
        _dismissals(portfolio)


def _dismissals(portfolio: Portfolio) -> None:
    """Per knowledge-base cell: "dismissed in 7 of 9 assessments", so a region can fix its data."""
    from assessment.portfolio.dismissals import dismissals_frame

    st.caption(t("dismissals_intro"))
    frame = dismissals_frame(portfolio, state.lang())
    if frame.empty:
        st.info(t("dismissals_none"))
        return
    st.dataframe(frame[["cell", "summary", "reasons"]], hide_index=True, width="stretch", placeholder="")
