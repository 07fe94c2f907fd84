"""Precision and recall of the findings' default view on the expert evaluation set.

Run: ``.venv/bin/python bench/bench_findings_eval.py [--details]`` from the repository root.
Prints, per case and overall: findings in the default view, must-see items found, precision
(default-view findings an expert label accepts / shown) and recall (must-see found / must-see).
Targets (issue 11): precision ≥ 0.8, recall ≥ 0.9, ≤ 10 findings in the default view per case.
What it measures: agreement with labels written by the project (tests/expert_eval/labels.yaml),
not an independent expert panel; an unlabelled finding counts against precision. "strict" counts
only labels that name both ends of a finding (catch-all labels like "any synergy" excluded).
Method and the level of evidence: docs/evaluation.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from collections import Counter

from tests.expert_eval.evaluate import all_items, evaluate


def main() -> int:
    details = "--details" in sys.argv
    results = evaluate()
    head = f"{'case':<40} {'shown':>5} {'must':>4} {'found':>5} {'prec':>5} {'strict':>6}"
    print(f"{head} {'recall':>6} {'viol':>4}")
    for r in results:
        print(
            f"{Path(r.file).stem:<40} {len(r.shown):>5} {r.must_see:>4} {r.found:>5} "
            f"{r.precision:>5.2f} {r.strict / len(r.shown) if r.shown else 1:>6.2f} {r.recall:>6.2f} "
            f"{len(r.violations):>4}"
        )
        if details:
            for item in r.missed:
                print(f"    missed: {item.describe()} — {item.reason}")
            for item, f in r.violations:
                print(f"    must-not shown: {f.key} — {item.reason}")
            for f in r.unlabelled:
                print(f"    unlabelled: {f.key} [{f.evidence}] {f.explanation[:110]}")
    shown = sum(len(r.shown) for r in results)
    precise = sum(r.precise for r in results)
    must = sum(r.must_see for r in results)
    found = sum(r.found for r in results)
    strict = sum(r.strict for r in results)
    print(
        f"{'OVERALL (' + str(len(results)) + ' cases)':<40} {shown:>5} {must:>4} {found:>5} "
        f"{precise / shown if shown else 1:>5.2f} {strict / shown if shown else 1:>6.2f} "
        f"{found / must if must else 1:>6.2f} {sum(len(r.violations) for r in results):>4}"
    )
    print(f"max findings in a default view: {max(len(r.shown) for r in results)} (target ≤ 10)")
    bases = Counter(item.basis for item in all_items())
    print("labels by basis: " + ", ".join(f"{basis} {n}" for basis, n in sorted(bases.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
