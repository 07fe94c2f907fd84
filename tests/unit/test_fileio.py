"""The assessment file format: round trip, defaults, and hostile input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assessment.domain import SCHEMA_VERSION, Assessment
from assessment.errors import UserError, ValidationFailed
from assessment.fileio import (
    dump_assessment,
    load_assessment,
    parse_assessment_bytes,
    parse_assessment_text,
    save_assessment,
)
from assessment.process_models import rus_model

SAMI = "Sámi: ŋ đ č š ŧ ž, åarjelsaemien: ï æ ø"

RICH = f"""
schema: 1
title: "Test <b>&amp; {SAMI}"
kind: rsp_measure
organisation: Bräcke kommun
municipalities: [Bräcke]
date: 2026-03-01
language: sv
participants: [Anna, "O'Brien & <Co>"]
tags: ["RSP 2026–2029"]
description: |
  Rad ett
  Rad två med <script>alert(1)</script>
rus:
  - {{goal: p1, impact: 2, comment: "{SAMI}"}}
sdg:
  - {{goal: 11, impact: 2, direct: true, certainty: high, comment: "Tillgång till drivmedel"}}
  - {{target: "7.2", impact: -1, direct: false, certainty: low}}
  - {{target: "7.a", impact: 1}}
other_goals:
  - {{framework: miljokvalitetsmal, goal: begransad_klimatpaverkan, impact: -1}}
actors:
  - {{name: "Sameby X", role: affected, influence: 2, interest: 5, present: false}}
conflicts:
  - id: k1
    between: ["sdg:11", "sdg:13", "actor:Sameby X"]
    description: "Tillgänglighet mot klimat"
    origin: proactive
    follow_up: "Följ upp 2027"
measures:
  - {{id: m1, text: "Förbered för laddning", addresses: [k1, "sdg:13"], owner: Bräcke kommun, due: 2027-06-30}}
interactions:
  - {{from: "sdg:11", to: "sdg:13", score: -1, note: "Fossila drivmedel"}}
