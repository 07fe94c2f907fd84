"""The power/interest grid of step 3: actors placed by interest (x) and influence (y), 1–5.

Actors sharing a cell are stacked as rows inside it (marker, then the name to its right), and
names are wrapped and shortened to the cell's width, so no name covers another, also in
neighbouring cells. The full name is in the hover text. Quadrant labels sit in strips above and
below the cells, where no actor can be.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from assessment.domain import Assessment
from assessment.ui.state import tr

MAX_ROWS = 5  # per cell; beyond that the last row says "+N"
NAME_CHARS = 13  # about a cell's width at 12 px in the app's column (~100 px per cell)
CELL_TOP = 0.42  # rows use the cell's middle 0.84 so neighbours above and below stay apart
MARKER_X = -0.36  # marker at the cell's left, the name to its right


@dataclass(frozen=True)
class Placed:
    x: float
    y: float
    lines: tuple[str, ...]
    name: str  # in full, for the hover
    present: bool | None  # None: the "+N more" row


def shorten(name: str, max_lines: int, width: int = NAME_CHARS) -> tuple[str, ...]:
    """``name`` wrapped to ``width`` characters in at most ``max_lines`` lines (an ellipsis marks
    what was cut)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = [line if len(line) <= width else line[: width - 1] + "…" for line in lines] or [""]
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        kept[-1] = (last if len(last) < width else last[: width - 1]) + "…"
        return tuple(kept)
    return tuple(lines)


def place(cells: dict[tuple[int, int], list[tuple[str, bool]]]) -> list[Placed]:
    """Rows inside each (interest, influence) cell, in the order the actors were given."""
    placed: list[Placed] = []
    for (interest, influence), members in sorted(cells.items()):
        shown = members if len(members) <= MAX_ROWS else members[: MAX_ROWS - 1]
        rows = len(shown) + (len(members) > len(shown))
        max_lines = 2 if rows <= 2 else 1
        step = 2 * CELL_TOP / rows
        for row, (name, present) in enumerate(shown):
            y = influence + CELL_TOP - (row + 0.5) * step if rows > 1 else float(influence)
            placed.append(Placed(interest + MARKER_X, y, shorten(name, max_lines), name, present))
        if rows > len(shown):
            rest = members[len(shown) :]
            y = influence + CELL_TOP - (rows - 0.5) * step
            placed.append(
                Placed(interest + MARKER_X, y, (f"+{len(rest)}",), ", ".join(name for name, _ in rest), None)
            )
    return placed


_STYLE = {
    True: ("#1b7f3b", "circle"),
    False: ("#d9480f", "diamond"),
    None: ("#6b7280", "circle-open"),
}


def power_interest_figure(assessment: Assessment) -> go.Figure:
    """Influence (power) against interest, 1–5, with the four classic quadrants."""
    cells: dict[tuple[int, int], list[tuple[str, bool]]] = defaultdict(list)
    for actor in assessment.actors:
        cells[(actor.interest, actor.influence)].append((actor.name, actor.present))
    placed = place(cells)
    figure = go.Figure()
    names = {True: tr("present"), False: tr("not_present"), None: "+"}
    for present in (True, False, None):
        group = [p for p in placed if p.present is present]
        if not group and present is None:
            continue
        colour, symbol = _STYLE[present]
        figure.add_trace(
            go.Scatter(
                x=[p.x for p in group],
                y=[p.y for p in group],
                # Plotly reads a few HTML tags in text; escaping makes names plain text. The space
                # kept before each line break makes the SVG text read as the name itself.
                text=[" <br>".join(html.escape(line) for line in p.lines) for p in group],
                customdata=[html.escape(p.name) for p in group],
                mode="markers+text",
                textposition="middle right",
                cliponaxis=False,
                textfont={"size": 12, "color": "#1f2937"},
                name=names[present],
                showlegend=present is not None,
                marker={"size": 11, "color": colour, "symbol": symbol},
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    shades = (
        (0.5, 3, 3, 5.5, "#eef2f7"),
        (3, 5.5, 3, 5.5, "#d7e6e1"),
        (0.5, 3, 0.5, 3, "#f7f8f9"),
        (3, 5.5, 0.5, 3, "#eef2f7"),
    )
    # Shapes and labels in one layout update (one add_* call each re-validates the whole tuple).
    shapes: list[dict[str, Any]] = [
        {"type": "rect", "x0": x0, "x1": x1, "y0": y0, "y1": y1, "fillcolor": fill}
        | {"line": {"width": 0}, "layer": "below"}
        for x0, x1, y0, y1, fill in shades
    ]
    grid_line = {"layer": "below", "line": {"color": "white", "width": 1.5}}
    for edge in (0.5, 1.5, 2.5, 3.5, 4.5, 5.5):
        shapes.append({"type": "line", "x0": edge, "x1": edge, "y0": 0.5, "y1": 5.5} | grid_line)
        shapes.append({"type": "line", "x0": 0.5, "x1": 5.5, "y0": edge, "y1": edge} | grid_line)
    annotations = [
        {"x": x, "y": y, "text": tr(key), "showarrow": False, "xanchor": anchor}
        | {"font": {"size": 13, "color": "#4b5563"}}
        for x, y, anchor, key in (
            (0.55, 5.72, "left", "quad.keep_satisfied"),
            (5.45, 5.72, "right", "quad.manage_closely"),
            (0.55, 0.28, "left", "quad.monitor"),
            (5.45, 0.28, "right", "quad.keep_informed"),
        )
    ]
    figure.update_layout(shapes=shapes, annotations=annotations)
    figure.update_layout(
        height=560,
        # Names in the last column run past the axis (cliponaxis off); the right margin holds
        # a 13-character line (about 80 px at 12 px), so none is cut at the chart's edge.
        margin={"l": 50, "r": 64, "t": 10, "b": 50},
        xaxis={
            "title": tr("interest"),
            "range": [0.5, 5.5],
            "tickvals": [1, 2, 3, 4, 5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={
            "title": tr("influence"),
            "range": [0.1, 5.9],
            "tickvals": [1, 2, 3, 4, 5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        legend={"orientation": "h", "y": -0.12},
        plot_bgcolor="white",
    )
    return figure
