"""Two assessments side by side: two municipalities' measures, or one assessment before and
after a workshop. One long table (section, item, a, b, changed) so it exports as it shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import pandas as pd

from assessment.domain.assessment import Assessment, Conflict
from assessment.domain.refs import sort_key

COMPARE_COLUMNS = ["section", "item", "a", "b", "changed"]

Value = str | int | None
T = TypeVar("T")


def _rows(
    section: str,
    a_items: Iterable[T],
    b_items: Iterable[T],
    key: Callable[[T], str],
    value: Callable[[T], Value],
    order: Callable[[str], object] | None = None,
) -> list[dict[str, object]]:
    a_map = {key(x): value(x) for x in a_items}
    b_map = {key(x): value(x) for x in b_items}
    keys = list(dict.fromkeys([*a_map, *b_map]))
    if order is not None:
        keys.sort(key=order)  # type: ignore[arg-type]
    return [
        {
            "section": section,
            "item": k,
            "a": a_map.get(k),
            "b": b_map.get(k),
            "changed": a_map.get(k) != b_map.get(k),
        }
        for k in keys
    ]


def _conflict_text(c: Conflict) -> str:
    parts = [
        " ↔ ".join(c.between),
        c.type or "",
        c.origin or "",
        c.method or "",
        c.decision.strip().splitlines()[0] if c.decision.strip() else "",
        c.follow_up.worked or "",
    ]
    return " | ".join(parts)


def compare(a: Assessment, b: Assessment) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    meta: list[tuple[str, Value]] = [
        ("title", a.title),
        ("kind", str(a.kind)),
        ("organisation", a.organisation),
        ("municipalities", ", ".join(a.municipalities)),
        ("date", a.date.isoformat() if a.date else None),
        ("tags", ", ".join(a.tags)),
        ("verdict", a.judgement.verdict),
    ]
    meta_b: list[tuple[str, Value]] = [
        ("title", b.title),
        ("kind", str(b.kind)),
        ("organisation", b.organisation),
        ("municipalities", ", ".join(b.municipalities)),
        ("date", b.date.isoformat() if b.date else None),
        ("tags", ", ".join(b.tags)),
        ("verdict", b.judgement.verdict),
    ]
    rows += _rows("meta", meta, meta_b, lambda x: x[0], lambda x: x[1])
    rows += _rows("rus", a.rus, b.rus, lambda r: r.goal, lambda r: r.impact)
    rows += _rows("sdg", a.sdg, b.sdg, lambda r: r.ref, lambda r: r.impact, sort_key)
    rows += _rows(
        "other_goals", a.other_goals, b.other_goals, lambda r: f"{r.framework}:{r.goal}", lambda r: r.impact
    )
    rows += _rows(
        "actors",
        a.actors,
        b.actors,
        lambda x: x.name,
        lambda x: f"{x.role}, {x.influence}/{x.interest}, {'present' if x.present else 'absent'}",
    )
    a_checks = [(f"{c}/{i}", ans.checked) for c, items in a.checklists.items() for i, ans in items.items()]
    b_checks = [(f"{c}/{i}", ans.checked) for c, items in b.checklists.items() for i, ans in items.items()]
    rows += _rows(
        "checklists", a_checks, b_checks, lambda x: x[0], lambda x: "yes" if x[1] else "no", lambda k: k
    )
    rows += _rows("conflicts", a.conflicts, b.conflicts, lambda c: c.id, _conflict_text)
    rows += _rows(
        "measures",
        a.measures,
        b.measures,
        lambda m: m.id,
        lambda m: f"{m.owner} | {m.due.isoformat() if m.due else ''} | {m.status}",
    )
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def compare_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per section: items only in A, only in B, in both, and changed."""
    rows = []
    for section, group in table.groupby("section", sort=False):
        only_a = int((group["a"].notna() & group["b"].isna()).sum())
        only_b = int((group["a"].isna() & group["b"].notna()).sum())
        rows.append(
            {
                "section": section,
                "only_a": only_a,
                "only_b": only_b,
                "both": len(group) - only_a - only_b,
                "changed": int(group["changed"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=["section", "only_a", "only_b", "both", "changed"])
