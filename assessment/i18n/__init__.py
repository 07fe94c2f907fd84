"""Message catalogue: every user-facing string lives in `messages/*.yaml` with Swedish and English.

Each catalogue file maps a dotted key to ``{sv: ..., en: ...}``. Keys are namespaced by the file
name (``core.yaml`` -> ``core.*``) so areas can be edited independently.

**Plurals.** A language's text may be a mapping of CLDR plural categories instead of a string,
``{sv: {one: "{count} fil", other: "{count} filer"}, en: {...}}``; `t` picks the form for the
``count`` (or ``n``) parameter by the language's plural rules (Babel). ``other`` is required.
A text with several counts writes each one inline as ``{name:one form|other form}``, ``#`` standing
for the number: ``"{rows:# rad|# rader} men {columns:# kolumn|# kolumner}"`` (Swedish and English
have exactly these two CLDR categories). tests/unit/test_i18n_plurals.py fails on a count written
before a noun without plural forms.

**Strict mode** (``ASSESSMENT_I18N_STRICT=1``, on for the whole test suite): an unknown key or a
text whose placeholders the parameters do not fill raises `MissingMessage` instead of showing the
key or the raw text, so a missing translation fails a test rather than reaching a user.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING, Literal, get_args

import yaml

from assessment.i18n.text import LocalText
from assessment.settings import settings

if TYPE_CHECKING:
    from babel import Locale

Lang = Literal["sv", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "sv"

# A plain folder inside the package (also in a wheel); importlib.resources finds it wherever installed.
_MESSAGES_DIR = Path(str(files(__name__).joinpath("messages")))


STRICT_ENV = "ASSESSMENT_I18N_STRICT"
_PLURAL_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


class MissingMessage(KeyError):
    """Strict mode: a message key is not in the catalogue, or its placeholders were not filled."""


# Our own files, safe constructs only; libyaml's parser is ~10x faster than PyYAML's (0.8 s for
# all catalogues, most of a cold command's time).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The areas (file stems) there are; a key's area is the part before its first dot.
_AREAS = frozenset(path.stem for path in _MESSAGES_DIR.glob("*.yaml"))

Texts = dict[str, dict[str, str]]
Plurals = dict[str, dict[str, dict[str, str]]]


@cache
def _area(area: str) -> tuple[Texts, Plurals]:
    """One catalogue file, read and validated the first time a key of its area is asked for (a
    command needs a few areas; parsing all of them cost a cold `validate` tens of ms)."""
    merged: Texts = {}
    plural: Plurals = {}
    if area not in _AREAS:
        return merged, plural
    path = _MESSAGES_DIR / f"{area}.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 - safe
    for key, texts in data.items():
        if not isinstance(texts, dict) or set(LANGUAGES) - set(texts):
            raise ValueError(f"{path.name}: message {key!r} needs both 'sv' and 'en'")
        full = f"{area}.{key}"
        forms = {lang: texts[lang] for lang in LANGUAGES if isinstance(texts[lang], dict)}
        for lang, variants in forms.items():
            if "other" not in variants or set(variants) - _PLURAL_CATEGORIES:
                raise ValueError(f"{path.name}: plural message {key!r} ({lang}) needs 'other'")
        if forms:
            if len(forms) != len(LANGUAGES):
                raise ValueError(f"{path.name}: plural message {key!r} needs forms in every language")
            plural[full] = {lang: {k: str(v) for k, v in forms[lang].items()} for lang in LANGUAGES}
        merged[full] = {
            lang: str(texts[lang]["other"] if lang in forms else texts[lang]) for lang in LANGUAGES
        }
    return merged, plural


def _area_of(key: str) -> tuple[Texts, Plurals]:
    return _area(key.partition(".")[0])


@lru_cache(maxsize=1)
def _all() -> Texts:
    merged: Texts = {}
    for area in sorted(_AREAS):
        merged.update(_area(area)[0])
    return merged


@lru_cache(maxsize=2048)
def _fields(text: str) -> frozenset[str]:
    """The placeholders of a text (empty when it has none, or braces that are not placeholders)."""
    try:
        return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
    except ValueError:
        return frozenset()


def catalogue() -> dict[str, dict[str, str]]:
    """All messages, keyed by ``<file stem>.<key>``; validated so every key has every language.
    (A plural message appears with its ``other`` form.)"""
    return _all()


def strict() -> bool:
    return settings().i18n_strict


@lru_cache(maxsize=4)
def _plural_rule(lang: Lang) -> Locale:
    from babel import Locale  # only a text with a count needs the plural rules

    return Locale.parse({"sv": "sv_SE", "en": "en_GB"}[lang])


def _plural_form(key: str, lang: Lang, params: dict[str, object]) -> str | None:
    forms = _area_of(key)[1].get(key)
    count = params.get("count", params.get("n"))
    if forms is None or not isinstance(count, int | float):
        return None
    variants = forms[lang]
    return variants.get(_plural_rule(lang).plural_form(abs(count)), variants["other"])


class _PluralFormatter(Formatter):
    """`str.format` plus inline plurals: ``{rows:# rad|# rader}`` (one|other, ``#`` = the number)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" not in format_spec:
            return str(super().format_field(value, format_spec))
        one, other = format_spec.split("|", 1)
        category = "other"
        if isinstance(value, int | float) and not isinstance(value, bool):
            category = _plural_rule(self.lang).plural_form(abs(value))
        return (one if category == "one" else other).replace("#", str(value))


@lru_cache(maxsize=2048)
def _inline_plural(text: str) -> bool:
    try:
        return any(spec and "|" in spec for _, _, spec, _ in Formatter().parse(text))
    except ValueError:
        return False


def normalise_lang(lang: str | None) -> Lang:
    return "en" if lang == "en" else "sv"


def t(key: str, lang: str | None = DEFAULT_LANG, /, **params: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}``.

    An unknown key returns the key itself so a missing translation is visible but never crashes
    (in strict mode it raises `MissingMessage`).
    """
    texts = _area_of(key)[0].get(key)
    if texts is None:
        if strict():
            raise MissingMessage(key)
        return key
    language = normalise_lang(lang)
    # A parameter in both languages (a data file's title) is filled in the message's language.
    if any(isinstance(v, LocalText) for v in params.values()):
        params = {k: v.get(language) if isinstance(v, LocalText) else v for k, v in params.items()}
    text = _plural_form(key, language, params) or texts[language]
    if not params:
        if _fields(text) and strict():
            raise MissingMessage(f"{key}: needs {sorted(_fields(text))}")
        return text
    try:
        if _inline_plural(text):
            return _PluralFormatter(language).format(text, **params)
        return text.format(**params)
    except (KeyError, IndexError, ValueError) as err:
        if strict():
            raise MissingMessage(f"{key}: {err!r} with {sorted(params)}") from err
        return text
