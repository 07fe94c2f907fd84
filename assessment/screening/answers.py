"""Whether a text in an application says something: non-answers and denials of negative impact.

"Ej relevant." meets a 10-character minimum but answers nothing, and "Ingen negativ påverkan
bedöms uppstå." is a statement that there is none, not a described negative impact (review
finding B4). The phrases are data (``models/screening/answers.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from assessment.errors import Problem, ValidationFailed
from assessment.process_models.common import Origin, Strict
from assessment.process_models.loader import models_dir
from assessment.validation import pydantic_problems
from assessment.yaml_io import read_yaml_mapping


def answers_file() -> Path:
    """``screening/answers.yaml`` in the models folder (``ASSESSMENT_MODELS_DIR`` moves it)."""
    return models_dir() / "screening" / "answers.yaml"


_EDGE_PUNCT = re.compile(r"^[\s.,;:!()\"'”“»«]+|[\s.,;:!()\"'”“»«]+$")
_SPACES = re.compile(r"\s+")
_FIRST_SENTENCE = re.compile(r"[.;!?\n]")


class _AnswersFile(Strict):
    origin: Origin
    non_answer_tails: list[str]
    non_answers: list[str]
    denials: list[str]


def _normal(text: str) -> str:
    return _SPACES.sub(" ", _EDGE_PUNCT.sub("", text.replace("\u00a0", " "))).casefold()


@dataclass(frozen=True)
class Answers:
    non_answers: frozenset[str]  # every phrase, and every phrase followed by a tail
    denials: tuple[re.Pattern[str], ...]
    longest: int  # no non-answer is longer: a longer text is an answer without more work

    def is_non_answer(self, text: str) -> bool:
        """True for a text that is only a placeholder ("Ej relevant.", "-", "Se bilaga")."""
        if len(text) > self.longest + 20:  # leeway for punctuation and spaces around it
            return False
        key = _normal(text)
        return not key or key in self.non_answers

    def is_denial(self, text: str) -> bool:
        """True when the first sentence says there is no negative impact."""
        first = _FIRST_SENTENCE.split(text.strip(), maxsplit=1)[0]
        key = _normal(first)
        return any(p.search(key) for p in self.denials)

    def substantive(self, text: str, min_chars: int) -> bool:
        """Long enough and not a placeholder: the text answers the question."""
        return len(text.strip()) >= min_chars and not self.is_non_answer(text)


@lru_cache(maxsize=1)
def answers() -> Answers:
    data = read_yaml_mapping(answers_file())
    try:
        parsed = _AnswersFile.model_validate(data)
    except ValidationError as err:
        raise ValidationFailed(pydantic_problems(err, file=str(answers_file()))) from None
    patterns = []
    for index, pattern in enumerate(parsed.denials):
        try:
            patterns.append(re.compile(pattern))
        except re.error as err:
            problem = Problem(
                "core.field_invalid", {"detail": str(err)}, path=f"denials.{index}", file=str(answers_file())
            )
            raise ValidationFailed(problem) from None
    phrases = {_normal(p) for p in parsed.non_answers}
    phrases |= {f"{p} {_normal(tail)}" for p in phrases for tail in parsed.non_answer_tails}
    return Answers(frozenset(phrases), tuple(patterns), max(len(p) for p in phrases))
