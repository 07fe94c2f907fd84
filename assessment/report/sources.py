"""The report's view of the knowledge base and the analysis.

Sections read SDG titles, colours and analysis findings only through this module, so the
report keeps working (with plainer labels) if a piece of knowledge is missing, and so the
shapes the report relies on are written down in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment.domain.assessment import Assessment

# UN Department of Global Communications, SDG colour guidelines (also in sdg_data/goals.yaml);
# only used if the knowledge base cannot be loaded.
UN_COLOURS = (
    "#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942",
    "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D",
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
    latent: list[Finding] = field(default_factory=list)
    second_order: list[Finding] = field(default_factory=list)
    synergies: list[Finding] = field(default_factory=list)
    unaddressed: list[Finding] = field(default_factory=list)


def sdg_goal(number: int, lang: str) -> GoalInfo:
    colour = UN_COLOURS[number - 1] if 1 <= number <= 17 else "#888888"
    return GoalInfo(number, "", colour)


def sdg_target_title(code: str, lang: str) -> str | None:
    return None


def data_version() -> str:
    return ""


def knowledge_sources(lang: str) -> list[str]:
    return []


def findings(assessment: Assessment, lang: str) -> Findings | None:
    return None


def graph_png(assessment: Assessment, lang: str) -> bytes | None:
    return None
