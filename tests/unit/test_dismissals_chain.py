"""A second-order finding is a chain A → B → C through two knowledge-base cells: its dismissal
records both steps (file format 5: ``first_cell``/``first_score`` beside ``cell``/``score``),
holds only while both score as recorded, and the register counts it under both cells. A chain
dismissed in a version-4 file knows only its second step."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from assessment.analysis import dismissal_for, findings
from assessment.analysis.model import Finding
from assessment.domain import SCHEMA_VERSION, Assessment
from assessment.domain.migrate import migrate
from assessment.fileio import parse_assessment_text
from assessment.i18n.text import LocalText
from assessment.knowledge.interactions import InteractionBase, KnownInteraction
from tests.support.pdf import flat_text

FIRST, SECOND = "8.2>9.4", "9.4>15.1"
KEY = "second_order_risk:8.2>9.4>15.1"
CASE: dict[str, Any] = {"title": "Kedja", "sdg": [{"target": "8.2", "impact": 3}]}


def _cell(source: str, target: str, score: int) -> KnownInteraction:
    text = LocalText(sv=f"sv {source}->{target}", en=f"en {source}->{target}")
    return KnownInteraction(source, target, score, "literature", "Test 2020", text, "target")


def _kb(first: int = 2, second: int = -2) -> InteractionBase:
    """8.2 -(first)-> 9.4 -(second)-> 15.1, target-level cells: one chain from a rating of 8.2."""
    return InteractionBase(goals=(), targets=(_cell("8.2", "9.4", first), _cell("9.4", "15.1", second)))


def _chain(case: Assessment, kb: InteractionBase) -> Finding:
    (found,) = findings(case, "sv", kb=kb).second_order_risks
    assert found.key == KEY
    return found


def _dismissed(reason: str = "Ingen skog berörs <&>") -> Assessment:
    case = Assessment.model_validate(CASE)
    case.dismissals.append(dismissal_for(_chain(case, _kb()), reason, by="Ann"))
    return case


def _file_round_trip(case: Assessment) -> Assessment:
    text = yaml.safe_dump(case.to_document(), allow_unicode=True, sort_keys=False)
    assert f"schema: {SCHEMA_VERSION}" in text and SCHEMA_VERSION == 5
    assert f"first_cell: {FIRST}" in text and "first_score: 2" in text and f"cell: {SECOND}" in text
    return parse_assessment_text(text, "kedja.yaml")


def test_a_chain_finding_names_both_steps_and_its_dismissal_records_both() -> None:
    found = _chain(Assessment.model_validate(CASE), _kb())
    assert (found.first_cell, found.first_score, found.cell, found.score) == (FIRST, 2, SECOND, -2)
    assert found.cells == (FIRST, SECOND)
    d = dismissal_for(found, "skäl")
    assert (d.first_cell, d.first_score, d.cell, d.score) == (FIRST, 2, SECOND, -2)
    # A finding of one cell has no first step; its dismissal records none.
    latent = Assessment.model_validate({"title": "x", "sdg": [{"target": "9.4", "impact": 2}]})
    (one,) = findings(latent, "sv", kb=_kb()).latent_conflicts
    assert (one.first_cell, one.first_score, one.cells) == ("", None, (SECOND,))
    d = dismissal_for(one, "skäl")
    assert (d.first_cell, d.first_score) == ("", None)
    assert "first_cell" not in d.model_dump(exclude_defaults=True)


def test_both_steps_survive_the_file_and_unchanged_steps_keep_the_dismissal() -> None:
    again = _file_round_trip(_dismissed())
    (d,) = again.dismissals
    assert (d.first_cell, d.first_score, d.cell, d.score, d.by) == (FIRST, 2, SECOND, -2, "Ann")
    result = findings(again, "sv", kb=_kb())
    assert [x.finding.key for x in result.dismissed] == [KEY]
    assert result.changed_dismissals == () and result.second_order_risks == ()


@pytest.mark.parametrize(
    ("first", "second", "old", "new"),
    [
        (1, -2, "med värdet +2 och därefter", "med värdet +1 och därefter"),  # the first step changed
        (2, -1, "15.1 med värdet −2; nu", "15.1 med värdet −1. Fyndet"),  # the second step changed
    ],
)
def test_a_change_of_either_step_brings_the_chain_back_to_review(
    first: int, second: int, old: str, new: str
) -> None:
    case = _file_round_trip(_dismissed())
    result = findings(case, "sv", kb=_kb(first, second))
    assert result.dismissed == () and result.stale_dismissals == ()
    (changed,) = result.changed_dismissals
    assert changed.finding.key == KEY and KEY in {f.key for f in result.second_order_risks}
    assert (changed.old_first_cell, changed.old_first_score, changed.old_cell, changed.old_score) == (
        FIRST,
        2,
        SECOND,
        -2,
    )
    assert (changed.finding.first_score, changed.finding.score) == (first, second)
    text = changed.change("sv")
    assert old in text and new in text
    assert text.startswith(
        "Ni markerade fyndet som inte relevant när underlaget var kunskapsbasens cell delmål 8.2 → "
        "delmål 9.4 med värdet +2 och därefter kunskapsbasens cell delmål 9.4 → delmål 15.1 med "
        "värdet −2; nu är det kunskapsbasens cell delmål 8.2 → delmål 9.4 med värdet "
    )
    assert "target 8.2 → target 9.4 scored +2, then the knowledge-base cell target 9.4" in changed.change(
        "en"
    )
    assert result.to_dict()["changed_dismissals"] == [
        {
            "key": KEY,
            "reason": "Ingen skog berörs <&>",
            "by": "Ann",
            "date": None,
            "old_score": -2,
            "old_cell": SECOND,
            "old_first_score": 2,
            "old_first_cell": FIRST,
            "score": second,
            "cell": SECOND,
            "first_score": first,
            "first_cell": FIRST,
        }
    ]


def test_the_cases_own_interaction_replacing_the_first_step_is_a_change() -> None:
    data = {**CASE, "interactions": [{"from": "8.2", "to": "9.4", "score": 2}]}
    case = Assessment.model_validate({**data, "dismissals": _dismissed().to_document()["dismissals"]})
    (changed,) = findings(case, "en", kb=_kb()).changed_dismissals
    assert (changed.old_first_cell, changed.finding.first_cell, changed.finding.first_score) == (FIRST, "", 2)
    assert "it is now the assessment's own interaction scored +2, then the knowledge-base cell" in (
        changed.change("en")
    )


def test_a_version_4_chain_dismissal_migrates_and_knows_only_its_second_step() -> None:
    document = _dismissed().to_document()
    old = {**document, "schema": 4}
    old["dismissals"] = [
        {k: v for k, v in d.items() if not k.startswith("first_")} for d in document["dismissals"]
    ]
    doc, notes = migrate(old, SCHEMA_VERSION)
    assert doc == {**old, "schema": 5}  # nothing added: the first step is unknown
    assert [n.key for n in notes] == ["migrate.upgraded", "migrate.v5_fields"]
    assert "version 5" in notes[1].message("sv") and "both steps" in notes[1].message("en")
    a = parse_assessment_text(yaml.safe_dump(old, allow_unicode=True), "v4.yaml")
    (d,) = a.dismissals
    assert a.schema_version == 5 and (d.first_cell, d.first_score, d.cell, d.score) == ("", None, SECOND, -2)
    # The first step changed meanwhile: unknown, so the dismissal holds ...
    assert [x.finding.key for x in findings(a, "sv", kb=_kb(first=1)).dismissed] == [KEY]
    # ... the recorded second step still counts.
    (changed,) = findings(a, "sv", kb=_kb(second=-1)).changed_dismissals
    assert (changed.old_first_score, changed.old_score, changed.finding.score) == (None, -2, -1)
    text = changed.change("sv")
    assert "underlaget var kunskapsbasens cell delmål 9.4 → delmål 15.1 med värdet −2; nu är det " in text
    assert "nu är det kunskapsbasens cell delmål 8.2 → delmål 9.4 med värdet +2 och därefter" in text


def _real_chain(target: str) -> tuple[dict[str, Any], Finding]:
    """A case rating ``target`` +3 and its one chain in the shipped knowledge base."""
    data = {"title": f"Fall {target}", "sdg": [{"target": target, "impact": 3}]}
    (chain,) = findings(Assessment.model_validate(data), "sv").second_order_risks
    return data, chain


def test_the_register_counts_a_chain_dismissal_under_both_cells() -> None:
    from assessment.portfolio.dismissals import cell_dismissals
    from assessment.portfolio.selection import Item, Portfolio

    # Shipped cells: 7.2 -> 8.2 -> 12.2 and 4.4 -> 8.2 -> 12.2 (both steps scored ±1).
    items = []
    for name, target, reason in (("a", "7.2", "skäl a"), ("b", "4.4", "skäl b"), ("c", "7.2", None)):
        data, chain = _real_chain(target)
        assert chain.cells == (f"{target}>8.2", "8.2>12.2")
        if reason:
            data["dismissals"] = [dismissal_for(chain, reason).model_dump(mode="json")]
        items.append(Item.of(name, Assessment.model_validate(data)))
    cells = cell_dismissals(Portfolio(tuple(items)), "sv")
    assert [(c.cell, c.dismissed, c.cases, c.reasons) for c in cells] == [
        ("8.2>12.2", 2, 3, ("skäl a", "skäl b")),  # the shared second step: both dismissals
        ("4.4>8.2", 1, 1, ("skäl b",)),  # each first step: its own
        ("7.2>8.2", 1, 2, ("skäl a",)),
    ]
    assert cells[2].summary("en") == "dismissed in 1 of 2 assessments"


def test_the_pdf_appendix_lists_a_dismissed_and_a_changed_chain() -> None:
    from assessment.report import build_pdf

    def text(case: Assessment) -> str:
        return flat_text(build_pdf(case, "sv"))

    data, chain = _real_chain("7.2")
    held = Assessment.model_validate(data)
    held.dismissals.append(dismissal_for(chain, "Kedjan gäller inte här", "ann.berg"))
    flat = text(held)
    assert "Fynd som bedömts inte vara relevanta" in flat and "Kedjan gäller inte här (ann.berg)" in flat
    assert "Underlaget har ändrats" not in flat
    # Dismissed when the first step scored +2 (it scores +1 now): back, naming both steps.
    assert chain.first_score == 1
    changed = Assessment.model_validate(data)
    changed.dismissals.append(dismissal_for(chain, "Gäller inte <&>").model_copy(update={"first_score": 2}))
    flat = text(changed)
    assert "Underlaget har ändrats – granska igen" in flat and "Gäller inte <&>" in flat
    assert "med värdet +2 och därefter kunskapsbasens cell" in flat and "med värdet +1 och därefter" in flat
