"""A piece of text in both user languages, as used by every data file (models, knowledge)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class LocalText(BaseModel):
    """Swedish and English versions of one text. Swedish is the source language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sv: str
    en: str

    def get(self, lang: str | None) -> str:
        return self.en if lang == "en" else self.sv

    def __str__(self) -> str:
        return self.sv
