"""`findings()` gives exactly the results it gave before the speed work of issue 16: every finding
(kind, ends, via, severity, texts, order), coverage, metrics and counts, in both languages.

The expected results in ``tests/golden/`` were written by the analysis as it was on main at
911940a, before findings were made faster: ``python tests/unit/test_findings_golden.py --write``
(see tests/golden/README.md). Rewrite them only for an intended change of the findings, and say so
in the commit.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import inspect
import json
import pickle
import random
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assessment.analysis import findings  # noqa: E402
from assessment.analysis.model import Finding  # noqa: E402
from assessment.domain import Assessment  # noqa: E402
from assessment.fileio import load_assessment  # noqa: E402
from assessment.i18n.text import LocalText  # noqa: E402
from assessment.knowledge.interactions import InteractionBase, KnownInteraction  # noqa: E402
from assessment.knowledge.sdg import sdg_catalog  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
LANGS = ("sv", "en")


def _files() -> list[Path]:
    return sorted(
        [*(ROOT / "examples").rglob("*.yaml"), *(ROOT / "tests" / "expert_eval" / "cases").glob("*.yaml")]
    )


def _synthetic(seed: int) -> tuple[Assessment, InteractionBase]:
    """57 nodes (the goals and 40 targets), 12 cells out of each, goal cells with ``applies_to``,
    12 ratings with mixed certainty and a few of the case's own interactions."""
    rng = random.Random(seed)
    targets = list(sdg_catalog().targets)
    nodes = [f"sdg:{n}" for n in range(1, 18)] + rng.sample(targets, 40)
    text = LocalText(sv="källa", en="source")
    cells = []
    for source in nodes:
        for target in rng.sample(nodes, 12):
            if source != target:
                level = "goal" if source.startswith("sdg:") and target.startswith("sdg:") else "target"
                score = rng.choice((-3, -2, -1, 1, 2, 3))
                applies = tuple(rng.sample(targets, 3)) if level == "goal" and rng.random() < 0.3 else ()
                origin = rng.choice(("project_judgement", "literature"))
                cells.append(KnownInteraction(source, target, score, origin, "ref", text, level, applies))  # type: ignore[arg-type]
    kb = InteractionBase(
        goals=tuple(c for c in cells if c.level == "goal"),
        targets=tuple(c for c in cells if c.level != "goal"),
    )
    rated = rng.sample(nodes, 12)
    sdg = [
        ({"goal": int(r[4:])} if r.startswith("sdg:") else {"target": r})
        | {"impact": rng.choice((-2, -1, 1, 2, 3)), "certainty": rng.choice(("low", "medium", "high"))}
        for r in rated
    ]
    own = [
        {"source": rng.choice(rated), "to": rng.choice(nodes), "score": rng.choice((-2, 2))} for _ in range(6)
    ]
    own = [i for i in own if i["source"] != i["to"]]
    data = {"title": "golden", "sdg": sdg, "interactions": own}
    return Assessment.model_validate(data), kb


def _handled(assessment: Assessment, kb: InteractionBase) -> tuple[Assessment, InteractionBase]:
    """The case with measures for its negative ratings, and dismissals of its first finding of
    each kind plus one whose finding does not occur (stale)."""
    first = findings(assessment, kb=kb)
    kinds = (first.direct_conflicts, first.latent_conflicts, first.second_order_risks, first.synergies)
    keys = [found[0].key for found in kinds if found] + ["latent_conflict:1.1>1.2"]
    negative = [r.ref for r in assessment.sdg if (r.impact or 0) < 0]
    measures = [{"id": f"m{n}", "addresses": [ref]} for n, ref in enumerate(negative)]
    dismissals = [{"finding": key, "reason": "inte här", "by": "test"} for key in keys]
    data = assessment.model_dump(mode="json") | {"measures": measures, "dismissals": dismissals}
    return Assessment.model_validate(data), kb


def _stress() -> tuple[Assessment, InteractionBase]:
    """bench_analysis's stress case: all 169 targets rated, a random table with ~50 % of cells."""
    import numpy as np

    codes = list(sdg_catalog().targets)
    rng = np.random.default_rng(169)
    values = rng.choice([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0], size=(len(codes), len(codes)))
    values[rng.random(values.shape) < 0.5] = 0.0
    np.fill_diagonal(values, 0.0)
    text = LocalText(sv="slump", en="random")
    cells = tuple(
        KnownInteraction(codes[i], codes[j], int(values[i, j]), "project_judgement", "bench", text, "target")
        for i, j in zip(*np.nonzero(values), strict=True)
    )
    pick = random.Random(169)
    sdg = [{"target": code, "impact": pick.choice((-2, -1, 1, 2, 3))} for code in codes]
    return Assessment.model_validate({"title": "bench", "sdg": sdg}), InteractionBase(goals=(), targets=cells)


