"""Each flag type, its plain-language reason in both languages, and the scores."""

from __future__ import annotations

from assessment.screening.flags import FLAG_CODES
from assessment.screening.importer import import_applications
from assessment.screening.model import Application
from assessment.screening.screen import Screener, ScreeningResult
from tests.unit.test_screening_helpers import NO_EDGES, csv_bytes, edges_lookup, eruf, good_row


def _app(**overrides: str) -> Application:
    result = import_applications(csv_bytes([good_row("T", **overrides)]), "t.csv", eruf())
    assert not result.rejected, [r.messages("en") for r in result.rejected]
    return result.applications[0]


def _screen(screener: Screener | None = None, **overrides: str) -> ScreeningResult:
    return (screener or Screener(eruf(), NO_EDGES)).screen(_app(**overrides))


def _codes(result: ScreeningResult) -> list[str]:
    return [f.code for f in result.flags]


def test_complete_application_has_no_flags_and_full_scores() -> None:
    result = _screen()
    assert result.flags == ()
    assert result.completeness == 100
    assert result.goals_addressed == (5, 7, 9)


def test_no_claims() -> None:
    result = _screen(sdg_claims="")
    assert "no_claims" in _codes(result)
    flag = next(f for f in result.flags if f.code == "no_claims")
    assert flag.severity == "high" and "globala målen" in flag.reason("sv") and "SDGs" in flag.reason("en")


def test_required_goals_missing_names_the_goals() -> None:
    result = _screen(sdg_claims="9:+2: Fibernät till fyrtio företag i byn; 15:-1: Grävning i skogsmark")
    flag = next(f for f in result.flags if f.code == "required_goals_missing")
    assert result.goals_missing == (5, 7, 12)
    assert "mål 5 (Jämställdhet)" in flag.reason("sv")
    assert "SDG 12 (Responsible consumption and production)" in flag.reason("en")
    assert result.goals_score == 0.5


def test_dimension_not_described() -> None:
    result = _screen(ecological="Kort.", economic="")
    dims = [f.reason("en") for f in result.flags if f.code == "dimension_missing"]
    assert len(dims) == 2
    assert "ecological sustainability" in dims[0] and "economic sustainability" in dims[1]
    assert result.dimensions_described == ("social",)


def test_question_battery_answer_absent() -> None:
    result = _screen(sami_considerations="", target_groups="Alla")
    reasons = [f.reason("sv") for f in result.flags if f.code == "question_unanswered"]
    assert len(reasons) == 2
    assert any("samiska" in r and "sami_considerations" in r for r in reasons)
    assert any("target_groups" in r for r in reasons)
    assert [q.id for q in result.questions_open] == ["target_groups", "sami"]


def test_claim_without_description() -> None:
    result = _screen(
        sdg_claims="5:+1: Fler kvinnor kan arbeta i butiken; 7:+2; 9:+1: ok; 15:-1: Skog tas i anspråk"
    )
    reasons = [f.reason("en") for f in result.flags if f.code == "claim_undescribed"]
    assert len(reasons) == 2
    assert "+2 on SDG 7" in reasons[0] and "+1 on SDG 9" in reasons[1]


def test_only_positive_claims_without_negative_impacts_is_a_flag() -> None:
    positive = "5:+1: Fler kvinnor kan arbeta i butiken; 7.2:+2: Solceller och laddning i byn"
    result = _screen(sdg_claims=positive, negative_impacts="")
    assert "only_positive" in _codes(result)
    assert not result.negatives_considered
    # Describing negative impacts in words is considering them, even with only positive scores.
    assert "only_positive" not in _codes(_screen(sdg_claims=positive))


def test_latent_conflict_from_the_lookup_unless_already_rated_negative() -> None:
    lookup = edges_lookup(("sdg:9", "sdg:15", -2), ("sdg:9", "sdg:12", -1), ("sdg:9", "sdg:14", -1))
    screener = Screener(eruf(), lookup)
    claims = "9:+2: Ny industrihall för fyrtio jobb i byn; 5:+1: Fler kvinnor anställs i företaget"
    result = screener.screen(_app(sdg_claims=claims))
    latent = [f for f in result.flags if f.code == "latent_conflict"]
    assert [(h.source, h.target) for h in result.latent] == [
        ("sdg:9", "sdg:15"),
        ("sdg:9", "sdg:12"),
        ("sdg:9", "sdg:14"),
    ]
    assert latent[0].severity == "high" and latent[1].severity == "low"
    assert "sdg:9 counteracts sdg:15" in latent[0].reason("en") and "test source" in latent[0].reason("en")
    # SDG 15 rated negatively by the applicant: considered, so no hint for it (target-level too).
    result = screener.screen(_app(sdg_claims=claims + "; 15.5:-1: Vi bygger på skogsmark"))
    assert ("sdg:9", "sdg:15") not in [(h.source, h.target) for h in result.latent]


def test_latent_conflict_below_the_call_threshold_is_not_flagged() -> None:
    screener = Screener(eruf(), edges_lookup(("sdg:9", "sdg:15", -1)))
    result = screener.screen(_app(sdg_claims="9:+1: Liten verkstad med två jobb i byn"))
    assert result.latent == ()


def test_shipped_interaction_engine_warns_about_sdg_15_for_sdg_9() -> None:
    result = Screener(eruf()).screen(_app(sdg_claims="9:+2: Ny industrihall för fyrtio jobb i byn"))
    targets = {h.target for h in result.latent}
    assert "sdg:15" in targets
    reason = next(f for f in result.flags if f.code == "latent_conflict").reason("en")
    assert "Have you assessed" in reason


def test_every_flag_code_has_a_label_and_reason_in_both_languages() -> None:
    from assessment.i18n import catalogue

    for code in FLAG_CODES:
        assert f"screening.flag_{code}" in catalogue()
        assert f"screening.flag_label_{code}" in catalogue()


def test_same_flag_instance_is_reused_across_applications() -> None:
    screener = Screener(eruf(), NO_EDGES)
    a = screener.screen(_app(sami_considerations=""))
    b = screener.screen(_app(sami_considerations=""))
    assert a.flags[0] is b.flags[0]
