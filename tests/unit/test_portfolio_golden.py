"""The portfolio views give exactly what they gave before the speed work of issue 16: every
frame's columns, dtypes and records (``to_json_data``, what ``assessment portfolio --json`` and the
app show) for 400 seeded assessments built as bench/bench_portfolio.py builds them.

``tests/golden/portfolio_views.json`` was written on main at d099774, before the views were made
faster: ``python tests/unit/test_portfolio_golden.py --write``. Rewrite it only for an intended
change of the views, and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_portfolio import TODAY, variant  # noqa: E402  # the bench's seeded variations

from assessment.domain.assessment import Assessment  # noqa: E402
from assessment.fileio import load_assessment  # noqa: E402
from assessment.portfolio.selection import Portfolio  # noqa: E402
from assessment.portfolio.views import VIEW_NAMES, compute, to_json_data  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "portfolio_views.json"
N = 400


def _portfolio() -> Portfolio:
    rng = random.Random(2026)
    bases = [load_assessment(p).to_document() for p in sorted((ROOT / "examples" / "rsp").glob("*.yaml"))]
    docs = [variant(bases[i % len(bases)], i, rng) for i in range(N)]
    return Portfolio.of([Assessment.model_validate(d) for d in docs])


def current() -> dict[str, Any]:
    views = compute(_portfolio(), TODAY)
    data = to_json_data(views)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return {
        "figures": data["figures"],
        "columns": {
            name: [[str(c), str(t)] for c, t in views.table(name).dtypes.items()] for name in VIEW_NAMES
        },
        "rows": {name: len(views.table(name)) for name in VIEW_NAMES},
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
    }


def test_the_views_are_exactly_the_golden_ones() -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = current()
    assert now["figures"] == expected["figures"]
    assert now["rows"] == expected["rows"]
    assert now["columns"] == expected["columns"]
    assert now["sha256"] == expected["sha256"]  # every record of every view


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/unit/test_portfolio_golden.py --write")
    GOLDEN.write_text(
        json.dumps(current(), ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8"
    )
