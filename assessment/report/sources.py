"""The report's view of the knowledge base and the analysis.

Sections read SDG titles, colours, knowledge sources and analysis findings only through this
module: the shapes the report relies on are written down in one place, and a broken data file
gives a plainer report with a visible note rather than no report at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from assessment.domain.assessment import Assessment
from assessment.domain.refs import ref_label
from assessment.errors import UserError
from assessment.formats import short_date, signed
from assessment.i18n import t
from assessment.knowledge import SdgCatalog, sdg_catalog
from assessment.knowledge.bibliography import bibliography
from assessment.knowledge.datafile import DATA_DIR
from assessment.knowledge.interactions import interaction_base
from assessment.report.charts import GraphEdge, GraphLayout, GraphNode

if TYPE_CHECKING:
    from assessment import analysis
    from assessment.analysis.tally import ConflictTally

# UN Department of Global Communications, SDG colour guidelines (also in sdg_data/goals.yaml);
# only used if the knowledge base cannot be loaded.
UN_COLOURS = (
    "#E5243B",
    "#DDA63A",
    "#4C9F38",
    "#C5192D",
    "#FF3A21",
    "#26BDE2",
    "#FCC30B",
    "#A21942",
    "#FD6925",
    "#DD1367",
    "#FD9D24",
    "#BF8B2E",
    "#3F7E44",
    "#0A97D9",
    "#56C02B",
    "#00689D",
    "#19486A",
)


@dataclass(frozen=True)
class GoalInfo:
    number: int
    title: str
    colour: str


@dataclass(frozen=True)
class Finding:
    """One analysis finding as printed: what, why, and where the knowledge comes from."""

    title: str
    explanation: str
    source: str = ""


@dataclass(frozen=True)
class Findings:
    direct: list[Finding] = field(default_factory=list)
    mixed: list[Finding] = field(default_factory=list)
    latent: list[Finding] = field(default_factory=list)
    second_order: list[Finding] = field(default_factory=list)
    synergies: list[Finding] = field(default_factory=list)
    unaddressed: list[Finding] = field(default_factory=list)
    # How many of each group the analysis' default view shows (the most severe; the rest is behind
    # "show all" in the app): group name -> count. A missing group is shown in full.
    shown: dict[str, int] = field(default_factory=dict)
    # Findings the assessment dismissed: title, the finding's text, and the group's reason.
    dismissed: list[tuple[str, str, str]] = field(default_factory=list)
    # Dismissals whose finding no longer occurs: the dismissed key and the group's reason.
    stale: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)  # title, what changed, reason
    # The analysis' counts of conflicts and issues: the same type and sentences as the app and CLI.
    tally: ConflictTally | None = None


def _catalog() -> SdgCatalog | None:
    try:
        return sdg_catalog()
    except UserError:
        return None


def sdg_goal(number: int, lang: str) -> GoalInfo:
    catalog = _catalog()
    goal = catalog.goals.get(number) if catalog else None
    if goal is None:
        colour = UN_COLOURS[number - 1] if 1 <= number <= 17 else "#888888"
        return GoalInfo(number, "", colour)
    return GoalInfo(number, goal.title.get(lang), goal.colour)


@lru_cache(maxsize=1)
def data_version() -> str:
    """A fingerprint of the knowledge data files (``sdg_data``), so a report names its data."""
    digest = hashlib.sha256()
    try:
        files = sorted(
            p for p in DATA_DIR.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".csv")
        )
        for path in files:
            digest.update(path.relative_to(DATA_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    except OSError:
        return ""
    return f"sdg_data {digest.hexdigest()[:12]}" if files else ""


def knowledge_sources(lang: str) -> list[str]:
    lines: list[str] = []
    catalog = _catalog()
    if catalog is not None:
        # The public works, cited the same way in every language (the files' own `source` texts
        # are their provenance for maintainers, in English), and how far the Swedish target texts
        # are the published wording.
        works = bibliography()
        for key in catalog.works:
            work = works.get(key)
            lines.append(work.citation() if work else key)
        status = Counter(target.sv_status for target in catalog.targets.values())
        lines.append(
            t(
                "report.targets_sv_status",
                lang,
                verified=status["verified"],
                translation=status["official_translation"],
                own=status["unverified"],
            )
        )
    try:
        cited = {
            part.strip().removeprefix("cf. ").strip()
            for known in interaction_base()
            for part in known.citation.split(";")
        }
    except UserError:
        cited = set()
    # "project judgement" is the basis of the project's own scores, not a publication.
    citations = sorted(c for c in cited if c and c.casefold() != "project judgement")
    lines += citations
    return [" ".join(line.split()) for line in lines if line.strip()]


def _score(score: int | None) -> str:
    return f" ({signed(score)})" if score is not None else ""


def _convert(item: analysis.Finding, lang: str) -> Finding:
    source, target = ref_label(item.source, lang), ref_label(item.target, lang)
    if item.kind == "unaddressed" and item.source == item.target:
        title = target
    elif item.kind == "direct_conflict":
        title = f"{source} ↔ {target}"
    elif item.kind == "mixed_effects":
        title = f"{', '.join(ref_label(r, lang) for r in item.related)} / {target}"
    elif item.via:
        title = f"{source} → {ref_label(item.via, lang)} → {target}{_score(item.score)}"
    else:
        title = f"{source} → {target}{_score(item.score)}"
    return Finding(title, item.explanation, item.source_text)


def findings(assessment: Assessment, lang: str) -> Findings | None:
    # Imported here: the report's building blocks (used by screening and portfolio PDFs) must not
    # depend on the analysis package being importable.
    from assessment import analysis

    try:
        found = analysis.findings(assessment, lang)
    except UserError:
        return None
    view = analysis.default_view(found)
    kinds = {
        "direct": "direct_conflict",
        "mixed": "mixed_effects",
        "latent": "latent_conflict",
        "second_order": "second_order_risk",
        "synergies": "synergy",
    }

    def ordered(kind: str, items: tuple[analysis.Finding, ...]) -> list[Finding]:
        # The default view's findings first (the table shows those), then the rest.
        shown = view.group(kind).shown
        rest = [f for f in items if f not in shown]
        return [_convert(f, lang) for f in (*shown, *rest)]

    return Findings(
        shown={name: len(view.group(kind).shown) for name, kind in kinds.items()},
        dismissed=[
            (_convert(d.finding, lang).title, d.finding.explanation, _reason(d.reason, d.by, d.date, lang))
            for d in found.dismissed
        ],
        stale=[(s.finding, _reason(s.reason, s.by, s.date, lang)) for s in found.stale_dismissals],
        changed=[
            (
                _convert(c.finding, lang).title,
                f"{c.finding.explanation} {c.change(lang)}",
                _reason(c.reason, c.by, c.date, lang),
            )
            for c in found.changed_dismissals
        ],
        direct=ordered("direct_conflict", found.direct_conflicts),
        mixed=ordered("mixed_effects", found.mixed_effects),
        latent=ordered("latent_conflict", found.latent_conflicts),
        second_order=ordered("second_order_risk", found.second_order_risks),
        synergies=ordered("synergy", found.synergies),
        unaddressed=[_convert(f, lang) for f in found.unaddressed],
        tally=found.tally,
    )


def _reason(reason: str, by: str, date: str, lang: str) -> str:
    """A dismissal's reason with who marked it and when, where recorded: "Skäl (anna, 2026-12-03)"."""
    who = [by] if by else []
    if date:
        who.append(short_date(dt.date.fromisoformat(date), lang))
    return f"{reason} ({', '.join(who)})" if who else reason