def _canonical(result: Any) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)


def current() -> dict[str, Any]:
    """What the analysis says now, in the golden files' layout."""
    files = {}
    for path in _files():
        assessment = load_assessment(path)
        for lang in LANGS:
            files[f"{path.relative_to(ROOT).as_posix()}|{lang}"] = findings(assessment, lang).to_dict()
    synthetic = {}
    for seed in range(2):
        assessment, kb = _synthetic(seed)
        for lang in LANGS:
            synthetic[f"{seed}|{lang}"] = findings(assessment, lang, kb=kb).to_dict()
    assessment, kb = _handled(*_synthetic(2))
    for lang in LANGS:
        synthetic[f"2 handled|{lang}"] = findings(assessment, lang, kb=kb).to_dict()
    assessment, kb = _stress()
    stress = {}
    for lang in LANGS:
        result = findings(assessment, lang, kb=kb)
        counts = {k: len(v) for k, v in result.to_dict().items() if isinstance(v, list)}
        stress[lang] = {"sha256": hashlib.sha256(_canonical(result).encode()).hexdigest(), "counts": counts}
    return {"files": files, "synthetic": synthetic, "stress": stress}


def _golden(name: str) -> Any:
    return json.loads((GOLDEN / f"findings_{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now() -> dict[str, Any]:
    return current()


@pytest.mark.parametrize("part", ["files", "synthetic"])
def test_findings_are_exactly_the_golden_ones(now: dict[str, Any], part: str) -> None:
    expected = _golden(part)
    assert sorted(now[part]) == sorted(expected)
    for case, result in expected.items():
        assert now[part][case] == result, case


def test_the_stress_case_gives_exactly_the_golden_findings(now: dict[str, Any]) -> None:
    # 25,000+ findings per language: compared through a digest of their canonical JSON.
    assert now["stress"] == _golden("stress")


def test_the_golden_cases_cover_every_kind_of_finding() -> None:
    expected = {**_golden("files"), **_golden("synthetic")}
    kinds = ("direct_conflicts", "mixed_effects", "latent_conflicts", "second_order_risks", "synergies")
    assert all(any(result[kind] for result in expected.values()) for kind in (*kinds, "unaddressed"))
    assert any(result["dismissed"] for result in expected.values())
    assert any(result["stale_dismissals"] for result in expected.values())
    assert any(item["status"] == "measure" for r in expected.values() for item in r["coverage"]["items"])


def test_the_finding_constructor_takes_exactly_its_fields() -> None:
    # Finding writes its fields itself (speed); its parameters must stay the dataclass fields.
    fields = [(f.name, f.default) for f in dataclasses.fields(Finding)]
    params = list(inspect.signature(Finding).parameters.values())
    assert [(p.name, p.default) for p in params] == [
        (name, inspect.Parameter.empty if default is dataclasses.MISSING else default)
        for name, default in fields
    ]
    made = Finding(
        "synergy", "7.2", "13.2", 1.0, lambda: "text", "source", "knowledge_base", related=("8.1",)
    )
    assert dataclasses.replace(made, severity=2.0) == Finding(
        "synergy", "7.2", "13.2", 2.0, "text", "source", "knowledge_base", related=("8.1",)
    )
    assert made.explanation == "text" and vars(made)["_explanation"] == "text"


def test_texts_are_built_when_read_and_stored_when_pickled() -> None:
    result = findings(load_assessment(ROOT / "examples" / "kalarne_drivmedel.yaml"), "en")
    first = result.direct_conflicts[0]
    assert callable(vars(first)["_explanation"])  # not formatted yet
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.to_dict() == result.to_dict()
    assert isinstance(vars(again.direct_conflicts[0])["_explanation"], str)
    assert copy.deepcopy(result) == result


def _write() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, value in current().items():
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
        (GOLDEN / f"findings_{name}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: python tests/unit/test_findings_golden.py --write")
    _write()
