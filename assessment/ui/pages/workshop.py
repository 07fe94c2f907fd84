"""Workshop mode, the facilitator's page: set up a cross-impact matrix, invite the room (code,
link, QR), watch private scores arrive, reveal, lock with the agreed score, and see the results
(SEI metrics, clusters, robustness) at once. Thin: every rule and number comes from
`assessment.workshop` and the store; participants use `assessment.ui.pages.workshop_vote`."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from assessment import formats
from assessment.domain import Assessment
from assessment.domain.refs import bare_code, ref_label
from assessment.errors import UserError
from assessment.i18n import t
from assessment.knowledge.sdg import sdg_catalog
from assessment.ui import auth, state
from assessment.ui.components import score_keys
from assessment.ui.components.charts import plotly_config
from assessment.ui.components.text import md
from assessment.ui.pages.workshop_vote import PARAM, scale_word, signed
from assessment.ui.session import get_user
from assessment.ui.store import get_store
from assessment.workshop import (
    SCALE,
    Board,
    agreed_interactions,
    cell_coverage,
    prefill,
    read_upload,
    results,
    suggested_codes,
    to_csv,
    to_xlsx,
    triage,
    values,
    with_interactions,
)
from assessment.workshop.codes import MAX_CODES, MIN_CODES, Cell, sorted_codes
from assessment.workshop.consensus import explain
from assessment.workshop.pdf import workshop_pdf

_SESSION = "_ws_session"
_CELL = "_ws_cell"
_INVITE = "_ws_invite"
_SEEN_VERSION = "_ws_seen_version"
POLL_SECONDS = 1.0  # the facilitator sees a new vote within 2 s


def _tr(key: str, /, **params: object) -> str:
    return t(f"workshop.{key}", state.lang(), **params)


def _label(ref: str) -> str:
    lang = state.lang()
    return _code_labels(lang).get(ref) or ref_label(ref, lang)


def _cell_label(cell: tuple[str, str]) -> str:
    return f"{cell[0].removeprefix('sdg:')} → {cell[1].removeprefix('sdg:')}"


@functools.cache
def _all_codes() -> tuple[str, ...]:
    catalog = sdg_catalog()
    codes: list[str] = []
    for number in range(1, 18):
        codes.append(f"sdg:{number}")
        codes.extend(target.code for target in catalog.targets_of(number))
    return tuple(codes)


@functools.cache
def _code_labels(lang: str) -> dict[str, str]:
    """Every goal's and target's label (the set-up list shows all 186 on every rerun)."""
    return {code: ref_label(code, lang) for code in _all_codes()}


def _error(err: UserError) -> None:
    state.flash("error", err.message(state.lang()))


# -- set-up -------------------------------------------------------------------------------------


def _create(assessment_id: str) -> None:
    codes = sorted_codes(st.session_state.get("ws_new_codes") or [])
    try:
        info = get_store().create_workshop(
            get_user(),
            assessment_id,
            codes,
            title=str(st.session_state.get("ws_new_title") or ""),
            anonymous=bool(st.session_state.get("ws_new_anonymous", True)),
            dots=int(st.session_state.get("ws_new_dots") or 0),
        )
    except UserError as err:
        _error(err)
        return
    st.session_state[_SESSION] = info.id


def _setup(assessment_id: str) -> None:
    assessment = state.current()
    suggested = suggested_codes(assessment) if assessment is not None else []
    with st.form("ws_new", border=True):
        st.markdown(f"**{_tr('setup_title')}**")
        st.caption(_tr("setup_help", min=MIN_CODES, max=MAX_CODES))
        st.text_input(_tr("session_title"), key="ws_new_title", max_chars=500)
        labels = _code_labels(state.lang())
        st.multiselect(
            _tr("codes"),
            list(_all_codes()),
            default=[c for c in suggested if len(suggested) >= MIN_CODES] or None,
            key="ws_new_codes",
            format_func=labels.__getitem__,
            max_selections=MAX_CODES,
            placeholder=state.tr("choose"),
            # As in fields.multiselect: no English "Select all", substring matching.
            select_all=False,
            filter_mode="contains",
        )
        c1, c2 = st.columns(2)
        c1.toggle(_tr("anonymous"), value=True, key="ws_new_anonymous")
        c2.number_input(_tr("dots_per_person"), min_value=0, max_value=20, value=3, key="ws_new_dots")
        st.form_submit_button(_tr("create"), type="primary", on_click=_create, args=(assessment_id,))


def _import(assessment_id: str) -> None:
    upload = st.session_state.get("ws_upload")
    if upload is None:
        return
    try:
        matrix = read_upload(upload.getvalue(), upload.name)
        scores = {
            (a, b): int(matrix.values[i, j])
            for i, a in enumerate(matrix.codes)
            for j, b in enumerate(matrix.codes)
            if i != j
        }
        # One transaction: a refused matrix leaves no empty session behind.
        info = get_store().create_workshop(
            get_user(),
            assessment_id,
            matrix.codes,
            title=upload.name[:200],
            agreed=scores,
            comment=_tr("imported_from", file=upload.name[:200]),
        )
    except UserError as err:
        _error(err)
        return
    st.session_state[_SESSION] = info.id
    state.flash("success", _tr("imported", count=len(matrix.codes)))


# -- the room -----------------------------------------------------------------------------------


def _invite(assessment_id: str, workshop_id: str) -> None:
    expires = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(hours=4)
    try:
        code = get_store().create_share(get_user(), assessment_id, "viewer", expires)
    except UserError as err:
        _error(err)
        return
    st.session_state[_INVITE] = (workshop_id, code)


def participant_link(code: str, workshop_id: str) -> str:
    try:
        base = (st.context.url or "").split("?")[0]
    except (AttributeError, RuntimeError):
        base = ""
    return f"{base}?{auth.JOIN_PARAM}={code}&{PARAM}={workshop_id}"


def qr_png(text: str) -> bytes:
    """A QR code made on the server (segno, pure Python): no network, no CDN."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def _room(board: Board) -> None:
    invite = st.session_state.get(_INVITE)
    left, right = st.columns([3, 2])
    with left:
        st.metric(_tr("participants"), board.participant_count)
        if board.participants:
            st.caption(", ".join(md(name) for name in board.participants))
        st.button(
            _tr("invite"),
            key="ws_invite",
            icon=":material/qr_code_2:",
            on_click=_invite,
            args=(board.info.assessment_id, board.info.id),
        )
    if invite and invite[0] == board.info.id:
        link = participant_link(invite[1], board.info.id)
        with right:
            st.markdown(f"## `{invite[1]}`")
            st.caption(_tr("invite_help"))
            st.image(qr_png(link), width=260)
            st.code(link, language=None)


