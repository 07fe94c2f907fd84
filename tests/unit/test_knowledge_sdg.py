"""The SDG catalogue: all 169 targets in both languages, goals, colours, code spellings, errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from assessment.domain.refs import read_sdg_code
from assessment.errors import UnknownCode, UserError, ValidationFailed
from assessment.knowledge import SdgGoal, SdgTarget, sdg_catalog
from assessment.knowledge.datafile import DATA_DIR
from assessment.knowledge.sdg import load_sdg_catalog

TARGETS_PER_GOAL = [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19]
COLOURS = [
    "#E5243B",
    "#DDA63A",
    "#4C9F38",
    "#C5192D",
    "#FF3A21",
    "#26BDE2",
    "#FCC30B",
    "#A21942",
    "#FD6925",
    "#DD1367",
    "#FD9D24",
    "#BF8B2E",
    "#3F7E44",
    "#0A97D9",
    "#56C02B",
    "#00689D",
    "#19486A",
]
SV_TITLES = [
    "Ingen fattigdom",
    "Ingen hunger",
    "Hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
]


def _expected_codes() -> list[str]:
    """All 169 codes in official order, built independently of the data file."""
    letters = {
        1: 2,
        2: 3,
        3: 4,
        4: 3,
        5: 3,
        6: 2,
        7: 2,
        8: 2,
        9: 3,
        10: 3,
        11: 3,
        12: 3,
        13: 2,
        14: 3,
        15: 3,
        16: 2,
        17: 0,
    }
    codes: list[str] = []
    for goal, total in enumerate(TARGETS_PER_GOAL, start=1):
        numbered = total - letters[goal]
        codes += [f"{goal}.{n}" for n in range(1, numbered + 1)]
        codes += [f"{goal}.{letter}" for letter in "abcd"[: letters[goal]]]
    return codes


ALL_CODES = _expected_codes()


def test_there_are_169_targets_with_the_official_count_per_goal() -> None:
    cat = sdg_catalog()
    assert len(ALL_CODES) == 169
    assert list(cat.targets) == ALL_CODES
    assert [len(cat.targets_of(goal)) for goal in range(1, 18)] == TARGETS_PER_GOAL


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_target_resolves_in_both_languages(code: str) -> None:
    cat = sdg_catalog()
    target = cat.resolve(code)
    assert isinstance(target, SdgTarget)
    assert target.code == code
    assert cat.resolve(f"sdg:{code}") is target
    sv, en = target.title.get("sv"), target.title.get("en")
    assert len(sv) > 20 and len(en) > 20
    assert sv != en
    assert target.sv_status in ("verified", "official_translation", "unverified")
    assert target.goal == int(code.split(".")[0])
    assert cat.canonical(code) == code
    assert cat.title(code, "en") == en


def test_every_swedish_text_says_how_far_it_is_the_published_wording() -> None:
    statuses = {t.code: t.sv_status for t in sdg_catalog().targets.values()}
    assert len(statuses) == 169 and set(statuses.values()) == {
        "verified",
        "official_translation",
        "unverified",
    }
    assert statuses["7.2"] == "official_translation"  # quoted by actinate.se, not yet checked at SCB
    assert statuses["6.1"] == statuses["15.1"] == statuses["2.3"] == "verified"
    # Texts replaced by the published wording (SCB per-target pages, December 2026).
    targets = sdg_catalog().targets
    assert targets["8.5"].title.sv.endswith(
        "inklusive ungdomar och personer med funktionsnedsättning, samt lika lön för likvärdigt arbete."
    )
    assert "för alla. Förbättra trafiksäkerheten, särskilt genom" in targets["11.2"].title.sv
    assert "skydda och förebygga utrotning av hotade arter" in targets["15.5"].title.sv
    assert targets["3.5"].title.sv == (
        "Stärka insatserna för att förebygga och behandla drogmissbruk, inklusive narkotikamissbruk och "
        "skadligt alkoholbruk."
    )
    assert (
        "minska det antal människor som dör i förtid av icke smittsamma sjukdomar" in targets["3.4"].title.sv
    )
    assert targets["14.b"].title.sv == (
        "Säkerställa tillträde för småskaliga icke-industriella fiskare till marina resurser och marknader."
    )
    assert "blir en del av den formella ekonomin" in targets["8.3"].title.sv
    assert targets["4.6"].title.sv.startswith(
        "Senast 2030 säkerställa att alla ungdomar och en väsentlig andel"
    )
    # The file states the status of every target itself (no default hides a missing one).
    raw = yaml.safe_load((DATA_DIR / "targets.yaml").read_text(encoding="utf-8"))["targets"]
    assert all("sv_status" in t for t in raw) and len(raw) == 169


def test_known_texts() -> None:
    cat = sdg_catalog()
    assert cat.targets["7.2"].title.get("en") == (
        "By 2030, increase substantially the share of renewable energy in the global energy mix"
    )
    assert cat.targets["7.2"].title.get("sv") == (
        "Till 2030 väsentligen öka andelen förnybar energi i den globala energimixen."
    )
    assert cat.targets["7.2"].goal == 7
    assert cat.goals[13].long_title.get("en") == (
        "Take urgent action to combat climate change and its impacts"
    )


def test_goals_have_official_titles_and_un_colours() -> None:
    cat = sdg_catalog()
    assert list(cat.goals) == list(range(1, 18))
    assert [g.colour for g in cat.goals.values()] == COLOURS
    assert [g.title.get("sv") for g in cat.goals.values()] == SV_TITLES
    assert cat.goals[13].title.get("en") == "Climate action"
    assert cat.goals[13].colour == "#3F7E44"
    for goal in cat.goals.values():
        assert goal.long_title.sv and goal.long_title.en
        assert len(goal.long_title.en) > len(goal.title.en)
    assert cat.colour("7.2") == "#FCC30B"
    assert "A/RES/70/1" in cat.goals_source and "A/RES/70/1" in cat.targets_source


def test_the_catalogues_works_are_in_the_bibliography() -> None:
    """Reports cite the catalogue's works from sdg_data/bibliography.yaml by these keys."""
    from assessment.knowledge.bibliography import bibliography

    works = sdg_catalog().works
    assert {"un_a_res_70_1", "regeringskansliet_agenda2030", "scb_agenda2030"} <= set(works)
    assert [key for key in works if bibliography().get(key) is None] == []


