"""Errors meant for people: each carries an i18n key and parameters, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from assessment.i18n import t

_log = logging.getLogger("assessment.access")


def printable(text: str) -> str:
    """``text`` with lone surrogates (from a JSON ``\\ud800`` escape) written as ``\\ud800``, so a
    message about them can be printed, shown and encoded as UTF-8 anywhere."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (file, path inside it) and what (message key)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    path: str = ""
    file: str = ""

    def message(self, lang: str = "sv") -> str:
        text = t(self.key, lang, **self.params)
        where = ": ".join(part for part in (self.file, self.path) if part)
        return printable(f"{where}: {text}" if where else text)


class UserError(Exception):
    """An error whose message is shown to the user in their language.

    ``problems`` lists every issue found (validation reports them all, not just the first).
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__(self.message("en"))

    def message(self, lang: str = "sv") -> str:
        return "\n".join(p.message(lang) for p in self.problems)


class ValidationFailed(UserError):
    """Input (a model file, an assessment file, a matrix) does not satisfy its schema."""


class UnknownCode(UserError):
    """An SDG goal/target code, RUS goal id or other reference that does not exist."""


class AccessDenied(UserError):
    """The current user may not do this (storage access control).

    Every refusal is logged here, at the one place all of them pass: the message key at WARNING
    (e.g. ``storage.login_failed``, ``storage.share_expired``), the parameters only at DEBUG.
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        super().__init__(problems)
        for problem in self.problems:
            _log.warning("access refused: %s", problem.key)
            _log.debug("access refused: %s %s", problem.key, dict(problem.params))


class ConflictingEdit(UserError):
    """Optimistic concurrency: someone else changed the same field since it was read."""
