"""`sort_order` gives the order Python's stable sort by tuple keys gives (None last per column)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from assessment.portfolio.order import sort_order

_dates = st.one_of(st.none(), st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 1, 20)))
_text = st.sampled_from(["", "a", "A", "b", "å", "m1", "m10", "m2", "Åre", "åre"])


def _python(*columns: list[object]) -> list[int]:
    def key(j: int) -> tuple[object, ...]:
        # None after every other value, as `sort_order` documents.
        return tuple((c[j] is None, c[j]) if c[j] is not None else (True, 0) for c in columns)

    return sorted(range(len(columns[0])), key=key)


@given(st.lists(st.tuples(_dates, _text, _text), max_size=60))
def test_the_order_is_pythons_stable_sort(rows: list[tuple[dt.date | None, str, str]]) -> None:
    due = [r[0] for r in rows]
    key = [r[1] for r in rows]
    ident = [r[2] for r in rows]
    assert sort_order(due, key, ident) == _python(due, key, ident)


def test_ties_keep_their_order_and_none_goes_last() -> None:
    due = [None, dt.date(2025, 1, 2), dt.date(2025, 1, 1), dt.date(2025, 1, 2), None]
    key = ["b", "a", "z", "a", "a"]
    assert sort_order(due, key) == [2, 1, 3, 4, 0]
    assert sort_order([]) == []
