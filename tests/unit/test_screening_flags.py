"""Rules that match the call: each flag type, its reason in both languages, the scores, and the
hints — few, relevant, never flags."""

from __future__ import annotations

from assessment.screening.flags import FLAG_CODES
from assessment.screening.importer import import_applications
from assessment.screening.model import Application
from assessment.screening.screen import Screener, ScreeningResult
from tests.unit.test_screening_helpers import NO_EDGES, csv_bytes, edges_lookup, eruf, good_row


def _app(**overrides: str) -> Application:
    result = import_applications(csv_bytes([good_row("T", **overrides)]), "t.csv", eruf())
    assert result.rows_in == len(result.applications) + len(result.rejected)
    assert not result.rejected, [r.messages("en") for r in result.rejected]
    return result.applications[0]


def _screen(screener: Screener | None = None, **overrides: str) -> ScreeningResult:
    return (screener or Screener(eruf(), NO_EDGES)).screen(_app(**overrides))


def _codes(result: ScreeningResult) -> list[str]:
    return [f.code for f in result.flags]


def _reason(result: ScreeningResult, code: str, lang: str = "sv") -> str:
    return next(f for f in result.flags if f.code == code).reason(lang)


def test_complete_application_has_no_flags_and_full_scores() -> None:
    result = _screen()
    assert result.flags == () and result.hints == ()
    assert result.completeness == 100
    assert result.goals_addressed == (5, 7, 9)


def test_no_claims() -> None:
    result = _screen(sdg_claims="")
    flag = next(f for f in result.flags if f.code == "no_claims")
    assert flag.severity == "high" and "globala målen" in flag.reason("sv") and "SDGs" in flag.reason("en")


def test_required_goals_missing_names_the_goals() -> None:
    result = _screen(sdg_claims="9:+2: Fibernät till fyrtio företag i byn; 15:-1: Grävning i skogsmark")
    assert result.goals_missing == (5, 7, 12)
    assert "mål 5 (Jämställdhet)" in _reason(result, "required_goals_missing")
    assert "SDG 12 (Responsible consumption and production)" in _reason(
        result, "required_goals_missing", "en"
    )
    assert result.goals_score == 0.5


def test_zero_on_a_required_goal_does_not_address_it() -> None:
    # Review finding B6, application G-1: "5:0; 7:0" scored 100 %.
    result = _screen(sdg_claims="5:0: Ej relevant; 7:0: Ej relevant; 8:+3: Fler jobb i byn året runt")
    assert result.goals_addressed == () and result.goals_score == 0
    reason = _reason(result, "required_goals_missing")
    assert "mål 5 (Jämställdhet) och mål 7 (Hållbar energi för alla) anges med 0" in reason
    # A zero is not an unmotivated contribution.
    assert "claim_undescribed" not in _codes(result)


def test_harm_on_a_required_goal_is_flagged_not_counted() -> None:
    # Application G-2: harms two of the call's goals, was scored 100 % with no flag.
    result = _screen(
        sdg_claims="7:-2: Ökad energianvändning i produktionen; 12:-2: Mer konsumtion av engångsartiklar; "
        "8:+3: Tjugo nya jobb i Strömsund"
    )
    assert result.goals_addressed == ()
    assert result.goals_harmed == ((7, -2), (12, -2))
    harms = [f for f in result.flags if f.code == "required_goal_harmed"]
    assert [f.severity for f in harms] == ["high", "high"]
    assert "negativ påverkan (−2) på mål 7 (Hållbar energi för alla)" in harms[0].reason("sv")
    assert "required_goals_missing" in _codes(result)


def test_declared_goal_conflict_is_a_direct_conflict_flag() -> None:
    lookup = edges_lookup(("sdg:8", "sdg:12", -2))
    claims = "8:+3: Tjugo nya jobb i Strömsund året runt; 12:-2: Mer konsumtion av engångsartiklar"
    result = _screen(Screener(eruf(), lookup), sdg_claims=claims)
    flag = next(f for f in result.flags if f.code == "direct_conflict")
    assert flag.severity == "high"
    assert flag.reason("sv").startswith(
        "Ansökan anger positiv påverkan på mål 8 (Anständiga arbetsvillkor och ekonomisk tillväxt) (+3) "
        "men negativ på mål 12 (Hållbar konsumtion och produktion) (−2) – en direkt målkonflikt."
    )
    assert "sdg:8 motverkar sdg:12" in flag.reason("sv") and "testkälla" in flag.reason("sv")
    # Not linked by any interaction: both are the applicant's own statements, not a conflict.
    assert "direct_conflict" not in _codes(_screen(Screener(eruf(), NO_EDGES), sdg_claims=claims))


