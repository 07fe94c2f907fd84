"""Putting user text into Markdown safely (HTML is never enabled; this also stops formatting)."""

from __future__ import annotations

_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$")
# Streamlit turns ":smile:", ":material/x:" and ":red[x]" into emoji, icons and colour after the
# Markdown escapes are gone, so a backslash cannot stop them. An invisible word joiner after each
# colon breaks every such shortcode and still reads (and wraps) like the text the user typed.
WORD_JOINER = "\u2060"


def md(text: str, *, single_line: bool = True) -> str:
    """Escape ``text`` so Markdown (and Streamlit's shortcodes) shows it literally."""
    if single_line:
        text = " ".join(text.split())
    return "".join("\\" + ch if ch in _SPECIALS else ch + WORD_JOINER if ch == ":" else ch for ch in text)