def test_targets_of_is_in_official_order() -> None:
    cat = sdg_catalog()
    assert [t.code for t in cat.targets_of(7)] == ["7.1", "7.2", "7.3", "7.a", "7.b"]
    assert [t.code for t in cat.targets_of("sdg:8")][8:] == ["8.9", "8.10", "8.a", "8.b"]
    assert cat.targets_of(17)[-1].code == "17.19"
    assert cat.targets["7.a"].is_means_of_implementation
    assert not cat.targets["7.2"].is_means_of_implementation


@pytest.mark.parametrize(
    "spelling",
    [13, "13", " 13 ", "sdg:13", "SDG:13"],
)
def test_stored_goal_spellings_resolve(spelling: object) -> None:
    cat = sdg_catalog()
    goal = cat.resolve(spelling)
    assert isinstance(goal, SdgGoal)
    assert goal.number == 13
    assert cat.canonical(spelling) == "sdg:13"
    assert cat.goal_of(spelling) == 13
    assert cat.is_goal(spelling)


@pytest.mark.parametrize(
    "spelling, canonical",
    [
        ("7.2", "7.2"),
        ("sdg:7.2", "7.2"),
        (" 7.2 ", "7.2"),
        ("7.A", "7.a"),
        ("sdg:17.19", "17.19"),
    ],
)
def test_stored_target_spellings_resolve(spelling: str, canonical: str) -> None:
    cat = sdg_catalog()
    assert cat.canonical(spelling) == canonical
    assert cat.goal_of(spelling) == int(canonical.split(".")[0])
    assert not cat.is_goal(spelling)


