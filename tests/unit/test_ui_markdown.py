"""`md()`: user text shown through Markdown keeps every character and formats nothing, including
Streamlit's emoji/icon shortcodes and colour directives."""

from __future__ import annotations

import re

from assessment.ui.components.text import WORD_JOINER, md

HOSTILE = ":red[x] :smile: :-1: :material/home: **b** <b> & ŋ đ č ŧ ï"
# What Streamlit would turn into emoji, icons or colour.
SHORTCODE = re.compile(r":[\w/+-]+:|:[a-z]+\[|:material/")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")


def test_shortcodes_and_colour_directives_are_broken_but_text_is_kept() -> None:
    escaped = md(HOSTILE)
    assert not SHORTCODE.search(escaped), escaped
    assert "**" not in escaped and "<b>" not in escaped
    assert _unescape(escaped) == HOSTILE


def test_colons_in_ordinary_text_stay_readable() -> None:
    escaped = md("Kl. 12:30: möte")
    assert escaped.replace(WORD_JOINER, "") == "Kl\\. 12:30: möte"
