"""A dismissal records the evidence it answered (the knowledge-base cell and its score). When that
evidence changes, the finding comes back as "the evidence changed, review again" instead of
staying dismissed; a dismissal from before (no score) is unknown and holds."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from assessment.analysis import dismissal_for, findings
from assessment.cli import main
from assessment.domain import Assessment
from assessment.domain.migrate import migrate
from assessment.fileio import parse_assessment_text
from assessment.knowledge.interactions import InteractionBase, interaction_base
from tests.support.pdf import flat_text

CASE = {
    "title": "Vindkraft <&>",
    "description": "Vindkraftspark i renbetesland",
    "sdg": [{"target": "7.2", "impact": 3}],
}
KEY = "latent_conflict:7.2>2.3"


def _kb_with(source: str, target: str, score: int) -> InteractionBase:
    """The shipped knowledge base with one cell's score changed (a region edited its table)."""
    kb = interaction_base()

    def edit(cells: tuple[object, ...]) -> tuple[object, ...]:
        return tuple(
            dataclasses.replace(c, score=score) if (c.source, c.target) == (source, target) else c  # type: ignore[attr-defined]
            for c in cells
        )

    return InteractionBase(
        goals=edit(kb.goals),  # type: ignore[arg-type]
        targets=edit(kb.targets),  # type: ignore[arg-type]
        left_out=kb.left_out,
        overlaps=kb.overlaps,
    )


def _dismissed_case(reason: str = "Parken ligger utanför renbeteslandet") -> Assessment:
    first = findings(Assessment.model_validate(CASE), "sv")
    finding = next(f for f in first.latent_conflicts if f.key == KEY)
    dismissal = dismissal_for(finding, reason, by="Ann")
    assert (dismissal.cell, dismissal.score) == ("7.2>2.3", -2)
    return Assessment.model_validate({**CASE, "dismissals": [dismissal.model_dump(mode="json")]})


def _file_round_trip(assessment: Assessment) -> Assessment:
    text = yaml.safe_dump(assessment.to_document(), allow_unicode=True, sort_keys=False)
    assert "score: -2" in text and "cell: 7.2>2.3" in text and "schema: 5" in text
    return parse_assessment_text(text, "a.yaml")


def test_the_cell_and_score_are_stored_and_an_unchanged_cell_keeps_the_dismissal() -> None:
    again = _file_round_trip(_dismissed_case())
    assert (again.dismissals[0].cell, again.dismissals[0].score) == ("7.2>2.3", -2)
    result = findings(again, "sv")
    assert [d.finding.key for d in result.dismissed] == [KEY]
    assert result.changed_dismissals == () and KEY not in {f.key for f in result.latent_conflicts}


@pytest.mark.parametrize("score", [-1, 1])
def test_a_changed_score_or_sign_brings_the_finding_back_to_review(score: int) -> None:
    case = _file_round_trip(_dismissed_case())
    result = findings(case, "sv", kb=_kb_with("7.2", "2.3", score))
    assert result.dismissed == ()
    if score < 0:  # still a latent conflict: back in its list and in coverage
        (changed,) = result.changed_dismissals
        assert changed.finding.key == KEY and KEY in {f.key for f in result.latent_conflicts}
        assert result.stale_dismissals == ()
        assert any(i.target == "2.3" for i in result.coverage.items)
        assert (changed.old_score, changed.finding.score, changed.reason) == (
            -2,
            -1,
            case.dismissals[0].reason,
        )
        assert changed.change("sv") == (
            "Ni markerade fyndet som inte relevant när underlaget var kunskapsbasens cell delmål 7.2 → "
            "delmål 2.3 med värdet −2; nu är det kunskapsbasens cell delmål 7.2 → delmål 2.3 med värdet −1. "
            "Fyndet räknas igen tills ni har granskat det på nytt."
        )
        assert "when the evidence was the knowledge-base cell target 7.2 → target 2.3 scored −2" in (
            changed.change("en")
        )
        assert result.to_dict()["changed_dismissals"] == [
            {
                "key": KEY,
                "reason": case.dismissals[0].reason,
                "by": "Ann",
                "date": None,
                "old_score": -2,
                "old_cell": "7.2>2.3",
                "old_first_score": None,
                "old_first_cell": None,
                "score": -1,
                "cell": "7.2>2.3",
                "first_score": None,
                "first_cell": None,
            }
        ]
    else:  # the sign flipped: no latent conflict any more, so the dismissal is stale
        assert result.changed_dismissals == ()
        assert [s.finding for s in result.stale_dismissals] == [KEY]


def test_the_cases_own_interaction_replacing_the_cell_is_a_change_of_evidence() -> None:
    case = _dismissed_case()
    case.interactions.append(
        Assessment.model_validate(
            {"title": "x", "interactions": [{"from": "7.2", "to": "2.3", "score": -2}]}
        ).interactions[0]
    )
    (changed,) = findings(case, "en").changed_dismissals
    assert (changed.old_cell, changed.finding.cell, changed.finding.score) == ("7.2>2.3", "", -2)
    assert "it is now the assessment's own interaction scored −2" in changed.change("en")


def test_old_dismissals_without_a_score_are_unknown_not_changed() -> None:
    old = {"schema": 3, **CASE, "dismissals": [{"finding": KEY, "reason": "Gammalt skäl"}]}
    doc, notes = migrate(old, 4)
    assert doc == {**old, "schema": 4}
    assert [n.key for n in notes] == ["migrate.upgraded", "migrate.v4_fields"]
    a = parse_assessment_text(yaml.safe_dump(old, allow_unicode=True), "v3.yaml")
    assert a.schema_version == 5 and (a.dismissals[0].cell, a.dismissals[0].score) == ("", None)
    result = findings(a, "sv", kb=_kb_with("7.2", "2.3", -1))  # the cell changed meanwhile
    assert [d.finding.key for d in result.dismissed] == [KEY] and result.changed_dismissals == ()


@pytest.mark.parametrize(
    ("lang", "heading", "detail"),
    [
        ("sv", "Underlaget har ändrats – granska igen (1)", "med värdet −3; nu är det"),
        ("en", "The evidence changed – review again (1)", "scored −3; it is now"),
    ],
)
def test_analyse_says_the_evidence_changed(
    lang: str, heading: str, detail: str, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    # Dismissed when the shipped cell 7.2 -> 2.3 scored −3; it scores −2 now.
    data = {
        **CASE,
        "dismissals": [{"finding": KEY, "reason": "Utanför <betet>", "cell": "7.2>2.3", "score": -3}],
    }
    path = f"{tmp_path}/fall.yaml"
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(Assessment.model_validate(data).to_document(), handle, allow_unicode=True)
    assert main(["analyse", path, "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert heading in out and detail in out and "Utanför <betet>" in out


def test_the_pdf_appendix_lists_a_changed_dismissal() -> None:
    from assessment.report import build_pdf

    data = {**CASE, "dismissals": [{"finding": KEY, "reason": "Skäl <&> då", "cell": "7.2>2.3", "score": -3}]}
    pdf = build_pdf(Assessment.model_validate(data), "sv")
    flat = flat_text(pdf)
    assert "Underlaget har ändrats – granska igen" in flat and "Skäl <&> då" in flat
    assert "med värdet −3; nu är det" in flat
