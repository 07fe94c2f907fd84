"""Placeholder until the page lands."""

import streamlit as st

from assessment.ui.state import tr


def render() -> None:
    st.title(tr("page.summary"))
