"""The expert evaluation set (tests/expert_eval): the default view of every case meets the
targets of issue 11 and never shows a finding the set rules out."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.expert_eval.evaluate import BASES, REVIEW, Item, all_items, cases, evaluate, evaluate_case

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


def test_every_label_states_its_basis_and_review_quotes_are_verbatim() -> None:
    """A label resting on the domain review quotes it word for word (the copy in
    docs/reviews/domain-review.md); the others are a named source or the project's judgement."""
    review = REVIEW.read_text(encoding="utf-8")
    items = all_items()
    bases = Counter(i.basis for i in items)
    assert set(bases) <= set(BASES) and bases["review"] >= 8 and bases["source"] >= 4
    for item in items:
        if item.basis == "review":
            assert item.quote in review, item.quote
    # Most labels are the project's own judgement, and the docs say so.
    assert bases["project_judgement"] > bases["review"] + bases["source"]
    assert "not an independent expert set" in (REVIEW.parents[1] / "evaluation.md").read_text(
        encoding="utf-8"
    )


def test_a_review_label_without_its_quote_is_refused() -> None:
    with pytest.raises(ValueError, match="needs its quote"):
        Item.parse({"reason": "r", "basis": "review"})
    with pytest.raises(ValueError, match="unknown basis"):
        Item.parse({"reason": "r", "basis": "expert panel"})
