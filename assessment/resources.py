"""Where the data shipped with the tool lives: the models, the knowledge base, the examples.

In a source checkout these are the top-level folders ``models/``, ``sdg_data/`` and ``examples/``
(the folders a region edits). An installed wheel carries a copy inside the package
(``assessment/_data/…``, see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml),
found through ``importlib.resources``. The copy inside the package wins when it exists, so an
installed tool never picks up an unrelated ``models/`` folder next to site-packages.

``ASSESSMENT_MODELS_DIR`` (see ``process_models.models_dir``) replaces the whole models folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The shipped file or folder ``name`` (e.g. ``"models"``, ``"sdg_data"``)."""
    packaged = files("assessment").joinpath("_data", name)
    if packaged.is_dir() or packaged.is_file():
        return Path(str(packaged))
    return _SOURCE_ROOT / name


def shipped_models_dir() -> Path:
    return shipped("models")


def sdg_data_dir() -> Path:
    return shipped("sdg_data")


def examples_dir() -> Path:
    return shipped("examples")


def app_script() -> Path:
    """The Streamlit entry script (``streamlit_app.py``)."""
    return shipped("streamlit_app.py")


def streamlit_config() -> Path:
    """The app's Streamlit settings (offline, no telemetry, no developer menu)."""
    packaged = shipped("streamlit/config.toml")
    return packaged if packaged.is_file() else _SOURCE_ROOT / ".streamlit" / "config.toml"
