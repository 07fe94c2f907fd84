"""The one vocabulary of references (assessment.domain.refs): syntax, stored spelling, order, labels."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.domain.refs import (
    Ref,
    bare_code,
    canonical_sdg,
    goal_label,
    goal_number,
    goal_ref,
    is_goal,
    parse_ref,
    read_sdg_code,
    ref_label,
    sort_key,
)
from assessment.errors import UnknownCode
from assessment.knowledge import sdg_catalog

CATALOG = sdg_catalog()
GOALS = [f"sdg:{n}" for n in CATALOG.goals]
TARGETS = list(CATALOG.targets)
SDG_REFS = GOALS + TARGETS

sdg_refs = st.sampled_from(SDG_REFS)
prefixes = st.sampled_from(["", "sdg:", "SDG:", "sdg ", "SDG ", "sdg", "Mål ", "mål ", "goal ", "delmål "])
padding = st.sampled_from(["", " ", "  ", "\t"])


def _spelled(ref: str, prefix: str, pad: str, upper: bool) -> str:
    code = bare_code(ref)
    return f"{pad}{prefix}{code.upper() if upper else code}{pad}"


@settings(max_examples=300, deadline=None)
@given(sdg_refs, prefixes, padding, st.booleans())
def test_read_sdg_code_round_trips_every_spelling_people_type(
    ref: str, prefix: str, pad: str, upper: bool
) -> None:
    typed = _spelled(ref, prefix, pad, upper)
    assert read_sdg_code(typed) == ref
    assert read_sdg_code(read_sdg_code(typed)) == ref  # the stored spelling reads as itself


@settings(max_examples=300, deadline=None)
@given(sdg_refs, st.sampled_from(["", "sdg:", "SDG ", "sdg"]), padding, st.booleans())
def test_file_spellings_parse_and_canonicalise_to_the_stored_one(
    ref: str, prefix: str, pad: str, upper: bool
) -> None:
    written = _spelled(ref, prefix, pad, upper)
    assert canonical_sdg(written) == ref
    assert str(parse_ref(written)) == ref
    assert parse_ref(str(parse_ref(written))) == parse_ref(written)


@settings(max_examples=200, deadline=None)
@given(sdg_refs)
def test_goal_number_and_goal_ref_agree_with_the_catalogue(ref: str) -> None:
    assert goal_number(ref) == CATALOG.goal_of(ref)
    assert goal_ref(ref) == f"sdg:{CATALOG.goal_of(ref)}"
    assert is_goal(ref) == CATALOG.is_goal(ref)
    assert read_sdg_code(goal_ref(ref)) == goal_ref(ref)


def test_a_leading_zero_or_capital_letter_is_read_as_the_stored_code() -> None:
    assert read_sdg_code("SDG 08") == "sdg:8"
    assert read_sdg_code("07.B") == "7.b"
    assert read_sdg_code("8.05") == "8.5"
    assert canonical_sdg("sdg:07.2") == "7.2"


@pytest.mark.parametrize(
    "typed, key",
    [
        ("mål 18", "core.unknown_sdg_goal"),
        ("delmål 7.9", "core.unknown_sdg_target"),
        ("7.ab", "core.unknown_sdg_target"),
        ("SDG", "core.unknown_sdg_code"),
        ("٨", "core.unknown_sdg_code"),  # an Arabic-Indic eight is a digit to int(), no goal number
        ("goal-13-ish", "core.unknown_sdg_code"),
    ],
)
def test_read_sdg_code_names_what_is_wrong(typed: str, key: str) -> None:
    with pytest.raises(UnknownCode) as caught:
        read_sdg_code(typed)
    assert [p.key for p in caught.value.problems] == [key]
    assert typed.strip() in caught.value.message("sv")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("rus:v_inclusive", Ref("rus", "v_inclusive")),
        ("actor: Krokoms kommun ", Ref("actor", "Krokoms kommun")),
        ("other:eu_dnsh:climate_mitigation", Ref("other", "eu_dnsh:climate_mitigation")),
        ("K3", Ref("item", "K3")),
        ("goal-1", Ref("item", "goal-1")),  # a conflict id, not goal 1: files only know "sdg"
        ("mål 13", Ref("item", "mål 13")),
        ("rus:", Ref("item", "rus:")),
    ],
)
def test_other_kinds_of_refs(raw: str, expected: Ref) -> None:
    assert parse_ref(raw) == expected
    assert canonical_sdg(raw) is None


def test_sort_key_is_the_official_order() -> None:
    """Goal before its targets, numbered targets in numeric order, lettered after them, goals by
    number - the order of the catalogue (goals.yaml + targets.yaml)."""
    official = [r for n in CATALOG.goals for r in (f"sdg:{n}", *(t.code for t in CATALOG.targets_of(n)))]
    shuffled = sorted(official, key=lambda r: hash(r) % 977)
    assert sorted(shuffled, key=sort_key) == official
    assert sorted(["7.10", "7.a", "7.2", "sdg:7"], key=sort_key) == ["sdg:7", "7.2", "7.10", "7.a"]
    # Other refs come after all SDG refs, grouped by kind.
    mixed = ["actor:x", "K1", "other:eu_dnsh:climate_mitigation", "sdg:17", "rus:v_inclusive", "1.1"]
    assert sorted(mixed, key=sort_key) == [
        "1.1",
        "sdg:17",
        "rus:v_inclusive",
        "other:eu_dnsh:climate_mitigation",
        "actor:x",
        "K1",
    ]


def test_labels_in_swedish_and_english() -> None:
    assert ref_label("sdg:13", "sv") == "mål 13 (Bekämpa klimatförändringarna)"
    assert ref_label("sdg:13", "en") == "SDG 13 (Climate action)"
    assert ref_label("7.2", "sv") == "delmål 7.2 (Öka andelen förnybar energi)"
    assert ref_label("7.2", "en") == "target 7.2 (Increase renewable energy)"
    assert ref_label("sdg:13", "sv", titled=False) == "mål 13"
    assert ref_label("7.2", "en", titled=False) == "target 7.2"
    assert goal_label(5, "sv") == "mål 5 (Jämställdhet)"


def test_labels_of_the_other_kinds() -> None:
    rus = ref_label("rus:v_inclusive", "sv")
    assert rus.startswith("RUS: ") and "v_inclusive" not in rus
    assert ref_label("rus:v_inclusive", "sv", sentence=True).startswith("RUS-målet ")
    assert ref_label("rus:gone", "en") == "RUS: gone"  # a goal the model no longer has: its id
    assert ref_label("actor:Krokoms kommun", "sv") == "aktör: Krokoms kommun"
    dnsh = ref_label("other:eu_dnsh:climate_mitigation", "sv")
    assert (
        dnsh == "Begränsning av klimatförändringar (EU:s princip om att inte orsaka betydande skada (DNSH))"
    )
    assert ref_label("other:eu_dnsh:climate_mitigation", "sv", sentence=True).startswith("DNSH-målet ")
    assert ref_label("other:nope:x", "sv") == "x (nope)"
    long = "Vindkraft " * 20
    assert ref_label("K1", "sv", items={"K1": long}) == f"K1: {long[:69].rstrip()}…"
    assert ref_label("K2", "sv", items={"K1": long}) == "K2"
    assert ref_label("sdg:42", "sv") == "mål 42"  # unknown codes stay readable, never dropped


@settings(max_examples=200, deadline=None)
@given(sdg_refs, st.sampled_from(["sv", "en"]))
def test_every_label_names_its_code(ref: str, lang: str) -> None:
    code = bare_code(ref)
    titled, short = ref_label(ref, lang), ref_label(ref, lang, titled=False)
    assert re.search(rf"(?<![\d.]){re.escape(code)}(?![\d.])", titled)
    assert titled.startswith(short) and len(titled) > len(short)
