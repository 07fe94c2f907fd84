"""Step 2 Hållbarhetssäkra: the 17 goals as tiles, a detail panel per goal with drill-down to
targets, other goal frameworks, the three perspectives, checklists, and live latent conflicts and
synergies with one-click "assess this goal"."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assessment.analysis.model import Finding
from assessment.domain import (
    Assessment,
    Certainty,
    Interaction,
    OtherGoalRating,
    SdgRating,
    parse_ref,
)
from assessment.domain.frame import same_as_rus
from assessment.domain.refs import goal_number, signed
from assessment.i18n import t
from assessment.process_models import rus_model
from assessment.ui import findings, knowledge, labels, state
from assessment.ui.components import fields, frame, icons, model_text, scroll
from assessment.ui.components.table import edit_table, incomplete_rows
from assessment.ui.components.text import md
from assessment.ui.state import tr

FOCUS_KEY = "sdg_focus"
TILES_PER_ROW = 6


def _negative_goals(assessment: Assessment) -> set[int]:
    """Goals with a negative rating of the goal itself or of any of its targets."""
    return {r.goal_number for r in assessment.sdg if r.impact is not None and r.impact < 0}


def _tile_css(rated: set[int], focused: int | None, negative: frozenset[int] = frozenset()) -> str:
    """Tile styles. Built only from integers and `knowledge.goal_colour`, which only ever returns
    ``#RRGGBB`` — no user text can reach this CSS."""
    rules = [
        "[class*='st-key-sdgtile'] button {color:#fff;border:0;min-height:5.6rem;"
        "align-items:flex-start;justify-content:flex-start;text-align:left;padding:0.55rem 0.7rem;}",
        "[class*='st-key-sdgtile'] button p {font-size:0.95rem;line-height:1.25;font-weight:600;"
        "white-space:normal;text-align:left;}",
        "[class*='st-key-sdgtile'] button:hover {filter:brightness(1.1);color:#fff;}",
    ]
    for n in knowledge.goal_numbers():
        colour = knowledge.goal_colour(n)
        # Unrated goals are muted so the rated ones stand out on a projector (but stay legible).
        opacity = "1" if n in rated else "0.78"
        # !important: Streamlit's own focus/active button styles would otherwise win after a click.
        text = _text_colour(colour)
        rules.append(
            f".st-key-sdgtile{n} button, .st-key-sdgtile{n} button:focus, "
            f".st-key-sdgtile{n} button:active {{background:{colour} !important;"
            f"color:{text} !important;opacity:{opacity};}}"
        )
        rules.append(f".st-key-sdgtile{n} button p {{color:{text} !important;}}")
        if n in negative:
            # A negative rating must stand out on a projector: a thick red band and outline.
            rules.append(
                f".st-key-sdgtile{n} button {{border-bottom:0.55rem solid #B3261E !important;"
                "outline:3px solid #B3261E;outline-offset:-3px;}"
            )
        rules.append(f".st-key-sdgfocus{n} {{border-left:10px solid {colour};padding-left:1rem;}}")
    if focused is not None:
        rules.append(
            f".st-key-sdgtile{int(focused)} button {{opacity:1;"
            "box-shadow:0 0 0 3px #fff, 0 0 0 6px #111827;}}"
        )
    return "<style>" + "".join(rules) + "</style>"


