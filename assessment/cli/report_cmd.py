"""`report FILE [-o OUT.pdf] [--lang sv|en]`: write the PDF report of an assessment file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessment.errors import Problem, UserError
from assessment.fileio import load_assessment, write_atomic
from assessment.i18n import t


class ReportNotWritten(UserError):
    """The PDF could not be written (folder missing, no permission, disk full)."""


def register(sub: Any) -> None:
    report = sub.add_parser("report", help="write the PDF report of an assessment file")
    report.add_argument("file", metavar="FILE", help="assessment file (YAML/JSON)")
    report.add_argument(
        "-o", "--output", metavar="OUT.pdf", help="where to write the PDF (default: FILE with .pdf)"
    )
    # Own dest: the top-level --lang sets the message language, this one the report's.
    report.add_argument(
        "--lang",
        dest="report_lang",
        choices=["sv", "en"],
        default=None,
        help="report language (default: the assessment's language)",
    )
    report.add_argument(
        "--short",
        action="store_true",
        help="the 2-4 page decision brief (beslutsunderlag) instead of the full report",
    )
    report.add_argument(
        "--invariant", action="store_true", help="byte-identical output for identical input (for comparisons)"
    )
    report.set_defaults(func=_report)


def _report(args: argparse.Namespace) -> int:
    # reportlab is only loaded when a report is made
    from assessment.report import build_pdf, build_short_pdf

    messages = args.report_lang or args.lang
    assessment = load_assessment(args.file)
    build = build_short_pdf if args.short else build_pdf
    pdf = build(assessment, args.report_lang, invariant=args.invariant)
    out = Path(args.output) if args.output else Path(args.file).with_suffix(".pdf")
    try:
        write_atomic(out, pdf)  # a full disk leaves the previous report intact
    except UserError as err:
        detail = err.problems[0].params.get("detail", "")
        raise ReportNotWritten(Problem("report.cannot_write", {"detail": detail}, file=str(out))) from None
    print(t("report.written", messages, file=str(out), size=len(pdf) // 1024 or 1))
    return 0
