"""Pictures of an assessment's SDG interactions: plotly for the app, matplotlib PNG for the PDF.

Both draw the same `FigureModel`: the 17 goals clockwise from the top in SDG order, in UN colours,
the assessed impact in a badge by each goal, and arrows from every goal the initiative pushes
forward (positive impact on the goal or one of its targets) to the goals it influences — green for
synergies (+2, +3), red for trade-offs (−1 … −3), width by |score|. Target-level scores are rolled
up to their goals (the strongest one wins, a trade-off on a tie) and only the strongest arrows are
drawn, so the picture stays readable on a projector.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

from assessment.analysis.detect import Context, edge_reason
from assessment.analysis.graph import interaction_graph
from assessment.analysis.refs import goal_number, signed
from assessment.domain import Assessment
from assessment.i18n import normalise_lang, t

SYNERGY_COLOUR = "#1B7F3B"
TRADEOFF_COLOUR = "#C62828"
NEUTRAL_COLOUR = "#5F6368"
NODE_RADIUS = 0.105  # in layout units; the circle of goals has radius 1
BADGE_RADIUS = 1.2
BADGE_CHAR = 0.03  # approximate half-width of one badge character, in layout units
LABEL_RADIUS = 1.31
X_RANGE = 2.15
# Enabling (+1) links are left out and at most MAX_EDGES arrows drawn (the strongest by impact ×
# |score|) so the picture stays readable on a projector; the findings list has them all.
MIN_SYNERGY_DRAWN = 2
MAX_EDGES = 24
Y_RANGE = 1.62


@dataclass(frozen=True)
class FigureNode:
    number: int
    x: float
    y: float
    colour: str
    title: str
    impact_text: str  # "+2", "−1", "+2/−1" or "" when not rated
    impact_sign: int  # 1, -1, 0 (mixed or zero) — colours the badge


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


def _edge_points(source: int, target: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Arrow from the rim of one node to the rim of the other, nudged to its right-hand side so
    A→B and B→A stay apart."""
    (x1, y1), (x2, y2) = goal_position(source), goal_position(target)
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    nudge = 0.035
    ox, oy = uy * nudge, -ux * nudge
    gap = NODE_RADIUS * 1.15
    return ((x1 + ux * gap + ox, y1 + uy * gap + oy), (x2 - ux * gap + ox, y2 - uy * gap + oy))


def figure_model(assessment: Assessment, lang: str = "sv") -> FigureModel:
    """The shared, deterministic content of both figures."""
    from assessment.knowledge.sdg import sdg_catalog

    lang = normalise_lang(lang)
    catalog = sdg_catalog()
    ctx = Context(assessment, interaction_graph(assessment), lang)
    by_goal: dict[int, list[int]] = {}
    for ref, impact in ctx.impacts.items():
        by_goal.setdefault(goal_number(ref), []).append(impact)
    nodes = []
    for number in range(1, 18):
        x, y = goal_position(number)
        text, sign = _impact_text(by_goal.get(number, []))
        goal = catalog.goals[number]
        nodes.append(FigureNode(number, x, y, goal.colour, goal.title.get(lang), text, sign))
    # Per goal pair the strongest score wins; on equal strength the trade-off (the warning).
    best: dict[tuple[int, int], tuple[float, int, str]] = {}
    for ref, impact in ctx.positives():
        for edge in ctx.out_edges(ref):
            pair = (goal_number(ref), goal_number(edge.target))
            if pair[0] == pair[1] or 0 <= edge.score < MIN_SYNERGY_DRAWN:
                continue
            weight = impact * abs(edge.score) / 3
            known = best.get(pair)
            if known is None or (abs(edge.score), -edge.score, weight) > (
                    abs(known[1]), -known[1], known[0]):
                best[pair] = (weight, edge.score, edge_reason(edge, lang))
    strongest = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:MAX_EDGES]
    # Synergies first, trade-offs last so the red arrows are drawn on top.
    strongest.sort(key=lambda item: (item[1][1] < 0, item[0]))
    edges = []
    for (source, target), (_, score, reason) in strongest:
        start, end = _edge_points(source, target)
        edges.append(FigureEdge(source, target, score, start, end,
                                f"{source} → {target}: {reason}"))
    subtitle = "" if ctx.impacts else t("analysis.figure_no_impacts", lang)
    return FigureModel(tuple(nodes), tuple(edges), t("analysis.figure_title", lang), subtitle)


