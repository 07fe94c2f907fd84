"""Step 1 RUS-säkra: rate the impact on each RUS goal, flag conflicts between RUS goals, record
positions, and stop at the checkpoint ("tänka om? avsluta?")."""

from __future__ import annotations

import streamlit as st

from assessment.domain import Assessment, Conflict, RusRating
from assessment.domain.assessment import CheckpointAnswer
from assessment.process_models import RusGoal, rus_model
from assessment.ui import labels, state
from assessment.ui.components import fields, frame, model_text
from assessment.ui.components.text import md
from assessment.ui.state import tr

ANSWERS = ["yes", "no", "unclear"]


def _rating(a: Assessment, goal_id: str) -> RusRating:
    rating = next((r for r in a.rus if r.goal == goal_id), None)
    if rating is None:
        rating = RusRating(goal=goal_id)
        a.rus.append(rating)
    return rating


def _goal_row(goal: RusGoal, assessment: Assessment, depth: int) -> None:
    lang = state.lang()
    current = next((r for r in assessment.rus if r.goal == goal.id), None)

    def set_impact(a: Assessment, v: int | None) -> None:
        _rating(a, goal.id).impact = v

    def set_comment(a: Assessment, v: str) -> None:
        _rating(a, goal.id).comment = v

    with st.container(border=True):
        c1, c2, c3 = st.columns([3, 4, 3], vertical_alignment="top")
        with c1:
            prefix = "↳ " if depth else ""
            st.markdown(f"**{prefix}{goal.title.get(lang)}**")
            if goal.description:
                st.caption(goal.description.get(lang))
        with c2:
            model_text.impact_input(
                tr("impact"),
                state.wkey("rus", goal.id, "impact"),
                current.impact if current else None,
                set_impact,
            )
        with c3:
            fields.text(
                tr("comment"),
                state.wkey("rus", goal.id, "comment"),
                current.comment if current else "",
                set_comment,
                area=True,
                height=68,
            )


def _goal_tree(assessment: Assessment) -> None:
    model = rus_model()
    current = model.current_goals()
    by_parent: dict[str | None, list[RusGoal]] = {}
    for goal in current:
        by_parent.setdefault(goal.parent, []).append(goal)

    def walk(goal: RusGoal, depth: int) -> None:
        _goal_row(goal, assessment, depth)
        for child in by_parent.get(goal.id, []):
            walk(child, depth + 1)

    roots = by_parent.get(None, [])
    # The strategy's goal and priorities first; the long list of vision themes folded away.
    main = [g for g in roots if g.kind != "vision"]
    vision = [g for g in roots if g.kind == "vision"]
    for goal in main:
        walk(goal, 0)
    for goal in vision:
        rated = sum(
            1
            for r in assessment.rus
            if r.impact is not None
            and (r.goal == goal.id or model.rus_goal(r.goal) in by_parent.get(goal.id, []))
        )
        # The label carries a count that changes with every rating, which makes it a new element
        # that would start closed. So the open/closed state is tracked and kept in a canonical
        # session value that each new element starts from.
        canonical = f"rus_vision_open:{goal.id}"
        key = f"rus_vision_{goal.id}_{rated}"
        with st.expander(
            f"{goal.title.get(state.lang())} · {tr('rated_n', n=rated)}",
            expanded=bool(st.session_state.get(canonical, False)),
            key=key,
            on_change=_remember_open,
            args=(canonical, key),
        ):
            walk(goal, 0)


def _remember_open(canonical: str, key: str) -> None:
    st.session_state[canonical] = bool(st.session_state.get(key))


