"""Goal conflicts, walked through Tyréns' process: identify → characterise and type → choose a
method (with a simple weighing helper) → decide with a recorded position → follow up and learn."""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from assessment.domain import Assessment, Conflict
from assessment.process_models import Stage, tyrens_model
from assessment.ui import findings, labels, state
from assessment.ui.components import fields, icons
from assessment.ui.components.text import md
from assessment.ui.components.weighing import weighing_cards
from assessment.ui.state import tr

# The chosen conflict (canonical value; the radio's key follows its labels, see state.NAV_KEY).
PICK_KEY = "_conflict_pick"
WORKED = ["yes", "partly", "no"]


def _edit(cid: str, change: Any) -> None:
    """Apply ``change(conflict)`` to the conflict with id ``cid`` and save."""

    def apply(a: Assessment) -> None:
        for c in a.conflicts:
            if c.id == cid:
                change(c)

    state.update(apply)


def _setter(cid: str, field: str) -> fields.Setter:
    def setter(a: Assessment, v: object) -> None:
        for c in a.conflicts:
            if c.id == cid:
                setattr(c, field, v)

    return setter


def _follow_setter(cid: str, field: str) -> fields.Setter:
    def setter(a: Assessment, v: object) -> None:
        for c in a.conflicts:
            if c.id == cid:
                setattr(c.follow_up, field, v)

    return setter


def record_suggestion(source: str, target: str, explanation: str) -> None:
    """One click: a finding of the analysis becomes a recorded conflict to work through."""

    def add(a: Assessment) -> None:
        new_id = a.new_conflict_id()
        a.conflicts.append(
            Conflict(
                id=new_id,
                between=[source, target],
                description=explanation,
                origin="proactive",
                stage="identify",
            )
        )
        pick(new_id)

    state.update(add)


def pick(conflict_id: str) -> None:
    st.session_state[PICK_KEY] = conflict_id
    st.session_state["_pick_gen"] = int(st.session_state.get("_pick_gen", 0)) + 1


def _picked(widget_key: str) -> None:
    st.session_state[PICK_KEY] = st.session_state[widget_key]


def _suggestions(assessment: Assessment) -> None:
    result = findings.findings(assessment)
    recorded = {frozenset(c.between) for c in assessment.conflicts}
    candidates = [
        f
        for f in (*result.direct_conflicts, *result.latent_conflicts)
        if frozenset((f.source, f.target)) not in recorded
    ]
    if not candidates:
        return
    with st.expander(tr("suggested_conflicts", n=len(candidates)), expanded=not assessment.conflicts):
        for i, finding in enumerate(candidates[:10]):
            c1, c2 = st.columns([5, 2], vertical_alignment="center")
            c1.markdown(
                f"**{md(labels.ref_label(finding.source))} ↔ {md(labels.ref_label(finding.target))}**"
            )
            c1.caption(md(finding.explanation))
            c2.button(
                tr("record_conflict"),
                key=f"suggest:{i}:{finding.source}:{finding.target}",
                on_click=record_suggestion,
                args=(finding.source, finding.target, finding.explanation),
            )


