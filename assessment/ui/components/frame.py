"""Widgets for the legal and policy frame: the DNSH screening (step 2) and the Sami consultation
record (step 3). The rules (which answers need reasons, what counts as consultation, which
ratings contradict each other) live in `assessment.domain.frame`; this only shows and edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import get_args

import streamlit as st

from assessment.domain import Assessment, Consultation, DnshAnswer
from assessment.domain.assessment import ConsultationParty, DnshAnswerId
from assessment.domain.frame import (
    StepId,
    consistency_checks,
    consultation_notes,
    dnsh_framework,
    dnsh_gaps,
)
from assessment.i18n import t
from assessment.ui import state
from assessment.ui.components import fields
from assessment.ui.components.text import md
from assessment.ui.state import tr

ANSWERS: tuple[str, ...] = get_args(DnshAnswerId)
PARTIES: tuple[str, ...] = get_args(ConsultationParty)


def _ft(key: str) -> str:
    return t(f"frame.{key}", state.lang())


def dnsh_screening(assessment: Assessment) -> None:
    """One answer and a reason per environmental objective, then gaps and contradictions."""
    lang = state.lang()
    framework = dnsh_framework()
    st.caption(framework.note.get(lang) if framework.note else "")
    for objective_id, objective in framework.goals.items():
        current = assessment.dnsh.get(objective_id, DnshAnswer())

        def set_answer(a: Assessment, v: str | None, oid: str = objective_id) -> None:
            a.dnsh.setdefault(oid, DnshAnswer()).answer = v  # type: ignore[assignment]

        def set_reason(a: Assessment, v: str, oid: str = objective_id) -> None:
            a.dnsh.setdefault(oid, DnshAnswer()).reason = v

        with st.container(border=True):
            st.markdown(f"**{md(objective.title.get(lang))}**")
            c1, c2 = st.columns([2, 3])
            with c1:
                fields.select(
                    _ft("ui_dnsh_answer"),
                    state.wkey("dnsh", objective_id, "answer"),
                    ANSWERS,
                    current.answer,
                    set_answer,
                    format_func=lambda v: _ft(f"dnsh_answer_{v}"),
                    placeholder=tr("choose"),
                )
            with c2:
                fields.text(
                    _ft("ui_reason"),
                    state.wkey("dnsh", objective_id, "reason"),
                    current.reason,
                    set_reason,
                    area=True,
                    height=80,
                )
    for gap in dnsh_gaps(assessment):
        st.warning(gap.message(lang).split(": ", 1)[-1])
    contradictions(assessment, "dnsh")


def contradictions(assessment: Assessment, where: str, step: StepId | None = None) -> None:
    """Ratings that contradict each other across frameworks, each with a reason to edit; with
    ``step``, those with a rating made in that step (the library decides which)."""
    found = consistency_checks(assessment, step)
    if not found:
        return
    lang = state.lang()
    st.subheader(_ft("consistency_title"))
    for i, item in enumerate(found):
        st.warning(item.message.message(lang).split(": ", 1)[-1])
        st.text_area(
            _ft("ui_draft_reason"),
            value=t(item.draft.key, lang, **item.draft.params),
            key=state.wkey("frame_draft", where, i, *item.refs),
            height=80,
        )


def sami_consultation(assessment: Assessment) -> None:
    """Lag (2022:66): is the matter of particular significance for the Sami, and the record."""
    lang = state.lang()
    record = assessment.sami_consultation
    st.subheader(_ft("ui_consultation_title"))

    def set_significant(a: Assessment, v: str | None) -> None:
        a.sami_consultation.significant = v  # type: ignore[assignment]

    def set_reason(a: Assessment, v: str) -> None:
        a.sami_consultation.reason = v

    def set_land(a: Assessment, v: bool) -> None:
        a.sami_consultation.land_use = v

    fields.segmented(
        _ft("ui_significant"),
        state.wkey("sami", "significant"),
        ["yes", "no", "unclear"],
        record.significant,
        set_significant,
        format_func=lambda v: tr(f"answer.{v}"),
    )
    fields.text(
        _ft("ui_reason"), state.wkey("sami", "reason"), record.reason, set_reason, area=True, height=80
    )
    fields.toggle(_ft("ui_land_use"), state.wkey("sami", "land_use"), record.land_use, set_land)
    for note in consultation_notes(assessment):
        text = note.message(lang).split(": ", 1)[-1]
        if note.key.endswith(("_done", "_not_significant")):
            st.success(text)
        elif note.key == "frame.land_use_hint":
            st.info(text)
        else:
            st.warning(text)
    for i, item in enumerate(record.consultations):
        _consultation(i, item)
    if st.button(_ft("ui_add_consultation"), key=state.wkey("sami", "add")):
        state.update(lambda a: a.sami_consultation.consultations.append(Consultation(party="sametinget")))
        st.rerun()


def _consultation(i: int, item: Consultation) -> None:
    def setter(field: str) -> Callable[[Assessment, object], None]:
        def apply(a: Assessment, v: object) -> None:
            if i < len(a.sami_consultation.consultations):
                setattr(a.sami_consultation.consultations[i], field, v)

        return apply

    def drop(a: Assessment) -> None:
        del a.sami_consultation.consultations[i]

    def remove() -> None:
        state.update(drop)

    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 3, 2])
        with c1:
            fields.select(
                _ft("ui_party"),
                state.wkey("sami", i, "party"),
                PARTIES,
                item.party,
                setter("party"),
                format_func=lambda v: _ft(f"party_{v}"),
            )
        with c2:
            fields.text(_ft("ui_party_name"), state.wkey("sami", i, "name"), item.name, setter("name"))
        with c3:
            fields.date(_ft("ui_date"), state.wkey("sami", i, "date"), item.date, setter("date"))
        fields.text(
            _ft("ui_outcome"),
            state.wkey("sami", i, "outcome"),
            item.outcome,
            setter("outcome"),
            area=True,
            height=70,
        )
        c4, c5 = st.columns([4, 1], vertical_alignment="bottom")
        with c4:
            fields.checkbox(
                _ft("ui_informed_only"),
                state.wkey("sami", i, "informed"),
                item.informed_only,
                setter("informed_only"),
            )
        c5.button(tr("remove"), key=state.wkey("sami", i, "remove"), on_click=remove)