# -- cells --------------------------------------------------------------------------------------


def _reveal(workshop_id: str, cells: list[tuple[str, str]], revealed: bool = True) -> None:
    try:
        get_store().reveal_cells(get_user(), workshop_id, cells, revealed)
    except UserError as err:
        _error(err)


def _lock(workshop_id: str, cell: tuple[str, str]) -> None:
    key = f"ws_agreed|{cell[0]}|{cell[1]}"
    score = st.session_state.get(key)
    try:
        get_store().lock_cell(
            get_user(),
            workshop_id,
            cell,
            None if score is None else int(score),
            comment=str(st.session_state.get(f"ws_lock_comment|{cell[0]}|{cell[1]}") or ""),
            dissent=str(st.session_state.get(f"ws_dissent|{cell[0]}|{cell[1]}") or ""),
        )
    except UserError as err:
        _error(err)


def _unlock(workshop_id: str, cell: tuple[str, str]) -> None:
    try:
        get_store().unlock_cell(get_user(), workshop_id, cell)
    except UserError as err:
        _error(err)


# Pixels for the spread column: its longest word in either language ("inga röster", "polariserad")
# at the grid's 14 px font (about 8 px a letter) plus the cell padding.
SPREAD_WIDTH = 112
CELL_WIDTH = 96  # "15.1 → 11.2"


