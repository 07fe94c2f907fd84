"""Broken model files give one clear message per problem: file, path inside it, what is wrong."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from assessment.cli import main
from assessment.errors import Problem, ValidationFailed
from assessment.process_models import load_rus_model, load_tyrens_model
from assessment.process_models.loader import RUS_FILE, TYRENS_FILE
from assessment.validation import ID_PATTERN, duplicate_ids, format_loc, pydantic_problems, shown

REPO_MODELS = Path(__file__).resolve().parents[2] / "models"
Data = dict[str, Any]


@pytest.fixture(scope="module")
def rus_data() -> Data:
    data: Data = yaml.safe_load((REPO_MODELS / RUS_FILE).read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def tyrens_data() -> Data:
    data: Data = yaml.safe_load((REPO_MODELS / TYRENS_FILE).read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, name: str, data: Data) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _rus_problems(tmp_path: Path, data: Data, change: Callable[[Data], None]) -> ValidationFailed:
    broken = copy.deepcopy(data)
    change(broken)
    path = _write(tmp_path, RUS_FILE, broken)
    with pytest.raises(ValidationFailed) as info:
        load_rus_model(path)
    return info.value


def _tyrens_problems(tmp_path: Path, data: Data, change: Callable[[Data], None]) -> ValidationFailed:
    broken = copy.deepcopy(data)
    change(broken)
    path = _write(tmp_path, TYRENS_FILE, broken)
    with pytest.raises(ValidationFailed) as info:
        load_tyrens_model(path)
    return info.value


def test_missing_translation_names_file_and_path(tmp_path: Path, rus_data: Data) -> None:
    err = _rus_problems(tmp_path, rus_data, lambda d: d["steps"][2]["questions"][0]["text"].pop("en"))
    assert len(err.problems) == 1
    problem = err.problems[0]
    assert problem.path == "steps[2].questions[0].text.en"
    assert problem.file.endswith(RUS_FILE)
    assert problem.key == "core.field_required"
    assert err.message("sv").endswith("steps[2].questions[0].text.en: Fältet saknas men krävs.")
    assert err.message("en").endswith("steps[2].questions[0].text.en: This field is required.")
    assert "Traceback" not in err.message("sv")


def test_unknown_field(tmp_path: Path, rus_data: Data) -> None:
    err = _rus_problems(tmp_path, rus_data, lambda d: d["steps"][0].update(purpouse="typo"))
    assert [(p.path, p.key) for p in err.problems] == [("steps[0].purpouse", "core.field_extra")]


def test_wrong_type_reports_both_languages(tmp_path: Path, rus_data: Data) -> None:
    err = _rus_problems(tmp_path, rus_data, lambda d: d["steps"][1].update(questions="many"))
    problem = err.problems[0]
    assert problem.path == "steps[1].questions"
    assert "väntade en lista" in problem.message("sv")
    assert "expected a list" in problem.message("en")


def test_bad_choice_lists_the_valid_ones(tmp_path: Path, rus_data: Data) -> None:
    err = _rus_problems(tmp_path, rus_data, lambda d: d["rus_goals"][0].update(kind="wish"))
    problem = err.problems[0]
    assert (problem.path, problem.key) == ("rus_goals[0].kind", "core.field_choice")
    assert "strength_area" in problem.message("en")
    assert " or " not in problem.message("sv") and "earlier_strategy, earlier_priority" in problem.message(
        "sv"
    )


def test_scale_value_out_of_range_and_incomplete(tmp_path: Path, rus_data: Data) -> None:
    def change(d: Data) -> None:
        d["scale"].pop(3)

    err = _rus_problems(tmp_path, rus_data, change)
    assert [p.path for p in err.problems] == ["scale"]
    assert "-3, -2, -1, 0, 1, 2, 3" in err.message("en")


def test_invalid_id_format(tmp_path: Path, rus_data: Data) -> None:
    err = _rus_problems(tmp_path, rus_data, lambda d: d["rus_goals"][1].update(id="Ett mål"))
    paths = [p.path for p in err.problems]
    assert "rus_goals[1].id" in paths
    assert "Ogiltigt id" in err.message("sv")


def test_rus_cross_references(tmp_path: Path, rus_data: Data) -> None:
    def change(d: Data) -> None:
        d["rus_goals"][2]["parent"] = "no_such_goal"
        d["rus_goals"][3]["id"] = d["rus_goals"][4]["id"]
        d["steps"][0]["questions"][1]["id"] = "actors.q9"
        d["checkpoint"]["after_step"] = "step_one"

    err = _rus_problems(tmp_path, rus_data, change)
    by_path = {p.path: p for p in err.problems}
    assert by_path["rus_goals[2].parent"].key == "core.unknown_model_id"
    assert by_path["rus_goals[2].parent"].params["code"] == "no_such_goal"
    assert "core.duplicate_key" in {p.key for p in err.problems}
    assert by_path["steps[0].questions[1].id"].key == "models.question_prefix"
    assert by_path["checkpoint.after_step"].key == "core.unknown_model_id"


def test_goal_cycle(tmp_path: Path, rus_data: Data) -> None:
    def change(d: Data) -> None:
        goals = {g["id"]: g for g in d["rus_goals"]}
        goals["goal"]["parent"] = "p1"

    err = _rus_problems(tmp_path, rus_data, change)
    assert any(p.key == "models.goal_cycle" for p in err.problems)


def test_fixed_ids_and_required_checklists(tmp_path: Path, rus_data: Data) -> None:
    def change(d: Data) -> None:
        d["steps"].pop()
        del d["checklists"]["sami_areas"]
        d["perspectives"][2]["id"] = "society"

    err = _rus_problems(tmp_path, rus_data, change)
    keys = {(p.path, p.key) for p in err.problems}
    assert ("steps", "models.fixed_ids") in keys
    assert ("perspectives", "models.fixed_ids") in keys
    assert ("checklists", "models.checklist_missing") in keys


def test_all_problems_are_reported_at_once(tmp_path: Path, rus_data: Data) -> None:
    def change(d: Data) -> None:
        del d["title"]
        d["kinds"][0]["label"] = 5
        d["municipalities"][0]["name"] = ["Berg"]

    err = _rus_problems(tmp_path, rus_data, change)
    assert {p.path for p in err.problems} == {"title", "kinds[0].label", "municipalities[0].name"}


def test_tyrens_cross_references(tmp_path: Path, tyrens_data: Data) -> None:
    def change(d: Data) -> None:
        d["methods"][0]["fits_types"].append("weather")
        d["methods"][1]["fits_origins"] = ["sometimes"]
        d["stages"][4]["next"] = "nowhere"

    err = _tyrens_problems(tmp_path, tyrens_data, change)
    by_path = {p.path: p for p in err.problems}
    n = len(tyrens_data["methods"][0]["fits_types"])
    assert by_path[f"methods[0].fits_types[{n}]"].params["code"] == "weather"
    assert "methods[1].fits_origins[0]" in by_path
    assert "stages[4].next" in by_path
    assert "Okänt id weather" in err.message("sv")


def test_tyrens_stage_order_is_fixed(tmp_path: Path, tyrens_data: Data) -> None:
    def change(d: Data) -> None:
        d["stages"].reverse()

    err = _tyrens_problems(tmp_path, tyrens_data, change)
    assert err.problems[0].key == "models.fixed_ids"


def test_yaml_syntax_error_gives_line(tmp_path: Path) -> None:
    path = tmp_path / RUS_FILE
    path.write_text("id: rus_sakring\ntitle: {sv: a, en: b\nversion: 1\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_rus_model(path)
    problem = info.value.problems[0]
    assert problem.key == "core.yaml_syntax_at"
    assert "rad 3" in problem.message("sv") and "line 3" in problem.message("en")


def test_duplicate_yaml_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / RUS_FILE
    path.write_text("id: a\nid: b\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_rus_model(path)
    assert info.value.problems[0].key == "core.yaml_duplicate_key"
    assert "The key id appears twice (line 2)" in info.value.message("en")


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"- just\n- a list\n", "core.not_a_mapping"),
        (b"id: \xff\xfe\n", "core.not_utf8"),
        (b"id: !!python/object/apply:os.system ['true']\n", "core.yaml_unsafe"),
        (b"a: &x [1, 2]\nb: [*x, *x, *x]\n", "core.yaml_unsafe"),
        (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "core.yaml_unsafe"),
    ],
)
def test_hostile_files(tmp_path: Path, content: bytes, key: str) -> None:
    path = tmp_path / TYRENS_FILE
    path.write_bytes(content)
    with pytest.raises(ValidationFailed) as info:
        load_tyrens_model(path)
    assert info.value.problems[0].key == key


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as info:
        load_rus_model(tmp_path / "nope.yaml")
    assert info.value.problems[0].key == "core.file_not_found"


def test_sami_letters_and_markup_survive(tmp_path: Path, rus_data: Data) -> None:
    data = copy.deepcopy(rus_data)
    text = "Sámi ŋ đ č ŧ ï <b>&amp;</b> " + "å" * 20_000
    data["checklists"]["sami_areas"]["items"][0]["label"]["sv"] = text
    model = load_rus_model(_write(tmp_path, RUS_FILE, data))
    assert model.checklists["sami_areas"].items[0].label.sv == text


def test_region_can_replace_rus_goals_by_editing_yaml(tmp_path: Path, rus_data: Data) -> None:
    data = copy.deepcopy(rus_data)
    data["sources"].append(
        {"id": "other_rus", "title": "Another region's RUS", "url": "https://example.org/rus"}
    )
    data["rus_goals"] = [
        {"id": "vision", "kind": "vision", "source": "other_rus", "title": {"sv": "V", "en": "V"}},
        {
            "id": "growth",
            "kind": "priority",
            "parent": "vision",
            "source": "other_rus",
            "title": {"sv": "Tillväxt", "en": "Growth"},
        },
    ]
    model = load_rus_model(_write(tmp_path, RUS_FILE, data))
    assert [g.id for g in model.rus_goals] == ["vision", "growth"]
    assert model.rus_goal("rus:growth") is not None


def test_cli_lists_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "RUS-säkra [rus]" in out and "Hållplats: tänka om? avsluta?" in out
    assert "[choose_method]" in out and "Modellfilerna är giltiga." in out
    assert main(["--lang", "en", "models"]) == 0
    assert "Actor assurance [actors]" in capsys.readouterr().out


def test_cli_reports_broken_files_without_traceback(
    tmp_path: Path, rus_data: Data, tyrens_data: Data, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = copy.deepcopy(rus_data)
    del broken["steps"][0]["title"]
    _write(tmp_path, RUS_FILE, broken)
    broken_t = copy.deepcopy(tyrens_data)
    broken_t["methods"][0]["fits_stages"] = ["later"]
    _write(tmp_path, TYRENS_FILE, broken_t)
    assert main(["--lang", "en", "models", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "steps[0].title: This field is required." in err
    assert "methods[0].fits_stages[0]: Unknown id later" in err
    assert "Traceback" not in err


class _Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: Annotated[int, Field(ge=1, le=5)] = 1
    when: dt.date | None = None
    flag: bool = False
    name: Annotated[str, StringConstraints(min_length=1, max_length=10)] = "x"
    code: Annotated[str, StringConstraints(pattern=ID_PATTERN)] = "a"
    items: dict[str, list[int]] = Field(default_factory=dict)


def _problems(data: dict[str, Any]) -> dict[str, Problem]:
    with pytest.raises(ValidationError) as info:
        _Sample.model_validate(data)
    return {p.path: p for p in pydantic_problems(info.value, "f.yaml", prefix="root")}


def test_pydantic_problems_cover_common_error_types() -> None:
    found = _problems(
        {
            "count": 9,
            "when": "tomorrow",
            "flag": "perhaps",
            "name": "",
            "code": "Bad Id",
            "items": {"a": [1, "två"]},
        }
    )
    assert found["root.count"].key == "validation.too_large"
    assert found["root.when"].message("sv").endswith('väntade ett datum (ÅÅÅÅ-MM-DD), fick "tomorrow".')
    assert "yes/no" in found["root.flag"].message("en")
    assert found["root.name"].key == "validation.empty_text"
    assert found["root.code"].key == "validation.id_pattern"
    assert found["root.items.a[1]"].key == "validation.expected"
    assert all(p.file == "f.yaml" for p in found.values())
    assert _problems({"count": 0})["root.count"].key == "validation.too_small"
    assert _problems({"name": "x" * 11})["root.name"].key == "validation.too_long"


def test_shown_values_are_short_and_single_line() -> None:
    text = shown("rad ett\nrad två " + "å" * 500)
    assert "\n" not in text and len(text) <= 60 and text.endswith("…")
    assert format_loc(["steps", 2, "questions", 0, "text", "en"]) == "steps[2].questions[0].text.en"
    assert duplicate_ids(["a", "b", "a", "a", "c", "b"]) == ["a", "b"]


def test_cli_prints_json_schema_of_model_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "--json-schema", "tyrens"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"stages", "methods", "conflict_types"} <= set(schema["properties"])
    assert main(["models", "--json-schema", "rus"]) == 0
    assert "rus_goals" in json.loads(capsys.readouterr().out)["properties"]
