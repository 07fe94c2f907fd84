"""`report FILE [-o OUT.pdf] [--lang sv|en]`: write the PDF report of an assessment file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessment.cli.help import Help
from assessment.errors import Problem, UserError
from assessment.fileio import load_assessment, write_atomic
from assessment.i18n import t


class ReportNotWritten(UserError):
    """The PDF could not be written (folder missing, no permission, disk full)."""


def register(sub: Any, h: Help) -> None:
    report = h.command(sub, "report", "report")
    report.add_argument("file", metavar="FILE", help=h("report_file"))
    report.add_argument("-o", "--output", metavar="OUT.pdf", help=h("report_output"))
    # Own dest: the top-level --lang sets the message language, this one the report's.
    report.add_argument(
        "--lang", dest="report_lang", choices=["sv", "en"], default=None, help=h("report_lang")
    )
    report.add_argument("--short", action="store_true", help=h("report_short"))
    report.add_argument("--invariant", action="store_true", help=h("report_invariant"))
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