def _engine_direct(title: str, description: str, claims: list[tuple[str, int, str]]) -> list[tuple[str, str]]:
    """The findings engine's direct conflicts for an assessment holding the same claims."""
    from assessment.analysis import findings
    from assessment.domain.assessment import Assessment, Kind, SdgRating

    ratings = [
        SdgRating(goal=int(ref), impact=impact, comment=text)
        if "." not in ref
        else SdgRating(target=ref, impact=impact, comment=text)
        for ref, impact, text in claims
    ]
    probe = Assessment(title=title, description=description, kind=Kind.application, sdg=ratings)
    return [(f.source, f.target) for f in findings(probe, "sv").direct_conflicts]


def _claims_text(claims: list[tuple[str, int, str]]) -> str:
    return "; ".join(f"{ref}:{impact:+d}: {text}" for ref, impact, text in claims)


def test_shipped_engine_flags_the_reviews_declared_conflict_as_the_findings_engine_does() -> None:
    """The case officer's declared conflict (+3 on SDG 8, −2 on SDG 12): the 8 -> 12 cell is one
    its source ties to consumption-driven growth (applies_to 8.1). The findings engine calls two
    goal ratings "simultaneous effects", not a direct conflict, and so does the screening (the
    harm to the call's goal 12 is still a flag); a claim on 8.1 itself is a direct conflict."""
    goal_claims = [
        ("8", 3, "Tjugo nya jobb i Strömsund året runt"),
        ("12", -2, "Mer konsumtion av engångsartiklar"),
    ]
    result = Screener(eruf()).screen(_app(sdg_claims=_claims_text(goal_claims)))
    assert result.direct == () and _engine_direct("Laddstation och butik", "", goal_claims) == []
    assert "required_goal_harmed" in _codes(result) and result.flagged
    target_claims = [("8.1", 3, "Tjugo nya jobb i Strömsund året runt"), goal_claims[1]]
    result = Screener(eruf()).screen(_app(sdg_claims=_claims_text(target_claims)))
    assert [(d.source, d.target) for d in result.direct] == [("8.1", "sdg:12")]
    assert _engine_direct("Laddstation och butik", "", target_claims) == [("8.1", "sdg:12")]


def test_direct_conflict_flag_uses_the_cells_bound_to_the_activity_the_application_names() -> None:
    """7.2 -> 2.3 (wind, hydro and forest fuel in reindeer pasture, Fosen) is bound to energy
    build-out on land: a wind farm claiming a harm to reindeer husbandry declares a goal conflict;
    rooftop solar with the same claims does not. The findings engine says the same of both."""
    claims = [("7.2", 2, "Mer förnybar el i kommunen"), ("2.3", -1, "Renskötseln störs under byggtiden")]
    wind = ("Vindkraftspark vid Storlien", "Tolv verk på fjället.")
    roof = ("Solceller på ladugårdstaket", "Paneler på taket.")
    screener = Screener(eruf())
    flagged = screener.screen(_app(title=wind[0], description=wind[1], sdg_claims=_claims_text(claims)))
    assert [(d.source, d.target, d.score) for d in flagged.direct] == [("7.2", "2.3", -2)]
    assert _engine_direct(*wind, claims) == [("7.2", "2.3")]
    reason = _reason(flagged, "direct_conflict", "en")
    assert "Fosen" in reason and "“Vindkraftspark”" in reason  # the word that made the cell apply
    assert flagged.direct[0].severity == round(2 * 1 / 3, 3)
    quiet = screener.screen(_app(title=roof[0], description=roof[1], sdg_claims=_claims_text(claims)))
    assert quiet.direct == () and "direct_conflict" not in _codes(quiet)
    assert _engine_direct(*roof, claims) == []
    # The activity named only in a claim's text counts too, and the flag names that word (the
    # same pair in another application reads its own word, not a memoised one).
    hydro = [("7.2", 2, "El från vårt nya vattenkraftverk"), claims[1]]
    other = screener.screen(
        _app(title="Energiprojekt", description="Investering.", sdg_claims=_claims_text(hydro))
    )
    assert [(d.source, d.target) for d in other.direct] == [("7.2", "2.3")]
    assert "“vattenkraftverk”" in _reason(other, "direct_conflict", "en")
    assert "Vindkraftspark" not in _reason(other, "direct_conflict", "en")


