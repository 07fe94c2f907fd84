"""CSV and XLSX export of portfolio views, safe to open in a spreadsheet.

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return — "CSV injection") get a leading apostrophe; plain numbers stay numbers.
Control characters that XLSX cannot store are dropped instead of failing the whole export.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
# XML 1.0 forbids these; openpyxl raises IllegalCharacterError on them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Excel's hard limit per cell; longer text is cut with a visible marker, never silently.
MAX_CELL = 32_767
_CUT = " …[+{n}]"


def safe_cell(value: object) -> object:
    if isinstance(value, str):
        text = _ILLEGAL_XML.sub("", value)
        if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
            text = "'" + text
        if len(text) > MAX_CELL:
            marker = _CUT.format(n=len(text) - MAX_CELL)
            text = text[: MAX_CELL - len(marker)] + marker
        return text
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


def _sheet_name(name: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique ignoring case.
    base = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "sheet"
    base = base[:31]
    candidate, n = base, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


def to_xlsx(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """One sheet per view, in the order given."""
    buffer = io.BytesIO()
    used: set[str] = set()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            safe = safe_frame(frame)
            safe.to_excel(writer, sheet_name=_sheet_name(name, used), index=_keep_index(frame))
    return buffer.getvalue()
