"""Dismissals with the evidence they answered (cell and score) through the store on both
backends and through a workspace archive; an archive of version-3 documents (dismissals without
a score) imports with those dismissals unknown, not changed. A chain's dismissal keeps both steps
(version 5) and the register over the store counts it under both cells; a version-4 archive
imports with the first step unknown."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import yaml

from assessment.analysis import dismissal_for, findings
from assessment.domain import Assessment
from assessment.storage import Store
from tests.unit.test_dismissals_chain import _real_chain
from tests.unit.test_dismissals_changed import CASE, KEY, _kb_with


def _dismissed() -> Assessment:
    finding = next(
        f for f in findings(Assessment.model_validate(CASE), "sv").latent_conflicts if f.key == KEY
    )
    return Assessment.model_validate(
        {**CASE, "dismissals": [dismissal_for(finding, "Utanför renbeteslandet <&>").model_dump(mode="json")]}
    )


def test_the_dismissals_evidence_is_stored_and_a_changed_cell_is_detected(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, _dismissed())
    again = store.get(user, stored.id).assessment
    assert again.schema_version == 5
    assert [(d.finding, d.cell, d.score) for d in again.dismissals] == [(KEY, "7.2>2.3", -2)]
    assert [d.finding.key for d in findings(again, "sv").dismissed] == [KEY]
    (changed,) = findings(again, "en", kb=_kb_with("7.2", "2.3", -1)).changed_dismissals
    assert (changed.old_score, changed.finding.score, changed.reason) == (
        -2,
        -1,
        "Utanför renbeteslandet <&>",
    )


def _older_archive(archive: bytes, version: int, dropped: Callable[[str], bool]) -> bytes:
    """``archive`` with each assessment as an older file version wrote it: ``schema`` set to
    ``version`` and the dismissals' fields that ``dropped`` names taken out (the manifest kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename != "manifest.yaml":
                old = {**yaml.safe_load(data), "schema": version}
                old["dismissals"] = [
                    {k: v for k, v in d.items() if not dropped(k)} for d in old["dismissals"]
                ]
                data = yaml.safe_dump(old, allow_unicode=True).encode()
            dst.writestr(item, data)
    return out.getvalue()


def test_an_archive_of_version_3_documents_keeps_its_dismissals_as_unknown(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, _dismissed())
    archive = _older_archive(store.export_workspace(user, "default"), 3, lambda k: k in ("cell", "score"))
    [copy_id] = store.import_workspace(user, archive, "default")
    imported = store.get(user, copy_id).assessment
    assert copy_id != stored.id and imported.schema_version == 5
    assert [(d.finding, d.cell, d.score) for d in imported.dismissals] == [(KEY, "", None)]
    result = findings(imported, "sv", kb=_kb_with("7.2", "2.3", -1))  # the cell changed meanwhile
    assert [d.finding.key for d in result.dismissed] == [KEY] and result.changed_dismissals == ()


def _chain_dismissed(target: str, reason: str) -> Assessment:
    """A case rating ``target`` +3 with its one second-order chain dismissed (both steps recorded)."""
    data, chain = _real_chain(target)
    return Assessment.model_validate(
        {**data, "dismissals": [dismissal_for(chain, reason).model_dump(mode="json")]}
    )


def test_a_chain_dismissal_keeps_both_steps_in_the_store_and_counts_under_both_cells(store: Store) -> None:
    from assessment.portfolio.dismissals import cell_dismissals
    from assessment.portfolio.sources import from_store

    user = store.local_user()
    stored = store.create(user, _chain_dismissed("7.2", "Ingen ny industri <&>"))
    store.create(user, _chain_dismissed("4.4", "Inga nya jobb här"))
    again = store.get(user, stored.id).assessment
    assert [(d.first_cell, d.first_score, d.cell, d.score) for d in again.dismissals] == [
        ("7.2>8.2", 1, "8.2>12.2", -1)
    ]
    assert [d.finding.key for d in findings(again, "sv").dismissed] == ["second_order_risk:7.2>8.2>12.2"]
    cells = cell_dismissals(from_store(store, user), "sv")
    assert [(c.cell, c.dismissed, c.cases) for c in cells] == [
        ("8.2>12.2", 2, 2),
        ("4.4>8.2", 1, 1),
        ("7.2>8.2", 1, 1),
    ]
    assert sorted(cells[0].reasons) == ["Inga nya jobb här", "Ingen ny industri <&>"]


def test_an_archive_of_version_4_documents_keeps_a_chains_first_step_unknown(store: Store) -> None:
    user = store.local_user()
    store.create(user, _chain_dismissed("7.2", "Ingen ny industri"))
    archive = _older_archive(store.export_workspace(user, "default"), 4, lambda k: k.startswith("first_"))
    [copy_id] = store.import_workspace(user, archive, "default")
    imported = store.get(user, copy_id).assessment
    assert imported.schema_version == 5
    assert [(d.first_cell, d.first_score, d.cell, d.score) for d in imported.dismissals] == [
        ("", None, "8.2>12.2", -1)
    ]
    assert [d.finding.key for d in findings(imported, "sv").dismissed] == ["second_order_risk:7.2>8.2>12.2"]
