"""Benchmark of the PDF report (issue 5).

Prints the median build time of the largest example assessment and of a stress assessment
(all 17 goals and 40 targets rated, 40 actors, 60 measures, 10 conflicts; see
`assessment.report.demo.stress_assessment`) and the ratio to the target (1 s for the stress
report). Run: ``.venv/bin/python bench/bench_report.py [--runs N]``.

Floor, measured in the same run: the same flowables (the project's story and cover, built anew
each time) laid out and rendered by a bare reportlab ``BaseDocTemplate`` with one plain frame and
no page decoration; only that ``build`` call is timed. Target ≤ 1.5× the floor (CPU).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessment.domain.assessment import Assessment  # noqa: E402
from assessment.fileio import load_assessment  # noqa: E402
from assessment.report import build_pdf  # noqa: E402
from assessment.report.demo import stress_assessment  # noqa: E402

TARGET_SECONDS = 1.0
TARGET_FLOOR_RATIO = 1.5


def bare_layout_cpu(assessment: Assessment, runs: int) -> float:
    """Median CPU seconds of a bare reportlab build of the report's own flowables."""
    from unittest import mock

    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    from assessment.report import builder
    from assessment.report.styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_SIZE

    times: list[float] = []

    def bare(
        title: str, story: list[object], *args: object, cover: list[object] = (), **kwargs: object
    ) -> bytes:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        doc.addPageTemplates([PageTemplate(id="body", frames=[frame])])
        start = time.process_time()
        doc.build([*cover, PageBreak(), *story])
        times.append(time.process_time() - start)
        return buffer.getvalue()

    with mock.patch.object(builder, "build_story_pdf", bare):
        for _ in range(runs + 1):
            build_pdf(assessment)
    return statistics.median(times[1:])


def median_seconds(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (CPU time is less disturbed by other load)."""
    work()  # warm-up: fonts, models and knowledge are loaded once per process
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def largest_example() -> tuple[Path, Assessment]:
    paths = sorted((ROOT / "examples").rglob("*.yaml"), key=lambda p: p.stat().st_size)
    if not paths:
        raise SystemExit("no example assessments under examples/")
    return paths[-1], load_assessment(paths[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    path, example = largest_example()
    stress = stress_assessment()
    rows = [
        (f"largest example ({path.relative_to(ROOT)})", example),
        ("stress (17 goals + 40 targets, 40 actors, 60 measures, 10 conflicts)", stress),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"PDF report, median of {args.runs} runs after one warm-up; target {TARGET_SECONDS:.1f} s "
        f"(load average {load:.1f} on {os.cpu_count()} CPUs)"
    )
    for label, assessment in rows:
        pdf = build_pdf(assessment)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        wall, cpu = median_seconds(lambda a=assessment: build_pdf(a), args.runs)  # type: ignore[misc]
        ratio = wall / TARGET_SECONDS
        print(
            f"  {label}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, {pages} pages, "
            f"{len(pdf) // 1024} kB; ratio to target {ratio:.2f} "
            f"({'OK' if ratio <= 1 else 'SLOW'}; CPU ratio {cpu / TARGET_SECONDS:.2f})"
        )
        floor = bare_layout_cpu(assessment, args.runs)
        over = cpu / floor
        print(
            f"    floor: bare reportlab build of the same flowables {floor * 1000:.0f} ms CPU; "
            f"report = {over:.2f}× the floor (target ≤ {TARGET_FLOOR_RATIO}: "
            f"{'met' if over <= TARGET_FLOOR_RATIO else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
