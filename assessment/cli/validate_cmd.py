"""`validate FILE…` and `schema`: check assessment files; print the file format's JSON Schema."""

from __future__ import annotations

import argparse
import json
from typing import Any

from assessment.cli.help import Help
from assessment.domain.checks import validate_assessment
from assessment.domain.frame import consistency_checks, dnsh_gaps
from assessment.domain.schema import json_schema
from assessment.errors import UserError
from assessment.fileio import load_assessment_with_notes
from assessment.i18n import t


def register(sub: Any, h: Help) -> None:
    validate = h.command(sub, "validate", "validate")
    validate.add_argument("files", nargs="+", metavar="FILE", help=h("validate_files"))
    validate.set_defaults(func=_validate)
    schema = h.command(sub, "schema", "schema")
    schema.set_defaults(func=_schema)


def _validate(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            assessment, notes = load_assessment_with_notes(path)
        except UserError as err:
            failed += 1
            print(err.message(args.lang))
            continue
        print(t("cli.valid", args.lang, file=path, title=assessment.title))
        # What an upgrade from an older file version changed, and the frame's open points.
        for note in [*notes, *dnsh_gaps(assessment)]:
            print("  " + note.message(args.lang))
        for found in consistency_checks(assessment):
            print("  " + found.message.message(args.lang))
        for line in validate_assessment(assessment, file=path).warning_lines(args.lang):
            print(f"  {line}")
    return 1 if failed else 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0
