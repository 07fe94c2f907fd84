"""The municipality of an application from what was written: "Åre", "Åre kommun", or "Järpen".

The county's municipalities come only from the RUS model (``models/rus_sakring.yaml``); the
localities that people write instead, and the spellings for a county-wide application, come from
``models/screening/localities.yaml`` with its source. A place that is in neither is never
guessed: the caller reports it, with the closest known names as a suggestion.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from assessment.errors import Problem, ValidationFailed
from assessment.process_models import rus_model
from assessment.process_models.common import Origin, Strict
from assessment.process_models.loader import models_dir
from assessment.validation import pydantic_problems
from assessment.yaml_io import read_yaml_mapping


def localities_file() -> Path:
    """``screening/localities.yaml`` in the models folder (``ASSESSMENT_MODELS_DIR`` moves it)."""
    return models_dir() / "screening" / "localities.yaml"


_SUFFIX = re.compile(r"\s+(?:kommun|kommune|municipality)$")
_SPACES = re.compile(r"\s+")


class _CountyWide(Strict):
    name: str
    aliases: list[str]


class _LocalitiesFile(Strict):
    origin: Origin
    source: str
    county_wide: _CountyWide
    localities: dict[str, list[str]]


@dataclass(frozen=True)
class Place:
    """Where an application is: the municipality, and the locality it was written as (if any)."""

    municipality: str
    locality: str = ""


def _key(text: str) -> str:
    text = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip().strip(".,").casefold()
    text = _SUFFIX.sub("", text)
    if text.endswith("s") and text[:-1] in _municipality_keys():
        return text[:-1]  # "Östersunds kommun", "Bräckes"
    return text


@lru_cache(maxsize=1)
def _municipality_keys() -> frozenset[str]:
    return frozenset(m.name.casefold() for m in rus_model().municipalities)


class Places:
    """Lookups built once: every accepted spelling -> Place."""

    def __init__(self) -> None:
        data = read_yaml_mapping(localities_file())
        try:
            parsed = _LocalitiesFile.model_validate(data)
        except ValidationError as err:
            raise ValidationFailed(pydantic_problems(err, file=str(localities_file()))) from None
        self.municipalities: tuple[str, ...] = tuple(m.name for m in rus_model().municipalities)
        self.county_wide = parsed.county_wide.name
        self.source = parsed.source
        self._table: dict[str, Place] = {}
        for name in self.municipalities:
            self._table[name.casefold()] = Place(name)
        for alias in (self.county_wide, *parsed.county_wide.aliases):
            self._table.setdefault(_key(alias), Place(self.county_wide))
        known = {name.casefold(): name for name in self.municipalities}
        for municipality, localities in parsed.localities.items():
            if municipality.casefold() not in known:
                detail = f"{municipality!r} is not a municipality of models/rus_sakring.yaml"
                problem = Problem(
                    "core.field_invalid",
                    {"detail": detail},
                    path=f"localities.{municipality}",
                    file=str(localities_file()),
                )
                raise ValidationFailed(problem)
            name = known[municipality.casefold()]
            for locality in localities:
                self._table.setdefault(_key(locality), Place(name, locality))

    def resolve(self, text: str) -> Place | None:
        return self._table.get(_key(text))

    def suggestions(self, text: str, count: int = 3) -> list[str]:
        """The closest known spellings, shown as "Järpen (Åre)" for a locality."""
        return list(self._suggestions(_key(text), count))

    @lru_cache(maxsize=1024)  # noqa: B019 - one instance per process (`places()`)
    def _suggestions(self, key: str, count: int) -> tuple[str, ...]:
        found = difflib.get_close_matches(key, list(self._table), n=count, cutoff=0.75)
        out: list[str] = []
        for key in found:
            place = self._table[key]
            shown = f"{place.locality} ({place.municipality})" if place.locality else place.municipality
            if shown not in out:
                out.append(shown)
        return tuple(out)


@lru_cache(maxsize=1)
def places() -> Places:
    return Places()
