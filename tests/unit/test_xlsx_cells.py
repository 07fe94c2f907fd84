"""Cell text written to XLSX: escaped, control characters dropped, Excel's _xHHHH_ escapes kept
literal. The fast path for ordinary text must give exactly what the full rule gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from assessment.spreadsheets.cells import MAX_CELL_CHARS, fit_cell
from assessment.spreadsheets.xlsx import cell_text

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _reference(value: str) -> str:
    """The rule written out without any fast path."""
    text = fit_cell(value)
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


def test_a_cut_cell_holds_the_limit_and_names_what_it_left_out() -> None:
    for length in (MAX_CELL_CHARS, MAX_CELL_CHARS + 1, MAX_CELL_CHARS + 9, MAX_CELL_CHARS + 90, 10**6):
        text = "".join(chr(0x61 + n % 26) for n in range(length))
        cut = fit_cell(text)
        if length == MAX_CELL_CHARS:
            assert cut == text
            continue
        kept = cut.index(" …[+")
        assert len(cut) == MAX_CELL_CHARS and cut == text[:kept] + f" …[+{length - kept}]"