@dataclass(frozen=True)
class GraphPicture:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    subtitle: str
    layout: GraphLayout


def graph_picture(assessment: Assessment, lang: str) -> GraphPicture | None:
    """The interaction picture's content (layout, colours, arrows) for the PDF's vector drawing
    (sharp and searchable, the same layout as the app's figure). None if the analysis cannot give
    it: the report then says the graph is unavailable."""
    from assessment.analysis import figures

    try:
        model = figures.figure_model(assessment, lang)
    except UserError:
        return None
    nodes = [
        GraphNode(
            n.number,
            n.x,
            n.y,
            n.colour,
            n.title,
            n.impact_text,
            n.impact_sign,
            n.label.lines,
            n.label.x,
            n.label.y,
            n.label.halign,
            n.label.valign,
            (n.badge.box.left, n.badge.box.bottom, n.badge.box.right, n.badge.box.top) if n.badge else None,
        )
        for n in model.nodes
    ]
    edges = [GraphEdge(e.score, e.start, e.end) for e in model.edges]
    b = model.bounds
    layout = GraphLayout(
        (b.left, b.bottom, b.right, b.top),
        figures.NODE_RADIUS,
        figures.LABEL_FONT,
        figures.LINE_HEIGHT,
        figures.BADGE_FONT,
    )
    return GraphPicture(nodes, edges, model.subtitle, layout)
