"""Benchmark of the PDF report (issue 5).

Prints the median build time of the largest example assessment and of a stress assessment
(all 17 goals and 40 targets rated, 40 actors, 60 measures, 10 conflicts; see
`assessment.report.demo.stress_assessment`) and the ratio to the target (1 s for the stress
report). Run: ``.venv/bin/python bench/bench_report.py [--runs N]``.

Floor, measured in the same run: a bare reportlab document of the same flowables — the project's
story and cover laid out and rendered by a plain ``BaseDocTemplate`` with one frame and no page
decoration, plus making its paragraphs (the markup parse any such document pays). Target ≤ 1.5×
the floor (CPU); the ratio to the layout alone is printed too.
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
from typing import Any

import pypdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessment.domain.assessment import Assessment  # noqa: E402
from assessment.fileio import load_assessment  # noqa: E402
from assessment.report import build_pdf  # noqa: E402
from assessment.report.demo import stress_assessment  # noqa: E402

TARGET_SECONDS = 1.0
TARGET_FLOOR_RATIO = 1.5


def _paragraphs(flowables: list[object]) -> list[Any]:
    """Every Paragraph of the story, also those inside table cells."""
    from reportlab.platypus import Paragraph, Table

    found: list[Any] = []
    for f in flowables:
        if isinstance(f, Paragraph):
            found.append(f)
        elif isinstance(f, Table):
            found += _paragraphs([c for row in f._cellvalues for c in row])
        elif isinstance(f, (list, tuple)):
            found += _paragraphs(list(f))
    return found


def bare_layout_cpu(assessment: Assessment, runs: int) -> tuple[float, float]:
    """Median CPU seconds of a bare reportlab build of the report's own flowables, and of
    making its paragraphs anew (text and style as given: the markup parse any document with
    these paragraphs pays)."""
    from unittest import mock

    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph

    from assessment.report import builder
    from assessment.report.styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_SIZE

    times: list[float] = []
    making: list[float] = []

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
        paragraphs = _paragraphs([*cover, *story])
        start = time.process_time()
        for p in paragraphs:
            Paragraph(p.text, p.style)
        making.append(time.process_time() - start)
        start = time.process_time()
        doc.build([*cover, PageBreak(), *story])
        times.append(time.process_time() - start)
        return buffer.getvalue()

    with mock.patch.object(builder, "build_story_pdf", bare):
        for _ in range(runs + 1):
            build_pdf(assessment)
    return statistics.median(times[1:]), statistics.median(making[1:])


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
        # The verdict is on CPU time: wall time on a shared machine measures the other load too.
        ratio = cpu / TARGET_SECONDS
        print(
            f"  {label}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, {pages} pages, "
            f"{len(pdf) // 1024} kB; CPU ratio to target {ratio:.2f} "
            f"({'OK' if ratio <= 1 else 'SLOW'}; wall ratio {wall / TARGET_SECONDS:.2f})"
        )
        layout, making = bare_layout_cpu(assessment, args.runs)
        floor = layout + making
        over = cpu / floor
        print(
            f"    floor: bare reportlab document of the same flowables {floor * 1000:.0f} ms CPU "
            f"(layout {layout * 1000:.0f} + making its paragraphs {making * 1000:.0f}); "
            f"report = {over:.2f}× the floor, {cpu / layout:.2f}× the layout alone "
            f"(target ≤ {TARGET_FLOOR_RATIO}: {'met' if over <= TARGET_FLOOR_RATIO else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
