"""Step 3 Aktörssäkra: the actor table, the power/interest grid, "who is missing?" and the
intersectional checklist with unticked groups as open questions."""

from __future__ import annotations

import hashlib

import streamlit as st

from assessment.domain import Actor, Assessment
from assessment.domain.assessment import actor_key, name_problem
from assessment.participation import remove_actor, rename_actor
from assessment.process_models import rus_model
from assessment.ui import labels, state
from assessment.ui.components import fields, form_keys, frame, model_text, scroll
from assessment.ui.components.charts import plotly_config
from assessment.ui.components.power_grid import power_interest_figure
from assessment.ui.components.text import md
from assessment.ui.pages.rus import add_conflict
from assessment.ui.state import tr

ROLES = ["affects", "affected", "both"]
LEVELS = [1, 2, 3, 4, 5]
ADD_FORM = "actor_add_form"


def group_options() -> dict[str, str]:
    """Checklist items an actor can belong to, with their labels in the current language."""
    lang = state.lang()
    model = rus_model()
    options: dict[str, str] = {}
    for checklist_id in ("missing_actors", "intersectional", "sami_areas"):
        checklist = model.checklists.get(checklist_id)
        if checklist is not None:
            for item in checklist.items:
                options.setdefault(item.id, item.label.get(lang))
    return options


def _akey(name: str, field: str) -> str:
    digest = hashlib.blake2s(actor_key(name).encode(), digest_size=5).hexdigest()
    return state.wkey("actor", digest, field)


def _set(name: str, field: str, key: str, keep_old: object = None) -> None:
    """Write one field of the actor ``name`` from its widget (a deselected 1–5 control keeps the
    old value: influence and interest are never empty)."""
    value = st.session_state.get(key)
    if value is None and keep_old is not None:
        st.session_state[key] = keep_old
        return

    def change(a: Assessment) -> None:
        for actor in a.actors:
            if actor.name == name:
                setattr(actor, field, value if value is not None else getattr(actor, field))

    state.update(change)


def _rename(name: str, key: str) -> None:
    new = str(st.session_state.get(key) or "").strip()
    current = state.current()
    others = [a.name for a in current.actors if a.name != name] if current else []
    problem = name_problem(new, others)
    if problem is not None:
        state.flash(
            "warning", tr("actor_name_missing") if problem == "missing" else tr("actor_duplicate", name=new)
        )
        st.session_state[key] = name
        return
    state.update(lambda a: rename_actor(a, name, new))


def _remove(name: str) -> None:
    state.update(lambda a: remove_actor(a, name))


def _add(prefix: str) -> None:
    name = str(st.session_state.get(f"{prefix}:name") or "").strip()
    current = state.current()
    problem = name_problem(name, [a.name for a in current.actors] if current else [])
    if problem is not None:
        # Nothing typed is silently dropped: say what is missing and keep the other choices.
        state.flash(
            "warning", tr("actor_name_missing") if problem == "missing" else tr("actor_duplicate", name=name)
        )
        return
    actor = Actor(
        name=name,
        role=st.session_state.get(f"{prefix}:role") or "both",
        influence=int(st.session_state.get(f"{prefix}:influence") or 3),
        interest=int(st.session_state.get(f"{prefix}:interest") or 3),
        present=bool(st.session_state.get(f"{prefix}:present")),
    )
    if state.update(lambda a: a.actors.append(actor)):
        # The new card is drawn just above the form; the cursor stays in the name field so the
        # next actor is typed at once (a room lists several actors in a row).
        scroll.request_focus("actor_new_name")


def _card(index: int, actor: Actor, options: dict[str, str]) -> None:
    name = actor.name
    with st.container(border=True, key=f"actorcard{index}"):
        # Rows that keep every control whole at 1366 px and in large type: name and remove; role
        # and taking part; influence and interest; groups and comment.
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        key = _akey(name, "name")
        c1.text_input(
            tr("actor_name"), value=name, key=key, on_change=_rename, args=(name, key), max_chars=500
        )
        c2.button(
            tr("remove"),
            icon=":material/delete:",
            key=_akey(name, "remove"),
            help=tr("actor_remove", name=name),
            on_click=_remove,
            args=(name,),
        )
        c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
        key = _akey(name, "role")
        with c1:
            st.segmented_control(
                tr("actor_role"),
                ROLES,
                default=actor.role,
                key=key,
                format_func=fields.frozen(ROLES, lambda r: tr("role." + str(r))),
                on_change=_set,
                args=(name, "role", key, actor.role),
            )
        key = _akey(name, "present")
        c2.toggle(tr("present"), value=actor.present, key=key, on_change=_set, args=(name, "present", key))
        c1, c2 = st.columns(2, vertical_alignment="bottom")
        for column, field in ((c1, "influence"), (c2, "interest")):
            key = _akey(name, field)
            with column:
                st.segmented_control(
                    tr(field),
                    LEVELS,
                    default=getattr(actor, field),
                    key=key,
                    help=tr("scale_1_5"),
                    on_change=_set,
                    args=(name, field, key, getattr(actor, field)),
                )
        c1, c2 = st.columns([1, 1])
        with c1:
            fields.multiselect(
                tr("groups"),
                _akey(name, "groups"),
                list(options),
                actor.groups,
                lambda a, v: _set_groups(a, name, v),
                format_func=lambda g: options.get(g, g),
            )
        with c2:
            fields.text(
                tr("comment"),
                _akey(name, "comment"),
                actor.comment,
                lambda a, v: _set_comment(a, name, v),
            )