"""


def test_round_trip_loses_nothing(tmp_path: Path) -> None:
    first = parse_assessment_text(RICH, "rich.yaml")
    assert first.title.startswith("Test <b>&amp;")
    assert "ŧ" in first.rus[0].comment
    assert first.sdg[2].target == "7.a"
    assert first.conflicts[0].follow_up.plan == "Följ upp 2027"
    for suffix in ("yaml", "json"):
        path = tmp_path / f"out.{suffix}"
        save_assessment(first, path)
        again = load_assessment(path)
        assert again == first
        assert again.description == "Rad ett\nRad två med <script>alert(1)</script>\n"
    assert json.loads(dump_assessment(first, "json"))["interactions"][0]["from"] == "sdg:11"


def test_minimal_in_progress_assessment_is_valid() -> None:
    assessment = parse_assessment_text("title: Utkast\n")
    assert assessment.sdg == [] and assessment.language == "sv" and assessment.kind == "other"


def test_one_megabyte_text_field_survives(tmp_path: Path) -> None:
    big = ("ŋ<&>" * 250_000)[:1_000_000]
    assessment = Assessment(title="Stor", description=big)
    path = tmp_path / "big.yaml"
    save_assessment(assessment, path)
    assert load_assessment(path).description == big


def test_text_above_limit_is_rejected_with_path() -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_assessment_text("title: x\ndescription: " + "a" * 1_000_001, "f.yaml")
    assert "f.yaml: description" in err.value.message("sv")


@pytest.mark.parametrize(
    ("text", "path_fragment"),
    [
        ("title: x\nsdg: [{goal: 18, impact: 1}]", "sdg[0].goal"),
        ("title: x\nsdg: [{target: '7.9', impact: 1}]", "sdg[0].target"),
        ("title: x\nsdg: [{goal: 7, target: '7.2'}]", "sdg[0]"),
        ("title: x\nsdg: [{target: 7.2}]", "sdg[0].target"),
        ("title: x\nsdg: [{goal: 3, impact: 5}]", "sdg[0].impact"),
        ("title: x\nsdg: [{goal: 3, impact: stor}]", "sdg[0].impact"),
        ("title: x\nactors: [{name: A, influence: 9}]", "actors[0].influence"),
        ("title: x\nkind: roman", "kind"),
        ("title: x\nunknown_key: 1", "unknown_key"),
        ("title: x\nconflicts: [{id: k, between: ['sdg:99']}]", "conflicts[0].between[0]"),
        ("title: x\nmeasures: [{id: m, addresses: [nothing]}]", "measures[0].addresses[0]"),
        ("title: x\ninteractions: [{from: 'sdg:8', to: 'sdg:8', score: 1}]", "interactions[0].to"),
        ("title: x\nsdg: [{goal: 3}, {goal: 3}]", "sdg[1]"),
        ("title: ''", "title"),
        ("kind: project", "title"),
    ],
)
def test_bad_content_names_file_and_path(text: str, path_fragment: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_assessment_text(text, "bad.yaml")
    for lang in ("sv", "en"):
        message = err.value.message(lang)
        assert "bad.yaml" in message and path_fragment in message, message


def test_all_problems_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_assessment_text(
            "title: x\nsdg: [{goal: 18}, {target: '1.9'}]\nconflicts: [{id: K1, between: ['sdg:99']}]"
        )
    assert len(err.value.problems) == 3


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\ntitle: bomb",
        "title: !!python/object/apply:os.system ['echo hacked']",
        "title: !custom x",
    ],
)
def test_yaml_bombs_and_unsafe_tags_are_refused(text: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_assessment_text(text, "evil.yaml")
    assert "evil.yaml" in err.value.message("sv")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"\xff\xfe\x00garbage", "core.not_utf8"),
        (b"title: [unclosed", "core.yaml_syntax_at"),
        (b"title: a\ntitle: b\n", "core.yaml_duplicate_key"),
        (b"- just\n- a list\n", "core.not_a_mapping"),
        (f"schema: {SCHEMA_VERSION + 1}\ntitle: x\n".encode(), "core.schema_version"),  # a newer file
    ],
)
def test_malformed_files(data: bytes, key: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_assessment_bytes(data, "up.yaml")
    assert err.value.problems[0].key == key


def test_json_syntax_error_names_line() -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_assessment_text('{"title": "x",\n "sdg": [}', "a.json")
    assert "a.json" in err.value.message("en") and "rad 2" in err.value.message("sv")
    assert "line 2" in err.value.message("en")


def test_duplicate_keys_are_refused_not_silently_dropped() -> None:
    for text, name in (('{"title": "a", "title": "b"}', "a.json"), ("title: a\ntitle: b\n", "a.yaml")):
        with pytest.raises(ValidationFailed) as err:
            parse_assessment_text(text, name)
        assert err.value.problems[0].key == "core.yaml_duplicate_key"
        assert name in err.value.message("sv") and "title" in err.value.message("sv")


def test_missing_file() -> None:
    with pytest.raises(ValidationFailed) as err:
        load_assessment("/nonexistent/x.yaml")
    assert err.value.problems[0].key == "core.file_not_found"


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_save_leaves_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """The failure comes after the new text is written to a temporary file (a full disk at fsync, a
    failed rename): the old file is intact and no temporary file is left. A plain
    "open(target, 'w') and write" implementation would fail both cases."""
    path = tmp_path / "a.yaml"
    save_assessment(Assessment(title="Första"), path)
    written: list[str] = []
    real_fsync = os.fsync

    def broken(*args: object) -> None:
        written.extend(p.name for p in tmp_path.iterdir() if p.name != "a.yaml")
        raise OSError(28, "No space left on device")

    if failing == "fsync":
        monkeypatch.setattr(os, "fsync", broken)
    else:
        monkeypatch.setattr(os, "fsync", real_fsync)
        monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(UserError) as err:  # a message naming the file, not a traceback
        save_assessment(Assessment(title="Andra", description="x" * 10_000), path)
    assert "No space" in err.value.message("en") and "a.yaml" in err.value.message("en")
    assert written and written[0].startswith(".a.yaml."), written  # the new text went elsewhere
    assert load_assessment(path).title == "Första"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_yaml_one_point_one_booleans_in_checkpoint() -> None:
    # YAML 1.1 reads a bare `yes` as true; the file format still means the answer "yes".
    question = rus_model().checkpoint.questions[0].id
    text = f"title: x\ncheckpoint:\n  answers: {{{question}: {{answer: yes}}}}\n  decision: continue\n"
    loaded = parse_assessment_text(text)
    assert loaded.checkpoint.answers[question].answer == "yes"
    assert "answer: 'yes'" in dump_assessment(loaded)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    from assessment.fileio import MAX_FILE_BYTES

    data = b"title: x\ndescription: " + b"a" * MAX_FILE_BYTES
    for load in (
        lambda: parse_assessment_bytes(data, "big.yaml"),
        lambda: load_assessment(tmp_path / "big.yaml"),
    ):
        (tmp_path / "big.yaml").write_bytes(data)
        with pytest.raises(ValidationFailed) as err:
            load()
        assert err.value.problems[0].key == "core.file_too_large"
        assert "big.yaml" in err.value.message("sv")
