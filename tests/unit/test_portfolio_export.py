"""CSV/XLSX export: formula-like cells neutralised, every view exportable, nothing lost."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.portfolio.export import safe_cell, to_csv, to_xlsx
from assessment.portfolio.labels import display, localise, view_title
from assessment.portfolio.sources import from_files
from assessment.portfolio.views import VIEW_NAMES, compute
from assessment.spreadsheets.cells import MAX_CELL_CHARS

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "rsp").glob("*.yaml"))


def test_formula_like_text_is_neutralised_but_numbers_stay() -> None:
    assert safe_cell("=SUM(A1:A9)") == "'=SUM(A1:A9)"
    assert safe_cell("+46 63 14 60 00") == "'+46 63 14 60 00"
    assert safe_cell("@cmd") == "'@cmd"
    assert safe_cell("-2+3") == "'-2+3"
    assert safe_cell("\t=1") == "'\t=1"
    assert safe_cell("-2") == "-2"
    assert safe_cell(-2) == -2
    assert safe_cell("Kälarne ŋ đ č ŧ ï <&>") == "Kälarne ŋ đ č ŧ ï <&>"
    assert safe_cell("a\x00b\x1fc") == "abc"
    assert safe_cell(["=a", "b"]) == "'=a, b"  # a list is one cell of joined text, then made inert


def test_huge_cell_is_cut_with_a_visible_marker() -> None:
    cut = safe_cell("x" * 1_000_000)
    assert isinstance(cut, str) and len(cut) == MAX_CELL_CHARS
    assert cut.endswith(f" …[+{1_000_000 - cut.index(' …')}]")


def test_huge_cells_in_xlsx_are_cut_the_same_way() -> None:
    """Text, a list and an index value over Excel's limit: each cell holds the limit exactly and
    says how much was left out, as in CSV."""
    long = "=" + "ŋ" * 40_000
    frame = pd.DataFrame({"text": [long], "list": [["a" * 20_000, "b" * 20_000]]}, index=["i" * 33_000])
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx({"s": frame}))).worksheets[0]
    for cell, whole in (
        (sheet["A2"], "i" * 33_000),
        (sheet["B2"], long),
        (sheet["C2"], "a" * 20_000 + ", " + "b" * 20_000),
    ):
        assert len(cell.value) == MAX_CELL_CHARS
        kept = cell.value.index(" …[+")
        assert cell.value == whole[:kept] + f" …[+{len(whole) - kept}]"
    assert sheet["B2"].quotePrefix  # formula-like text stays text when cut


def test_csv_has_bom_and_neutralised_cells() -> None:
    frame = pd.DataFrame({"text": ["=1+1", "Åre"], "n": [1, -2]})
    data = to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=1+1" in text and "Åre" in text and "-2" in text


def test_every_view_exports_to_csv_and_one_xlsx() -> None:
    views = compute(from_files(EXAMPLES)[0], dt.date(2026, 3, 1))
    for name in VIEW_NAMES:
        assert to_csv(views[name]).decode("utf-8-sig").strip()
    frames = {view_title(n, "sv"): display(views.table(n), "sv") for n in VIEW_NAMES}
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(frames)))
    assert len(book.sheetnames) == len(VIEW_NAMES)
    assert all(len(name) <= 31 for name in book.sheetnames)
    register = book[book.sheetnames[VIEW_NAMES.index("register")]]
    assert register.max_row == 13  # header + 12 conflicts


def test_xlsx_keeps_hostile_text_as_text() -> None:
    frame = pd.DataFrame({"text": ['=HYPERLINK("http://x")', "ŋ đ č ŧ ï", "a\x07b"]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx({"a/b:c*?": frame, "A/B:C*?": frame})))
    assert book.sheetnames == ["a_b_c__", "A_B_C__ (2)"]
    sheet = book.worksheets[0]
    # Text with Excel's quote prefix: shown as written, never run, and it stays text when edited.
    assert sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["A3"].value == "ŋ đ č ŧ ï"
    assert sheet["A4"].value == "ab"


def test_headings_translate() -> None:
    frame = pd.DataFrame({"owner": ["x"], "due": [None], "rsp-berg": [1]})
    assert list(localise(frame, "sv").columns) == ["Ansvarig", "Klart senast", "rsp-berg"]
    assert list(localise(frame, "en").columns) == ["Owner", "Due", "rsp-berg"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_exported_text_can_start_a_formula(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str)
    starts_formula = cell[:1] in ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
    assert not starts_formula or re.fullmatch(r"[+-]?\d+([.,]\d+)?", cell)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", cell)
