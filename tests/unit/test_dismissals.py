"""Dismiss a finding with a reason: stored in the file (schema 2, old files migrated), out of the
lists and of coverage, in the PDF appendix, counted per knowledge-base cell across assessments."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.analysis import findings
from assessment.domain import Assessment, Dismissal
from assessment.domain.migrate import migrate
from assessment.errors import ValidationFailed
from assessment.fileio import load_assessment, parse_assessment_text
from tests.support.pdf import flat_text, pdf_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

CASE = {
    "title": "Vindkraft <&> ŋ đ",
    "description": "Vindkraftspark i renbetesland",
    "sdg": [{"target": "7.2", "impact": 3}],
}


def test_old_files_are_migrated_to_the_current_schema() -> None:
    old = {"schema": 2, "title": "x", "sdg": [{"goal": 8, "impact": 1}]}
    doc, notes = migrate(old, 3)
    assert doc == {**old, "schema": 3, "dismissals": []}
    assert [n.key for n in notes] == ["migrate.upgraded", "migrate.v3_fields"]
    doc, notes = migrate(old, 4)
    assert doc == {**old, "schema": 4, "dismissals": []}
    assert [n.key for n in notes] == ["migrate.upgraded", "migrate.v3_fields", "migrate.v4_fields"]
    a = parse_assessment_text("schema: 1\ntitle: Gammal fil\n", "old.yaml")  # 1 -> 2 -> 3 -> 4 -> 5
    assert a.schema_version == 5 and a.dismissals == []
    assert a.to_document()["schema"] == 5
    assert load_assessment(EXAMPLES / "kalarne_drivmedel.yaml").schema_version == 5
    with pytest.raises(ValidationFailed) as caught:
        parse_assessment_text("schema: 99\ntitle: Framtida fil\n", "new.yaml")
    assert "99" in caught.value.message("en")


def test_a_dismissal_needs_a_reason() -> None:
    with pytest.raises(ValidationFailed):
        parse_assessment_text(
            "title: x\ndismissals:\n  - {finding: 'latent_conflict:7.2>2.3', reason: ' '}\n"
        )


def test_round_trip_and_the_finding_leaves_lists_and_coverage() -> None:
    before = findings(Assessment.model_validate(CASE), "en")
    target = next(f for f in before.latent_conflicts if f.target == "2.3")
    assert target.cell == "7.2>2.3" and any(i.target == "2.3" for i in before.coverage.items)
    reason = "Parken ligger utanför renbeteslandet <b>&</b>"
    data = {**CASE, "dismissals": [{"finding": target.key, "reason": reason, "by": "Ann"}]}
    text = Assessment.model_validate(data).to_document()
    import yaml

    again = parse_assessment_text(yaml.safe_dump(text, allow_unicode=True), "a.yaml")
    assert again.dismissals[0].reason == reason
    after = findings(again, "en")
    assert target.key not in {f.key for f in after.latent_conflicts}
    assert not any(i.target == "2.3" for i in after.coverage.items)  # excluded from coverage
    (gone,) = after.dismissed
    assert gone.finding.key == target.key and gone.reason == reason and gone.by == "Ann"
    assert after.to_dict()["dismissed"][0]["reason"] == reason  # type: ignore[index]


def test_the_pdf_appendix_lists_dismissals() -> None:
    from assessment.report import build_pdf

    key = next(
        f.key for f in findings(Assessment.model_validate(CASE), "sv").latent_conflicts if f.target == "2.3"
    )
    a = Assessment.model_validate(
        {
            **CASE,
            "dismissals": [
                {"finding": key, "reason": "Utanför betesområdet", "by": "ann.berg", "date": "2026-12-03"}
            ],
        }
    )
    pdf = build_pdf(a, "sv")
    text = pdf_text(pdf, " ")
    flat = " ".join(text.split())
    assert "Fynd som bedömts inte vara relevanta" in flat
    assert "Utanför betesområdet (ann.berg, 2026-12-03)" in flat  # who marked it, when
    # A dismissal whose finding no longer occurs is listed as stale with its reason.
    a.dismissals.append(Dismissal(finding="latent_conflict:9.1>14.1", reason="Gammalt skäl <&>"))
    pdf = build_pdf(a, "sv")
    flat = flat_text(pdf)
    assert "Inaktuell markering" in flat and "Gammalt skäl <&>" in flat
    assert "Gammalt skäl <&> (" not in flat  # nobody and no date recorded: nothing added
    assert "uppstår inte längre" in flat and "Utanför betesområdet" in flat


def test_dismissals_are_counted_per_knowledge_base_cell() -> None:
    from assessment.portfolio.dismissals import cell_dismissals, dismissals_frame
    from assessment.portfolio.selection import Item, Portfolio

    key = "latent_conflict:7.2>2.3"
    items = []
    for n in range(3):
        data = {**CASE, "title": f"Fall {n}"}
        if n < 2:
            data["dismissals"] = [{"finding": key, "reason": f"skäl {n}"}]
        items.append(Item.of(f"a{n}", Assessment.model_validate(data)))
    (cell,) = cell_dismissals(Portfolio(tuple(items)), "sv")
    assert (cell.cell, cell.dismissed, cell.cases) == ("7.2>2.3", 2, 3)
    assert cell.summary("sv") == "avfärdad i 2 av 3 bedömningar"
    frame = dismissals_frame(Portfolio(tuple(items)), "en")
    assert frame.iloc[0]["summary"] == "dismissed in 2 of 3 assessments"
    assert frame.iloc[0]["reasons"] == "skäl 0 | skäl 1"


def test_a_dismissal_whose_finding_no_longer_occurs_is_stale_not_dropped() -> None:
    key = "latent_conflict:7.2>2.3"
    dismissal = {
        "finding": key,
        "reason": "Samebyn har inget vinterbete här",
        "by": "Ann",
        "date": "2026-11-30",
    }
    live = findings(Assessment.model_validate({**CASE, "dismissals": [dismissal]}), "en")
    assert [d.finding.key for d in live.dismissed] == [key] and live.stale_dismissals == ()
    # The case no longer names a wind farm: the reindeer cell does not apply, the finding is gone,
    # and the dismissal is reported as stale with its reason, not silently ignored.
    changed = {**CASE, "title": "Solceller", "description": "Solceller på taket"}
    result = findings(Assessment.model_validate({**changed, "dismissals": [dismissal]}), "en")
    assert result.dismissed == ()
    (stale,) = result.stale_dismissals
    assert (stale.finding, stale.reason, stale.by, stale.date) == (
        key,
        dismissal["reason"],
        "Ann",
        "2026-11-30",
    )
    assert result.to_dict()["stale_dismissals"] == [
        {"key": key, "reason": dismissal["reason"], "by": "Ann", "date": "2026-11-30"}
    ]
    assert not any(f.key == key for f in (*result.latent_conflicts, *result.direct_conflicts))
