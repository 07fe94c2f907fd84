"""References between items of an assessment: ``sdg:8``, ``7.2``, ``rus:<id>``, ``actor:<name>``,
``other:<framework>:<goal>`` and bare conflict/measure ids.

Refs are plain strings in the file format (easy to type in YAML and spreadsheets); this module
classifies and normalises them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assessment import formats

RefKind = Literal["sdg", "target", "rus", "actor", "other", "item"]

_TARGET = re.compile(r"^(?:sdg:)?(\d{1,2})\.(\d{1,2}|[a-z])$", re.IGNORECASE)
_GOAL = re.compile(r"^(?:sdg[: ]?\s*)?(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class Ref:
    kind: RefKind
    code: str

    def __str__(self) -> str:
        if self.kind in ("target", "item"):
            return self.code
        return f"{self.kind}:{self.code}"


def parse_ref(raw: str | int) -> Ref:
    """Classify a reference without checking that it exists (see `domain.checks` for that)."""
    text = str(raw).strip()
    if match := _TARGET.match(text):
        return Ref("target", f"{int(match.group(1))}.{match.group(2).lower()}")
    if match := _GOAL.match(text):
        return Ref("sdg", str(int(match.group(1))))
    prefix, sep, rest = text.partition(":")
    if sep and prefix.lower() in ("rus", "actor", "other") and rest.strip():
        return Ref(prefix.lower(), rest.strip())  # type: ignore[arg-type]
    return Ref("item", text)


def sdg_ref(goal: int) -> str:
    return f"sdg:{goal}"


def signed(value: int) -> str:
    """Impact/score with an explicit sign: +2, 0, −1 (typographic minus reads well on screen)."""
    return formats.signed(value)
