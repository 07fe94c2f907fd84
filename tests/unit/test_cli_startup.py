"""The CLI imports only the module of the command being run, so a cold `validate` starts fast."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment import cli
from assessment.cli.help import Help

ROOT = Path(__file__).resolve().parents[2]


def _registered(module_name: str) -> set[str]:
    h = Help("sv")
    sub = h.parser().add_subparsers()  # sub-command parsers are the same (translating) class
    register = getattr(importlib.import_module(f"assessment.cli.{module_name}"), "register", None)
    if register is not None:  # helpers such as `terminal` register nothing
        register(sub, h)
    return set(sub.choices)


def test_the_command_table_matches_what_the_modules_register() -> None:
    modules = [m.name for m in pkgutil.iter_modules(cli.__path__)]
    registered = {command: name for name in modules for command in _registered(name)}
    assert registered == cli.COMMANDS


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["validate", "a.yaml"], "validate"),
        (["--lang", "en", "screen", "x.xlsx"], "screen"),
        (["--lang=en", "schema"], "schema"),
        (["--help"], None),
        (["-h", "validate"], None),
        ([], None),
    ],
)
def test_the_command_is_found_after_the_global_options(argv: list[str], command: str | None) -> None:
    assert cli._command(argv) == command


def test_help_and_unknown_commands_still_list_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["valdate", "x.yaml"])
    err = capsys.readouterr().err
    assert all(command in err for command in cli.COMMANDS)


def test_a_cold_validate_does_not_import_the_heavy_libraries() -> None:
    probe = (
        "import sys, runpy, json\n"
        "sys.argv = ['assessment', 'validate', 'examples/kalarne_drivmedel.yaml']\n"
        "try:\n    runpy.run_module('assessment', run_name='__main__')\n"
        "except SystemExit as end:\n    code = end.code\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if '.' not in m)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    code, modules = json.loads(done.stdout.splitlines()[-1])
    assert code == 0 and "OK: examples/kalarne_drivmedel.yaml" in done.stdout
    heavy = {"pandas", "numpy", "networkx", "sqlalchemy", "alembic", "reportlab", "plotly", "streamlit"}
    # pydantic-settings pulled in asyncio (~140 ms); openpyxl and matplotlib belong to other commands.
    heavy |= {"pydantic_settings", "asyncio", "openpyxl", "matplotlib"}
    assert heavy.isdisjoint(modules)


def test_screen_to_xlsx_does_not_import_pandas(tmp_path: Path) -> None:
    """pandas is 0.6 s of CPU, a tenth of screening 10,000 rows: the output file's summary and
    goal tables are plain data; only the app's and the PDF's tables are pandas frames."""
    from tests.unit.test_screening_helpers import csv_bytes, good_row

    source = tmp_path / "ansokningar.csv"
    source.write_bytes(csv_bytes([good_row("A1"), good_row("A2", sdg_claims="8:+2: Jobb; 13:-1: Resor")]))
    output = tmp_path / "granskning.xlsx"
    probe = (
        "import sys, runpy, json\n"
        f"sys.argv = ['assessment', 'screen', {str(source)!r}, '--call', 'eruf_project', '-o', {str(output)!r}]\n"
        "try:\n    runpy.run_module('assessment', run_name='__main__')\n"
        "except SystemExit as end:\n    code = end.code\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if '.' not in m)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    code, modules = json.loads(done.stdout.splitlines()[-1])
    assert code in (0, None) and output.stat().st_size > 0
    assert "pandas" not in modules
