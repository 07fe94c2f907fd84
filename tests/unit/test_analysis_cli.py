"""`python -m assessment analyse` and `graph --matrix` through the CLI entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assessment.cli import main

ASSESSMENT = """\
title: "Fler internationella besökare <&>"
description: "Besöken ska bära en ny fabrik i byn."  # names an industrial site: 8 -> 9 -> 6 applies
sdg:
  - {goal: 8, impact: 3}
  - {target: "8.9", impact: 2}
  - {goal: 10, impact: -1}
  - {target: "8.3", impact: 1}
  - {target: "8.5", impact: -1}
interactions:
  - {from: "sdg:8", to: "sdg:13", score: -3, note: "flyg"}
conflicts:
  - {id: k1, between: ["sdg:8", "sdg:10"]}
"""


@pytest.fixture
def assessment_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(ASSESSMENT, encoding="utf-8")
    return path


def test_analyse_json(assessment_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", str(assessment_file), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    keys = ("direct_conflicts", "mixed_effects", "latent_conflicts", "second_order_risks", "synergies")
    for key in (*keys, "unaddressed"):
        assert isinstance(data[key], list) and data[key], key
        assert {"from", "to", "explanation", "source"} <= set(data[key][0])
    top = data["latent_conflicts"][0]
    assert (top["from"], top["to"], top["score"], top["severity"]) == ("sdg:8", "sdg:13", -3, 3.0)
    assert data["coverage"]["summary"].endswith("addressed")


def test_analyse_text_in_swedish(assessment_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", str(assessment_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fler internationella besökare <&>")
    assert "Möjliga (latenta) målkonflikter" in out and "mål 13 (Bekämpa klimatförändringarna)" in out
    assert "Sammanräkning\n" in out and "frågor hanterade\n" in out and "  0 av " in out
    assert "Samtidiga positiva och negativa effekter" in out
    # The case's own ranking and the knowledge base's general one, each labelled as what it is.
    assert "Mest påverkande mål och delmål i bedömningen" in out
    assert "Mest påverkande mål i kunskapsbasen (allmän SEI-rangordning" in out


def test_analyse_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "analyse", str(tmp_path / "nope.yaml")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_graph_ranks_every_node(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.csv"
    path.write_text(";7.2;13.2;8.9\n7.2;;3;1\n13.2;1;;-1\n8.9;0;-2;\n", encoding="utf-8")
    assert main(["graph", "--matrix", str(path), "--json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in ranked] == ["7.2", "13.2", "8.9"]
    assert ranked[0]["second_order"] == 0.5 * (3 * 0 + 1 * -2)  # rowsums: 13.2 → 0, 8.9 → −2
    assert main(["graph", "--matrix", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:3] == ["1", "delmål", "7.2"]


def test_graph_rejects_bad_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(",8,13\n8,,5\n13,1,\n", encoding="utf-8")
    assert main(["--lang", "en", "graph", "--matrix", str(path)]) == 2
    assert "Row 2 (sdg:8), column 3 (sdg:13)" in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "label", "mark"), [("sv", "allvar", ","), ("en", "severity", ".")])
def test_analyse_prints_severities_in_the_languages_notation(
    assessment_file: Path, capsys: pytest.CaptureFixture[str], lang: str, label: str, mark: str
) -> None:
    """Swedish text says "allvar 2,00", English "severity 2.00" (it said "allvar 2.00")."""
    assert main(["analyse", str(assessment_file), "--lang", lang]) == 0
    shown = re.findall(rf"\[{label} (\d+)([.,])(\d\d)\]", capsys.readouterr().out)
    assert shown and {sep for _, sep, _ in shown} == {mark}, shown
