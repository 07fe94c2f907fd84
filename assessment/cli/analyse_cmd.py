"""`analyse FILE [--json]` and `graph --matrix FILE.csv [--json]`: SDG interaction analysis."""

from __future__ import annotations

import argparse
import json
from typing import Any

from assessment.analysis import Finding, NodeMetrics, default_view, findings, read_matrix
from assessment.cli.help import Help
from assessment.domain.refs import ref_label
from assessment.fileio import load_assessment
from assessment.formats import decimal, signed_decimal
from assessment.i18n import t

TOP_METRICS = 5


def register(sub: Any, h: Help) -> None:
    analyse = h.command(sub, "analyse", "analyse")
    analyse.add_argument("file", metavar="FILE", help=h("analyse_file"))
    analyse.add_argument("--json", action="store_true", help=h("json"))
    analyse.add_argument("--all", action="store_true", help=h("analyse_all"))
    h.lang_option(analyse)
    analyse.set_defaults(func=_analyse)
    graph = h.command(sub, "graph", "graph")
    graph.add_argument("--matrix", required=True, metavar="FILE.csv", help=h("graph_matrix"))
    graph.add_argument("--json", action="store_true", help=h("json"))
    h.lang_option(graph)
    graph.set_defaults(func=_graph)


def _print_findings(title: str, items: tuple[Finding, ...], lang: str, total: int) -> None:
    print(f"\n{title} ({total})")
    if not total:
        print(f"  {t('analysis.none', lang)}")
    for item in items:
        severity = decimal(item.severity, lang, digits=2)
        print(f"  [{t('analysis.severity', lang)} {severity}] {item.explanation}")
        print(f"      {t('analysis.source', lang)}: {item.source_text}")
    if total > len(items):
        print(f"  {t('analysis.more', lang, count=total - len(items))}")


def _metrics_table(rows: list[NodeMetrics] | tuple[NodeMetrics, ...], lang: str) -> None:
    names = t("analysis.metrics_columns", lang).split("|")
    print(
        f"{names[0]:>4}  {names[1]:<11} {names[2]:>18} {names[3]:>18} {names[4]:>10}  "
        f"{names[5]:>9}  {names[6]:>5}"
    )

    def _num(value: float) -> str:
        return signed_decimal(value, lang)

    for m in rows:
        out_parts = f"({_num(m.out_positive)}/{_num(m.out_negative)})"
        in_parts = f"({_num(m.in_positive)}/{_num(m.in_negative)})"
        name = ref_label(m.code, lang, titled=False)
        print(
            f"{m.rank:>4}  {name:<11} {_num(m.out_strength):>5} {out_parts:>12} "
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
    view = default_view(result, show_all=args.all)
    print(assessment.title)
    for key, kind in (
        ("heading_direct", "direct_conflict"),
        ("heading_mixed", "mixed_effects"),
        ("heading_latent", "latent_conflict"),
        ("heading_second", "second_order_risk"),
        ("heading_synergies", "synergy"),
    ):
        group = view.group(kind)
        _print_findings(t(f"analysis.{key}", lang), group.shown, lang, group.total)
    open_items = result.unaddressed
    _print_findings(t("analysis.heading_unaddressed", lang), open_items, lang, len(open_items))
    if result.changed_dismissals:
        # Dismissed once, but the evidence the reason answered has changed: review again.
        print(f"\n{t('analysis.heading_changed_dismissals', lang)} ({len(result.changed_dismissals)})")
        for changed in result.changed_dismissals:
            print(f"  {changed.finding.explanation}")
            print(f"      {changed.change(lang)}")
            print(f"      {t('analysis.dismissal_reason', lang)}: {changed.reason}")
    # The same tally and sentences as the app and both PDFs.
    tally = result.tally
    print(f"\n{t('analysis.heading_tally', lang)}")
    for line in (tally.conflicts_text(lang), tally.latent_text(lang), tally.issues_text(lang)):
        print(f"  {line}")
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
