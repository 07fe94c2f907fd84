"""Open in full: an application becomes an assessment of kind application with its claims."""

from __future__ import annotations

from assessment.domain.assessment import Kind
from assessment.screening.convert import to_assessment
from assessment.screening.importer import import_applications
from tests.unit.test_screening_helpers import csv_bytes, eruf, good_row


def test_application_becomes_prefilled_assessment() -> None:
    app = import_applications(
        csv_bytes([good_row("A9", title="<b>Laddning</b> ŋđ")]), "in.csv", eruf()
    ).applications[0]
    assessment = to_assessment(app, eruf(), "/tmp/in.csv", "en")
    assert assessment.kind == Kind.application
    assert assessment.title == "<b>Laddning</b> ŋđ"
    assert assessment.organisation == "Kälarne Handel AB"
    assert assessment.municipalities == ["Bräcke"]
    assert [(r.ref, r.impact) for r in assessment.sdg] == [
        ("sdg:5", 1),
        ("7.2", 2),
        ("sdg:9", 1),
        ("sdg:15", -1),
    ]
    assert assessment.sdg[1].comment == "Solceller och laddning för bygdens elbilar"
    assert "Ecological sustainability:" in assessment.description
    assert "in.csv" in assessment.sources[0] and "row 2" in assessment.sources[0]
    assert assessment.judgement.text == ""
    # Round-trips through the file format.
    assert type(assessment).model_validate(assessment.to_document()) == assessment


def test_whole_county_has_no_municipality() -> None:
    app = import_applications(
        csv_bytes([good_row("A", municipality="Hela länet")]), "in.csv", eruf()
    ).applications[0]
    assert to_assessment(app, eruf()).municipalities == []
