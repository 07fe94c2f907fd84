"""The "other goals" frameworks: environmental objectives, national strategy, EU DNSH."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment.errors import UnknownCode, ValidationFailed
from assessment.knowledge import Framework, framework, frameworks
from assessment.knowledge.datafile import DATA_DIR

# Exact names from the project brief (DOMAIN.md).
MILJOKVALITETSMAL = [
    "Begränsad klimatpåverkan",
    "Frisk luft",
    "Bara naturlig försurning",
    "Giftfri miljö",
    "Skyddande ozonskikt",
    "Säker strålmiljö",
    "Ingen övergödning",
    "Levande sjöar och vattendrag",
    "Grundvatten av god kvalitet",
    "Hav i balans samt levande kust och skärgård",
    "Myllrande våtmarker",
    "Levande skogar",
    "Ett rikt odlingslandskap",
    "Storslagen fjällmiljö",
    "God bebyggd miljö",
    "Ett rikt växt- och djurliv",
]
STRATEGY_AREAS = [
    "Likvärdiga möjligheter till boende, arbete och välfärd i hela landet",
    "Kompetensförsörjning och kompetensutveckling i hela landet",
    "Innovation och förnyelse samt entreprenörskap och företagande i hela landet",
    "Tillgänglighet i hela landet genom digital kommunikation och transportsystem",
]
DNSH_EN = [
    "Climate change mitigation",
    "Climate change adaptation",
    "The sustainable use and protection of water and marine resources",
    "The transition to a circular economy",
    "Pollution prevention and control",
    "The protection and restoration of biodiversity and ecosystems",
]


def test_the_frameworks_are_there() -> None:
    assert sorted(frameworks()) == [
        "eu_dnsh",
        "miljokvalitetsmal",
        "nationell_strategi",
        "regional_klimat",
        "regionalt_serviceprogram",
        "smart_specialisering",
    ]
    for fw in frameworks().values():
        assert isinstance(fw, Framework)
        assert fw.source.strip() and fw.title.sv and fw.title.en
        for goal_id, goal in fw.goals.items():
            assert goal.id == goal_id
            assert goal.title.sv and goal.title.en


def test_sixteen_environmental_quality_objectives_plus_the_generational_goal() -> None:
    fw = frameworks()["miljokvalitetsmal"]
    numbered = [g for g in fw.goals.values() if g.number is not None]
    assert [g.title.sv for g in numbered] == MILJOKVALITETSMAL
    assert [g.number for g in numbered] == list(range(1, 17))
    generational = fw.goal("generationsmalet")
    assert generational.title.sv == "Generationsmålet"
    assert generational.description is not None and "nästa generation" in generational.description.sv
    assert len(fw.goals) == 17
    assert fw.goals["begransad_klimatpaverkan"].title.en == "Reduced climate impact"


def test_national_strategy_has_its_overall_goal_and_four_areas() -> None:
    fw = framework("nationell_strategi")
    assert [g.title.sv for g in fw.goals.values() if g.number is not None] == STRATEGY_AREAS
    overall = fw.goal("overgripande_mal")
    assert overall.number is None and next(iter(fw.goals)) == "overgripande_mal"
    assert "Utvecklingskraft i alla delar av landet" in overall.title.sv
    assert "2020/21:133" in fw.source


def test_eu_dnsh_has_six_objectives_and_asks_for_reasons() -> None:
    fw = framework("eu_dnsh")
    assert [g.title.en for g in fw.goals.values()] == DNSH_EN
    assert fw.kind == "screening"
    assert set(fw.reason_required_for) == {
        "no_significant_harm",
        "needs_assessment",
        "not_applicable",
        "significant_harm",
    }
    assert fw.note is not None and "motivera" in fw.note.sv and "reason" in fw.note.en
    assert "2020/852" in fw.source


def test_frameworks_returns_a_fresh_dict_over_cached_data() -> None:
    first, second = frameworks(), frameworks()
    assert first == second and first is not second
    first.pop("eu_dnsh")
    assert "eu_dnsh" in frameworks()
    assert frameworks()["eu_dnsh"] is second["eu_dnsh"]


def test_unknown_framework_and_goal_are_rejected() -> None:
    with pytest.raises(UnknownCode) as caught:
        framework("agenda_2040")
    assert [p.key for p in caught.value.problems] == ["core.unknown_framework"]
    assert "agenda_2040" in caught.value.message("sv") and "agenda_2040" in caught.value.message("en")
    with pytest.raises(UnknownCode) as caught:
        framework("miljokvalitetsmal").goal("<b>ren_luft</b>")
    assert [p.key for p in caught.value.problems] == ["core.unknown_framework_goal"]
    message = caught.value.message("en")
    assert "<b>ren_luft</b>" in message and "miljokvalitetsmal" in message


# --- broken data files ------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR / "frameworks", tmp_path / "frameworks")
    return tmp_path


def _failure(data_dir: Path) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        frameworks(data_dir)
    return caught.value


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_copy_loads(data_copy: Path) -> None:
    assert len(frameworks(data_copy)["miljokvalitetsmal"].goals) == 17


def test_missing_english_title_names_file_and_path(data_copy: Path) -> None:
    path = data_copy / "frameworks" / "eu_dnsh.yaml"
    _edit(path, ', en: "Climate change adaptation"}', "}")
    error = _failure(data_copy)
    assert [(p.file, p.path, p.key) for p in error.problems] == [
        (str(path), "goals[1].title.en", "core.field_required")
    ]
    assert "eu_dnsh.yaml" in error.message("sv") and "goals[1].title.en" in error.message("en")


def test_bad_id_duplicate_and_mismatch_are_all_reported(data_copy: Path) -> None:
    folder = data_copy / "frameworks"
    _edit(folder / "nationell_strategi.yaml", "id: tillganglighet", "id: kompetensforsorjning")
    _edit(folder / "miljokvalitetsmal.yaml", "id: miljokvalitetsmal", "id: miljomal")
    _edit(folder / "eu_dnsh.yaml", "id: pollution", "id: Pollution Control")
    error = _failure(data_copy)
    found = {(Path(p.file).name, p.path, p.key) for p in error.problems}
    assert found == {
        ("nationell_strategi.yaml", "goals", "core.duplicate_key"),
        ("miljokvalitetsmal.yaml", "id", "knowledge.framework_id_mismatch"),
        ("eu_dnsh.yaml", "goals[4].id", "validation.id_pattern"),
    }


def test_a_framework_without_goals_is_rejected(data_copy: Path) -> None:
    (data_copy / "frameworks" / "tomt.yaml").write_text(
        "id: tomt\ntitle: {sv: Tomt, en: Empty}\nsource: x\ngoals: []\n", encoding="utf-8"
    )
    error = _failure(data_copy)
    assert [(Path(p.file).name, p.path) for p in error.problems] == [("tomt.yaml", "goals")]


def test_an_empty_frameworks_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "frameworks").mkdir()
    error = _failure(tmp_path)
    assert [p.key for p in error.problems] == ["core.file_not_found"]