def _text_colour(background: str) -> str:
    """White on dark goal colours, near-black on light ones (SDG 7's yellow), for contrast."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#111827" if luminance > 0.6 else "#ffffff"


def _goal_rating(a: Assessment, ref: str) -> SdgRating:
    rating = a.sdg_rating(ref)
    if rating is None:
        parsed = parse_ref(ref)
        is_goal = parsed.kind == "sdg"
        rating = SdgRating(goal=int(parsed.code)) if is_goal else SdgRating(target=parsed.code)
        a.sdg.append(rating)
    return rating


def focus(goal: int) -> None:
    st.session_state[FOCUS_KEY] = goal
    scroll.request(f"sdgfocus{goal}")  # "Bedöm mål N" far down the hints: show what it opened


def _tiles(assessment: Assessment) -> None:
    lang = state.lang()
    numbers = knowledge.goal_numbers()
    negative = _negative_goals(assessment)
    per_row = 4 if state.large_type() else TILES_PER_ROW  # large type needs wider tiles
    for start in range(0, len(numbers), per_row):
        cols = st.columns(per_row)
        for col, n in zip(cols, numbers[start : start + per_row], strict=False):
            rating = assessment.sdg_rating(f"sdg:{n}")
            targets_rated = sum(
                1
                for r in assessment.sdg
                if r.target is not None and r.goal_number == n and r.impact is not None
            )
            badge = ""
            if rating is not None and rating.impact is not None:
                badge = f" · {model_text.impact_short(rating.impact)}"
            if targets_rated:
                badge += f" · {tr('targets_n', n=targets_rated)}"
            if n in negative:
                badge += f" · {icons.NEGATIVE} {tr('negative_tile')}"
            col.button(
                f"**{n}** {knowledge.goal_title(n, lang)}{badge}",
                key=f"sdgtile{n}",
                on_click=focus,
                args=(n,),
                width="stretch",
            )


def _rating_widgets(ref: str, assessment: Assessment, *, compact: bool = False) -> None:
    lang = state.lang()
    rating = assessment.sdg_rating(ref)

    def set_impact(a: Assessment, v: int | None) -> None:
        _goal_rating(a, ref).impact = v

    def set_direct(a: Assessment, v: str | None) -> None:
        _goal_rating(a, ref).direct = v != "indirect"

    def set_certainty(a: Assessment, v: str | None) -> None:
        _goal_rating(a, ref).certainty = Certainty(v or "medium")

    def set_comment(a: Assessment, v: str) -> None:
        _goal_rating(a, ref).comment = v

    if compact:
        c1, c2 = st.columns([2, 3])
        with c1:
            model_text.impact_input(
                tr("impact"), state.wkey("sdg", ref, "impact"), rating.impact if rating else None, set_impact
            )
        with c2:
            fields.text(
                tr("comment"),
                state.wkey("sdg", ref, "comment"),
                rating.comment if rating else "",
                set_comment,
            )
        return
    model_text.impact_input(
        tr("impact"), state.wkey("sdg", ref, "impact"), rating.impact if rating else None, set_impact
    )
    c1, c2 = st.columns(2)
    with c1:
        fields.segmented(
            tr("direct_or_indirect"),
            state.wkey("sdg", ref, "direct"),
            ["direct", "indirect"],
            "direct" if rating is None or rating.direct else "indirect",
            set_direct,
            format_func=lambda v: tr(str(v)),
        )
    with c2:
        levels = {c.id: c for c in rus_model().certainty}
        fields.segmented(
            tr("certainty"),
            state.wkey("sdg", ref, "certainty"),
            list(levels),
            str(rating.certainty) if rating else "medium",
            set_certainty,
            format_func=lambda v: levels[v].label.get(lang) if v in levels else str(v),
        )
    fields.text(
        tr("comment"),
        state.wkey("sdg", ref, "comment"),
        rating.comment if rating else "",
        set_comment,
        area=True,
        height=80,
    )


def _detail(assessment: Assessment, goal: int) -> None:
    lang = state.lang()
    with st.container(key=f"sdgfocus{goal}"):
        st.subheader(f"{goal} · {knowledge.goal_title(goal, lang)}")
        st.caption(knowledge.goal_long_title(goal, lang))
        _rating_widgets(f"sdg:{goal}", assessment)
        codes = knowledge.targets_of(goal)
        rated = [c for c in codes if (r := assessment.sdg_rating(c)) is not None and r.impact is not None]
        with st.expander(tr("targets_drill", n=len(codes), rated=len(rated)), expanded=bool(rated)):
            for code in codes:
                st.markdown(f"**{code}** {knowledge.target_title(code, lang)}")
                _rating_widgets(code, assessment, compact=True)


def _hints(assessment: Assessment) -> None:
    st.markdown(f"#### {tr('latent_title')}")
    result = findings.findings(assessment)
    latent = result.latent_conflicts
    synergies = result.synergies
    if not latent and not synergies:
        st.caption(tr("latent_none"))
        return
    for i, hint in enumerate(latent[:6]):
        _hint_card(hint, i)
    for i, hint in enumerate(synergies[:4]):
        _hint_card(hint, i)


def _hint_card(hint: Finding, index: int) -> None:
    source = labels.ref_label(hint.source)
    target = labels.ref_label(hint.target)
    warning = hint.kind != "synergy"
    with st.container(border=True):
        if warning:
            st.markdown(f"{icons.WARNING} {tr('latent_line', source=md(source), target=md(target))}")
        else:
            st.markdown(f"{icons.SYNERGY} {tr('synergy_line', source=md(source), target=md(target))}")
        st.caption(
            f"{md(hint.explanation)} — {md(hint.source_text)}" if hint.source_text else md(hint.explanation)
        )
        parsed = parse_ref(hint.target)
        c1, c2 = st.columns(2)
        if parsed.kind in ("sdg", "target"):
            goal = goal_number(str(parsed))
            c1.button(
                tr("assess_goal", n=goal),
                key=f"hint:{hint.kind}:{index}:{hint.target}",
                on_click=focus,
                args=(goal,),
                type="primary" if warning else "secondary",
            )
        if warning:
            c2.button(
                tr("not_here"),
                key=f"nothere:{index}:{hint.source}:{hint.target}",
                help=tr("not_here_help"),
                on_click=_not_here,
                args=(hint.source, hint.target),
            )


def _not_here(source: str, target: str) -> None:
    """The group judges that this interaction does not hold in its case: record score 0, which
    overrides the knowledge base for this assessment (and can be changed in the table)."""

    def add(a: Assessment) -> None:
        a.interactions = [i for i in a.interactions if not (i.source == source and i.to == target)]
        a.interactions.append(Interaction(source=source, to=target, score=0, note=tr("not_here_note")))

    state.update(add)


INTERACTION_COLUMNS = ["from", "to", "score", "note"]


def _interactions(assessment: Assessment) -> None:
    """The workshop's own interaction scores, which beat the generic knowledge base."""
    st.caption(tr("interactions_help"))
    refs = [f"sdg:{n}" for n in knowledge.goal_numbers()]
    refs += sorted({r.target for r in assessment.sdg if r.target is not None})
    names = {ref: labels.ref_label(ref) for ref in refs}
    scale = {v: model_text.impact_label(v) for v in model_text.SCALE}

    def name_of(ref: object) -> str:
        return names.get(str(ref), str(ref))

    def scale_of(value: object) -> str:
        return scale.get(value, str(value)) if isinstance(value, int) else str(value)

    def save(rows: list[dict[str, Any]]) -> None:
        items: list[Interaction] = []
        seen: set[tuple[str, str]] = set()
        for row in rows:
            source, target, score = row.get("from"), row.get("to"), row.get("score")
            if not source or not target or score is None or source == target:
                continue  # a row being filled in
            if (source, target) in seen:
                continue
            seen.add((source, target))
            items.append(
                Interaction(
                    source=str(source), to=str(target), score=int(score), note=str(row.get("note") or "")
                )
            )
        state.update(lambda a: setattr(a, "interactions", items))

    rows = edit_table(
        state.wkey("interactions"),
        [{"from": i.source, "to": i.to, "score": i.score, "note": i.note} for i in assessment.interactions],
        INTERACTION_COLUMNS,
        {
            "from": st.column_config.SelectboxColumn(
                tr("interaction_from"), options=refs, format_func=name_of
            ),
            "to": st.column_config.SelectboxColumn(tr("interaction_to"), options=refs, format_func=name_of),
            "score": st.column_config.SelectboxColumn(
                tr("interaction_score"), options=model_text.SCALE, format_func=scale_of
            ),
            "note": st.column_config.TextColumn(tr("comment"), width="large"),
        },
        save,
    )
    # Not Streamlit's required cells (their note is English only): say here which rows are not
    # saved yet and why.
    waiting = incomplete_rows(rows, ["from", "to", "score"])
    if waiting:
        st.warning(tr("interactions_incomplete", rows=", ".join(str(n) for n in waiting)))


