"""Selecting assessments by kind, municipality, date range, tags, workspace and text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessment.domain.assessment import Assessment
from assessment.portfolio.selection import (
    Filters,
    Item,
    Portfolio,
    all_municipalities,
    all_tags,
    norm_tag,
    select,
)
from assessment.portfolio.sources import from_files, from_uploads

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "rsp").glob("*.yaml"))


def make(title: str, **fields: object) -> Assessment:
    return Assessment.model_validate({"title": title, **fields})


def test_tag_spelling_variants_are_one_tag() -> None:
    assert norm_tag("RSP 2023–2030") == norm_tag(" rsp  2023-2030") == norm_tag("RSP 2023—2030")


def test_filters_on_the_example_set() -> None:
    rsp, _ = from_files(EXAMPLES)
    assert len(select(rsp, Filters())) == 8
    assert len(select(rsp, Filters.of(tags=["rsp 2023-2030"]))) == 8
    assert select(rsp, Filters.of(tags=["RSP 2023–2030", "drivmedel"])).keys() == [
        "rsp-bracke",
        "rsp-krokom",
        "rsp-stromsund",
    ]
    assert select(rsp, Filters.of(municipalities=["Åre kommun", "bräcke"])).keys() == [
        "rsp-are",
        "rsp-bracke",
    ]
    assert select(rsp, Filters.of(kinds=["project"])).keys() == []
    october = Filters.of(date_from=dt.date(2025, 10, 1), date_to=dt.date(2025, 10, 31))
    assert select(rsp, october).keys() == ["rsp-are", "rsp-berg", "rsp-krokom", "rsp-ragunda"]
    assert select(rsp, Filters.of(search="gäddede")).keys() == ["rsp-stromsund"]
    assert "RSP 2023–2030" in all_tags(rsp)
    assert len(all_municipalities(rsp)) == 8


def test_undated_assessment_is_outside_any_date_range() -> None:
    p = Portfolio.of([make("utan datum"), make("med", date="2025-05-01")])
    assert select(p, Filters.of(date_from=dt.date(2025, 1, 1))).keys() == ["med"]
    assert len(select(p, Filters())) == 2


def test_workspace_filter() -> None:
    a, b = make("a"), make("b")
    p = Portfolio((Item.of("a", a, "region"), Item.of("b", b, "krokom")))
    assert select(p, Filters.of(workspaces=["krokom"])).keys() == ["b"]


def test_keys_are_unique_even_for_equal_ids() -> None:
    a = make("a", id="same")
    p = Portfolio.of([a, a, ("dir/file.yaml", make("no id"))])
    assert p.keys() == ["same", "same (2)", "file"]


def test_broken_files_are_reported_and_the_rest_kept(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("title: x\nsdg:\n  - goal: 99\n", encoding="utf-8")
    portfolio, problems = from_files([EXAMPLES[0], bad, wrong, tmp_path / "missing.yaml"])
    assert portfolio.keys() == ["rsp-are"]
    files = {p.file for p in problems}
    assert {str(bad), str(wrong), str(tmp_path / "missing.yaml")} <= files


def test_uploads_with_hostile_text_lose_nothing() -> None:
    text = 'title: "<b>Čearru ŋ đ ŧ ï & co</b>"\ntags: ["=HYPERLINK(1)"]\n'
    portfolio, problems = from_uploads([("x.yaml", text.encode()), ("y.yaml", b"\xff\xfe")])
    assert portfolio.get("x").title == "<b>Čearru ŋ đ ŧ ï & co</b>"
    assert [p.key for p in problems] == ["core.not_utf8"]


def test_combine_keeps_every_item_with_unique_keys() -> None:
    from assessment.domain import Assessment
    from assessment.portfolio.selection import Portfolio, combine

    one = Portfolio.of([Assessment(title="A", id="x")])
    two = Portfolio.of([Assessment(title="B", id="x"), Assessment(title="C", id="y")])
    both = combine(one, two)
    assert both.keys() == ["x", "x (2)", "y"]
    assert [i.title for i in both] == ["A", "B", "C"]