def _edge_colour(score: int) -> str:
    return SYNERGY_COLOUR if score > 0 else TRADEOFF_COLOUR


def _badge_colour(sign: int) -> str:
    return SYNERGY_COLOUR if sign > 0 else TRADEOFF_COLOUR if sign < 0 else NEUTRAL_COLOUR


def _anchor(angle: float) -> tuple[str, str]:
    """Horizontal/vertical alignment that makes a label grow away from the circle."""
    horizontal = "left" if math.cos(angle) > 0.25 else "right" if math.cos(angle) < -0.25 else "center"
    vertical = "bottom" if math.sin(angle) > 0.25 else "top" if math.sin(angle) < -0.25 else "center"
    return horizontal, vertical


def _badge_point(angle: float, text: str) -> tuple[float, float]:
    # A wide badge ("+2/−1") beside a node on the left or right moves out so it clears the node.
    radius = BADGE_RADIUS + max(0.0, BADGE_CHAR * len(text) - 0.06) * abs(math.cos(angle))
    return radius * math.cos(angle), radius * math.sin(angle)


def _label_point(angle: float, badge: str = "") -> tuple[float, float]:
    # Side labels start beyond the impact badge; top and bottom labels sit above/below it.
    radius = LABEL_RADIUS + 0.08 * abs(math.cos(angle))
    if badge:
        badge_radius = math.hypot(*_badge_point(angle, badge))
        radius = max(radius, badge_radius + (BADGE_CHAR * len(badge) + 0.05)
                     * abs(math.cos(angle)))
    return radius * math.cos(angle), radius * math.sin(angle)


def _wrap(text: str, width: int = 16) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def interactive_figure(assessment: Assessment, lang: str = "sv") -> Any:
    """A plotly Figure (self-contained; the app renders it with ``st.plotly_chart``)."""
    import plotly.graph_objects as go

    model = figure_model(assessment, lang)
    fig = go.Figure()
    for edge in model.edges:
        fig.add_annotation(
            x=edge.end[0], y=edge.end[1], ax=edge.start[0], ay=edge.start[1],
            xref="x", yref="y", axref="x", ayref="y", text="", showarrow=True,
            arrowhead=2, arrowsize=1.0, arrowwidth=1 + 1.5 * abs(edge.score), standoff=2,
            arrowcolor=_edge_colour(edge.score), opacity=0.85, hovertext=edge.hover)
    fig.add_trace(go.Scatter(
        x=[n.x for n in model.nodes], y=[n.y for n in model.nodes], mode="markers+text",
        marker={"size": 44, "color": [n.colour for n in model.nodes],
                "line": {"width": 2, "color": "white"}},
        text=[f"<b>{n.number}</b>" for n in model.nodes],
        textfont={"size": 20, "color": "white", "family": "Arial Black, Arial, sans-serif"},
        hovertext=[f"{n.number}: {n.title} ({n.impact_text or t('analysis.not_rated', lang)})"
                   for n in model.nodes],
        hoverinfo="text", showlegend=False))
    rated = [n for n in model.nodes if n.impact_text]
    for node in rated:
        angle = math.atan2(node.y, node.x)
        fig.add_annotation(
            x=_badge_point(angle, node.impact_text)[0],
            y=_badge_point(angle, node.impact_text)[1], text=f"<b>{node.impact_text}</b>", showarrow=False,
            font={"size": 18, "color": "white"}, bgcolor=_badge_colour(node.impact_sign),
            borderpad=3)
    for node in model.nodes:
        angle = math.atan2(node.y, node.x)
        horizontal, vertical = _anchor(angle)
        x, y = _label_point(angle, node.impact_text)
        fig.add_annotation(
            x=x, y=y, text="<br>".join(_wrap(node.title)), showarrow=False, align=horizontal,
            xanchor=horizontal, yanchor="middle" if vertical == "center" else vertical,
            font={"size": 14, "color": "#202124"})
    for name, colour in ((t("analysis.legend_synergy", lang), SYNERGY_COLOUR),
                         (t("analysis.legend_tradeoff", lang), TRADEOFF_COLOUR)):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=name,
                                 line={"color": colour, "width": 4}))
    title = model.title + (f" — {model.subtitle}" if model.subtitle else "")
    fig.update_layout(
        title={"text": title, "font": {"size": 22}}, showlegend=True,
        legend={"orientation": "h", "y": -0.02, "x": 0.5, "xanchor": "center",
                "font": {"size": 16}},
        xaxis={"visible": False, "range": [-X_RANGE, X_RANGE]},
        yaxis={"visible": False, "range": [-Y_RANGE, Y_RANGE], "scaleanchor": "x"},
        plot_bgcolor="white", paper_bgcolor="white", height=720,
        margin={"l": 10, "r": 10, "t": 60, "b": 40})
    return fig