def test_dimension_not_described_or_only_a_placeholder() -> None:
    result = _screen(ecological="Kort.", economic="Ej relevant för projektet.")
    dims = [f.reason("en") for f in result.flags if f.code == "dimension_missing"]
    assert len(dims) == 2
    assert "ecological sustainability" in dims[0] and "economic sustainability" in dims[1]
    assert result.dimensions_described == ("social",)


def test_question_battery_answer_absent_or_a_placeholder() -> None:
    result = _screen(sami_considerations="Ej relevant.", target_groups="Alla")
    reasons = [f.reason("sv") for f in result.flags if f.code == "question_unanswered"]
    assert len(reasons) == 2
    # The field is named as the officer knows it, not by its internal id.
    assert any("samiska" in r and "”Samiska perspektiv”" in r for r in reasons)
    assert all("sami_considerations" not in r for r in reasons)
    assert [q.id for q in result.questions_open] == ["target_groups", "sami"]
    # A real, short answer is an answer.
    assert "question_unanswered" not in _codes(_screen(sami_considerations="Inga samiska intressen berörs."))


def test_claim_without_description() -> None:
    result = _screen(
        sdg_claims="5:+1: Fler kvinnor kan arbeta i butiken; 7:+2; 9:+1: Bra; 15:-1: Skog tas i anspråk"
    )
    reasons = [f.reason("en") for f in result.flags if f.code == "claim_undescribed"]
    assert len(reasons) == 2
    assert "+2 on SDG 7" in reasons[0] and "+1 on SDG 9" in reasons[1]


def test_only_positive_claims_without_negative_impacts_is_a_flag() -> None:
    positive = "5:+1: Fler kvinnor kan arbeta i butiken; 7.2:+2: Solceller och laddning i byn"
    result = _screen(sdg_claims=positive, negative_impacts="")
    assert "only_positive" in _codes(result) and not result.negatives_considered
    # Describing negative impacts in words is considering them, even with only positive scores.
    assert "only_positive" not in _codes(_screen(sdg_claims=positive))


def test_stating_no_negative_impact_is_a_statement_not_a_description() -> None:
    # Review finding B4, application 0107.
    positive = "5:+1: Fler kvinnor kan arbeta i butiken; 7.2:+2: Solceller och laddning i byn"
    for text in (
        "Ingen negativ påverkan bedöms uppstå.",
        "Inga negativa effekter förväntas av projektet.",
        "Projektet har ingen negativ miljöpåverkan eftersom allt är digitalt.",
        "No negative impacts are expected.",
    ):
        result = _screen(sdg_claims=positive, negative_impacts=text)
        assert result.negatives_denied and not result.negatives_considered, text
        assert "negatives_denied" in _codes(result) and "only_positive" not in _codes(result)
        assert text.rstrip(".")[:30] in _reason(result, "negatives_denied")
    # A described risk is a description, even if it starts by saying the rest is fine.
    result = _screen(
        sdg_claims=positive, negative_impacts="Parkeringen tar mark; ingen negativ påverkan på renbete."
    )
    assert result.negatives_considered and not result.negatives_denied


def test_unreadable_claims_are_a_flag_and_the_rest_is_screened() -> None:
    result = _screen(sdg_claims="9:+2: Ny industrihall för fyrtio jobb; 15:?1: Avverkning; 5, 7")
    flag = next(f for f in result.flags if f.code == "claims_unreadable")
    assert "15:?1" in flag.reason("sv") and "Mål 5, 7 anges utan bedömd påverkan" in flag.reason("sv")
    assert "no_claims" not in _codes(result)
    assert result.goals_addressed == (9,)


def test_uniform_maximal_claims_are_flagged() -> None:
    claims = "; ".join(f"{g}:+3: Projektet bidrar starkt till målet" for g in (5, 7, 8, 9, 12, 13))
    assert "claims_uniform" in _codes(_screen(sdg_claims=claims))
    assert "claims_uniform" not in _codes(_screen())


