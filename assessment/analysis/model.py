"""Result types of the analysis: plain frozen dataclasses the app, PDF, CLI and screening share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, overload

from assessment.analysis.metrics import NodeMetrics
from assessment.analysis.tally import ConflictTally
from assessment.i18n import t

FindingKind = Literal[
    "direct_conflict", "mixed_effects", "latent_conflict", "second_order_risk", "synergy", "unaddressed"
]
# How specific the evidence behind a finding is, most specific first: a knowledge-base cell scored
# for these targets, the workshop's own interaction, a conflict the group recorded, a goal-level
# cell (for goal ratings, or a target the cell's ``applies_to`` names), "general": a chain of two
# goal-level cells (a second-order path that says nothing specific about the case) or a goal cell
# with ``applies_to`` between two goal ratings (its source names targets the ratings do not), only
# the ratings themselves.
Evidence = Literal["target_cell", "workshop", "recorded_conflict", "goal_cell", "general", "ratings"]
IssueKind = Literal["negative_impact", "direct_conflict", "recorded_conflict", "latent_conflict"]
Status = Literal["measure", "position", "open"]
Origin = Literal["assessment_ratings", "assessment_interaction", "knowledge_base"]


class LazyText:
    """A text field of a result that may be given as a function and is formatted on first read.

    A 169-target table yields tens of thousands of candidate findings, each with Swedish or English
    sentences (labels, scale names, citations) that no one reads but the few shown: the detectors
    pass ``functools.partial`` recipes, so `findings()` costs its detection, and a text is built
    once, when something (the app, the PDF, ``to_dict``, ``==``) reads it. Reading gives the same
    string an eager build gave; pickling and copying store the text, not the recipe.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    @overload
    def __get__(self, obj: None, owner: Any = None) -> LazyText: ...
    @overload
    def __get__(self, obj: object, owner: Any = None) -> str: ...
    def __get__(self, obj: object | None, owner: Any = None) -> str | LazyText:
        if obj is None:
            raise AttributeError(self.slot)  # no default: the dataclass field stays required
        value: str | Callable[[], str] = obj.__dict__[self.slot]
        if not isinstance(value, str):
            value = obj.__dict__[self.slot] = value()
        return value

    def __set__(self, obj: object, value: str | Callable[[], str]) -> None:
        obj.__dict__[self.slot] = value


def _resolved_state(obj: object, names: tuple[str, ...]) -> dict[str, Any]:
    for name in names:
        getattr(obj, name)  # format any recipe still pending
    return dict(obj.__dict__)


@dataclass(frozen=True, init=False)
class Finding:
    """One warning or opportunity, with its explanation (in the requested language) and provenance.

    ``source``/``target`` are canonical refs (``"sdg:8"``, ``"7.2"``); for a negative impact both
    name the harmed goal. ``score`` is the interaction score used (−3..3) where one applies;
    ``severity`` orders findings (higher = more important; see `assessment.analysis` for formulas).
    ``source_text`` says where the knowledge comes from (citation and whether literature or the
    project's own judgement, or the assessment itself) and names the ``evidence`` level;
    ``origin``/``basis`` are the same as codes. ``related`` lists further refs a grouped finding
    is about (for "mixed_effects": every positively rated ref beside the shared negative
    ``target``). ``cell`` names the knowledge-base cell behind ``score``; a second-order chain
    A → B → C rests on two, so its ``cell``/``score`` are the second step B → C and
    ``first_cell``/``first_score`` the first step A → B (a dismissal records both).
    """

    kind: FindingKind
    source: str
    target: str
    severity: float
    explanation: LazyText = LazyText()  # read as str
    source_text: LazyText = LazyText()  # read as str
    origin: Origin  # type: ignore[misc]  # mypy takes LazyText for a default; it is not one
    score: int | None = None
    basis: str = ""
    via: str | None = None
    source_impact: int | None = None
    target_impact: int | None = None
    status: Status | None = None
    evidence: Evidence = "ratings"
    related: tuple[str, ...] = ()
    cell: str = ""  # the knowledge-base cell behind it, "7.2>6.6" / "sdg:8>sdg:13" ("" if none)
    first_cell: str = ""  # a chain's first step A→B: its cell ("" for the case's own or none)
    first_score: int | None = None  # and its score (None: no first step, not a chain)

    def __init__(
        self,
        kind: FindingKind,
        source: str,
        target: str,
        severity: float,
        explanation: str | Callable[[], str],
        source_text: str | Callable[[], str],
        origin: Origin,
        score: int | None = None,
        basis: str = "",
        via: str | None = None,
        source_impact: int | None = None,
        target_impact: int | None = None,
        status: Status | None = None,
        evidence: Evidence = "ratings",
        related: tuple[str, ...] = (),
        cell: str = "",
        first_cell: str = "",
        first_score: int | None = None,
    ) -> None:
        # The fields above, in one dict update: a frozen dataclass's own __init__ calls
        # object.__setattr__ once per field (3x slower; a 169-target table makes 25,000 findings).
        # tests/unit/test_findings_golden.py checks this signature against the fields.
        self.__dict__.update(
            kind=kind,
            source=source,
            target=target,
            severity=severity,
            _explanation=explanation,
            _source_text=source_text,
            origin=origin,
            score=score,
            basis=basis,
            via=via,
            source_impact=source_impact,
            target_impact=target_impact,
            status=status,
            evidence=evidence,
            related=related,
            cell=cell,
            first_cell=first_cell,
            first_score=first_score,
        )

    @property
    def cells(self) -> tuple[str, ...]:
        """The knowledge-base cells the finding rests on: a chain's two steps, first step first,
        else its one cell (the case's own interactions are no cell; a repeated cell once)."""
        return tuple(dict.fromkeys(c for c in (self.first_cell, self.cell) if c))

    def __getstate__(self) -> dict[str, Any]:
        return _resolved_state(self, ("explanation", "source_text"))

    @property
    def key(self) -> str:
        """Stable identity of the finding within an assessment (for dismissals and tests)."""
        via = f">{self.via}" if self.via else ""
        return f"{self.kind}:{self.source}{via}>{self.target}"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "key": self.key,
            "from": self.source,
            "to": self.target,
            "via": self.via,
            "score": self.score,
            "severity": self.severity,
            "explanation": self.explanation,
            "source": self.source_text,
            "origin": self.origin,
            "basis": self.basis or None,
            "from_impact": self.source_impact,
            "to_impact": self.target_impact,
            "status": self.status,
            "evidence": self.evidence,
            "related": list(self.related),
            "cell": self.cell or None,
        }