def _same_as_text(assessment: Assessment, rus_id: str, lang: str) -> str:
    """Where a step-2 goal is a RUS goal of step 1 (a smart-specialisation area): its rating there."""
    goal = rus_model().rus_goal(rus_id)
    title = md(goal.title.get(lang) if goal is not None else rus_id)
    rating = next((r for r in assessment.rus if r.goal == rus_id and r.impact is not None), None)
    if rating is None or rating.impact is None:
        return tr("other_goal_same_as_unrated", goal=title)
    return tr("other_goal_same_as", goal=title, impact=signed(rating.impact))


def _other_goals(assessment: Assessment) -> None:
    lang = state.lang()
    same_as = same_as_rus()
    st.caption(tr("other_goals_help"))
    for i, other in enumerate(assessment.other_goals):
        ref = other.ref

        def set_impact(a: Assessment, v: int | None, ref: str = ref) -> None:
            for o in a.other_goals:
                if o.ref == ref:
                    o.impact = v

        def set_comment(a: Assessment, v: str, ref: str = ref) -> None:
            for o in a.other_goals:
                if o.ref == ref:
                    o.comment = v

        def remove(ref: str = ref) -> None:
            state.update(lambda a: setattr(a, "other_goals", [o for o in a.other_goals if o.ref != ref]))

        with st.container(border=True):
            st.markdown(f"**{md(labels.ref_label(other.ref))}**")
            rus_id = same_as.get((other.framework, other.goal))
            if rus_id is not None:
                st.caption(_same_as_text(assessment, rus_id, lang))
            c1, c2, c3 = st.columns([3, 4, 1], vertical_alignment="bottom")
            with c1:
                model_text.impact_input(
                    tr("impact"), state.wkey("og", i, ref, "impact"), other.impact, set_impact
                )
            with c2:
                fields.text(tr("comment"), state.wkey("og", i, ref, "comment"), other.comment, set_comment)
            c3.button(tr("remove"), key=state.wkey("og_del", ref), on_click=remove)
    framework_ids = knowledge.framework_ids()
    if not framework_ids:
        return
    c1, c2, c3 = st.columns([2, 3, 1], vertical_alignment="bottom")
    framework = c1.selectbox(
        tr("framework"),
        framework_ids,
        key="og_new_framework",
        format_func=fields.frozen(framework_ids, lambda f: knowledge.framework_title(f, lang)),
    )
    taken = {o.goal for o in assessment.other_goals if o.framework == framework}
    goals = [g for g in knowledge.framework_goals(str(framework)) if g not in taken]
    c2.selectbox(
        tr("goal"),
        goals,
        # Keyed by framework: a goal chosen under another framework must not carry over (the
        # pair would be an unknown goal of this framework, which the store refuses).
        key=f"og_new_goal:{framework}",
        format_func=fields.frozen(goals, lambda g: knowledge.other_goal_title(str(framework), g, lang)),
    )
    c3.button(tr("add"), key="og_add", on_click=_add_other_goal)


