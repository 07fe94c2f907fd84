"""Step 4 Åtgärder: every issue (negative impact, conflict, latent conflict) with its status and a
coverage figure, and the measures with owner, date, indicator and what they address."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assessment.domain import Assessment, Measure, parse_ref
from assessment.i18n import t
from assessment.process_models import rus_model
from assessment.ui import findings, labels, state
from assessment.ui.components import fields, icons, model_text, scroll
from assessment.ui.components.text import md
from assessment.ui.state import tr

STATUS_ICON = {"measure": icons.MEASURE, "position": icons.POSITION, "open": icons.ISSUE_OPEN}
MEASURE_STATUSES = ["planned", "in_progress", "done"]


@dataclass(frozen=True)
class Issue:
    """Something that needs a measure or a position, with the ref a measure would address."""

    kind: str
    title: str
    address: str
    status: str
    explanation: str


def issues(assessment: Assessment) -> list[Issue]:
    """The analysis' coverage items, the one issue list the summary, the PDF and the CLI count."""
    coverage = findings.findings(assessment).coverage
    found: list[Issue] = []
    for item in coverage.items:
        if item.kind == "negative_impact":
            title = tr("issue.negative", target=labels.ref_label(item.target, assessment))
        elif item.kind == "recorded_conflict":
            conflict = next((c for c in assessment.conflicts if c.id == item.target), None)
            between = conflict.between if conflict is not None else []
            title = tr(
                "issue.conflict",
                id=item.target,
                between=" ↔ ".join(labels.ref_label(b, assessment) for b in between),
            )
        else:
            title = tr(
                "issue.pair", source=labels.ref_label(item.source), target=labels.ref_label(item.target)
            )
        address = item.conflicts[0] if item.conflicts else item.target
        # The title already names RUS/other goals and recorded conflicts in full; the analysis'
        # sentence only adds something for SDG issues (the interaction and its source).
        own = parse_ref(item.target).kind not in ("sdg", "target")
        explanation = "" if own else item.explanation
        found.append(Issue(item.kind, title, address, item.status, explanation))
    return found


def add_measure(address: str | None = None) -> None:
    def add(a: Assessment) -> None:
        a.measures.append(Measure(id=a.new_measure_id(), addresses=[address] if address else []))

    if state.update(add):
        # The new card is drawn at the end of the list, out of sight: scroll to it and put the
        # cursor in its text, the one thing every measure needs.
        current = state.current()
        if current is None:
            return
        scroll.request(f"mcard{len(current.measures) - 1}")
        scroll.request_focus(scroll.css_key(state.wkey("m", current.measures[-1].id, "text")))


def _issues(assessment: Assessment) -> None:
    found = issues(assessment)
    tally = findings.findings(assessment).tally
    st.subheader(tr("issues_title"))
    c1, c2 = st.columns([1, 3], vertical_alignment="center")
    c1.metric(tr("coverage"), f"{tally.addressed} / {tally.issues}")
    with c2:
        st.progress(
            tally.addressed / tally.issues if tally.issues else 1.0,
            text=tally.issues_text(state.lang()),
        )
        st.caption(tr("status_legend"))
    if not found:
        st.info(tr("no_issues"))
        return
    # What is still open first: that is what the group has to work on.
    order = {"open": 0, "position": 1, "measure": 2}
    for i, issue in enumerate(sorted(found, key=lambda item: order.get(item.status, 3))):
        with st.container(border=True):
            c1, c2 = st.columns([6, 1], vertical_alignment="center")
            c1.markdown(f"{STATUS_ICON[issue.status]} **{md(issue.title)}** · {tr('status.' + issue.status)}")
            if issue.explanation:
                c1.caption(md(issue.explanation))
            if issue.status == "open":
                c2.button(
                    tr("add_measure_for"),
                    key=f"issue_measure:{i}:{issue.address}",
                    on_click=add_measure,
                    args=(issue.address,),
                )


def _measure(assessment: Assessment, measure: Measure, options: list[str], index: int) -> None:
    mid = measure.id

    def edit(field: str) -> fields.Setter:
        def setter(a: Assessment, v: object) -> None:
            for m in a.measures:
                if m.id == mid:
                    setattr(m, field, v)

        return setter

    def remove() -> None:
        state.update(lambda a: setattr(a, "measures", [m for m in a.measures if m.id != mid]))

    with st.container(border=True, key=f"mcard{index}"):
        head, button = st.columns([6, 1], vertical_alignment="center")
        head.markdown(f"**{tr('measure')} {md(mid)}**")
        button.button(tr("remove"), key=state.wkey("m_del", mid), on_click=remove)
        fields.text(
            tr("measure_text"),
            state.wkey("m", mid, "text"),
            measure.text,
            edit("text"),
            area=True,
            height=68,
            placeholder=tr("measure_placeholder"),
        )
        fields.multiselect(
            tr("addresses"),
            state.wkey("m", mid, "addresses"),
            options,
            measure.addresses,
            edit("addresses"),
            format_func=lambda r: labels.ref_label(r, assessment),
        )
        c1, c2, c3, c4 = st.columns([2, 2, 3, 2])
        with c1:
            fields.text(tr("owner"), state.wkey("m", mid, "owner"), measure.owner, edit("owner"))
        with c2:
            fields.date(tr("due"), state.wkey("m", mid, "due"), measure.due, edit("due"))
        with c3:
            fields.text(
                tr("indicator"), state.wkey("m", mid, "indicator"), measure.indicator, edit("indicator")
            )
            fields.checkbox(
                t("frame.ui_by_sex", state.lang()),
                state.wkey("m", mid, "by_sex"),
                measure.indicator_by_sex,
                edit("indicator_by_sex"),
            )
        with c4:
            fields.select(
                tr("measure_status"),
                state.wkey("m", mid, "status"),
                MEASURE_STATUSES,
                measure.status,
                edit("status"),
                format_func=lambda s: tr("mstatus." + str(s)),
            )


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    step = rus_model().step("measures")
    model_text.step_header(step)
    _issues(assessment)
    st.divider()
    st.subheader(tr("measures_title"))
    options = labels.all_refs(assessment)
    options += [i.address for i in issues(assessment) if i.address not in options]
    for index, measure in enumerate(assessment.measures):
        _measure(assessment, measure, options, index)
    st.button(tr("add_measure"), key="add_measure", on_click=add_measure, type="primary")
    st.divider()
    model_text.checklist("four_r", assessment)
    st.divider()
    model_text.questions(step.questions, assessment, title=tr("guiding_questions"))
    model_text.next_step("measures")
