"""Pictures of an assessment's SDG interactions: plotly for the app; the PDF draws the same model.

The app's plotly figure and the report's reportlab drawing (`assessment.report.charts`) both
draw the same `FigureModel`: the 17 goals clockwise from the top in SDG order, in UN colours,
the assessed impact in a badge by each goal, and arrows from every goal the initiative pushes
forward (positive impact on the goal or one of its targets) to the goals it influences — green for
synergies (+2, +3), red for trade-offs (−1 … −3), width by |score|. Target-level scores are rolled
up to their goals (the strongest one wins, a trade-off on a tie) and only the strongest arrows are
drawn, so the picture stays readable on a projector.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from assessment.analysis.detect import Context, edge_reason
from assessment.analysis.graph import interaction_graph
from assessment.domain import Assessment
from assessment.domain.refs import goal_number, signed
from assessment.i18n import normalise_lang, t

SYNERGY_COLOUR = "#1B7F3B"
TRADEOFF_COLOUR = "#C62828"
NEUTRAL_COLOUR = "#5F6368"
LABEL_COLOUR = "#202124"
# Every size is in layout units (the circle of goals has radius 1) so the plotly figure and the
# report's vector drawing scale one geometry: a font size of 0.062 units
# is 13 px in the app and 7.5 pt in the PDF. Text widths are estimates (CHAR_EM of the font size
# per character, generous for Open Sans/DejaVu) that the label placement keeps apart.
NODE_RADIUS = 0.105
LABEL_FONT = 0.062
LINE_HEIGHT = 1.22 * LABEL_FONT
BADGE_FONT = 0.064
CHAR_EM = 0.6
LABEL_GAP = 0.05  # between a node's rim and its label
LABEL_CHARS = 17  # wrap width: at most three short lines per goal
PAD = 0.02  # clearance kept between boxes
# Enabling (+1) links are left out and at most MAX_EDGES arrows drawn (the strongest by impact ×
# |score|) so the picture stays readable on a projector; the findings list has them all.
MIN_SYNERGY_DRAWN = 2
MAX_EDGES = 24


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return (
            self.left < other.right + pad
            and other.left < self.right + pad
            and self.bottom < other.top + pad
            and other.bottom < self.top + pad
        )

    def hits_circle(self, x: float, y: float, radius: float) -> bool:
        nearest_x = min(max(x, self.left), self.right)
        nearest_y = min(max(y, self.bottom), self.top)
        return math.hypot(x - nearest_x, y - nearest_y) < radius


@dataclass(frozen=True)
class Label:
    """A goal's label: lines, anchor point and alignment; the box is the estimated extent."""

    lines: tuple[str, ...]
    x: float
    y: float
    halign: str  # "left", "center", "right": the text grows away from the circle
    valign: str  # "bottom" (text above the point), "middle", "top" (text below)
    box: Box


@dataclass(frozen=True)
class Badge:
    """The assessed impact in a box on the node's inner side."""

    x: float
    y: float
    box: Box


@dataclass(frozen=True)
class FigureNode:
    number: int
    x: float
    y: float
    colour: str
    title: str
    impact_text: str  # "+2", "−1", "+2/−1" or "" when not rated
    impact_sign: int  # 1, -1, 0 (mixed or zero) — colours the badge
    label: Label
    badge: Badge | None


@dataclass(frozen=True)
class FigureEdge:
    source: int
    target: int
    score: int
    start: tuple[float, float]
    end: tuple[float, float]
    hover: str


@dataclass(frozen=True)
class FigureModel:
    nodes: tuple[FigureNode, ...]
    edges: tuple[FigureEdge, ...]
    title: str
    subtitle: str
    bounds: Box  # everything drawn lies inside, labels included


def goal_position(number: int) -> tuple[float, float]:
    """Goal ``number`` on the unit circle, goal 1 at the top, then clockwise."""
    angle = math.pi / 2 - (number - 1) * 2 * math.pi / 17
    return math.cos(angle), math.sin(angle)


