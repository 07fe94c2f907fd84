"""The app's view of `assessment.analysis`: the findings for the open assessment.

Several parts of a page ask for the findings in one rerun; they are computed once per saved
version and language and kept in the session (every change makes a new version).
"""

from __future__ import annotations

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
