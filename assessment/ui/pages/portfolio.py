"""Portfolio: compare and combine many assessments — e.g. the eight municipalities' measures for
the regional service programme. Thin UI over `assessment.portfolio`; the CLI shows the same
figures (`python -m assessment portfolio`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from assessment.domain.refs import ref_label
from assessment.errors import Problem
from assessment.formats import signed
from assessment.portfolio.combined import combined_assessment
from assessment.portfolio.compare import compare, compare_summary
from assessment.portfolio.export import to_csv, to_xlsx
from assessment.portfolio.labels import compare_display, figure_label, summary_display, view_title
from assessment.portfolio.labels import display as _display
from assessment.portfolio.selection import (
    Filters,
    Portfolio,
    all_municipalities,
    all_tags,
    combine,
    select,
)
from assessment.portfolio.sources import StoreCache, from_files, from_store, from_uploads
from assessment.portfolio.views import PortfolioViews, compute, figures
from assessment.resources import examples_dir
from assessment.ui import state
from assessment.ui.components.charts import plotly_config
from assessment.ui.components.text import md
from assessment.ui.session import get_user
from assessment.ui.store import get_store

EXAMPLES_DIR = examples_dir() / "rsp"
SOURCES = ("store", "examples", "upload")
_POS = ("#E3F1E4", "#A5D6A7", "#66BB6A")
_NEG = ("#FBE3E1", "#EF9A9A", "#E57373")


NAMES_KEY = "_pf_names"


def display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`labels.display` with the titles of the shown selection instead of item keys (ids)."""
    return _display(frame, lang, st.session_state.get(NAMES_KEY))


def t(key: str, /, **params: object) -> str:
    from assessment.i18n import t as translate

    return translate(f"portfolio.{key}", state.lang(), **params)


@st.cache_resource(show_spinner=False)
def _examples() -> tuple[Portfolio, list[Problem]]:
    return from_files(sorted(EXAMPLES_DIR.glob("*.yaml")))


def store_cache() -> StoreCache:
    """Assessments already read from the store in this session, by (id, version)."""
    cache = st.session_state.setdefault("_portfolio_store_cache", {})
    assert isinstance(cache, dict)
    return cache


def load_source(prefix: str) -> Portfolio:
    """The source picker shared by the portfolio and register pages; shows load problems."""
    labels = {"store": t("source_store"), "examples": t("source_examples"), "upload": t("source_upload")}
    source = st.radio(
        t("source_label"), SOURCES, key=f"{prefix}_source", horizontal=True, format_func=labels.__getitem__
    )
    problems: list[Problem] = []
    if source == "examples":
        portfolio, problems = _examples()
    elif source == "upload":
        files = st.file_uploader(
            t("upload"), type=["yaml", "yml", "json"], accept_multiple_files=True, key=f"{prefix}_upload"
        )
        portfolio, problems = from_uploads((f.name, f.getvalue()) for f in files or [])
    else:
        # Only what this user may read: the store checks access for every assessment.
        portfolio = from_store(get_store(), get_user(), cache=store_cache())
    if source != "examples" and st.checkbox(
        t("with_examples"), key=f"{prefix}_with_examples", help=t("with_examples_help")
    ):
        portfolio = combine(portfolio, _examples()[0])
    if problems:
        st.warning(t("load_failed", count=len({p.file for p in problems})))
        with st.expander("…"):
            for problem in problems:
                st.text(problem.message(state.lang()))
    return portfolio


