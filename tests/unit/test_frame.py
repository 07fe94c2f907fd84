"""The legal and policy frame (issue 18): file version 2 and its migration, the DNSH screening,
cross-framework consistency checks, the Sami consultation record and the regional frameworks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assessment.domain import SCHEMA_VERSION, Assessment
from assessment.domain.frame import consistency_checks, consultation_notes, dnsh_gaps
from assessment.domain.migrate import migrate
from assessment.errors import ValidationFailed
from assessment.fileio import (
    assessment_from_document,
    document_with_notes,
    dump_assessment,
    parse_assessment_text,
)
from assessment.knowledge.frameworks import frameworks
from assessment.report import build_pdf
from assessment.screening.screen import informed_only
from tests.unit.test_report_pdf import text_of


def _doc(**fields: Any) -> dict[str, Any]:
    return {"schema": SCHEMA_VERSION, "title": "Test", **fields}


def _load(**fields: Any) -> Assessment:
    return assessment_from_document(_doc(**fields))


def _keys(err: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    return [p.key for p in err.value.problems]


# --- file version 2 and the migration from version 1 -----------------------------------------


def test_version_1_file_loads_and_says_what_changed() -> None:
    v1 = {
        "schema": 1,
        "title": "Gammal fil",
        "other_goals": [
            {"framework": "eu_dnsh", "goal": "climate_mitigation", "impact": 1, "comment": "Solceller."},
            {"framework": "miljokvalitetsmal", "goal": "begransad_klimatpaverkan", "impact": 1},
        ],
    }
    a, notes = document_with_notes(v1, "gammal.yaml")
    # 1 -> ... -> 5 (3 added dismissals, 4 their cell and score, 5 a chain's first step)
    assert a.schema_version == 5
    # The DNSH rating left other_goals and became an *unanswered* screening item; nothing is lost.
    assert [o.framework for o in a.other_goals] == ["miljokvalitetsmal"]
    assert a.dnsh["climate_mitigation"].answer is None
    assert "+1" in a.dnsh["climate_mitigation"].reason and "Solceller." in a.dnsh["climate_mitigation"].reason
    keys = [n.key for n in notes]
    assert keys == [
        "migrate.upgraded",
        "migrate.dnsh_rating_moved",
        "migrate.v2_fields",
        "migrate.v3_fields",
        "migrate.v4_fields",
        "migrate.v5_fields",
    ]
    assert all(n.file == "gammal.yaml" for n in notes)
    assert "version 1" in notes[0].message("sv") and "version 5" in notes[0].message("sv")
    assert "climate_mitigation" in notes[1].message("en")
    # Saved again, it is a version-2 file that loads without notes and equal to the upgrade.
    again, none = document_with_notes(yaml.safe_load(dump_assessment(a)))
    assert again == a and none == []


def test_migration_leaves_the_input_untouched_and_current_files_alone() -> None:
    v1 = {"schema": 1, "title": "x", "other_goals": [{"framework": "eu_dnsh", "goal": "pollution"}]}
    upgraded, notes = migrate(v1, 2)
    assert v1["other_goals"] and v1["schema"] == 1
    assert upgraded["dnsh"] == {"pollution": {"reason": "[v1: –]"}} and notes
    same, none = migrate(_doc(), 2)
    assert none == [] and same == _doc()


def test_unknown_future_version_is_refused() -> None:
    with pytest.raises(ValidationFailed) as err:
        assessment_from_document({"schema": SCHEMA_VERSION + 1, "title": "x"})
    assert _keys(err) == ["core.schema_version"]


# --- DNSH as a screening --------------------------------------------------------------------


def test_dnsh_answers_are_a_closed_list_and_objectives_must_exist() -> None:
    with pytest.raises(ValidationFailed):
        _load(dnsh={"climate_mitigation": {"answer": "ja", "reason": "x"}})
    with pytest.raises(ValidationFailed) as err:
        _load(dnsh={"ozone": {"answer": "not_applicable", "reason": "x"}})
    assert _keys(err) == ["core.unknown_framework_goal"]


def test_dnsh_is_not_rated_on_the_impact_scale_in_a_version_2_file() -> None:
    with pytest.raises(ValidationFailed) as err:
        _load(other_goals=[{"framework": "eu_dnsh", "goal": "biodiversity", "impact": 1}])
    assert _keys(err) == ["frame.dnsh_not_a_rating"]


def test_every_dnsh_answer_needs_a_reason() -> None:
    a = _load(
        dnsh={
            "climate_mitigation": {"answer": "no_significant_harm", "reason": "Solel ersätter köpt el."},
            "water_marine": {"answer": "not_applicable", "reason": "  "},
            "pollution": {"answer": "significant_harm"},
            "biodiversity": {"reason": "inte bedömt ännu"},
        }
    )
    gaps = dnsh_gaps(a)
    assert [g.path for g in gaps] == ["dnsh.water_marine", "dnsh.pollution"]
    assert "motiveras" in gaps[0].message("sv") and "needs a reason" in gaps[1].message("en")


def test_dnsh_framework_is_a_screening_citing_the_cpr() -> None:
    dnsh = frameworks()["eu_dnsh"]
    assert dnsh.kind == "screening" and len(dnsh.goals) == 6
    assert "2021/1060" in dnsh.source and "9(4)" in dnsh.source
    assert set(dnsh.reason_required_for) == {
        "no_significant_harm",
        "needs_assessment",
        "not_applicable",
        "significant_harm",
    }


# --- consistency checks across frameworks (hand-built cases) -----------------------------------


def _codes(a: Assessment) -> list[str]:
    return [c.message.key for c in consistency_checks(a)]


def test_sdg13_strongly_negative_contradicts_no_significant_harm_to_climate() -> None:
    a = _load(
        sdg=[{"goal": 13, "impact": -2}],
        dnsh={"climate_mitigation": {"answer": "no_significant_harm", "reason": "x"}},
    )
    (found,) = consistency_checks(a)
    assert found.message.key == "frame.consistency_climate_dnsh"
    assert found.refs == ("sdg:13", "dnsh:climate_mitigation")
    assert "SDG 13" in found.message.message("sv") and "−2" in found.message.message("sv")
    assert "eftersom …" in found.draft.message("sv")


def test_slightly_negative_climate_rating_is_compatible_with_no_significant_harm() -> None:
    a = _load(
        sdg=[{"target": "13.2", "impact": -1}],
        dnsh={"climate_mitigation": {"answer": "no_significant_harm", "reason": "x"}},
    )
    assert _codes(a) == []


def test_positive_miljomal_with_negative_13_2_is_pointed_out() -> None:
    a = _load(
        sdg=[{"target": "13.2", "impact": -1}],
        other_goals=[{"framework": "miljokvalitetsmal", "goal": "begransad_klimatpaverkan", "impact": 1}],
    )
    (found,) = consistency_checks(a)
    assert found.message.key == "frame.consistency_miljomal_sdg"
    assert found.message.params == {"impact_a": "+1", "impact_b": "−1", "sdg": "13.2"}


def test_same_sign_and_zero_ratings_are_not_contradictions() -> None:
    a = _load(
        sdg=[{"target": "13.2", "impact": -1}, {"goal": 13, "impact": 0}],
        other_goals=[{"framework": "miljokvalitetsmal", "goal": "begransad_klimatpaverkan", "impact": -1}],
    )
    assert _codes(a) == []


def test_significant_harm_to_climate_next_to_a_positive_sdg13() -> None:
    a = _load(
        sdg=[{"goal": 13, "impact": 2}],
        dnsh={"climate_mitigation": {"answer": "significant_harm", "reason": "x"}},
    )
    assert _codes(a) == ["frame.consistency_dnsh_harm_positive"]


def test_significant_harm_names_the_objective_in_the_message_language() -> None:
    a = _load(
        sdg=[{"goal": 13, "impact": 2}],
        dnsh={"climate_mitigation": {"answer": "significant_harm", "reason": "x"}},
    )
    (found,) = consistency_checks(a)
    assert "Begränsning av klimatförändringar" in found.message.message("sv")
    assert "Climate change mitigation" in found.message.message("en")


# The four strength areas of the smart-specialisation programme 2021–2027 (seed 003, 1.2.1; the
# region's page "Våra prioriterade styrkeområden"), each the same as a RUS goal under p2.
S3_AREAS = {
    "hallbar_energi": ("Hållbar energi", "s3_energy"),
    "upplevelser": ("Upplevelser", "s3_experiences"),
    "digitala_losningar": ("Digitala lösningar", "s3_digital"),
    "jord_skog_vatten": ("Jord, skog och vatten", "s3_land"),
}


def test_smart_specialisation_areas_are_a_step_2_framework() -> None:
    fw = frameworks()["smart_specialisering"]
    assert fw.kind == "rating"
    assert {g: (goal.title.sv, goal.same_as) for g, goal in fw.goals.items()} == {
        g: (title, f"rus:{rus_id}") for g, (title, rus_id) in S3_AREAS.items()
    }
    assert [goal.number for goal in fw.goals.values()] == [1, 2, 3, 4]
    assert "rjh_smart_specialisering" in fw.source and "regionjh.se" in fw.source
    # Offered in step 2's framework list (DNSH is a screening and is not).
    from assessment.ui.knowledge import framework_ids

    assert "smart_specialisering" in framework_ids() and "eu_dnsh" not in framework_ids()
    a = _load(other_goals=[{"framework": "smart_specialisering", "goal": "upplevelser", "impact": 2}])
    assert a.other_goals[0].ref == "other:smart_specialisering:upplevelser"


def test_every_same_as_link_is_the_rus_goal_with_the_same_title() -> None:
    from assessment.domain.frame import same_as_rus
    from assessment.process_models import rus_model

    linked = [(fw, goal) for fw in frameworks().values() for goal in fw.goals.values() if goal.same_as]
    assert len(linked) == 4
    links = same_as_rus()
    for fw, goal in linked:
        rus_goal = rus_model().rus_goal(goal.same_as or "")
        assert rus_goal is not None, goal.same_as
        assert rus_goal.parent == "p2" and rus_goal.current
        assert rus_goal.title == goal.title  # both languages
        assert links[(fw.id, goal.id)] == rus_goal.id
    # Every strength area of the RUS model has its step-2 counterpart.
    assert {g.id for g in rus_model().children("p2")} == set(links.values())


def test_a_strength_area_rated_with_opposite_signs_in_steps_1_and_2() -> None:
    a = _load(
        rus=[{"goal": "s3_energy", "impact": 2}, {"goal": "s3_digital", "impact": -1}],
        other_goals=[
            {"framework": "smart_specialisering", "goal": "hallbar_energi", "impact": -1},
            {"framework": "smart_specialisering", "goal": "digitala_losningar", "impact": -2},
        ],
    )
    (found,) = consistency_checks(a)  # digital: the same sign in both steps is no contradiction
    assert found.message.key == "frame.consistency_same_goal"
    assert found.refs == ("rus:s3_energy", "other:smart_specialisering:hallbar_energi")
    sv, en = found.message.message("sv"), found.message.message("en")
    assert "”Hållbar energi” är bedömt +2 som RUS-mål i steg 1 men −1 under Program för smart" in sv
    assert "“Sustainable energy” is rated +2 as a RUS goal in step 1 but −1 under Programme for" in en
    assert "eftersom …" in found.draft.message("sv")
    # The full report lists it among the contradictions, with the draft reason.
    text = " ".join(text_of(build_pdf(a, invariant=True)).split())
    assert "Motstridiga bedömningar mellan ramverk" in text
    assert "”Hållbar energi” är bedömt +2 som RUS-mål i steg 1" in text


def test_each_step_gets_the_contradictions_with_a_rating_made_there() -> None:
    a = _load(
        rus=[{"goal": "s3_energy", "impact": 2}],
        sdg=[{"goal": 13, "impact": -2}],
        other_goals=[{"framework": "smart_specialisering", "goal": "hallbar_energi", "impact": -1}],
        dnsh={"climate_mitigation": {"answer": "no_significant_harm", "reason": "x"}},
    )
    keys = {c.message.key: c.steps for c in consistency_checks(a)}
    assert keys == {
        "frame.consistency_climate_dnsh": frozenset({"sustainability"}),
        "frame.consistency_same_goal": frozenset({"rus", "sustainability"}),
    }
    # Step 1 shows only the strength area (its rating there is one side); step 2 shows both.
    assert [c.message.key for c in consistency_checks(a, "rus")] == ["frame.consistency_same_goal"]
    assert [c.message.key for c in consistency_checks(a, "sustainability")] == [
        "frame.consistency_climate_dnsh",
        "frame.consistency_same_goal",
    ]


@pytest.mark.parametrize(
    ("rus", "other"),
    [(None, -2), (2, None), (0, -2), (2, 0), (1, 3)],
)
def test_no_contradiction_without_two_ratings_of_opposite_sign(rus: int | None, other: int | None) -> None:
    a = _load(
        rus=[{"goal": "s3_land", "impact": rus}],
        other_goals=[{"framework": "smart_specialisering", "goal": "jord_skog_vatten", "impact": other}],
    )
    assert _codes(a) == []


def test_a_link_to_a_goal_the_rus_model_lacks_is_no_link(monkeypatch: pytest.MonkeyPatch) -> None:
    # A region's own RUS model without the strength areas: the framework stays usable, unlinked.
    from assessment.domain import frame
    from assessment.process_models import rus_model

    model = rus_model()
    kept = [g for g in model.rus_goals if not g.id.startswith("s3_")]
    monkeypatch.setattr(frame, "rus_model", lambda: model.model_copy(update={"rus_goals": kept}))
    assert frame.same_as_rus() == {}
    a = _load(
        rus=[{"goal": "s3_energy", "impact": 2}],
        other_goals=[{"framework": "smart_specialisering", "goal": "hallbar_energi", "impact": -1}],
    )
    assert _codes(a) == []


# --- the Sami consultation record (lag 2022:66) ---------------------------------------------


def test_consultation_status_follows_the_record() -> None:
    assert _load().sami_consultation.status == "not_assessed"
    assert (
        _load(sami_consultation={"significant": "no", "reason": "x"}).sami_consultation.status
        == "not_significant"
    )
    assert _load(sami_consultation={"significant": "yes"}).sami_consultation.status == "missing"
    informed = _load(
        sami_consultation={
            "significant": "yes",
            "consultations": [{"party": "sameby", "informed_only": True}],
        }
    )
    assert informed.sami_consultation.status == "informed_only"
    # A sameby alone is not enough: Sametinget is the party consulted first.
    sameby = _load(sami_consultation={"significant": "yes", "consultations": [{"party": "sameby"}]})
    assert sameby.sami_consultation.status == "informed_only"
    done = _load(sami_consultation={"significant": "yes", "consultations": [{"party": "sametinget"}]})
    assert done.sami_consultation.status == "done"


def test_consultation_notes_ask_for_a_reason_and_name_the_land_use_rules() -> None:
    a = _load(sami_consultation={"significant": "yes", "land_use": True})
    keys = [n.key for n in consultation_notes(a)]
    assert keys == [
        "frame.consultation_status_missing",
        "frame.consultation_reason_required",
        "frame.land_use_hint",
    ]
    hint = consultation_notes(a)[-1].message("sv")
    assert "3 kap. 5 §" in hint and "2009:724" in hint


def test_consultation_record_round_trips_with_sami_letters() -> None:
    record = {
        "significant": "yes",
        "reason": "Renbete i Jijnjevaerie <&> ŋ đ č ŧ ï",
        "land_use": True,
        "consultations": [
            {
                "party": "sametinget",
                "name": "Sametinget",
                "date": "2024-04-02",
                "outcome": "Synpunkter & villkor",
            },
            {"party": "sameby", "name": "Jijnjevaerie sameby", "informed_only": True},
        ],
    }
    a = _load(sami_consultation=record)
    again = parse_assessment_text(dump_assessment(a))
    assert again.sami_consultation == a.sami_consultation
    assert again.sami_consultation.consultations[0].date is not None
    with pytest.raises(ValidationFailed):
        _load(sami_consultation={"consultations": [{"party": "sami_village"}]})


def test_pdf_shows_dnsh_reasons_consultation_and_contradictions() -> None:
    a = _load(
        sdg=[{"goal": 13, "impact": -2}],
        dnsh={
            "climate_mitigation": {
                "answer": "no_significant_harm",
                "reason": "Fossilfritt till 2030 enligt plan.",
            }
        },
        sami_consultation={
            "significant": "yes",
            "reason": "Renbetesmark berörs.",
            "consultations": [{"party": "sametinget", "name": "Sametinget", "outcome": "Inga invändningar."}],
        },
        measures=[{"id": "m1", "text": "Stöd", "indicator": "Antal företagare", "indicator_by_sex": True}],
    )
    text = text_of(build_pdf(a, invariant=True))
    assert "Ingen betydande skada" in text and "Fossilfritt till 2030 enligt plan." in text
    assert "Motstridiga bedömningar mellan ramverk" in text
    assert "Konsultation med Sametinget dokumenterad" in text and "Inga invändningar." in text
    assert "(könsuppdelad)" in text


# --- screening: informing is not consulting -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Samebyn har informerats.", True),
        ("Vi har meddelat Jijnjevaerie sameby om planerna.", True),
        ("Sametinget och samebyn har konsulterats i mars.", False),
        ("Samebyn informerades och konsultation med Sametinget pågår.", False),
        ("Inget renbete berörs.", False),
        ("", False),
    ],
)
def test_informed_only_is_recognised(text: str, flagged: bool) -> None:
    assert bool(informed_only(text)) is flagged


# --- regional frameworks selectable in step 2 ---------------------------------------------------


def test_regional_frameworks_can_be_rated() -> None:
    known = frameworks()
    assert list(known["regionalt_serviceprogram"].goals) == ["tillganglighet", "servicegivare", "samordning"]
    assert known["regionalt_serviceprogram"].goals["servicegivare"].title.sv == (
        "Stärka förutsättningarna för servicegivare med stöd & rådgivning"
    )
    assert "fossilfri_2030" in known["regional_klimat"].goals
    a = _load(
        other_goals=[
            {"framework": "regional_klimat", "goal": "fossilfri_2030", "impact": -1},
            {"framework": "regionalt_serviceprogram", "goal": "tillganglighet", "impact": 2},
            {"framework": "nationell_strategi", "goal": "overgripande_mal", "impact": 1},
        ]
    )
    assert len(a.other_goals) == 3


def test_screening_flags_an_application_that_only_informed_the_sameby() -> None:
    from assessment.screening.importer import import_applications
    from assessment.screening.screen import Screener
    from tests.unit.test_screening_helpers import NO_EDGES, csv_bytes, eruf, good_row

    def screen(text: str) -> list[str]:
        imported = import_applications(csv_bytes([good_row("T", sami_considerations=text)]), "t.csv", eruf())
        return [f.code for f in Screener(eruf(), NO_EDGES).screen(imported.applications[0]).flags]

    assert screen("Samebyn har informerats; inget renbete berörs.") == ["sami_informed_only"]
    assert screen("Sametinget och Jijnjevaerie sameby har konsulterats.") == []


def test_pdf_can_be_read_against_aterrapportering_4() -> None:
    a = _load(
        checklists={
            "four_r": {"representation": {"checked": True}},
            "intersectional": {"foreign_born": {"checked": True}},
        },
        measures=[{"id": "m7", "text": "Rådgivning", "indicator": "Antal", "indicator_by_sex": True}],
        sdg=[{"target": "13.2", "impact": -1}],
        dnsh={"pollution": {"answer": "not_applicable", "reason": "Inga utsläpp."}},
    )
    text = text_of(build_pdf(a, invariant=True))
    assert "Underlag för återrapportering 4" in text
    assert "Jämställd regional tillväxt" in text and "R1 Representation" in text
    assert "Åtgärder med könsuppdelad indikator: m7" in text
    assert "Integration och mångfald" in text and "Utrikes födda" in text
    assert "DNSH-granskning: 1 av 6 miljömål besvarade" in text


def test_revisions_stored_under_version_1_are_upgraded_when_read_or_saved() -> None:
    from assessment.storage.documents import from_document, to_document

    stored = {
        "schema": 1,
        "title": "Sparad 2024",
        "other_goals": [
            {"framework": "eu_dnsh", "goal": "biodiversity", "impact": -1, "comment": "Platsval."}
        ],
    }
    read = from_document(stored)
    assert (
        read.schema_version == 5
        and read.other_goals == []
        and "Platsval." in read.dnsh["biodiversity"].reason
    )
    model, document = to_document(stored)
    assert document["schema"] == 5 and model == read


def test_optional_kronoberg_checkpoint_is_left_out_of_the_pdf_when_unused() -> None:
    title = "Hållplats: tänka om? avsluta?"
    unused = text_of(build_pdf(_load(), invariant=True)).count(title)
    used = text_of(build_pdf(_load(checkpoint={"decision": "continue"}), invariant=True)).count(title)
    assert used == unused + 1


def test_eruf_call_checks_dnsh_and_the_horizontal_principles() -> None:
    from assessment.screening.calls import builtin_calls
    from assessment.screening.importer import import_applications
    from assessment.screening.screen import Screener
    from tests.unit.test_screening_helpers import NO_EDGES, csv_bytes, eruf, good_row

    call = builtin_calls()["eruf_project"]
    questions = {q.id: q for q in call.questions}
    assert questions["dnsh"].source == "cpr_art9" and "2021/1060" in questions["dnsh"].text.sv
    principles = questions["horizontal_principles"].text.sv
    for principle in ("jämställdhet", "icke-diskriminering", "tillgänglighet", "stadga"):
        assert principle in principles
    cited = {s.id: s.ref for s in call.sources}
    assert cited["cpr_art9"] == "eu_2021_1060" and cited["taxonomy_art17"] == "eu_2020_852"
    # The shipped profile flags an application that leaves the principles unanswered.
    row = good_row("T", equality="")
    app = import_applications(csv_bytes([row]), "t.csv", call).applications[0]
    result = Screener(call, NO_EDGES).screen(app)
    assert "horizontal_principles" in {q.id for q in result.questions_open}
    assert eruf().id == call.id


def test_cli_validate_says_what_an_upgrade_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assessment.cli import main

    old = tmp_path / "gammal.yaml"
    old.write_text(
        "schema: 1\ntitle: Gammal\nother_goals:\n  - {framework: eu_dnsh, goal: pollution, impact: 0}\n",
        encoding="utf-8",
    )
    assert main(["validate", str(old)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and f"uppgraderats till version {SCHEMA_VERSION}" in out and "pollution" in out