@dataclass(frozen=True)
class Dismissed:
    """A finding the assessment marked "not relevant here because …": out of the lists and of
    coverage, listed with its reason (PDF appendix, register counts per knowledge-base cell)."""

    finding: Finding
    reason: str
    by: str = ""
    date: str = ""

    def to_dict(self) -> dict[str, object]:
        return {**self.finding.to_dict(), "reason": self.reason, "by": self.by, "date": self.date or None}


@dataclass(frozen=True)
class StaleDismissal:
    """A dismissal whose finding the analysis no longer finds (the ratings, the case's own
    interactions or the knowledge base changed): shown as stale, never silently dropped, so the
    group can remove it or see that its reason no longer has a finding to answer."""

    finding: str  # the dismissed `Finding.key`
    reason: str
    by: str = ""
    date: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"key": self.finding, "reason": self.reason, "by": self.by, "date": self.date or None}


def _evidence(cell: str, score: int | None, lang: str) -> str:
    """A finding's evidence in words: the knowledge-base cell and its score, or the case's own."""
    from assessment.domain.refs import ref_label, signed

    value = signed(score) if score is not None else "–"
    if not cell:
        return t("analysis.dismissal_evidence_own", lang, score=value)
    source, _, target = cell.partition(">")
    ends = f"{ref_label(source, lang, titled=False)} → {ref_label(target, lang, titled=False)}"
    return t("analysis.dismissal_evidence_cell", lang, cell=ends, score=value)


def _chain_evidence(first_cell: str, first_score: int | None, cell: str, score: int | None, lang: str) -> str:
    """A chain's evidence in words, first step then second; one step where no first is known
    (not a chain, or a chain dismissed before version 5 recorded its first step)."""
    second = _evidence(cell, score, lang)
    if first_score is None:
        return second
    first = _evidence(first_cell, first_score, lang)
    return t("analysis.dismissal_evidence_chain", lang, first=first, second=second)


@dataclass(frozen=True)
class ChangedDismissal:
    """A dismissal whose evidence changed: the knowledge-base cell behind the finding has another
    score (or another cell, or the case's own interaction, now speaks) than when the group
    dismissed it. The reason answered other evidence, so the finding is back in the lists and
    shown as "the evidence changed, review again" with the old reason. For a second-order chain
    either step counts: ``old_first_*`` is the first step as recorded (None/"" if not recorded)."""

    finding: Finding  # as the analysis finds it now (back in its list)
    reason: str
    by: str = ""
    date: str = ""
    old_score: int | None = None
    old_cell: str = ""
    old_first_score: int | None = None
    old_first_cell: str = ""

    def change(self, lang: str) -> str:
        """ "Ni markerade fyndet … när underlaget var kunskapsbasens cell 7.2 → 6.6 med värdet −1;
        nu är det … −2." (no user text: the reason is shown apart, escaped by the caller); a
        chain names both steps."""
        f = self.finding
        return t(
            "analysis.dismissal_changed",
            lang,
            old=_chain_evidence(
                self.old_first_cell, self.old_first_score, self.old_cell, self.old_score, lang
            ),
            new=_chain_evidence(f.first_cell, f.first_score, f.cell, f.score, lang),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.finding.key,
            "reason": self.reason,
            "by": self.by,
            "date": self.date or None,
            "old_score": self.old_score,
            "old_cell": self.old_cell or None,
            "old_first_score": self.old_first_score,
            "old_first_cell": self.old_first_cell or None,
            "score": self.finding.score,
            "cell": self.finding.cell or None,
            "first_score": self.finding.first_score,
            "first_cell": self.finding.first_cell or None,
        }


