"""Entry point: `streamlit run streamlit_app.py` (what `make run` starts)."""

from assessment.ui.app import main

main()
