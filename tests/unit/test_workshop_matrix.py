"""The workshop matrix: code choice, knowledge-base pre-fill, CSV/XLSX the CLI reads back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assessment.analysis import parse_matrix
from assessment.domain import Assessment
from assessment.errors import ValidationFailed
from assessment.knowledge.interactions import interaction_base
from assessment.workshop import (
    canonical_codes,
    prefill,
    read_upload,
    sorted_codes,
    suggested_codes,
    to_csv,
    to_xlsx,
    values,
)

ROOT = Path(__file__).resolve().parents[2]
CODES = ("sdg:7", "7.2", "sdg:8", "sdg:12", "sdg:13", "13.2")


def test_codes_are_canonical_sorted_without_repeats_and_counted() -> None:
    given = ["13", "SDG 8", "7.2", "7", "8", "12", "13.2"]
    assert canonical_codes(given) == ("sdg:13", "sdg:8", "7.2", "sdg:7", "sdg:12", "13.2")  # as given
    assert sorted_codes(canonical_codes(given)) == list(CODES)
    with pytest.raises(ValidationFailed) as few:
        canonical_codes(["1", "2", "3", "3"])
    assert "5–40" in few.value.message("sv") and "(nu 3)" in few.value.message("sv")
    with pytest.raises(ValidationFailed) as bad:
        canonical_codes(["1", "2", "3", "4", "99", "<b>&"])
    assert len(bad.value.problems) == 2
    many = [str(n) for n in range(1, 18)] + [f"{g}.1" for g in range(1, 18)] + [f"{g}.2" for g in range(1, 8)]
    with pytest.raises(ValidationFailed) as too_many:
        canonical_codes(many)
    assert "(now 41)" in too_many.value.message("en")
    assert len(canonical_codes(many[:40])) == 40


def test_prefill_is_the_knowledge_base_with_goal_fallback_for_targets() -> None:
    kb = interaction_base()
    cells = prefill(CODES, kb)
    assert all(a != b for a, b in cells)
    direct = kb.get("sdg:8", "sdg:13")
    assert direct is not None and cells[("sdg:8", "sdg:13")].known is direct
    assert not cells[("sdg:8", "sdg:13")].inherited
    for (a, b), fill in cells.items():
        exact = kb.get(a, b)
        if exact is None:
            assert fill.inherited and not fill.literature
            assert fill.known.source.startswith("sdg:") and fill.known.target.startswith("sdg:")
        else:
            assert fill.known is exact


def test_values_use_the_agreed_score_over_the_prefill() -> None:
    pre = prefill(CODES)
    base = values(CODES, {}, pre)
    i, j = CODES.index("sdg:8"), CODES.index("sdg:13")
    assert base[i, j] == pre[("sdg:8", "sdg:13")].score
    changed = values(CODES, {("sdg:8", "sdg:13"): 3, ("sdg:8", "sdg:8"): 2}, pre)
    assert changed[i, j] == 3 and changed[i, i] == 0
    assert np.count_nonzero(base != changed) == 1


def test_csv_and_xlsx_round_trip_through_the_cli_reader(tmp_path: Path) -> None:
    pre = prefill(CODES)
    matrix = values(CODES, {("sdg:13", "sdg:7"): -2}, pre)
    text = to_csv(CODES, matrix)
    parsed = parse_matrix(text)
    assert parsed.codes == CODES and np.array_equal(parsed.values, matrix)
    back = read_upload(to_xlsx(CODES, matrix), "matris.xlsx")
    assert back.codes == CODES and np.array_equal(back.values, matrix)
    assert np.array_equal(read_upload(text.encode("utf-8"), "m.csv").values, matrix)
    # Semicolons and a BOM as Swedish Excel writes them.
    swedish = ("\ufeff" + text.replace(",", ";")).encode("utf-8")
    assert np.array_equal(read_upload(swedish, "m.csv").values, matrix)
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "assessment", "graph", "--matrix", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert {row["code"] for row in json.loads(out.stdout)} == set(CODES)


def test_bad_uploads_are_reported_not_guessed() -> None:
    with pytest.raises(ValidationFailed) as broken:
        read_upload(b"PK\x03\x04not really", "m.xlsx")
    assert "Excel" in broken.value.message("sv")
    with pytest.raises(ValidationFailed) as value:
        read_upload(b",8,13\n8,,5\n13,1,\n", "m.csv")
    assert "column 3" in value.value.message("en")
    with pytest.raises(ValidationFailed):
        read_upload(b"x" * 3_000_000, "m.csv")


def test_suggested_codes_start_from_step_two_ratings() -> None:
    a = Assessment.model_validate(
        {"title": "t", "sdg": [{"goal": 8, "impact": 2}, {"target": "13.2", "impact": -1}]}
    )
    codes = suggested_codes(a, limit=10)
    assert {"sdg:8", "13.2"} <= set(codes) and len(codes) == 10
    assert canonical_codes(codes) == tuple(codes)


def test_the_store_uses_only_the_pure_workshop_modules() -> None:
    """docs/architecture.md: storage may import the domain and workshop.codes/consensus/model."""
    code = (
        "import sys, assessment.storage; print(sorted(m for m in sys.modules if m.startswith('assessment.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = out.stdout
    assert "assessment.workshop.codes" in loaded and "assessment.workshop.model" in loaded
    for heavy in ("assessment.analysis", "assessment.report", "assessment.workshop.matrix", "streamlit"):
        assert f"'{heavy}'" not in loaded, heavy
