"""Vector charts drawn with reportlab graphics: crisp at any zoom and fast (no raster step).

- `sdg_profile_drawing`: the 17 goals, strongest positive and negative impact, direct and
  indirect, in the UN goal colours.
- `power_interest_drawing`: actors on a 5 × 5 influence/interest grid with the four classic
  quadrants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from assessment.formats import signed
from assessment.report.fonts import FONT, FONT_BOLD, register_fonts
from assessment.report.styles import CONTENT_WIDTH, MUTED, NEGATIVE, PRIMARY, RULE, TINT, WHITE

SCALE_MAX = 3


@dataclass(frozen=True)
class GoalBar:
    """One goal's row in the profile: strongest positive/negative rating, direct and indirect."""

    number: int
    title: str
    colour: str
    direct_pos: int = 0
    direct_neg: int = 0
    indirect_pos: int = 0
    indirect_neg: int = 0

    @property
    def rated(self) -> bool:
        return any((self.direct_pos, self.direct_neg, self.indirect_pos, self.indirect_neg))


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # Otherwise reportlab's graphics state starts in Helvetica (unused, but listed in the PDF).
    drawing.initialFontName = FONT
    return drawing


def _lighter(colour: colors.Color, share: float = 0.55) -> colors.Color:
    return colors.Color(
        colour.red + (1 - colour.red) * share,
        colour.green + (1 - colour.green) * share,
        colour.blue + (1 - colour.blue) * share,
    )


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def sdg_profile_drawing(
    bars: Sequence[GoalBar],
    *,
    direct_label: str,
    indirect_label: str,
    negative_label: str,
    positive_label: str,
    width: float = CONTENT_WIDTH,
) -> Drawing:
    register_fonts()
    row = 17.0
    top_pad, bottom_pad = 26.0, 22.0
    height = top_pad + row * len(bars) + bottom_pad
    drawing = _drawing(width, height)
    label_width = 170.0
    x0, x1 = label_width + 8, width - 6
    centre = (x0 + x1) / 2
    unit = (x1 - x0) / (2 * SCALE_MAX)
    chart_top = height - top_pad
    chart_bottom = bottom_pad

    # Zebra rows first, then the grid on top, then the bars.
    for index in range(0, len(bars), 2):
        drawing.add(
            Rect(
                0,
                chart_top - (index + 1) * row,
                width,
                row,
                fillColor=colors.HexColor("#F7F8F9"),
                strokeColor=None,
            )
        )
    # Grid and scale.
    for value in range(-SCALE_MAX, SCALE_MAX + 1):
        x = centre + value * unit
        line = Line(x, chart_bottom, x, chart_top, strokeColor=RULE, strokeWidth=0.4)
        if value == 0:
            line.strokeColor, line.strokeWidth = MUTED, 0.9
        drawing.add(line)
        label = signed(value)
        drawing.add(
            String(
                x,
                chart_bottom - 10,
                label,
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    drawing.add(String(x0, chart_bottom - 19, negative_label, fontName=FONT, fontSize=7, fillColor=MUTED))
    drawing.add(
        String(
            x1,
            chart_bottom - 19,
            positive_label,
            fontName=FONT,
            fontSize=7,
            fillColor=MUTED,
            textAnchor="end",
        )
    )

    # Legend.
    legend_y = height - 12
    drawing.add(Rect(x0, legend_y, 14, 6, fillColor=PRIMARY, strokeColor=None))
    drawing.add(String(x0 + 18, legend_y, direct_label, fontName=FONT, fontSize=7.5))
    offset = x0 + 30 + stringWidth(direct_label, FONT, 7.5)
    drawing.add(
        Rect(
            offset,
            legend_y,
            14,
            6,
            fillColor=_lighter(PRIMARY),
            strokeColor=PRIMARY,
            strokeWidth=0.5,
            strokeDashArray=[1.5, 1],
        )
    )
    drawing.add(String(offset + 18, legend_y, indirect_label, fontName=FONT, fontSize=7.5))

    for index, bar in enumerate(bars):
        y = chart_top - (index + 1) * row
        colour = colors.HexColor(bar.colour)
        badge = colour if bar.rated else colors.HexColor("#B8BEC3")
        drawing.add(Rect(2, y + 2, row - 4, row - 4, fillColor=badge, strokeColor=None))
        drawing.add(
            String(
                2 + (row - 4) / 2,
                y + 5.5,
                str(bar.number),
                fontName=FONT_BOLD,
                fontSize=7.5,
                fillColor=WHITE,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                row + 3,
                y + 5.5,
                _fit(bar.title, FONT, 7.5, label_width - row - 4),
                fontName=FONT,
                fontSize=7.5,
                fillColor=colors.black if bar.rated else MUTED,
            )
        )
        for value, lane, direct in (
            (bar.direct_pos, 1, True),
            (bar.direct_neg, 1, True),
            (bar.indirect_pos, 0, False),
            (bar.indirect_neg, 0, False),
        ):
            if not value:
                continue
            bar_y = y + 2.5 + lane * 6.5
            # A small gap at 0 keeps a goal's positive and negative bars apart.
            length = abs(value) * unit - 1.2
            left = centre + 1.2 if value > 0 else centre - 1.2 - length
            rect = Rect(left, bar_y, length, 5.5, strokeWidth=0.6)
            if direct:
                rect.fillColor, rect.strokeColor = colour, None
            else:
                rect.fillColor, rect.strokeColor = _lighter(colour), colour
                rect.strokeDashArray = [1.5, 1]
            if value < 0:
                # Negative bars get a red outline and end tick: readable in grey-scale prints.
                rect.strokeColor, rect.strokeWidth = NEGATIVE, 0.8
                drawing.add(rect)
                drawing.add(Line(left, bar_y - 0.5, left, bar_y + 6, strokeColor=NEGATIVE, strokeWidth=1.4))
            else:
                drawing.add(rect)
    return drawing


@dataclass(frozen=True)
class ActorPoint:
    number: int
    influence: int
    interest: int
    present: bool


def power_interest_drawing(
    points: Sequence[ActorPoint],
    *,
    influence_label: str,
    interest_label: str,
    quadrant_labels: tuple[str, str, str, str],
    size: float = 250.0,
) -> Drawing:
    """Quadrant labels in the order: top-left, top-right, bottom-left, bottom-right.

    Each quadrant has a label strip outside the 5 × 5 cells, so no actor can hide its label.
    """
    register_fonts()
    margin, strip = 26.0, 13.0
    drawing = _drawing(size + margin + 6, size + 2 * strip + margin + 4)
    cell = size / 5
    ox, oy = margin, margin + strip  # origin of the cell area
    half = size / 2
    shades = (TINT, colors.HexColor("#D7E6E1"), colors.HexColor("#F7F8F9"), TINT)
    quads = (
        (ox, oy + half, True, "start"),
        (ox + half, oy + half, True, "end"),
        (ox, oy - strip, False, "start"),
        (ox + half, oy - strip, False, "end"),
    )
    for (qx, qy, top, anchor), shade, label in zip(quads, shades, quadrant_labels, strict=True):
        drawing.add(Rect(qx, qy, half, half + strip, fillColor=shade, strokeColor=None))
        text = _fit(label, FONT_BOLD, 7, half - 8)
        x = qx + 4 if anchor == "start" else qx + half - 4
        y = qy + half + strip - 9.5 if top else qy + 4
        drawing.add(String(x, y, text, fontName=FONT_BOLD, fontSize=7, fillColor=MUTED, textAnchor=anchor))
    for i in range(6):
        drawing.add(Line(ox + i * cell, oy, ox + i * cell, oy + size, strokeColor=WHITE, strokeWidth=0.8))
        drawing.add(Line(ox, oy + i * cell, ox + size, oy + i * cell, strokeColor=WHITE, strokeWidth=0.8))
    drawing.add(
        Rect(ox, oy - strip, size, size + 2 * strip, fillColor=None, strokeColor=RULE, strokeWidth=0.6)
    )
    for level in range(1, 6):
        centre = (level - 0.5) * cell
        drawing.add(
            String(
                ox + centre,
                oy - strip - 10,
                str(level),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                ox - 8,
                oy + centre - 2.5,
                str(level),
                fontName=FONT,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    drawing.add(
        String(
            ox + half,
            oy - strip - 21,
            interest_label + " →",
            fontName=FONT_BOLD,
            fontSize=7.5,
            fillColor=PRIMARY,
            textAnchor="middle",
        )
    )
    axis = String(
        0, 0, influence_label + " →", fontName=FONT_BOLD, fontSize=7.5, fillColor=PRIMARY, textAnchor="middle"
    )
    # reportlab Strings cannot rotate; a rotated group carries the y-axis title.
    group = Group(axis)
    group.transform = (0, 1, -1, 0, ox - 17, oy + half)
    drawing.add(group)

    cells: dict[tuple[int, int], list[ActorPoint]] = defaultdict(list)
    for point in points:
        cells[(point.interest, point.influence)].append(point)
    for (interest, influence), members in cells.items():
        per_row = 1 if len(members) == 1 else 2 if len(members) <= 4 else 3
        radius = 9.0 if per_row == 1 else 7.0 if per_row == 2 else 5.2
        shown = members[: per_row * per_row]
        step = cell / per_row
        for slot, point in enumerate(shown):
            col, line = slot % per_row, slot // per_row
            cx = ox + (interest - 1) * cell + step * (col + 0.5)
            cy = oy + influence * cell - step * (line + 0.5)
            extra = len(members) - len(shown)
            label = f"+{extra + 1}" if extra and slot == len(shown) - 1 else str(point.number)
            fill, stroke, text = (PRIMARY, PRIMARY, WHITE) if point.present else (WHITE, NEGATIVE, NEGATIVE)
            drawing.add(Circle(cx, cy, radius, fillColor=fill, strokeColor=stroke, strokeWidth=1))
            font_size = 7 if radius > 6 else 5.5
            drawing.add(
                String(
                    cx,
                    cy - font_size * 0.35,
                    label,
                    fontName=FONT_BOLD,
                    fontSize=font_size,
                    fillColor=text,
                    textAnchor="middle",
                )
            )
    return drawing


@dataclass(frozen=True)
class GraphNode:
    number: int
    x: float  # on the unit circle of the analysis' layout
    y: float
    colour: str
    title: str
    impact_text: str
    impact_sign: int
    label_lines: tuple[str, ...]
    label_x: float  # the label's anchor point, placed by the analysis so no label collides
    label_y: float
    halign: str  # "left", "center", "right"
    valign: str  # "bottom" (text above the point), "middle", "top"
    badge: tuple[float, float, float, float] | None  # left, bottom, right, top


@dataclass(frozen=True)
class GraphEdge:
    score: int
    start: tuple[float, float]
    end: tuple[float, float]


@dataclass(frozen=True)
class GraphLayout:
    """Extent and sizes of the analysis' layout, in its units (the circle has radius 1)."""

    bounds: tuple[float, float, float, float]  # left, bottom, right, top
    node_radius: float
    label_font: float
    line_height: float
    badge_font: float


SYNERGY = colors.HexColor("#1B7F3B")
TRADEOFF = colors.HexColor("#C62828")
NEUTRAL = colors.HexColor("#5F6368")
_ANCHOR = {"left": "start", "center": "middle", "right": "end"}


def interaction_graph_drawing(
    nodes: Sequence[GraphNode],
    edges: Sequence[GraphEdge],
    layout: GraphLayout,
    *,
    synergy_label: str,
    tradeoff_label: str,
    note: str = "",
    width: float = CONTENT_WIDTH,
) -> Drawing:
    """The analysis' interaction picture (goals on a circle, arrows by score) as vector graphics.

    Draws the layout of the app's figure (`assessment.analysis.figures.figure_model`) scaled to
    ``width``: same label places, same badges, same arrows.
    """
    import math

    from reportlab.graphics.shapes import Polygon

    register_fonts()
    left, bottom, right, top = layout.bounds
    scale = width / (right - left)
    legend_room = 30.0
    height = (top - bottom) * scale + legend_room
    drawing = _drawing(width, height)
    label_size = layout.label_font * scale
    badge_size = layout.badge_font * scale * 0.95

    def point(x: float, y: float) -> tuple[float, float]:
        return (x - left) * scale, legend_room + (y - bottom) * scale

    for edge in edges:
        (x1, y1), (x2, y2) = point(*edge.start), point(*edge.end)
        colour = SYNERGY if edge.score > 0 else TRADEOFF
        line_width = 0.5 + 0.55 * abs(edge.score)
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        head = 4.0 + 1.2 * abs(edge.score)
        bx, by = x2 - ux * head, y2 - uy * head
        drawing.add(Line(x1, y1, bx, by, strokeColor=colour, strokeWidth=line_width, strokeOpacity=0.8))
        px, py = -uy * head * 0.45, ux * head * 0.45
        drawing.add(
            Polygon(
                [x2, y2, bx + px, by + py, bx - px, by - py],
                fillColor=colour,
                strokeColor=None,
                fillOpacity=0.85,
            )
        )
    line_height = layout.line_height * scale
    for node in nodes:
        x, y = point(node.x, node.y)
        drawing.add(
            Circle(
                x,
                y,
                layout.node_radius * scale,
                fillColor=colors.HexColor(node.colour),
                strokeColor=WHITE,
                strokeWidth=1.2,
            )
        )
        number_size = layout.node_radius * scale * 0.85
        drawing.add(
            String(
                x,
                y - number_size * 0.35,
                str(node.number),
                fontName=FONT_BOLD,
                fontSize=number_size,
                fillColor=WHITE,
                textAnchor="middle",
            )
        )
        if node.badge and node.impact_text:
            bl, bb = point(node.badge[0], node.badge[1])
            br, bt = point(node.badge[2], node.badge[3])
            badge = TRADEOFF if node.impact_sign < 0 else SYNERGY if node.impact_sign > 0 else NEUTRAL
            drawing.add(Rect(bl, bb, br - bl, bt - bb, rx=2, ry=2, fillColor=badge, strokeColor=None))
            drawing.add(
                String(
                    (bl + br) / 2,
                    (bb + bt) / 2 - badge_size * 0.35,
                    node.impact_text,
                    fontName=FONT_BOLD,
                    fontSize=badge_size,
                    fillColor=WHITE,
                    textAnchor="middle",
                )
            )
        lx, ly = point(node.label_x, node.label_y)
        lines = node.label_lines or (node.title,)
        block = line_height * len(lines)
        box_top = ly + block if node.valign == "bottom" else ly if node.valign == "top" else (ly + block / 2)
        for index, text in enumerate(lines):
            # Baseline about 0.8 of a line below the line's top.
            baseline = box_top - index * line_height - line_height * 0.78
            drawing.add(
                String(
                    lx,
                    baseline,
                    text,
                    fontName=FONT,
                    fontSize=label_size,
                    fillColor=colors.HexColor("#202124"),
                    textAnchor=_ANCHOR[node.halign],
                )
            )
    legend_y = 16.0
    total = stringWidth(synergy_label, FONT, 7.5) + stringWidth(tradeoff_label, FONT, 7.5) + 90
    x = (width - total) / 2
    for colour, label in ((SYNERGY, synergy_label), (TRADEOFF, tradeoff_label)):
        drawing.add(Line(x, legend_y + 2.5, x + 22, legend_y + 2.5, strokeColor=colour, strokeWidth=2.5))
        drawing.add(String(x + 27, legend_y, label, fontName=FONT, fontSize=7.5))
        x += 27 + stringWidth(label, FONT, 7.5) + 30
    if note:
        drawing.add(
            String(width / 2, 4, note, fontName=FONT, fontSize=6.8, fillColor=MUTED, textAnchor="middle")
        )
    return drawing
