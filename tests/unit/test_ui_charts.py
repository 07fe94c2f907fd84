"""Plotly's chart toolbar speaks the user's language: the config every chart gets."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit

from assessment.i18n import t
from assessment.ui.components.charts import PLOTLY_TEXTS, plotly_config

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"


def _bundled_plotly_strings() -> set[str]:
    """The strings Streamlit's plotly.js passes to its translation function (``_(gd, "...")``,
    minified as ``x(e,`...`)``)."""
    (source,) = [p.read_text(encoding="utf-8") for p in BUNDLE.glob("PlotlyChart*.js")]
    return set(re.findall(r"\b\w\(e,`([^`]+)`\)", source))


def test_swedish_config_translates_every_toolbar_text() -> None:
    config = plotly_config("sv")
    assert config["displaylogo"] is False and config["locale"] == "sv"
    dictionary = config["locales"]["sv"]["dictionary"]
    assert dictionary["Download plot as a PNG"] == "Ladda ner diagrammet som PNG"
    assert dictionary["Zoom in"] == "Zooma in"
    assert set(dictionary) == set(PLOTLY_TEXTS)
    for english, swedish in dictionary.items():
        assert swedish == t(PLOTLY_TEXTS[english], "sv") and swedish != english, english


def test_english_is_plotlys_own_and_the_toolbar_can_be_hidden() -> None:
    assert plotly_config("en") == {"displaylogo": False}
    assert plotly_config("sv", toolbar=False)["displayModeBar"] is False
    assert "displayModeBar" not in plotly_config("sv")


def test_the_translated_strings_are_the_ones_the_bundled_plotly_asks_for() -> None:
    bundled = _bundled_plotly_strings()
    # A Streamlit upgrade that rewords one of them would silently bring the English back.
    assert set(PLOTLY_TEXTS) <= bundled, set(PLOTLY_TEXTS) - bundled
    # Every button a 2-D chart's toolbar can show is translated.
    two_d = {"Zoom", "Pan", "Box Select", "Lasso Select", "Zoom in", "Zoom out", "Autoscale", "Reset axes"}
    assert two_d <= set(PLOTLY_TEXTS)
