"""Coverage looks measures and positions up in an index built once per analysis; every issue must
get exactly what a scan of every measure and position with `covers` gives (the old definition)."""

from __future__ import annotations

from assessment.analysis.coverage import coverage
from assessment.analysis.model import CoverageItem
from assessment.analysis.refs import covers
from assessment.domain import Assessment, parse_ref
from assessment.domain.refs import canonical_sdg
from assessment.report.demo import stress_assessment


def _varied() -> Assessment:
    """The stress assessment with measures on goals, targets, conflicts, RUS and other refs, and
    positions with and without text, many times over."""
    doc = stress_assessment().to_document()
    refs = ["sdg:13", "13.2", "8.9", "sdg:8", "k3", " k4 ", "rus:p3", "15.1", "SDG 15", "9.1", "x"]
    doc["measures"] = [
        {"id": f"m{i}", "text": f"Åtgärd {i}", "addresses": [refs[i % len(refs)], refs[(i * 7) % len(refs)]]}
        for i in range(400)
    ]
    doc["positions"] = [
        {"id": f"p{i}", "step": "2", "text": "" if i % 5 == 0 else f"Ställning {i}", "refs": [refs[i % 11]]}
        for i in range(60)
    ]
    doc["rus"] = [{"goal": "p3", "impact": -2}]
    doc["conflicts"].append({"id": "k99", "between": ["rus:p3", "rus:p1"], "type": "between_goals"})
    doc["measures"].append({"id": "m-k99", "text": "Åtgärd", "addresses": ["k99"]})
    return Assessment.model_validate(doc)


def _addresses(refs: list[str], item: CoverageItem, conflict_ids: set[str]) -> bool:
    if any(r.strip() in conflict_ids for r in refs):
        return True
    if item.kind == "recorded_conflict":
        return any(r.strip() == item.target for r in refs)
    if item.kind == "negative_impact" and canonical_sdg(item.target) is None:
        return any(parse_ref(r) == parse_ref(item.target) for r in refs)
    return any((c := canonical_sdg(r)) is not None and covers(c, item.target) for r in refs)


def test_indexed_coverage_equals_the_scan_of_every_measure_and_position() -> None:
    assessment = _varied()
    items = coverage(assessment, "sv").items
    assert len(items) > 40
    assert {"negative_impact", "direct_conflict", "recorded_conflict"} <= {i.kind for i in items}
    assert any(i.positions for i in items) and any(i.target == "rus:p3" for i in items)
    addressed = 0
    for item in items:
        conflict_ids = set(item.conflicts)
        measures = tuple(m.id for m in assessment.measures if _addresses(m.addresses, item, conflict_ids))
        positions = tuple(
            p.id for p in assessment.positions if p.text.strip() and _addresses(p.refs, item, conflict_ids)
        )
        assert item.measures == measures, item
        assert item.positions[len(item.positions) - len(positions) :] == positions, item
        addressed += bool(measures)
    assert 0 < addressed < len(items)  # some handled, some not: the comparison means something
