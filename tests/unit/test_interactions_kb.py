"""The SDG interaction knowledge base: shipped data quality and validation of edited tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.errors import ValidationFailed
from assessment.i18n.text import LocalText
from assessment.knowledge.interactions import (
    COLUMNS,
    interaction_base,
    load_interactions,
    parse_interactions,
)

HEADER = ",".join(COLUMNS)


def test_goal_table_has_enough_sourced_cells() -> None:
    kb = interaction_base()
    nonzero = [i for i in kb.goals if i.score != 0]
    assert len(nonzero) >= 80
    for cell in nonzero:
        assert cell.citation and cell.rationale.sv and cell.rationale.en
        assert cell.basis in ("literature", "project_judgement")
        assert cell.source.startswith("sdg:") and cell.target.startswith("sdg:")
    assert {i.basis for i in nonzero} == {"literature", "project_judgement"}


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (8, 13),
        (9, 15),
        (2, 15),
        (7, 15),
        (8, 12),
        (9, 13),
        (2, 6),
        (7, 6),
    ],
)
def test_trade_offs_reported_in_the_literature_are_negative(source: int, target: int) -> None:
    cell = interaction_base().get(f"sdg:{source}", f"sdg:{target}")
    assert cell is not None and cell.score < 0


def test_provenance_is_honest() -> None:
    """Review §3.2/§7: `literature` only where the work reports the directed, signed interaction."""
    kb = interaction_base()
    cells = [*kb, *kb.left_out]
    # SEI 2019's published summary is systemic; it names no cells, and only its negatives had
    # been imported. Those cells are gone.
    assert not any("SEI 2019" in c.citation for c in cells)
    # Pradhan et al. 2017 report undirected correlations: never literature on their own.
    for c in cells:
        if "Pradhan" in c.citation:
            assert c.basis == "project_judgement" or "Nilsson" in c.citation, c
            assert "cf. Pradhan" in c.citation
    assert kb.get("sdg:13", "sdg:11").score == 2  # type: ignore[union-attr]  # Nilsson's +2 example
    assert kb.get("8.2", "13.2") is None  # innovation-led productivity is the decoupling route
    assert "renbete" not in kb.get("7.2", "15.5").rationale.sv  # type: ignore[union-attr]
    fosen = kb.get("7.2", "2.3")
    assert fosen is not None and fosen.score == -2 and "HR-2021-1975-S" in fosen.citation
    assert fosen.basis == "project_judgement"  # the ruling is law, not an SDG-interaction study
    lenzen = kb.get("8.9", "13.2")
    assert lenzen is not None and lenzen.basis == "literature" and "Lenzen" in lenzen.citation


def test_the_region_profile_leaves_out_marine_and_developing_country_cells() -> None:
    kb = interaction_base()
    left = {(c.source, c.target): c.context for c in kb.left_out}
    assert left[("sdg:8", "sdg:14")] == "coastal" and left[("sdg:7", "sdg:4")] == "developing_country"
    assert not any(c.target.startswith(("sdg:14", "14.")) for c in kb)
    assert kb.get("sdg:7", "sdg:5") is None
    # An inland county gets freshwater receptors instead.
    assert kb.get("sdg:9", "sdg:6") is not None and kb.get("12.5", "6.3") is not None
    # A coastal profile keeps the SDG 14 cells.
    from assessment.knowledge.region import RegionContext, RegionProfile

    coastal = RegionProfile(
        source="test",
        id="coast",
        name=LocalText(sv="Kust", en="Coast"),
        contexts=(RegionContext(id="coastal", reason=LocalText(sv="kust", en="coast")),),
    )
    with_sea = load_interactions(profile=coastal)
    assert with_sea.get("sdg:8", "sdg:14") is not None and with_sea.get("sdg:7", "sdg:4") is None


def test_overlapping_targets_are_not_an_interaction() -> None:
    kb = interaction_base()
    assert frozenset(("6.6", "15.1")) in kb.overlaps
    assert kb.get("6.6", "15.1") is None and kb.get("15.1", "6.6") is None


def test_a_cell_between_overlapping_targets_is_refused(tmp_path: Path) -> None:
    goals = tmp_path / "g.csv"
    goals.write_text(f"{HEADER}\n", encoding="utf-8")
    targets = tmp_path / "t.csv"
    targets.write_text(f"{HEADER}\n6.6,15.1,3,project_judgement,X,sv,en\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        load_interactions(goals, targets, overlaps=frozenset({frozenset(("6.6", "15.1"))}))
    assert "overlap" in caught.value.message("en")


def test_cells_bound_to_an_activity_and_unknown_activities() -> None:
    text = f"{HEADER},context,case\n7.2,2.3,-2,project_judgement,X,sv,en,sami_area,wind_power;!fuel_station\n"
    (cell,) = parse_interactions(text, "target", "t.csv")
    assert cell.case == ("wind_power", "!fuel_station") and cell.context == "sami_area"
    with pytest.raises(ValidationFailed) as caught:
        parse_interactions(text.replace("wind_power", "windpower"), "target", "t.csv")
    assert "windpower" in caught.value.message("en")
    with pytest.raises(ValidationFailed):
        parse_interactions(text.replace("sami_area", "arctic"), "target", "t.csv")


def test_target_table_covers_at_least_thirty_targets_of_most_goals() -> None:
    kb = interaction_base()
    targets = {i.source for i in kb.targets} | {i.target for i in kb.targets}
    assert len(targets) >= 30
    assert all("." in code for code in targets)
    # Every goal but 14 (marine targets are left out for an inland county).
    assert len({code.split(".")[0] for code in targets}) == 16
    assert any(i.score < 0 for i in kb.targets)


def test_shipped_files_load_uncached() -> None:
    kb = load_interactions()  # no profile: every cell
    shipped = interaction_base()
    assert len(kb) == len(shipped) + len(shipped.left_out) and shipped.left_out


def _table(*rows: str) -> str:
    return "\n".join((HEADER, *rows)) + "\n"


def _problems(text: str, level: str = "goal") -> str:
    with pytest.raises(ValidationFailed) as caught:
        parse_interactions(text, level, "edited.csv")  # type: ignore[arg-type]
    return caught.value.message("en")


def test_valid_edit_keeps_hostile_text_verbatim() -> None:
    note = 'Renskötsel <b>&</b> "sápmi" ŋ đ č ŧ ï'
    text = _table(f'8,13,-2,literature,Nilsson et al. 2016,"{note.replace(chr(34), chr(34) * 2)}",en')
    (cell,) = parse_interactions(text, "goal")
    assert (cell.source, cell.target, cell.score) == ("sdg:8", "sdg:13", -2)
    assert cell.rationale.sv == note


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("8,13,4,literature,X,sv,en", "line 2: The score 4 is not a whole number"),
        ("8,13,two,literature,X,sv,en", "The score two"),
        ("8,18,-1,literature,X,sv,en", "Unknown Agenda 2030 code: 18"),
        ("8,8,-1,literature,X,sv,en", "sdg:8 cannot influence itself"),
        ("8,7.2,-1,literature,X,sv,en", "only contain goals"),
        ("8,13,-1,hearsay,X,sv,en", "The basis hearsay is invalid"),
        ("8,13,-1,literature,,sv,en", "needs a rationale in Swedish and English and a source"),
        ("8,13,-1,literature,X,sv", "has 6 columns, should have 7"),
    ],
)
def test_bad_rows_are_rejected_with_their_line(row: str, expected: str) -> None:
    assert expected in _problems(_table(row))


def test_duplicates_and_every_problem_are_reported() -> None:
    message = _problems(
        _table("8,13,-1,literature,X,sv,en", "sdg:8,13,-2,literature,X,sv,en", "1,1,1,literature,X,sv,en")
    )
    assert "line 3" in message and "more than once" in message
    assert "line 4" in message and "itself" in message


def test_target_table_rejects_goals_and_wrong_header() -> None:
    assert "only contain targets" in _problems(_table("8,13.2,-1,literature,X,sv,en"), "target")
    with pytest.raises(ValidationFailed, match="Wrong column headers"):
        parse_interactions("a,b,c\n", "goal")


def test_zero_cell_needs_no_rationale() -> None:
    (cell,) = parse_interactions(_table("8,13,0,project_judgement,,,"), "goal")
    assert cell.score == 0


def test_goal_cells_may_name_the_targets_they_apply_to() -> None:
    text = f"{HEADER},applies_to\n7,15,-1,literature,X,sv,en,7.2; 15.1\n8,13,-2,literature,X,sv,en,\n"
    first, second = parse_interactions(text, "goal", "g.csv")
    assert first.applies_to == ("7.2", "15.1") and second.applies_to == ()
    # Without the column a goal cell applies to no target at all (no blanket fallback).
    (plain,) = parse_interactions(f"{HEADER}\n8,13,-2,literature,X,sv,en\n", "goal", "g.csv")
    assert plain.applies_to == ()


@pytest.mark.parametrize("bad", ["9.1", "sdg:7", "7.99"])
def test_applies_to_names_only_targets_of_the_cells_goals(bad: str) -> None:
    text = f"{HEADER},applies_to\n7,15,-1,literature,X,sv,en,{bad}\n"
    with pytest.raises(ValidationFailed) as caught:
        parse_interactions(text, "goal", "g.csv")
    assert caught.value.problems[0].key in ("analysis.kb_applies_to", "analysis.kb_unknown_code")
    assert "line 2" in caught.value.problems[0].path


def test_the_target_table_has_no_applies_to_column() -> None:
    with pytest.raises(ValidationFailed):
        parse_interactions(f"{HEADER},applies_to\n7.2,15.1,-1,literature,X,sv,en,\n", "target", "t.csv")


README = Path(__file__).resolve().parents[2] / "sdg_data" / "README.md"


def test_shipped_goal_cells_with_applies_to_are_the_sourced_ones() -> None:
    """Every shipped goal cell that names targets is listed in the README's table with its
    targets: literature (the table says which passage of the source locates it there), or a
    project judgement that narrows a generic cell, and the table's row says so."""
    kb = interaction_base()
    named = {(c.source, c.target): c for c in kb.goals if c.applies_to}
    assert len(named) >= 8
    readme = README.read_text(encoding="utf-8")
    for (source, target), cell in named.items():
        row = f"| {source[4:]} → {target[4:]} ({cell.score:+d}".replace("-", "−")
        assert row in readme, row
        line = next(line for line in readme.splitlines() if line.startswith(row))
        if cell.basis != "literature":
            assert cell.basis == "project_judgement" and "Project judgement" in line, (source, target)
        assert line.split("|")[2].strip() == "; ".join(cell.applies_to)


