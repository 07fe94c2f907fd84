"""Help texts of the command line in the user's language: every ``help=``/``description=`` comes
from ``messages/cli_help.yaml``, Swedish unless ``--lang en`` is given (before or after the command).

argparse's own frame ("usage:", the group titles, ``-h``) is translated here as well. Its error
messages ("the following arguments are required") stay in English: argparse builds them with
gettext and ships no Swedish catalogue.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any

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


class Help:
    """The texts for one language, and parsers whose frame speaks it."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def __call__(self, key: str) -> str:
        # argparse formats help with "%": a literal one must be doubled.
        return t(f"cli_help.{key}", self.lang).replace("%", "%%")

    def formatter(self) -> type[argparse.HelpFormatter]:
        usage = t("cli_help.usage", self.lang) + " "

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

    def frame(self, parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        """Translate argparse's group titles and add a translated ``-h``."""
        # The two default groups are only reachable through these attributes.
        parser._positionals.title = t("cli_help.positionals", self.lang)
        parser._optionals.title = t("cli_help.options", self.lang)
        parser.add_argument("-h", "--help", action="help", help=self("help"))
        return parser

    def parser(self, **kwargs: Any) -> argparse.ArgumentParser:
        return self.frame(argparse.ArgumentParser(add_help=False, formatter_class=self.formatter(), **kwargs))

    def command(self, sub: Any, name: str, key: str, *, description: str | None = None) -> Any:
        """A sub-command whose one-line help is ``key`` and whose -h text speaks the language."""
        parser = sub.add_parser(
            name,
            help=self(key),
            description=self(description or key),
            add_help=False,
            formatter_class=self.formatter(),
        )
        return self.frame(parser)

    def commands(self, parser: argparse.ArgumentParser, dest: str) -> Any:
        return parser.add_subparsers(dest=dest, required=True, title=t("cli_help.commands", self.lang))

    def lang_option(self, parser: argparse.ArgumentParser) -> None:
        """``--lang`` after the command (the same as before it)."""
        parser.add_argument("--lang", choices=list(LANGS), default=argparse.SUPPRESS, help=self("lang"))
