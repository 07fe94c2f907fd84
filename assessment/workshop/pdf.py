"""The workshop's minutes as a PDF: the matrix as a heat map, the agreed scores as a network, the
SEI ranking, the clusters and the robustness badge, every agreed cell with its rationale and
dissent, and the cells where the room was polarised with the measure that said so. Uses the report's
page frame, fonts (DejaVu: Sami letters) and escaping, so user text is never markup."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer

from assessment import formats
from assessment.domain.refs import bare_code, ref_label
from assessment.i18n import normalise_lang, t
from assessment.knowledge import sdg_catalog
from assessment.report.document import build_story_pdf, heading
from assessment.report.figures import drawing_parts
from assessment.report.fonts import FONT, register_fonts
from assessment.report.styles import CONTENT_WIDTH, styles
from assessment.report.tables import Column, data_table
from assessment.report.text import para
from assessment.workshop.consensus import explain
from assessment.workshop.matrix import prefill, values
from assessment.workshop.model import Board
from assessment.workshop.scoring import results

# Diverging red–grey–blue for −3..+3 (ColorBrewer RdBu, colour-blind safe).
_COLOURS = ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"]


def heatmap(codes: tuple[str, ...], matrix: npt.NDArray[np.float64], agreed: set[tuple[str, str]]) -> Drawing:
    """The matrix as coloured cells with their scores; agreed cells framed in black."""
    register_fonts()
    n = len(codes)
    label = 34.0
    cell = min(26.0, (CONTENT_WIDTH - label) / max(n, 1))
    size = 5.5 if cell < 14 else 7.0
    width, height = label + n * cell, label + n * cell
    drawing = Drawing(width, height)
    names = [bare_code(c) for c in codes]
    for j, name in enumerate(names):
        drawing.add(
            String(
                label + j * cell + cell / 2,
                height - label + 6,
                name,
                fontName=FONT,
                fontSize=size,
                textAnchor="middle",
            )
        )
    for i, name in enumerate(names):
        y = height - label - (i + 1) * cell
        drawing.add(
            String(label - 3, y + cell / 2 - size / 3, name, fontName=FONT, fontSize=size, textAnchor="end")
        )
        for j in range(n):
            x = label + j * cell
            if i == j:
                drawing.add(
                    Rect(x, y, cell, cell, fillColor=colors.HexColor("#555555"), strokeColor=colors.white)
                )
                continue
            value = int(matrix[i, j])
            framed = (codes[i], codes[j]) in agreed
            drawing.add(
                Rect(
                    x,
                    y,
                    cell,
                    cell,
                    fillColor=colors.HexColor(_COLOURS[value + 3]),
                    strokeColor=colors.black if framed else colors.white,
                    strokeWidth=1.2 if framed else 0.5,
                )
            )
            if value:
                ink = colors.white if abs(value) == 3 else colors.black
                drawing.add(
                    String(
                        x + cell / 2,
                        y + cell / 2 - size / 3,
                        formats.signed(value),
                        fontName=FONT,
                        fontSize=size,
                        fillColor=ink,
                        textAnchor="middle",
                    )
                )
    return drawing


_BLUE, _RED = "#2166ac", "#b2182b"


def network(codes: tuple[str, ...], agreed: Mapping[tuple[str, str], int | None]) -> Drawing:
    """The group's agreed scores as a network: the codes on a circle in their matrix order (in
    their goal colours), an arrow from source to target for every non-zero agreed score, blue when
    it reinforces and red when it counteracts, wider when stronger. Two opposite arrows between the
    same pair are drawn side by side. Only agreed cells: the knowledge base's pre-fill is the heat
    map's business."""
    register_fonts()
    n = len(codes)
    size = min(CONTENT_WIDTH, 300.0)
    radius, node = size / 2 - 18, 11.0 if n <= 20 else 8.0
    centre = size / 2
    drawing = Drawing(size, size)
    where = {
        code: (
            centre + radius * math.cos(math.pi / 2 - 2 * math.pi * i / max(n, 1)),
            centre + radius * math.sin(math.pi / 2 - 2 * math.pi * i / max(n, 1)),
        )
        for i, code in enumerate(codes)
    }
    for (source, target), score in sorted(agreed.items()):
        if not score or source not in where or target not in where or source == target:
            continue
        (x1, y1), (x2, y2) = where[source], where[target]
        length = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        # Offset to the right of the direction, so a → b and b → a do not cover each other.
        ox, oy = uy * 2.5, -ux * 2.5
        start = (x1 + ux * node + ox, y1 + uy * node + oy)
        tip = (x2 - ux * (node + 1) + ox, y2 - uy * (node + 1) + oy)
        colour = colors.HexColor(_BLUE if score > 0 else _RED)
        width = 0.6 + 0.7 * abs(score)
        head = 4.0 + width
        base = (tip[0] - ux * head, tip[1] - uy * head)
        drawing.add(Line(*start, *base, strokeColor=colour, strokeWidth=width))
        drawing.add(
            Polygon(
                [
                    *tip,
                    base[0] + uy * head / 2,
                    base[1] - ux * head / 2,
                    base[0] - uy * head / 2,
                    base[1] + ux * head / 2,
                ],
                fillColor=colour,
                strokeColor=colour,
                strokeWidth=0.3,
            )
        )
    catalog = sdg_catalog()
    for code, (x, y) in where.items():
        drawing.add(
            Circle(x, y, node, fillColor=colors.HexColor(catalog.colour(code)), strokeColor=colors.white)
        )
        label = bare_code(code)
        fontsize = 7.0 if len(label) <= 2 else 5.5
        drawing.add(
            String(
                x,
                y - fontsize / 3,
                label,
                fontName=FONT,
                fontSize=fontsize,
                fillColor=colors.white,
                textAnchor="middle",
            )
        )
    return drawing