def _impact_text(impacts: list[int]) -> tuple[str, int]:
    if not impacts:
        return "", 0
    low, high = min(impacts), max(impacts)
    if low < 0 < high:
        return f"{signed(high)}/{signed(low)}", 0
    value = high if high > 0 else low
    return signed(value), (value > 0) - (value < 0)


def text_width(text: str, font: float) -> float:
    """Estimated width of ``text`` at font size ``font`` (layout units)."""
    return len(text) * CHAR_EM * font


def wrap(text: str, width: int = LABEL_CHARS) -> tuple[str, ...]:
    """Lines of at most ``width`` characters; wider (up to 24) rather than a fourth line."""
    lines = _wrap_at(text, width)
    while len(lines) > 3 and width < 24:
        width += 1
        lines = _wrap_at(text, width)
    return lines


def _wrap_at(text: str, width: int) -> tuple[str, ...]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def _badge(number: int, text: str) -> Badge | None:
    """Inside the ring, as close to the node as it goes without covering it: the outside stays
    free for the label."""
    if not text:
        return None
    cx, cy = goal_position(number)
    half_w = text_width(text, BADGE_FONT) / 2 + 0.02
    half_h = BADGE_FONT * 0.75
    radius = 1 - NODE_RADIUS
    while True:
        x, y = cx * radius, cy * radius
        box = Box(x - half_w, y - half_h, x + half_w, y + half_h)
        if not box.hits_circle(cx, cy, NODE_RADIUS + 0.005):
            return Badge(x, y, box)
        radius -= 0.005


def _align(cos: float, sin: float) -> tuple[str, str]:
    horizontal = "left" if cos > 0.1 else "right" if cos < -0.1 else "center"
    vertical = ("bottom" if sin > 0 else "top") if abs(sin) > 0.9 else "middle"
    return horizontal, vertical


def _label_box(lines: tuple[str, ...], x: float, y: float, halign: str, valign: str) -> Box:
    width = max(text_width(line, LABEL_FONT) for line in lines)
    height = len(lines) * LINE_HEIGHT
    left = x if halign == "left" else x - width if halign == "right" else x - width / 2
    bottom = y if valign == "bottom" else y - height if valign == "top" else y - height / 2
    return Box(left, bottom, left + width, bottom + height)


def _labels(titles: dict[int, str]) -> dict[int, Label]:
    """Labels radially outside the circle, each pushed outwards until it clears every node and
    every label placed before it (deterministic: goals in SDG order)."""
    placed: dict[int, Label] = {}
    for number in range(1, 18):
        cos, sin = goal_position(number)
        halign, valign = _align(cos, sin)
        lines = wrap(titles[number])
        radius = 1 + NODE_RADIUS + LABEL_GAP
        for _ in range(200):
            x, y = radius * cos, radius * sin
            box = _label_box(lines, x, y, halign, valign)
            clear = not any(
                box.hits_circle(*goal_position(other), NODE_RADIUS + PAD) for other in range(1, 18)
            )
            clear = clear and not any(box.overlaps(label.box, PAD) for label in placed.values())
            if clear:
                break
            radius += 0.01
        placed[number] = Label(lines, x, y, halign, valign, box)
    return placed


def _bounds(boxes: list[Box], margin: float = 0.06) -> Box:
    return Box(
        min(b.left for b in boxes) - margin,
        min(b.bottom for b in boxes) - margin,
        max(b.right for b in boxes) + margin,
        max(b.top for b in boxes) + margin,
    )


def _clearance(number: int, direction: tuple[float, float], badge: Badge | None) -> float:
    """How far from the node's centre an arrow along ``direction`` must stop to leave the node
    and its badge visible."""
    x, y = goal_position(number)
    distance = NODE_RADIUS * 1.15
    if badge is None:
        return distance
    while True:
        px, py = x + direction[0] * distance, y + direction[1] * distance
        box = badge.box
        inside = box.left - PAD <= px <= box.right + PAD and box.bottom - PAD <= py <= box.top + PAD
        if not inside:
            return distance
        distance += 0.01


