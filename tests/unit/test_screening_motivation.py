"""The draft decision paragraph: decision style, grounded in what the application says, never
claiming what the application contradicts; what is missing goes to the officer's notes."""

from __future__ import annotations

import pytest

from assessment.screening.calls import builtin_calls
from assessment.screening.importer import import_applications
from assessment.screening.latent import EdgeInteractions
from assessment.screening.motivation import Drafter, draft_motivation
from assessment.screening.screen import Screener, ScreeningResult
from tests.unit.test_screening_helpers import NO_EDGES, csv_bytes, edges_lookup, eruf, good_row

# Phrases of the old checklist draft that have no place in a decision.
NOT_DECISION_TEXT = ("UTKAST", "DRAFT", "handläggaren", "WSP", "Obesvarade frågor", "Möjliga målkonflikter")


def _result(lookup: EdgeInteractions = NO_EDGES, **overrides: str) -> ScreeningResult:
    imported = import_applications(csv_bytes([good_row("D7", **overrides)]), "t.csv", eruf())
    assert imported.rows_in == len(imported.applications) + len(imported.rejected)
    return Screener(eruf(), lookup).screen(imported.applications[0])


def _draft(result: ScreeningResult, lang: str = "sv") -> str:
    text = draft_motivation(result, eruf(), lang)
    for phrase in NOT_DECISION_TEXT:
        assert phrase not in text
    return text


def test_decision_style_grounded_in_the_applicants_own_words() -> None:
    text = _draft(_result())
    assert text.startswith(
        "Projektet bedöms bidra till delmål 7.2 (Öka andelen förnybar energi), mål 5 (Jämställdhet) och mål 9"
    )
    assert "Av ansökan framgår: Solceller och laddning för bygdens elbilar (delmål 7.2)" in text
    assert "Ansökan beskriver projektets ekologiska, sociala och ekonomiska hållbarhet." in text
    assert "Sökanden redovisar negativ påverkan på mål 15 (Ekosystem och biologisk mångfald)." in text
    assert "Parkeringen tar en del av en skogsbacke i anspråk (mål 15)" in text
    assert "anger sökanden: Parkeringen tar mark; vi planterar ny skog." in text


def test_english_draft() -> None:
    text = _draft(_result(), "en")
    assert text.startswith(
        "The project is considered to contribute to target 7.2 (Increase renewable energy)"
    )
    assert "The application states: Solceller och laddning" in text
    assert "the project's ecological, social and economic sustainability" in text


def test_no_negative_impacts_stated_is_never_called_described() -> None:
    # Application 0107: "Ingen negativ påverkan bedöms uppstå."
    result = _result(
        sdg_claims="5:+1: Fler kvinnor kan arbeta i butiken; 7.2:+2: Solceller och laddning i byn",
        negative_impacts="Ingen negativ påverkan bedöms uppstå.",
    )
    for lang in ("sv", "en"):
        text = _draft(result, lang)
        assert "negativ påverkan" not in text.lower() and "negative impact" not in text.lower()
        assert "Ingen negativ" not in text
    notes = Drafter(eruf()).notes(result)
    assert "ingen negativ påverkan uppstår" in notes


def test_unmotivated_claims_are_not_stated_as_contributions() -> None:
    # Application 0203: "8:+3: Fler jobb; 2:+2: Mer mat" — flagged unmotivated, yet drafted as motivated.
    result = _result(
        sdg_claims="8:+3: Fler jobb; 2:+2: Mer mat; 9:+1: Ny teknik för recirkulerande odling i byn"
    )
    text = _draft(result)
    assert "mål 8" not in text and "mål 2" not in text and "Fler jobb" not in text
    assert "Projektet bedöms bidra till mål 9" in text
    notes = Drafter(eruf()).notes(result)
    assert "mål 8" in notes and "mål 2" in notes


def test_greenwashing_all_plus_three_and_empty_dimensions_claims_nothing() -> None:
    claims = "; ".join(f"{g}:+3: Projektet bidrar starkt till hållbar utveckling" for g in range(1, 18))
    result = _result(
        sdg_claims=claims,
        ecological="",
        social="",
        economic="",
        negative_impacts="Ej relevant.",
        sami_considerations="Ej relevant.",
    )
    text = _draft(result)
    assert "bedöms bidra" not in text and "beskriver projektets" not in text
    assert "hållbarhet" in text and "underlag för en hållbarhetsmotivering saknas" in text
    codes = {f.code for f in result.flags}
    assert {"claims_uniform", "dimension_missing", "question_unanswered"} <= codes


def test_missing_goals_are_officer_notes_not_decision_text_with_or_after_negation() -> None:
    result = _result(
        lookup=edges_lookup(("sdg:9", "sdg:13", -2)),
        sdg_claims="9:+2: Ny industrihall för fyrtio jobb",
        ecological="",
    )
    text = _draft(result)
    assert "behandlar inte" not in text and "saknas" not in text and "mål 13" not in text
    notes_sv = Drafter(eruf(), "sv").notes(result)
    notes_en = Drafter(eruf(), "en").notes(result)
    assert "Saknas: mål 5 (Jämställdhet), mål 7 (Hållbar energi för alla) och mål 12" in notes_sv
    assert "Ansökan beskriver inte ekologisk hållbarhet" in notes_sv
    # The hint is in the notes, under its own heading.
    assert "Att överväga" in notes_sv and "sdg:9 motverkar sdg:13" in notes_sv
    assert "To consider" in notes_en


def test_harm_on_a_required_goal_is_not_hidden_and_not_judged() -> None:
    result = _result(
        sdg_claims="7:-2: Ökad energianvändning i produktionen; 12:-2: Mer konsumtion av engångsartiklar; 8:+3: Tjugo nya jobb i Strömsund"
    )
    text = _draft(result)
    assert "Projektet bedöms bidra till mål 8" in text
    assert "negativ påverkan på mål 7 (Hållbar energi för alla) och mål 12" in text


def test_user_text_with_braces_and_markup_is_inserted_literally() -> None:
    result = _result(sdg_claims="9:+2: {call} <b>&</b> ŋđčŧï {0} och mer text")
    assert "{call} <b>&</b> ŋđčŧï {0} och mer text (mål 9)" in _draft(result)


def test_long_motivation_is_cut_at_a_word() -> None:
    long = "Sågverket byter till " + "elektriska truckar och " * 30 + "slut"
    text = _draft(_result(sdg_claims=f"9:+2: {long}"))
    assert " …" in text and "slut" not in text


@pytest.mark.parametrize("call_id", ["business_investment", "commercial_service"])
def test_each_call_has_its_own_wording(call_id: str) -> None:
    call = builtin_calls()[call_id]
    support = call.support_types[0].id
    app = import_applications(
        csv_bytes(
            [good_row("K1", support_type=support, sdg_claims="11:+2: Säkrar drivmedel och service i byn")]
        ),
        "t.csv",
        call,
    ).applications[0]
    text = draft_motivation(Screener(call, NO_EDGES).screen(app), call, "sv")
    assert text.startswith("Investeringen bedöms bidra till mål 11")
