"""Cell text written to XLSX: escaped, control characters dropped, Excel's _xHHHH_ escapes kept
literal. The fast path for ordinary text must give exactly what the full rule gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from assessment.spreadsheets.xlsx import XLSX_MAX_CELL, cell_text

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _reference(value: str) -> str:
    """The rule written out without any fast path."""
    text = value
    if len(text) > XLSX_MAX_CELL:
        text = text[: XLSX_MAX_CELL - 24] + " …[avkortad/truncated]"
    text = _ILLEGAL.sub("", text)
    text = _ESCAPE_LIKE.sub(r"_x005F_\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_ordinary_and_special_cells() -> None:
    assert cell_text("Laddstation i Kälarne – 2 000 kr") == "Laddstation i Kälarne – 2 000 kr"
    assert cell_text("rad ett\nrad två\tflik") == "rad ett\nrad två\tflik"
    assert cell_text("A & B <c>") == "A &amp; B &lt;c&gt;"
    assert cell_text("bell\x07 and \ufffe gone") == "bell and  gone"
    assert cell_text("_x000D_ literal") == "_x005F_x000D_ literal"
    assert cell_text("_x not an escape") == "_x not an escape"


@given(st.text(alphabet=st.sampled_from(list("ab _x0Dd&<>\n\t\r\x01\x0b\ufffe\uffffåé–")), max_size=40))
def test_fast_path_agrees_with_the_full_rule(text: str) -> None:
    assert cell_text(text) == _reference(text)


@given(st.text(max_size=60))
def test_any_text_agrees_with_the_full_rule(text: str) -> None:
    assert cell_text(text) == _reference(text)