def test_hints_are_not_flags_and_are_few() -> None:
    lookup = edges_lookup(
        ("sdg:9", "sdg:15", -2), ("sdg:9", "sdg:6", -2), ("sdg:9", "sdg:14", -1), ("sdg:9", "sdg:13", -1)
    )
    result = Screener(eruf(), lookup).screen(
        _app(sdg_claims="9:+2: Ny industrihall för fyrtio jobb i byn; 5:+1: Fler kvinnor anställs")
    )
    assert all(f.code != "latent_conflict" for f in result.flags)
    # At most the call's max_hints (2), strongest first.
    assert [h.key for h in result.hints] == ["sdg:9>sdg:15", "sdg:9>sdg:6"]
    assert "sdg:9 counteracts sdg:15" in result.hints[0].reason("en") and "test source" in result.hints[
        0
    ].reason("en")


def test_no_hint_about_a_goal_the_applicant_already_rated_in_either_direction() -> None:
    lookup = edges_lookup(("sdg:9", "sdg:15", -2), ("sdg:9", "sdg:12", -2), ("sdg:9", "sdg:13", -2))
    screener = Screener(eruf(), lookup)
    result = screener.screen(
        _app(
            sdg_claims="9:+2: Ny industrihall för fyrtio jobb; 12:+2: Återbruk av spill; 15.5:-1: Bygger på skogsmark"
        )
    )
    assert [h.target for h in result.hints] == ["sdg:13"]


def test_hint_below_the_call_threshold_is_not_given() -> None:
    screener = Screener(eruf(), edges_lookup(("sdg:9", "sdg:15", -1)))
    assert screener.screen(_app(sdg_claims="9:+1: Liten verkstad med två jobb i byn")).hints == ()


def test_shipped_interaction_engine_hints_about_sdg_15_for_sdg_9() -> None:
    result = Screener(eruf()).screen(_app(sdg_claims="9:+2: Ny industrihall för fyrtio jobb i byn"))
    assert len(result.hints) <= 2
    assert any(h.target.startswith(("sdg:15", "15.")) or h.target == "sdg:13" for h in result.hints)


def test_only_flagged_means_the_calls_requirements() -> None:
    # Hints alone do not make an application "flagged".
    lookup = edges_lookup(("sdg:9", "sdg:13", -2))
    result = Screener(eruf(), lookup).screen(_app())
    assert result.hints and not result.flagged


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


def test_engine_hints_for_a_target_claim_use_no_goal_level_cells() -> None:
    """Screening asks the same engine: a claim on target 11.4 (heritage) no longer inherits the
    goal-level cells of goal 11 (e.g. "11 constrains 6 and 15 via sealed surfaces")."""
    from assessment.screening.latent import EngineInteractions, activities

    engine = EngineInteractions()
    assert engine.latent("11.4", 2) == ()
    for hint in engine.latent("9.1", 2):  # target-level cells of 9.1 only
        assert "." in hint.target and "(target-level cell)" in hint.citation.en
    # Goal 9's own pressures (discharges, land, emissions) are bound to an activity the
    # application names: a plant, a mine, a road, a fuel station.
    assert engine.latent("sdg:9", 3) == ()
    goal_hints = engine.latent("sdg:9", 3, named=activities("Ny fabrik i byn"))
    assert goal_hints and all(h.target.startswith("sdg:") for h in goal_hints)
    assert all("goal-level cell" in h.citation.en for h in goal_hints)


