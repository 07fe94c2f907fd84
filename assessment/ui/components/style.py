"""Page styling. Only the constant CSS below is ever passed with ``unsafe_allow_html``, plus
catalogue texts (never user text) escaped as CSS strings for Streamlit's built-in labels."""

from __future__ import annotations

import streamlit as st

from assessment.i18n import t

_BASE_CSS = """
<style>
/* Keep the page calm on a projector: a readable measure, no jumping header. */
.block-container {padding-top: 2.2rem; padding-bottom: 3rem; max-width: 1280px;}
[data-testid="stSidebar"] [data-testid="stRadio"] label p {font-size: 1rem;}
h1 {font-size: 2rem !important;}
h2 {font-size: 1.45rem !important;}
/* A figure's label wraps instead of ending in "…" ("Ohanterade frågor i portföljen som he…"). */
[data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
/* Visible keyboard focus on every control. */
button:focus-visible, input:focus-visible, textarea:focus-visible,
[role="radio"]:focus-visible, [role="option"]:focus-visible {
  outline: 3px solid #1f6feb !important; outline-offset: 2px;
}
</style>
"""

_LARGE_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] {font-size: 21px;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
label p, input, textarea, button p, [data-testid="stCaptionContainer"] {font-size: 1.2rem !important;}
h1 {font-size: 2.6rem !important;}
h2 {font-size: 1.9rem !important;}
h3 {font-size: 1.5rem !important;}
[data-testid="stMetricValue"] {font-size: 2.6rem !important;}
/* Projector: use the width of a 1920 px screen; the sidebar title fits without breaking a word. */
.block-container {max-width: 1840px;}
[data-testid="stSidebar"] h3 {font-size: 1.3rem !important; overflow-wrap: normal; word-break: normal;}
</style>
"""


# Streamlit's file uploader has English it cannot translate ("Upload", "100MB per file • CSV"):
# the text is drawn at size 0 and our catalogue's text is shown in its place.
_UPLOADER_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{
  font-size: 0 !important;
}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {button}; font-size: 0.95rem;
}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0 !important;}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: {hint}; font-size: 0.85rem;}}
</style>
"""


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;·–-()/%" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def uploader_css(lang: str, max_mb: int) -> str:
    return _UPLOADER_CSS.format(
        button=css_string(t("ui.upload_button", lang)),
        hint=css_string(t("ui.upload_hint", lang, mb=max_mb)),
    )


# The data grid's toolbar labels, hard-coded in English in Streamlit 1.67 (each button's
# aria-label is the label, or "label: table name"), and the catalogue text shown instead in the
# button's tooltip. The English labels are constants of this module, never user text.
TOOLBAR_LABELS = {
    "Add row": "ui.st_add_row",
    "Delete row(s)": "ui.st_delete_rows",
    "Clear selection": "ui.st_clear_selection",
    "Show/hide columns": "ui.st_show_hide_columns",
    "Download as CSV": "ui.st_download_csv",
    "Search": "ui.st_search",
    "Fullscreen": "ui.st_fullscreen",
    "Close fullscreen": "ui.st_close_fullscreen",
}
# The entries of the grid's "Show/hide columns" menu that are Streamlit's own words.
COLUMN_MENU_LABELS = {"Select all": "ui.st_select_all", "(index)": "ui.st_index"}
# A select box's or multiselect's empty list ("No results"; a multiselect with its maximum
# chosen says "You can only select up to N options…" in the same place, hence one text for both).
EMPTY_LISTS = {
    "stSelectboxVirtualDropdown": "ui.st_no_results",
    "stMultiSelectDropdown": "ui.st_no_options",
}
_EMPTY = '[data-testid="{testid}"] [role="listbox"][data-empty="true"] [role="option"] > span'
# The button Streamlit adds to Plotly's chart toolbar, titled in English outside plotly's own
# translation (charts.plotly_config translates the rest); plotly draws the tooltip from data-title.
CHART_BUTTONS = {"Fullscreen": "ui.st_fullscreen", "Close fullscreen": "ui.st_close_fullscreen"}
_CHART_TIP = ".js-plotly-plot .plotly .modebar-btn[data-title={label}]::after"

_HOVERED = '[data-testid="stElementToolbarButton"] button[aria-label^={label}]:is(:hover, :focus-visible)'
_TIP = '[data-testid="stTooltipContent"] [data-testid="stMarkdownContainer"] p'
_MENU_ITEM = (
    '[data-testid="stDataFrameColumnVisibilityMenu"] label:has(> input[aria-label={label}]) > span:last-child'
)


def builtin_css(lang: str) -> str:
    """Catalogue texts in place of Streamlit's English: the data grid's toolbar tooltip (drawn in
    a floating layer, so it is found through the hovered button), its column menu entries, the
    full-screen button Streamlit adds to charts, and the empty list of a select box or
    multiselect."""
    rules: list[str] = []
    for english, key in TOOLBAR_LABELS.items():
        hovered = _HOVERED.format(label=css_string(english))
        rules.append(f"body:has({hovered}) {_TIP} {{font-size: 0 !important;}}")
        rules.append(
            f"body:has({hovered}) {_TIP}::after {{content: {css_string(t(key, lang))}; font-size: 0.875rem;}}"
        )
    for english, key in COLUMN_MENU_LABELS.items():
        item = _MENU_ITEM.format(label=css_string(english))
        rules.append(f"{item} {{font-size: 0 !important;}}")
        rules.append(f"{item}::after {{content: {css_string(t(key, lang))}; font-size: 0.875rem;}}")
    for english, key in CHART_BUTTONS.items():
        tip = _CHART_TIP.format(label=css_string(english))
        rules.append(f"{tip} {{content: {css_string(t(key, lang))} !important;}}")
    for testid, key in EMPTY_LISTS.items():
        item = _EMPTY.format(testid=testid)
        rules.append(f"{item} {{font-size: 0 !important;}}")
        rules.append(f"{item}::after {{content: {css_string(t(key, lang))}; font-size: 0.875rem;}}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def apply(large: bool, lang: str = "sv") -> None:
    st.markdown(_BASE_CSS, unsafe_allow_html=True)
    max_mb = int(st.get_option("server.maxUploadSize"))
    st.markdown(uploader_css(lang, max_mb), unsafe_allow_html=True)
    st.markdown(builtin_css(lang), unsafe_allow_html=True)
    if large:
        st.markdown(_LARGE_CSS, unsafe_allow_html=True)
