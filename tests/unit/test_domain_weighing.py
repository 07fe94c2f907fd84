"""Tyréns' weighing helper: one definition of the weighted result, shown alike in the app and the PDF."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.domain import Criterion, Option, Weighing
from assessment.domain.assessment import Assessment
from assessment.formats import decimal
from assessment.report import build_pdf
from tests.unit.test_report_pdf import text_of


def test_a_missing_score_is_missing_not_zero() -> None:
    weighing = Weighing(
        criteria=[Criterion(name="Klimat", weight=2), Criterion(name="Jobb", weight=1)],
        options=[
            Option(name="Diesel", scores={"Klimat": 2, "Jobb": 6}),
            Option(name="HVO", scores={"Klimat": 8, "Jobb": 5}),
            Option(name="El", scores={"Klimat": 9}),
            Option(name="Inget", scores={}),
        ],
    )
    # HVO: (2*8 + 1*5) / 3 = 7; Diesel: (2*2 + 1*6) / 3 = 10/3. El and Inget are not scored on
    # every criterion: no weighted result (0 would rank them as if they were bad), left out of
    # the ranking, with what is missing and the range the missing scores leave open.
    assert weighing.ranking() == [("HVO", pytest.approx(7.0)), ("Diesel", pytest.approx(10 / 3))]
    el, inget = weighing.options[2], weighing.options[3]
    assert weighing.weighted_score(el) is None
    assert weighing.missing(el) == ["Jobb"] and weighing.missing(inget) == ["Klimat", "Jobb"]
    assert weighing.score_range(el) == (pytest.approx(18 / 3), pytest.approx(28 / 3))  # Jobb 0 … 10
    assert weighing.score_range(inget) == (0.0, 10.0)


def test_a_criterion_without_weight_needs_no_score() -> None:
    weighing = Weighing(
        criteria=[Criterion(name="A", weight=1), Criterion(name="B", weight=0)],
        options=[Option(name="x", scores={"A": 4})],
    )
    assert weighing.missing(weighing.options[0]) == []
    assert weighing.weighted_score(weighing.options[0]) == 4.0


def test_no_positive_weight_gives_no_result() -> None:
    zero = Weighing(criteria=[Criterion(name="A", weight=0)], options=[Option(name="x", scores={"A": 5})])
    assert zero.weighted_score(zero.options[0]) is None
    assert zero.ranking() == []
    assert Weighing().ranking() == []


def test_ninth_criterion_counts() -> None:
    """The review's case: 9 criteria, the option scores 10 only on the ninth -> 10/9 = 1.1."""
    criteria = [Criterion(name=f"K{i}") for i in range(1, 10)]
    option = Option(name="Alternativ", scores={**{f"K{i}": 0 for i in range(1, 9)}, "K9": 10})
    weighing = Weighing(criteria=criteria, options=[option])
    assert weighing.weighted_score(option) == pytest.approx(10 / 9)


@given(
    weights=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=15),
    data=st.data(),
)
def test_weighted_score_is_the_definition(weights: list[int], data: st.DataObject) -> None:
    criteria = [Criterion(name=f"c{i}", weight=w) for i, w in enumerate(weights)]
    scores = {c.name: data.draw(st.integers(min_value=0, max_value=10)) for c in criteria}
    option = Option(name="o", scores=scores)
    result = Weighing(criteria=criteria, options=[option]).weighted_score(option)
    if sum(weights) == 0:
        assert result is None
    else:
        expected = sum(w * scores[f"c{i}"] for i, w in enumerate(weights)) / sum(weights)
        assert result == pytest.approx(expected)
        assert 0 <= result <= 10


def _with_weighing(weighing: Weighing) -> Assessment:
    return Assessment.model_validate(
        {
            "title": "Viktning",
            "conflicts": [
                {"id": "K1", "between": ["sdg:8", "sdg:13"], "weighing": weighing.model_dump(mode="json")}
            ],
        }
    )


@pytest.mark.parametrize("count", [1, 8, 9, 12, 17])
def test_pdf_shows_every_criterion_and_the_apps_result(count: int) -> None:
    """Any number of criteria: every criterion is in the PDF and its weighted column equals
    `Weighing.weighted_score`, which is what the app's ranking shows (1 decimal)."""
    criteria = [Criterion(name=f"Kriterium{i:02d}", weight=(i % 3) + 1) for i in range(1, count + 1)]
    high = Option(name="Högt", scores={c.name: 10 if i == count - 1 else 0 for i, c in enumerate(criteria)})
    mixed = Option(name="Blandat", scores={c.name: (i * 7) % 11 for i, c in enumerate(criteria)})
    weighing = Weighing(criteria=criteria, options=[high, mixed])
    text = text_of(build_pdf(_with_weighing(weighing)))
    packed = text.replace(" ", "")  # narrow columns wrap long names
    for criterion in criteria:
        assert f"{criterion.name}({criterion.weight:g})" in packed
    shown = dict(weighing.ranking())
    for option in (high, mixed):
        expected = decimal(shown[option.name], "sv")  # Swedish decimal comma, as in the app
        # The weighted value ends the option's row in the last table.
        rows = re.findall(rf"{option.name}((?: [0-9.,–]+)+)", text)
        assert rows, text
        assert rows[-1].split()[-1] == expected, (option.name, rows, expected)


def test_pdf_shows_a_missing_score_as_missing_with_its_range() -> None:
    weighing = Weighing(
        criteria=[Criterion(name="Klimat", weight=2), Criterion(name="Jobb", weight=1)],
        options=[
            Option(name="HVO", scores={"Klimat": 8, "Jobb": 5}),
            Option(name="Diesel", scores={"Klimat": 2}),
        ],
    )
    text = text_of(build_pdf(_with_weighing(weighing)))
    assert re.search(r"Diesel 2 – –", text), text  # no Jobb score, no weighted result (not 1,3)
    assert re.search(r"HVO 8 5 7,0", text), text
    # (2·2 + 0)/3 = 1,3 … (2·2 + 10)/3 = 4,7
    assert (
        "Diesel: poäng saknas för Jobb, så inget viktat resultat (en saknad poäng räknas inte som 0); "
        "med dem blir det mellan 1,3 och 4,7."
    ) in text
