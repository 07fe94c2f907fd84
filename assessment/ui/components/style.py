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


# Streamlit's file uploader has English it cannot translate ("Upload", "100MB per file • CSV",
# "Drag and drop a file here"): the text is drawn at size 0 and our catalogue's text is shown in
# its place. An uploaded file's chip ("x.yaml 17.6KB") keeps Streamlit's size: a number inside
# the chip's text, which CSS cannot rewrite ("17,6 kB").
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
{one}, {many} {{font-size: 0 !important;}}
{one}::after {{content: {drop_one}; font-size: 0.875rem;}}
{many}::after {{content: {drop_many}; font-size: 0.875rem;}}
</style>
"""
# The line shown while a file is dragged over the uploader: "Drag and drop a file here", or
# "… files here" where several are taken (a directory uploader's "directories" stays English).
_DROP = '[data-testid="stFileUploaderDropzone"]{which} > div:not([data-testid]) > span'
_DROP_ONE = _DROP.format(which=":not(:has(> input[multiple]))")
_DROP_MANY = _DROP.format(which=":has(> input[multiple]):not(:has(> input[webkitdirectory]))")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;·–-()/%" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def uploader_css(lang: str, max_mb: int) -> str:
    return _UPLOADER_CSS.format(
        button=css_string(t("ui.upload_button", lang)),
        hint=css_string(t("ui.upload_hint", lang, mb=max_mb)),
        one=_DROP_ONE,
        many=_DROP_MANY,
        drop_one=css_string(t("ui.upload_drop_one", lang)),
        drop_many=css_string(t("ui.upload_drop_many", lang)),
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

# The column header menu (the ⋮ of a column's header). Its entries have no label attribute and
# the text is a bare text node beside an icon, so each entry is found by its place, which
# Streamlit 1.67 fixes: the header, then (in a sortable grid) "Sort ascending", "Sort
# descending" and a divider, then the "Statistics" and "Format" submenu entries (wrapped, the
# only entries with aria-haspopup) where the column has them, and always "Autosize", "Pin
# column" (or "Unpin column") and "Hide column" last.
_COL_MENU = '[data-testid="stDataFrameColumnMenu"] > [role="menu"]'
HEADER_MENU_ENTRIES = {
    "Sort ascending": (
        '> [role="menuitem"]:nth-child(2):has(+ [role="menuitem"] + :not([role]))',
        "ui.st_sort_asc",
    ),
    "Sort descending": ('> [role="menuitem"]:nth-child(3):has(+ :not([role]))', "ui.st_sort_desc"),
    "Statistics": (
        '> [role="presentation"] > [role="menuitem"][aria-haspopup="true"] > div',
        "ui.st_statistics",
    ),
    "Format": ('> [role="presentation"] > [role="menuitem"][aria-haspopup="menu"] > div', "ui.st_format"),
    "Autosize": ('> [role="menuitem"]:nth-last-child(3)', "ui.st_autosize"),
    "Hide column": ('> [role="menuitem"]:nth-last-child(1)', "ui.st_hide_column"),
}
# "Pin column" and "Unpin column" take the same place and look alike to CSS (only the icon's
# ligature differs), so another language shows one text for both (NOT_IN_ENGLISH).
_PIN_ENTRY = '> [role="menuitem"]:nth-last-child(2)'
# The "Format" submenu: a number column's list, or a date/time column's (Automatic, Localized,
# Distance, Calendar; a date lacks Calendar, a time both); both lists in Streamlit's order.
_FORMAT_MENU = '[data-testid="stDataFrameColumnFormattingMenu"] > [role="menu"]'
NUMBER_FORMATS = [
    "ui.st_fmt_automatic",
    "ui.st_fmt_localized",
    "ui.st_fmt_plain",
    "ui.st_fmt_compact",
    "ui.st_fmt_dollar",
    "ui.st_fmt_euro",
    "ui.st_fmt_yen",
    "ui.st_fmt_percent",
    "ui.st_fmt_scientific",
    "ui.st_fmt_accounting",
    "ui.st_fmt_duration",
]
DATE_FORMATS = ["ui.st_fmt_automatic", "ui.st_fmt_localized", "ui.st_fmt_distance", "ui.st_fmt_calendar"]
# The "Statistics" submenu's row labels, one list per column type in Streamlit's order; the
# lists' lengths differ (11, 6, 9, 2), so a row's place and the list's length name its label.
_STAT_ROW = '[data-testid="stDataFrameStatisticsMetrics"] > :nth-child({k}):nth-last-child({rest}) > dt'
STATISTICS_ROWS = {
    "numeric": [
        "ui.st_stat_values",
        "ui.st_stat_empty",
        "ui.st_stat_distinct",
        "ui.st_stat_average",
        "ui.st_stat_std",
        "ui.st_stat_min",
        "ui.st_stat_q25",
        "ui.st_stat_median",
        "ui.st_stat_q75",
        "ui.st_stat_max",
        "ui.st_stat_sum",
    ],
    "text": [
        "ui.st_stat_values",
        "ui.st_stat_empty",
        "ui.st_stat_distinct",
        "ui.st_stat_min_length",
        "ui.st_stat_max_length",
        "ui.st_stat_avg_length",
    ],
    "datetime": [
        "ui.st_stat_values",
        "ui.st_stat_empty",
        "ui.st_stat_min",
        "ui.st_stat_q25",
        "ui.st_stat_median",
        "ui.st_stat_q75",
        "ui.st_stat_max",
        "ui.st_stat_average",
        "ui.st_stat_range",
    ],
    "boolean": ["ui.st_stat_values", "ui.st_stat_empty"],
}
# "No data" (a column without values) and the search bar's "Type to search" (its result count,
# "3 results", holds a number and stays Streamlit's).
OTHER_GRID_TEXTS = {
    '[data-testid="stDataFrameStatisticsMenu"] > :not([data-testid])': "ui.st_stat_no_data",
    '[data-testid="stDataFrame"] .gdg-search-status > label': "ui.st_type_to_search",
}

# The hint under a text or number input ("Press Enter to apply", in a form "… to submit form"; a
# text area says "Press Ctrl+Enter …", "⌘+Enter" on a Mac). It is the first span of
# InputInstructions; a field with a maximum length may show only its counter ("3/200") there, so
# in such a field the hint is the first of two spans.
_FORM = '[data-testid="stForm"]'
_SINGLE = ':is([data-testid="stTextInput"], [data-testid="stNumberInput"])'
_MULTI = '[data-testid="stTextArea"]'
_HINT = ' [data-testid="InputInstructions"] > span:first-child'


def _hint_places(widget: str, field: str, in_form: bool) -> list[str]:
    where = f"{_FORM} {widget}" if in_form else f"{widget}:not({_FORM} *)"
    return [
        f"{where}:not(:has({field}[maxlength])){_HINT}",
        f"{where}:has({field}[maxlength]){_HINT}:has(+ span)",
    ]


INPUT_HINTS = {
    "ui.st_enter_apply": _hint_places(_SINGLE, "input", in_form=False),
    "ui.st_enter_submit": _hint_places(_SINGLE, "input", in_form=True),
    "ui.st_ctrl_enter_apply": _hint_places(_MULTI, "textarea", in_form=False),
    "ui.st_ctrl_enter_submit": _hint_places(_MULTI, "textarea", in_form=True),
}
# The app menu (⋮, top right) in viewer mode: "Print" and, while not recording, "Record screen"
# (its label then has no shortcut beside it; "Cancel/Stop recording" stay Streamlit's).
_MENU_LABEL = '[data-testid="stMainMenuItem-{key}"] [data-testid="stMainMenuItemLabel"]'
MAIN_MENU = {
    _MENU_LABEL.format(key="print"): "ui.st_print",
    _MENU_LABEL.format(key="recordScreencast") + ":only-child": "ui.st_record_screen",
}
# Texts that stand for more than one English original (Pin/Unpin column; Ctrl or ⌘ by platform):
# drawn only outside English, where Streamlit's own words are exact.
NOT_IN_ENGLISH = {"ui.st_pin_toggle", "ui.st_ctrl_enter_apply", "ui.st_ctrl_enter_submit"}


def _drawn(key: str, lang: str) -> bool:
    return lang != "en" or key not in NOT_IN_ENGLISH


def _replaced(selectors: list[str], text: str, size: str = "0.875rem") -> list[str]:
    """Streamlit's English at ``selectors`` drawn at size 0, ``text`` drawn after it instead."""
    after = ", ".join(f"{s}::after" for s in selectors)
    return [
        f"{', '.join(selectors)} {{font-size: 0 !important;}}",
        f"{after} {{content: {css_string(text)}; font-size: {size};}}",
    ]


