"""Putting user text into Markdown safely (HTML is never enabled; this also stops formatting)."""

from __future__ import annotations

_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$")


def md(text: str, *, single_line: bool = True) -> str:
    """Escape ``text`` so Markdown shows it literally."""
    if single_line:
        text = " ".join(text.split())
    return "".join("\\" + ch if ch in _SPECIALS else ch for ch in text)
