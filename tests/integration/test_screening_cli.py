"""`python -m assessment screen` and `screen-template` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from assessment.cli import main
from tests.unit.test_screening_helpers import csv_bytes, good_row


def test_template_then_screen_it_with_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "mall.xlsx"
    assert main(["screen-template", str(template), "--call", "eruf_project"]) == 0
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["ansökningar", "instruktioner"]
    capsys.readouterr()
    assert main(["screen", str(template), "--call", "eruf_project", "--json", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    # The template's example row is recognised, not screened as an application.
    assert (data["rows_in"], data["rows_out"], data["rows_rejected"]) == (1, 0, 1)
    assert "Rows in: 1 = screened 0 + rejected 1" in captured.err
    assert "example row" in captured.err
    assert "rows/s" in captured.err


def test_screen_writes_xlsx_and_reports_bad_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "ansökningar.csv"
    source.write_bytes(csv_bytes([good_row("A"), good_row("B", municipality="Atlantis")]))
    out = tmp_path / "resultat.xlsx"
    call = Path(__file__).resolve().parents[2] / "models" / "calls" / "eruf_project.yaml"
    assert main(["screen", str(source), "--call", str(call), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Rad 3, kolumn D (municipality)" in err and "Atlantis" in err
    assert "Rader in: 2 = granskade 1 + avvisade 1" in err
    assert err.count("Atlantis") == 1  # once, not on stdout and stderr both
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 3


def test_screen_plain_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.csv"
    source.write_bytes(csv_bytes([good_row("A", sami_considerations="")]))
    assert main(["--lang", "en", "screen", str(source), "--call", "eruf_project"]) == 0
    out = capsys.readouterr().out
    assert "A" in out and "[Unanswered question]" in out


def test_unknown_call_and_missing_file_are_user_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["screen", str(tmp_path / "a.csv"), "--call", "no_such_call"]) == 2
    assert "no_such_call" in capsys.readouterr().err
    assert main(["screen", str(tmp_path / "a.csv"), "--call", "eruf_project"]) == 2
    assert "a.csv" in capsys.readouterr().err
    assert main(["screen-template", str(tmp_path / "t.pdf")]) == 2


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Filen har en rubrikrad (rad 1) men inga ansökningar under den."),
        ("en", "The file has a header row (row 1) but no applications below it."),
    ],
)
def test_header_only_file_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    source = tmp_path / "bara_rubrik.csv"
    source.write_bytes(csv_bytes([]) + b";;;\n")
    out = tmp_path / "resultat.xlsx"
    code = main(["--lang", lang, "screen", str(source), "--call", "eruf_project", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    assert expected in captured.err and "bara_rubrik.csv" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["bara_rubrik.csv"]


def test_interrupt_while_writing_leaves_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment.screening import outputs

    def half_then_ctrl_c(run: object, target: Path, lang: str, ticker: object) -> None:
        target.write_bytes(b"PK half a workbook")
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "_write_xlsx", half_then_ctrl_c)
    source = tmp_path / "a.csv"
    source.write_bytes(csv_bytes([good_row("A")]))
    out = tmp_path / "out.xlsx"
    assert main(["screen", str(source), "--call", "eruf_project", "-o", str(out)]) == 130
    assert "avbröts" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_ignored_and_missing_columns_are_loud_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.unit.test_screening_helpers import HEADER

    header = [h for h in HEADER if h != "ecological"] + ["Handläggare"]
    source = tmp_path / "a.csv"
    source.write_bytes(csv_bytes([{**good_row("A"), "Handläggare": "Anna"}], header=header))
    assert main(["screen", str(source), "--call", "eruf_project"]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("Varning:")]
    assert any("”Ekologisk hållbarhet” finns inte i filen" in w for w in warnings)
    assert any("Kolumner som inte lästes: O (Handläggare)" in w for w in warnings)
    # Not checked rather than flagged on every row.
    assert "Dimension ej beskriven" not in captured.out


def test_map_option_reads_a_case_system_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = ["Nr", "Företagets namn", "Kommun", "Pengar", "Vad"]
    source = tmp_path / "export.csv"
    source.write_bytes(
        csv_bytes(
            [dict(zip(header, ["7", "AB", "Järpen", "850 tkr", "Ny butik"], strict=True))], header=header
        )
    )
    assert main(["screen", str(source), "--call", "eruf_project"]) == 2
    err = capsys.readouterr().err
    assert "Obligatoriska kolumner saknas" in err and "B (Företagets namn)" in err
    args = [
        "--map",
        "Nr=id",
        "--map",
        "Företagets namn=Sökande",
        "--map",
        "Pengar=amount",
        "--map",
        "Vad=title",
    ]
    assert main(["screen", str(source), "--call", "eruf_project", "--json", *args]) == 0
    data = json.loads(capsys.readouterr().out)
    app = data["applications"][0]
    assert (app["id"], app["applicant"], app["amount"], app["municipality"]) == ("7", "AB", 850000, "Åre")
    assert main(["screen", str(source), "--call", "eruf_project", "--map", "Nr"]) == 2
    assert "RUBRIK=FÄLT" in capsys.readouterr().err


def test_many_rejections_are_grouped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.csv"
    source.write_bytes(csv_bytes([good_row(f"R{i}", municipality="Atlantis") for i in range(30)]))
    assert main(["screen", str(source), "--call", "eruf_project"]) == 0
    err = capsys.readouterr().err
    assert "30 rader avvisade (2, 3, 4" in err and err.count("Atlantis") == 1


def test_progress_rate_is_written_the_swedish_way() -> None:
    from assessment.screening.progress import format_count

    assert format_count(1287.4, "sv") == "1\u00a0287" and format_count(1287, "en") == "1,287"
