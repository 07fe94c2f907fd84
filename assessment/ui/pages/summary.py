"""Summary: key findings at a glance, the overall judgement (samlad bedömning), downloads."""

from __future__ import annotations

import re

import streamlit as st

from assessment.domain import Assessment
from assessment.fileio import dump_assessment
from assessment.process_models import rus_model
from assessment.report import build_pdf, build_short_pdf
from assessment.ui import findings, labels, progress, state
from assessment.ui.components import fields, icons, model_text
from assessment.ui.components.text import md
from assessment.ui.pages.measures import issues
from assessment.ui.state import tr

STEPS = ("rus", "sdg", "actors", "measures", "conflicts")


def file_stem(title: str) -> str:
    """A safe file name from the title (letters incl. åäö and Sami letters, digits, dashes)."""
    stem = re.sub(r"[^\w\-]+", "-", title, flags=re.UNICODE).strip("-_")
    return (stem or "assessment")[:80]


def _figures(assessment: Assessment) -> None:
    result = findings.findings(assessment)
    impacts = [r.impact for r in assessment.rus] + [r.impact for r in assessment.sdg]
    impacts += [r.impact for r in assessment.other_goals]
    positive = sum(1 for i in impacts if i is not None and i > 0)
    negative = sum(1 for i in impacts if i is not None and i < 0)
    tally = result.tally
    cols = st.columns(6)
    cols[0].metric(tr("kf.positive"), positive)
    cols[1].metric(tr("kf.negative"), negative)
    # Conflicts and issues: the analysis' tally, the numbers and sentences both PDFs and the CLI print.
    cols[2].metric(tr("kf.direct"), tally.direct)
    cols[3].metric(tr("kf.conflicts"), tally.recorded)
    cols[4].metric(tr("kf.latent"), tally.latent)
    cols[5].metric(tr("kf.coverage"), f"{tally.addressed} / {tally.issues}")
    st.caption(f"{md(tally.conflicts_text(state.lang()))} · {md(tally.issues_text(state.lang()))}")
    marks = [
        f"{progress.ICONS[s]} {tr('page.' + p)}"
        for p in STEPS
        if (s := progress.status(p, assessment)) is not None
    ]
    st.caption(" · ".join(marks))


def _key_findings(assessment: Assessment) -> None:
    result = findings.findings(assessment)
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(tr("top_warnings"))
        warnings = result.warnings[:5]
        if not warnings:
            st.caption(tr("none"))
        for finding in warnings:
            st.markdown(
                f"{icons.WARNING} **{md(labels.ref_label(finding.source))} → "
                f"{md(labels.ref_label(finding.target))}**"
            )
            st.caption(md(finding.explanation))
    with right:
        st.subheader(tr("open_items"))
        # The open items of the analysis' coverage, titled as in step 4.
        open_items = [issue for issue in issues(assessment) if issue.status == "open"][:6]
        if not open_items:
            st.caption(tr("none"))
        for issue in open_items:
            st.markdown(f"{icons.UNADDRESSED} {md(issue.title)}")
        synergies = result.synergies[:3]
        if synergies:
            st.subheader(tr("top_synergies"))
            for finding in synergies:
                st.markdown(
                    f"{icons.SYNERGY} **{md(labels.ref_label(finding.source))} → "
                    f"{md(labels.ref_label(finding.target))}**"
                )


def _judgement(assessment: Assessment) -> None:
    spec = rus_model().judgement
    lang = state.lang()
    st.subheader(spec.title.get(lang))
    st.caption(spec.help.get(lang))
    if spec.optional:
        st.caption(tr("judgement_optional"))
    verdicts = {v.id: v for v in spec.verdicts}
    fields.segmented(
        tr("verdict"),
        state.wkey("verdict"),
        list(verdicts),
        assessment.judgement.verdict,
        lambda a, v: setattr(a.judgement, "verdict", v),
        format_func=lambda v: verdicts[v].label.get(lang),
    )
    chosen = verdicts.get(assessment.judgement.verdict or "")
    if chosen is not None and chosen.help:
        st.caption(chosen.help.get(lang))
    fields.text(
        tr("judgement_text"),
        state.wkey("judgement_text"),
        assessment.judgement.text,
        lambda a, v: setattr(a.judgement, "text", v),
        area=True,
        height=140,
    )
    if spec.questions:
        model_text.questions(spec.questions, assessment)


def _pdf_bytes(assessment: Assessment, lang: str, *, full: bool = False) -> bytes:
    return build_pdf(assessment, lang) if full else build_short_pdf(assessment, lang)


def _downloads(assessment: Assessment) -> None:
    st.subheader(tr("downloads"))
    stem = file_stem(assessment.title)
    lang = state.lang()
    snapshot = assessment.model_copy(deep=True)
    c0, c1, c2, c3 = st.columns(4)
    # The short decision brief is the default hand-out; the full report is the option.
    c0.download_button(
        tr("download_pdf"),
        lambda: _pdf_bytes(snapshot, lang),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="dl_pdf",
        on_click="ignore",
        type="primary",
        icon=":material/picture_as_pdf:",
    )
    c1.download_button(
        tr("download_yaml"),
        dump_assessment(assessment),
        file_name=f"{stem}.yaml",
        mime="application/x-yaml",
        key="dl_yaml",
        on_click="ignore",
        icon=":material/download:",
    )
    c2.download_button(
        tr("download_json"),
        dump_assessment(assessment, "json"),
        file_name=f"{stem}.json",
        mime="application/json",
        key="dl_json",
        on_click="ignore",
        icon=":material/data_object:",
    )
    c3.download_button(
        tr("download_full_pdf"),
        lambda: _pdf_bytes(snapshot, lang, full=True),
        file_name=f"{stem}-fullstandig.pdf",
        mime="application/pdf",
        key="dl_pdf_full",
        on_click="ignore",
        icon=":material/description:",
    )
    st.caption(tr("downloads_help"))


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    st.title(tr("page.summary"))
    st.markdown(f"### {md(assessment.title)}")
    _figures(assessment)
    st.divider()
    _key_findings(assessment)
    st.divider()
    _judgement(assessment)
    st.divider()
    _downloads(assessment)
