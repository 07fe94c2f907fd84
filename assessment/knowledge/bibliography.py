"""The bibliography (``sdg_data/bibliography.yaml``): public works cited by key.

Model files cite a work with ``ref: <key>`` so that every source names a publisher, a year and a
URL or identifier anyone can check, never a file outside the repository. ``docs/sources.md`` is
rendered from this file by `render_markdown` (``python scripts/gen_sources.py``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assessment.errors import Problem, ValidationFailed
from assessment.knowledge.datafile import DATA_DIR, load_model
from assessment.validation import duplicate_ids

FILE = "bibliography.yaml"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"


class Work(BaseModel):
    """One cited work."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=KEY_PATTERN, max_length=60)
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    url: str | None = Field(default=None, pattern=r"^https?://")
    identifier: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _findable(self) -> Work:
        # A citation nobody can follow is no citation: a URL or an identifier is required.
        if not (self.url or self.identifier):
            raise ValueError("a work needs a url or an identifier (SFS, CELEX, diarienummer, DOI)")
        return self

    def citation(self) -> str:
        """One line: publisher (year). Title. Identifier. URL."""
        parts = [f"{self.publisher} ({self.year}). {self.title.strip()}."]
        if self.identifier:
            parts.append(f"{self.identifier}.")
        if self.url:
            parts.append(self.url)
        return " ".join(parts)


class Bibliography(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(min_length=1)
    works: list[Work] = Field(min_length=1)

    def get(self, key: str) -> Work | None:
        return next((w for w in self.works if w.key == key), None)

    def keys(self) -> frozenset[str]:
        return frozenset(w.key for w in self.works)


def load_bibliography(path: Path) -> Bibliography:
    """Read and validate a bibliography file; duplicate keys are errors."""
    data = load_model(Bibliography, path)
    dupes = duplicate_ids(w.key for w in data.works)
    if dupes:
        raise ValidationFailed(
            [Problem("core.duplicate_key", {"code": key}, path="works", file=str(path)) for key in dupes]
        )
    return data


@lru_cache(maxsize=4)
def bibliography(data_dir: Path = DATA_DIR) -> Bibliography:
    """The shipped bibliography, validated and cached."""
    return load_bibliography(data_dir / FILE)


def render_markdown(bib: Bibliography) -> str:
    """``docs/sources.md``: every work under its key, in file order."""
    lines = [
        "# Sources",
        "",
        "Generated from `sdg_data/bibliography.yaml` by `python scripts/gen_sources.py`; do not edit",
        "by hand. Model and data files cite these works by key (`ref: <key>`). A work without a URL",
        "is a public record (allmän handling) obtainable from its publisher under its identifier.",
        "",
        "| key | work | note |",
        "|---|---|---|",
    ]
    for work in bib.works:
        note = " ".join((work.note or "").split())
        lines.append(f"| `{work.key}` | {_cell(work.citation())} | {_cell(note)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
