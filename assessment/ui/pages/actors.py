"""Step 3 Aktörssäkra: the actor table, the power/interest grid, "who is missing?" and the
intersectional checklist with unticked groups as open questions."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import ValidationError

from assessment.domain import Actor, Assessment
from assessment.domain.assessment import actor_key
from assessment.process_models import rus_model
from assessment.ui import labels, state
from assessment.ui.components import fields, frame, model_text
from assessment.ui.components.power_grid import power_interest_figure
from assessment.ui.components.table import edit_table
from assessment.ui.components.text import md
from assessment.ui.pages.rus import add_conflict
from assessment.ui.state import tr

COLUMNS = ["name", "role", "influence", "interest", "present", "groups", "comment"]
ROLES = ["affects", "affected", "both"]


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


def _rows(assessment: Assessment) -> list[dict[str, Any]]:
    return [
        {
            "name": a.name,
            "role": a.role,
            "influence": a.influence,
            "interest": a.interest,
            "present": a.present,
            "groups": list(a.groups),
            "comment": a.comment,
        }
        for a in assessment.actors
    ]


def _to_actors(rows: list[dict[str, Any]]) -> list[Actor]:
    actors: list[Actor] = []
    seen: set[str] = set()
    for row in rows:
        name = str(row.get("name") or "").strip()
        if not name:
            continue  # a row being typed: saved once it has a name
        if actor_key(name) in seen:  # the domain's rule (check_assessment refuses it too)
            raise ValueError(tr("actor_duplicate", name=name))
        seen.add(actor_key(name))
        actors.append(
            Actor(
                name=name,
                role=row.get("role") or "both",
                influence=int(row.get("influence") or 3),
                interest=int(row.get("interest") or 3),
                present=bool(row.get("present")),
                groups=list(row.get("groups") or []),
                comment=str(row.get("comment") or ""),
            )
        )
    return actors


def _save_rows(rows: list[dict[str, Any]]) -> None:
    try:
        actors = _to_actors(rows)
    except (ValidationError, ValueError) as err:
        st.error(str(err) if not isinstance(err, ValidationError) else tr("actor_invalid"))
        return
    current = state.current()
    if current is not None and [a.model_dump() for a in actors] == [a.model_dump() for a in current.actors]:
        return
    state.update(lambda a: setattr(a, "actors", actors))


def _table(assessment: Assessment) -> None:
    options = group_options()
    config = {
        "name": st.column_config.TextColumn(tr("actor_name"), required=True, max_chars=500, width="medium"),
        "role": st.column_config.SelectboxColumn(
            tr("actor_role"),
            options=ROLES,
            default="both",
            format_func=lambda r: tr("role." + str(r)),
            required=True,
        ),
        "influence": st.column_config.NumberColumn(
            tr("influence"), min_value=1, max_value=5, step=1, default=3, help=tr("scale_1_5")
        ),
        "interest": st.column_config.NumberColumn(
            tr("interest"), min_value=1, max_value=5, step=1, default=3, help=tr("scale_1_5")
        ),
        "present": st.column_config.CheckboxColumn(tr("present"), default=False),
        "groups": st.column_config.MultiselectColumn(
            tr("groups"), options=list(options), format_func=lambda g: options.get(g, g)
        ),
        "comment": st.column_config.TextColumn(tr("comment"), width="large"),
    }
    edit_table(state.wkey("actors"), _rows(assessment), COLUMNS, config, _save_rows)
    st.caption(tr("actors_table_help"))


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
    _table(assessment)
    assessment = state.current()
    assert assessment is not None
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(tr("power_interest"))
        if assessment.actors:
            st.plotly_chart(
                power_interest_figure(assessment), config={"displaylogo": False}, key="power_interest_chart"
            )
        else:
            st.info(tr("no_actors"))
    with right:
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
