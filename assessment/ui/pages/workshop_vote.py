"""The participant's view of a workshop: one cell at a time with large buttons, nothing else of
the app. Opened by the link on the projector (``?join=<code>&workshop=<id>``); every rule about
what a participant may see is the store's (`assessment.storage.workshops`)."""

from __future__ import annotations

import streamlit as st

from assessment.domain.refs import ref_label
from assessment.errors import UserError
from assessment.i18n import t
from assessment.ui import state
from assessment.ui.components import score_keys
from assessment.ui.components.text import md
from assessment.ui.session import get_user
from assessment.ui.store import get_store
from assessment.workshop import SCALE, Board, prefill, triage, values

PARAM = "workshop"
_INDEX = "_ws_cell_index"
_MODE = "_ws_mode"

_CSS = """
<style>
.st-key-ws_scale button {min-height: 3.6rem; font-size: 1.15rem;}
.st-key-ws_scale button p {font-size: 1.05rem !important; white-space: pre-line; line-height: 1.2;
  overflow-wrap: normal; word-break: normal; hyphens: manual; text-overflow: clip;}
.st-key-ws_scale button div {overflow: visible; text-overflow: clip;}
.st-key-ws_nav button {min-height: 3rem;}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none;}
.block-container {max-width: 1040px;}
</style>
"""


def _tr(key: str, /, **params: object) -> str:
    return t(f"workshop.{key}", state.lang(), **params)


def requested() -> str | None:
    """The workshop id of the participant link, if this browser opened one."""
    value = st.query_params.get(PARAM)
    return str(value)[:64] if value else None


def scale_word(score: int) -> str:
    from assessment.knowledge.interactions import SCALE as WORDS

    return t(f"analysis.scale_{WORDS[score]}", state.lang())


def button_word(score: int) -> str:
    """The scale's word for a narrow button: the same word with soft hyphens where it may break."""
    from assessment.knowledge.interactions import SCALE as WORDS

    return _tr(f"button_{WORDS[score]}")


def signed(score: int) -> str:
    return f"+{score}" if score > 0 else f"−{-score}" if score < 0 else "0"


def cell_order(board: Board) -> list[tuple[str, str]]:
    """Every cell, in the triage order of the knowledge-base pre-fill alone: fixed for the session,
    so no cell moves under a participant's finger when others vote or the facilitator locks."""
    codes = board.info.codes
    pre = prefill(codes)
    return [item.cell for item in triage(codes, values(codes, {}, pre), pre, {})]


def _vote(workshop_id: str, cell: tuple[str, str], score: int) -> None:
    comment = str(st.session_state.get(f"ws_comment|{cell[0]}|{cell[1]}") or "")
    try:
        get_store().cast_vote(get_user(), workshop_id, cell, score, comment)
    except UserError as err:
        state.flash("error", err.message(state.lang()))
        return
    st.session_state[_INDEX] = int(st.session_state.get(_INDEX, 0)) + 1


def _step(delta: int, total: int) -> None:
    st.session_state[_INDEX] = max(0, min(total - 1, int(st.session_state.get(_INDEX, 0)) + delta))


