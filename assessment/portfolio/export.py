"""CSV and XLSX export of portfolio views, safe to open in a spreadsheet.

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return — "CSV injection") stay inert text (`assessment.spreadsheets.cells`): a
leading apostrophe in CSV, Excel's quote prefix in XLSX; plain numbers stay numbers. Control
characters that XLSX cannot store are dropped instead of failing the whole export. XLSX is
written by the project's one writer (`assessment.spreadsheets.xlsx`).
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from assessment.spreadsheets.cells import fit_cell, neutralise, storable
from assessment.spreadsheets.xlsx import Sheet, write_xlsx


def safe_cell(value: object) -> object:
    """A CSV cell: unstorable characters dropped, formula-like text made inert, cut to what a
    spreadsheet cell holds (`assessment.spreadsheets.cells`)."""
    if isinstance(value, str):
        return fit_cell(neutralise(storable(value)))
    if isinstance(value, (tuple, list, set, frozenset)):
        return safe_cell(", ".join(str(v) for v in value))
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every cell, the index and the headings made spreadsheet-safe."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = pd.Series([safe_cell(v) for v in out[column]], index=out.index, dtype=object)
    out.columns = [str(safe_cell(str(c))) for c in out.columns]
    if out.index.name is not None or not isinstance(out.index, pd.RangeIndex):
        out.index = pd.Index([safe_cell(v) for v in out.index], name=out.index.name)
    return out


def _keep_index(frame: pd.DataFrame) -> bool:
    return not isinstance(frame.index, pd.RangeIndex)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark so Excel shows å, ä, ö and Sami letters correctly."""
    text = safe_frame(frame).to_csv(index=_keep_index(frame), lineterminator="\n")
    return text.encode("utf-8-sig")


def _xlsx_value(value: Any) -> Any:
    """A frame value as the writer takes it: numbers as numbers, dates as ISO text, lists joined,
    the rest as text (the writer cleans, cuts and quote-prefixes text)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return None if isinstance(value, float) and not math.isfinite(value) else value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _xlsx_value(value.item())
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (tuple, list, set, frozenset)):
        value = ", ".join(str(v) for v in value)
    return str(value)  # the writer drops what XLSX cannot store and cuts what a cell cannot hold


def _sheet(name: str, frame: pd.DataFrame) -> Sheet:
    keep = _keep_index(frame)
    header = ([str(frame.index.name or "")] if keep else []) + [str(c) for c in frame.columns]
    rows: list[list[Any]] = [header]
    for index, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        rows.append([_xlsx_value(v) for v in ((index, *row) if keep else row)])
    widths = []
    for column in range(len(header)):
        longest = max((len(str(r[column])) for r in rows[:200] if r[column] is not None), default=8)
        widths.append(float(min(60, max(8, longest + 2))))
    wrap = frozenset(i for i, w in enumerate(widths) if w >= 60)
    return Sheet(name, rows, widths, wrap)


def to_xlsx(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """One sheet per view, in the order given."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "portfolio.xlsx"
        write_xlsx(target, [_sheet(name, frame) for name, frame in frames.items()])
        return target.read_bytes()
