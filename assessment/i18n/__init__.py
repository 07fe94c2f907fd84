"""Message catalogue: every user-facing string lives in `messages/*.yaml` with Swedish and English.

Each catalogue file maps a dotted key to ``{sv: ..., en: ...}``. Keys are namespaced by the file
name (``core.yaml`` -> ``core.*``) so areas can be edited independently.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Literal, get_args

import yaml

Lang = Literal["sv", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "sv"

# A plain folder inside the package (also in a wheel); importlib.resources finds it wherever installed.
_MESSAGES_DIR = Path(str(files(__name__).joinpath("messages")))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All messages, keyed by ``<file stem>.<key>``; validated so every key has every language."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(_MESSAGES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in data.items():
            if not isinstance(texts, dict) or set(LANGUAGES) - set(texts):
                raise ValueError(f"{path.name}: message {key!r} needs both 'sv' and 'en'")
            merged[f"{path.stem}.{key}"] = {lang: str(texts[lang]) for lang in LANGUAGES}
    return merged


def normalise_lang(lang: str | None) -> Lang:
    return "en" if lang == "en" else "sv"


def t(key: str, lang: str | None = DEFAULT_LANG, /, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}``.

    An unknown key returns the key itself so a missing translation is visible but never crashes.
    """
    texts = catalogue().get(key)
    if texts is None:
        return key
    text = texts[normalise_lang(lang)]
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
