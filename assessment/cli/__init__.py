"""`assessment <command>` (or `python -m assessment`): one module per command group, discovered automatically.

Each module in this package exposes ``register(subparsers)`` which adds its sub-commands and sets
``func`` (``(args) -> int`` exit code) on them. Only the module of the command being run is
imported (`COMMANDS`): the modules pull in pandas, SQLAlchemy, reportlab and the analysis, and a
cold `validate` should not pay for all of them. Help and unknown commands import every module.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from assessment import __version__, logs
from assessment.cli.help import LANGS, Help, help_lang
from assessment.cli.terminal import SafeStream
from assessment.errors import UserError
from assessment.i18n import Lang

# Command -> the module that registers it (a test checks this against the modules themselves).
COMMANDS: dict[str, str] = {
    "analyse": "analyse_cmd",
    "app": "app_cmd",
    "graph": "analyse_cmd",
    "models": "models_cmd",
    "portfolio": "portfolio_cmd",
    "report": "report_cmd",
    "screen": "screen_cmd",
    "screen-template": "screen_cmd",
    "serve-check": "serve_cmd",
    "storage": "storage_cmd",
    "validate": "validate_cmd",
    "schema": "validate_cmd",
}


def _command(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (after the global options), if any."""
    args = iter(argv)
    for arg in args:
        if arg == "--lang":
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif not arg.startswith("--lang="):
            return None  # -h and the like: the full parser answers
    return None


def build_parser(command: str | None = None, lang: Lang = "sv") -> argparse.ArgumentParser:
    """The parser with help texts in ``lang``; with a known ``command`` only that command's module
    is imported."""
    h = Help(lang)
    parser = h.parser(prog="assessment", description=h("program"))
    parser.add_argument("--lang", choices=list(LANGS), default="sv", help=h("lang"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}", help=h("version"))
    sub = h.commands(parser, "command")
    if command in COMMANDS:
        names = [COMMANDS[command]]
    else:
        names = sorted(m.name for m in pkgutil.iter_modules(__path__))
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub, h)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        return _run(argv)
    finally:
        # A command may have replaced a stream (a closed pipe); restore only our own wrappers.
        if isinstance(sys.stdout, SafeStream):
            sys.stdout = out
        if isinstance(sys.stderr, SafeStream):
            sys.stderr = err


def _run(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command(argv), help_lang(argv))
    args = parser.parse_args(argv)
    logs.configure(default="WARNING")
    try:
        code: int = args.func(args)
    except UserError as err:
        print(err.message(args.lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("avbrutet / interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: the reader left, which is not an error.
        sys.stderr.close()
        return 0
    return code