def _cells(board: Board) -> None:
    codes = board.info.codes
    pre = prefill(codes)
    matrix = values(codes, board.agreed, pre)
    spreads = {c: s.spread for c, s in board.cells.items() if s.spread is not None}
    coverage = cell_coverage(codes, board.discussed)
    st.progress(
        coverage.discussed / coverage.total if coverage.total else 0.0,
        text=_tr(
            "coverage",
            done=f"{coverage.discussed:,}".replace(",", " "),
            total=f"{coverage.total:,}".replace(",", " "),
        ),
    )
    order = triage(codes, matrix, pre, spreads, board.discussed)
    top = order[:15]
    rows = []
    for item in top:
        state_ = board.cells.get(item.cell)
        fill = pre.get(item.cell)
        spread_ = state_.spread if state_ is not None else None
        rows.append(
            {
                _tr("col.cell"): _cell_label(item.cell),
                _tr("col.kb"): signed(fill.score) if fill is not None else "",
                _tr("col.votes"): state_.count if state_ is not None else 0,
                _tr("col.spread"): _tr(f"kind.{spread_.kind}") if spread_ is not None else "",
                _tr("col.consensus"): (
                    formats.decimal(spread_.consensus, state.lang(), digits=2)
                    if spread_ is not None and spread_.consensus is not None
                    else ""
                ),
                _tr("col.why"): ", ".join(_tr(f"reason.{r}") for r in item.reasons),
            }
        )
    table, panel = st.columns([3, 2], gap="large")  # side by side on a projector, stacked on a phone
    with table:
        st.markdown(f"**{_tr('triage_title')}**")
        st.caption(_tr("triage_help"))
        if rows:
            # Widths: the spread's words ("polariserad", "inga röster") whole, the reasons get the rest.
            st.dataframe(
                pd.DataFrame(rows),
                hide_index=True,
                width="stretch",
                column_config={
                    _tr("col.cell"): st.column_config.TextColumn(width=CELL_WIDTH),
                    _tr("col.spread"): st.column_config.TextColumn(width=SPREAD_WIDTH),
                    _tr("col.why"): st.column_config.TextColumn(width="large"),
                },
                placeholder="",
            )
            batch = [item.cell for item in top[:5] if item.cell in board.cells]
            st.button(
                _tr("reveal_batch", count=len(batch)),
                key="ws_reveal_batch",
                disabled=not batch,
                on_click=_reveal,
                args=(board.info.id, batch),
            )
    choices = [item.cell for item in order] + sorted(board.discussed)
    current = st.session_state.get(_CELL)
    if current not in choices:
        current = choices[0] if choices else None
    if current is None:
        return
    with panel:
        cell = st.selectbox(
            _tr("cell_pick"),
            choices,
            index=choices.index(current),
            format_func=lambda c: f"{_cell_label(c)} · {_label(c[0])} → {_label(c[1])}",
            key="ws_cell_pick",
        )
        st.session_state[_CELL] = cell
        _cell_panel(board, cell, pre.get(cell))


def _spread_chart(counts: list[int]) -> None:
    """Votes per scale step, −3 on the left (plotly keeps the category order)."""
    import plotly.graph_objects as go

    colours = ["#b2182b", "#ef8a62", "#fddbc7", "#d9d9d9", "#d1e5f0", "#67a9cf", "#2166ac"]
    figure = go.Figure(go.Bar(x=[signed(s) for s in SCALE], y=counts, marker_color=colours))
    figure.update_layout(height=170, margin={"l": 10, "r": 10, "t": 10, "b": 10}, yaxis={"dtick": 1})
    figure.update_xaxes(type="category")
    st.plotly_chart(figure, width="stretch", config=plotly_config(state.lang(), toolbar=False))


