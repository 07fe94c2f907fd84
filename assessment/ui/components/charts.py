"""The one Plotly configuration for every chart of the app: no Plotly logo, and the chart
toolbar's tooltips and messages in the user's language.

plotly.js translates its own texts through ``config.locale`` and ``config.locales`` (a
dictionary from its English strings); the English strings below are the ones Streamlit 1.67's
bundled plotly.js asks for (its ``_(gd, "...")`` calls), constants of this module, never user
text. A string missing here stays English, which `tests/unit/test_ui_charts.py` guards for the
buttons a 2-D chart shows.
"""

from __future__ import annotations

from typing import Any

from assessment.i18n import t

PLOTLY_TEXTS = {
    "Download plot as a PNG": "ui.plotly_download_png",
    "Download plot": "ui.plotly_download",
    "Zoom": "ui.plotly_zoom",
    "Pan": "ui.plotly_pan",
    "Box Select": "ui.plotly_box_select",
    "Lasso Select": "ui.plotly_lasso_select",
    "Zoom in": "ui.plotly_zoom_in",
    "Zoom out": "ui.plotly_zoom_out",
    "Autoscale": "ui.plotly_autoscale",
    "Reset axes": "ui.plotly_reset_axes",
    "Reset view": "ui.plotly_reset_view",
    "Reset views": "ui.plotly_reset_view",
    "Reset": "ui.plotly_reset",
    "Toggle Spike Lines": "ui.plotly_spikelines",
    "Show closest data on hover": "ui.plotly_hover_closest",
    "Compare data on hover": "ui.plotly_hover_compare",
    "Toggle show closest data on hover": "ui.plotly_hover_toggle",
    "Preparing image - this may take a few seconds": "ui.plotly_preparing_image",
    "Image download succeeded": "ui.plotly_image_done",
    "Sorry, there was a problem downloading your image!": "ui.plotly_image_failed",
}


def plotly_config(lang: str, *, toolbar: bool = True) -> dict[str, Any]:
    """The ``config`` for `st.plotly_chart`: ``toolbar=False`` hides Plotly's own toolbar
    (small charts where zooming makes no sense)."""
    config: dict[str, Any] = {"displaylogo": False}
    if not toolbar:
        config["displayModeBar"] = False
    if lang != "en":
        dictionary = {english: t(key, lang) for english, key in PLOTLY_TEXTS.items()}
        config["locale"] = lang
        config["locales"] = {lang: {"dictionary": dictionary}}
    return config
