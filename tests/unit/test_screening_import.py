"""Import of applications from CSV and XLSX: good rows pass, every bad row is named, none is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.errors import ValidationFailed
from assessment.screening.claims import parse_claims
from assessment.screening.importer import ImportResult, import_applications
from assessment.screening.model import Application
from tests.unit.test_screening_helpers import (
    HEADER,
    as_cells,
    csv_bytes,
    eruf,
    good_row,
    xlsx_bytes,
)


def _import(data: bytes, name: str) -> ImportResult:
    result = import_applications(data, name, eruf())
    assert result.rows_in == len(result.applications) + len(result.rejected)
    return result


def _problems(result: ImportResult, row: int) -> dict[str, str]:
    rejected = next(r for r in result.rejected if r.row == row)
    return {p.path: p.key for p in rejected.problems}


def test_good_csv_rows_become_applications() -> None:
    result = _import(csv_bytes([good_row("A1"), good_row("A2", municipality="Östersunds kommun")]), "a.csv")
    assert [a.id for a in result.applications] == ["A1", "A2"]
    first = result.applications[0]
    assert first.row == 2 and first.support_type == "project" and first.amount == 250000
    assert [c.ref for c in first.claims] == ["sdg:5", "7.2", "sdg:9", "sdg:15"]
    assert first.claims[3].impact == -1
    assert result.applications[1].municipality == "Östersund"


def test_comma_separated_csv_and_swedish_headers_are_accepted() -> None:
    header = ["Ärende-id", "Sökande", "Stödform", "Kommun", "Sökt belopp (kr)", "Titel"]
    row = {
        "Ärende-id": "X",
        "Sökande": "S",
        "Stödform": "projektstöd",
        "Kommun": "Åre",
        "Sökt belopp (kr)": "1 250 000,50 kr",
        "Titel": "T",
    }
    result = _import(csv_bytes([row], header=header, sep=","), "a.csv")
    assert result.applications[0].amount == 1250000.5


def test_windows_1252_csv_is_read() -> None:
    data = csv_bytes([good_row("Ö1", applicant="Åsa Öberg")]).decode("utf-8").encode("cp1252", "replace")
    result = _import(data, "a.csv")
    assert result.applications[0].applicant == "Åsa Öberg"


def test_bad_rows_are_reported_with_row_and_field_and_good_rows_kept() -> None:
    rows = [
        good_row("A1"),
        good_row("A2", amount="tjugo tusen", municipality="Atlantis"),
        good_row("A3", sdg_claims="18:+2: no such goal; 7.9:+1: no such target; 9:+5: too big"),
        good_row("A4", support_type="hemligt stöd", title=""),
        good_row("A1"),  # duplicate id
        good_row("A6", sdg_claims="nine plus two"),
    ]
    result = _import(csv_bytes(rows), "a.csv")
    assert [a.id for a in result.applications] == ["A1"]
    assert result.rows_in == 6 and len(result.rejected) == 5
    assert _problems(result, 3) == {
        "amount": "screening.err_amount",
        "municipality": "screening.err_unknown_municipality",
    }
    assert [p.key for p in result.rejected[1].problems] == [
        "screening.err_claim_code",
        "screening.err_claim_code",
        "screening.err_claim_impact",
    ]
    assert _problems(result, 5) == {
        "support_type": "screening.err_unknown_support_type",
        "title": "screening.err_required",
    }
    assert _problems(result, 6) == {"id": "screening.err_duplicate_id"}
    assert _problems(result, 7) == {"sdg_claims": "screening.err_claim_syntax"}
    # In the file's column order: municipality comes before amount.
    municipality, amount = result.rejected[0].messages("sv")
    assert municipality.startswith("Rad 3, fält municipality:") and "Atlantis" in municipality
    assert amount.startswith("Rad 3, fält amount:") and "tjugo tusen" in amount
    assert result.rejected[0].messages("en")[1].startswith("Row 3, field amount:")


def test_missing_required_columns_stop_the_import_naming_all_of_them() -> None:
    header = [h for h in HEADER if h not in ("municipality", "amount")]
    with pytest.raises(ValidationFailed) as err:
        import_applications(csv_bytes([good_row()], header=header), "a.csv", eruf())
    message = err.value.message("en")
    assert "municipality" in message and "amount" in message and "a.csv" in message


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_empty_file_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(ValidationFailed) as err:
        import_applications(data, "empty.csv", eruf())
    assert "tom" in err.value.message("sv")


def test_header_only_gives_zero_rows() -> None:
    result = _import(csv_bytes([]), "a.csv")
    assert result.rows_in == 0 and result.applications == [] and result.rejected == []


def test_blank_rows_are_counted_not_applications() -> None:
    data = (
        csv_bytes([good_row("A1")]) + b";;;;;;;;;;;;;;\n\n" + csv_bytes([good_row("A2")]).split(b"\n", 1)[1]
    )
    result = _import(data, "a.csv")
    assert [a.id for a in result.applications] == ["A1", "A2"]
    assert result.blank_rows == 2
    assert result.applications[1].row == 5


def test_ragged_csv_row_is_rejected_alone() -> None:
    text = csv_bytes([good_row("A1"), good_row("A2")]).decode()
    lines = text.splitlines()
    lines[2] += ";extra;cells"
    result = _import(("\n".join(lines) + "\n").encode(), "a.csv")
    assert [a.id for a in result.applications] == ["A1"]
    assert _problems(result, 3) == {"-": "screening.err_extra_cells"}


def test_unknown_columns_are_listed_not_silently_read() -> None:
    header = [*HEADER, "Handläggarens anteckning"]
    result = _import(csv_bytes([good_row()], header=header), "a.csv")
    assert result.ignored_columns == ["Handläggarens anteckning"]


def test_five_megabyte_description_is_rejected_with_a_message_and_others_processed() -> None:
    rows = [good_row("BIG", description="x" * 5_000_000), good_row("OK")]
    result = _import(csv_bytes(rows), "a.csv")
    assert [a.id for a in result.applications] == ["OK"]
    rejected = result.rejected[0]
    assert rejected.row == 2 and rejected.id == "BIG"
    assert rejected.problems[0].path == "description"
    assert "5000000" in rejected.messages("en")[0]


def test_hostile_text_is_kept_verbatim() -> None:
    text = "<script>alert('x')</script> & Sámi: ŋ đ č ŧ ï {placeholder}"
    result = _import(csv_bytes([good_row("H", applicant=text, social=text)]), "a.csv")
    app = result.applications[0]
    assert app.applicant == text and app.text("social") == text


def test_xlsx_good_and_broken_rows_with_typed_cells() -> None:
    rows = [
        as_cells(good_row("A1")),
        as_cells(good_row("A2")),
        as_cells(good_row("A3")),
    ]
    rows[0][HEADER.index("amount")] = 250000  # a real number cell
    rows[0][HEADER.index("id")] = 117  # a number typed in the id column is still an id
    rows[1][HEADER.index("amount")] = dt.datetime(2024, 1, 1)  # a date where money belongs
    rows[2][HEADER.index("municipality")] = 42
    result = _import(xlsx_bytes(rows), "a.xlsx")
    assert [a.id for a in result.applications] == ["117"]
    assert result.applications[0].amount == 250000
    assert _problems(result, 3) == {"amount": "screening.err_amount"}
    assert _problems(result, 4) == {"municipality": "screening.err_unknown_municipality"}


def test_xlsx_formula_cells_are_read_as_their_text() -> None:
    row = as_cells(good_row("F1"))
    row[HEADER.index("applicant")] = '=HYPERLINK("http://evil.example","klicka")'
    result = _import(xlsx_bytes([row]), "a.xlsx")
    assert result.applications[0].applicant == '=HYPERLINK("http://evil.example","klicka")'


def test_not_a_workbook_is_a_clear_error() -> None:
    with pytest.raises(ValidationFailed) as err:
        import_applications(b"PK\x03\x04 broken zip", "a.xlsx", eruf())
    assert "xlsx" in err.value.message("en").lower()


def test_unsupported_file_type() -> None:
    with pytest.raises(ValidationFailed) as err:
        import_applications(b"%PDF-1.4", "a.pdf", eruf())
    assert ".pdf" in err.value.message("en")


@pytest.mark.parametrize(
    ("cell", "refs"),
    [
        ("9:+2: text", ["sdg:9"]),
        ("SDG 9: 2; mål 7.a: -1", ["sdg:9", "7.a"]),
        ("13:−2: en-dash minus\n15:+1", ["sdg:13", "sdg:15"]),
        ("", []),
    ],
)
def test_claim_spellings(cell: str, refs: list[str]) -> None:
    claims, problems = parse_claims(cell)
    assert problems == [] and [c.ref for c in claims] == refs


def test_semicolon_inside_a_motivation_continues_it() -> None:
    claims, problems = parse_claims("9:+2: Fiber; även för företag; 15:-1: skog")
    assert problems == []
    assert [(c.ref, c.text) for c in claims] == [("sdg:9", "Fiber; även för företag"), ("sdg:15", "skog")]
    _, problems = parse_claims("9:+2: Fiber; nio:+2")
    assert [p.key for p in problems] == ["screening.err_claim_syntax"]


def test_duplicate_claim_is_a_problem() -> None:
    claims, problems = parse_claims("9:+2; 9:+1")
    assert len(claims) == 1 and [p.key for p in problems] == ["screening.err_claim_duplicate"]


def test_application_keeps_all_text_fields() -> None:
    result = _import(csv_bytes([good_row()]), "a.csv")
    app: Application = result.applications[0]
    assert set(app.texts) >= {"description", "ecological", "social", "economic", "negative_impacts"}


def test_unusual_workbook_falls_back_to_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    from assessment.screening import importer
    from assessment.screening.xlsx_reader import UnsupportedWorkbook

    def refuse(data: bytes, preferred: object = ()) -> list[list[str]]:
        raise UnsupportedWorkbook("test")

    monkeypatch.setattr(importer, "read_xlsx_rows", refuse)
    row = as_cells(good_row("O1"))
    row[HEADER.index("applicant")] = '=HYPERLINK("http://x","y")'
    result = _import(xlsx_bytes([row, as_cells(good_row("O2", amount="x"))]), "a.xlsx")
    assert [a.id for a in result.applications] == ["O1"]
    assert result.applications[0].applicant == '=HYPERLINK("http://x","y")'
    assert _problems(result, 3) == {"amount": "screening.err_amount"}


def test_fast_reader_and_openpyxl_agree() -> None:
    from assessment.screening.importer import _openpyxl_rows
    from assessment.screening.xlsx_reader import read_xlsx_rows

    rows = [as_cells(good_row(f"R{i}", title=f"<&> ŋđ {i}")) for i in range(5)]
    rows[1][HEADER.index("amount")] = 12.5
    rows[2][HEADER.index("amount")] = dt.date(2024, 5, 1)
    rows[3][HEADER.index("title")] = True
    data = xlsx_bytes(rows)

    def trim(table: list[list[str]]) -> list[list[str]]:
        out = []
        for row in table:
            while row and row[-1] == "":
                row = row[:-1]
            out.append(row)
        return out

    assert trim(read_xlsx_rows(data)) == trim(_openpyxl_rows(data, "a.xlsx"))


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_damaged_files_give_user_errors_never_crashes(kind: str) -> None:
    import random

    from assessment.errors import UserError

    rng = random.Random(2030)
    good = (
        csv_bytes([good_row("A"), good_row("B")]) if kind == "csv" else xlsx_bytes([as_cells(good_row("A"))])
    )
    outcomes = set()
    for _ in range(60):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            result = import_applications(bytes(damaged), f"x.{kind}", eruf())
        except UserError as err:
            assert err.message("sv") and err.message("en")
            outcomes.add("error")
        else:
            assert result.rows_in == len(result.applications) + len(result.rejected)
            outcomes.add("read")
    assert "error" in outcomes


def test_bare_carriage_returns_in_csv() -> None:
    data = csv_bytes([good_row("A", social="rad ett\rrad två"), good_row("B")])
    result = _import(data, "a.csv")
    assert result.rows_in == len(result.applications) + len(result.rejected) >= 1
