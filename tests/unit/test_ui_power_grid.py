"""Power/interest grid: actors sharing a cell are stacked, names never cover each other."""

from __future__ import annotations

from assessment.domain import Actor, Assessment
from assessment.ui.components.power_grid import (
    CELL_TOP,
    MAX_ROWS,
    NAME_CHARS,
    place,
    power_interest_figure,
    shorten,
)

LINE = 0.16  # a 12 px line in grid units at the app's size (~85 px per cell), generous
CHAR = 0.075  # a character's width in grid units (~105 px per cell), generous


def _box(x: float, y: float, lines: tuple[str, ...]) -> tuple[float, float, float, float]:
    width = 0.12 + CHAR * max(len(line) for line in lines)  # marker plus text
    half = LINE * len(lines) / 2
    return x - 0.06, y - half, x + width, y + half


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_shorten_wraps_and_marks_cuts() -> None:
    assert shorten("Östersunds kommun", 2) == ("Östersunds", "kommun")
    assert shorten("Inlandskommunernas näringslivskontor", 2) == ("Inlandskommu…", "näringslivsk…")
    assert shorten("Samiska matföretagare och Gaaltije", 1) == ("Samiska…",)
    assert all(len(line) <= NAME_CHARS for line in shorten("x" * 500 + " ŋđčŧï", 2))


def test_crowded_cells_stack_without_overlap() -> None:
    names = [
        "Region Jämtland Härjedalen",
        "Östersunds kommun",
        "Sametinget",
        "Unga",
        "Trafikverket",
        "Mittuniversitetet",
        "Tillväxtverket",
    ]
    cells = {
        (5, 5): [(n, i % 2 == 0) for i, n in enumerate(names)],
        (4, 5): [(names[0], True), (names[1], False)],
        (5, 4): [(names[2], True)],
        (4, 4): [(names[3], False)] * 3,
    }
    placed = place(cells)
    crowded = [p for p in placed if p.x > 4.5 and p.y > 4.5]
    assert len(crowded) == MAX_ROWS and crowded[-1].present is None
    assert crowded[-1].lines == (f"+{len(names) - MAX_ROWS + 1}",)
    boxes = [_box(p.x, p.y, p.lines) for p in placed]
    for i, box in enumerate(boxes):
        assert all(not _overlap(box, other) for other in boxes[i + 1 :]), placed[i]
    for p, box in zip(placed, boxes, strict=True):  # each stays inside its own cell
        cell_x, cell_y = round(p.x + 0.36), round(p.y)
        assert cell_x - 0.5 <= box[0] and box[2] <= cell_x + 0.5 + 0.15
        assert abs(p.y - cell_y) <= CELL_TOP


def test_figure_escapes_names_and_keeps_them_in_hover() -> None:
    actors = [
        Actor(name="<b>Sámi</b> & ŋđčŧï", influence=5, interest=5, present=True),
        Actor(name="Östersunds kommun", influence=5, interest=5, present=False),
    ]
    figure = power_interest_figure(Assessment(title="t", actors=actors))
    present, absent = figure.data[0], figure.data[1]
    assert present.text[0].startswith("&lt;b&gt;Sámi")
    assert present.customdata[0] == "&lt;b&gt;Sámi&lt;/b&gt; &amp; ŋđčŧï"
    assert absent.text[0] == "Östersunds <br>kommun"  # reads "Östersunds kommun" in SVG
    assert present.y[0] > absent.y[0]  # stacked in one cell, the first actor on top
