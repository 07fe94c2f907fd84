"""The downloadable template imports cleanly for every call, and the documentation matches it."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from assessment.screening.calls import builtin_calls
from assessment.screening.fields import FIELDS
from assessment.screening.importer import import_applications
from assessment.screening.template import template_bytes

DOC = Path(__file__).resolve().parents[2] / "docs" / "application-template.md"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("call_id", sorted(builtin_calls()))
def test_template_example_row_is_recognised_and_not_screened(suffix: str, call_id: str) -> None:
    call = builtin_calls()[call_id]
    result = import_applications(template_bytes(suffix, "sv", call), f"mall{suffix}", call)
    assert (result.rows_in, len(result.applications), len(result.rejected)) == (1, 0, 1)
    assert [p.key for p in result.rejected[0].problems] == ["screening.err_template_example"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("call_id", sorted(builtin_calls()))
def test_filled_in_template_imports_without_problems(suffix: str, call_id: str) -> None:
    """The example row with another id and applicant: every column and value is valid."""
    call = builtin_calls()[call_id]
    data = template_bytes(suffix, "en", call)
    if suffix == ".csv":
        data = data.replace(b"2024-0117", b"2025-0001").replace(
            "Kälarne Handel AB".encode(), "Ny Sökande AB".encode()
        )
        result = import_applications(data, "mall.csv", call)
    else:
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book.worksheets[0]
        sheet["A2"], sheet["B2"] = "2025-0001", "Ny Sökande AB"
        buffer = io.BytesIO()
        book.save(buffer)
        result = import_applications(buffer.getvalue(), "mall.xlsx", call)
    assert (result.rows_in, len(result.applications), result.rejected) == (1, 1, [])
    assert result.applications[0].amount == 250000 and result.notices == []


def test_xlsx_template_has_an_instructions_sheet_per_language() -> None:
    call = builtin_calls()["eruf_project"]
    for lang, sheet_name, required in (("sv", "instruktioner", "ja"), ("en", "instructions", "yes")):
        book = openpyxl.load_workbook(io.BytesIO(template_bytes(".xlsx", lang, call)))
        assert book.sheetnames == ["ansökningar", sheet_name]
        header = next(book["ansökningar"].iter_rows(values_only=True))
        assert list(header) == [f.label.get(lang) for f in FIELDS]  # the officer's language
        rows = list(book[sheet_name].iter_rows(values_only=True))
        assert [r[1] for r in rows[1:]] == [f.name for f in FIELDS]
        assert rows[1][2] == required
        support = next(r for r in rows if r[1] == "support_type")
        assert ("Projektstöd" if lang == "sv" else "Project support") in str(support[3])
        # The example amount is a number, not text.
        assert isinstance(list(book["ansökningar"].iter_rows(values_only=True))[1][4], int)


def test_documentation_lists_every_column() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for spec in FIELDS:
        assert f"| `{spec.name}` | {spec.label.sv} | {'yes' if spec.required else 'no'} |" in doc


def test_every_screening_message_key_used_in_code_exists() -> None:
    import re

    from assessment.i18n import catalogue

    root = Path(__file__).resolve().parents[2] / "assessment"
    sources = [*(root / "screening").glob("*.py"), root / "cli" / "screen_cmd.py"]
    used = {
        m
        for path in sources
        for m in re.findall(r'(?:t|Problem)\(\s*"screening\.([a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    # The page's own t() adds the "screening." prefix.
    page = (root / "ui" / "pages" / "screening.py").read_text(encoding="utf-8")
    used |= set(re.findall(r'\bt\("([a-z_]+)"', page))
    assert len(used) > 40, "the patterns find the keys"
    missing = sorted(k for k in used if f"screening.{k}" not in catalogue())
    assert missing == []
