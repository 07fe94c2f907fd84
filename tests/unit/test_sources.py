"""Provenance: every model and data file cites public works anyone can check (issue 18 §7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assessment.errors import ValidationFailed
from assessment.knowledge.bibliography import bibliography, load_bibliography, render_markdown
from assessment.knowledge.sdg import sdg_catalog
from assessment.process_models import rus_model, tyrens_model
from assessment.screening.calls import builtin_calls

ROOT = Path(__file__).resolve().parents[2]
DATA_FILES = sorted(
    [*ROOT.glob("models/**/*.yaml"), *ROOT.glob("sdg_data/**/*.yaml"), *ROOT.glob("examples/**/*.yaml")]
)
# What a citation of a file outside the repository looks like: the project's seed documents
# (NNN_<16 hex>.txt), the brief files, or a path under seeds/.
OUTSIDE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt|\bDOMAIN\.md\b|\bRUS\.md\b|\bseeds/|\bseed \d{3}\b")


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_cites_a_path_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not OUTSIDE.findall(text)
    assert not re.search(r"^\s*file:", text, re.MULTILINE), "sources cite works by ref/url, not files"


def test_every_shipped_model_source_cites_a_bibliography_work() -> None:
    keys = bibliography().keys()
    sources = [*rus_model().sources, *tyrens_model().sources]
    sources += [s for call in builtin_calls().values() for s in call.sources]
    assert sources
    for source in sources:
        assert source.ref in keys, source.id


def test_every_work_is_findable_and_keys_are_unique() -> None:
    works = bibliography().works
    assert len({w.key for w in works}) == len(works)
    for work in works:
        assert work.url or work.identifier
        assert work.publisher and work.title and 1900 <= work.year <= 2100


def test_a_work_without_url_or_identifier_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bibliography.yaml"
    path.write_text(
        yaml.safe_dump(
            {"source": "x", "works": [{"key": "a", "publisher": "P", "title": "T", "year": 2020}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as err:
        load_bibliography(path)
    assert "url or an identifier" in str(err.value)


def test_duplicate_keys_are_rejected(tmp_path: Path) -> None:
    work = {"key": "a", "publisher": "P", "title": "T", "year": 2020, "identifier": "X"}
    path = tmp_path / "bibliography.yaml"
    path.write_text(yaml.safe_dump({"source": "x", "works": [work, work]}), encoding="utf-8")
    with pytest.raises(ValidationFailed):
        load_bibliography(path)


def test_docs_sources_md_is_generated_from_the_bibliography() -> None:
    committed = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert committed == render_markdown(bibliography()), "regenerate: python scripts/gen_sources.py"
    for key in ("sfs_2022_66", "eu_2021_1060", "rjh_rsp_2023_2030", "varmland_hallbarhetssakring"):
        assert f"`{key}`" in committed


def test_sdg_data_files_name_bibliography_keys() -> None:
    keys = bibliography().keys()
    for path in [
        ROOT / "sdg_data" / "goals.yaml",
        *sorted((ROOT / "sdg_data" / "frameworks").glob("*.yaml")),
    ]:
        source = yaml.safe_load(path.read_text(encoding="utf-8"))["source"]
        named = set(re.findall(r"\b[a-z][a-z0-9_]+\b", source)) & keys
        assert named, path.name


def test_every_official_target_text_names_the_page_it_was_checked_against() -> None:
    targets = sdg_catalog().targets.values()
    official = [t for t in targets if t.sv_status != "unverified"]
    assert official
    for target in official:
        assert target.sv_reference and target.sv_reference.startswith("http"), target.code
    # The texts verified against SCB's own pages in this revision (see sdg_data/README.md).
    scb = {
        t.code for t in official if "scb.se/hitta-statistik/temaomraden/agenda-2030" in (t.sv_reference or "")
    }
    assert {
        "2.1",
        "2.3",
        "2.4",
        "2.5",
        "2.a",
        "3.3",
        "3.4",
        "3.5",
        "3.6",
        "3.7",
        "3.8",
        "3.9",
        "3.a",
        "3.b",
        "4.1",
        "4.2",
        "4.3",
        "4.6",
        "5.1",
        "5.3",
        "5.6",
        "5.a",
        "6.1",
        "6.3",
        "6.4",
        "8.3",
        "8.4",
        "8.5",
        "8.7",
        "8.8",
        "9.1",
        "9.2",
        "9.3",
        "9.5",
        "10.1",
        "10.2",
        "10.4",
        "10.7",
        "11.2",
        "12.3",
        "12.c",
        "14.1",
        "14.2",
        "14.4",
        "14.6",
        "14.b",
        "15.1",
        "15.5",
        "15.6",
        "15.7",
        "15.8",
        "16.1",
        "16.2",
        "16.3",
        "16.a",
        "16.b",
        "17.1",
        "17.2",
        "17.12",
    } <= scb


def test_scb_s_16_10_page_is_used_for_the_16a_text_it_shows_and_not_for_16_10() -> None:
    # SCB's page at .../delmal-16.10/ shows 16.a's text ("förebygga våld och bekämpa terrorism")
    # under the 16.10 heading: it verifies 16.a, and 16.10 must not be given that text.
    targets = sdg_catalog().targets
    assert targets["16.a"].sv_status == "verified"
    assert (targets["16.a"].sv_reference or "").endswith("/mal-16/delmal-16.10/")
    assert "bekämpa terrorism" in targets["16.a"].title.sv
    assert not (targets["16.10"].sv_reference or "").endswith("/mal-16/delmal-16.10/")
    assert "terrorism" not in targets["16.10"].title.sv


def test_7b_english_and_swedish_say_the_same_thing() -> None:
    target = sdg_catalog().targets["7.b"]
    # Both are the 2015 (A/RES/70/1) text: least developed countries and small island states only.
    assert "landlocked" not in target.title.en
    assert "small island developing States" in target.title.en and "små önationer" in target.title.sv
    assert target.note and "A/RES/71/313" in target.note