def _edge_points(
    source: int,
    target: int,
    badges: dict[int, Badge | None],
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Arrow between two nodes, clear of their badges, nudged to its right-hand side so A→B and
    B→A stay apart."""
    (x1, y1), (x2, y2) = goal_position(source), goal_position(target)
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    nudge = 0.035
    ox, oy = uy * nudge, -ux * nudge
    gap1 = _clearance(source, (ux, uy), badges[source])
    gap2 = _clearance(target, (-ux, -uy), badges[target])
    return ((x1 + ux * gap1 + ox, y1 + uy * gap1 + oy), (x2 - ux * gap2 + ox, y2 - uy * gap2 + oy))


def figure_model(assessment: Assessment, lang: str = "sv") -> FigureModel:
    """The shared, deterministic content and layout of all three pictures."""
    from assessment.knowledge.sdg import sdg_catalog

    lang = normalise_lang(lang)
    catalog = sdg_catalog()
    ctx = Context(assessment, interaction_graph(assessment), lang)
    by_goal: dict[int, list[int]] = {}
    for ref, impact in ctx.impacts.items():
        by_goal.setdefault(goal_number(ref), []).append(impact)
    labels = _labels({n: catalog.goals[n].title.get(lang) for n in range(1, 18)})
    nodes = []
    for number in range(1, 18):
        x, y = goal_position(number)
        text, sign = _impact_text(by_goal.get(number, []))
        goal = catalog.goals[number]
        nodes.append(
            FigureNode(
                number,
                x,
                y,
                goal.colour,
                goal.title.get(lang),
                text,
                sign,
                labels[number],
                _badge(number, text),
            )
        )
    # Per goal pair the strongest score wins; on equal strength the trade-off (the warning).
    best: dict[tuple[int, int], tuple[float, int, str]] = {}
    for ref, impact in ctx.positives():
        for edge in ctx.out_edges(ref):
            pair = (goal_number(ref), goal_number(edge.target))
            if pair[0] == pair[1] or 0 <= edge.score < MIN_SYNERGY_DRAWN:
                continue
            weight = impact * abs(edge.score) / 3
            known = best.get(pair)
            if known is None or (abs(edge.score), -edge.score, weight) > (abs(known[1]), -known[1], known[0]):
                best[pair] = (weight, edge.score, edge_reason(edge, lang))
    strongest = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:MAX_EDGES]
    # Synergies first, trade-offs last so the red arrows are drawn on top.
    strongest.sort(key=lambda item: (item[1][1] < 0, item[0]))
    badges = {node.number: node.badge for node in nodes}
    edges = []
    for (source, target), (_, score, reason) in strongest:
        start, end = _edge_points(source, target, badges)
        edges.append(FigureEdge(source, target, score, start, end, f"{source} → {target}: {reason}"))
    subtitle = "" if ctx.impacts else t("analysis.figure_no_impacts", lang)
    boxes = [n.label.box for n in nodes] + [
        Box(n.x - NODE_RADIUS, n.y - NODE_RADIUS, n.x + NODE_RADIUS, n.y + NODE_RADIUS) for n in nodes
    ]
    return FigureModel(tuple(nodes), tuple(edges), t("analysis.figure_title", lang), subtitle, _bounds(boxes))


def _edge_colour(score: int) -> str:
    return SYNERGY_COLOUR if score > 0 else TRADEOFF_COLOUR


def _badge_colour(sign: int) -> str:
    return SYNERGY_COLOUR if sign > 0 else TRADEOFF_COLOUR if sign < 0 else NEUTRAL_COLOUR


PX_PER_UNIT = 220.0  # app figure: 13.6 px labels, the whole picture about 800 × 740 px


def _annotations(model: FigureModel, scale: float) -> list[dict[str, Any]]:
    """Arrows, then impact badges, then goal labels (the drawing order)."""
    annotations: list[dict[str, Any]] = [
        {
            "x": edge.end[0],
            "y": edge.end[1],
            "ax": edge.start[0],
            "ay": edge.start[1],
            "xref": "x",
            "yref": "y",
            "axref": "x",
            "ayref": "y",
            "text": "",
            "showarrow": True,
            "arrowhead": 2,
            "arrowsize": 1.0,
            "arrowwidth": 1 + 1.5 * abs(edge.score),
            "standoff": 2,
            "arrowcolor": _edge_colour(edge.score),
            "opacity": 0.85,
            "hovertext": edge.hover,
        }
        for edge in model.edges
    ]
    annotations += [
        {
            "x": node.badge.x,
            "y": node.badge.y,
            "text": f"<b>{node.impact_text}</b>",
            "showarrow": False,
            "font": {"size": BADGE_FONT * scale, "color": "white"},
            "bgcolor": _badge_colour(node.impact_sign),
            "borderpad": 2,
        }
        for node in model.nodes
        if node.badge
    ]
    annotations += [
        {
            "x": node.label.x,
            "y": node.label.y,
            "text": "<br>".join(node.label.lines),
            "showarrow": False,
            "align": node.label.halign,
            "xanchor": node.label.halign,
            "yanchor": node.label.valign,
            "borderpad": 0,
            "font": {"size": LABEL_FONT * scale, "color": LABEL_COLOUR},
        }
        for node in model.nodes
    ]
    return annotations


def interactive_figure(assessment: Assessment, lang: str = "sv", zoom: float = 1.0) -> Any:
    """A plotly Figure of fixed pixel size (self-contained; the app renders it with
    ``st.plotly_chart(..., width="content")`` so the estimated label boxes hold). ``zoom``
    enlarges everything alike (large-type mode), so nothing starts to overlap."""
    import plotly.graph_objects as go

    model = figure_model(assessment, lang)
    scale = PX_PER_UNIT * zoom
    bounds = model.bounds
    fig = go.Figure()
    # All annotations in one update: `add_annotation` re-validates the whole tuple on every call
    # (quadratic; ~850 ms of a graph-page rerun). The figure's JSON is the same byte for byte.
    fig.update_layout(annotations=_annotations(model, scale))
    fig.add_trace(
        go.Scatter(
            x=[n.x for n in model.nodes],
            y=[n.y for n in model.nodes],
            mode="markers+text",
            marker={
                "size": 2 * NODE_RADIUS * scale,
                "color": [n.colour for n in model.nodes],
                "line": {"width": 2, "color": "white"},
            },
            text=[f"<b>{n.number}</b>" for n in model.nodes],
            textfont={"size": 0.09 * scale, "color": "white", "family": "Arial Black, Arial, sans-serif"},
            hovertext=[
                f"{n.number}: {n.title} ({n.impact_text or t('analysis.not_rated', lang)})"
                for n in model.nodes
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    for name, colour in (
        (t("analysis.legend_synergy", lang), SYNERGY_COLOUR),
        (t("analysis.legend_tradeoff", lang), TRADEOFF_COLOUR),
    ):
        fig.add_trace(
            go.Scatter(x=[None], y=[None], mode="lines", name=name, line={"color": colour, "width": 4})
        )
    title = model.title + (f" — {model.subtitle}" if model.subtitle else "")
    margin = {"l": 4, "r": 4, "t": round(48 * zoom), "b": round(36 * zoom)}
    width = (bounds.right - bounds.left) * scale
    height = (bounds.top - bounds.bottom) * scale
    fig.update_layout(
        title={"text": title, "font": {"size": 20 * zoom}, "x": 0.02},
        showlegend=True,
        legend={
            "orientation": "h",
            "y": 0,
            "yref": "container",
            "x": 0.5,
            "xanchor": "center",
            "yanchor": "bottom",
            "font": {"size": 15 * zoom},
        },
        xaxis={"visible": False, "range": [bounds.left, bounds.right], "fixedrange": True},
        yaxis={
            "visible": False,
            "range": [bounds.bottom, bounds.top],
            "fixedrange": True,
            "scaleanchor": "x",
        },
        plot_bgcolor="white",
        paper_bgcolor="white",
        autosize=False,
        width=round(width + margin["l"] + margin["r"]),
        height=round(height + margin["t"] + margin["b"]),
        margin=margin,
    )
    return fig