def _flex_entry(selectors: list[str], text: str) -> list[str]:
    """Entries whose English is a bare text node in a flex row after an icon: the row's text at
    size 0 without the gap around it, and ``text`` after it where the gap was."""
    after = ", ".join(f"{s}::after" for s in selectors)
    return [
        f"{', '.join(selectors)} {{font-size: 0 !important; column-gap: 0 !important;}}",
        f"{after} {{content: {css_string(text)}; font-size: 0.875rem; margin-left: 0.5rem;}}",
    ]


def _menu_and_hint_rules(lang: str) -> list[str]:
    rules: list[str] = []
    for selector, key in HEADER_MENU_ENTRIES.values():
        rules += _flex_entry([f"{_COL_MENU} {selector}"], t(key, lang))
    if _drawn("ui.st_pin_toggle", lang):
        rules += _flex_entry([f"{_COL_MENU} {_PIN_ENTRY}"], t("ui.st_pin_toggle", lang))
    # One pair of rules per text, its places joined: a long list has a fifth entry.
    places: dict[str, list[str]] = {}
    long_list = ":has(> :nth-child(5))"
    for formats, which in ((NUMBER_FORMATS, long_list), (DATE_FORMATS, f":not({long_list})")):
        for k, key in enumerate(formats, start=1):
            places.setdefault(key, []).append(f'{_FORMAT_MENU}{which} > [role="menuitem"]:nth-child({k})')
    for key, selectors in places.items():
        rules += _flex_entry(selectors, t(key, lang))
    places = {}
    for rows in STATISTICS_ROWS.values():
        for k, key in enumerate(rows, start=1):
            places.setdefault(key, []).append(_STAT_ROW.format(k=k, rest=len(rows) + 1 - k))
    for selector, key in OTHER_GRID_TEXTS.items():
        places.setdefault(key, []).append(selector)
    for selector, key in MAIN_MENU.items():
        places[key] = [selector]
    for key, selectors in INPUT_HINTS.items():
        if _drawn(key, lang):
            places[key] = selectors
    for key, selectors in places.items():
        rules += _replaced(selectors, t(key, lang), "0.75rem" if key in INPUT_HINTS else "0.875rem")
    return rules


