"""Shared pieces drawn from the process models: step headers, guiding questions, checklists,
positions and the impact scale."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assessment.domain import Assessment, Position
from assessment.domain.assessment import ChecklistAnswer
from assessment.formats import signed
from assessment.process_models import Checklist, Step, rus_model
from assessment.process_models.common import Question
from assessment.ui import state
from assessment.ui.components import fields
from assessment.ui.components.text import md
from assessment.ui.state import tr

SCALE = list(range(-3, 4))


def impact_label(value: int | None) -> str:
    if value is None:
        return tr("not_rated")
    words = rus_model().scale_label(value)
    sign = signed(value)
    return f"{sign} {words.get(state.lang())}" if words else sign


def impact_short(value: object) -> str:
    return signed(value) if isinstance(value, int) else "0"


def impact_input(
    label: str, key: str, value: int | None, setter: fields.Setter, *, label_visibility: str = "visible"
) -> None:
    """−3..+3 as a row of buttons; clicking the chosen one again clears the rating."""
    fields.segmented(
        label,
        key,
        SCALE,
        value,
        setter,
        format_func=impact_short,
        help=scale_help(),
        label_visibility=label_visibility,
        # Wrap instead of scrolling sideways: in a narrow column (target rows, large type) the
        # options would otherwise be cut off at +2/+3.
        wrap=True,
    )
    st.caption(impact_label(value))


def scale_help() -> str:
    lang = state.lang()
    return "  \n".join(
        f"{impact_short(v)}: {words.get(lang)}" for v, words in sorted(rus_model().scale.items())
    )


def step_header(step: Step) -> None:
    lang = state.lang()
    st.title(tr("page." + _page_of(step.id)))
    st.markdown(f"**{step.purpose.get(lang)}**")
    with st.expander(tr("how_to"), expanded=False):
        st.write(step.help.get(lang))
        for example in step.examples:
            st.markdown(f"- *{example.get(lang)}*")


def next_step(page_id: str) -> None:
    """A "Nästa steg →" button at the end of a step: the next workshop page, opened at its top."""
    from assessment.ui import navigation  # late: navigation lists the page modules

    order = [p.id for p in navigation.PAGES if p.group == "workshop"]
    if page_id not in order or order.index(page_id) + 1 >= len(order):
        return
    following = order[order.index(page_id) + 1]
    st.divider()
    st.button(
        tr("next_step", page=tr("page." + following)),
        key=f"next_step:{page_id}",
        on_click=state.go,
        args=(following,),
        type="primary",
        icon=":material/arrow_forward:",
        icon_position="right",
    )


def _page_of(step_id: str) -> str:
    return {"rus": "rus", "sustainability": "sdg", "actors": "actors", "measures": "measures"}.get(
        step_id, step_id
    )


def questions(items: list[Question], assessment: Assessment, *, title: str | None = None) -> None:
    """Guiding questions with a free-text answer each (stored in ``answers[<question id>]``)."""
    lang = state.lang()
    if title:
        st.subheader(title)
    for q in items:

        def setter(a: Assessment, v: str, qid: str = q.id) -> None:
            if v.strip():
                a.answers[qid] = v
            else:
                a.answers.pop(qid, None)

        fields.text(
            q.text.get(lang),
            state.wkey("q", q.id),
            assessment.answers.get(q.id, ""),
            setter,
            area=True,
            height=80,
            help=q.help.get(lang) if q.help else None,
        )


def checklist(checklist_id: str, assessment: Assessment, *, show_open: bool = True) -> None:
    """Tick the items that apply and say how; unticked items are listed as open questions."""
    spec: Checklist | None = rus_model().checklists.get(checklist_id)
    if spec is None:
        return
    lang = state.lang()
    answers = assessment.checklists.get(checklist_id, {})
    st.subheader(spec.title.get(lang))
    st.caption(spec.help.get(lang))
    for item in spec.items:
        answer = answers.get(item.id, ChecklistAnswer())

        def set_checked(a: Assessment, v: bool, item_id: str = item.id) -> None:
            entry = a.checklists.setdefault(checklist_id, {}).setdefault(item_id, ChecklistAnswer())
            entry.checked = v

        def set_comment(a: Assessment, v: str, item_id: str = item.id) -> None:
            entry = a.checklists.setdefault(checklist_id, {}).setdefault(item_id, ChecklistAnswer())
            entry.comment = v

        c1, c2 = st.columns([2, 3], vertical_alignment="center")
        with c1:
            fields.checkbox(
                item.label.get(lang),
                state.wkey("cl", checklist_id, item.id),
                answer.checked,
                set_checked,
                help=item.help.get(lang) if item.help else None,
            )
        with c2:
            fields.text(
                tr("how"),
                state.wkey("clc", checklist_id, item.id),
                answer.comment,
                set_comment,
                placeholder=tr("how_placeholder"),
            )
    if show_open:
        unticked = [i.label.get(lang) for i in spec.items if not answers.get(i.id, ChecklistAnswer()).checked]
        if unticked:
            st.warning(
                tr("open_questions", n=len(unticked))
                + "\n\n"
                + "\n".join(f"- {label}?" for label in unticked)
            )


def who_is_missing(assessment: Assessment) -> None:
    """ "Vem saknas?": per group present (from the actor table) / missing / not concerned.

    The rule lives in `assessment.participation`; this only draws it. Full labels wrap (they are
    Markdown above the control, not a cut-off widget label).
    """
    from assessment import participation

    spec: Checklist | None = rus_model().checklists.get(participation.CHECKLIST)
    if spec is None:
        return
    lang = state.lang()
    st.subheader(spec.title.get(lang))
    st.caption(tr("missing_help"))
    answers = assessment.checklists.get(participation.CHECKLIST, {})
    for item in spec.items:
        names = participation.present_actors(assessment, item.id)
        current = participation.group_state(assessment, item.id)
        options = ["present", "missing"] if names else ["missing", "not_relevant"]

        def set_state(a: Assessment, v: str | None, item_id: str = item.id) -> None:
            participation.set_group_state(a, item_id, v)  # type: ignore[arg-type]

        def set_comment(a: Assessment, v: str, item_id: str = item.id) -> None:
            entry = a.checklists.setdefault(participation.CHECKLIST, {}).setdefault(
                item_id, ChecklistAnswer()
            )
            entry.comment = v

        with st.container(border=True, key=f"missing_{item.id}"):
            st.markdown(f"**{md(item.label.get(lang))}**")
            if item.help:
                st.caption(item.help.get(lang))
            if names:
                st.caption(tr("group_present_by", names=", ".join(md(n) for n in names)))
            fields.segmented(
                item.label.get(lang),
                # Presence comes from the actor table: when it changes, the options change, and
                # a new widget starts from the derived state.
                state.wkey("grp", item.id, "present" if names else "absent"),
                options,
                current,
                set_state,
                format_func=lambda v: tr("group_state." + str(v)),
                label_visibility="collapsed",
                wrap=True,
            )
            if current == "missing":
                fields.text(
                    tr("missing_who"),
                    state.wkey("clc", participation.CHECKLIST, item.id),
                    answers.get(item.id, ChecklistAnswer()).comment,
                    set_comment,
                    placeholder=tr("missing_who_placeholder"),
                )
    open_groups = participation.unanswered(assessment, [i.id for i in spec.items])
    if open_groups:
        labels_of = {i.id: i.label.get(lang) for i in spec.items}
        st.info(
            tr("groups_unanswered", n=len(open_groups))
            + "\n\n"
            + "\n".join(f"- {md(labels_of[g])}" for g in open_groups)
        )


def positions(
    step_id: str, assessment: Assessment, ref_options: list[str], ref_label: Callable[[str], str]
) -> None:
    """Positions (ställningstaganden) recorded in this step: list, edit text, add new."""
    st.subheader(tr("positions"))
    st.caption(tr("positions_help"))
    mine = [p for p in assessment.positions if p.step == step_id]
    for position in mine:

        def set_text(a: Assessment, v: str, pid: str = position.id) -> None:
            for p in a.positions:
                if p.id == pid:
                    p.text = v

        def remove(pid: str = position.id) -> None:
            state.update(lambda a: setattr(a, "positions", [p for p in a.positions if p.id != pid]))

        with st.container(border=True):
            c1, c2 = st.columns([6, 1], vertical_alignment="bottom")
            with c1:
                fields.text(
                    tr("position_text"),
                    state.wkey("pos", position.id),
                    position.text,
                    set_text,
                    area=True,
                    height=68,
                )
            c2.button(tr("remove"), key=state.wkey("posdel", position.id), on_click=remove)
            if position.refs:
                st.caption(tr("concerns") + ": " + ", ".join(md(ref_label(r)) for r in position.refs))
    with st.form(state.wkey("newpos", step_id), clear_on_submit=True, border=False):
        text_key = state.wkey("newpos_text", step_id)
        refs_key = state.wkey("newpos_refs", step_id)
        st.text_area(tr("new_position"), key=text_key, height=68)
        st.multiselect(
            tr("concerns"),
            ref_options,
            key=refs_key,
            format_func=fields.frozen(ref_options, ref_label),
            placeholder=tr("choose"),
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        st.form_submit_button(tr("add_position"), on_click=_add_position, args=(step_id, text_key, refs_key))


def _add_position(step_id: str, text_key: str, refs_key: str) -> None:
    text = str(st.session_state.get(text_key) or "").strip()
    if not text:
        state.flash("error", tr("position_empty"))
        return
    refs = list(st.session_state.get(refs_key) or [])

    def add(a: Assessment) -> None:
        used = {p.id for p in a.positions}
        n = len(a.positions) + 1
        while f"P{n}" in used:
            n += 1
        a.positions.append(Position(id=f"P{n}", step=step_id, text=text, refs=refs))

    state.update(add)
