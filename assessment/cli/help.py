"""Help texts of the command line in the user's language: every ``help=``/``description=`` comes
from ``messages/cli_help.yaml``, Swedish unless ``--lang en`` is given (before or after the command).

argparse's own words are said in that language too, by `Parser`: its frame ("usage:", the group
titles, ``-h``) and its error messages ("the following arguments are required", "invalid
choice"). argparse builds those messages with gettext from English message ids and ships no
Swedish catalogue; its only hook is the module-global ``_``, which a library must not replace
for the whole process. So `Parser.error`, the documented override point every parse error
passes through, reads the finished message back against argparse's message ids
(`ARGPARSE_MESSAGES`) and says it again from the catalogue. A message argparse words otherwise
(a newer Python) is shown as argparse wrote it, inside the translated frame.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, NoReturn

from assessment.i18n import Lang, t

LANGS: tuple[Lang, ...] = ("sv", "en")


def help_lang(argv: Sequence[str]) -> Lang:
    """The language named by the last ``--lang`` in ``argv`` (Swedish when none or unknown)."""
    found: Lang = "sv"
    args = list(argv)
    for i, arg in enumerate(args):
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg.removeprefix("--lang=")
        if arg.startswith("--lang") and value in LANGS:
            found = value
    return found


# argparse's message ids (CPython 3.11-3.13) -> catalogue key, and names for its positional
# %s/%r placeholders (a named %(x)s keeps its name). "%(prog)s: error: %(message)s" and "usage: "
# are said by `Parser` itself.
ARGPARSE_MESSAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("argument %(argument_name)s: %(message)s", "argparse_argument", ()),
    ("the following arguments are required: %s", "argparse_required", ("arguments",)),
    ("invalid choice: %(value)r (choose from %(choices)s)", "argparse_invalid_choice", ()),
    ("unrecognized arguments: %s", "argparse_unrecognized", ("arguments",)),
    ("expected one argument", "argparse_expected_one", ()),
    ("expected at most one argument", "argparse_expected_at_most_one", ()),
    ("expected at least one argument", "argparse_expected_at_least_one", ()),
    ("expected %s argument", "argparse_expected_n", ("count",)),
    ("expected %s arguments", "argparse_expected_n", ("count",)),
    ("invalid %(type)s value: %(value)r", "argparse_invalid_value", ()),
    ("one of the arguments %s is required", "argparse_one_required", ("arguments",)),
    ("not allowed with argument %s", "argparse_not_allowed", ("argument",)),
    ("ignored explicit argument %r", "argparse_ignored", ("value",)),
    ("ambiguous option: %(option)s could match %(matches)s", "argparse_ambiguous", ()),
    ("unknown parser %(parser_name)r (choices: %(choices)s)", "argparse_unknown_parser", ()),
    ("can't open '%(filename)s': %(error)s", "argparse_cant_open", ()),
)
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sr]|%[sr]")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each message id as a pattern that reads its placeholders back (in order, by name)."""
    patterns = []
    for msgid, key, names in ARGPARSE_MESSAGES:
        parts, last, positional = [], 0, iter(names)
        for found in _PLACEHOLDER.finditer(msgid):
            parts.append(re.escape(msgid[last : found.start()]))
            parts.append(f"(?P<{found.group(1) or next(positional)}>.+?)")
            last = found.end()
        parts.append(re.escape(msgid[last:]))
        patterns.append((re.compile("".join(parts), re.DOTALL), key))
    return tuple(patterns)


def argparse_message(message: str, lang: Lang) -> str:
    """An error message argparse wrote in English, in ``lang`` (unchanged when not recognised)."""
    for pattern, key in _patterns():
        found = pattern.fullmatch(message)
        if found is not None:
            params: dict[str, object] = dict(found.groupdict())
            if "message" in params:  # "argument X: <another argparse message>"
                params["message"] = argparse_message(str(params["message"]), lang)
            if "count" in params:
                params["count"] = int(str(params["count"]))
            return t(f"cli_help.{key}", lang, **params)
    return message


def formatter(lang: Lang) -> type[argparse.HelpFormatter]:
    """A help formatter whose "usage:" is in ``lang``."""
    usage = t("cli_help.usage", lang) + " "

    class Formatter(argparse.HelpFormatter):
        def add_usage(
            self,
            usage_text: str | None,
            actions: Iterable[argparse.Action],
            groups: Iterable[argparse._MutuallyExclusiveGroup],
            prefix: str | None = None,
        ) -> None:
            # None means argparse's own "usage: "; "" (sub-command prog names) stays empty.
            super().add_usage(usage_text, actions, groups, usage if prefix is None else prefix)

    return Formatter


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks ``lang``: usage, group titles, ``-h`` and its errors.

    Sub-command parsers are made by argparse as the same class (``add_parser`` passes ``lang``).
    """

    def __init__(self, *, lang: Lang = "sv", **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", formatter(lang))
        kwargs["add_help"] = False  # our own -h, translated, below
        super().__init__(**kwargs)
        self.lang: Lang = lang
        # The two default groups are only reachable through these attributes.
        self._positionals.title = t("cli_help.positionals", lang)
        self._optionals.title = t("cli_help.options", lang)
        self.add_argument("-h", "--help", action="help", help=_help_text("help", lang))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        line = t("cli_help.error", self.lang, prog=self.prog, message=argparse_message(message, self.lang))
        self.exit(2, line + "\n")


def _help_text(key: str, lang: Lang) -> str:
    # argparse formats help with "%": a literal one must be doubled.
    return t(f"cli_help.{key}", lang).replace("%", "%%")


class Help:
    """The texts for one language, and parsers that speak it."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, key: str) -> str:
        return _help_text(key, self.lang)

    def parser(self, **kwargs: Any) -> Parser:
        return Parser(lang=self.lang, **kwargs)

    def command(self, sub: Any, name: str, key: str, *, description: str | None = None) -> Any:
        """A sub-command whose one-line help is ``key`` and whose -h text speaks the language."""
        return sub.add_parser(name, help=self(key), description=self(description or key), lang=self.lang)

    def commands(self, parser: argparse.ArgumentParser, dest: str) -> Any:
        return parser.add_subparsers(dest=dest, required=True, title=t("cli_help.commands", self.lang))

    def lang_option(self, parser: argparse.ArgumentParser) -> None:
        """``--lang`` after the command (the same as before it)."""
        parser.add_argument("--lang", choices=list(LANGS), default=argparse.SUPPRESS, help=self("lang"))
