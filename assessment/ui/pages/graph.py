"""Interactions: the assessment's SDG interaction graph with the findings beside it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from assessment.analysis import dismissal_for
from assessment.analysis.model import ChangedDismissal, Finding, Findings
from assessment.analysis.view import default_view
from assessment.domain import Assessment
from assessment.i18n import t
from assessment.ui import findings, labels, state
from assessment.ui.components import icons
from assessment.ui.components.charts import plotly_config
from assessment.ui.components.text import md
from assessment.ui.session import get_user
from assessment.ui.state import tr

SECTIONS = (
    ("direct_conflicts", icons.CONFLICT),
    ("mixed_effects", icons.MIXED),
    ("latent_conflicts", icons.WARNING),
    ("second_order_risks", icons.SECOND_ORDER),
    ("synergies", icons.SYNERGY),
    ("unaddressed", icons.UNADDRESSED),
)


def _finding(finding: Finding) -> None:
    source = md(labels.ref_label(finding.source))
    target = md(labels.ref_label(finding.target))
    if finding.related:
        pair = f"{', '.join(md(labels.ref_label(r)) for r in finding.related)} / {target}"
    elif finding.source == finding.target:
        pair = target
    else:
        pair = f"{source} → {target}"
    via = f" ({tr('via')} {md(labels.ref_label(finding.via))})" if finding.via else ""
    st.markdown(f"**{pair}**{via}")
    st.caption(
        f"{md(finding.explanation)}  \n{tr('source')}: {md(finding.source_text)}"
        if finding.source_text
        else md(finding.explanation)
    )
    if finding.kind != "unaddressed":
        _dismiss_control(finding)


def _dismiss_control(finding: Finding) -> None:
    """ "Not relevant here because …": stored in the assessment with the reason."""
    with st.popover(tr("dismiss_button")):
        reason = st.text_input(tr("dismiss_reason"), key=state.wkey("dismiss", finding.key), max_chars=2000)
        if st.button(
            tr("dismiss_save"), key=state.wkey("dismiss_save", finding.key), disabled=not reason.strip()
        ):
            by, today = get_user().username, dt.date.today()  # who marked it, when (as screening does)

            def add(a: Assessment) -> None:
                a.dismissals = [d for d in a.dismissals if d.finding != finding.key]
                a.dismissals.append(dismissal_for(finding, reason.strip(), by, today))

            if state.update(add):
                st.rerun()


def _changed_dismissals(result: Findings) -> None:
    """Dismissals whose evidence changed: the finding counts again; the group reviews it, with
    the reason it gave then, and marks it again (recording today's evidence) or removes the mark."""
    lang = state.lang()
    for c in result.changed_dismissals:
        _changed(c, lang)


def _changed(c: ChangedDismissal, lang: str) -> None:
    key = c.finding.key
    with st.container(border=True):
        st.warning(
            f"**{t('analysis.heading_changed_dismissals', lang)}:** {md(c.finding.explanation)}  \n"
            f"{md(c.change(lang))}  \n*{t('analysis.dismissal_reason', lang)}:* {md(c.reason)}"
        )
        confirm, remove = st.columns(2)
        if confirm.button(tr("dismissed_changed_confirm"), key=state.wkey("reconfirm", key)):
            # The reason now answers today's evidence: whoever confirmed it, today, is on record.
            by, today = get_user().username, dt.date.today()

            def again(a: Assessment) -> None:
                a.dismissals = [x for x in a.dismissals if x.finding != key]
                a.dismissals.append(dismissal_for(c.finding, c.reason, by, today))

            if state.update(again):
                st.rerun()
        if remove.button(tr("dismissed_stale_remove"), key=state.wkey("unchange", key)):

            def forget(a: Assessment) -> None:
                a.dismissals = [x for x in a.dismissals if x.finding != key]

            if state.update(forget):
                st.rerun()


def _dismissed_list(result: Findings) -> None:
    if not result.dismissed and not result.stale_dismissals:
        return
    count = len(result.dismissed) + len(result.stale_dismissals)
    with st.expander(f"{tr('dismissed_title')} ({count})"):
        for s in result.stale_dismissals:
            # The finding is gone (ratings, interactions or the knowledge base changed): say so,
            # with the reason the group gave, so it can be removed rather than silently kept.
            st.markdown(
                f"**{tr('dismissed_stale')}** {md(s.finding)}  \n*{tr('dismiss_reason')}:* {md(s.reason)}"
            )
            if st.button(tr("dismissed_stale_remove"), key=state.wkey("unstale", s.finding)):

                def forget(a: Assessment, key: str = s.finding) -> None:
                    a.dismissals = [x for x in a.dismissals if x.finding != key]

                if state.update(forget):
                    st.rerun()
        for d in result.dismissed:
            st.markdown(f"{md(d.finding.explanation)}  \n*{tr('dismiss_reason')}:* {md(d.reason)}")
            if st.button(tr("dismiss_undo"), key=state.wkey("undismiss", d.finding.key)):

                def drop(a: Assessment, key: str = d.finding.key) -> None:
                    a.dismissals = [x for x in a.dismissals if x.finding != key]

                if state.update(drop):
                    st.rerun()


# Section field of `Findings` -> finding kind of the default view.
VIEW_KINDS = {
    "direct_conflicts": "direct_conflict",
    "mixed_effects": "mixed_effects",
    "latent_conflicts": "latent_conflict",
    "second_order_risks": "second_order_risk",
    "synergies": "synergy",
}


def findings_list(result: Findings, show_all: bool) -> None:
    """The default view (few, most severe first) or every finding, grouped by kind."""
    view = default_view(result, show_all=show_all)
    for kind, icon in SECTIONS:
        if kind in VIEW_KINDS:
            group = view.group(VIEW_KINDS[kind])
            items, total = group.shown, group.total
        else:
            items = getattr(result, kind)
            total = len(items)
        with st.expander(
            f"{icon} {tr('finding.' + kind)} ({total})",
            expanded=bool(items) and kind in ("direct_conflicts", "latent_conflicts"),
        ):
            if not total:
                st.caption(tr("none"))
            for finding in items:
                _finding(finding)
            if total > len(items):
                st.caption(tr("findings_hidden", count=total - len(items)))


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    st.title(tr("page.graph"))
    st.caption(tr("graph_intro"))
    result = findings.findings(assessment)
    # Full width at its own fixed size (about 800 px, 900 in large type): the labels are placed
    # for that size.
    zoom = 1.12 if state.large_type() else 1.0
    st.plotly_chart(
        findings.graph_figure(assessment, zoom),
        key="interaction_graph",
        config=plotly_config(state.lang()),
        width="content",
    )
    st.subheader(tr("findings"))
    _changed_dismissals(result)
    show_all = st.toggle(tr("findings_show_all"), key="findings_show_all")
    findings_list(result, show_all)
    _dismissed_list(result)
    with st.expander(tr("metrics_title")):
        st.caption(tr("metrics_help"))
        rows = [m.to_dict() for m in result.metrics]
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder="")