def workshop_pdf(
    board: Board, assessment_title: str, lang: str = "sv", *, today: dt.date | None = None
) -> bytes:
    """The minutes of one session (what the facilitator sees, never hidden individual votes:
    only revealed or locked cells' spreads are listed, and names only in named sessions)."""
    lang = normalise_lang(lang)
    st = styles()

    def tr(key: str, /, **params: object) -> str:
        return t(f"workshop.{key}", lang, **params)

    def _signed(value: float) -> str:  # a score or network measure: "+1,5" / "+1.5", "−2"
        return formats.signed_decimal(value, lang, digits=2)

    codes = board.info.codes
    pre = prefill(codes)
    matrix = values(codes, board.agreed, pre)
    found = results(codes, matrix)
    title = board.info.title or tr("untitled")
    story: list[Flowable] = [
        para(title, st.title),
        para(f"{assessment_title} · {formats.date(today or dt.date.today(), lang)}", st.subtitle),
        para(
            tr(
                "pdf_intro",
                codes=len(codes),
                participants=board.participant_count,
                discussed=len(board.discussed),
                total=len(codes) * (len(codes) - 1),
            ),
            st.body,
        ),
        heading(tr("tab_matrix")),
        heatmap(codes, matrix, set(board.agreed)),
        Spacer(1, 4),
        para(tr("pdf_heatmap_help"), st.caption),
    ]
    drawn = {cell: score for cell, score in board.agreed.items() if score}
    if drawn:
        # The heading stays with its picture (a KeepTogether of both: see report.figures).
        parts = drawing_parts(network(codes, drawn), tr("pdf_network_help"))
        story.append(KeepTogether([heading(tr("pdf_network"), 1), *parts]))
    else:
        story += [heading(tr("pdf_network"), 1), para(tr("pdf_network_none"), st.body)]
    story.append(heading(tr("tab_results")))
    badge = found.robustness
    if badge.stable:
        story.append(para(tr("robust_yes", k=len(badge.top), checked=badge.checked), st.body))
    else:
        first = badge.flips[0]
        story.append(
            para(
                tr(
                    "robust_no",
                    k=len(badge.top),
                    flips=len(badge.flips),
                    checked=badge.checked,
                    cell=f"{first.cell[0].removeprefix('sdg:')} → {first.cell[1].removeprefix('sdg:')}",
                    delta=_signed(first.delta),
                    entered=", ".join(bare_code(c) for c in first.entered),
                    left=", ".join(bare_code(c) for c in first.left),
                ),
                st.body,
            )
        )
    columns = [
        # Shares wide enough for the longest header word (Rang, Nettopåverkan) in both languages.
        Column(tr("col.rank"), 0.08, "right"),
        Column(tr("col.code"), 0.23),
        *(Column(tr(f"col.{key}"), 0.13, "right") for key in ("out", "in", "second", "score")),
        Column(tr("col.net"), 0.17, "right"),
    ]
    rows = [
        [
            str(m.rank),
            ref_label(m.code, lang),
            _signed(m.out_strength),
            _signed(m.in_strength),
            _signed(m.second_order),
            _signed(m.ranking_score),
            _signed(m.net_influence),
        ]
        for m in found.metrics
    ]
    story += data_table(columns, rows, lang)
    story.append(para(tr("metrics_help"), st.caption))
    story.append(heading(tr("clusters_title"), 1))
    if found.clusters:
        for n, group in enumerate(found.clusters, start=1):
            story.append(para(f"{n}. " + "; ".join(ref_label(code, lang) for code in group), st.body))
    else:
        story.append(para(tr("clusters_none"), st.body))
    story.append(para(tr("clusters_method"), st.caption))
    story.append(heading(tr("pdf_agreed")))
    locked = [(cell, state) for cell, state in sorted(board.cells.items()) if state.locked]
    if not locked:
        story.append(para(tr("pdf_agreed_none"), st.body))
    else:
        agreed_rows = []
        for cell, state in locked:
            spread = state.spread
            votes = ""
            if spread is not None and spread.n:
                # A polarised cell says what made it so; the other classes are their name alone.
                kind = explain(spread, lang) if spread.kind == "polarised" else tr("kind." + spread.kind)
                votes = f"{spread.n} · {kind}"
            score = tr("agreed_none") if state.agreed is None else _signed(state.agreed)
            note = state.comment + (f"\n{tr('dissent')}: {state.dissent}" if state.dissent else "")
            agreed_rows.append(
                [f"{ref_label(cell[0], lang)} → {ref_label(cell[1], lang)}", score, votes, note]
            )
        story += data_table(
            [
                Column(tr("col.cell"), 0.29),
                Column(tr("agreed_score"), 0.12, "center"),
                Column(tr("col.votes"), 0.26),
                Column(tr("lock_comment"), 0.33),
            ],
            agreed_rows,
            lang,
        )
    # Where the room disagreed on the direction, and the measure that says so (revealed or
    # locked cells only: hidden votes stay hidden).
    polarised = [
        (cell, state)
        for cell, state in sorted(board.cells.items())
        if (state.revealed or state.locked) and state.spread is not None and state.spread.kind == "polarised"
    ]
    if polarised:
        story.append(heading(tr("pdf_polarised"), 1))
        story.append(para(tr("pdf_polarised_help"), st.caption))
        for cell, state in polarised:
            assert state.spread is not None
            line = f"{ref_label(cell[0], lang)} → {ref_label(cell[1], lang)}: {explain(state.spread, lang)}"
            if state.dissent:
                line += f". {tr('dissent')}: {state.dissent}"
            story.append(para(line, st.body))
    if board.dots:
        story.append(heading(tr("tab_dots"), 1))
        dot_rows = [
            [f"{ref_label(a, lang)} → {ref_label(b, lang)}", str(n)]
            for (a, b), n in sorted(board.dots.items(), key=lambda kv: -kv[1])
        ]
        story += data_table(
            [Column(tr("col.cell"), 0.8), Column(tr("col.dots"), 0.2, "right")], dot_rows, lang
        )
    return build_story_pdf(title, story, lang, subject=assessment_title)
