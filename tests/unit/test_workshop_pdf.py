"""The workshop minutes PDF: heat map, ranking, clusters, agreed cells; user text shown literally."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from assessment.workshop import CellState, spread
from assessment.workshop.model import Board, WorkshopInfo
from assessment.workshop.pdf import workshop_pdf

HOSTILE = "Fiskodling <b>&amp;</b> <script>x</script> ŋ đ č ŧ ï"
CODES = ("sdg:6", "sdg:8", "sdg:9", "sdg:13", "sdg:14")


def board(**cells: CellState) -> Board:
    info = WorkshopInfo(
        id="w1",
        assessment_id="a1",
        title=HOSTILE,
        codes=CODES,
        anonymous=True,
        dots=3,
        version=4,
        created_at=dt.datetime(2026, 12, 2, tzinfo=dt.UTC),
        created_by="anna",
        facilitator=True,
    )
    locked = CellState(
        cell=("sdg:8", "sdg:13"),
        count=3,
        revealed=True,
        locked=True,
        agreed=-1,
        comment="Transporter " + HOSTILE,
        dissent="Deltagare 3: +2",
        spread=spread([-1, -1, 2]),
    )
    return Board(info, {locked.cell: locked}, {}, {("sdg:8", "sdg:13"): 4}, {}, 3)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_minutes_show_results_and_user_text_literally() -> None:
    pdf = workshop_pdf(board(), "Bedömning <i>x</i>", "sv", today=dt.date(2026, 12, 2))
    assert pdf.startswith(b"%PDF")
    text = " ".join(text_of(pdf).split())
    assert "<script>x</script>" in text and "ŋ đ č ŧ ï" in text  # escaped, drawn, not interpreted
    assert "Bedömning <i>x</i> · 2026-12-02" in text
    assert "1 av 20 celler har gruppens låsta poäng" in text
    assert "Reservation (avvikande mening): Deltagare 3: +2" in text
    assert "Kluster av mål som förstärker varandra" in text and "Louvain" in text
    assert "Topp 2" in text  # five codes: the badge looks at the top half
    english = " ".join(text_of(workshop_pdf(board(), "x", "en")).split())
    assert "The group's decision per cell" in english and "Dissent: Deltagare 3: +2" in english


def test_minutes_without_locked_cells() -> None:
    empty = board()
    empty = Board(empty.info, {}, {}, {}, {}, 0)
    text = text_of(workshop_pdf(empty, "x", "sv"))
    assert "Inga celler är låsta ännu." in text