@dataclass(frozen=True)
class CoverageItem:
    """An issue that needs handling and how it is handled.

    ``status``: "measure" (a measure addresses it), "position" (a recorded position, or a position
    or decision on a recorded conflict, covers it) or "open". For a negative RUS/other-goal impact
    ``source`` = ``target`` = its ref (``"rus:p1"``); for a recorded conflict both are its id.
    ``measures``/``conflicts``/``positions`` list the ids that count.
    """

    kind: IssueKind
    source: str
    target: str
    severity: float
    status: Status
    explanation: LazyText = LazyText()  # read as str
    measures: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()

    def __getstate__(self) -> dict[str, Any]:
        return _resolved_state(self, ("explanation",))

    @property
    def addressed(self) -> bool:
        return self.status != "open"

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "from": self.source,
            "to": self.target,
            "severity": self.severity,
            "status": self.status,
            "explanation": self.explanation,
            "measures": list(self.measures),
            "conflicts": list(self.conflicts),
            "positions": list(self.positions),
        }


@dataclass(frozen=True)
class Coverage:
    """Every issue (negative SDG/RUS/other-goal impacts, direct and recorded conflicts, latent
    conflicts at or above the threshold) with its status; ``summary(lang)`` gives "7 av 9 hanterade" /
    "7 of 9 addressed"."""

    items: tuple[CoverageItem, ...]
    threshold: float

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def addressed(self) -> int:
        return sum(1 for item in self.items if item.addressed)

    @property
    def open_items(self) -> tuple[CoverageItem, ...]:
        return tuple(item for item in self.items if not item.addressed)

    def summary(self, lang: str = "sv") -> str:
        return t("analysis.coverage_summary", lang, addressed=self.addressed, total=self.total)

    def to_dict(self, lang: str = "sv") -> dict[str, object]:
        return {
            "addressed": self.addressed,
            "total": self.total,
            "threshold": self.threshold,
            "summary": self.summary(lang),
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True)
class Findings:
    """Everything the analysis says about one assessment (see `assessment.analysis.findings`)."""

    lang: str
    direct_conflicts: tuple[Finding, ...] = ()
    mixed_effects: tuple[Finding, ...] = ()
    latent_conflicts: tuple[Finding, ...] = ()
    second_order_risks: tuple[Finding, ...] = ()
    synergies: tuple[Finding, ...] = ()
    unaddressed: tuple[Finding, ...] = ()
    coverage: Coverage = field(default_factory=lambda: Coverage((), 1.0))
    metrics: tuple[NodeMetrics, ...] = ()
    kb_metrics: tuple[NodeMetrics, ...] = ()
    dismissed: tuple[Dismissed, ...] = ()
    stale_dismissals: tuple[StaleDismissal, ...] = ()
    changed_dismissals: tuple[ChangedDismissal, ...] = ()
    # The counts every surface prints (see `assessment.analysis.tally`).
    tally: ConflictTally = field(default_factory=lambda: ConflictTally(0, 0, 0, 0, 0, 0))

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Direct, latent and second-order findings, most severe first."""
        found = (*self.direct_conflicts, *self.latent_conflicts, *self.second_order_risks)
        return tuple(sorted(found, key=lambda f: -f.severity))

    def to_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "direct_conflicts": [f.to_dict() for f in self.direct_conflicts],
            "mixed_effects": [f.to_dict() for f in self.mixed_effects],
            "latent_conflicts": [f.to_dict() for f in self.latent_conflicts],
            "second_order_risks": [f.to_dict() for f in self.second_order_risks],
            "synergies": [f.to_dict() for f in self.synergies],
            "unaddressed": [f.to_dict() for f in self.unaddressed],
            "coverage": self.coverage.to_dict(self.lang),
            "metrics": [m.to_dict() for m in self.metrics],
            "kb_metrics": [m.to_dict() for m in self.kb_metrics],
            "dismissed": [d.to_dict() for d in self.dismissed],
            "stale_dismissals": [d.to_dict() for d in self.stale_dismissals],
            "changed_dismissals": [d.to_dict() for d in self.changed_dismissals],
            "tally": self.tally.to_dict(),
        }