def _cell_panel(board: Board, cell: tuple[str, str], fill: object) -> None:
    from assessment.workshop import Prefill

    lang = state.lang()
    shown = board.cells.get(cell)
    with st.container(border=True):
        st.markdown(f"**{md(_label(cell[0]))}** → **{md(_label(cell[1]))}**")
        if isinstance(fill, Prefill):
            basis = _tr("basis_literature") if fill.literature else _tr("basis_project")
            inherited = f" ({_tr('inherited')})" if fill.inherited else ""
            st.caption(
                f"{_tr('kb_says')}: {signed(fill.score)} {scale_word(fill.score)}{inherited} · "
                f"{md(fill.known.rationale.get(lang))} · {_tr('source')}: {md(fill.known.citation)} ({basis})"
            )
        else:
            st.caption(_tr("kb_nothing"))
        if shown is not None and shown.spread is not None and shown.spread.n:
            sp = shown.spread
            iqr = "" if sp.iqr is None else formats.number(sp.iqr, lang)
            consensus = "" if sp.consensus is None else formats.decimal(sp.consensus, lang, digits=2)
            # A polarised cell says which measure made it so (the shares of votes each way).
            kind = explain(sp, lang) if sp.kind == "polarised" else _tr(f"kind.{sp.kind}")
            st.markdown(_tr("spread_line", n=sp.n, kind=kind, consensus=consensus, iqr=iqr))
            _spread_chart([sp.count(s) for s in SCALE])
            notes = [v for v in shown.votes if v.comment]
            for vote in notes:
                who = md(vote.who) if vote.who else _tr("someone")
                st.caption(f"{who} ({signed(vote.score)}): {md(vote.comment)}")
        else:
            st.caption(_tr("no_votes"))
        revealed = shown is not None and shown.revealed
        if shown is not None and shown.locked:
            agreed = (
                _tr("agreed_none")
                if shown.agreed is None
                else f"{signed(shown.agreed)} {scale_word(shown.agreed)}"
            )
            st.success(_tr("locked_as", score=agreed))
            if shown.dissent:
                st.caption(f"{_tr('dissent')}: {md(shown.dissent)}")
            st.button(_tr("unlock"), key="ws_unlock", on_click=_unlock, args=(board.info.id, cell))
            return
        st.button(
            _tr("hide") if revealed else _tr("reveal"),
            key="ws_reveal_one",
            on_click=_reveal,
            args=(board.info.id, [cell], not revealed),
        )
        median = shown.spread.median if shown is not None and shown.spread is not None else None
        with st.container(key="ws_agreed_scale"):
            st.segmented_control(
                _tr("agreed_score"),
                list(reversed(SCALE)),
                default=round(median) if median is not None else None,
                key=f"ws_agreed|{cell[0]}|{cell[1]}",
                format_func=lambda s: f"{signed(s)} {scale_word(s)}",
            )
        st.caption(_tr("keys_agreed"))
        score_keys.install("ws_agreed_scale", list(reversed(SCALE)), keep=True)
        st.text_input(_tr("lock_comment"), key=f"ws_lock_comment|{cell[0]}|{cell[1]}", max_chars=2000)
        st.text_input(_tr("dissent"), key=f"ws_dissent|{cell[0]}|{cell[1]}", max_chars=2000)
        st.button(_tr("lock"), key="ws_lock", type="primary", on_click=_lock, args=(board.info.id, cell))


# -- results ------------------------------------------------------------------------------------


_FIGURES = "_ws_figures"


def _cached_figure(kind: str, key: tuple[object, ...], build: Callable[[], Any]) -> Any:
    """A chart built once per content and language: the facilitator's page reruns on every
    vote, and votes change neither the heat map nor the network (only locks do)."""
    cache: dict[str, tuple[tuple[object, ...], Any]] = st.session_state.setdefault(_FIGURES, {})
    hit = cache.get(kind)
    if hit is not None and hit[0] == key:
        return hit[1]
    figure = build()
    cache[kind] = (key, figure)
    return figure


def _heatmap(board: Board) -> None:
    codes = board.info.codes
    matrix = values(codes, board.agreed, prefill(codes))
    key = (codes, matrix.tobytes(), tuple(sorted(board.agreed)), state.lang())
    figure = _cached_figure("heatmap", key, lambda: _heatmap_figure(codes, matrix, board.agreed))
    st.plotly_chart(figure, width="stretch", config=plotly_config(state.lang()))
    st.caption(_tr("heatmap_help"))


def _heatmap_figure(codes: tuple[str, ...], matrix: Any, agreed: Mapping[Cell, int]) -> Any:
    import plotly.graph_objects as go

    names = [bare_code(c) for c in codes]
    text = [
        [
            "" if i == j else f"{int(matrix[i, j]):+d}".replace("+0", "0") + ("✓" if (a, b) in agreed else "")
            for j, b in enumerate(codes)
        ]
        for i, a in enumerate(codes)
    ]
    figure = go.Figure(
        go.Heatmap(
            z=matrix,
            x=names,
            y=names,
            text=text,
            texttemplate="%{text}",
            zmin=-3,
            zmax=3,
            colorscale="RdBu",
            hovertemplate="%{y} → %{x}: %{z}<extra></extra>",
        )
    )
    size = max(420, 28 * len(codes) + 120)
    figure.update_layout(
        height=size,
        yaxis={"autorange": "reversed", "title": _tr("rows"), "type": "category"},
        xaxis={"side": "top", "type": "category"},
    )
    return figure


