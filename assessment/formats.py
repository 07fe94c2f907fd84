"""How numbers, signed impacts and dates are written, in every view (app, PDF, CLI, exports).

One place, so the app and the PDF cannot drift apart again (the app wrote ASCII "-2" while the PDF
wrote "−2"). Signed values use the typographic minus U+2212, which reads unambiguously on screen and
on paper and is what Swedish typography uses. Decimals and dates follow the user's language through
Babel's CLDR data: Swedish writes "1,5" and "2 december 2026", English "1.5" and "2 December 2026".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

from assessment.i18n import normalise_lang

MINUS = "\u2212"
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def _locale(lang: str | None) -> str:
    return _LOCALES[normalise_lang(lang)]


def signed(value: int | None) -> str:
    """An impact or interaction score with its sign: "+2", "0", "−1"; "" for no value."""
    if value is None:
        return ""
    if value > 0:
        return f"+{value}"
    return f"{MINUS}{-value}" if value < 0 else "0"


def decimal(value: float, lang: str | None, digits: int = 1) -> str:
    """A number with exactly ``digits`` decimals in the language's notation ("1,1" / "1.1")."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return str(format_decimal(value, format=pattern, locale=_locale(lang))).replace("-", MINUS)


def signed_decimal(value: float, lang: str | None, digits: int = 1) -> str:
    """A signed measure such as a network score: "+1,5", "0", "−0,3" (trailing zeros dropped)."""
    if value == 0:
        return "0"
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    text = str(format_decimal(abs(value), format=pattern, locale=_locale(lang)))
    return ("+" if value > 0 else MINUS) + text


def date(value: dt.date, lang: str | None) -> str:
    """A date for people to read: "2 december 2026" / "2 December 2026"."""
    return str(format_date(value, format="long", locale=_locale(lang)))
