"""The workshop minutes PDF: heat map, ranking, clusters, agreed cells; user text shown literally."""

from __future__ import annotations

import datetime as dt

from assessment.workshop import CellState, spread
from assessment.workshop.model import Board, WorkshopInfo
from assessment.workshop.pdf import workshop_pdf
from tests.support.pdf import pdf_text

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
    return pdf_text(pdf)


def test_minutes_show_results_and_user_text_literally() -> None:
    pdf = workshop_pdf(board(), "Bedömning <i>x</i>", "sv", today=dt.date(2026, 12, 2))
    assert pdf.startswith(b"%PDF")
    text = " ".join(text_of(pdf).split())
    assert "<script>x</script>" in text and "ŋ đ č ŧ ï" in text  # escaped, drawn, not interpreted
    assert "Bedömning <i>x</i> · 2 december 2026" in text
    assert "1 av 20 celler har gruppens låsta poäng" in text
    assert "Reservation (avvikande mening): Deltagare 3: +2" in text
    assert "Kluster av mål som förstärker varandra" in text and "Louvain" in text
    assert "Topp 2" in text  # five codes: the badge looks at the top half
    english = " ".join(text_of(workshop_pdf(board(), "x", "en")).split())
    assert "The group's decision per cell" in english and "Dissent: Deltagare 3: +2" in english
    # The ranking's half points in each language's notation (the English minutes said "+1,5").
    assert "+1,5" in text and "+1.5" not in text
    assert "+1.5" in english and "+1,5" not in english


def test_minutes_without_locked_cells() -> None:
    empty = board()
    empty = Board(empty.info, {}, {}, {}, {}, 0)
    text = text_of(workshop_pdf(empty, "x", "sv"))
    assert "Inga celler är låsta ännu." in text


def test_network_draws_an_arrow_per_non_zero_agreed_score() -> None:
    from reportlab.graphics.shapes import Circle, Line, Polygon

    from assessment.workshop.pdf import network

    agreed = {("sdg:8", "sdg:13"): -1, ("sdg:13", "sdg:8"): -2, ("sdg:9", "sdg:8"): 3, ("sdg:6", "sdg:14"): 0}
    drawing = network(CODES, agreed)
    lines = [s for s in drawing.contents if isinstance(s, Line)]
    heads = [s for s in drawing.contents if isinstance(s, Polygon)]
    nodes = [s for s in drawing.contents if isinstance(s, Circle)]
    assert len(lines) == len(heads) == 3 and len(nodes) == 5  # the 0 is no link
    by_width = sorted(lines, key=lambda line: line.strokeWidth)
    # −1 thinnest, −2, +3 widest; red counteracts, blue reinforces.
    assert [line.strokeColor.hexval() for line in by_width] == ["0xb2182b", "0xb2182b", "0x2166ac"]
    assert by_width[0].strokeWidth < by_width[1].strokeWidth < by_width[2].strokeWidth
    # 8 → 13 and 13 → 8 are drawn side by side, not on top of each other.
    a, b = by_width[0], by_width[1]
    assert {(round(a.x1), round(a.y1))} != {(round(b.x2), round(b.y2))}
    assert abs(a.x1 - b.x2) > 1 or abs(a.y1 - b.y2) > 1


def test_minutes_show_the_network_and_name_what_made_a_cell_polarised() -> None:
    minutes = board()
    unlocked = {"locked": False, "agreed": None, "comment": "", "dissent": ""}
    hidden = CellState(cell=("sdg:6", "sdg:9"), count=2, revealed=False, spread=spread([3, -3]), **unlocked)
    shown = CellState(
        cell=("sdg:9", "sdg:14"), count=4, revealed=True, spread=spread([2, 2, -1, 3]), **unlocked
    )
    cells = {**minutes.cells, hidden.cell: hidden, shown.cell: shown}
    minutes = Board(minutes.info, cells, {}, {}, {}, 3)
    text = " ".join(text_of(workshop_pdf(minutes, "x", "sv")).split())
    assert "Gruppens samband som nätverk" in text and "blått förstärker, rött motverkar" in text
    assert "Där rummet var polariserat" in text
    # The locked cell: 1 of 3 votes positive, 2 negative, both at least a quarter.
    assert "polariserad: 1 positiv och 2 negativa av 3 röster (33 % och 67 %" in text
    assert "polariserad: 3 positiva och 1 negativ av 4 röster (75 % och 25 %" in text
    assert "mål 6 (Rent vatten och sanitet för alla) → mål 9" not in text  # hidden votes stay hidden
    # Header words are never broken inside the word.
    assert "Rang " in text and "Nettopåverkan" in text and "Gruppens poäng" in text
    english = " ".join(text_of(workshop_pdf(minutes, "x", "en")).split())
    assert "polarised: 1 positive and 2 negative of 3 votes (33 % and 67 %" in english


def test_minutes_without_agreed_links_say_so() -> None:
    empty = Board(board().info, {}, {}, {}, {}, 0)
    text = " ".join(text_of(workshop_pdf(empty, "x", "sv")).split())
    assert "Gruppen har inte låst något samband skilt från 0 ännu." in text
