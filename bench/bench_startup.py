"""Benchmark: what a click or a command costs before any real work (issue 16).

1. Cold CLI: ``python -m assessment validate FILE`` as a fresh process, CPU time (user + sys of
   the child), best of ``REPS``; floors measured in the same run: ``python -c pass`` and
   ``python -c "import pandas"`` (the reference the issue names). Target < 0.8 s CPU.
2. The SDG graph figure of the app (``interactive_figure``): CPU per figure for each example,
   best of ``REPS``, against the floor of serialising the finished figure (sent to the browser
   anyway); the one-``add_annotation``-per-item build it replaced is timed as well.
   Target: the graph page's server time under 150 ms, of which the figure is the bulk.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REPS = int(os.environ.get("REPS", "5"))
TARGET_VALIDATE_CPU = 0.8
TARGET_PAGE_MS = 150.0


def _child_cpu(argv: list[str]) -> float:
    """Best child CPU seconds (user + sys) of ``REPS`` runs of ``argv``."""
    best = float("inf")
    for _ in range(REPS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, cwd=ROOT, capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


def _cpu_ms(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(REPS):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return 1000 * best


def cli() -> bool:
    py = sys.executable
    validate = _child_cpu([py, "-m", "assessment", "validate", "examples/kalarne_drivmedel.yaml"])
    bare = _child_cpu([py, "-c", "pass"])
    pandas = _child_cpu([py, "-c", "import pandas"])
    print(f"cold CLI, best of {REPS} (CPU, user + sys):")
    print(f"  python -m assessment validate FILE  {validate:.2f} s")
    print(f"  floor: python -c pass               {bare:.2f} s  (validate = {validate / bare:.0f}×)")
    print(f"  reference: import pandas            {pandas:.2f} s  (validate = {validate / pandas:.2f}×)")
    met = validate < TARGET_VALIDATE_CPU
    print(
        f"  target < {TARGET_VALIDATE_CPU} s: {'met' if met else 'NOT met'} "
        f"({validate / TARGET_VALIDATE_CPU:.2f}×)"
    )
    return met


def graph_figure() -> bool:
    import plotly.graph_objects as go

    from assessment.analysis import figures
    from assessment.fileio import load_assessment

    def one_by_one(assessment: object) -> object:
        # What the figure cost before: one add_annotation per arrow, badge and label.
        model = figures.figure_model(assessment, "sv")  # type: ignore[arg-type]
        fig = go.Figure()
        for annotation in figures._annotations(model, figures.PX_PER_UNIT):
            fig.add_annotation(**annotation)
        return fig

    print(f"graph figure (interactive_figure), best of {REPS}, ms CPU:")
    worst = 0.0
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        assessment = load_assessment(path)
        count = len(figures.interactive_figure(assessment).layout.annotations)
        now = _cpu_ms(lambda a=assessment: figures.interactive_figure(a).to_json())  # type: ignore[misc]
        built = figures.interactive_figure(assessment)
        bare = _cpu_ms(built.to_json)  # floor: serialising the finished figure, which is sent anyway
        before = _cpu_ms(lambda a=assessment: one_by_one(a))  # type: ignore[misc]
        worst = max(worst, now)
        print(
            f"  {path.stem:<28} {count:>3} annotations: {now:6.1f} ms, floor (to_json of "
            f"the built figure) {bare:6.1f} ms ({now / bare:.1f}×); "
            f"one-by-one annotations alone {before:6.1f} ms"
        )
    met = worst < TARGET_PAGE_MS
    print(
        f"  figure within the {TARGET_PAGE_MS:.0f} ms page budget: "
        f"{'met' if met else 'NOT met'} (worst {worst:.0f} ms)"
    )
    return met


def main() -> int:
    cli()
    graph_figure()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
