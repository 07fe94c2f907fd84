"""The one store the app talks to, opened once per process and per data location.

`assessment.storage.open_store()` picks the database in ``DATABASE_URL`` or SQLite under
``ASSESSMENT_DATA_DIR`` (default ``./data``). The cache key includes both variables so tests that
point the app at a fresh temporary directory get a fresh store in the same process.
"""

from __future__ import annotations

import streamlit as st

from assessment.settings import settings
from assessment.storage import Store, open_store


@st.cache_resource(show_spinner=False)
def _open(database_url: str, data_dir: str) -> Store:
    return open_store()


def get_store() -> Store:
    current = settings()
    return _open(current.database_url or "", str(current.data_dir))