def _network(board: Board) -> None:
    codes = board.info.codes
    matrix = values(codes, board.agreed, prefill(codes))
    key = (codes, matrix.tobytes(), state.lang())
    figure = _cached_figure("network", key, lambda: _network_figure(codes, matrix))
    st.plotly_chart(figure, width="stretch", config=plotly_config(state.lang()))
    st.caption(_tr("network_help"))


def _network_figure(codes: tuple[str, ...], matrix: Any) -> Any:
    """The matrix as a network: codes on a circle in SDG order, arrows for |score| ≥ 2 (blue
    reinforcing, red counteracting, wider when stronger); weaker links left out for readability."""
    import math

    import plotly.graph_objects as go

    n = len(codes)
    angle = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
    xs, ys = [math.cos(a) for a in angle], [math.sin(a) for a in angle]
    figure = go.Figure()
    # All arrows in one layout update: plotly validates each add_annotation call on its own.
    arrows = [
        {
            "x": xs[j] * 0.93,
            "y": ys[j] * 0.93,
            "ax": xs[i] * 0.93,
            "ay": ys[i] * 0.93,
            "xref": "x",
            "yref": "y",
            "axref": "x",
            "ayref": "y",
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1,
            "arrowwidth": 1 + abs(int(matrix[i, j])) / 1.5,
            "arrowcolor": "#2166ac" if matrix[i, j] > 0 else "#b2182b",
            "opacity": 0.75,
        }
        for i in range(n)
        for j in range(n)
        if i != j and abs(int(matrix[i, j])) >= 2
    ]
    catalog = sdg_catalog()
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=[bare_code(c) for c in codes],
            textposition="middle center",
            textfont={"color": "white", "size": 13},
            marker={
                "size": 34,
                "color": [catalog.colour(c) for c in codes],
                "line": {"color": "white", "width": 1},
            },
            hovertext=[_label(c) for c in codes],
            hoverinfo="text",
        )
    )
    figure.update_layout(
        annotations=arrows,
        height=620,
        showlegend=False,
        xaxis={"visible": False, "range": [-1.2, 1.2]},
        yaxis={"visible": False, "range": [-1.2, 1.2], "scaleanchor": "x"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return figure


def _results(board: Board) -> None:
    codes = board.info.codes
    matrix = values(codes, board.agreed, prefill(codes))
    found = results(codes, matrix)
    badge = found.robustness
    if badge.stable:
        st.success(_tr("robust_yes", k=len(badge.top), checked=badge.checked))
    else:
        example = badge.flips[0]
        st.warning(
            _tr(
                "robust_no",
                k=len(badge.top),
                flips=len(badge.flips),
                checked=badge.checked,
                cell=_cell_label(example.cell),
                delta=signed(example.delta),
                entered=", ".join(bare_code(c) for c in example.entered),
                left=", ".join(bare_code(c) for c in example.left),
            )
        )
    rows = [
        {
            _tr("col.rank"): m.rank,
            _tr("col.code"): _label(m.code),
            _tr("col.out"): m.out_strength,
            _tr("col.out_pos"): m.out_positive,
            _tr("col.out_neg"): m.out_negative,
            _tr("col.in"): m.in_strength,
            _tr("col.second"): m.second_order,
            _tr("col.score"): m.ranking_score,
            _tr("col.net"): m.net_influence,
        }
        for m in found.metrics
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder="")
    st.caption(_tr("metrics_help"))
    st.markdown(f"**{_tr('clusters_title')}**")
    if found.clusters:
        for n, group in enumerate(found.clusters, start=1):
            st.markdown(f"{n}. " + "; ".join(md(_label(code)) for code in group))
    else:
        st.caption(_tr("clusters_none"))
    st.caption(_tr("clusters_method"))


def _dots_view(board: Board) -> None:
    totals = sorted(board.dots.items(), key=lambda kv: -kv[1])
    st.caption(_tr("dots_facilitator", dots=board.info.dots))
    if not totals:
        st.info(_tr("dots_nothing_yet"))
        return
    frame = pd.DataFrame(
        {
            _tr("col.cell"): [f"{_label(a)} → {_label(b)}" for (a, b), _ in totals],
            _tr("col.dots"): [n for _, n in totals],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="")


def _apply(board: Board) -> None:
    found = agreed_interactions(board, state.lang())

    def change(assessment: Assessment) -> None:
        assessment.interactions = with_interactions(assessment, found).interactions

    if state.update(change):
        state.flash("success", _tr("applied", count=len(found)))


def _files(board: Board) -> None:
    codes = board.info.codes
    matrix = values(codes, board.agreed, prefill(codes))
    assessment = state.current()
    title, lang = (assessment.title if assessment else ""), state.lang()
    # Made when clicked, from what this run shows (the facilitator's page reruns on every vote:
    # building the PDF each time cost ~0.4 s per rerun); a download does not rerun the page.
    c1, c2 = st.columns(2)
    c1.download_button(
        _tr("download_csv"),
        lambda: to_csv(codes, matrix).encode("utf-8"),
        "matris.csv",
        "text/csv",
        key="ws_csv",
        on_click="ignore",
    )
    c2.download_button(
        _tr("download_xlsx"),
        lambda: to_xlsx(codes, matrix),
        "matris.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="ws_xlsx",
        on_click="ignore",
    )
    st.caption(_tr("files_help"))
    st.download_button(
        _tr("download_pdf"),
        lambda: workshop_pdf(board, title, lang),
        "workshop.pdf",
        "application/pdf",
        key="ws_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
    st.divider()
    agreed = len(board.agreed)
    st.button(
        _tr("apply", count=agreed),
        key="ws_apply",
        type="primary",
        disabled=not agreed,
        on_click=_apply,
        args=(board,),
    )
    st.caption(_tr("apply_help"))


# -- the page -----------------------------------------------------------------------------------


def _watch(workshop_id: str) -> None:
    """Polls the session's version; a change (a new vote) redraws the whole page."""
    try:
        version = get_store().workshop_version(get_user(), workshop_id)
    except UserError:
        return
    if st.session_state.get(_SEEN_VERSION) not in (None, version):
        st.session_state[_SEEN_VERSION] = version
        st.rerun()
    st.session_state[_SEEN_VERSION] = version


def render() -> None:
    st.header(_tr("title"))
    st.caption(_tr("intro"))
    assessment_id = state.current_id()
    if assessment_id is None:
        return
    store, user = get_store(), get_user()
    sessions = store.workshops(user, assessment_id)
    if sessions and not sessions[0].facilitator:
        st.info(_tr("participant_hint"))
        st.link_button(_tr("open_participant"), f"?{PARAM}={sessions[0].id}")
        return
    ids = [s.id for s in sessions]
    chosen = st.session_state.get(_SESSION)
    if chosen not in ids:
        chosen = ids[0] if ids else None
    with st.expander(_tr("new_session"), expanded=not sessions):
        _setup(assessment_id)
        st.file_uploader(
            _tr("upload"), type=["csv", "xlsx"], key="ws_upload", on_change=_import, args=(assessment_id,)
        )
    if chosen is None:
        return
    if len(sessions) > 1:
        titles = {s.id: s.title or formats.moment(s.created_at, state.lang()) for s in sessions}
        chosen = st.selectbox(
            _tr("session_pick"), ids, index=ids.index(chosen), format_func=titles.__getitem__
        )
    st.session_state[_SESSION] = chosen
    board = store.workshop_board(user, chosen)
    st.session_state[_SEEN_VERSION] = board.info.version
    st.fragment(_watch, run_every=POLL_SECONDS)(chosen)
    _room(board)
    tabs = st.tabs(
        [_tr("tab_cells"), _tr("tab_matrix"), _tr("tab_results"), _tr("tab_dots"), _tr("tab_files")]
    )
    with tabs[0]:
        _cells(board)
    with tabs[1]:
        _heatmap(board)
        _network(board)
    with tabs[2]:
        _results(board)
    with tabs[3]:
        _dots_view(board)
    with tabs[4]:
        _files(board)
