"""Draft motivations: built from the call's templates, in Swedish or English, always a draft."""

from __future__ import annotations

from assessment.screening.calls import builtin_calls
from assessment.screening.importer import import_applications
from assessment.screening.latent import LatentLookup
from assessment.screening.motivation import draft_motivation
from assessment.screening.screen import Screener, ScreeningResult
from tests.unit.test_screening_helpers import NO_EDGES, csv_bytes, edges_lookup, eruf, good_row


def _result(lookup: LatentLookup = NO_EDGES, **overrides: str) -> ScreeningResult:
    app = import_applications(csv_bytes([good_row("D7", **overrides)]), "t.csv", eruf()).applications[0]
    return Screener(eruf(), lookup).screen(app)


def test_swedish_draft_is_marked_and_names_application_and_call() -> None:
    text = draft_motivation(_result(), eruf(), "sv")
    assert text.startswith("UTKAST")
    assert "D7" in text and "Laddstation och butik" in text and "Kälarne Handel AB" in text
    assert "ERUF-projektutlysning" in text
    assert "mål 5 (Jämställdhet), mål 7 (Hållbar energi för alla) och mål 9" in text
    assert "ekologisk, social och ekonomisk hållbarhet" in text
    assert "handläggaren gör den samlade bedömningen" in text


def test_english_draft() -> None:
    text = draft_motivation(_result(), eruf(), "en")
    assert text.startswith("DRAFT")
    assert "SDG 5 (Gender equality)" in text and "screened against the call" in text
    assert "UTKAST" not in text


def test_gaps_appear_in_the_draft() -> None:
    result = _result(
        lookup=edges_lookup(("sdg:9", "sdg:15", -2)),
        sdg_claims="9:+2: Ny industrihall för fyrtio jobb",
        ecological="",
        negative_impacts="",
    )
    sv = draft_motivation(result, eruf(), "sv")
    assert "behandlar inte mål 5 (Jämställdhet)" in sv
    assert "Beskrivningen av ekologisk hållbarhet saknas" in sv
    assert "ingen negativ påverkan alls" in sv
    assert "mål 9 (Hållbar industri, innovationer och infrastruktur) mot mål 15" in sv
    assert "Obesvarade frågor i frågebatteriet (2)" in sv
    en = draft_motivation(result, eruf(), "en")
    assert (
        "does not address SDG 5 (Gender equality)" in en
        and "SDG 9 (Industry, innovation and infrastructure) versus SDG 15" in en
    )


def test_user_text_with_braces_and_markup_is_inserted_literally() -> None:
    result = _result(title="{call} <b>&</b> ŋđčŧï", applicant="{0}")
    text = draft_motivation(result, eruf(), "sv")
    assert "”{call} <b>&</b> ŋđčŧï” från {0}" in text


def test_each_call_has_its_own_wording() -> None:
    call = builtin_calls()["commercial_service"]
    app = import_applications(
        csv_bytes([good_row("K1", support_type="kommersiell service", sdg_claims="11:+2: Säkrar drivmedel")]),
        "t.csv",
        call,
    ).applications[0]
    text = draft_motivation(Screener(call, NO_EDGES).screen(app), call, "sv")
    assert "kommersiell service" in text
    assert "mål 13" in text