def _add_other_goal() -> None:
    framework = st.session_state.get("og_new_framework")
    goal = st.session_state.get(f"og_new_goal:{framework}")
    if not framework or not goal or goal not in knowledge.framework_goals(str(framework)):
        return

    def add(a: Assessment) -> None:
        if not any(o.framework == framework and o.goal == goal for o in a.other_goals):
            a.other_goals.append(OtherGoalRating(framework=str(framework), goal=str(goal)))

    state.update(add)


def _perspectives(assessment: Assessment) -> None:
    lang = state.lang()
    for p in rus_model().perspectives:

        def setter(a: Assessment, v: str, pid: str = p.id) -> None:
            setattr(a.perspectives, pid, v)

        fields.text(
            f"{p.title.get(lang)} — {p.question.get(lang)}",
            state.wkey("persp", p.id),
            str(getattr(assessment.perspectives, p.id, "")),
            setter,
            area=True,
            height=90,
        )


def render() -> None:
    assessment = state.current()
    assert assessment is not None
    step = rus_model().step("sustainability")
    rated = {r.goal_number for r in assessment.sdg if r.impact is not None}
    focused = st.session_state.get(FOCUS_KEY)
    negative = frozenset(_negative_goals(assessment))
    st.markdown(
        _tile_css(rated, focused if isinstance(focused, int) else None, negative), unsafe_allow_html=True
    )
    model_text.step_header(step)
    tabs = st.tabs(
        [
            tr("tab.agenda"),
            tr("tab.other_goals"),
            t("frame.ui_dnsh_tab", state.lang()),
            tr("tab.perspectives"),
            tr("tab.checklists"),
            tr("tab.interactions"),
            tr("tab.questions_positions"),
        ]
    )
    with tabs[0]:
        _tiles(assessment)
        left, right = st.columns([3, 2], gap="large")
        goal = st.session_state.get(FOCUS_KEY)
        with left:
            if isinstance(goal, int):
                _detail(assessment, goal)
            else:
                st.info(tr("pick_a_tile"))
        with right:
            _hints(assessment)
    with tabs[1]:
        _other_goals(assessment)
        frame.contradictions(assessment, "og", step="sustainability")
    with tabs[2]:
        frame.dnsh_screening(assessment)
    with tabs[3]:
        _perspectives(assessment)
    with tabs[4]:
        for record in step.records:
            if record.kind == "checklist" and record.checklist:
                model_text.checklist(record.checklist, assessment)
    with tabs[5]:
        _interactions(assessment)
    with tabs[6]:
        model_text.questions(step.questions, assessment, title=tr("guiding_questions"))
        st.divider()
        model_text.positions(
            "sustainability",
            assessment,
            labels.all_refs(assessment),
            lambda r: labels.ref_label(r, assessment),
        )
    model_text.next_step("sdg")
