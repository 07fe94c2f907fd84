"""Everything a report section needs: the assessment, the language, the process models and the
labels of references, gathered once per report."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from assessment.domain import refs
from assessment.domain.assessment import Assessment
from assessment.formats import signed
from assessment.i18n import Lang, t
from assessment.i18n.text import LocalText
from assessment.process_models import RusModel, TyrensModel, rus_model, tyrens_model
from assessment.report import sources


@dataclass
class ReportContext:
    assessment: Assessment
    lang: Lang
    invariant: bool = False
    rus: RusModel = field(default_factory=rus_model)
    tyrens: TyrensModel = field(default_factory=tyrens_model)

    def t(self, key: str, **params: object) -> str:
        """A report message (``report.<key>``) in the report's language."""
        return t(f"report.{key}", self.lang, **params)

    def local(self, text: LocalText | None) -> str:
        return text.get(self.lang) if text is not None else ""

    def scale_word(self, value: int | None) -> str:
        if value is None:
            return self.t("not_rated")
        word = self.local(self.rus.scale_label(value))
        sign = signed(value)
        return f"{sign} {word}".strip()

    def goal_title(self, number: int) -> str:
        return sources.sdg_goal(number, self.lang).title

    def goal_colour(self, number: int) -> str:
        return sources.sdg_goal(number, self.lang).colour

    def ref_label(self, raw: str) -> str:
        """A readable name for a reference (`assessment.domain.refs.ref_label`)."""
        return refs.ref_label(raw, self.lang)

    def rus_goal_title(self, raw: str) -> str:
        """The RUS goal's title without the "RUS:" prefix (for columns headed "RUS goal")."""
        goal = self.rus.rus_goal(raw)
        return self.local(goal.title) if goal else raw.removeprefix("rus:")

    def short_ref(self, raw: str, limit: int = 60) -> str:
        label = self.ref_label(raw)
        return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"

    @cached_property
    def findings(self) -> sources.Findings | None:
        return sources.findings(self.assessment, self.lang)

    @cached_property
    def graph_picture(self) -> sources.GraphPicture | None:
        return sources.graph_picture(self.assessment, self.lang)