@pytest.mark.parametrize("typed", ["SDG 13", "Mål 13", "goal 13", "delmål 7.2"])
def test_what_people_type_is_for_read_sdg_code_not_the_catalogue(typed: str) -> None:
    # One syntax: the catalogue looks up stored spellings, assessment.domain.refs reads input.
    with pytest.raises(UnknownCode):
        sdg_catalog().resolve(typed)
    assert read_sdg_code(typed) in ("sdg:13", "7.2")


def test_resolving_a_catalogue_object_returns_it() -> None:
    cat = sdg_catalog()
    assert cat.resolve(cat.goals[5]) is cat.goals[5]
    assert cat.resolve(cat.targets["5.c"]) is cat.targets["5.c"]


@pytest.mark.parametrize(
    "bad, key, shown",
    [
        (0, "core.unknown_sdg_goal", "0"),
        (18, "core.unknown_sdg_goal", "18"),
        (-1, "core.unknown_sdg_goal", "-1"),
        ("18", "core.unknown_sdg_goal", "18"),
        ("sdg:0", "core.unknown_sdg_goal", "sdg:0"),
        ("7.9", "core.unknown_sdg_target", "7.9"),
        ("7.e", "core.unknown_sdg_target", "7.e"),
        ("18.1", "core.unknown_sdg_target", "18.1"),
        ("17.20", "core.unknown_sdg_target", "17.20"),
        ("x", "core.unknown_sdg_code", "x"),
        ("", "core.unknown_sdg_code", '""'),
        ("   ", "core.unknown_sdg_code", '" "'),
        ("sdg:", "core.unknown_sdg_code", "sdg:"),
        ("7.", "core.unknown_sdg_code", "7."),
        ("7..2", "core.unknown_sdg_code", "7..2"),
        (None, "core.unknown_sdg_code", "None"),
        (True, "core.unknown_sdg_code", "True"),
        ([13], "core.unknown_sdg_code", "[13]"),
        ({"goal": 13}, "core.unknown_sdg_code", "goal"),
        ("<b>13</b> & ŋđčŧï", "core.unknown_sdg_code", "<b>13</b> & ŋđčŧï"),
        (7.2, "knowledge.target_code_as_number", "7.2"),
    ],
)
@pytest.mark.parametrize("reader", ["catalogue", "read_sdg_code"])
def test_unknown_codes_are_rejected_with_a_clear_message(
    bad: object, key: str, shown: str, reader: str
) -> None:
    read = sdg_catalog().resolve if reader == "catalogue" else read_sdg_code
    with pytest.raises(UnknownCode) as caught:
        read(bad)
    error = caught.value
    assert isinstance(error, UserError)
    assert [p.key for p in error.problems] == [key]
    sv, en = error.message("sv"), error.message("en")
    assert shown in sv and shown in en
    assert sv != en
    assert "{code}" not in sv and "{code}" not in en  # the placeholder was filled


@pytest.mark.parametrize(
    "huge", ["sdg:" + "9" * 100_000, "7." + "x" * 100_000, 10**5000], ids=["goal", "target", "int"]
)
@pytest.mark.parametrize("reader", ["catalogue", "read_sdg_code"])
def test_a_huge_code_is_cut_in_the_message(huge: object, reader: str) -> None:
    read = sdg_catalog().resolve if reader == "catalogue" else read_sdg_code
    with pytest.raises(UnknownCode) as caught:
        read(huge)
    assert len(caught.value.message("en")) < 300


def test_other_entry_points_reject_unknown_codes_too() -> None:
    cat = sdg_catalog()
    for call in (cat.canonical, cat.goal_of, cat.targets_of, cat.colour):
        with pytest.raises(UnknownCode):
            call("99")


def test_catalogue_is_cached() -> None:
    assert sdg_catalog() is sdg_catalog()


# --- broken data files ------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in ("goals.yaml", "targets.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _failure(data_dir: Path) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        load_sdg_catalog(data_dir)
    return caught.value


def test_a_copy_of_the_data_loads_through_the_cached_entry_point(data_copy: Path) -> None:
    assert len(sdg_catalog(data_copy).targets) == 169


