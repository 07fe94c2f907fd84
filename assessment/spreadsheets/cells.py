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
