"""`portfolio FILE… [--json] [-o OUT.pdf]`: the portfolio views and the conflict register over
many assessment files — the same library calls and figures as the app's portfolio page."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

import pandas as pd

from assessment.cli.help import Help
from assessment.errors import Problem, UserError, ValidationFailed
from assessment.fileio import write_atomic
from assessment.i18n import t
from assessment.portfolio.labels import display, figure_label, view_title
from assessment.portfolio.selection import Filters, select
from assessment.portfolio.sources import from_files
from assessment.portfolio.views import VIEW_NAMES, compute, figures, to_json


def register(sub: Any, h: Help) -> None:
    p = h.command(sub, "portfolio", "portfolio", description="portfolio_description")
    p.add_argument("files", nargs="+", metavar="FILE", help=h("portfolio_files"))
    p.add_argument("--json", action="store_true", help=h("portfolio_json"))
    p.add_argument("-o", "--output", metavar="OUT.pdf", help=h("portfolio_output"))
    p.add_argument("--xlsx", metavar="OUT.xlsx", help=h("portfolio_xlsx"))
    p.add_argument("--today", metavar="YYYY-MM-DD", help=h("portfolio_today"))
    p.add_argument("--horizon", type=int, default=30, help=h("portfolio_horizon"))
    p.add_argument("--kind", action="append", default=[], help=h("portfolio_kind"))
    p.add_argument("--municipality", action="append", default=[], help=h("portfolio_municipality"))
    p.add_argument("--tag", action="append", default=[], help=h("portfolio_tag"))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help=h("portfolio_from"))
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=h("portfolio_to"))
    p.add_argument("--targets", action="store_true", help=h("portfolio_targets"))
    p.add_argument("--view", action="append", default=[], choices=VIEW_NAMES, help=h("portfolio_view"))
    p.set_defaults(func=run)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(Problem("portfolio.bad_date", {"value": value[:40]}, path=option)) from None


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    today = _date(args.today, "--today") or dt.date.today()
    portfolio, problems = from_files(args.files)
    if problems:
        # A silently smaller portfolio would give wrong totals; refuse and list every problem.
        raise ValidationFailed(problems)
    filters = Filters.of(
        kinds=args.kind,
        municipalities=args.municipality,
        tags=args.tag,
        date_from=_date(args.date_from, "--from"),
        date_to=_date(args.date_to, "--to"),
    )
    portfolio = select(portfolio, filters)
    views = compute(
        portfolio, today, level="target" if args.targets else "goal", horizon_days=args.horizon, lang=lang
    )
    if args.output:
        from assessment.portfolio.pdf import portfolio_pdf

        write_atomic(args.output, _built(args.output, lambda: portfolio_pdf(portfolio, views, lang)))
        print(t("portfolio.pdf_written", lang, path=args.output), file=sys.stderr)
    if args.xlsx:
        from assessment.portfolio.export import to_xlsx

        sheets = {view_title(n, lang): display(views.table(n), lang) for n in VIEW_NAMES}
        write_atomic(args.xlsx, _built(args.xlsx, lambda: to_xlsx(sheets)))
    if args.json:
        print(to_json(views))
        return 0
    if not len(portfolio):
        print(t("portfolio.empty", lang))
        return 0
    _print_text(views, lang, args.view or list(VIEW_NAMES))
    return 0


def _built(target: str, build: Callable[[], bytes]) -> bytes:
    """The output's bytes; a full disk while building them (temporary files) is a message."""
    try:
        return build()
    except OSError as err:
        raise UserError(
            Problem("core.cannot_write", {"detail": err.strerror or str(err)}, file=target)
        ) from None


def _print_text(views: Any, lang: str, names: list[str]) -> None:
    figs = figures(views)
    width = max(len(figure_label(k, lang)) for k in figs)
    print(t("portfolio.title", lang), views.today.isoformat())
    for key, value in figs.items():
        print(f"  {figure_label(key, lang):<{width}}  {value}")
    with pd.option_context(
        "display.width", 160, "display.max_columns", 40, "display.max_rows", 500, "display.max_colwidth", 48
    ):
        for name in names:
            frame = views.table(name)
            print()
            print(f"== {view_title(name, lang)} ==")
            print(display(frame, lang).to_string() if len(frame) else "–")


__all__ = ["UserError", "register", "run"]