def builtin_css(lang: str) -> str:
    """Catalogue texts in place of Streamlit's English: the data grid's toolbar tooltip (drawn in
    a floating layer, so it is found through the hovered button), its "Show/hide columns" menu
    entries, its column header menu with the "Format" and "Statistics" submenus, its search bar's
    hint; the hint under a text or number field, the app menu's entries, the full-screen button
    Streamlit adds to charts, and the empty list of a select box or multiselect."""
    rules: list[str] = []
    for english, key in TOOLBAR_LABELS.items():
        hovered = _HOVERED.format(label=css_string(english))
        rules.append(f"body:has({hovered}) {_TIP} {{font-size: 0 !important;}}")
        rules.append(
            f"body:has({hovered}) {_TIP}::after {{content: {css_string(t(key, lang))}; font-size: 0.875rem;}}"
        )
    for english, key in COLUMN_MENU_LABELS.items():
        rules += _replaced([_MENU_ITEM.format(label=css_string(english))], t(key, lang))
    for english, key in CHART_BUTTONS.items():
        tip = _CHART_TIP.format(label=css_string(english))
        rules.append(f"{tip} {{content: {css_string(t(key, lang))} !important;}}")
    for testid, key in EMPTY_LISTS.items():
        rules += _replaced([_EMPTY.format(testid=testid)], t(key, lang))
    rules += _menu_and_hint_rules(lang)
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def apply(large: bool, lang: str = "sv") -> None:
    st.markdown(_BASE_CSS, unsafe_allow_html=True)
    max_mb = int(st.get_option("server.maxUploadSize"))
    st.markdown(uploader_css(lang, max_mb), unsafe_allow_html=True)
    st.markdown(builtin_css(lang), unsafe_allow_html=True)
    if large:
        st.markdown(_LARGE_CSS, unsafe_allow_html=True)
