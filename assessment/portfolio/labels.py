"""Headings of portfolio views in the user's language. Frames keep stable English column ids
(used by code, JSON and tests); these helpers translate only what people read."""

from __future__ import annotations

import pandas as pd

from assessment.i18n import t


def column_label(column: str, lang: str) -> str:
    key = f"portfolio.col_{column}"
    text = t(key, lang)
    return column if text == key else text


def view_title(name: str, lang: str) -> str:
    return t(f"portfolio.view_{name}", lang)


def figure_label(name: str, lang: str) -> str:
    return t(f"portfolio.fig_{name}", lang)


def localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with translated column and index headings; item keys (column names of the heatmap)
    are not in the catalogue and stay as they are."""
    out = frame.rename(columns={c: column_label(str(c), lang) for c in frame.columns})
    if out.index.name is not None:
        out.index = out.index.rename(column_label(str(out.index.name), lang))
    return out
