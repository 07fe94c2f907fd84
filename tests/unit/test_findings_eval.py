"""The expert evaluation set (tests/expert_eval): the default view of every case meets the
targets of issue 11 and never shows a finding the set rules out."""

from __future__ import annotations

import pytest

from tests.expert_eval.evaluate import cases, evaluate, evaluate_case

CASES = cases()


def test_the_set_covers_every_example_and_four_new_cases() -> None:
    files = {c["file"] for c in CASES}
    assert len([f for f in files if f.startswith("examples/")]) == 12
    assert len([f for f in files if f.startswith("tests/expert_eval/cases/")]) >= 4
    for case in CASES:
        for key in ("must_see", "may_see", "must_not"):
            for item in case.get(key) or ():
                assert item["reason"].strip(), (case["file"], item)
        assert case["must_see"], case["file"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"].rsplit("/", 1)[-1])
def test_default_view_per_case(case: dict[str, object]) -> None:
    result = evaluate_case(case)  # type: ignore[arg-type]
    assert len(result.shown) <= 10
    assert not result.violations, [(i.reason, f.key) for i, f in result.violations]
    assert not result.missed, [i.reason for i in result.missed]


def test_overall_precision_and_recall_meet_the_targets() -> None:
    results = evaluate()
    shown = sum(len(r.shown) for r in results)
    precision = sum(r.precise for r in results) / shown
    recall = sum(r.found for r in results) / sum(r.must_see for r in results)
    assert precision >= 0.8 and recall >= 0.9, (precision, recall)
