"""`python -m assessment <command>`: one module per command group, discovered automatically.

Each module in this package exposes ``register(subparsers)`` which adds its sub-commands and sets
``func`` (``(args) -> int`` exit code) on them.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from assessment.cli.terminal import SafeStream
from assessment.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assessment",
        description="Målkonflikts- och hållbarhetssäkring: goal-conflict and sustainability assessment.",
    )
    parser.add_argument("--lang", choices=["sv", "en"], default="sv", help="message language")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
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
    parser = build_parser()
    args = parser.parse_args(argv)
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
