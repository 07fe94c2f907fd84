"""Precision and recall of the findings' default view against the expert evaluation set.

* recall = must-see items found in the default view / must-see items;
* precision = default-view findings that match a must-see or may-see item / default-view
  findings (an unlabelled finding counts against precision: the set says what is acceptable);
* strict precision = the same, counting only items that name both ends of a finding (the
  catch-all may-see items such as "any synergy" do not count);
* violations = default-view findings that match a must-not item (reported one by one).

Used by ``tests/unit/test_findings_eval.py`` and ``bench/bench_findings_eval.py``.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assessment.analysis import Finding, default_view, findings
from assessment.analysis.refs import covers
from assessment.domain.refs import canonical_sdg
from assessment.fileio import load_assessment
from assessment.yaml_io import read_yaml_mapping

ROOT = Path(__file__).resolve().parents[2]
LABELS = Path(__file__).with_name("labels.yaml")
REVIEW = ROOT / "docs" / "reviews" / "domain-review.md"
# What a label rests on: a verbatim quote of the domain review (`quote`), a named source in the
# reason (a ruling, a paper, a law), or the project's own judgement (the default of the file).
BASES = ("review", "source", "project_judgement")
WARNING_KINDS = ("direct_conflict", "mixed_effects", "latent_conflict", "second_order_risk")


@dataclass(frozen=True)
class Item:
    reason: str
    kinds: tuple[str, ...] = ()
    source: str | None = None
    target: str | None = None
    via: str | None = None
    text: str = ""
    basis: str = "project_judgement"
    quote: str = ""

    @classmethod
    def parse(cls, data: dict[str, Any], default_basis: str = "project_judgement") -> Item:
        kind = data.get("kind", ())
        kinds = (kind,) if isinstance(kind, str) else tuple(kind)
        if "warning" in kinds:
            kinds = tuple(k for k in kinds if k != "warning") + WARNING_KINDS

        def ref(key: str) -> str | None:
            raw = data.get(key)
            if raw is None:
                return None
            found = canonical_sdg(str(raw))
            if found is None:
                raise ValueError(f"unknown ref {raw!r} in {data}")
            return found

        basis = str(data.get("basis", default_basis))
        quote = str(data.get("quote", ""))
        if basis not in BASES:
            raise ValueError(f"unknown basis {basis!r} in {data}")
        if (basis == "review") != bool(quote):
            raise ValueError(f"a review label needs its quote, and only it has one: {data}")
        return cls(
            str(data["reason"]),
            kinds,
            ref("from"),
            ref("to"),
            ref("via"),
            str(data.get("text", "")),
            basis,
            quote,
        )

    def matches(self, f: Finding) -> bool:
        if self.kinds and f.kind not in self.kinds:
            return False
        # A mixed-effects group only lists the case's own ratings; it claims no A → B link, so
        # only an item that names the kind speaks about it.
        if f.kind == "mixed_effects" and "mixed_effects" not in self.kinds:
            return False
        sources = (f.source, *f.related)
        if self.source is not None and not any(covers(self.source, s) for s in sources):
            return False
        if self.target is not None and not covers(self.target, f.target):
            return False
        if self.via is not None and (f.via is None or not covers(self.via, f.via)):
            return False
        return self.text in f.explanation

    def describe(self) -> str:
        kinds = "/".join(self.kinds) or "any"
        return f"{kinds} {self.source or '*'} → {self.target or '*'}"


@dataclass
class CaseResult:
    file: str
    shown: tuple[Finding, ...]
    must_see: int
    found: int
    precise: int
    strict: int  # matched by an item that names both ends (not a catch-all "any synergy")
    missed: list[Item] = field(default_factory=list)
    violations: list[tuple[Item, Finding]] = field(default_factory=list)
    unlabelled: list[Finding] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.must_see if self.must_see else 1.0

    @property
    def precision(self) -> float:
        return self.precise / len(self.shown) if self.shown else 1.0


def _items(raw: Iterable[dict[str, Any]] | None) -> list[Item]:
    basis = default_basis()
    return [Item.parse(item, basis) for item in raw or ()]


@functools.cache
def _labels() -> dict[str, Any]:
    # Read once per process: the unit tests evaluate every case several times.
    return dict(read_yaml_mapping(LABELS, 1_000_000, trusted=True))


def default_basis() -> str:
    return str(_labels().get("basis", "project_judgement"))


def all_items() -> list[Item]:
    """Every label of every case (must-see, may-see, must-not)."""
    return [
        item
        for case in cases()
        for key in ("must_see", "may_see", "must_not")
        for item in _items(case.get(key))
    ]


def cases() -> list[dict[str, Any]]:
    return copy.deepcopy(list(_labels()["cases"]))  # callers may change their copy


def evaluate_case(case: dict[str, Any], lang: str = "sv") -> CaseResult:
    must, may, never = _items(case.get("must_see")), _items(case.get("may_see")), _items(case.get("must_not"))
    result = findings(load_assessment(ROOT / case["file"]), lang)
    shown = default_view(result).shown
    missed = [item for item in must if not any(item.matches(f) for f in shown)]
    violations = [(item, f) for f in shown for item in never if item.matches(f)]
    bad = {id(f) for _, f in violations}
    precise = [f for f in shown if id(f) not in bad and any(i.matches(f) for i in (*must, *may))]
    unlabelled = [f for f in shown if id(f) not in bad and f not in precise]
    specific = [i for i in (*must, *may) if i.source is not None and i.target is not None]
    strict = [f for f in precise if any(i.matches(f) for i in specific)]
    return CaseResult(
        file=case["file"],
        shown=shown,
        must_see=len(must),
        found=len(must) - len(missed),
        precise=len(precise),
        strict=len(strict),
        missed=missed,
        violations=violations,
        unlabelled=unlabelled,
    )


def evaluate(lang: str = "sv") -> list[CaseResult]:
    return [evaluate_case(case, lang) for case in cases()]
