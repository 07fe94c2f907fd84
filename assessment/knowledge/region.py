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
        for trigger in self.triggers:
            match = _compiled(self, trigger.id).search(text)
            if match is not None:
                found[trigger.id] = match.group(0)
        return found


_PATTERNS: dict[tuple[int, str], re.Pattern[str]] = {}


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
