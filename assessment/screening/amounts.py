"""Amounts as Swedish officers write them: "850 tkr", "1,2 mnkr", "1 200 000:-", "ca 1 mnkr".

Accepted: spaces, non-breaking and thin spaces or dots as thousands separators ("1 200 000",
"1.200.000"), a decimal comma or point, a unit before or after (kr, kronor, SEK, :-, tkr/kkr/
tusen = ×1,000, mkr/mnkr/miljoner/MSEK = ×1,000,000) and an "about" word (ca, cirka, ungefär),
which is accepted and noted. A formula that had no stored result is reported as such, not as
"not an amount": the officer sees a number in Excel.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_ABOUT = re.compile(r"^(?:ca\.?|cirka|c:a|ungefär|approx\.?|about|~)\s*", re.IGNORECASE)
_UNIT = re.compile(
    r"(?P<unit>tkr|tsek|ksek|kkr|t\s*kr|tusen(?:\s*kr(?:onor)?)?|mnkr|mkr|msek|mn\s*kr|milj(?:oner)?\.?(?:\s*kr(?:onor)?)?"
    r"|miljon(?:er)?(?:\s*kr(?:onor)?)?|kr(?:onor)?\.?|sek|:-)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[+]?(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:[.,]\d+)?$")
_SPACES = re.compile(r"[ \u00a0\u202f]")


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    approximate: bool = False
    unit: str = ""  # the unit as written ("tkr"), when it scaled the number


def _scale(unit: str) -> int:
    key = _SPACES.sub("", unit.casefold()).rstrip(".")
    if key in ("tkr", "tsek", "ksek", "kkr") or key.startswith("tusen"):
        return 1000
    if key.startswith(("mnkr", "mkr", "msek", "milj", "miljon")):
        return 1_000_000
    return 1


def _number(text: str) -> float | None:
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    if "," in text:
        # Decimal comma; dots and spaces before it group thousands.
        whole, _, decimals = text.rpartition(",")
        digits = _SPACES.sub("", whole).replace(".", "") + "." + decimals
    elif re.search(r"\.\d{3}(?:\.|$)", text) and not re.search(r"\.\d{1,2}$|\.\d{4,}$", text):
        digits = _SPACES.sub("", text).replace(".", "")  # "1.200.000": dots group thousands
    else:
        digits = _SPACES.sub("", text)
    try:
        return float(digits)
    except ValueError:
        return None


def parse_amount(text: str, column_scale: int = 1) -> Amount | None:
    """The amount in kronor, or None if ``text`` is not one. ``column_scale`` comes from the
    header ("Sökt belopp (tkr)") and applies when the cell names no unit itself."""
    raw = text.strip()
    approximate = False
    match = _ABOUT.match(raw)
    if match:
        approximate, raw = True, raw[match.end() :]
    unit = ""
    found = list(_UNIT.finditer(raw))
    if found:
        # One unit, before or after the number ("kr 500 000", "850 tkr", "1 200 000:-").
        if len(found) > 1:
            return None
        unit = found[0].group("unit")
        raw = (raw[: found[0].start()] + raw[found[0].end() :]).strip()
    value = _number(raw)
    if value is None or not math.isfinite(value) or value < 0:
        return None
    scale = _scale(unit) if unit else column_scale
    shown_unit = unit if scale != 1 else ""
    return Amount(round(value * scale, 2), approximate, shown_unit)


def is_uncached_formula(text: str) -> bool:
    return text.startswith("=") and len(text) > 1