def static_figure_png(assessment: Assessment, lang: str = "sv", dpi: int = 150) -> bytes:
    """The same picture as PNG bytes (matplotlib, Agg backend; no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle, FancyArrowPatch

    model = figure_model(assessment, lang)
    fig = Figure(figsize=(11.5, 10), dpi=dpi)
    ax = fig.add_axes((0, 0.08, 1, 0.83))
    ax.set_xlim(-X_RANGE, X_RANGE)
    ax.set_ylim(-Y_RANGE, Y_RANGE)
    ax.set_aspect("equal")
    ax.axis("off")
    for edge in model.edges:
        ax.add_patch(FancyArrowPatch(
            edge.start, edge.end, arrowstyle="-|>", mutation_scale=14 + 3 * abs(edge.score),
            linewidth=1 + 1.2 * abs(edge.score), color=_edge_colour(edge.score), alpha=0.8,
            shrinkA=0, shrinkB=0, zorder=1))
    for node in model.nodes:
        ax.add_patch(Circle((node.x, node.y), NODE_RADIUS, facecolor=node.colour,
                            edgecolor="white", linewidth=2, zorder=2))
        ax.text(node.x, node.y, str(node.number), ha="center", va="center", fontsize=17,
                fontweight="bold", color="white", zorder=3)
        angle = math.atan2(node.y, node.x)
        horizontal, vertical = _anchor(angle)
        ax.text(*_label_point(angle, node.impact_text), "\n".join(_wrap(node.title)),
                ha=horizontal, va=vertical, fontsize=12, multialignment=horizontal,
                color="#202124", zorder=3)
        if node.impact_text:
            ax.text(*_badge_point(angle, node.impact_text), node.impact_text, ha="center",
                    va="center", fontsize=14, fontweight="bold", color="white", zorder=4,
                    bbox={"boxstyle": "round,pad=0.25", "facecolor":
                          _badge_colour(node.impact_sign), "edgecolor": "none"})
    fig.text(0.5, 0.97, model.title, ha="center", va="center", fontsize=18, fontweight="bold")
    if model.subtitle:
        fig.text(0.5, 0.937, model.subtitle, ha="center", va="center", fontsize=13,
                 color=NEUTRAL_COLOUR)
    handles = [Line2D([0], [0], color=SYNERGY_COLOUR, linewidth=4,
                      label=t("analysis.legend_synergy", lang)),
               Line2D([0], [0], color=TRADEOFF_COLOUR, linewidth=4,
                      label=t("analysis.legend_tradeoff", lang))]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=13, frameon=False,
               bbox_to_anchor=(0.5, 0.035))
    fig.text(0.5, 0.02, t("analysis.legend_impact", lang), ha="center", fontsize=11,
             color=NEUTRAL_COLOUR)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
