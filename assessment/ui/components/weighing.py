"""Tyréns' weighing helper as cards: criteria with a weight, each option a card with one 0–10
control per criterion, the result with what is still missing and how sensitive it is.

No wide grid: each score is a segmented control (nothing selected = not scored yet), so it can be
filled in on a projector or a laptop without scrolling a table sideways. The rules (missing is
not 0, the ranges, the weight flip) are the library's: `Weighing` and
`assessment.workshop.weighing.weighing_result`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from assessment.domain import Assessment
from assessment.domain.assessment import Conflict, Criterion, Option, Weighing, name_problem
from assessment.formats import decimal
from assessment.i18n import t
from assessment.ui import state
from assessment.ui.components import icons
from assessment.ui.components.text import md
from assessment.ui.state import tr
from assessment.workshop.weighing import WeighingResult, weighing_result

SCORES = list(range(11))


def _digest(*parts: str) -> str:
    return hashlib.blake2s("\x1f".join(parts).encode(), digest_size=5).hexdigest()


def _key(cid: str, *parts: str) -> str:
    return state.wkey("c", cid, "wg", _digest(*parts))


def _saved(cid: str) -> Weighing:
    assessment = state.current()
    conflict = next((c for c in assessment.conflicts if c.id == cid), None) if assessment else None
    return (conflict.weighing if conflict is not None else None) or Weighing()


def _change(cid: str, change: Callable[[Weighing], Weighing]) -> None:
    def apply(a: Assessment) -> None:
        for c in a.conflicts:
            if c.id == cid:
                c.weighing = change(c.weighing or Weighing())

    state.update(apply)


def _number(value: float) -> str:
    return decimal(value, state.lang()) if value != int(value) else str(int(value))


def _remove_button(
    column: DeltaGenerator, cid: str, what: str, name: str, remove: Callable[[str, str], None]
) -> None:
    """The delete button of a criterion or an option (``what``), named in its tooltip."""
    column.button(
        tr("remove"),
        icon=":material/delete:",
        key=_key(cid, f"remove_{what}", name),
        help=tr(f"weighing_remove_{what}", name=name),
        on_click=remove,
        args=(cid, name),
    )


# -- criteria ---------------------------------------------------------------------------------


def _rename_criterion(cid: str, old: str, key: str) -> None:
    new = str(st.session_state.get(key) or "").strip()
    w = _saved(cid)
    others = [c.name for c in w.criteria if c.name != old]
    problem = name_problem(new, others)
    if problem is not None:
        state.flash("warning", tr(f"weighing_name_{problem}", name=new))
        st.session_state[key] = old
        return

    def change(w: Weighing) -> Weighing:
        criteria = [Criterion(name=new, weight=c.weight) if c.name == old else c for c in w.criteria]
        # The option's scores follow the criterion to its new name.
        options = [
            Option(name=o.name, scores={(new if k == old else k): v for k, v in o.scores.items()})
            for o in w.options
        ]
        return Weighing(criteria=criteria, options=options)

    _change(cid, change)


def _set_weight(cid: str, name: str, key: str) -> None:
    value = st.session_state.get(key)
    weight = float(value) if value is not None else 0.0
    _change(
        cid,
        lambda w: Weighing(
            criteria=[Criterion(name=c.name, weight=weight) if c.name == name else c for c in w.criteria],
            options=w.options,
        ),
    )


def _remove_criterion(cid: str, name: str) -> None:
    _change(
        cid,
        lambda w: Weighing(
            criteria=[c for c in w.criteria if c.name != name],
            options=[
                Option(name=o.name, scores={k: v for k, v in o.scores.items() if k != name})
                for o in w.options
            ],
        ),
    )


def _add_criterion(cid: str, name_key: str, weight_key: str) -> None:
    name = str(st.session_state.get(name_key) or "").strip()
    weight = float(st.session_state.get(weight_key) or 0.0)
    problem = name_problem(name, [c.name for c in _saved(cid).criteria])
    if problem is not None:
        state.flash("warning", tr(f"weighing_name_{problem}", name=name))
        return
    _change(
        cid,
        lambda w: Weighing(criteria=[*w.criteria, Criterion(name=name, weight=weight)], options=w.options),
    )


def _criteria(cid: str, weighing: Weighing) -> None:
    st.markdown(f"**{tr('criteria')}**")
    for c in weighing.criteria:
        name_col, weight_col, remove_col = st.columns([4, 2, 2], vertical_alignment="bottom")
        name_key = _key(cid, "criterion", c.name)
        name_col.text_input(
            tr("criterion"),
            value=c.name,
            key=name_key,
            on_change=_rename_criterion,
            args=(cid, c.name, name_key),
        )
        weight_key = _key(cid, "weight", c.name)
        weight_col.number_input(
            tr("weight"),
            min_value=0.0,
            max_value=100.0,
            value=float(c.weight),
            step=1.0,
            key=weight_key,
            on_change=_set_weight,
            args=(cid, c.name, weight_key),
        )
        _remove_button(remove_col, cid, "criterion", c.name, _remove_criterion)
    with st.form(state.wkey("c", cid, "wg", "add_criterion"), clear_on_submit=True, border=False):
        name_col, weight_col, add_col = st.columns([4, 2, 3], vertical_alignment="bottom")
        name_key = state.wkey("c", cid, "wg", "new_criterion")
        weight_key = state.wkey("c", cid, "wg", "new_weight")
        name_col.text_input(
            tr("weighing_new_criterion"), key=name_key, placeholder=tr("weighing_criterion_hint")
        )
        weight_col.number_input(
            tr("weight"), min_value=0.0, max_value=100.0, value=1.0, step=1.0, key=weight_key
        )
        add_col.form_submit_button(
            tr("weighing_add_criterion"), on_click=_add_criterion, args=(cid, name_key, weight_key)
        )


# -- options ----------------------------------------------------------------------------------


def _rename_option(cid: str, old: str, key: str) -> None:
    new = str(st.session_state.get(key) or "").strip()
    problem = name_problem(new, [o.name for o in _saved(cid).options if o.name != old])
    if problem is not None:
        state.flash("warning", tr(f"weighing_name_{problem}", name=new))
        st.session_state[key] = old
        return
    _change(
        cid,
        lambda w: Weighing(
            criteria=w.criteria,
            options=[Option(name=new, scores=o.scores) if o.name == old else o for o in w.options],
        ),
    )


def _set_score(cid: str, option: str, criterion: str, key: str) -> None:
    value = st.session_state.get(key)

    def scores(o: Option) -> dict[str, float]:
        kept = {k: v for k, v in o.scores.items() if k != criterion}
        # Nothing selected: the score is missing again (not 0).
        return kept if value is None else {**kept, criterion: float(value)}

    _change(
        cid,
        lambda w: Weighing(
            criteria=w.criteria,
            options=[Option(name=o.name, scores=scores(o)) if o.name == option else o for o in w.options],
        ),
    )


def _remove_option(cid: str, name: str) -> None:
    _change(cid, lambda w: Weighing(criteria=w.criteria, options=[o for o in w.options if o.name != name]))


def _add_option(cid: str, name_key: str) -> None:
    name = str(st.session_state.get(name_key) or "").strip()
    problem = name_problem(name, [o.name for o in _saved(cid).options])
    if problem is not None:
        state.flash("warning", tr(f"weighing_name_{problem}", name=name))
        return
    _change(cid, lambda w: Weighing(criteria=w.criteria, options=[*w.options, Option(name=name)]))


def _option_card(cid: str, weighing: Weighing, option: Option) -> None:
    with st.container(border=True):
        name_col, remove_col = st.columns([3, 1], vertical_alignment="bottom")
        name_key = _key(cid, "option", option.name)
        name_col.text_input(
            tr("option"),
            value=option.name,
            key=name_key,
            on_change=_rename_option,
            args=(cid, option.name, name_key),
        )
        _remove_button(remove_col, cid, "option", option.name, _remove_option)
        for c in weighing.criteria:
            score = option.scores.get(c.name)
            choices = sorted({*SCORES, score}) if score is not None else SCORES
            key = _key(cid, "score", option.name, c.name)
            st.segmented_control(
                f"{c.name} ({tr('weight').lower()} {_number(c.weight)})",
                choices,
                default=score,
                key=key,
                format_func=_number,
                on_change=_set_score,
                args=(cid, option.name, c.name, key),
            )
        missing = weighing.missing(option)
        if missing:
            st.caption(f"{icons.WARNING} " + md(tr("weighing_option_missing", criteria=", ".join(missing))))


def _options(cid: str, weighing: Weighing) -> None:
    st.markdown(f"**{tr('options')}**")
    if weighing.options and not weighing.criteria:
        st.caption(tr("weighing_criteria_first"))
    for option in weighing.options:
        _option_card(cid, weighing, option)
    with st.form(state.wkey("c", cid, "wg", "add_option"), clear_on_submit=True, border=False):
        name_col, add_col = st.columns([7, 2], vertical_alignment="bottom")
        name_key = state.wkey("c", cid, "wg", "new_option")
        name_col.text_input(tr("weighing_new_option"), key=name_key, placeholder=tr("weighing_option_hint"))
        add_col.form_submit_button(tr("weighing_add_option"), on_click=_add_option, args=(cid, name_key))


# -- result -----------------------------------------------------------------------------------


def sensitivity_lines(result: WeighingResult, lang: str) -> list[str]:
    """What could still change the result: the missing scores, then the smallest weight change."""
    lines = [
        t(
            "ui.weighing_pending_can_win" if p.could_win else "ui.weighing_pending_cannot_win",
            lang,
            option=md(p.name),
            count=len(p.missing),
            criteria=md(", ".join(p.missing)),
            low=decimal(p.low, lang),
            high=decimal(p.high, lang),
        )
        for p in result.pending
    ]
    if result.flip is not None:
        lines.append(
            t(
                "workshop.weigh_flip",
                lang,
                criterion=md(result.flip.criterion),
                old=f"{result.flip.old_weight:g}",
                new=decimal(result.flip.new_weight, lang),
                winner=md(result.flip.new_winner),
            )
        )
    elif len(result.ranking) >= 2:
        lines.append(t("workshop.weigh_stable", lang))
    return lines


def _result(weighing: Weighing) -> None:
    result = weighing_result(weighing)
    if not result.ranking and not result.pending:
        return
    lang = state.lang()
    st.markdown(f"**{tr('weighing_result')}**")
    best = result.ranking[0][1] if result.ranking else None
    for name, score in result.ranking:
        st.progress(
            min(score / 10, 1.0),
            text=f"{md(name)}: {decimal(score, lang)} / 10" + (f" {icons.BEST}" if score == best else ""),
        )
    if result.ranking and not result.settled:
        st.warning(tr("weighing_unsettled"), icon=":material/pending:")
    for line in sensitivity_lines(result, lang):
        st.caption(line)


def weighing_cards(conflict: Conflict) -> None:
    cid = conflict.id
    st.caption(tr("weighing_help"))
    _criteria(cid, _saved(cid))
    _options(cid, _saved(cid))
    _result(_saved(cid))
