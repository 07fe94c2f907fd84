"""`analyse FILE [--json]` and `graph --matrix FILE.csv [--json]`: SDG interaction analysis."""

from __future__ import annotations

import argparse
import json
from typing import Any

from assessment.analysis import Finding, NodeMetrics, findings, read_matrix
from assessment.fileio import load_assessment
from assessment.i18n import t

TOP_METRICS = 5
SHOWN_PER_SECTION = 10


def register(sub: Any) -> None:
    analyse = sub.add_parser("analyse", help=t("analysis.cli_analyse_help", "en"))
    analyse.add_argument("file", metavar="FILE")
    analyse.add_argument("--json", action="store_true", help="machine-readable output")
    analyse.add_argument("--all", action="store_true", help="list every finding (default: top 10)")
    analyse.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS)
    analyse.set_defaults(func=_analyse)
    graph = sub.add_parser("graph", help=t("analysis.cli_graph_help", "en"))
    graph.add_argument("--matrix", required=True, metavar="FILE.csv")
    graph.add_argument("--json", action="store_true", help="machine-readable output")
    graph.add_argument("--lang", choices=["sv", "en"], default=argparse.SUPPRESS)
    graph.set_defaults(func=_graph)


def _print_findings(title: str, items: tuple[Finding, ...], lang: str, limit: int | None) -> None:
    print(f"\n{title} ({len(items)})")
    if not items:
        print(f"  {t('analysis.none', lang)}")
    for item in items[:limit]:
        print(f"  [{t('analysis.severity', lang)} {item.severity:.2f}] {item.explanation}")
        print(f"      {t('analysis.source', lang)}: {item.source_text}")
    if limit is not None and len(items) > limit:
        print(f"  {t('analysis.more', lang, count=len(items) - limit)}")


def _num(value: float) -> str:
    text = f"{value:+.1f}" if value else "0"
    return text.removesuffix(".0")


def _metrics_table(rows: list[NodeMetrics] | tuple[NodeMetrics, ...], lang: str) -> None:
    names = t("analysis.metrics_columns", lang).split("|")
    print(
        f"{names[0]:>4}  {names[1]:<7} {names[2]:>18} {names[3]:>18} {names[4]:>10}  "
        f"{names[5]:>9}  {names[6]:>5}"
    )
    for m in rows:
        out_parts = f"({_num(m.out_positive)}/{_num(m.out_negative)})"
        in_parts = f"({_num(m.in_positive)}/{_num(m.in_negative)})"
        print(
            f"{m.rank:>4}  {m.code:<7} {_num(m.out_strength):>5} {out_parts:>12} "
            f"{_num(m.in_strength):>5} {in_parts:>12} {_num(m.second_order):>10}  "
            f"{_num(m.ranking_score):>9}  {_num(m.net_influence):>5}"
        )


def _analyse(args: argparse.Namespace) -> int:
    assessment = load_assessment(args.file)
    result = findings(assessment, args.lang)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    lang = result.lang
    limit = None if args.all else SHOWN_PER_SECTION
    print(assessment.title)
    for key, items in (
        ("heading_direct", result.direct_conflicts),
        ("heading_mixed", result.mixed_effects),
        ("heading_latent", result.latent_conflicts),
        ("heading_second", result.second_order_risks),
        ("heading_synergies", result.synergies),
        ("heading_unaddressed", result.unaddressed),
    ):
        _print_findings(t(f"analysis.{key}", lang), items, lang, limit)
    print(f"\n{t('analysis.heading_coverage', lang)}: {result.coverage.summary(lang)}")
    print(f"\n{t('analysis.heading_metrics', lang)}")
    _metrics_table(result.metrics[:TOP_METRICS], lang)
    print(f"\n{t('analysis.heading_kb_metrics', lang)}")
    _metrics_table(result.kb_metrics[:TOP_METRICS], lang)
    return 0


def _graph(args: argparse.Namespace) -> int:
    matrix = read_matrix(args.matrix)
    metrics = matrix.metrics()
    if args.json:
        print(json.dumps([m.to_dict() for m in metrics], ensure_ascii=False, indent=2))
        return 0
    _metrics_table(metrics, args.lang)
    return 0