def test_screening_hints_use_cells_bound_to_the_activity_the_application_names() -> None:
    """A cell bound to an activity (wind farm, solar park) speaks when the application names it
    in its title, description or claim texts, as the engine does for an assessment."""
    claims = "7.2:+2: Mer förnybar el i kommunen"
    wind = Screener(eruf()).screen(
        _app(title="Vindkraftspark vid Storlien", description="Tolv verk på fjället.", sdg_claims=claims)
    )
    hints = {h.target: h for h in wind.latent}
    # Reindeer pasture (Fosen, −2) first, then one of the −1 land cells (the call shows 2 hints).
    assert wind.latent[0].target == "2.3" and len(hints) == 2
    assert set(hints) <= {"2.3", "8.9", "11.4", "15.1", "15.5"}
    assert "“Vindkraftspark”" in hints["2.3"].citation.en  # the word that made the cell apply
    solar = Screener(eruf()).screen(
        _app(title="Solcellspark i Lit", description="Markmonterade paneler på 12 hektar.", sdg_claims=claims)
    )
    assert "15.5" in {h.target for h in solar.latent}
    assert "2.3" not in {h.target for h in solar.latent}  # the reindeer cell names wind/hydro/forest fuel
    # Rooftop solar names no land-taking activity: none of these hints.
    roof = Screener(eruf()).screen(
        _app(title="Solceller på ladugårdstaket", description="Paneler på taket.", sdg_claims=claims)
    )
    assert not {"2.3", "15.5"} & {h.target for h in roof.latent}
    # The activity can also be named only in a claim's own text.
    claim_only = Screener(eruf()).screen(
        _app(
            title="Energiprojekt",
            description="Investering.",
            sdg_claims="7.2:+2: El från vår nya vindkraftspark",
        )
    )
    assert "2.3" in {h.target for h in claim_only.latent}


def test_activities_are_found_once_per_text_in_a_stable_order() -> None:
    from assessment.screening.latent import activities

    assert activities("Solcellspark", "och en vindkraftspark") == (
        ("energy_on_land", "vindkraftspark"),
        ("solar_park", "Solcellspark"),
        ("wind_power", "vindkraftspark"),
    )
    assert activities("Solceller på taket") == ()


def test_hints_and_flags_speak_of_the_application_not_an_assessment() -> None:
    """The engine words its findings for an assessment ("bedömningen anger …"); a screened
    application's claims are the applicant's, so its hints and flags say "ansökan" /
    "the application", in both languages."""
    result = Screener(eruf()).screen(
        _app(
            title="Vindkraftspark vid Storlien",
            description="Tolv verk på fjället.",
            sdg_claims="7.2:+2: Mer förnybar el i kommunen; 8.1:+2: Fler jobb; 13:-1: Transporter under bygget",
        )
    )
    reindeer = next(h for h in result.hints if h.target == "2.3")
    assert "gäller här eftersom ansökan nämner ”Vindkraftspark”" in reindeer.reason("sv")
    assert "applies here because the application mentions “Vindkraftspark”" in reindeer.reason("en")
    conflict = next(f for f in result.flags if f.code == "direct_conflict")
    assert conflict.reason("sv").startswith("Ansökan anger positiv påverkan på delmål 8.1")
    assert "Källa: Ansökans egna påståenden om påverkan;" in conflict.reason("sv")
    assert conflict.reason("en").startswith("The application claims a positive impact on target 8.1")
    assert "Source: The application's own impact claims;" in conflict.reason("en")
    for text in [*(h.reason("sv") for h in result.hints), *(f.reason("sv") for f in result.flags)]:
        assert "bedömningen" not in text.lower() and "bedömningens" not in text.lower(), text
    for text in [*(h.reason("en") for h in result.hints), *(f.reason("en") for f in result.flags)]:
        assert "assessment" not in text.lower(), text


def test_every_subject_worded_analysis_text_has_an_application_variant() -> None:
    from assessment.analysis import findings
    from assessment.analysis.detect import SUBJECT_KEYS, subject_key
    from assessment.domain.assessment import Assessment, SdgRating
    from assessment.i18n import catalogue

    for key in SUBJECT_KEYS:
        variant = catalogue()[subject_key(key, "application")]
        assert subject_key(key, "application") == f"{key}_application"
        assert "ansökan" in variant["sv"].lower() or "ansökans" in variant["sv"].lower()
        assert "bedömning" not in variant["sv"].lower() and "application" in variant["en"].lower()
        assert subject_key(key, "assessment") == key
    # An assessment (a workshop's, or an officer's assessment of an application) keeps its words.
    rated = Assessment(title="t", sdg=[SdgRating(target="8.1", impact=2), SdgRating(goal=13, impact=-1)])
    conflict = findings(rated, "sv").direct_conflicts[0]
    assert conflict.explanation.startswith("Bedömningen anger positiv påverkan på delmål 8.1")
    assert conflict.source_text.startswith("Bedömningens egna påverkansbedömningar")
