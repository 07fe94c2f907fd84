"""Cell values that are safe to open in a spreadsheet, and numbers written the Swedish way.

Text that a spreadsheet would run as a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or
carriage return, or their full-width forms — "CSV injection") must stay inert text. In CSV that
takes a leading apostrophe; in XLSX the cell is stored as text with Excel's *quote prefix*
(what Excel itself does when you type ``'=…``), so the officer sees the text without the
apostrophe and editing the cell does not turn it into a formula. A plain number such as ``-5``
is not a formula and is left alone.
"""

from __future__ import annotations

import math
import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
# Excel's limit of characters in one cell (CSV opened in Excel is held to it too).
MAX_CELL_CHARS = 32_767
# Characters XML 1.0 cannot hold (control characters other than tab, LF, CR; U+FFFE, U+FFFF).
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def fit_cell(text: str) -> str:
    """``text`` as one cell can hold it: longer text is cut to exactly MAX_CELL_CHARS, ending in
    " …[+N]", N the characters left out; never cut silently."""
    if len(text) <= MAX_CELL_CHARS:
        return text
    left_out = len(text) - MAX_CELL_CHARS
    while True:  # the marker's own length moves N; at most twice round (one more digit)
        marker = f" …[+{left_out}]"
        kept = MAX_CELL_CHARS - len(marker)
        if len(text) - kept == left_out:
            return text[:kept] + marker
        left_out = len(text) - kept


def storable(text: str) -> str:
    """``text`` without the characters a spreadsheet file cannot store."""
    return _UNSTORABLE.sub("", text)


def is_formula_like(text: str) -> bool:
    stripped = text.lstrip(" ")
    return stripped.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(stripped)


def neutralise(text: str) -> str:
    """Make formula-like text inert for CSV: ``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``."""
    return "'" + text if is_formula_like(text) else text


def csv_number(value: float | int, lang: str = "sv") -> str:
    """A number as Swedish Excel reads it from a semicolon CSV: decimal comma, no grouping."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    else:
        text = str(value)
    return text.replace(".", ",") if lang == "sv" else text


def csv_cell(value: object, lang: str = "sv") -> str:
    """One CSV cell: numbers in the reader's locale, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return csv_number(value, lang)
    return neutralise(str(value))