def _latents(rated: str) -> dict[str, str]:
    from assessment.analysis import findings
    from assessment.domain import Assessment

    assessment = Assessment.model_validate({"title": "t", "sdg": [{"target": rated, "impact": 2}]})
    return {f.target: f.source_text for f in findings(assessment, "en").latent_conflicts}


def test_a_target_an_applies_to_names_gets_the_goal_cell_and_others_get_nothing() -> None:
    # 8 → 12 and 8 → 13 (consumption-driven growth, Nilsson et al. 2016) name 8.1 only.
    growth = _latents("8.1")
    assert "goal-level cell the data applies to target 8.1" in growth["sdg:12"]
    assert "goal-level cell the data applies to target 8.1" in growth["sdg:13"]
    for other in ("8.5", "8.3"):
        latents = _latents(other)
        assert "sdg:12" not in latents and "sdg:13" not in latents, other
    # 6 → 2 (water efficiency constrains irrigation) names 6.4, not 6.1 (drinking water).
    assert "sdg:2" in _latents("6.4") and "sdg:2" not in _latents("6.1")


def test_activity_triggers_find_exactly_what_their_patterns_find() -> None:
    """`found_in` skips a trigger's pattern unless a word starts like one of its words; that
    shortcut must never change the answer (random texts mixing trigger words and inflections)."""
    import random

    from assessment.knowledge.region import _compiled, case_triggers

    triggers = case_triggers()
    words = [w.rstrip("*") for t in triggers.triggers for w in t.words]
    filler = ["skog", "vatten", "landsbygd", "Marknad", "energi", "solceller", "taket", "grottor"]
    rng = random.Random(7)
    hits = 0
    for _ in range(400):
        parts = [rng.choice(filler) for _ in range(8)]
        for _ in range(rng.randint(0, 2)):
            word = rng.choice(words) + rng.choice(["", "s", "en", "sparken", "-"])
            parts.insert(rng.randint(0, len(parts)), rng.choice([word, word.upper(), word.capitalize()]))
        text = " ".join(parts)
        expected = {}
        for trigger in triggers.triggers:
            match = _compiled(triggers, trigger.id).search(text)
            if match is not None:
                expected[trigger.id] = match.group(0)
        assert triggers.found_in(text) == expected, text
        hits += bool(expected)
    assert hits > 150  # the texts do name activities
    assert triggers.found_in("Solceller på taket, markanvisning nära skogen") == {}
    assert triggers.found_in("Ny SOLCELLSPARK") == {"solar_park": "SOLCELLSPARK"}
