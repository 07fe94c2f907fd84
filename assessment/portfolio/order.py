"""Row orders for the large views: Python's sort by tuple keys, without the tuples.

Sorting 35,000 measures by ``(due, assessment, id)`` tuples compares dates and strings in Python
for every pair the sort looks at. `sort_order` ranks each column once (its distinct values,
sorted as Python sorts them) and sorts the integer ranks with NumPy's stable lexsort: the same
order, ties included, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def sort_order(*columns: Sequence[Any]) -> list[int]:
    """The row positions in the order ``sorted(range(n), key=lambda j: (c1[j], c2[j], …))``
    gives (stable: equal rows keep their order), with None after every other value of its
    column. Each column's values other than None must be mutually comparable and compare equal
    exactly when they are equal as dict keys (strings, numbers, dates)."""
    if not columns or not len(columns[0]):
        return []
    # lexsort sorts by its last key first.
    keys = [_ranks(column) for column in reversed(columns)]
    order: list[int] = np.lexsort(keys).tolist()
    return order


def _ranks(column: Sequence[Any]) -> np.ndarray:
    distinct = set(column)
    last = None in distinct
    if last:
        distinct.discard(None)
    rank: dict[Any, int] = {value: r for r, value in enumerate(sorted(distinct))}
    if last:
        rank[None] = len(rank)
    return np.fromiter((rank[value] for value in column), dtype=np.int64, count=len(column))
