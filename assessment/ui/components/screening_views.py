"""The portfolio view of a screening run: dimension balance, goals, flags and groups."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from assessment.domain.refs import goal_label
from assessment.i18n import t as translate
from assessment.screening.fields import DIMENSIONS
from assessment.screening.flags import flag_label
from assessment.screening.portfolio import Portfolio
from assessment.ui.components.charts import plotly_config


def portfolio_view(portfolio: Portfolio, lang: str, support_labels: dict[str, str] | None = None) -> None:
    def t(key: str, /, **params: object) -> str:
        return translate(f"screening.{key}", lang, **params)

    if not portfolio.count:
        st.info(t("ui_portfolio_empty"))
        return
    dims = portfolio.dimension_shares()
    st.subheader(t("pdf_dimensions"))
    weakest, strongest = portfolio.weakest_dimensions()[0], portfolio.weakest_dimensions()[-1]
    if dims[weakest]["described"] == dims[strongest]["described"]:
        st.markdown(t("ui_balance_even", pct=round(100 * dims[weakest]["described"])))
    else:
        st.markdown(
            t(
                "ui_balance",
                strongest=t(f"dim_{strongest}"),
                strongest_pct=round(100 * dims[strongest]["described"]),
                weakest=t(f"dim_{weakest}"),
                weakest_pct=round(100 * dims[weakest]["described"]),
            )
        )
    figure = go.Figure()
    for column, colour in (
        ("described", "#0b5cad"),
        ("claimed_positive", "#3f9e4d"),
        ("claimed_negative", "#c0392b"),
    ):
        figure.add_bar(
            name=t(f"sum_{column}"),
            x=[t(f"dim_{d}") for d in DIMENSIONS],
            y=[round(100 * dims[d][column]) for d in DIMENSIONS],
            marker_color=colour,
        )
    figure.update_layout(
        barmode="group",
        yaxis={"range": [0, 100], "ticksuffix": " %"},
        height=360,
        margin={"t": 10, "b": 10},
        legend={"orientation": "h"},
    )
    st.plotly_chart(figure, config=plotly_config(lang, toolbar=False))
    st.caption(t("pdf_dimensions_help"))
    st.subheader(t("pdf_goals"))
    goals = portfolio.goals
    labels = [goal_label(int(str(g)), lang) for g in goals.index]
    goal_figure = go.Figure()
    goal_figure.add_bar(
        name=t("goalcol_positive"),
        y=labels,
        x=goals["positive"].tolist(),
        orientation="h",
        marker_color="#3f9e4d",
    )
    goal_figure.add_bar(
        name=t("goalcol_negative"),
        y=labels,
        x=[-v for v in goals["negative"].tolist()],
        orientation="h",
        marker_color="#c0392b",
    )
    goal_figure.update_layout(
        barmode="relative",
        height=520,
        margin={"t": 10, "b": 10},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h"},
    )
    st.plotly_chart(goal_figure, config=plotly_config(lang, toolbar=False))
    st.caption(t("ui_goals_help"))
    st.subheader(t("ui_flag_counts"))
    counts = pd.DataFrame(
        {
            t("col_flags"): [flag_label(str(code), lang) for code in portfolio.flag_counts.index],
            t("pdf_count"): portfolio.flag_counts.tolist(),
            "%": [round(100 * int(n) / portfolio.count) for n in portfolio.flag_counts.tolist()],
        }
    )
    st.dataframe(counts, hide_index=True, width="stretch", placeholder="")
    for title, frame, index_label, names in (
        (t("pdf_municipalities"), portfolio.by_municipality, t("col_municipality"), {}),
        (t("ui_by_support_type"), portfolio.by_support_type, t("col_support_type"), support_labels or {}),
    ):
        st.subheader(title)
        st.dataframe(
            _group_table(frame, index_label, lang, names),
            hide_index=True,
            width="stretch",
            column_config={t("col_amount"): st.column_config.NumberColumn(format="localized")},
            placeholder="",
        )


def _group_table(frame: pd.DataFrame, index_label: str, lang: str, names: dict[str, str]) -> pd.DataFrame:
    def t(key: str) -> str:
        return translate(f"screening.{key}", lang)

    shown = pd.DataFrame({index_label: [names.get(str(v), str(v)) for v in frame.index]}, index=frame.index)
    shown[t("pdf_count")] = frame["applications"]
    shown[t("col_amount")] = frame["amount"].round(0)
    shown[t("sum_flagged_share")] = (100 * frame["flagged_share"]).round(0)
    shown[t("col_completeness")] = frame["completeness"].round(0)
    for d in DIMENSIONS:
        shown[f"{t('sum_described')} – {t(f'dim_{d}')}"] = (100 * frame[f"described_{d}"]).round(0)
    return shown.reset_index(drop=True)
