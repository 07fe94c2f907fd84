"""`python -m assessment screen FILE --call CALL [-o OUT.xlsx|.csv|.pdf] [--json] [--map H=FIELD]`
and `python -m assessment screen-template OUT.xlsx|.csv [--call CALL]`.

Progress (rows done, rows/s) goes to stderr; results to stdout or the output file. Everything the
import did on the officer's behalf or could not do (columns not read, template columns missing,
localities read as municipalities, …) is printed to stderr as a warning, like the app shows it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from assessment.cli.help import Help
from assessment.errors import Problem, ValidationFailed
from assessment.i18n import normalise_lang, t
from assessment.screening.calls import CallProfile, builtin_calls, load_call
from assessment.screening.columns import normalise_header
from assessment.screening.fields import FIELD_BY_NAME
from assessment.screening.flags import problem_text
from assessment.screening.outputs import to_json, write_results
from assessment.screening.progress import Cancelled, Progress, format_count
from assessment.screening.run import ScreeningRun, run_file
from assessment.screening.template import write_template


def resolve_call(value: str) -> CallProfile:
    """A call-profile file, or the id of a built-in profile under `models/calls/`."""
    path = Path(value)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return load_call(path)
    calls = builtin_calls()
    if value in calls:
        return calls[value]
    params = {"call": value, "choices": ", ".join(calls)}
    raise ValidationFailed(Problem("screening.err_unknown_call", params))


class _ProgressPrinter:
    """One updating stderr line per stage, at most ~5 updates a second."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.last = 0.0
        self.stage = ""

    def __call__(self, p: Progress) -> None:
        now = time.perf_counter()
        if p.stage != self.stage:
            if self.stage:
                sys.stderr.write("\n")
            self.stage = p.stage
        elif now - self.last < 0.2 and p.done != p.total:
            return
        self.last = now
        stage = t(f"screening.stage_{p.stage}", self.lang)
        line = t(
            "screening.progress_line",
            self.lang,
            stage=stage,
            done=format_count(p.done, self.lang),
            rate=format_count(p.rate, self.lang),
        )
        sys.stderr.write("\r" + line)
        sys.stderr.flush()

    def finish(self) -> None:
        if self.stage:
            sys.stderr.write("\n")


# Beyond this many rejected rows, the terminal gets one line per kind of problem.
MAX_REJECTED_LISTED = 20


def _print_text(run: ScreeningRun, lang: str) -> None:
    for result in run.results:
        app = result.application
        print(f"{app.row}\t{app.id}\t{result.completeness} %\t{app.title}")
        for flag in result.flags:
            print(f"\t- [{flag.label(lang)}] {flag.reason(lang)}")
        for hint in result.hints:
            print(f"\t  ({t('screening.cli_hint', lang)}) {hint.reason(lang)}")


def _print_rejected(run: ScreeningRun, lang: str) -> None:
    """Every rejected row to stderr, or grouped by kind when there are many."""
    if len(run.rejected) <= MAX_REJECTED_LISTED:
        for rejected in run.rejected:
            for message in rejected.messages(lang):
                print(message, file=sys.stderr)
        return
    groups: dict[str, list[int]] = {}
    for rejected in run.rejected:
        for problem in rejected.problems:
            groups.setdefault(problem.key, []).append(rejected.row)
    for key, rows in sorted(groups.items(), key=lambda item: -len(item[1])):
        first = next(r for r in run.rejected if r.row == rows[0])
        example = first.messages(lang)[[p.key for p in first.problems].index(key)]
        shown = ", ".join(str(r) for r in rows[:8]) + (" …" if len(rows) > 8 else "")
        print(
            t("screening.cli_rejected_group", lang, count=len(rows), rows=shown, example=example),
            file=sys.stderr,
        )


def parse_mapping(values: list[str] | None) -> dict[str, str]:
    """``--map "Organisationsnamn=applicant"`` (or the field's label) -> normalised header -> field."""
    mapping: dict[str, str] = {}
    labels = {
        normalise_header(n): name
        for name, spec in FIELD_BY_NAME.items()
        for n in (name, spec.label.sv, spec.label.en)
    }
    for value in values or []:
        header, sep, target = value.rpartition("=")
        name = labels.get(normalise_header(target)) if target.strip() not in ("", "-") else ""
        if not sep or not header.strip() or name is None:
            raise ValidationFailed(
                Problem("screening.err_map_option", {"got": value, "fields": ", ".join(FIELD_BY_NAME)})
            )
        mapping[normalise_header(header)] = name
    return mapping


def _screen(args: argparse.Namespace) -> int:
    lang = normalise_lang(args.lang)
    call = resolve_call(args.call)
    mapping = parse_mapping(args.map)
    printer = _ProgressPrinter(lang)
    try:
        run = run_file(args.file, call, mapping=mapping, progress=printer)
        if args.output:
            write_results(run, args.output, lang, progress=printer)
    except (Cancelled, KeyboardInterrupt):
        printer.finish()
        print(t("screening.cancelled", lang), file=sys.stderr)
        return 130
    printer.finish()
    try:
        if args.json:
            payload: dict[str, Any] = to_json(run, lang)
            if args.output:
                payload["output"] = str(args.output)
            json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
            print()
        elif not args.output:
            _print_text(run, lang)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; that is not an error of the run.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed pipe until exit
        return 0
    for notice in run.imported.notices:
        print(t("screening.cli_warning", lang, message=problem_text(notice, lang)), file=sys.stderr)
    _print_rejected(run, lang)
    print(
        t(
            "screening.accounting",
            lang,
            rows_in=run.rows_in,
            rows_out=run.rows_out,
            rejected=run.rows_rejected,
            blank=run.imported.blank_rows,
        ),
        file=sys.stderr,
    )
    if args.output:
        print(t("screening.written", lang, file=args.output), file=sys.stderr)
    return 0


def _template(args: argparse.Namespace) -> int:
    lang = normalise_lang(args.lang)
    call = resolve_call(args.call) if args.call else None
    path = Path(args.output)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        problem = Problem("screening.err_template_type", {"suffix": path.suffix}, file=str(path))
        raise ValidationFailed(problem)
    write_template(path, lang, call)
    print(t("screening.written", lang, file=path), file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], h: Help) -> None:
    screen = h.command(sub, "screen", "screen", description="screen_description")
    screen.add_argument("file", type=Path, help=h("screen_file"))
    screen.add_argument("--call", required=True, help=h("screen_call"))
    screen.add_argument("-o", "--output", type=Path, help=h("screen_output"))
    screen.add_argument("--json", action="store_true", help=h("screen_json"))
    screen.add_argument("--map", action="append", metavar="HEADER=FIELD", help=h("screen_map"))
    h.lang_option(screen)
    screen.set_defaults(func=_screen)

    template = h.command(sub, "screen-template", "template")
    template.add_argument("output", type=Path, help=h("template_output"))
    template.add_argument("--call", help=h("template_call"))
    h.lang_option(template)
    template.set_defaults(func=_template)
