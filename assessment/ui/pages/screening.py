"""Screen applications: case officers upload a batch (CSV/XLSX), see flags with reasons, edit the
draft motivations, view the portfolio balance, download results, and open any application in the
wizard. Thin UI over `assessment.screening`; the CLI is `python -m assessment screen`."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from assessment.errors import UserError
from assessment.screening.calls import CallProfile, builtin_calls
from assessment.screening.convert import to_assessment
from assessment.screening.demo import demo_csv
from assessment.screening.fields import DIMENSIONS
from assessment.screening.flags import flag_label
from assessment.screening.motivation import draft_motivation
from assessment.screening.outputs import to_bytes
from assessment.screening.portfolio import Portfolio
from assessment.screening.progress import Progress
from assessment.screening.run import ScreeningRun, run_screening
from assessment.screening.screen import ScreeningResult
from assessment.screening.sdg_codes import goal_label
from assessment.screening.template import template_bytes
from assessment.ui import state
from assessment.ui.components.text import md

RUN_KEY = "_screening_run"
SOURCE_KEY = "_screening_source"  # (file name, bytes) of the batch to screen
EDITS_KEY = "_screening_edits"  # officer's edited motivations, by application id
FILES_KEY = "_screening_files"  # prepared downloads, by (suffix, lang)
_SEVERITY = {"high": st.error, "medium": st.warning, "low": st.info}


def t(key: str, /, **params: object) -> str:
    from assessment.i18n import t as translate

    return translate(f"screening.{key}", state.lang(), **params)


def _call_picker() -> CallProfile:
    calls = builtin_calls()
    lang = state.lang()
    call_id = st.selectbox(
        t("ui_call"), list(calls), key="screening_call", format_func=lambda c: calls[c].name.get(lang)
    )
    call = calls[str(call_id)]
    with st.expander(t("ui_call_details")):
        st.markdown(md(call.description.get(lang), single_line=False))
        goals = ", ".join(goal_label(g, lang) for g in call.required_goals)
        st.markdown(f"**{t('ui_required_goals', needed=call.goals_needed)}** {md(goals)}")
        dims = ", ".join(t(f"dim_{d}") for d in call.required_dimensions)
        st.markdown(f"**{t('ui_required_dimensions')}** {md(dims)}")
        st.markdown(f"**{t('ui_questions')}**")
        for question in call.questions:
            st.markdown(f"- {md(question.text.get(lang))} `{question.field}`")
    return call


def _template_downloads(call: CallProfile) -> None:
    lang = state.lang()
    c1, c2 = st.columns(2)
    c1.download_button(
        t("ui_template_xlsx"),
        template_bytes(".xlsx", lang, call),
        file_name="ansokningar-mall.xlsx",
        key="screening_tpl_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    c2.download_button(
        t("ui_template_csv"),
        template_bytes(".csv", lang, call),
        file_name="ansokningar-mall.csv",
        mime="text/csv",
        key="screening_tpl_csv",
    )
    st.caption(t("ui_template_help"))


def _source_picker(call: CallProfile) -> None:
    upload = st.file_uploader(t("ui_upload"), type=["csv", "xlsx"], key="screening_upload")
    c1, c2 = st.columns(2)
    if c1.button(t("ui_run"), type="primary", disabled=upload is None, key="screening_run"):
        assert upload is not None
        st.session_state[SOURCE_KEY] = (upload.name, upload.getvalue())
    if c2.button(t("ui_demo"), key="screening_demo"):
        st.session_state[SOURCE_KEY] = ("exempelansokningar.csv", demo_csv(call))


def _screen_pending(call: CallProfile) -> None:
    """Screen the chosen batch with a progress bar; a click elsewhere (or Stop) cancels the run."""
    if st.session_state.get("screening_cancel"):
        # The click interrupted the running script (Streamlit reruns at once); nothing was kept.
        st.info(t("cancelled"))
    source = st.session_state.pop(SOURCE_KEY, None)
    if source is None:
        return
    name, data = source
    cancel_slot = st.empty()
    cancel_slot.button(t("ui_cancel"), key="screening_cancel")
    bar = st.progress(0.0, text=t("ui_starting"))
    last = [0.0]

    def progress(p: Progress) -> None:
        now = time.perf_counter()
        if now - last[0] < 0.15 and p.done != p.total:
            return
        last[0] = now
        stage = t(f"stage_{p.stage}")
        bar.progress(
            p.fraction if p.total else 0.0,
            text=t("progress_line", stage=stage, done=p.done, rate=f"{p.rate:,.0f}"),
        )

    try:
        run = run_screening(data, name, call, progress=progress)
    except UserError as err:
        bar.empty()
        cancel_slot.empty()
        st.error(err.message(state.lang()))
        return
    bar.empty()
    cancel_slot.empty()
    st.session_state[RUN_KEY] = run
    st.session_state[EDITS_KEY] = {}
    st.session_state[FILES_KEY] = {}


def _accounting(run: ScreeningRun, portfolio: Portfolio) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("sum_rows_in"), run.rows_in)
    c2.metric(t("sum_rows_out"), run.rows_out)
    c3.metric(t("sum_rows_rejected"), run.rows_rejected)
    c4.metric(t("sum_flagged_share"), f"{round(100 * portfolio.flagged_share)} %")
    st.caption(
        t(
            "accounting",
            rows_in=run.rows_in,
            rows_out=run.rows_out,
            rejected=run.rows_rejected,
            blank=run.imported.blank_rows,
        )
    )
    if run.imported.ignored_columns:
        st.info(f"{t('sum_ignored_columns')}: {md(', '.join(run.imported.ignored_columns))}")
    if run.rejected:
        with st.expander(t("ui_rejected", count=run.rows_rejected), expanded=True):
            lines = [m for r in run.rejected for m in r.messages(state.lang())]
            st.text("\n".join(lines))


def _table(run: ScreeningRun, only_flagged: bool) -> pd.DataFrame:
    lang = state.lang()
    records = []
    for r in run.results:
        if only_flagged and not r.flags:
            continue
        app = r.application
        records.append(
            {
                t("col_row"): app.row,
                t("col_id"): app.id,
                t("col_applicant"): app.applicant,
                t("col_municipality"): app.municipality,
                t("col_title"): app.title,
                t("col_completeness"): r.completeness,
                t("col_flag_count"): len(r.flags),
                t("col_flags"): "; ".join(dict.fromkeys(f.label(lang) for f in r.flags)),
            }
        )
    return pd.DataFrame.from_records(records)


def _motivation_editor(run: ScreeningRun, result: ScreeningResult) -> None:
    app = result.application
    edits: dict[str, str] = st.session_state.setdefault(EDITS_KEY, {})
    draft = edits.get(app.id) or draft_motivation(result, run.call, state.lang())
    key = f"screening_motivation:{app.id}:{state.lang()}"

    def keep() -> None:
        edits[app.id] = str(st.session_state.get(key, ""))
        # The officer's text goes into the downloads; prepared files are made again.
        run.edited[app.id] = edits[app.id]
        st.session_state[FILES_KEY] = {}

    st.text_area(t("ui_motivation"), value=draft, key=key, height=220, on_change=keep, help=t("draft_notice"))
    st.caption(t("draft_notice"))


def _detail(run: ScreeningRun) -> None:
    titles = {r.application.id: f"{r.application.id} – {r.application.title}" for r in run.results}
    if not titles:
        return
    ids: list[str] = list(titles)
    chosen = st.selectbox(t("ui_pick"), ids, key="screening_pick", format_func=titles.__getitem__)
    result = run.result(str(chosen))
    if result is None:
        return
    app = result.application
    lang = state.lang()
    # Plain text: user text never goes through Markdown (":-1:" would even become an emoji).
    st.text(f"{app.title} — {app.applicant}, {app.municipality}")
    st.caption(
        t(
            "ui_scores",
            completeness=result.completeness,
            goals=round(100 * result.goals_score),
            dims=round(100 * result.dimensions_score),
            questions=round(100 * result.questions_score),
        )
    )
    if not result.flags:
        st.success(t("ui_no_flags"))
    for flag in result.flags:
        _SEVERITY[flag.severity](f"**{md(flag.label(lang))}** – {md(flag.reason(lang), single_line=False)}")
    if app.claims:
        st.text(f"{t('col_sdg_claims')}: {app.claims_text()}")
    _motivation_editor(run, result)
    if st.button(t("ui_open_full"), key=f"screening_open:{app.id}"):
        assessment = to_assessment(app, run.call, run.imported.file, lang)
        try:
            state.create(assessment, "rus")
        except UserError as err:
            st.error(err.message(lang))
            return
        st.rerun()


def _portfolio(portfolio: Portfolio) -> None:
    lang = state.lang()
    if not portfolio.count:
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
    st.plotly_chart(figure, config={"displayModeBar": False})
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
    st.plotly_chart(goal_figure, config={"displayModeBar": False})
    st.caption(t("ui_goals_help"))
    st.subheader(t("ui_flag_counts"))
    counts = pd.DataFrame(
        {
            t("col_flags"): [flag_label(str(code), lang) for code in portfolio.flag_counts.index],
            t("pdf_count"): portfolio.flag_counts.tolist(),
            "%": [round(100 * int(n) / portfolio.count) for n in portfolio.flag_counts.tolist()],
        }
    )
    st.dataframe(counts, hide_index=True, width="stretch")
    for title, frame in (
        (t("pdf_municipalities"), portfolio.by_municipality),
        (t("ui_by_support_type"), portfolio.by_support_type),
    ):
        st.subheader(title)
        st.dataframe(_group_table(frame), width="stretch")


def _group_table(frame: pd.DataFrame) -> pd.DataFrame:
    shown = pd.DataFrame(index=frame.index)
    shown[t("pdf_count")] = frame["applications"]
    shown[t("col_amount")] = frame["amount"].round(0)
    shown[t("sum_flagged_share")] = (100 * frame["flagged_share"]).round(0)
    shown[t("col_completeness")] = frame["completeness"].round(0)
    for d in DIMENSIONS:
        shown[f"{t('sum_described')} – {t(f'dim_{d}')}"] = (100 * frame[f"described_{d}"]).round(0)
    return shown


def _downloads(run: ScreeningRun) -> None:
    lang = state.lang()
    files: dict[tuple[str, str], bytes] = st.session_state.setdefault(FILES_KEY, {})
    for suffix in (".xlsx", ".csv"):
        if (suffix, lang) not in files:
            files[(suffix, lang)] = to_bytes(run, suffix, lang)
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        t("ui_download_xlsx"),
        files[(".xlsx", lang)],
        file_name="screening.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="screening_dl_xlsx",
    )
    c2.download_button(
        t("ui_download_csv"),
        files[(".csv", lang)],
        file_name="screening.csv",
        mime="text/csv",
        key="screening_dl_csv",
    )
    if (".pdf", lang) in files:
        c3.download_button(
            t("ui_download_pdf"),
            files[(".pdf", lang)],
            file_name="screening.pdf",
            mime="application/pdf",
            key="screening_dl_pdf",
        )
    elif c3.button(t("ui_make_pdf"), key="screening_make_pdf"):
        with st.spinner(t("ui_making_pdf")):
            files[(".pdf", lang)] = to_bytes(run, ".pdf", lang)
        st.rerun()
    st.caption(t("ui_downloads_help"))


def render() -> None:
    st.header(t("ui_title"))
    st.caption(t("ui_intro"))
    try:
        call = _call_picker()
    except UserError as err:
        # A broken call-profile file is shown with its path, not as a crash.
        st.error(err.message(state.lang()))
        return
    _template_downloads(call)
    _source_picker(call)
    _screen_pending(call)
    run: Any = st.session_state.get(RUN_KEY)
    if not isinstance(run, ScreeningRun):
        st.info(t("ui_empty"))
        return
    if run.call.id != call.id:
        st.warning(t("ui_other_call", call=run.call.name.get(state.lang())))
    portfolio = run.portfolio()
    _accounting(run, portfolio)
    tabs = st.tabs([t("ui_tab_results"), t("ui_tab_portfolio"), t("ui_tab_download")])
    with tabs[0]:
        only_flagged = st.toggle(t("ui_only_flagged"), key="screening_only_flagged")
        st.dataframe(_table(run, only_flagged), hide_index=True, width="stretch")
        _detail(run)
    with tabs[1]:
        _portfolio(portfolio)
    with tabs[2]:
        _downloads(run)
