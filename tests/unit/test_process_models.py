"""The two process models load, carry what the issue asks for and are internally consistent."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from assessment.domain import Assessment, Certainty, Checkpoint, Conflict, Kind, Perspectives
from assessment.process_models import (
    RusModel,
    TyrensModel,
    clear_cache,
    load_rus_model,
    load_tyrens_model,
    models_dir,
    rus_model,
    tyrens_model,
)
from assessment.process_models.loader import ENV_DIR, RUS_FILE, TYRENS_FILE

REPO_MODELS = Path(__file__).resolve().parents[2] / "models"


@pytest.fixture(scope="module")
def rus() -> RusModel:
    return load_rus_model(REPO_MODELS / RUS_FILE)


@pytest.fixture(scope="module")
def tyrens() -> TyrensModel:
    return load_tyrens_model(REPO_MODELS / TYRENS_FILE)


def test_rus_has_the_four_steps_in_order(rus: RusModel) -> None:
    assert [s.id for s in rus.steps] == ["rus", "sustainability", "actors", "measures"]
    assert [s.title.sv for s in rus.steps] == [
        "RUS-säkra",
        "Hållbarhetssäkra",
        "Aktörssäkra",
        "Åtgärder",
    ]
    assert [s.number for s in rus.steps] == [1, 2, 3, 4]
    for step in rus.steps:
        assert step.purpose.sv and step.purpose.en and step.help.sv and step.help.en
        assert step.questions and step.records


def test_guiding_questions_follow_the_source(rus: RusModel) -> None:
    texts = {q.id: q.text.sv for q in rus.all_questions()}
    assert texts["rus.q2"] == "Har insatsen positiv/negativ påverkan på RUS?"
    assert texts["actors.q2"] == "Vilka är inte här som borde vara här?"
    assert texts["sustainability.q1"].startswith("Påverkar insatsen olika mål för hållbar")
    assert rus.question("rus.q2") is not None
    assert rus.question("nope.q1") is None
    # Every question answered in an assessment file needs a unique, step-prefixed id.
    ids = [q.id for q in rus.all_questions()]
    assert len(ids) == len(set(ids))
    for step in rus.steps:
        assert all(q.id.startswith(step.id + ".") for q in step.questions)
    source_questions = [q for q in rus.all_questions() if q.origin == "source"]
    assert source_questions and all(q.quote for q in source_questions if q.id.startswith("rus."))


def test_every_text_is_bilingual(rus: RusModel, tyrens: TyrensModel) -> None:
    for question in rus.all_questions() + tyrens.all_questions():
        assert question.text.sv.strip() and question.text.en.strip()
        assert question.text.sv != question.text.en


def test_measures_step_carries_the_source_examples(rus: RusModel) -> None:
    examples = [e.sv for e in rus.step("measures").examples]
    assert "Minimera den negativa påverkan på biologisk mångfald." in examples
    assert any("utlandsfödda" in e for e in examples)


def test_rus_goal_structure(rus: RusModel) -> None:
    goal = rus.rus_goal("goal")
    assert goal is not None and goal.kind == "goal"
    assert goal.title.sv.startswith("Utvecklingskraft med stärkt lokal och regional")
    priorities = rus.children("goal")
    assert [p.id for p in priorities] == ["p1", "p2", "p3"]
    assert {g.title.sv for g in rus.children("p2")} == {
        "Hållbar energi",
        "Upplevelser",
        "Digitala lösningar",
        "Jord, skog och vatten",
    }
    assert rus.rus_goal("rus:p3") == rus.rus_goal("p3")
    assert rus.rus_goal("missing") is None
    sources = {s.id for s in rus.sources}
    assert all(g.source in sources for g in rus.rus_goals)
    # The earlier strategy stays for old cases but is not offered for new ratings.
    old = rus.rus_goal("rus2014_infrastructure")
    assert old is not None and not old.current
    assert old not in rus.current_goals()
    assert any(g.kind == "vision_theme" and g.id == "v_sami" for g in rus.current_goals())


def test_checklists(rus: RusModel) -> None:
    assert set(rus.checklists) >= {"intersectional", "sami_areas", "missing_actors"}
    sami = [i.label.sv for i in rus.checklists["sami_areas"].items]
    assert sami == [
        "Same på samiskt sätt",
        "Naturen, djuren, landskapet och marken",
        "Kunskap",
        "Stärkt synlighet",
        "En stark, samisk organisationsstruktur",
        "Samisk kultur för alla",
        "Näringsverksamhet",
        "Samiskt inflytande och beslutsfattande",
    ]
    inter = {i.id for i in rus.checklists["intersectional"].items}
    assert {"women_men", "young", "foreign_born", "sami", "disability", "rural_urban"} <= inter
    missing = {i.id for i in rus.checklists["missing_actors"].items}
    assert {
        "municipalities",
        "county_board",
        "sami_villages",
        "sami_organisations",
        "business",
        "civil_society",
        "youth",
        "academia",
    } <= missing
    checklist = rus.checklists["missing_actors"]
    assert checklist.item("sami_villages") is not None
    # Sametinget is its own party (lag 2022:66), not one of the "Sami organisations".
    sametinget = checklist.item("sametinget")
    assert sametinget is not None and sametinget.help is not None and "2022:66" in sametinget.help.sv
    organisations = checklist.item("sami_organisations")
    assert organisations is not None and "Sametinget" not in organisations.label.sv
    assert "reindeer-herding" in checklist.item("sami_villages").label.en  # type: ignore[union-attr]
    assert checklist.item("nobody") is None


def test_checkpoint_judgement_perspectives(rus: RusModel) -> None:
    assert rus.checkpoint.after_step == "rus"
    assert rus.checkpoint.title.sv == "Hållplats: tänka om? avsluta?"
    assert [d.id for d in rus.checkpoint.decisions] == ["continue", "rethink", "stop"]
    assert len(rus.checkpoint.questions) == 3
    assert rus.judgement.title.sv == "Samlad bedömning"
    assert [v.id for v in rus.judgement.verdicts] == [
        "proceed",
        "proceed_with_measures",
        "rethink",
        "reject",
    ]
    assert [p.id for p in rus.perspectives] == ["individ", "geografi", "samhalle"]


def test_scale_certainty_kinds_municipalities(rus: RusModel) -> None:
    assert sorted(rus.scale) == [-3, -2, -1, 0, 1, 2, 3]
    assert rus.scale[0].sv == "Ingen påverkan"
    assert rus.scale[-3].en == "Strongly negative"
    assert rus.scale_label(4) is None
    assert [c.id for c in rus.certainty] == ["low", "medium", "high"]
    assert [k.id for k in rus.kinds] == [
        "strategy",
        "project",
        "application",
        "rsp_measure",
        "remiss",
        "process",
        "other",
    ]
    kind = rus.kind("remiss")
    assert kind is not None and kind.label.sv == "Remissvar"
    names = [m.name for m in rus.municipalities]
    assert names == [
        "Berg",
        "Bräcke",
        "Härjedalen",
        "Krokom",
        "Ragunda",
        "Strömsund",
        "Åre",
        "Östersund",
    ]
    assert sum(m.sami_administrative_area for m in rus.municipalities) == 6
    found = rus.municipality("bräcke")
    assert found is not None and found.id == "bracke"


def test_tyrens_process(tyrens: TyrensModel) -> None:
    assert [o.id for o in tyrens.origins] == ["proactive", "reactive"]
    assert [s.id for s in tyrens.stages] == [
        "identify",
        "characterise",
        "choose_method",
        "decide",
        "follow_up",
    ]
    # The process is a learning cycle: follow-up leads back to identification.
    follow_up = tyrens.stage("follow_up")
    assert follow_up is not None and follow_up.next == "identify"
    assert tyrens.stage("nope") is None
    types = {c.id for c in tyrens.conflict_types}
    assert {"resources", "land_use", "levels", "time", "distribution", "values"} <= types
    methods = {m.id for m in tyrens.methods}
    assert {
        "dialogue",
        "weighing",
        "multi_criteria",
        "mitigation",
        "escalation",
        "synergies",
    } <= methods
    for method in tyrens.methods:
        assert method.when.sv and method.when.en
        assert set(method.fits_types) <= types
        assert set(method.fits_origins) <= {"proactive", "reactive"}


def test_methods_for_filters_by_type_and_entry(tyrens: TyrensModel) -> None:
    reactive_values = {m.id for m in tyrens.methods_for("values", "reactive")}
    assert "escalation" in reactive_values
    assert "synergies" not in reactive_values  # synergies are a proactive method
    proactive = {m.id for m in tyrens.methods_for(origin_id="proactive")}
    assert "synergies" in proactive and "escalation" not in proactive
    assert tyrens.methods_for("no_such_type") == []


def test_origin_marks_source_and_project_parts(tyrens: TyrensModel, rus: RusModel) -> None:
    origins = {m.origin for m in tyrens.methods} | {s.origin for s in tyrens.stages}
    assert {"source", "project"} <= origins
    dialogue = tyrens.method("dialogue")
    assert dialogue is not None and dialogue.origin == "source"
    assert rus.checkpoint.origin == "literature"


def test_default_dir_env_override_and_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DIR, raising=False)
    clear_cache()
    assert models_dir() == REPO_MODELS
    assert rus_model() is rus_model()  # cached
    assert tyrens_model().id == "tyrens"
    text = (REPO_MODELS / RUS_FILE).read_text(encoding="utf-8")
    (tmp_path / RUS_FILE).write_text(text.replace('version: "1.0"', 'version: "9.9"'), "utf-8")
    monkeypatch.setenv(ENV_DIR, str(tmp_path))
    assert models_dir() == tmp_path
    assert rus_model().version == "9.9"
    clear_cache()


def test_model_agrees_with_the_assessment_file_format(rus: RusModel, tyrens: TyrensModel) -> None:
    """Fixed ids in the model files are the values the assessment file format accepts."""
    assert [k.id for k in rus.kinds] == [k.value for k in Kind]
    assert [c.id for c in rus.certainty] == [c.value for c in Certainty]
    decision = Checkpoint.model_fields["decision"].annotation
    assert {d.id for d in rus.checkpoint.decisions} == set(get_args(get_args(decision)[0]))
    assert [p.id for p in rus.perspectives] == list(Perspectives.model_fields)
    origin = Conflict.model_fields["origin"].annotation
    assert {o.id for o in tyrens.origins} == set(get_args(get_args(origin)[0]))
    # Every record names the assessment-file field that holds it.
    top_level = {f.alias or name for name, f in Assessment.model_fields.items()}
    conflict_fields = set(Conflict.model_fields)
    for spec in [r for s in rus.steps for r in s.records] + [r for s in tyrens.stages for r in s.records]:
        head, _, rest = spec.field.partition(".")
        if head == "conflicts[]":
            assert rest in conflict_fields, spec.field
        else:
            assert head in top_level, spec.field
        if spec.kind == "checklist":
            assert spec.checklist in rus.checklists and rest == spec.checklist


def test_models_are_faithful_to_the_region_s_report() -> None:
    rus, tyrens = rus_model(), tyrens_model()
    # Värmland is the second parent model (slutrapporten: "baserad på Region Värmland och Region
    # Kronobergs hållbarhetssäkringsverktyg").
    assert "Värmland" in rus.description.sv and "varmland_hallbarhetssakring" in {s.ref for s in rus.sources}
    # Kronoberg's checkpoint and overall judgement are optional in the simplified model.
    assert rus.checkpoint.optional and rus.judgement.optional
    assert rus.principle_origin == "literature" and rus.scale_origin == "project"
    earlier = rus.rus_goal("rus2014_skills")
    assert earlier is not None and earlier.title.sv == "Kompetens och kunskapsutveckling"
    assert "four_r" in rus.checklists and [i.id for i in rus.checklists["four_r"].items] == [
        "representation",
        "resources",
        "realia",
        "realise",
    ]
    consult = rus.question("actors.q5")
    assert consult is not None and consult.source == "konsultation_samer" and consult.quote
    # Tyréns: "choose method" is the project's structuring, the wording is idiomatic and the
    # seed's power/intersectional lesson is asked in the characterise stage.
    assert tyrens.stage("choose_method").origin == "project"  # type: ignore[union-attr]
    characterise = tyrens.stage("characterise")
    assert characterise is not None and "typa" not in characterise.title.sv
    power = next(q for q in characterise.questions if q.id == "characterise.q4")
    assert power.origin == "source" and power.quote and "maktstrukturer" in power.quote
    identify = tyrens.stage("identify")
    assert identify is not None and "ren resursfråga" not in identify.help.sv
    assert tyrens.conflict_type("land_use").title.sv == "Mark- och vattenanvändning"  # type: ignore[union-attr]
