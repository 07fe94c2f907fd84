"""`python -m assessment portfolio`: text, JSON, PDF and XLSX output, filters and bad input."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from assessment.cli import main
from assessment.portfolio.sources import from_files
from assessment.portfolio.views import compute, to_json_data
from tests.support.pdf import page_texts, pdf_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "rsp").glob("*.yaml"))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_json_equals_the_library_views() -> None:
    result = cli("portfolio", *map(str, EXAMPLES), "--json", "--today", "2026-03-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = to_json_data(compute(from_files(EXAMPLES)[0], dt.date(2026, 3, 1)))
    assert data == json.loads(json.dumps(expected, ensure_ascii=False))
    assert data["figures"]["assessments"] == 8
    assert data["figures"]["measures_overdue"] == 8
    heat = {row["goal"]: row for row in data["views"]["heatmap"]}
    assert heat[13]["rsp-bracke"] == -2 and heat[1]["rsp-bracke"] is None


def test_filters_and_text_output() -> None:
    result = cli(
        "--lang",
        "en",
        "portfolio",
        *map(str, EXAMPLES),
        "--tag",
        "drivmedel",
        "--today",
        "2026-03-01",
        "--view",
        "conflicts_by_type",
    )
    assert result.returncode == 0, result.stderr
    assert "Assessments" in result.stdout and "Goal conflicts by type" in result.stdout
    first = result.stdout.splitlines()[1]
    assert first.split()[-1] == "3"  # Bräcke, Krokom and Strömsund sell fuel
    assert "Short term versus long term" in result.stdout or "time" in result.stdout


def test_pdf_and_xlsx(tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "portfolj.pdf", tmp_path / "portfolj.xlsx"
    result = cli(
        "portfolio",
        *map(str, EXAMPLES),
        "--today",
        "2026-03-01",
        "-o",
        str(pdf),
        "--xlsx",
        str(xlsx),
        "--view",
        "assessments",
    )
    assert result.returncode == 0, result.stderr
    pages = page_texts(pdf)
    text = "\n".join(pages)
    assert "Portfölj" in text and "Målkonfliktsregister" in text
    assert "rsp-bracke" in text and "Kälarne" in text
    assert len(pages) >= 5
    book = openpyxl.load_workbook(xlsx)
    assert "Målkonfliktsregister" in book.sheetnames


def test_broken_file_fails_with_a_message_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this process (`python -m assessment` gives the same exit code and output: the hostile
    suite's real-process test): no portfolio of the other files, nothing written."""
    bad = tmp_path / "trasig.yaml"
    bad.write_text("title: x\nsdg:\n  - goal: 42\n", encoding="utf-8")
    xlsx = tmp_path / "p.xlsx"
    assert main(["portfolio", str(EXAMPLES[0]), str(bad), "--xlsx", str(xlsx)]) == 2
    out, err = capsys.readouterr()
    assert "trasig.yaml" in err and "42" in err
    assert out == "" and not xlsx.exists()
    assert main(["portfolio", str(EXAMPLES[0]), "--today", "1 mars"]) == 2
    out, err = capsys.readouterr()
    assert "1 mars" in err and out == ""


def test_hostile_text_survives_every_output(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        'title: "<script>alert(1)</script> & =SUM(A1) ŋ đ č ŧ ï"\n'
        "municipalities: [Åre]\n"
        'conflicts:\n  - id: k1\n    between: ["sdg:8", "sdg:13"]\n'
        f'    description: "{"lång text " * 20000}"\n',
        encoding="utf-8",
    )
    pdf, xlsx = tmp_path / "h.pdf", tmp_path / "h.xlsx"
    result = cli("portfolio", str(hostile), "--json", "-o", str(pdf), "--xlsx", str(xlsx))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["views"]["register"][0]["title"].startswith("<script>")
    assert len(data["views"]["register"][0]["description"]) > 190_000
    text = pdf_text(pdf)
    assert "<script>alert(1)</script>" in text
    sheet = openpyxl.load_workbook(xlsx)["Målkonfliktsregister"]
    titles = [c.value for c in sheet["B"]]
    # Text starting with "<" is not formula-like and stays as written.
    assert titles[1] == "<script>alert(1)</script> & =SUM(A1) ŋ đ č ŧ ï"
