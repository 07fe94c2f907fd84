"""Cross-impact matrix CSV: spreadsheet conventions accepted, bad matrices rejected by row/column."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.analysis import parse_matrix, read_matrix
from assessment.errors import ValidationFailed


def _errors(text: str, lang: str = "en") -> str:
    with pytest.raises(ValidationFailed) as caught:
        parse_matrix(text, "m.csv")
    return caught.value.message(lang)


def test_semicolon_bom_signs_and_blank_diagonal() -> None:
    text = "\ufefffrån/till;SDG 8;13;7.2\n8;;−2;+1\n7.2;1;3;x\n13;0;-;0\n"
    matrix = parse_matrix(text)
    assert matrix.codes == ("sdg:8", "sdg:13", "7.2")
    assert matrix.values.tolist() == [[0, -2, 1], [0, 0, 0], [1, 3, 0]]  # rows reordered
    ranked = [m.code for m in matrix.metrics()]
    assert ranked[0] == "7.2"


def test_comma_and_tab_separators() -> None:
    assert parse_matrix(",8,13\n8,0,1\n13,-1,0\n").values.tolist() == [[0, 1], [-1, 0]]
    assert parse_matrix("\t8\t13\n8\t0\t1\n13\t-1\t0\n").codes == ("sdg:8", "sdg:13")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (",8,13\n8,0,1\n", "not square: 1 row but 2 columns"),
        (",8,13,99\n8,0,1,1\n13,1,0,1\n99,1,1,0\n", 'Row 1, column 4: unknown Agenda 2030 code "99"'),
        (",8,13\n8,0,4\n13,1,0\n", 'Row 2 (sdg:8), column 3 (sdg:13): "4" is not a whole number'),
        (",8,13\n8,0,1.5\n13,1,0\n", '"1.5" is not a whole number'),
        (",8,13\n8,0,\n13,1,0\n", "Row 2 (sdg:8), column 3 (sdg:13): blank cell"),
        (",8,13\n8,2,1\n13,1,0\n", "Row 2 (sdg:8), column 2 (sdg:8): the diagonal must be blank"),
        (",8,13\n8,0,1\n15,1,0\n", "The code sdg:13 is a column but has no row"),
        (",8,13\n8,0\n13,1,0\n", "Row 2 (sdg:8) has 1 value, should have 2"),
        (",8,8\n8,0,1\n8,1,0\n", "The code sdg:8 appears more than once"),
        ("", "The matrix is empty"),
    ],
)
def test_bad_matrices_name_row_and_column(text: str, expected: str) -> None:
    assert expected in _errors(text)


def test_swedish_messages_and_all_problems_listed() -> None:
    message = _errors(",8,13\n8,0,9\n13,,0\n", "sv")
    assert 'Rad 2 (sdg:8), kolumn 3 (sdg:13): "9" är inte ett heltal' in message
    assert "Rad 3 (sdg:13), kolumn 2 (sdg:8): tom cell" in message


def test_hostile_cells_are_shown_shortened() -> None:
    evil = "<b>&amp;</b>ŋđčŧï" + "x" * 5000
    message = _errors(f",8,13\n8,0,{evil}\n13,1,0\n")
    assert "<b>&amp;</b>ŋđčŧï" in message and len(message) < 400


def test_read_matrix_file_checks(tmp_path: Path) -> None:
    good = tmp_path / "m.csv"
    good.write_text(",8,13\n8,0,1\n13,-1,0\n", encoding="utf-8")
    assert read_matrix(good).codes == ("sdg:8", "sdg:13")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("från,8\n8,\n".encode("latin-1"))
    with pytest.raises(ValidationFailed, match="UTF-8"):
        read_matrix(latin)
    with pytest.raises(ValidationFailed, match="does not exist"):
        read_matrix(tmp_path / "missing.csv")
    with pytest.raises(ValidationFailed, match="too large"):
        parse_matrix("x" * 2_000_001)