def _filters(portfolio: Portfolio, prefix: str) -> tuple[Filters, dt.date, int]:
    """The selection, the date overdue is measured against, and the follow-up horizon."""
    from assessment.process_models import rus_model

    lang = state.lang()
    kinds = {k.id: k.label.get(lang) for k in rus_model().kinds}
    with st.expander(t("settings"), expanded=False):
        c1, c2, c3 = st.columns(3)
        chosen_kinds = c1.multiselect(
            t("filter_kinds"),
            list(kinds),
            key=f"{prefix}_kinds",
            format_func=lambda k: kinds.get(k, k),
            placeholder=t("choose"),
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        municipalities = c2.multiselect(
            t("filter_municipalities"),
            all_municipalities(portfolio),
            key=f"{prefix}_mun",
            placeholder=t("choose"),
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        tags = c3.multiselect(
            t("filter_tags"),
            all_tags(portfolio),
            key=f"{prefix}_tags",
            placeholder=t("choose"),
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        d1, d2, d3 = st.columns(3)
        date_from = d1.date_input(t("filter_date_from"), value=None, key=f"{prefix}_from")
        date_to = d2.date_input(t("filter_date_to"), value=None, key=f"{prefix}_to")
        search = d3.text_input(t("filter_search"), key=f"{prefix}_search", max_chars=200)
        workspaces = sorted({i.workspace for i in portfolio if i.workspace})
        chosen_ws: list[str] = []
        if len(workspaces) > 1:
            chosen_ws = st.multiselect(
                t("filter_workspace"),
                workspaces,
                key=f"{prefix}_ws",
                placeholder=t("choose"),
                # As in fields.multiselect: no English "Select all", substring matching.
                select_all=False,
                filter_mode="contains",
            )
        e1, e2 = st.columns(2)
        today = e1.date_input(t("today"), value=dt.date.today(), key=f"{prefix}_today")
        horizon = e2.number_input(
            t("horizon"), min_value=0, max_value=3650, value=30, step=15, key=f"{prefix}_horizon"
        )
    filters = Filters.of(
        kinds=chosen_kinds,
        municipalities=municipalities,
        tags=tags,
        date_from=date_from if isinstance(date_from, dt.date) else None,
        date_to=date_to if isinstance(date_to, dt.date) else None,
        workspaces=chosen_ws,
        search=search,
    )
    return filters, today if isinstance(today, dt.date) else dt.date.today(), int(horizon)


def _colour(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    number = int(str(value))
    if number == 0:
        return "background-color: #F3F5F6"
    shade = (_POS if number > 0 else _NEG)[min(abs(number), 3) - 1]
    return f"background-color: {shade}"


def _signed(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return signed(int(str(value)))


def _csv_button(frame: pd.DataFrame, name: str) -> None:
    lang = state.lang()
    st.download_button(
        t("download_csv"),
        lambda: to_csv(display(frame, lang)),  # built when clicked, not on every rerun
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"pf_csv_{name}",
    )


def _table(views: PortfolioViews, name: str, *, title: bool = True) -> None:
    frame = views.table(name)
    if title:
        st.subheader(view_title(name, state.lang()))
    if not len(frame):
        st.caption("–")
        return
    st.dataframe(display(frame, state.lang()), hide_index=True, width="stretch", placeholder="")
    _csv_button(frame, name)


def _headline(views: PortfolioViews) -> None:
    figs = figures(views)
    lang = state.lang()
    shown = [
        "assessments",
        "conflicts",
        "conflicts_with_outcome",
        "measures",
        "measures_overdue",
        "follow_ups_overdue",
        "groups_missing_everywhere",
        "combined_unaddressed",
    ]
    for row in (shown[:4], shown[4:]):
        for col, key in zip(st.columns(4), row, strict=True):
            col.metric(figure_label(key, lang), figs[key])


def _heatmap_tab(portfolio: Portfolio, views: PortfolioViews, today: dt.date) -> None:
    lang = state.lang()
    targets = st.toggle(t("target_level"), key="pf_targets")
    heat = views.table("heatmap")
    if targets:
        heat = compute(portfolio, today, level="target", lang=lang).table("heatmap")
        labels = list(heat.index)
    else:
        labels = [ref_label(f"sdg:{g}", lang) for g in heat.index]
    # Cells as text ("+2", blank when not assessed) coloured by value; a Styler number format
    # would still show "None" for unassessed cells.
    index = pd.Index(labels, name=t("col_target" if targets else "col_goal"))
    # Columns are item keys (ids); people read the titles.
    names = portfolio.names()
    columns = pd.Index([names.get(str(c), str(c)) for c in heat.columns])
    shown = heat.map(_signed).set_axis(index, axis=0).set_axis(columns, axis=1)
    colours = heat.map(_colour).set_axis(index, axis=0).set_axis(columns, axis=1)
    st.subheader(view_title("heatmap", lang))
    st.dataframe(
        shown.style.apply(lambda _: colours, axis=None),
        width="stretch",
        height=min(40 + 35 * len(shown), 700),
        placeholder="",
    )
    _csv_button(heat, "heatmap")


def _views(portfolio: Portfolio, today: dt.date, horizon: int, lang: str) -> PortfolioViews:
    """All views, recomputed only when the selection, the day, the horizon or the language
    change (kept with the portfolio, so the assessments' ids in the key stay theirs)."""
    key = (lang, today, horizon, tuple((i.key, id(i.projection)) for i in portfolio))
    cached = st.session_state.get("_pf_views")
    if cached is not None and cached[0] == key:
        return cached[2]  # type: ignore[no-any-return]
    views = compute(portfolio, today, horizon_days=horizon, lang=lang)
    st.session_state["_pf_views"] = (key, portfolio, views)
    return views


def _combined_figure(portfolio: Portfolio, lang: str) -> Any:
    """The combined graph, rebuilt only when the selection or an assessment changes. The cached
    entry keeps the portfolio alive, so the assessments' ids it is keyed by stay theirs."""
    from assessment.analysis import interactive_figure

    key = (lang, tuple((i.key, id(i.projection)) for i in portfolio))
    cached = st.session_state.get("_pf_figure")
    if cached is not None and cached[0] == key:
        return cached[2]
    figure = interactive_figure(combined_assessment(portfolio, compact=True), lang)
    st.session_state["_pf_figure"] = (key, portfolio, figure)
    return figure


def _combined_tab(portfolio: Portfolio, views: PortfolioViews) -> None:
    lang = state.lang()
    st.subheader(t("combined_title"))
    push = display(views.table("push_pull"), lang)
    push.index = pd.Index(
        [ref_label(f"sdg:{g}", lang) for g in views["push_pull"].index], name=push.index.name
    )
    if len(portfolio):
        st.plotly_chart(_combined_figure(portfolio, lang), key="pf_graph", config=plotly_config(lang))
    st.dataframe(push, width="stretch", height=min(40 + 35 * len(push), 700), placeholder="")
    _csv_button(views["push_pull"], "push_pull")
    st.subheader(t("combined_findings"))
    _table(views, "combined_findings", title=False)


def _compare_tab(portfolio: Portfolio) -> None:
    lang = state.lang()
    st.subheader(t("compare_title"))
    keys = portfolio.keys()
    if len(keys) < 2:
        st.caption("–")
        return
    titles = {i.key: i.title for i in portfolio}
    c1, c2 = st.columns(2)
    a = c1.selectbox(t("compare_a"), keys, index=0, key="pf_cmp_a", format_func=titles.__getitem__)
    b = c2.selectbox(t("compare_b"), keys, index=1, key="pf_cmp_b", format_func=titles.__getitem__)
    table = compare(portfolio.get(a).assessment, portfolio.get(b).assessment)
    st.dataframe(summary_display(compare_summary(table), lang), hide_index=True, placeholder="")
    if st.toggle(t("compare_only_changed"), value=True, key="pf_cmp_changed"):
        table = table[table["changed"]]
    st.dataframe(compare_display(table, lang), hide_index=True, width="stretch", placeholder="")
    _csv_button(table, "compare")


def _export_tab(portfolio: Portfolio, views: PortfolioViews) -> None:
    from assessment.portfolio.pdf import portfolio_pdf
    from assessment.portfolio.views import VIEW_NAMES

    lang = state.lang()
    c1, c2 = st.columns(2)
    c1.download_button(
        t("download_xlsx"),
        lambda: to_xlsx({view_title(n, lang): display(views.table(n), lang) for n in VIEW_NAMES}),
        file_name="portfolj.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="pf_xlsx",
    )
    c2.download_button(
        t("download_pdf"),
        lambda: portfolio_pdf(portfolio, views, lang),
        file_name="portfolj.pdf",
        mime="application/pdf",
        key="pf_pdf",
    )


def render() -> None:
    lang = state.lang()
    st.header(t("title"))
    st.caption(t("intro"))
    everything = load_source("pf")
    filters, today, horizon = _filters(everything, "pf")
    selection = select(everything, filters)
    if not len(selection):
        st.info(t("empty"))
        return
    st.session_state[NAMES_KEY] = selection.names()
    views = _views(selection, today, horizon, lang)
    _headline(views)
    tabs = st.tabs(
        [
            t(f"tab_{name}")
            for name in ("heatmap", "combined", "rus", "conflicts", "measures", "gaps", "compare", "export")
        ]
    )
    with tabs[0]:
        _heatmap_tab(selection, views, views.today)
    with tabs[1]:
        _combined_tab(selection, views)
    with tabs[2]:
        cov = views.table("rus_coverage")
        st.subheader(view_title("rus_coverage", lang))
        st.dataframe(display(cov, lang), width="stretch", placeholder="")
        _csv_button(cov, "rus_coverage")
    with tabs[3]:
        _table(views, "conflicts_by_type")
        _table(views, "conflicts_by_goal_pair")
    with tabs[4]:
        _table(views, "measures_by_owner")
        st.subheader(view_title("measures", lang))
        measures = views.table("measures")
        if len(measures):
            shown = display(measures, lang)
            overdue = measures["overdue"].to_numpy()
            st.dataframe(
                shown.style.apply(
                    lambda row: ["background-color: #FBE3E1" if overdue[row.name] else ""] * len(row), axis=1
                ),
                hide_index=True,
                width="stretch",
                placeholder="",
            )
            _csv_button(measures, "measures")
    with tabs[5]:
        _table(views, "group_gaps")
        _table(views, "actor_group_gaps")
        _table(views, "absent_actors")
    with tabs[6]:
        _compare_tab(selection)
    with tabs[7]:
        st.subheader(view_title("assessments", lang))
        st.dataframe(
            display(views.table("assessments"), lang), hide_index=True, width="stretch", placeholder=""
        )
        _export_tab(selection, views)
        st.caption(md("python -m assessment portfolio FILE… --json -o OUT.pdf"))
