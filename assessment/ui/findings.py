"""The app's view of `assessment.analysis`: the findings for the open assessment.

Several parts of a page ask for the findings in one rerun; they are computed once per saved
version and language and kept in the session (every change makes a new version).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from assessment.analysis.findings import findings as analyse
from assessment.analysis.model import Findings
from assessment.domain import Assessment
from assessment.ui import state

_CACHE = "_findings_cache"


def findings(assessment: Assessment) -> Findings:
    lang = state.lang()
    key = (state.current_id(), state.current_version(), lang, id(assessment))
    cached = st.session_state.get(_CACHE)
    if cached is not None and cached[0] == key:
        result: Findings = cached[1]
        return result
    result = analyse(assessment, lang)
    st.session_state[_CACHE] = (key, result)
    return result


_FIGURE = "_graph_figure_cache"


def graph_figure(assessment: Assessment, zoom: float = 1.0) -> Any:
    """The interaction graph of the open assessment, built once per saved version, language and
    zoom (a rerun without a change, e.g. opening an expander, reuses it)."""
    from assessment.analysis.figures import interactive_figure

    lang = state.lang()
    key = (state.current_id(), state.current_version(), lang, zoom)
    cached = st.session_state.get(_FIGURE)
    # The assessment object is kept with the figure and compared by identity: an unsaved
    # working copy (same version, other content) never gets a stale picture.
    if cached is not None and cached[0] == key and cached[1] is assessment:
        return cached[2]
    figure = interactive_figure(assessment, lang, zoom)
    st.session_state[_FIGURE] = (key, assessment, figure)
    return figure
