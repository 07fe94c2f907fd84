"""The example assessments in `examples/` are valid, complete and realistic enough to demo with."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessment.cli import main
from assessment.domain import Assessment
from assessment.fileio import dump_assessment, load_assessment, parse_assessment_text
from assessment.knowledge.bibliography import bibliography
from assessment.process_models import rus_model, tyrens_model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CASE_FILES = [
    "kalarne_drivmedel.yaml",
    "landbaserad_fiskodling.yaml",
    "internationella_besokare.yaml",
    "foretagsstod_ansokan.yaml",
]


@pytest.fixture(scope="module", params=CASE_FILES)
def example(request: pytest.FixtureRequest) -> Assessment:
    return load_assessment(EXAMPLES / request.param)


def test_the_four_domain_cases_exist() -> None:
    present = {p.name for p in EXAMPLES.glob("*.yaml")}
    assert set(CASE_FILES) <= present


def test_every_example_file_is_valid() -> None:
    files = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    assert len(files) >= 4
    for file in files:
        assert load_assessment(file).title


def test_cli_validates_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *(str(EXAMPLES / f) for f in CASE_FILES)]) == 0
    assert capsys.readouterr().out.count("OK") == len(CASE_FILES)


def test_example_is_swedish_and_names_its_sources(example: Assessment) -> None:
    assert example.language == "sv"
    # Sources name public works with their bibliography key, never a file outside the repository.
    keys = bibliography().keys()
    assert example.sources and any(re.search(r"\[(\w+)\]", s) for s in example.sources)
    for source in example.sources:
        for key in re.findall(r"\[([a-z0-9_]+)\]", source):
            assert key in keys, source
    assert len(example.description) > 300
    assert example.participants and example.municipalities and example.date is not None


def test_every_guiding_question_of_the_steps_is_answered(example: Assessment) -> None:
    model = rus_model()
    asked = {q.id for step in model.steps for q in step.questions}
    assert asked <= set(example.answers), asked - set(example.answers)
    assert all(text.strip() for text in example.answers.values())


def test_step_1_and_checkpoint(example: Assessment) -> None:
    model = rus_model()
    assert len(example.rus) >= 4
    assert all(r.impact is not None and r.comment for r in example.rus)
    # Ratings refer to the current RUS structure, not only the earlier strategy.
    assert sum(1 for r in example.rus if (g := model.rus_goal(r.goal)) and g.current) >= 4
    assert {q.id for q in model.checkpoint.questions} == set(example.checkpoint.answers)
    assert example.checkpoint.decision == "continue" and example.checkpoint.reasons


def test_step_2_goals_perspectives_and_checklists(example: Assessment) -> None:
    assert len(example.sdg) >= 6
    assert sum(1 for r in example.sdg if r.target is not None) >= 5
    assert any(r.impact is not None and r.impact < 0 for r in example.sdg)
    assert any(not r.direct for r in example.sdg)
    assert len(example.other_goals) >= 3
    assert example.perspectives.individ and example.perspectives.geografi
    assert example.perspectives.samhalle
    assert {"intersectional", "sami_areas", "missing_actors"} <= set(example.checklists)
    assert len(example.interactions) >= 3


def test_step_3_actors_include_sami_villages_and_missing_ones(example: Assessment) -> None:
    assert len(example.actors) >= 5
    assert any("sami_villages" in a.groups for a in example.actors)
    assert any(not a.present for a in example.actors)
    assert any(a.present for a in example.actors)


def test_conflicts_use_the_tyrens_model(example: Assessment) -> None:
    tyrens = tyrens_model()
    assert len(example.conflicts) >= 2
    for conflict in example.conflicts:
        assert conflict.type and tyrens.conflict_type(conflict.type) is not None
        assert conflict.method and tyrens.method(conflict.method) is not None
        assert conflict.origin in ("proactive", "reactive")
        assert conflict.stage and tyrens.stage(conflict.stage) is not None
        assert conflict.characterisation and len(conflict.between) >= 2
    assert any(c.weighing and len(c.weighing.options) >= 2 for c in example.conflicts)
    assert any(c.position for c in example.conflicts)


def test_step_4_measures_address_every_conflict(example: Assessment) -> None:
    assert len(example.measures) >= 3
    assert all(m.addresses and m.owner and m.text for m in example.measures)
    addressed = {ref for m in example.measures for ref in m.addresses}
    assert {c.id for c in example.conflicts} <= addressed


def test_judgement_and_positions(example: Assessment) -> None:
    verdicts = {v.id for v in rus_model().judgement.verdicts}
    assert example.judgement.verdict in verdicts
    assert len(example.judgement.text) > 200
    assert example.positions


def test_example_round_trips(example: Assessment) -> None:
    again = parse_assessment_text(dump_assessment(example), "again.yaml")
    assert again.to_document() == example.to_document()
