"""Page styling. Only the constant CSS below is ever passed with ``unsafe_allow_html``."""

from __future__ import annotations

import streamlit as st

_BASE_CSS = """
<style>
/* Keep the page calm on a projector: a readable measure, no jumping header. */
.block-container {padding-top: 2.2rem; padding-bottom: 3rem; max-width: 1280px;}
[data-testid="stSidebar"] [data-testid="stRadio"] label p {font-size: 1rem;}
h1 {font-size: 2rem !important;}
h2 {font-size: 1.45rem !important;}
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


def apply(large: bool) -> None:
    st.markdown(_BASE_CSS, unsafe_allow_html=True)
    if large:
        st.markdown(_LARGE_CSS, unsafe_allow_html=True)