def _conflicts(assessment: Assessment) -> None:
    st.subheader(tr("rus_conflicts"))
    st.caption(tr("rus_conflicts_help"))
    rus_conflicts = [c for c in assessment.conflicts if any(b.startswith("rus:") for b in c.between)]
    for conflict in rus_conflicts:
        st.markdown(
            f"- **{md(conflict.id)}**: "
            + " ↔ ".join(md(labels.ref_label(b)) for b in conflict.between)
            + (f" — {md(conflict.description)}" if conflict.description else "")
        )
    goals = rus_model().current_goals()
    with st.form(state.wkey("rus_conflict_form"), clear_on_submit=True, border=False):
        refs = [f"rus:{g.id}" for g in goals]
        st.multiselect(
            tr("between_goals"),
            refs,
            placeholder=tr("choose"),
            key="rus_conflict_between",
            format_func=fields.frozen(refs, labels.ref_label),
            max_selections=4,
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        st.text_input(tr("conflict_description"), key="rus_conflict_text")
        st.form_submit_button(
            tr("flag_conflict"), on_click=add_conflict, args=("rus_conflict_between", "rus_conflict_text")
        )


def add_conflict(between_key: str, text_key: str) -> None:
    """Form callback shared by the steps: a new conflict between the chosen refs."""
    between = list(st.session_state.get(between_key) or [])
    text = str(st.session_state.get(text_key) or "").strip()
    if len(between) < 2:
        state.flash("error", tr("conflict_needs_two"))
        return

    def add(a: Assessment) -> None:
        a.conflicts.append(Conflict(id=a.new_conflict_id(), between=between, description=text))

    if state.update(add):
        state.flash("success", tr("conflict_added"))


def _checkpoint(assessment: Assessment) -> None:
    spec = rus_model().checkpoint
    lang = state.lang()
    st.subheader(spec.title.get(lang))
    st.caption(spec.help.get(lang))
    if spec.optional:
        st.caption(tr("checkpoint_optional"))
    with st.container(border=True):
        for q in spec.questions:
            answer = assessment.checkpoint.answers.get(q.id, CheckpointAnswer())

            def set_answer(a: Assessment, v: str | None, qid: str = q.id) -> None:
                a.checkpoint.answers.setdefault(qid, CheckpointAnswer()).answer = v  # type: ignore[assignment]

            def set_comment(a: Assessment, v: str, qid: str = q.id) -> None:
                a.checkpoint.answers.setdefault(qid, CheckpointAnswer()).comment = v

            c1, c2 = st.columns([3, 4], vertical_alignment="top")
            with c1:
                fields.segmented(
                    q.text.get(lang),
                    state.wkey("cp", q.id),
                    ANSWERS,
                    answer.answer,
                    set_answer,
                    format_func=lambda v: tr("answer." + str(v)),
                )
            with c2:
                fields.text(tr("comment"), state.wkey("cpc", q.id), answer.comment, set_comment)
        decisions = {d.id: d for d in spec.decisions}

        def set_decision(a: Assessment, v: str | None) -> None:
            a.checkpoint.decision = v  # type: ignore[assignment]

        fields.segmented(
            tr("decision"),
            state.wkey("cp_decision"),
            list(decisions),
            assessment.checkpoint.decision,
            set_decision,
            format_func=lambda d: decisions[d].label.get(lang),
        )
        chosen = decisions.get(assessment.checkpoint.decision or "")
        if chosen and chosen.help:
            st.caption(chosen.help.get(lang))
        fields.text(
            tr("reasons"),
            state.wkey("cp_reasons"),
            assessment.checkpoint.reasons,
            lambda a, v: setattr(a.checkpoint, "reasons", v),
            area=True,
            height=80,
        )


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    step = rus_model().step("rus")
    model_text.step_header(step)
    st.caption(tr("scale_intro") + " " + model_text.scale_help().replace("  \n", " · "))
    _goal_tree(assessment)
    # A strength area rated here and, with the opposite sign, as a framework goal in step 2.
    frame.contradictions(assessment, "rus", step="rus")
    st.divider()
    model_text.questions(step.questions, assessment, title=tr("guiding_questions"))
    st.divider()
    _conflicts(assessment)
    st.divider()
    model_text.positions(
        "rus", assessment, labels.all_refs(assessment), lambda r: labels.ref_label(r, assessment)
    )
    st.divider()
    _checkpoint(assessment)
    model_text.next_step("rus")