def _set_groups(a: Assessment, name: str, groups: list[str]) -> None:
    for actor in a.actors:
        if actor.name == name:
            actor.groups = list(groups)


def _set_comment(a: Assessment, name: str, comment: str) -> None:
    for actor in a.actors:
        if actor.name == name:
            actor.comment = comment


def _add_form() -> None:
    prefix = state.wkey("actor_new")
    # Keyboard order as in a spreadsheet row: name, Tab, influence 1–5, Tab, interest 1–5, Enter
    # (form_keys); role and taking part, less often changed, come after. No help icons on the two
    # scales here: each would be one more Tab stop; the caption says what 1 and 5 mean.
    with st.container(key=ADD_FORM), st.form(f"{prefix}:form", clear_on_submit=True):
        st.markdown(f"**{tr('actor_add_title')}**")
        with st.container(key="actor_new_name"):
            st.text_input(
                tr("actor_name"), key=f"{prefix}:name", placeholder=tr("actor_name_hint"), max_chars=500
            )
        c1, c2 = st.columns(2, vertical_alignment="bottom")
        with c1:
            st.segmented_control(tr("influence"), LEVELS, default=3, key=f"{prefix}:influence")
        with c2:
            st.segmented_control(tr("interest"), LEVELS, default=3, key=f"{prefix}:interest")
        c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
        with c1:
            st.segmented_control(
                tr("actor_role"),
                ROLES,
                default="both",
                key=f"{prefix}:role",
                format_func=fields.frozen(ROLES, lambda r: tr("role." + str(r))),
            )
        c2.toggle(tr("present"), key=f"{prefix}:present")
        st.caption(tr("actor_add_keys"))
        st.form_submit_button(tr("actor_add"), on_click=_add, args=(prefix,), type="primary")
    form_keys.install(ADD_FORM)


def _cards(assessment: Assessment) -> None:
    """One card per actor (name, role, 1–5 controls, taking part, groups, comment) and a form
    to add one: no grid, so nothing half-typed is lost and a projector shows every actor."""
    options = group_options()
    for index, actor in enumerate(assessment.actors):
        _card(index, actor, options)
    _add_form()
    st.caption(tr("actors_cards_help"))


def _actor_conflicts(assessment: Assessment) -> None:
    st.subheader(tr("actor_conflicts"))
    options = [a.ref for a in assessment.actors] + labels.rated_refs(assessment)
    actor_conflicts = [c for c in assessment.conflicts if any(b.startswith("actor:") for b in c.between)]
    for conflict in actor_conflicts:
        st.markdown(
            f"- **{md(conflict.id)}**: " + " ↔ ".join(md(labels.ref_label(b)) for b in conflict.between)
        )
    with st.form(state.wkey("actor_conflict_form"), clear_on_submit=True, border=False):
        st.multiselect(
            tr("between_actors"),
            options,
            key="actor_conflict_between",
            placeholder=tr("choose"),
            format_func=fields.frozen(options, labels.ref_label),
            max_selections=4,
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        st.text_input(tr("conflict_description"), key="actor_conflict_text")
        st.form_submit_button(
            tr("flag_conflict"), on_click=add_conflict, args=("actor_conflict_between", "actor_conflict_text")
        )


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    step = rus_model().step("actors")
    model_text.step_header(step)
    # Large type (projector): the cards take the full width and the picture follows them, so
    # no control of a card is squeezed out of it.
    if state.large_type():
        left, right = st.container(), st.container()
    else:
        left, right = st.columns([3, 2], gap="large")
    with left:
        _cards(assessment)
    assessment = state.current()
    assert assessment is not None
    with right:
        # The power/interest grid as the picture beside the actors it shows.
        st.subheader(tr("power_interest"))
        if assessment.actors:
            st.plotly_chart(
                power_interest_figure(assessment),
                config=plotly_config(state.lang()),
                key="power_interest_chart",
            )
        else:
            st.info(tr("no_actors"))
        model_text.who_is_missing(assessment)
    st.divider()
    model_text.checklist("intersectional", assessment)
    st.divider()
    frame.sami_consultation(assessment)
    st.divider()
    model_text.checklist("four_r", assessment)
    st.divider()
    _actor_conflicts(assessment)
    st.divider()
    model_text.questions(step.questions, assessment, title=tr("guiding_questions"))
    st.divider()
    model_text.positions(
        "actors", assessment, labels.all_refs(assessment), lambda r: labels.ref_label(r, assessment)
    )
    model_text.next_step("actors")
