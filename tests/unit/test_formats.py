"""One way to write numbers, signed impacts and dates, per language."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.formats import MINUS, clock, date, decimal, moment, number, short_date, signed, signed_decimal


@given(st.integers(min_value=-1000, max_value=1000))
def test_signed_uses_the_typographic_minus_and_reads_back(value: int) -> None:
    text = signed(value)
    assert "-" not in text
    assert int(text.replace(MINUS, "-")) == value
    assert text.startswith("+") == (value > 0) and text.startswith(MINUS) == (value < 0)


def test_signed_examples() -> None:
    assert [signed(v) for v in (-3, -1, 0, 2, None)] == ["−3", "−1", "0", "+2", ""]


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (10 / 9, "sv", 1, "1,1"),
        (10 / 9, "en", 1, "1.1"),
        (7, "sv", 1, "7,0"),
        (1234.5, "sv", 2, "1\u00a0234,50"),  # Swedish groups thousands with a (no-break) space
        (1234.5, "en", 0, "1,234"),
        (-0.5, "sv", 1, "−0,5"),
    ],
)
def test_decimal(value: float, lang: str, digits: int, expected: str) -> None:
    assert decimal(value, lang, digits) == expected


def test_number_drops_trailing_zeros_and_signs_only_negatives() -> None:
    assert [number(v, "sv") for v in (1.5, 2.0, 0.25, -0.75, 1 / 3)] == ["1,5", "2", "0,25", "−0,75", "0,33"]
    assert number(1.5, "en") == "1.5" and number(1 / 3, "en", 1) == "0.3"


def test_signed_decimal_drops_trailing_zeros() -> None:
    assert [signed_decimal(v, "sv") for v in (1.5, -0.3, 2.0, 0)] == ["+1,5", "−0,3", "+2", "0"]
    assert signed_decimal(-1.25, "en", 2) == "−1.25"


def test_dates_follow_the_language() -> None:
    day = dt.date(2026, 12, 2)
    assert date(day, "sv") == "2 december 2026"
    assert date(day, "en") == "2 December 2026"
    assert date(day, None) == "2 december 2026"  # Swedish by default


def test_short_dates_in_table_cells() -> None:
    day = dt.date(2026, 3, 9)
    assert short_date(day, "sv") == "2026-03-09"  # Swedish short dates are ISO
    assert short_date(day, "en") == "09/03/2026"  # British English: day first
    assert short_date(None, "sv") == ""


def test_moments_and_clock_times() -> None:
    naive = dt.datetime(2026, 12, 2, 14, 5, 33)
    assert moment(naive, "sv") == "2026-12-02 14:05"
    assert moment(naive, "en") == "02/12/2026, 14:05"
    assert moment(naive, "sv", seconds=True) == "2026-12-02 14:05:33"
    assert moment(naive, "en", seconds=True) == "02/12/2026, 14:05:33"
    assert clock(naive, "sv") == "14:05" and clock(naive, "en", seconds=True) == "14:05:33"
    assert moment(None, "sv") == ""


def test_an_aware_moment_is_shown_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    try:
        stamp = dt.datetime(2026, 12, 2, 13, 5, tzinfo=dt.UTC)  # 14:05 in Stockholm (CET)
        assert moment(stamp, "sv") == "2026-12-02 14:05"
        assert clock(dt.datetime(2026, 6, 2, 12, 0, tzinfo=dt.UTC), "en") == "14:00"  # CEST
    finally:
        monkeypatch.undo()
        time.tzset()
