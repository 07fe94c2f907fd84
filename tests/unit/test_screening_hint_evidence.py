"""A dismissed screening hint records the knowledge-base cell's score it answered; when the cell
scores otherwise now, the hint is open again and says "the evidence changed, review again" with
the old reason. A dismissal without a score (older runs) is unknown and holds."""

from __future__ import annotations

import datetime as dt

import pytest

from assessment.screening.outputs import COLUMNS, rows, to_json
from assessment.screening.run import Dismissal, OfficerWork, ScreeningRun, run_screening
from tests.unit.test_screening_helpers import csv_bytes, edges_lookup, eruf, good_row

KEY = "sdg:9>sdg:13"


def _run(dismissed_score: int | None, lookup_score: int = -2) -> ScreeningRun:
    row = good_row("T", sdg_claims="9:+2: Ny industrihall för fyrtio jobb i byn; 5:+1: Fler kvinnor anställs")
    run = run_screening(
        csv_bytes([row]), "a.csv", eruf(), interactions=edges_lookup(("sdg:9", "sdg:13", lookup_score))
    )
    (hint,) = run.results[0].hints
    assert (hint.key, hint.score) == (KEY, lookup_score)
    when = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    run.work = {
        "T": OfficerWork(dismissed={KEY: Dismissal("Ingen <utsläppskälla>", "ann", when, dismissed_score)})
    }
    return run


def _hints_cell(run: ScreeningRun, lang: str) -> tuple[str, str]:
    (row,) = list(rows(run, lang))
    return str(row[COLUMNS.index("hints")]), str(row[COLUMNS.index("hints_dismissed")])


@pytest.mark.parametrize("score", [-2, None])
def test_a_dismissal_against_the_same_or_an_unknown_score_holds(score: int | None) -> None:
    run = _run(score)
    state = run.hint_state(run.results[0])
    assert [h.key for h in state.dismissed] == [KEY] and state.open == () and state.changed == {}
    open_hints, gone = _hints_cell(run, "sv")
    assert open_hints == "" and "Ingen <utsläppskälla>" in gone


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sv",
            "Underlaget har ändrats – granska igen: punkten avfärdades när kunskapsbasens värde var −3, "
            "nu är det −2 (skälet då: Ingen <utsläppskälla>).",
        ),
        (
            "en",
            "The evidence changed – review again: this was dismissed when the knowledge base's score was −3, "
            "it is now −2 (the reason then: Ingen <utsläppskälla>).",
        ),
    ],
)
def test_a_changed_score_opens_the_hint_again_with_the_old_reason(lang: str, text: str) -> None:
    run = _run(-3)
    state = run.hint_state(run.results[0])
    assert [h.key for h in state.open] == [KEY] and state.dismissed == () and KEY in state.changed
    open_hints, gone = _hints_cell(run, lang)
    assert open_hints.endswith(text) and gone == ""
    (hint,) = to_json(run, lang)["applications"][0]["hints"]
    assert hint["evidence_changed"] is True and hint["dismissed"] is None and hint["score"] == -2
