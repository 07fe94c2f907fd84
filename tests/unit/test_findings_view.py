"""The default view: few findings, conflicts first, weak ones behind "show all", dismissed out."""

from __future__ import annotations

from assessment.analysis import Finding, Findings, default_view
from assessment.analysis.view import DEFAULT_TOTAL, PER_KIND_MAX


def _f(kind: str, n: int, severity: float = 2.0, evidence: str = "target_cell") -> Finding:
    return Finding(
        kind=kind,  # type: ignore[arg-type]
        source=f"8.{n}",
        target="13.2",
        severity=severity,
        explanation="x",
        source_text="y",
        origin="knowledge_base",
        evidence=evidence,  # type: ignore[arg-type]
    )


def _result(**counts: int) -> Findings:
    fields = {
        "direct_conflict": "direct_conflicts",
        "latent_conflict": "latent_conflicts",
        "mixed_effects": "mixed_effects",
        "second_order_risk": "second_order_risks",
        "synergy": "synergies",
    }
    lists = {fields[k]: tuple(_f(k, i, 3.0 - i / 10) for i in range(n)) for k, n in counts.items()}
    return Findings(lang="sv", **lists)  # type: ignore[arg-type]


def test_at_most_ten_with_conflicts_first_and_quotas() -> None:
    view = default_view(_result(direct_conflict=8, latent_conflict=8, synergy=8, second_order_risk=8))
    assert len(view.shown) == DEFAULT_TOTAL
    counts = {g.kind: len(g.shown) for g in view.groups}
    assert counts == {
        "direct_conflict": 5,  # quota 4, plus room left by mixed effects (none)
        "latent_conflict": 3,
        "mixed_effects": 0,
        "second_order_risk": 1,
        "synergy": 1,
    }
    assert view.group("direct_conflict").hidden == 3 and view.hidden == 32 - 10


def test_room_left_over_goes_to_the_next_kinds_up_to_a_cap() -> None:
    view = default_view(_result(latent_conflict=9))
    assert len(view.group("latent_conflict").shown) == PER_KIND_MAX


def test_weak_findings_wait_behind_show_all_unless_the_group_recorded_the_pair() -> None:
    weak = Findings(
        lang="sv",
        latent_conflicts=(
            _f("latent_conflict", 1, 0.33),
            _f("latent_conflict", 2, 0.33, "recorded_conflict"),
        ),
    )
    shown = default_view(weak).shown
    assert [f.source for f in shown] == ["8.2"]
    assert len(default_view(weak, show_all=True).shown) == 2


def test_dismissed_findings_are_counted_per_kind() -> None:
    from assessment.analysis import Dismissed

    result = _result(direct_conflict=2)
    gone = Dismissed(result.direct_conflicts[0], "Inte här")
    trimmed = Findings(lang="sv", direct_conflicts=result.direct_conflicts[1:], dismissed=(gone,))
    group = default_view(trimmed).group("direct_conflict")
    assert [f.key for f in group.shown] == [result.direct_conflicts[1].key]
    assert (group.total, group.dismissed) == (1, 1)


def _synergy(source: str, target: str, severity: float, target_impact: int | None = None) -> Finding:
    return Finding(
        kind="synergy",
        source=source,
        target=target,
        severity=severity,
        explanation="x",
        source_text="y",
        origin="knowledge_base",
        evidence="target_cell",
        target_impact=target_impact,
    )


def test_a_synergy_and_its_reverse_are_shown_once() -> None:
    both = (_synergy("7.2", "13.2", 2.0), _synergy("13.2", "7.2", 1.5), _synergy("8.9", "8.5", 1.2))
    shown = default_view(Findings(lang="sv", synergies=both)).shown
    assert [(f.source, f.target) for f in shown] == [("7.2", "13.2"), ("8.9", "8.5")]
    assert len(default_view(Findings(lang="sv", synergies=both), show_all=True).shown) == 3


def test_no_synergy_towards_a_goal_the_case_rates_negative_by_default() -> None:
    found = (_synergy("sdg:9", "sdg:8", 2.0, target_impact=-1), _synergy("sdg:9", "sdg:11", 1.5, 2))
    result = Findings(lang="sv", synergies=found)
    assert [f.target for f in default_view(result).shown] == ["sdg:11"]
    assert [f.target for f in default_view(result, show_all=True).shown] == ["sdg:8", "sdg:11"]
