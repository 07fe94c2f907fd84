"""Step 4 Åtgärder: every issue (negative impact, conflict, latent conflict) with its status and a
coverage figure, and the measures with owner, date, indicator and what they address."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assessment.domain import Assessment, Measure
from assessment.process_models import rus_model
from assessment.ui import findings, labels, state
from assessment.ui.components import fields, icons, model_text
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
    """The analysis' coverage items (SDG impacts and conflicts) plus the RUS and other-goal
    negatives and recorded conflicts the SDG analysis does not see."""
    coverage = findings.findings(assessment).coverage
    found: list[Issue] = []
    for item in coverage.items:
        if item.kind == "negative_impact":
            title = tr("issue.negative", target=labels.ref_label(item.target))
        else:
            title = tr("issue.pair", source=labels.ref_label(item.source),
                       target=labels.ref_label(item.target))
        address = item.conflicts[0] if item.conflicts else item.target
        found.append(Issue(item.kind, title, address, item.status, item.explanation))
    covered_conflicts = {c for item in coverage.items for c in item.conflicts}
    for rating in assessment.rus:
        if rating.impact is not None and rating.impact < 0:
            found.append(_own_issue(assessment, "negative_impact",
                                    tr("issue.negative", target=labels.ref_label(rating.ref)),
                                    rating.ref))
    for other in assessment.other_goals:
        if other.impact is not None and other.impact < 0:
            found.append(_own_issue(assessment, "negative_impact",
                                    tr("issue.negative", target=labels.ref_label(other.ref)),
                                    other.ref))
    for conflict in assessment.conflicts:
        if conflict.id not in covered_conflicts:
            title = tr("issue.conflict", id=conflict.id, between=" ↔ ".join(
                labels.ref_label(b, assessment) for b in conflict.between))
            found.append(_own_issue(assessment, "direct_conflict", title, conflict.id))
    return found


def _own_issue(assessment: Assessment, kind: str, title: str, ref: str) -> Issue:
    if any(ref in m.addresses for m in assessment.measures):
        status = "measure"
    elif any(c.id == ref and (c.decision.strip() or c.position.strip())
             for c in assessment.conflicts) or any(ref in p.refs for p in assessment.positions):
        status = "position"
    else:
        status = "open"
    return Issue(kind, title, ref, status, "")


def add_measure(address: str | None = None) -> None:
    def add(a: Assessment) -> None:
        used = {m.id for m in a.measures}
        n = len(a.measures) + 1
        while f"M{n}" in used:
            n += 1
        a.measures.append(Measure(id=f"M{n}", addresses=[address] if address else []))

    state.update(add)


def _issues(assessment: Assessment) -> None:
    found = issues(assessment)
    addressed = sum(1 for i in found if i.status != "open")
    st.subheader(tr("issues_title"))
    c1, c2 = st.columns([1, 3], vertical_alignment="center")
    c1.metric(tr("coverage"), f"{addressed} / {len(found)}")
    with c2:
        st.progress(addressed / len(found) if found else 1.0,
                    text=tr("coverage_text", addressed=addressed, total=len(found)))
        st.caption(tr("status_legend"))
    if not found:
        st.info(tr("no_issues"))
        return
    # What is still open first: that is what the group has to work on.
    order = {"open": 0, "position": 1, "measure": 2}
    for i, issue in enumerate(sorted(found, key=lambda item: order.get(item.status, 3))):
        with st.container(border=True):
            c1, c2 = st.columns([6, 1], vertical_alignment="center")
            c1.markdown(f"{STATUS_ICON[issue.status]} **{md(issue.title)}** · "
                        f"{tr('status.' + issue.status)}")
            if issue.explanation:
                c1.caption(issue.explanation)
            if issue.status == "open":
                c2.button(tr("add_measure_for"), key=f"issue_measure:{i}:{issue.address}",
                          on_click=add_measure, args=(issue.address,))


def _measure(assessment: Assessment, measure: Measure, options: list[str]) -> None:
    mid = measure.id

    def edit(field: str) -> fields.Setter:
        def setter(a: Assessment, v: object) -> None:
            for m in a.measures:
                if m.id == mid:
                    setattr(m, field, v)

        return setter

    def remove() -> None:
        state.update(lambda a: setattr(a, "measures", [m for m in a.measures if m.id != mid]))

    with st.container(border=True):
        head, button = st.columns([6, 1], vertical_alignment="center")
        head.markdown(f"**{tr('measure')} {md(mid)}**")
        button.button(tr("remove"), key=state.wkey("m_del", mid), on_click=remove)
        fields.text(tr("measure_text"), state.wkey("m", mid, "text"), measure.text, edit("text"),
                    area=True, height=68, placeholder=tr("measure_placeholder"))
        fields.multiselect(tr("addresses"), state.wkey("m", mid, "addresses"), options,
                           measure.addresses, edit("addresses"),
                           format_func=lambda r: labels.ref_label(r, assessment))
        c1, c2, c3, c4 = st.columns([2, 2, 3, 2])
        with c1:
            fields.text(tr("owner"), state.wkey("m", mid, "owner"), measure.owner, edit("owner"))
        with c2:
            fields.date(tr("due"), state.wkey("m", mid, "due"), measure.due, edit("due"))
        with c3:
            fields.text(tr("indicator"), state.wkey("m", mid, "indicator"), measure.indicator,
                        edit("indicator"))
        with c4:
            fields.select(tr("measure_status"), state.wkey("m", mid, "status"), MEASURE_STATUSES,
                          measure.status, edit("status"),
                          format_func=lambda s: tr("mstatus." + str(s)))


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
    for measure in assessment.measures:
        _measure(assessment, measure, options)
    st.button(tr("add_measure"), key="add_measure", on_click=add_measure, type="primary")
    st.divider()
    model_text.questions(step.questions, assessment, title=tr("guiding_questions"))
