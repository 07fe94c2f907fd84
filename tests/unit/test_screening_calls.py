"""Call profiles: the shipped ones load and say what the seeds say; broken ones are reported."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from assessment.errors import ValidationFailed
from assessment.screening.calls import builtin_calls, calls_dir, load_call, parse_call
from assessment.screening.fields import ANSWER_FIELDS


def _raw(call_id: str = "eruf_project") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((calls_dir() / f"{call_id}.yaml").read_text(encoding="utf-8"))
    return data


def test_three_shipped_profiles_load() -> None:
    calls = builtin_calls()
    assert set(calls) == {"eruf_project", "business_investment", "commercial_service"}


def test_eruf_call_names_goals_5_7_9_12_and_all_dimensions() -> None:
    call = builtin_calls()["eruf_project"]
    assert call.required_goals == [5, 7, 9, 12]
    assert set(call.required_dimensions) == {"ecological", "social", "economic"}
    assert any(s.ref == "rjh_vagar_slutrapport" for s in call.sources)
    assert any(s.ref == "eu_2021_1060" for s in call.sources)


def test_every_question_names_an_application_field_and_has_both_languages() -> None:
    for call in builtin_calls().values():
        assert call.questions, call.id
        for question in call.questions:
            assert question.field in ANSWER_FIELDS
            assert question.text.sv and question.text.en


def test_question_with_unknown_field_is_reported_with_its_path() -> None:
    data = _raw()
    data["questions"][1]["field"] = "shoe_size"
    with pytest.raises(ValidationFailed) as err:
        parse_call(data, file="x.yaml")
    message = err.value.message("en")
    assert "questions[1].field" in message and "shoe_size" in message


def test_unknown_template_placeholder_is_reported() -> None:
    data = _raw()
    data["motivation"]["contribution"]["sv"] = "Projektet {nonsense}"
    with pytest.raises(ValidationFailed) as err:
        parse_call(data)
    assert "nonsense" in err.value.message("sv")


def test_min_required_goals_cannot_exceed_the_goals() -> None:
    data = _raw()
    data["min_required_goals"] = 5
    with pytest.raises(ValidationFailed):
        parse_call(data)


def test_goal_outside_1_to_17_and_duplicate_question_ids_are_rejected() -> None:
    data = _raw()
    data["required_goals"] = [5, 18]
    with pytest.raises(ValidationFailed) as err:
        parse_call(data)
    assert "required_goals[1]" in err.value.message("en")
    data = _raw()
    data["questions"].append(copy.deepcopy(data["questions"][0]))
    with pytest.raises(ValidationFailed) as err:
        parse_call(data)
    assert "duplicate" in err.value.message("en")


def test_missing_call_file_is_a_user_error(tmp_path: Any) -> None:
    with pytest.raises(ValidationFailed) as err:
        load_call(tmp_path / "nope.yaml")
    assert "nope.yaml" in err.value.message("en")


def test_support_type_spellings_map_to_ids() -> None:
    lookup = builtin_calls()["business_investment"].support_type_lookup()
    assert lookup["företagsstöd"] == "business_investment"
    assert lookup["investeringsstöd"] == "business_investment"
    assert lookup["business_development"] == "business_development"


def test_motivation_placeholders_cannot_state_what_is_missing() -> None:
    # The draft is grounded in the application: the old {missing_goals}/{conflicts}/{questions}
    # placeholders, which put the screening's findings into the decision text, are refused.
    for name in ("missing_goals", "conflicts", "questions"):
        data = _raw()
        data["motivation"]["contribution"]["sv"] = f"Projektet bidrar inte till {{{name}}}."
        with pytest.raises(ValidationFailed):
            parse_call(data)
