"""One validation policy for every entry point: the file import, the store's create/save and the
archive import refuse the same errors, and all of them keep (with a warning that says what to do)
what a region's edited models no longer know — so a stored assessment always exports and reads back."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from assessment.domain.assessment import Assessment
from assessment.domain.checks import validate_assessment
from assessment.errors import ValidationFailed
from assessment.fileio import dump_assessment, parse_assessment_text
from assessment.process_models import clear_cache
from assessment.resources import shipped_models_dir
from assessment.storage import Store, open_store

WRONG = {
    "sdg goal 42": {"sdg": [{"goal": 42, "impact": 1}]},
    "target 13.9": {"sdg": [{"target": "13.9", "impact": 1}]},
    "conflict with sdg:99": {"conflicts": [{"id": "K1", "between": ["sdg:99", "sdg:13"]}]},
    "unknown framework": {"other_goals": [{"framework": "mars_plan", "goal": "x", "impact": 1}]},
    "duplicate actor": {"actors": [{"name": "Sametinget"}, {"name": "SAMETINGET"}]},
}


@pytest.fixture
def memory_store() -> Iterator[Store]:
    store = open_store("sqlite://")
    yield store
    store.close()


@pytest.mark.parametrize("case", sorted(WRONG))
def test_every_entry_point_refuses_the_same_errors(memory_store: Store, case: str) -> None:
    data = {"title": "Fel", **WRONG[case]}
    model = Assessment.model_validate(data)  # the shape is fine; the content is not
    assert validate_assessment(model).errors
    with pytest.raises(ValidationFailed):
        parse_assessment_text(yaml.safe_dump(data, allow_unicode=True), "fel.yaml")
    user = memory_store.local_user()
    with pytest.raises(ValidationFailed):
        memory_store.create(user, model)
    stored = memory_store.create(user, Assessment(title="Rätt"))
    with pytest.raises(ValidationFailed):
        memory_store.save(user, stored.id, data, stored.version)
    assert memory_store.get(user, stored.id).version == 1  # nothing written


@pytest.fixture
def region_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A region's copy of the models, used for everything that follows."""
    folder = tmp_path / "models"
    shutil.copytree(shipped_models_dir(), folder)
    monkeypatch.setenv("ASSESSMENT_MODELS_DIR", str(folder))
    clear_cache()
    yield folder
    clear_cache()


def _remove_rus_goal(models: Path, goal_id: str) -> None:
    path = models / "rus_sakring.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rus_goals"] = [g for g in data["rus_goals"] if g["id"] != goal_id]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    clear_cache()


def test_a_removed_rus_goal_is_kept_everywhere_with_a_way_forward(
    memory_store: Store, region_models: Path
) -> None:
    user = memory_store.local_user()
    assessment = Assessment.model_validate(
        {
            "title": "Före modelländringen",
            "rus": [{"goal": "s3_energy", "impact": 2, "comment": "Stärker styrkeområdet"}],
            "conflicts": [{"id": "K1", "between": ["rus:s3_energy", "sdg:13"]}],
            "municipalities": ["Krokom"],
        }
    )
    before = validate_assessment(assessment)
    assert before.errors == [] and before.warnings == []
    stored = memory_store.create(user, assessment)

    _remove_rus_goal(region_models, "s3_energy")

    # Stored work keeps working: read, edit, save, export.
    again = memory_store.get(user, stored.id).assessment
    edited = again.model_copy(update={"description": "Ändrad efter modelländringen"})
    saved = memory_store.save(user, stored.id, edited, stored.version)
    assert saved.stored.assessment.rus[0].goal == "s3_energy"
    text = dump_assessment(saved.stored.assessment)
    # ... and its export reads back, as a file and as an archive, with the rating intact.
    back = parse_assessment_text(text, "export.yaml")
    assert back.rus[0].goal == "s3_energy" and back.rus[0].comment == "Stärker styrkeområdet"
    archive = memory_store.export_workspace(user, stored.workspace_id)
    [copy_id] = memory_store.import_workspace(user, archive, stored.workspace_id)
    assert memory_store.get(user, copy_id).assessment.conflicts[0].between == ["rus:s3_energy", "sdg:13"]

    result = validate_assessment(back, "export.yaml")
    assert result.errors == []
    paths = {p.path for p in result.warnings}
    assert paths == {"rus[0].goal", "conflicts[0].between[0]"}
    lines = result.warning_lines("sv")
    assert "Lägg tillbaka id:t i modellen" in lines[0] and "docs/regions.md" in lines[0]
    assert any("export.yaml: rus[0].goal" in line and "s3_energy" in line for line in lines[1:])
    assert "Add the id back to the model" in result.warning_lines("en")[0]


def test_a_removed_municipality_and_deleted_actor_are_warnings(memory_store: Store) -> None:
    data = {
        "title": "Gammal fil",
        "municipalities": ["Oslo"],
        "conflicts": [{"id": "K1", "between": ["actor:Borttagen aktör", "sdg:8"]}],
        "measures": [{"id": "M1", "addresses": ["K7"]}],
    }
    assessment = parse_assessment_text(yaml.safe_dump(data, allow_unicode=True))
    result = validate_assessment(assessment)
    assert result.errors == []
    assert {p.path for p in result.warnings} == {
        "municipalities[0]",
        "conflicts[0].between[0]",
        "measures[0].addresses[0]",
    }
    user = memory_store.local_user()
    stored = memory_store.create(user, assessment)
    assert memory_store.get(user, stored.id).assessment.municipalities == ["Oslo"]


def test_archive_with_an_invalid_document_is_refused(memory_store: Store) -> None:
    user = memory_store.local_user()
    stored = memory_store.create(user, Assessment(title="Arkiv"))
    archive = memory_store.export_workspace(user, stored.workspace_id)
    source = zipfile.ZipFile(io.BytesIO(archive))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name != "manifest.yaml" and name.endswith(".yaml") and b"Arkiv" in content:
                content = content.replace(b"title: Arkiv", b"title: Arkiv\nsdg:\n- goal: 42\n  impact: 1")
            target.writestr(name, content)
    with pytest.raises(ValidationFailed):
        memory_store.import_workspace(user, out.getvalue(), stored.workspace_id)


def test_cli_validate_accepts_and_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from assessment.cli import main

    path = tmp_path / "gammal.yaml"
    path.write_text("title: Gammal\nmunicipalities: [Oslo]\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Lägg tillbaka id:t i modellen" in out
    assert f"{path}: municipalities[0]" in out