def test_missing_swedish_text_names_file_and_path(data_copy: Path) -> None:
    _replace(
        data_copy / "targets.yaml", '      sv: "Till 2030 väsentligen öka andelen förnybar', '      xx: "x'
    )
    error = _failure(data_copy)
    index = ALL_CODES.index("7.2")
    paths = {(p.file, p.path, p.key) for p in error.problems}
    file = str(data_copy / "targets.yaml")
    assert (file, f"targets[{index}].title.sv", "core.field_required") in paths
    assert (file, f"targets[{index}].title.xx", "core.field_extra") in paths
    assert "targets.yaml" in error.message("sv") and f"targets[{index}].title.sv" in error.message("en")


def test_bad_colour_is_reported(data_copy: Path) -> None:
    _replace(data_copy / "goals.yaml", '"#3F7E44"', '"green"')
    error = _failure(data_copy)
    assert [(p.path, p.file) for p in error.problems] == [("goals[12].colour", str(data_copy / "goals.yaml"))]


def test_unquoted_target_code_is_reported(data_copy: Path) -> None:
    _replace(data_copy / "targets.yaml", 'code: "7.2"', "code: 7.2")
    error = _failure(data_copy)
    assert [p.path for p in error.problems] == [f"targets[{ALL_CODES.index('7.2')}].code"]


def test_duplicate_target_is_reported(data_copy: Path) -> None:
    _replace(data_copy / "targets.yaml", 'code: "7.3"', 'code: "7.2"')
    error = _failure(data_copy)
    assert [(p.key, p.params) for p in error.problems] == [("core.duplicate_key", {"code": "7.2"})]


def test_missing_goal_is_reported(data_copy: Path) -> None:
    _replace(data_copy / "goals.yaml", "  - number: 17", "  - number: 16")
    error = _failure(data_copy)
    keys = {p.key for p in error.problems}
    assert keys == {"core.duplicate_key", "knowledge.goals_missing"}
    assert "17" in error.message("sv")


def test_target_of_an_unknown_goal_is_reported(data_copy: Path) -> None:
    _replace(data_copy / "targets.yaml", 'code: "17.19"', 'code: "18.1"')
    error = _failure(data_copy)
    assert [p.key for p in error.problems] == ["core.unknown_sdg_goal"]
    assert error.problems[0].path == "targets[168].code"


@pytest.mark.parametrize(
    "content, key",
    [
        (b"goals: [\n", "core.yaml_syntax_at"),
        (b"- just a list\n", "core.not_a_mapping"),
        (b"source: x\nsource: y\ngoals: []\n", "core.yaml_duplicate_key"),
        (b"source: \xff\xfe\n", "core.not_utf8"),
        (b"source: !!python/object:os.system x\n", "core.yaml_unsafe"),
    ],
)
def test_unreadable_goals_file_is_reported(data_copy: Path, content: bytes, key: str) -> None:
    (data_copy / "goals.yaml").write_bytes(content)
    error = _failure(data_copy)
    assert [(p.key, p.file) for p in error.problems] == [(key, str(data_copy / "goals.yaml"))]


def test_missing_file_is_reported(data_copy: Path) -> None:
    (data_copy / "targets.yaml").unlink()
    error = _failure(data_copy)
    assert [(p.key, p.file) for p in error.problems] == [
        ("core.file_not_found", str(data_copy / "targets.yaml"))
    ]


def test_every_checked_swedish_text_names_where_it_was_checked() -> None:
    targets = list(sdg_catalog().targets.values())
    checked = [t for t in targets if t.sv_status != "unverified"]
    assert len(checked) >= 40
    assert all(t.sv_reference and t.sv_reference.startswith("https://") for t in checked)
    assert all(t.sv_reference is None for t in targets if t.sv_status == "unverified")
    # Verified means checked at SCB, globalamalen.se or regeringen.se; other pages only quote it.
    for t in targets:
        host = (t.sv_reference or "").split("/")[2] if t.sv_reference else ""
        authority = host.endswith(("scb.se", "globalamalen.se", "regeringen.se"))
        assert (t.sv_status == "verified") == authority, (t.code, t.sv_reference)


