"""Workshop flow on a projector (issue 14): next-step buttons, scroll to what was opened, the step-1
vision section staying open while rating, negative ratings visible on the goal tiles, the rating
scale that wraps instead of being cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.integration.test_app_workshop import assert_clean, create, current, goto, k, new_session

VISION = "vision_2050"


@pytest.fixture
def at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    session = new_session()
    create(session, "Flöde i verkstaden")
    return session


def scripts(at: AppTest) -> list[str]:
    """The scroll scripts of this run (the drafts script is always there; see below)."""
    bodies = [str(e.proto.body) for e in at.sidebar.get("html") if e.proto.unsafe_allow_javascript]
    return [body for body in bodies if "scrollIntoView" in body]


def test_the_drafts_script_is_scoped_to_the_open_assessment(at: AppTest) -> None:
    bodies = [str(e.proto.body) for e in at.sidebar.get("html") if e.proto.unsafe_allow_javascript]
    (draft,) = [b for b in bodies if "__rusDraftScope" in b]
    assert f'window.__rusDraftScope = "{at.session_state["_assessment_id"]}";' in draft


def test_next_step_buttons_lead_through_steps_1_to_4(at: AppTest) -> None:
    goto(at, "rus")
    for page, following in (
        ("rus", "sdg"),
        ("sdg", "actors"),
        ("actors", "measures"),
        ("measures", "conflicts"),
    ):
        assert at.session_state["nav_page"] == page
        button = at.button(key=f"next_step:{page}")
        assert button.label.startswith("Nästa steg: ")
        button.click().run()
        assert_clean(at)
        assert at.session_state["nav_page"] == following
        # A page switch scrolls to the top of the new page.
        assert any('var sel=""' in body for body in scripts(at)), scripts(at)


def test_a_rerun_on_the_same_page_does_not_scroll(at: AppTest) -> None:
    goto(at, "rus")
    at.segmented_control(key=k(at, "rus", "p1", "impact")).set_value(2).run()
    assert_clean(at)
    assert scripts(at) == []


def test_vision_section_keeps_a_stable_key_and_stays_open_while_rating(at: AppTest) -> None:
    goto(at, "rus")
    section = next(e for e in at.expander if e.label.startswith("Jämtlands län 2050"))
    assert section.proto.expanded is False
    # The user opens the section (the browser reports the tracked state to the callback).
    at.session_state["rus_vision_open:" + VISION] = True
    at.run()
    at.segmented_control(key=k(at, "rus", "v_inclusive", "impact")).set_value(-2).run()
    assert_clean(at)
    section = next(e for e in at.expander if e.label.startswith("Jämtlands län 2050"))
    # The count in the label changed (a new element), and the section is still open.
    assert "1" in section.label
    assert section.proto.expanded is True


def test_assess_goal_scrolls_to_the_opened_goal(at: AppTest) -> None:
    goto(at, "sdg")
    at.button(key="sdgtile13").click().run()
    assert_clean(at)
    assert any('".st-key-sdgfocus13"' in body for body in scripts(at))


def test_new_measure_scrolls_into_view(at: AppTest) -> None:
    goto(at, "measures")
    at.button(key="add_measure").click().run()
    at.button(key="add_measure").click().run()
    assert_clean(at)
    assert len(current(at).measures) == 2
    assert any('".st-key-mcard1"' in body for body in scripts(at))


def test_negative_rating_stands_out_on_the_goal_tile(at: AppTest) -> None:
    goto(at, "sdg")
    at.button(key="sdgtile13").click().run()
    at.segmented_control(key=k(at, "sdg", "sdg:13", "impact")).set_value(-2).run()
    assert_clean(at)
    tile = at.button(key="sdgtile13")
    assert "−2" in tile.label and "negativ påverkan" in tile.label
    css = "".join(str(m.value) for m in at.markdown if ".st-key-sdgtile" in str(m.value))
    assert ".st-key-sdgtile13 button {border-bottom:0.55rem solid #B3261E" in css
    assert ".st-key-sdgtile8 button {border-bottom" not in css
    # The scale uses a true minus sign and wraps rather than scrolling sideways.
    scale = at.segmented_control(key=k(at, "sdg", "sdg:13", "impact"))
    assert scale.format_func(-3) == "−3" and scale.format_func(3) == "+3"
    assert scale.proto.wrap is True


def test_who_is_missing_has_three_states_prefilled_from_the_actor_table(at: AppTest) -> None:
    from assessment.domain import Actor

    goto(at, "actors")
    # An actor taking part who belongs to the municipalities (as if entered in the table).
    current(at).actors.append(Actor(name="Östersunds kommun", present=True, groups=["municipalities"]))
    at.run()
    municipalities = at.segmented_control(key=k(at, "grp", "municipalities", "present"))
    assert municipalities.value == "present"
    assert municipalities.options == ["Med", "Saknas – bör bjudas in"]
    assert any("Med genom: Östersunds kommun" in c.value for c in at.caption)
    # The full label is shown (wrapping Markdown), not a 15-character widget label.
    assert any(m.value.startswith("**Samiska organisationer") and "Gaaltije" in m.value for m in at.markdown)
    at.segmented_control(key=k(at, "grp", "sami_villages", "absent")).set_value("missing").run()
    at.segmented_control(key=k(at, "grp", "youth", "absent")).set_value("not_relevant").run()
    assert_clean(at)
    answers = current(at).checklists["missing_actors"]
    assert answers["sami_villages"].checked and not answers["youth"].checked
    assert "municipalities" not in answers
    # Who should be invited is asked only for a missing group.
    at.text_input(key=k(at, "clc", "missing_actors", "sami_villages")).input("Bjørnen sameby").run()
    assert current(at).checklists["missing_actors"]["sami_villages"].comment == "Bjørnen sameby"
    open_list = next(i.value for i in at.info if "inte besvarade" in i.value)
    assert "Samebyar" not in open_list and "Unga och ungdomsorganisationer" not in open_list
    assert "Kommunerna" not in open_list and "Länsstyrelsen Jämtlands län" in open_list


def test_tags_are_set_in_the_details_form(at: AppTest) -> None:
    goto(at, "start")
    tags = at.multiselect(key=k(at, "tags"))
    assert "RSP 2023–2030" in tags.options
    tags.set_value(["RSP 2023–2030", "kommersiell service"]).run()
    assert_clean(at)
    assert current(at).tags == ["RSP 2023–2030", "kommersiell service"]