def _new_conflict(assessment: Assessment) -> None:
    options = labels.rated_refs(assessment) + [a.ref for a in assessment.actors]
    with (
        st.expander(tr("new_conflict")),
        st.form(state.wkey("new_conflict_form"), clear_on_submit=True, border=False),
    ):
        st.multiselect(
            tr("between_goals"),
            options,
            key="new_conflict_between",
            placeholder=tr("choose"),
            format_func=fields.frozen(options, labels.ref_label),
            accept_new_options=False,
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        st.text_area(tr("conflict_description"), key="new_conflict_text", height=68)
        st.form_submit_button(tr("flag_conflict"), on_click=_add_new)


def _add_new() -> None:
    between = list(st.session_state.get("new_conflict_between") or [])
    text = str(st.session_state.get("new_conflict_text") or "").strip()
    if len(between) < 2:
        state.flash("error", tr("conflict_needs_two"))
        return

    def add(a: Assessment) -> None:
        new_id = a.new_conflict_id()
        a.conflicts.append(Conflict(id=new_id, between=between, description=text, stage="identify"))
        pick(new_id)

    state.update(add)


def _stage_notes(conflict: Conflict, stage: Stage) -> None:
    lang = state.lang()
    cid = conflict.id
    st.markdown("\n".join(f"- {q.text.get(lang)}" for q in stage.questions))

    def set_note(a: Assessment, v: str) -> None:
        for c in a.conflicts:
            if c.id == cid:
                if v.strip():
                    c.stage_notes[stage.id] = v
                else:
                    c.stage_notes.pop(stage.id, None)

    fields.text(
        tr("stage_notes"),
        state.wkey("c", cid, "notes", stage.id),
        conflict.stage_notes.get(stage.id, ""),
        set_note,
        area=True,
        height=90,
    )


def _identify(assessment: Assessment, conflict: Conflict) -> None:
    model = tyrens_model()
    lang = state.lang()
    cid = conflict.id
    fields.text(
        tr("conflict_description"),
        state.wkey("c", cid, "description"),
        conflict.description,
        _setter(cid, "description"),
        area=True,
        height=80,
    )
    options = labels.all_refs(assessment)
    options = [o for o in options if o != cid]
    fields.multiselect(
        tr("between_goals"),
        state.wkey("c", cid, "between"),
        options,
        conflict.between,
        _setter(cid, "between"),
        format_func=lambda r: labels.ref_label(r, assessment),
    )
    entries = {e.id: e for e in model.origins}
    fields.segmented(
        tr("origin"),
        state.wkey("c", cid, "origin"),
        list(entries),
        conflict.origin,
        _setter(cid, "origin"),
        format_func=lambda o: entries[o].title.get(lang),
    )
    if conflict.origin in entries:
        st.caption(entries[conflict.origin].description.get(lang))


def _characterise(conflict: Conflict) -> None:
    model = tyrens_model()
    lang = state.lang()
    cid = conflict.id
    types = {t.id: t for t in model.conflict_types}
    fields.select(
        tr("conflict_type"),
        state.wkey("c", cid, "type"),
        list(types),
        conflict.type,
        _setter(cid, "type"),
        format_func=lambda t: types[t].title.get(lang),
        placeholder=tr("choose"),
    )
    chosen = types.get(conflict.type or "")
    if chosen is not None:
        st.info(chosen.description.get(lang))
        if chosen.examples:
            st.caption(tr("examples") + ": " + "; ".join(e.get(lang) for e in chosen.examples))
    fields.text(
        tr("characterisation"),
        state.wkey("c", cid, "characterisation"),
        conflict.characterisation,
        _setter(cid, "characterisation"),
        area=True,
        height=80,
    )


def _choose_method(conflict: Conflict) -> None:
    model = tyrens_model()
    lang = state.lang()
    cid = conflict.id
    methods = {m.id: m for m in model.methods}
    fitting = model.methods_for(conflict.type, conflict.origin) if conflict.type else []
    if fitting:
        st.markdown(f"**{tr('recommended_methods')}**")
        cols = st.columns(min(3, len(fitting)))
        for i, method in enumerate(fitting):
            with cols[i % len(cols)], st.container(border=True):
                st.markdown(f"**{method.title.get(lang)}**")
                st.caption(method.when.get(lang))
                st.button(
                    tr("choose_method"),
                    key=state.wkey("c", cid, "pick", method.id),
                    on_click=_edit,
                    args=(cid, _method_setter(method.id)),
                    disabled=conflict.method == method.id,
                )
    else:
        st.caption(tr("type_first"))
    fields.select(
        tr("method"),
        state.wkey("c", cid, "method", conflict.method or ""),
        list(methods),
        conflict.method,
        _setter(cid, "method"),
        format_func=lambda m: methods[m].title.get(lang),
        placeholder=tr("choose"),
    )
    chosen = methods.get(conflict.method or "")
    if chosen is not None:
        st.write(chosen.description.get(lang))
        if chosen.steps:
            st.markdown("\n".join(f"{i}. {s.get(lang)}" for i, s in enumerate(chosen.steps, 1)))
    with st.expander(
        tr("weighing_title"),
        expanded=conflict.weighing is not None or (conflict.method in ("weighing", "multi_criteria")),
    ):
        weighing_cards(conflict)


def _method_setter(method_id: str) -> Any:
    def change(c: Conflict) -> None:
        c.method = method_id

    return change


def _decide(conflict: Conflict) -> None:
    cid = conflict.id
    fields.text(
        tr("decision_text"),
        state.wkey("c", cid, "decision"),
        conflict.decision,
        _setter(cid, "decision"),
        area=True,
        height=80,
    )
    fields.text(
        tr("position_text"),
        state.wkey("c", cid, "position"),
        conflict.position,
        _setter(cid, "position"),
        area=True,
        height=80,
        help=tr("position_help"),
    )


def _follow_up(conflict: Conflict) -> None:
    cid = conflict.id
    c1, c2 = st.columns([1, 3])
    with c1:
        fields.date(
            tr("due"), state.wkey("c", cid, "fu_due"), conflict.follow_up.due, _follow_setter(cid, "due")
        )
    with c2:
        fields.text(
            tr("follow_up_plan"),
            state.wkey("c", cid, "fu_plan"),
            conflict.follow_up.plan,
            _follow_setter(cid, "plan"),
        )
    fields.text(
        tr("follow_up_outcome"),
        state.wkey("c", cid, "fu_outcome"),
        conflict.follow_up.outcome,
        _follow_setter(cid, "outcome"),
        area=True,
        height=68,
    )
    fields.segmented(
        tr("follow_up_worked"),
        state.wkey("c", cid, "fu_worked"),
        WORKED,
        conflict.follow_up.worked,
        _follow_setter(cid, "worked"),
        format_func=lambda w: tr("worked." + str(w)),
    )


def _walk(assessment: Assessment, conflict: Conflict) -> None:
    model = tyrens_model()
    lang = state.lang()
    cid = conflict.id
    stages = {s.id: s for s in model.stages}
    current = conflict.stage if conflict.stage in stages else model.stages[0].id
    st.subheader(f"{tr('conflict')} {conflict.id}")
    st.caption(" ↔ ".join(md(labels.ref_label(b, assessment)) for b in conflict.between))
    # The key follows the stage: "next stage" changes it from code, and a new widget shows that.
    fields.pills(
        tr("stage"),
        state.wkey("c", cid, "stage", current),
        list(stages),
        current,
        _setter(cid, "stage"),
        format_func=lambda s: f"{stages[s].number}. {stages[s].title.get(lang)}",
    )
    stage = stages[current]
    with st.container(border=True):
        st.markdown(f"#### {stage.number}. {stage.title.get(lang)}")
        st.markdown(f"*{stage.purpose.get(lang)}*")
        with st.expander(tr("how_to")):
            st.write(stage.help.get(lang))
        if stage.id == "identify":
            _identify(assessment, conflict)
        elif stage.id == "characterise":
            _characterise(conflict)
        elif stage.id == "choose_method":
            _choose_method(conflict)
        elif stage.id == "decide":
            _decide(conflict)
        elif stage.id == "follow_up":
            _follow_up(conflict)
        _stage_notes(conflict, stage)
    if stage.next and stage.next in stages and stage.next != stage.id:
        following = stages[stage.next]
        st.button(
            f"{tr('next_stage')}: {following.number}. {following.title.get(lang)} →",
            key=state.wkey("c", cid, "next", stage.id),
            type="primary",
            on_click=_edit,
            args=(cid, _stage_setter(following.id)),
        )


def _stage_setter(stage_id: str) -> Any:
    def change(c: Conflict) -> None:
        c.stage = stage_id

    return change


def _remove(cid: str) -> None:
    state.update(lambda a: setattr(a, "conflicts", [c for c in a.conflicts if c.id != cid]))


def _conflict_label(conflict: Conflict, assessment: Assessment) -> str:
    model = tyrens_model()
    stage = model.stage(conflict.stage or "")
    mark = icons.DONE if (conflict.decision or conflict.position) else icons.OPEN
    about = " ".join(conflict.description.split())
    if not about:
        about = " ↔ ".join(labels.ref_label(b, assessment, titled=False) for b in conflict.between)
    about = about if len(about) <= 48 else about[:47] + "…"
    where = f" · {stage.number}/{len(model.stages)}" if stage else ""
    return f"{mark} **{md(conflict.id)}** {md(about)}{where}"


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    model = tyrens_model()
    lang = state.lang()
    st.title(tr("page.conflicts"))
    st.markdown(f"**{model.principle.get(lang)}**")
    # The same tally (numbers and words) as the summary, step 4, both PDFs and the CLI.
    st.caption(md(findings.findings(assessment).tally.conflicts_text(lang)))
    _suggestions(assessment)
    _new_conflict(assessment)
    if not assessment.conflicts:
        st.info(tr("no_conflicts"))
        return
    ids = [c.id for c in assessment.conflicts]
    if st.session_state.get(PICK_KEY) not in ids:
        st.session_state[PICK_KEY] = ids[0]
    by_id = {c.id: c for c in assessment.conflicts}
    left, right = st.columns([1, 3], gap="large")
    with left:
        names = {cid: _conflict_label(by_id[cid], assessment) for cid in ids}
        digest = hashlib.blake2s("\x1f".join(names.values()).encode(), digest_size=6).hexdigest()
        widget_key = f"pick:{digest}:{st.session_state.get('_pick_gen', 0)}"
        st.radio(
            tr("conflicts_list"),
            ids,
            index=ids.index(st.session_state[PICK_KEY]),
            key=widget_key,
            format_func=names.__getitem__,
            on_change=_picked,
            args=(widget_key,),
        )
        st.button(
            tr("remove_conflict"), key="remove_conflict", on_click=_remove, args=(st.session_state[PICK_KEY],)
        )
    with right:
        _walk(assessment, by_id[str(st.session_state[PICK_KEY])])
