"""Benchmark: 10,000 applications XLSX → XLSX through the `screen` command, end to end.

The input is written the way Excel writes it — text as shared strings (XlsxWriter), amounts as
numbers with a "# ##0 kr" format — with about 2 % broken rows. Three figures, each best-of-N
(``REPS``, default 3) so a busy machine does not flip the verdict, with CPU time alongside:

1. the raw read of the file (python-calamine, and the project's own reader): the floor;
2. the library in process: import + screen + write XLSX;
3. the CLI as the officer runs it, ``python -m assessment screen IN.xlsx --call … -o OUT.xlsx``,
   as a subprocess (start-up included), judged on its own CPU time and on wall time.

Target: the CLI at ≥ 2,000 rows/s; its ratio to the raw read of the same file is printed.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assessment.screening.calls import builtin_calls  # noqa: E402
from assessment.screening.fields import FIELDS  # noqa: E402
from assessment.screening.outputs import write_results  # noqa: E402
from assessment.screening.places import places  # noqa: E402
from assessment.screening.run import run_file  # noqa: E402

ROWS = int(os.environ.get("ROWS", "10000"))
REPS = int(os.environ.get("REPS", "3"))
TARGET_ROWS_PER_S = 2_000.0

_WORDS = (
    "fiber",
    "laddinfrastruktur",
    "besöksnäring",
    "jämställdhet",
    "renskötsel",
    "kompetens",
    "energi",
    "effektivisering",
    "lokal",
    "produktion",
    "återbruk",
    "kollektivtrafik",
    "ungdomar",
    "utrikes",
    "födda",
    "landsbygd",
    "samverkan",
    "klimat",
    "biologisk",
    "mångfald",
    "arbetstillfällen",
    "digitalisering",
    "turism",
    "skog",
    "vatten",
)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _claims(rng: random.Random) -> str:
    goals = rng.sample(range(1, 18), rng.randint(0, 5))
    parts = []
    for goal in goals:
        impact = rng.choice((-2, -1, 1, 1, 2, 2, 3))
        text = _text(rng, rng.randint(0, 12)) if rng.random() < 0.8 else ""
        parts.append(f"{goal}:{impact:+d}: {text}" if text else f"{goal}:{impact:+d}")
    return "; ".join(parts)


def synthetic_xlsx(path: Path, rows: int, seed: int = 2030) -> None:
    """``rows`` applications, written as Excel writes a workbook (shared strings)."""
    import xlsxwriter

    rng = random.Random(seed)
    municipalities = places().municipalities
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Ansökningar")
    money = book.add_format({"num_format": '# ##0 "kr"'})
    sheet.write_row(0, 0, [f.label.sv for f in FIELDS])
    for i in range(rows):
        broken = rng.random() < 0.02  # reported per row, never a crash
        values: dict[str, object] = {
            "id": f"2024-{i:05d}",
            "applicant": f"Företag {i} AB",
            "support_type": "projektstöd",
            "municipality": "Atlantis" if broken else rng.choice(municipalities),
            "amount": rng.randint(50_000, 5_000_000),
            "title": _text(rng, 4),
            "description": _text(rng, 40),
            "sdg_claims": _claims(rng),
        }
        for name in (
            "ecological",
            "social",
            "economic",
            "negative_impacts",
            "target_groups",
            "equality",
            "sami_considerations",
        ):
            values[name] = _text(rng, rng.randint(0, 25)) if rng.random() < 0.7 else ""
        for col, spec in enumerate(FIELDS):
            value = values.get(spec.name, "")
            if spec.name == "amount":
                sheet.write_number(i + 1, col, int(str(value)), money)
            elif value:
                sheet.write_string(i + 1, col, str(value))
    book.close()


def _best(fn: object, reps: int) -> tuple[float, float]:
    """(best wall seconds, best CPU seconds) of ``reps`` calls."""
    walls, cpus = [], []
    for _ in range(reps):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def _cli(source: Path, output: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds (user + sys of the child) and the exit code of one CLI run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "assessment",
            "screen",
            str(source),
            "--call",
            "eruf_project",
            "-o",
            str(output),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
    return wall, cpu, done.returncode


def main() -> int:
    from assessment.spreadsheets.reading import read_xlsx_table
    from assessment.spreadsheets.xlsx_reader import read_xlsx

    call = builtin_calls()["eruf_project"]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "ansokningar.xlsx"
        synthetic_xlsx(source, ROWS)
        data = source.read_bytes()
        output = Path(folder) / "granskning.xlsx"

        calamine_wall, calamine_cpu = _best(lambda: read_xlsx_table(data, "a.xlsx", ("ansökningar",)), REPS)
        own_wall, own_cpu = _best(lambda: read_xlsx(data, ("ansökningar",)), REPS)
        run = run_file(source, call)  # warm-up: knowledge base, interaction engine cache
        lib_wall, lib_cpu = _best(lambda: write_results(run_file(source, call), output, "sv"), REPS)
        cli = [_cli(source, output) for _ in range(REPS)]
        if any(code != 0 for _, _, code in cli):
            print("screen CLI failed; see stderr above")
            return 1
        cli_wall = min(w for w, _, _ in cli)
        cli_cpu = min(c for _, c, _ in cli)

    rows = run.rows_in

    def line(label: str, wall: float, cpu: float) -> str:
        return f"  {label:<28} {wall:.2f} s wall, {cpu:.2f} s CPU ({rows / cpu:,.0f} rows/CPU-s)"

    accounting = f"{run.rows_out} screened, {run.rows_rejected} rejected"
    print(f"screening bench: {rows} rows ({accounting}), best of {REPS}:")
    print(line("raw read, python-calamine:", calamine_wall, calamine_cpu))
    print(line("raw read, project's reader:", own_wall, own_cpu))
    print(f"    calamine is {own_cpu / calamine_cpu:.1f}× faster than the project's reader (CPU)")
    print(line("library XLSX → XLSX:", lib_wall, lib_cpu))
    print(line("CLI `screen … -o out.xlsx`:", cli_wall, cli_cpu) + ", start-up included")
    cpu_rate, wall_rate = rows / cli_cpu, rows / cli_wall
    print(
        f"    {cpu_rate:,.0f} rows/CPU-s, {wall_rate:,.0f} rows/s wall; "
        f"ratio to the raw read (calamine, CPU): {cli_cpu / calamine_cpu:.1f}× the floor"
    )
    verdict = "met" if cpu_rate >= TARGET_ROWS_PER_S else "NOT met"
    ratio = cpu_rate / TARGET_ROWS_PER_S
    print(f"  target ≥ {TARGET_ROWS_PER_S:,.0f} rows/s end to end (CPU time): {verdict} ({ratio:.2f}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