def test_verified_text_on_another_site_is_refused(data_copy: Path) -> None:
    text = (data_copy / "targets.yaml").read_text(encoding="utf-8")
    start = text.index('  - code: "7.2"')
    end = text.index("    title:", start)
    block = text[start:end]
    _replace(data_copy / "targets.yaml", block, block.replace("official_translation", "verified"))
    error = _failure(data_copy)
    assert [(p.key, p.path) for p in error.problems] == [
        ("knowledge.verified_needs_authority", f"targets[{ALL_CODES.index('7.2')}].sv_reference")
    ]
    assert "scb.se" in error.message("sv") and "official_translation" in error.message("en")


def test_unverified_text_with_a_reference_is_refused(data_copy: Path) -> None:
    text = (data_copy / "targets.yaml").read_text(encoding="utf-8")
    start = text.index('  - code: "7.2"')
    end = text.index("    title:", start)
    block = text[start:end]
    _replace(data_copy / "targets.yaml", block, block.replace("official_translation", "unverified"))
    error = _failure(data_copy)
    assert [p.key for p in error.problems] == ["knowledge.unverified_with_reference"]


def test_a_target_without_a_status_is_refused(data_copy: Path) -> None:
    text = (data_copy / "targets.yaml").read_text(encoding="utf-8")
    start = text.index('  - code: "7.2"')
    end = text.index("    title:", start)
    block = text[start:end]
    status_line = next(line for line in block.splitlines() if "sv_status" in line)
    _replace(data_copy / "targets.yaml", block, block.replace(status_line + "\n", ""))
    error = _failure(data_copy)
    assert any(p.path.endswith("sv_status") for p in error.problems), [p.path for p in error.problems]


def test_official_text_without_reference_is_reported(data_copy: Path) -> None:
    text = (data_copy / "targets.yaml").read_text(encoding="utf-8")
    start = text.index('  - code: "7.2"')
    end = text.index("    title:", start)
    block = text[start:end]
    reference_line = next(line for line in block.splitlines() if "sv_reference" in line)
    _replace(data_copy / "targets.yaml", block, block.replace(reference_line + "\n", ""))
    error = _failure(data_copy)
    assert [(p.key, p.path) for p in error.problems] == [
        ("knowledge.official_needs_reference", f"targets[{ALL_CODES.index('7.2')}].sv_reference")
    ]
    assert "sv_reference" in error.message("sv") and "sv_reference" in error.message("en")


def test_every_target_has_a_short_label_in_both_languages() -> None:
    for target in sdg_catalog().targets.values():
        assert target.short_title is not None
        for lang in ("sv", "en"):
            label = target.label(lang)
            assert label == target.short_title.get(lang)
            assert 2 < len(label) < min(70, len(target.title.get(lang)))


def test_the_data_readme_lists_the_checked_swedish_texts_as_the_data_has_them() -> None:
    """sdg_data/README.md states the status counts and which codes are checked: they must match."""
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    start = readme.index("Counts (December 2026):")
    block = readme[start : readme.index("<!-- counts end -->", start)]
    statuses = [t.sv_status for t in sdg_catalog().targets.values()]
    counts = re.match(
        r"Counts \(December 2026\): (\d+) `verified`, (\d+) `official_translation`, (\d+) `unverified`", block
    )
    assert counts is not None
    assert [int(n) for n in counts.groups()] == [
        statuses.count("verified"),
        statuses.count("official_translation"),
        statuses.count("unverified"),
    ]
    code = r"\b\d{1,2}\.(?:\d{1,2}|[a-c])\b"
    verified_part, official_part = block[counts.end() :].split("Official translation as quoted")
    by_status = {
        status: {t.code for t in sdg_catalog().targets.values() if t.sv_status == status}
        for status in ("verified", "official_translation")
    }
    assert set(re.findall(code, verified_part.replace("2030", ""))) == by_status["verified"]
    assert set(re.findall(code, official_part)) == by_status["official_translation"]
