"""The one vocabulary of references: parse, canonicalise, sort and label every ref an assessment uses.

Refs are plain strings in the file format (easy to type in YAML and spreadsheets): ``sdg:8`` (a
goal), ``7.2`` / ``7.b`` (a target), ``rus:<id>``, ``actor:<name>``, ``other:<framework>:<goal>``
and bare conflict/measure ids. This module is the only place that knows their syntax (one regex
family below) and how they read to people (`ref_label`, texts in ``messages/refs.yaml``); the app,
the PDFs, the portfolio, the screening, the workshop and the CLI all name refs through it.

- `parse_ref` classifies a ref as written in a file, without checking that it exists.
- `read_sdg_code` reads what a person typed where an SDG code is expected ("SDG 13", "Mål 13",
  "delmål 7.2", "7.A", 13) and gives the stored spelling or raises `UnknownCode`.
- `canonical_sdg` is the stored spelling of an existing SDG ref, else None (RUS refs, ids …).
- `goal_number`, `goal_ref`, `is_goal`, `sort_key` work on canonical SDG refs.
- `ref_label` is the readable name of any ref; `goal_label` of a goal number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assessment import formats
from assessment.errors import Problem, UnknownCode, UserError
from assessment.i18n import catalogue, t
from assessment.knowledge.frameworks import frameworks
from assessment.knowledge.sdg import SdgGoal, sdg_catalog
from assessment.validation import shown

RefKind = Literal["sdg", "target", "rus", "actor", "other", "item"]

# The regex family. A goal is a number, a target a goal number, a dot and a number or letter(s).
# The shapes are looser than the catalogue ("7.ab", "99") on purpose: what looks like an SDG code
# is read as one, so a mistyped code is named as an unknown goal or target, not as some other ref.
GOAL_SHAPE = r"[0-9]{1,3}"  # ASCII digits only: int() would also read "٨" as 8
TARGET_SHAPE = rf"{GOAL_SHAPE}\.[0-9a-z]{{1,2}}"
CODE_SHAPE = rf"{GOAL_SHAPE}(?:\.[0-9a-z]{{1,2}})?"  # a goal or a target, for grammars that embed one
# In a file a goal or target may carry an "sdg" prefix ("sdg:8", "SDG 8", "sdg8"); where a person
# types an SDG code, the words "mål", "goal", "delmål" and "target" are accepted too ("Mål 13").
_FILE_PREFIX = r"(?:sdg\s*:?\s*)?"
_INPUT_PREFIX = r"(?:(?:sdg|mål|goal|delmål|target)\s*[:\-]?\s*)?"
_FILE_CODE = re.compile(rf"^{_FILE_PREFIX}(?P<goal>{GOAL_SHAPE})(?:\.(?P<sub>[0-9a-z]{{1,2}}))?$", re.I)
_INPUT_CODE = re.compile(rf"^{_INPUT_PREFIX}(?P<goal>{GOAL_SHAPE})(?:\.(?P<sub>[0-9a-z]{{1,2}}))?$", re.I)
_PREFIXED = ("rus", "actor", "other")


@dataclass(frozen=True)
class Ref:
    kind: RefKind
    code: str

    def __str__(self) -> str:
        if self.kind in ("target", "item"):
            return self.code
        return f"{self.kind}:{self.code}"


def _code(match: re.Match[str]) -> tuple[int, str | None]:
    sub = match.group("sub")
    return int(match.group("goal")), (str(int(sub)) if sub.isdigit() else sub.lower()) if sub else None


def parse_ref(raw: str | int) -> Ref:
    """Classify a reference without checking that it exists (see `domain.checks` for that).

    SDG codes come out in their stored spelling (``"SDG 08"`` -> ``sdg:8``, ``"7.B"`` -> ``7.b``);
    other kinds keep their code as written, without the spaces around it.
    """
    text = str(raw).strip()
    if match := _FILE_CODE.match(text):
        goal, sub = _code(match)
        return Ref("sdg", str(goal)) if sub is None else Ref("target", f"{goal}.{sub}")
    prefix, sep, rest = text.partition(":")
    if sep and prefix.lower() in _PREFIXED and rest.strip():
        return Ref(prefix.lower(), rest.strip())  # type: ignore[arg-type]
    return Ref("item", text)


def _shown(raw: object) -> str:
    try:
        return shown(raw)
    except ValueError:  # an int too long for str() (over 4300 digits)
        return "…"


def read_sdg_code(raw: object) -> str:
    """What a person typed where an SDG goal or target is expected, in its stored spelling.

    Accepts ``13``, ``"13"``, ``"sdg:13"``, ``"SDG 13"``, ``"Mål 13"``, ``"goal 13"`` for goals and
    ``"7.2"``, ``"sdg:7.2"``, ``"delmål 7.2"``, ``"7.A"`` for targets (surrounding spaces ignored);
    raises `UnknownCode` naming what was typed when no such goal or target exists.
    """
    if isinstance(raw, SdgGoal):
        return raw.code
    if isinstance(raw, bool):  # bool is an int subclass; True is not goal 1
        raise UnknownCode(Problem("core.unknown_sdg_code", {"code": _shown(raw)}))
    if isinstance(raw, float):
        # YAML reads an unquoted 7.10 as the number 7.1: refuse rather than guess.
        raise UnknownCode(Problem("knowledge.target_code_as_number", {"code": _shown(raw)}))
    if isinstance(raw, int):
        return sdg_catalog().canonical(raw)
    code = getattr(raw, "code", raw)  # an SdgTarget
    if not isinstance(code, str):
        raise UnknownCode(Problem("core.unknown_sdg_code", {"code": _shown(raw)}))
    match = _INPUT_CODE.match(code.strip())
    if match is None:
        raise UnknownCode(Problem("core.unknown_sdg_code", {"code": _shown(code)}))
    goal, sub = _code(match)
    try:
        return sdg_catalog().canonical(goal if sub is None else f"{goal}.{sub}")
    except UnknownCode:
        key = "core.unknown_sdg_goal" if sub is None else "core.unknown_sdg_target"
        raise UnknownCode(Problem(key, {"code": _shown(code)})) from None


@lru_cache(maxsize=8192)
def canonical_sdg(raw: str | int) -> str | None:
    """``"sdg:13"`` / ``"7.2"`` for an existing SDG goal or target written as in a file, else None
    (RUS refs, conflict ids, unknown codes)."""
    ref = parse_ref(raw)
    if ref.kind == "sdg":
        return str(ref) if int(ref.code) in sdg_catalog().goals else None
    if ref.kind == "target":
        return ref.code if ref.code in sdg_catalog().targets else None
    return None


def goal_ref(ref: str | int) -> str:
    """The goal ref of a goal number or of a canonical SDG ref: ``8`` / ``"8.5"`` -> ``"sdg:8"``."""
    return f"sdg:{ref if isinstance(ref, int) else goal_number(ref)}"


@lru_cache(maxsize=4096)
def goal_number(ref: str) -> int:
    """The goal a canonical SDG ref belongs to: ``"sdg:7"`` -> 7, ``"7.2"`` -> 7."""
    return int(ref.removeprefix("sdg:").split(".")[0])


def bare_code(ref: str) -> str:
    """A canonical SDG ref as a bare code for tight spaces (matrix axes): ``sdg:8`` -> ``8``."""
    return ref.removeprefix("sdg:")


def is_goal(ref: str) -> bool:
    """Whether a canonical SDG ref names a goal (``sdg:7``) rather than a target (``7.2``)."""
    return ref.startswith("sdg:")


@lru_cache(maxsize=4096)
def sort_key(ref: str) -> tuple[int, int, int, str]:
    """SDG order for canonical SDG refs: goal 7 before its targets 7.1, 7.2 … 7.10, 7.a; any other
    ref after all SDG refs, by kind and then as written."""
    parsed = parse_ref(ref)
    if parsed.kind == "sdg":
        return (0, int(parsed.code), -1, "")
    if parsed.kind == "target":
        goal, minor = parsed.code.split(".")
        return (0, int(goal), int(minor) if minor.isdigit() else 100, minor)
    return (1 + ("rus", "other", "actor", "item").index(parsed.kind), 0, 0, parsed.code)


def signed(value: int) -> str:
    """Impact/score with an explicit sign: +2, 0, −1 (typographic minus reads well on screen)."""
    return formats.signed(value)


# Labels -----------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # the analysis names the same few refs in thousands of findings
def goal_label(number: int, lang: str, *, titled: bool = True) -> str:
    """``"mål 9 (Hållbar industri, innovationer och infrastruktur)"`` / ``"SDG 9 (Industry, …)"``;
    ``titled=False``: ``"mål 9"`` / ``"SDG 9"``. A number that is no goal gets no title."""
    goal = sdg_catalog().goals.get(number) if titled else None
    if goal is None:
        return t("refs.goal_code", lang, number=number)
    return t("refs.goal", lang, number=number, title=goal.title.get(lang))


@lru_cache(maxsize=4096)
def _target_label(code: str, lang: str, titled: bool) -> str:
    target = sdg_catalog().targets.get(code) if titled else None
    if target is None:
        return t("refs.target_code", lang, code=code)
    return t("refs.target", lang, code=code, title=target.label(lang))


def rus_goal_title(code: str, lang: str) -> str | None:
    """The RUS goal's title in ``lang`` (``"v_ecosystems"`` -> "Livskraftiga ekosystem …"), or None
    when the model does not know it or cannot be loaded."""
    from assessment.process_models import rus_model  # lazy: the domain loads without the models

    try:
        goal = rus_model().rus_goal(code)
    except UserError:
        return None
    return goal.title.get(lang) if goal is not None else None


def other_goal_titles(framework_id: str, goal_id: str, lang: str) -> tuple[str, str]:
    """(framework title, goal title) of an other-goal ref; the ids where the data does not know them."""
    try:
        known = frameworks().get(framework_id)
    except UserError:
        known = None
    if known is None:
        return framework_id, goal_id
    goal = known.goals.get(goal_id)
    return known.title.get(lang), goal.title.get(lang) if goal is not None else goal_id


def _other_label(code: str, lang: str, sentence: bool) -> str:
    framework_id, _, goal_id = code.partition(":")
    framework, goal = other_goal_titles(framework_id, goal_id, lang)
    # In a sentence, a short natural prefix ("miljökvalitetsmålet X") where the catalogue has one.
    key = f"refs.in_sentence_{framework_id}"
    if sentence and goal != goal_id and key in catalogue():
        return t(key, lang, title=goal)
    return t("refs.other", lang, goal=goal, framework=framework)


def clip(text: str, limit: int = 70) -> str:
    """One line of at most ``limit`` characters, cut with "…" (descriptions used as labels)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ref_label(
    raw: str,
    lang: str,
    *,
    titled: bool = True,
    sentence: bool = False,
    items: Mapping[str, str] | None = None,
) -> str:
    """The readable name of any ref, the same on every surface.

    - ``sdg:13`` -> "mål 13 (Bekämpa klimatförändringarna)", ``7.2`` -> "delmål 7.2 (Öka andelen
      förnybar energi)": the title in parentheses, so a list of refs stays readable even where a
      title has commas of its own (goal 9); ``titled=False`` -> "mål 13", "delmål 7.2".
    - ``rus:<id>`` -> "RUS: <title>"; in a sentence (``sentence=True``) "RUS-målet <title>".
    - ``other:<framework>:<goal>`` -> "<goal> (<framework>)"; in a sentence the framework's own
      phrase where the catalogue has one ("miljökvalitetsmålet <goal>").
    - ``actor:<name>`` -> "aktör: <name>".
    - a conflict or measure id -> "K1: <its text, clipped>" when ``items`` (id -> text) knows it.

    Unknown codes and ids are shown as written, never dropped.
    """
    ref = parse_ref(raw)
    if ref.kind == "sdg":
        return goal_label(int(ref.code), lang, titled=titled)
    if ref.kind == "target":
        return _target_label(ref.code, lang, titled)
    if ref.kind == "rus":
        title = rus_goal_title(ref.code, lang) or ref.code
        return t("refs.rus_in_sentence" if sentence else "refs.rus", lang, title=title)
    if ref.kind == "other":
        return _other_label(ref.code, lang, sentence)
    if ref.kind == "actor":
        return t("refs.actor", lang, name=ref.code)
    text = items.get(ref.code) if items is not None else None
    return t("refs.item", lang, id=ref.code, text=clip(text)) if text else ref.code