def _cell_card(board: Board) -> None:
    order = cell_order(board)
    index = min(int(st.session_state.get(_INDEX, 0)), len(order) - 1)
    st.session_state[_INDEX] = index
    cell = order[index]
    source, target = cell
    lang = state.lang()
    answered = sum(1 for c in order if c in board.mine)
    st.progress(answered / len(order), text=_tr("progress", done=answered, total=len(order), n=index + 1))
    st.markdown(f"#### {_tr('question')}")
    st.markdown(f"**{md(ref_label(source, lang))}**")
    st.markdown(f"↓ {_tr('influences')}")
    st.markdown(f"**{md(ref_label(target, lang))}**")
    shown = board.cells.get(cell)
    if shown is not None and shown.locked:
        agreed = (
            _tr("agreed_none")
            if shown.agreed is None
            else f"{signed(shown.agreed)} {scale_word(shown.agreed)}"
        )
        st.success(_tr("locked_as", score=agreed))
    else:
        mine = board.mine.get(cell)
        if mine is not None:
            st.caption(_tr("your_score", score=f"{signed(mine.score)} {scale_word(mine.score)}"))
        with st.container(key="ws_scale"):
            columns = st.columns(len(SCALE))
            for column, score in zip(columns, reversed(SCALE), strict=True):
                column.button(
                    f"{signed(score)}\n{button_word(score)}",
                    key=f"ws_vote|{source}|{target}|{score}",
                    type="primary" if mine is not None and mine.score == score else "secondary",
                    width="stretch",
                    on_click=_vote,
                    args=(board.info.id, cell, score),
                )
        st.caption(_tr("keys_vote"))
        st.text_input(
            _tr("comment"),
            key=f"ws_comment|{source}|{target}",
            value=mine.comment if mine is not None else "",
            max_chars=2000,
        )
    # Only revealed cells, even for a facilitator who opens this view (the store already hides
    # other cells' votes from participants).
    if shown is not None and shown.revealed and shown.spread is not None and shown.spread.n:
        counts = ", ".join(
            f"{signed(score)}: {shown.spread.count(score)}"
            for score in reversed(SCALE)
            if shown.spread.count(score)
        )
        st.info(_tr("revealed_votes", counts=counts, kind=_tr(f"kind.{shown.spread.kind}")))
    # Digit keys score as the buttons above do (drawn +3 … −3); arrows page through the cells.
    score_keys.install("ws_scale", list(reversed(SCALE)), nav_key="ws_nav")
    with st.container(key="ws_nav"):
        back, forward = st.columns(2)
        back.button(_tr("previous"), key="ws_prev", on_click=_step, args=(-1, len(order)), width="stretch")
        forward.button(_tr("next"), key="ws_next", on_click=_step, args=(1, len(order)), width="stretch")


def _dots(board: Board) -> None:
    codes = board.info.codes
    matrix = values(codes, board.agreed, prefill(codes))
    conflicts = [
        (codes[i], codes[j]) for i in range(len(codes)) for j in range(len(codes)) if matrix[i, j] < 0
    ]
    used = sum(board.my_dots.values())
    st.markdown(f"#### {_tr('dots_title')}")
    st.caption(_tr("dots_intro", left=board.info.dots - used, total=board.info.dots))
    if not conflicts:
        st.info(_tr("dots_none"))
        return
    lang = state.lang()
    for cell in sorted(conflicts, key=lambda c: -board.dots.get(c, 0)):
        mine = board.my_dots.get(cell, 0)
        text = f"{md(ref_label(cell[0], lang))} → {md(ref_label(cell[1], lang))}"
        left, minus, plus = st.columns([6, 1, 1])
        left.markdown(f"{text}  \n{_tr('dots_count', total=board.dots.get(cell, 0), mine=mine)}")
        minus.button(
            "−",
            key=f"ws_dot_minus|{cell[0]}|{cell[1]}",
            disabled=mine == 0,
            on_click=_place,
            args=(board.info.id, cell, mine - 1),
        )
        plus.button(
            "+",
            key=f"ws_dot_plus|{cell[0]}|{cell[1]}",
            disabled=used >= board.info.dots,
            on_click=_place,
            args=(board.info.id, cell, mine + 1),
        )


def _place(workshop_id: str, cell: tuple[str, str], count: int) -> None:
    try:
        get_store().place_dots(get_user(), workshop_id, cell, count)
    except UserError as err:
        state.flash("error", err.message(state.lang()))


def render(workshop_id: str) -> None:
    """The whole participant screen (the app frame draws nothing else)."""
    st.markdown(_CSS, unsafe_allow_html=True)
    store, user = get_store(), get_user()
    try:
        board = store.workshop_board(user, workshop_id)
    except UserError as err:
        st.error(err.message(state.lang()))
        return
    st.markdown(f"### {md(board.info.title or _tr('untitled'))}")
    st.caption(_tr("anonymous_note") if board.info.anonymous else _tr("named_note"))
    state.show_flashes()
    mode = st.segmented_control(
        _tr("mode"),
        ["score", "dots"],
        default="score",
        key=_MODE,
        format_func=lambda m: _tr(f"mode_{m}"),
        label_visibility="collapsed",
    )
    if mode == "dots":
        _dots(board)
    else:
        _cell_card(board)
