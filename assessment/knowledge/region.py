"""The region profile and the target overlaps the interaction knowledge base is applied with.

``sdg_data/region_profile.yaml`` lists the contexts of the region (inland, Sami area, forestry
county …): a knowledge-base cell with a ``context`` applies only where the profile lists it, so an
inland county is not told about the oceans and a Swedish case not about developing-country
mechanisms. ``sdg_data/overlaps.yaml`` lists targets that overlap in content (6.6 / 15.1): an
overlap is not an interaction, and a harm recorded on one covers the other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.i18n.text import LocalText
from assessment.knowledge.datafile import DATA_DIR, load_model

Context = Literal["coastal", "inland", "developing_country", "sami_area", "forestry_county"]
CONTEXTS: tuple[str, ...] = ("coastal", "inland", "developing_country", "sami_area", "forestry_county")

PROFILE_FILE = "region_profile.yaml"
OVERLAPS_FILE = "overlaps.yaml"


class RegionContext(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Context
    reason: LocalText


class RegionProfile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1)
    id: str = Field(min_length=1, max_length=80)
    name: LocalText
    contexts: tuple[RegionContext, ...] = ()

    @property
    def context_ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.contexts)


class Overlap(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    targets: tuple[str, str]
    note: LocalText


class Overlaps(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1)
    overlaps: tuple[Overlap, ...] = ()

    def pairs(self) -> frozenset[frozenset[str]]:
        return frozenset(frozenset(o.targets) for o in self.overlaps)


def load_region_profile(path: Path | None = None) -> RegionProfile:
    return load_model(RegionProfile, path or DATA_DIR / PROFILE_FILE)


def load_overlaps(path: Path | None = None) -> Overlaps:
    return load_model(Overlaps, path or DATA_DIR / OVERLAPS_FILE)


@lru_cache(maxsize=1)
def region_profile() -> RegionProfile:
    """The shipped profile (Jämtland Härjedalen), loaded once per process."""
    return load_region_profile()


@lru_cache(maxsize=1)
def overlaps() -> Overlaps:
    return load_overlaps()


TRIGGERS_FILE = "case_triggers.yaml"


class CaseTrigger(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)
    title: LocalText
    words: tuple[str, ...] = Field(min_length=1)

    def pattern(self) -> re.Pattern[str]:
        parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"\b" for w in self.words]
        return re.compile(r"(?<!\w)(" + "|".join(parts) + ")", re.IGNORECASE)


class CaseTriggers(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1)
    triggers: tuple[CaseTrigger, ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.triggers)

    def found_in(self, text: str) -> dict[str, str]:
        """Trigger id -> the first word in ``text`` that sets it off."""
        found: dict[str, str] = {}
        # Every pattern matches at the start of a word, so a trigger can only fire where a word
        # begins with the first letters of one of its words; most texts name no activity
        # (screening asks once per application), so they cost one word split, not 8 patterns.
        index = _index(self)
        lower = text.lower()
        candidates = {
            tid
            for word in set(_WORD.findall(lower))
            for head, stem, tid in index.get(word[:_PREFIX], ())
            if word.startswith(head) and (stem is head or stem in lower)
        }
        for trigger in self.triggers:
            if trigger.id not in candidates:
                continue
            match = _compiled(self, trigger.id).search(text)
            if match is not None:
                found[trigger.id] = match.group(0)
        return found


_PATTERNS: dict[tuple[int, str], re.Pattern[str]] = {}


_PREFIX = 3  # the shortest trigger word ("grot", "mine") is longer
_WORD = re.compile(r"\w+")
_INDEX: dict[int, dict[str, tuple[tuple[str, str, str], ...]]] = {}


def _index(triggers: CaseTriggers) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """First letters -> (the first word of a trigger word in lower case, the whole trigger word
    without "*", the trigger's id): a text word starting with the first word, in a text holding
    the whole one, may set the trigger off."""
    if id(triggers) not in _INDEX:
        index: dict[str, list[tuple[str, str, str]]] = {}
        for trigger in triggers.triggers:
            for word in trigger.words:
                stem = word.rstrip("*").lower()
                head = _WORD.findall(stem)[0]
                index.setdefault(head[:_PREFIX], []).append(
                    (head, head if head == stem else stem, trigger.id)
                )
        _INDEX[id(triggers)] = {prefix: tuple(heads) for prefix, heads in index.items()}
    return _INDEX[id(triggers)]


def _compiled(triggers: CaseTriggers, trigger_id: str) -> re.Pattern[str]:
    key = (id(triggers), trigger_id)
    if key not in _PATTERNS:
        _PATTERNS[key] = next(t for t in triggers.triggers if t.id == trigger_id).pattern()
    return _PATTERNS[key]


def load_case_triggers(path: Path | None = None) -> CaseTriggers:
    return load_model(CaseTriggers, path or DATA_DIR / TRIGGERS_FILE)


@lru_cache(maxsize=1)
def case_triggers() -> CaseTriggers:
    return load_case_triggers()
