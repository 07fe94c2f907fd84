"""How numbers, signed impacts and dates are written, in every view (app, PDF, CLI, exports).

One place, so the app and the PDF cannot drift apart again (the app wrote ASCII "-2" while the PDF
wrote "−2"). Signed values use the typographic minus U+2212, which reads unambiguously on screen and
on paper and is what Swedish typography uses. Decimals and dates follow the user's language through
Babel's CLDR data: Swedish writes "1,5" and "2 december 2026", English "1.5" and "2 December 2026".
Dates come in three lengths: `date` for prose and title pages, `short_date` for table cells,
`moment` (date and time) and `clock` (time) for when something happened; an aware timestamp is shown
in the server's local time, as the people in the room read a clock.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
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


def number(value: float, lang: str | None, digits: int = 2) -> str:
    """A measured number with at most ``digits`` decimals, trailing zeros dropped: "1,5", "2",
    "−0,25" / "1.5" (an interquartile range, a mean score)."""
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
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


def short_date(value: dt.date | None, lang: str | None) -> str:
    """A date in a table cell: "2026-12-02" / "02/12/2026"; "" for no date."""
    if value is None:
        return ""
    return str(format_date(value, format="short", locale=_locale(lang)))


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone() if value.tzinfo is not None else value


def moment(value: dt.datetime | None, lang: str | None, *, seconds: bool = False) -> str:
    """When something happened: "2026-12-02 14:05" / "02/12/2026, 14:05" (with ``seconds``:
    "2026-12-02 14:05:33", for revisions saved within a minute); "" for no time."""
    if value is None:
        return ""
    local = _local(value)
    if not seconds:
        return str(format_datetime(local, format="short", locale=_locale(lang)))
    pattern = str(Locale.parse(_locale(lang)).datetime_formats["short"])  # "{1} {0}", "{1}, {0}"
    return pattern.format(clock(local, lang, seconds=True), short_date(local.date(), lang))


def clock(value: dt.datetime, lang: str | None, *, seconds: bool = False) -> str:
    """The time of day: "14:05" (or "14:05:33" with ``seconds``)."""
    return str(format_time(_local(value), format="medium" if seconds else "short", locale=_locale(lang)))
