"""Import of applications from the files officers get: good rows pass, every bad row is named in
the officer's words, nothing is lost or silently changed, and the rows always add up."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.errors import ValidationFailed
from assessment.screening.calls import builtin_calls
from assessment.screening.importer import ImportResult, import_applications
from assessment.screening.model import Application
from tests.support.excel import (
    Formula,
    Merge,
    Workbook,
    application_rows,
    excel_cp1252_csv,
    excel_xlsx,
    uncached_formula_xlsx,
    utf16_text,
)
from tests.unit.test_screening_helpers import HEADER, as_cells, csv_bytes, eruf, good_row, xlsx_bytes


def _import(data: bytes, name: str, call_id: str = "eruf_project", **kwargs: object) -> ImportResult:
    call = builtin_calls()[call_id]
    result = import_applications(data, name, call, other_calls=list(builtin_calls().values()), **kwargs)  # type: ignore[arg-type]
    # The row accounting holds in every import.
    assert result.rows_in == len(result.applications) + len(result.rejected)
    return result


def _problems(result: ImportResult, row: int) -> dict[str, str]:
    rejected = next(r for r in result.rejected if r.row == row)
    return {p.path: p.key for p in rejected.problems}


def _notices(result: ImportResult) -> list[str]:
    return [n.key.removeprefix("screening.") for n in result.notices]


def _notice_text(result: ImportResult, lang: str = "sv") -> str:
    from assessment.screening.flags import problem_text

    return "\n".join(problem_text(n, lang) for n in result.notices)


# --- plain files --------------------------------------------------------------------------


def test_good_csv_rows_become_applications() -> None:
    result = _import(csv_bytes([good_row("A1"), good_row("A2", municipality="Östersunds kommun")]), "a.csv")
    assert [a.id for a in result.applications] == ["A1", "A2"]
    first = result.applications[0]
    assert first.row == 2 and first.support_type == "project" and first.amount == 250000
    assert [c.ref for c in first.claims] == ["sdg:5", "7.2", "sdg:9", "sdg:15"]
    assert first.claims[3].impact == -1
    assert result.applications[1].municipality == "Östersund"
    assert result.notices == []


def test_comma_separated_csv_and_swedish_headers_are_accepted() -> None:
    header = ["Ärende-id", "Sökande", "Stödform", "Kommun", "Sökt belopp (kr)", "Titel"]
    row = dict(zip(header, ["X", "S", "projektstöd", "Åre", "1 250 000,50 kr", "T"], strict=True))
    result = _import(csv_bytes([row], header=header, sep=","), "a.csv")
    assert result.applications[0].amount == 1250000.5


def test_bad_rows_are_reported_in_the_officers_words_and_good_rows_kept() -> None:
    rows = [
        good_row("A1"),
        good_row("A2", amount="tjugo tusen", municipality="Atlantis"),
        good_row("A4", support_type="hemligt stöd", title=""),
        good_row("A1"),  # duplicate id
    ]
    result = _import(csv_bytes(rows), "a.csv")
    assert [a.id for a in result.applications] == ["A1"]
    assert (result.rows_in, len(result.rejected)) == (4, 3)
    assert _problems(result, 3) == {
        "amount": "screening.err_amount",
        "municipality": "screening.err_unknown_place",
    }
    assert _problems(result, 4) == {
        "support_type": "screening.err_unknown_support_type",
        "title": "screening.err_required",
    }
    assert _problems(result, 5) == {"id": "screening.err_duplicate_id"}
    # Column letter and the header as written in the file, in the file's column order.
    municipality, amount = result.rejected[0].messages("sv")
    assert municipality.startswith("Rad 3, kolumn D (municipality):") and "Atlantis" in municipality
    assert amount.startswith("Rad 3, kolumn E (amount):") and "tjugo tusen" in amount
    assert result.rejected[0].messages("en")[1].startswith("Row 3, column E (amount):")
    # The call's title and the support types' labels (with their aliases), never internal ids.
    support = result.rejected[1].messages("sv")[0]
    assert "ERUF-projektutlysning" in support and "Projektstöd (även: projektmedel" in support
    assert "project," not in support


def test_rejected_rows_keep_applicant_title_and_amount() -> None:
    result = _import(csv_bytes([good_row("R1", amount="tre miljoner", applicant="Gällö Trä AB")]), "a.csv")
    rejected = result.rejected[0]
    assert (rejected.id, rejected.applicant, rejected.title, rejected.amount) == (
        "R1",
        "Gällö Trä AB",
        "Laddstation och butik",
        "tre miljoner",
    )


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf", b";;;;\n;;;\n"])
def test_empty_file_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(ValidationFailed) as err:
        import_applications(data, "empty.csv", eruf())
    assert "tom" in err.value.message("sv")


@pytest.mark.parametrize(
    ("data", "name", "header_row"),
    [
        (csv_bytes([]), "a.csv", 1),
        (csv_bytes([]) + b";;;;;;\n\n;;\n", "a.csv", 1),  # blank rows are not applications
        (b"Ansokningar 2024\n\n" + csv_bytes([]), "a.csv", 3),  # a title row above the header
        (xlsx_bytes([]), "a.xlsx", 1),
    ],
)
def test_header_without_applications_is_refused_in_the_users_language(
    data: bytes, name: str, header_row: int
) -> None:
    with pytest.raises(ValidationFailed) as err:
        _import(data, name)
    assert [p.key for p in err.value.problems] == ["screening.err_no_applications"]
    assert err.value.message("sv") == (
        f"{name}: Filen har en rubrikrad (rad {header_row}) men inga ansökningar under den. Lägg till "
        "en rad per ansökan och granska igen; ingenting granskades eller sparades."
    )
    assert err.value.message("en").startswith(
        f"{name}: The file has a header row (row {header_row}) but no applications below it."
    )


def test_a_file_of_rejected_rows_is_not_empty() -> None:
    # Rows that fail their checks are the officer's to fix: they are reported, not refused as a file.
    result = _import(csv_bytes([good_row("A", amount="fel")]), "a.csv")
    assert (result.rows_in, len(result.rejected)) == (1, 1)


def test_blank_rows_are_counted_not_applications() -> None:
    data = (
        csv_bytes([good_row("A1")]) + b";;;;;;;;;;;;;;\n\n" + csv_bytes([good_row("A2")]).split(b"\n", 1)[1]
    )
    result = _import(data, "a.csv")
    assert [a.id for a in result.applications] == ["A1", "A2"]
    assert result.blank_rows == 2
    assert result.applications[1].row == 5


def test_stray_separator_is_named_before_its_symptoms() -> None:
    text = csv_bytes([good_row("A1"), good_row("A2")]).decode()
    lines = text.splitlines()
    lines[2] = lines[2].replace("Parkeringen tar mark; vi", "Parkeringen tar mark;vi;", 1) + ";extra"
    result = _import(("\n".join(lines) + "\n").encode(), "a.csv")
    assert [a.id for a in result.applications] == ["A1"]
    assert next(iter(_problems(result, 3))) == "-"
    assert result.rejected[0].messages("sv")[0].startswith("Rad 3: Raden har")


def test_five_megabyte_description_is_rejected_with_a_message_and_others_processed() -> None:
    result = _import(csv_bytes([good_row("BIG", description="x" * 5_000_000), good_row("OK")]), "a.csv")
    assert [a.id for a in result.applications] == ["OK"]
    rejected = result.rejected[0]
    assert rejected.row == 2 and rejected.id == "BIG" and rejected.problems[0].path == "description"
    assert "5000000" in rejected.messages("en")[0]


def test_hostile_text_is_kept_verbatim() -> None:
    text = "<script>alert('x')</script> & Sámi: ŋ đ č ŧ ï {placeholder}"
    result = _import(csv_bytes([good_row("H", applicant=text, social=text)]), "a.csv")
    app = result.applications[0]
    assert app.applicant == text and app.text("social") == text


def test_application_keeps_all_text_fields_and_a_fingerprint() -> None:
    one = _import(csv_bytes([good_row("F")]), "a.csv").applications[0]
    assert set(one.texts) >= {"description", "ecological", "social", "economic", "negative_impacts"}
    same = _import(csv_bytes([good_row("F")]), "b.csv").applications[0]
    changed = _import(csv_bytes([good_row("F", social="Annan text om social hållbarhet här.")]), "a.csv")
    assert one.fingerprint == same.fingerprint != changed.applications[0].fingerprint


# --- encodings: what Swedish Excel writes -------------------------------------------------


def test_cp1252_csv_from_swedish_excel_with_a_lost_minus_sign() -> None:
    claims = "9:+2: Ny såglinje med fler jobb; 15:\u22121: Avverkning på egen mark; 8:+1: Två nya jobb i byn"
    data = excel_cp1252_csv([good_row("0215", applicant="Åsa Öberg AB", sdg_claims=claims)])
    assert b"15:?1" in data  # what Excel really writes for U+2212 in cp1252
    result = _import(data, "foretagsstod.csv")
    app = result.applications[0]
    assert app.applicant == "Åsa Öberg AB"
    # The claim whose sign was lost is reported on its own, never merged into the previous
    # claim's text; the others are kept and the application is screened, not rejected.
    assert [c.ref for c in app.claims] == ["sdg:9", "sdg:8"]
    assert all("?1" not in c.text for c in app.claims)
    assert [p.key for p in app.claim_problems] == ["screening.err_claim_sign_lost"]


@pytest.mark.parametrize("minus", ["\u2212", "\u2013", "-"])
def test_typographic_minus_signs_in_utf8_and_xlsx(minus: str) -> None:
    claims = f"9:+2: Ny sågverkslinje i byn; 15:{minus}1: Avverkning på egen mark"
    csv_app = _import(csv_bytes([good_row("M", sdg_claims=claims)]), "a.csv").applications[0]
    xlsx_app = _import(excel_xlsx(Workbook(application_rows([good_row("M", sdg_claims=claims)]))), "a.xlsx")
    for app in (csv_app, xlsx_app.applications[0]):
        assert [(c.ref, c.impact) for c in app.claims] == [("sdg:9", 2), ("sdg:15", -1)]


def test_utf16_unicode_text_export_is_read() -> None:
    result = _import(utf16_text([good_row("U1", applicant="Sámi ŋđčŧï AB")]), "export.txt")
    assert result.applications[0].applicant == "Sámi ŋđčŧï AB"


# --- XLSX as Excel writes it ------------------------------------------------------------------


def test_excel_written_workbook_with_shared_strings_dates_and_other_sheets() -> None:
    rows = application_rows([good_row("X1"), good_row("X2")], header=[*HEADER, "Inkom"])
    rows[1][HEADER.index("amount")] = 250000
    rows[1].append(dt.date(2025, 3, 1))
    rows[2][HEADER.index("amount")] = 1250000.5
    data = excel_xlsx(Workbook(rows, other_sheets={"Instruktioner": [["Läs mig"]]}))
    assert b"sharedStrings.xml" in data
    result = _import(data, "a.xlsx")
    assert [a.amount for a in result.applications] == [250000, 1250000.5]
    assert result.reader == "calamine"


def test_1904_date_system_gives_the_same_dates() -> None:
    rows = application_rows([good_row("D1")], header=[*HEADER, "Inkom"])
    rows[1].append(dt.date(2025, 3, 1))
    for system in (False, True):
        data = excel_xlsx(Workbook(rows, date_1904=system))
        from assessment.spreadsheets.reading import read_xlsx_table
        from assessment.spreadsheets.xlsx_reader import read_xlsx

        assert read_xlsx_table(data, "a.xlsx").rows[1][-1] == "2025-03-01"
        assert read_xlsx(data).rows[1][-1] == "2025-03-01"


def test_excel_line_break_escape_is_decoded() -> None:
    claims = "11:+2: Butiken i Kälarne\r\n13:-1: Fossil bensin säljs"
    data = excel_xlsx(
        Workbook(application_rows([good_row("CR", sdg_claims=claims, social="Rad ett\r\nrad två")]))
    )
    import io
    import zipfile

    assert b"_x000D_" in zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml")
    app = _import(data, "a.xlsx").applications[0]
    assert [c.as_text() for c in app.claims] == ["11:+2: Butiken i Kälarne", "13:-1: Fossil bensin säljs"]
    assert app.text("social") == "Rad ett\nrad två"


def test_formula_cells_read_as_excel_shows_them() -> None:
    rows = application_rows([good_row("F1"), good_row("F2")])
    rows[1][HEADER.index("amount")] = Formula("=200000+75000", 275000)
    rows[2][HEADER.index("applicant")] = Formula('=HYPERLINK("http://evil.example","Klicka")', "Klicka")
    result = _import(excel_xlsx(Workbook(rows)), "a.xlsx")
    assert result.applications[0].amount == 275000
    assert result.applications[1].applicant == "Klicka"


def test_formula_without_a_stored_result_is_shown_as_its_text() -> None:
    rows = application_rows([good_row("F1"), good_row("F2")])
    rows[1][HEADER.index("applicant")] = Formula('=HYPERLINK("http://evil.example","klicka")')
    rows[2][HEADER.index("amount")] = Formula("=200000+75000")
    result = _import(uncached_formula_xlsx(rows), "a.xlsx")
    assert result.reader == "xlsx"  # calamine would read these cells as empty
    assert result.applications[0].applicant == '=HYPERLINK("http://evil.example","klicka")'
    assert _problems(result, 3) == {"amount": "screening.err_amount_formula"}


def test_merged_cells_are_filled_and_noted() -> None:
    rows = application_rows([good_row("M1"), good_row("M2"), good_row("M3")])
    column = HEADER.index("municipality")
    rows[1][column] = Merge("Berg", rows=2)
    rows[2][column] = ""
    result = _import(excel_xlsx(Workbook(rows)), "kommersiell_service.xlsx")
    assert [a.municipality for a in result.applications] == ["Berg", "Berg", "Bräcke"]
    assert [n.key for n in result.applications[1].notes] == ["screening.note_merged"]
    assert "D2:D3" in _notice_text(result)


def test_title_and_blank_rows_above_the_header() -> None:
    rows = application_rows([good_row("T1"), good_row("T2")])
    data = excel_xlsx(Workbook(rows, title_rows=["Ansökningar kommersiell service, vecka 12", ""]))
    result = _import(data, "titelrad.xlsx")
    assert [a.id for a in result.applications] == ["T1", "T2"]
    assert result.header_row == 3 and result.applications[0].row == 4
    assert "notice_rows_above" in _notices(result)
    assert "vecka 12" in _notice_text(result)


def test_damaged_workbook_is_a_clear_error() -> None:
    with pytest.raises(ValidationFailed) as err:
        import_applications(b"PK\x03\x04 broken zip", "a.xlsx", eruf())
    assert "xlsx" in err.value.message("en").lower()


def test_unsupported_file_type() -> None:
    with pytest.raises(ValidationFailed) as err:
        import_applications(b"%PDF-1.4", "a.pdf", eruf())
    assert ".pdf" in err.value.message("en")


def test_openpyxl_written_workbook_still_reads() -> None:
    rows = [as_cells(good_row("A1")), as_cells(good_row("A2"))]
    rows[0][HEADER.index("amount")] = 250000
    rows[0][HEADER.index("id")] = 117  # a number typed in the id column is still an id
    rows[1][HEADER.index("amount")] = dt.datetime(2024, 1, 1)  # a date where money belongs
    result = _import(xlsx_bytes(rows), "a.xlsx")
    assert [a.id for a in result.applications] == ["117"]
    assert _problems(result, 3) == {"amount": "screening.err_amount"}


def test_calamine_and_the_projects_reader_agree_on_excel_files() -> None:
    from assessment.spreadsheets.reading import read_xlsx_table
    from assessment.spreadsheets.xlsx_reader import read_xlsx

    rows = application_rows([good_row(f"R{i}", title=f"<&> ŋđ {i} _x005F_ \r\n två") for i in range(5)])
    rows[2][HEADER.index("amount")] = 12.5
    rows[3][HEADER.index("amount")] = dt.date(2024, 5, 1)
    rows[4][HEADER.index("amount")] = Formula("=1+1", 2)
    rows[5][HEADER.index("title")] = True
    data = excel_xlsx(Workbook(rows))

    def trim(table: list[list[str]]) -> list[list[str]]:
        out = []
        for row in table:
            while row and row[-1] == "":
                row = row[:-1]
            out.append(row)
        return out

    fast = read_xlsx_table(data, "a.xlsx")
    assert fast.reader == "calamine"
    assert trim(fast.rows) == trim(read_xlsx(data).rows)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_damaged_files_give_user_errors_never_crashes(kind: str) -> None:
    import random

    from assessment.errors import UserError

    rng = random.Random(2030)
    good = (
        csv_bytes([good_row("A"), good_row("B")])
        if kind == "csv"
        else excel_xlsx(Workbook(application_rows([good_row("A")])))
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
    """Old Mac/Excel line breaks inside a quoted cell stay inside the cell: both rows arrive, and
    the text keeps both lines."""
    result = _import(csv_bytes([good_row("A", social="rad ett\rrad två"), good_row("B")]), "a.csv")
    assert result.rows_in == 2 and not result.rejected
    by_id = {a.id: a for a in result.applications}
    assert set(by_id) == {"A", "B"}
    social = by_id["A"].texts["social"]
    assert "rad ett" in social and "rad två" in social


# --- headers: renamed, case-system exports, mapping ------------------------------------------


def test_renamed_optional_headers_are_recognised_and_said_so() -> None:
    header = [
        "Diarienr",
        *(
            "Ekologisk hållbarhet (miljö)"
            if h == "ecological"
            else "Negativ påverkan"
            if h == "negative_impacts"
            else h
            for h in HEADER
        ),
        "Handläggare",
    ]
    rows = [
        {
            **{h: v for h, v in good_row("B3").items()},
            "Ekologisk hållbarhet (miljö)": good_row()["ecological"],
            "Negativ påverkan": "Parkeringen tar mark; vi planterar ny skog.",
            "Diarienr": "RJH 2025/12",
            "Handläggare": "Anna",
        }
    ]
    result = _import(csv_bytes(rows, header=header), "felstavad_rubrik.csv")
    app = result.applications[0]
    assert app.text("ecological") and app.text("negative_impacts")
    assert result.columns is not None
    assert result.columns.fields["ecological"].label() == "J (Ekologisk hållbarhet (miljö))"
    # "Diarienr" is a register column next to a real id column: not read, and said so.
    assert result.columns.fields["id"].header == "id"
    text = _notice_text(result)
    assert "Kolumn J (Ekologisk hållbarhet (miljö)) lästes som ”Ekologisk hållbarhet”" in text
    assert "A (Diarienr)" in text and "Handläggare" in text


def test_missing_optional_column_is_not_checked_instead_of_flagging_every_row() -> None:
    from assessment.screening.screen import screen_all

    header = [h for h in HEADER if h not in ("ecological", "negative_impacts")]
    result = _import(csv_bytes([good_row(f"N{i}") for i in range(3)], header=header), "a.csv")
    assert "notice_missing_column_checked" in _notices(result)
    assert "Ekologisk hållbarhet" in _notice_text(result)
    results = screen_all(result.applications, eruf(), available=result.available_fields)
    for r in results:
        codes = {f.code for f in r.flags}
        assert "dimension_missing" not in codes and "only_positive" not in codes
        assert "ecological" in r.unchecked and "negative_impacts" in r.unchecked


def test_case_system_export_with_its_own_headers() -> None:
    header = [
        "Ärendenummer",
        "Organisationsnamn",
        "Kommun",
        "Sökt belopp (tkr)",
        "Projektnamn",
        "Globala mål",
        "Inkom",
    ]
    row = dict(
        zip(
            header,
            [
                "RJH-2025-88",
                "Hotagens Fisk AB",
                "Hotagen",
                "850",
                "RAS-odling",
                "9:+2: Recirkulerande odling minskar vattenuttaget",
                "2025-03-01",
            ],
            strict=True,
        )
    )
    result = _import(csv_bytes([row], header=header), "systemexport.csv")
    app = result.applications[0]
    assert (app.id, app.applicant, app.title) == ("RJH-2025-88", "Hotagens Fisk AB", "RAS-odling")
    # The call has one support type: a file without the column means that one (and says so).
    assert app.support_type == "project"
    # "(tkr)" in the header: 850 means 850 000 kr.
    assert app.amount == 850_000
    # Hotagen is a locality of Krokom.
    assert app.municipality == "Krokom"
    assert {"notice_default_support", "notice_amount_scale", "notice_localities"} <= set(_notices(result))


def test_missing_required_columns_name_them_in_words_and_list_the_headers_found() -> None:
    header = ["Nr", "Företagets namn", "Ort", "Pengar", "Vad"]
    row = dict(zip(header, ["1", "AB", "Åre", "100", "X"], strict=True))
    with pytest.raises(ValidationFailed) as err:
        import_applications(
            csv_bytes([row], header=header), "egen.csv", builtin_calls()["business_investment"]
        )
    message = err.value.message("sv")
    assert "Ärende-id" in message and "Sökande" in message and "Sökt belopp" in message
    assert "A (Nr)" in message and "B (Företagets namn)" in message and "egen.csv" in message
    assert "applicant" not in message and "amount" not in message  # field ids are not the officer's words


def test_saved_mapping_maps_unknown_headers_and_can_skip_a_column() -> None:
    header = ["Nr", "Företagets namn", "Ort", "Pengar", "Vad", "Beskrivning"]
    row = dict(zip(header, ["1", "AB", "Åre", "100", "X", "Något"], strict=True))
    mapping = {
        "nr": "id",
        "företagets namn": "applicant",
        "pengar": "amount",
        "vad": "title",
        "beskrivning": "",
    }
    result = _import(csv_bytes([row], header=header), "egen.csv", mapping=mapping)
    app = result.applications[0]
    assert (app.id, app.applicant, app.amount, app.title, app.municipality) == ("1", "AB", 100, "X", "Åre")
    assert app.description == ""  # mapped to "not read"
    assert result.columns is not None and result.columns.matched_by["id"] == "saved"


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("850 tkr", 850_000),
        ("1,2 mnkr", 1_200_000),
        ("1 200 000:-", 1_200_000),
        ("1\u00a0250\u00a0000,50", 1_250_000.5),
        ("1.200.000", 1_200_000),
        ("ca 1 mnkr", 1_000_000),
        ("500 000 SEK", 500_000),
        ("kr 75 000", 75_000),
        ("3,5 Mkr", 3_500_000),
    ],
)
def test_swedish_amounts(written: str, amount: float) -> None:
    app = _import(csv_bytes([good_row("A", amount=written)]), "a.csv").applications[0]
    assert app.amount == amount
    assert [n.key for n in app.notes] == (
        ["screening.note_amount_approx"] if written.startswith("ca") else []
    )


@pytest.mark.parametrize("written", ["tre miljoner", "-5", "850 tkr kr", "1,2,3"])
def test_not_an_amount(written: str) -> None:
    result = _import(csv_bytes([good_row("A", amount=written)]), "a.csv")
    assert _problems(result, 2) == {"amount": "screening.err_amount"}


def test_locality_is_mapped_to_its_municipality_with_a_note() -> None:
    result = _import(
        csv_bytes([good_row("J1", municipality="Järpen"), good_row("J2", municipality="hela länet")]), "a.csv"
    )
    first, second = result.applications
    assert first.municipality == "Åre" and second.municipality == "Hela länet"
    assert "Järpen tolkades som Åre kommun" in "; ".join(_note_texts(first))
    assert "Järpen → Åre" in _notice_text(result)


def test_unknown_place_is_named_with_a_suggestion_never_guessed() -> None:
    result = _import(
        csv_bytes([good_row("P1", municipality="Järpe"), good_row("P2", municipality="Stockholm")]), "a.csv"
    )
    assert result.applications == []
    first, second = (r.messages("sv")[0] for r in result.rejected)
    assert "”Järpe”" in first and "menade du Järpen (Åre)" in first
    assert "”Stockholm”" in second and "menade du" not in second


def test_municipalities_come_from_the_rus_model() -> None:
    from assessment.process_models import rus_model
    from assessment.screening.places import places

    assert places().municipalities == tuple(m.name for m in rus_model().municipalities)


def _note_texts(app: Application) -> list[str]:
    from assessment.screening.flags import problem_text

    return [problem_text(n, "sv") for n in app.notes]


def test_template_example_row_is_not_screened() -> None:
    from assessment.screening.template import template_bytes

    for suffix in (".csv", ".xlsx"):
        data = template_bytes(suffix, "sv", eruf())
        result = _import(data, f"mall{suffix}")
        assert result.applications == [] and result.rows_in == 1
        assert _problems(result, 2) == {"-": "screening.err_template_example"}
        assert "notice_template_example" in _notices(result)


def test_wrong_call_suggests_the_right_one() -> None:
    rows = [good_row(f"K{i}", support_type="kommersiell service") for i in range(3)]
    result = _import(csv_bytes(rows), "kommersiell.csv", "business_investment")
    assert result.applications == [] and len(result.rejected) == 3
    assert result.suggested_call == "commercial_service"
    assert _notices(result)[0] == "notice_other_call"
    assert "Investeringsstöd till kommersiell service" in _notice_text(result)
    assert "commercial service" in _notice_text(result, "en")


# --- claims: parsed or reported per claim ----------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "claims", "problems"),
    [
        ("9:+2: text", ["9:+2: text"], []),
        ("SDG 9: 2; mål 7.a: -1", ["9:+2", "7.a:-1"], []),
        ("13:−2: minus\n15:+1", ["13:-2: minus", "15:+1"], []),
        ("Mål 9 – Hållbar industri (+2) genom ny sågverkslinje", ["9:+2: genom ny sågverkslinje"], []),
        ("9: +2 – motivering", ["9:+2: motivering"], []),
        ("9 (+2): text", ["9:+2: text"], []),
        ("9:+2 motivering", ["9:+2: motivering"], []),
        ("5, 7, 9, 12", [], ["err_claim_no_impact"]),
        ("18:+2: x; 9:+1: y", ["9:+1: y"], ["err_claim_code"]),
        ("7.9:+2: z; 9:+1: ok", ["9:+1: ok"], ["err_claim_code"]),
        ("9:+4: för mycket; 8:+1: jobb", ["8:+1: jobb"], ["err_claim_impact"]),
        ("9:+2: Fiber; även för företag; 15:-1: skog", ["9:+2: Fiber; även för företag", "15:-1: skog"], []),
        ("8:+2: Fler jobb; 10 nya jobb skapas", ["8:+2: Fler jobb; 10 nya jobb skapas"], []),
        ("9:+2; 9:+1", ["9:+2"], ["err_claim_duplicate"]),
        ("9:+2: Fiber; nio:+2", ["9:+2: Fiber"], ["err_claim_syntax"]),
    ],
)
def test_claim_spellings(cell: str, claims: list[str], problems: list[str]) -> None:
    from assessment.screening.claims import parse_claims

    found, issues = parse_claims(cell)
    assert [c.as_text() for c in found] == claims
    assert [p.key.removeprefix("screening.") for p in issues] == problems


def test_unreadable_claims_do_not_reject_the_application() -> None:
    cell = "Mål 9 – Hållbar industri (+2) genom ny teknik; 18:+2: Fel mål; 5, 7, 12"
    result = _import(csv_bytes([good_row("C1", sdg_claims=cell)]), "a.csv")
    app = result.applications[0]
    assert result.rejected == []
    assert [c.ref for c in app.claims] == ["sdg:9"]
    assert [p.key for p in app.claim_problems] == [
        "screening.err_claim_code",
        "screening.err_claim_no_impact",
    ]
