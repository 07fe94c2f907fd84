"""Dismissals with the evidence they answered (cell and score) through the store on both
backends and through a workspace archive; an archive of version-3 documents (dismissals without
a score) imports with those dismissals unknown, not changed."""

from __future__ import annotations

import io
import zipfile

import yaml

from assessment.analysis import dismissal_for, findings
from assessment.domain import Assessment
from assessment.storage import Store
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
    assert again.schema_version == 4
    assert [(d.finding, d.cell, d.score) for d in again.dismissals] == [(KEY, "7.2>2.3", -2)]
    assert [d.finding.key for d in findings(again, "sv").dismissed] == [KEY]
    (changed,) = findings(again, "en", kb=_kb_with("7.2", "2.3", -1)).changed_dismissals
    assert (changed.old_score, changed.finding.score, changed.reason) == (
        -2,
        -1,
        "Utanför renbeteslandet <&>",
    )


def _as_version_3(document: dict[str, object]) -> bytes:
    old = {**document, "schema": 3}
    old["dismissals"] = [
        {k: v for k, v in d.items() if k not in ("cell", "score")}
        for d in document["dismissals"]  # type: ignore[attr-defined]
    ]
    return yaml.safe_dump(old, allow_unicode=True).encode()


def test_an_archive_of_version_3_documents_keeps_its_dismissals_as_unknown(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, _dismissed())
    archive = store.export_workspace(user, "default")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename != "manifest.yaml":
                data = _as_version_3(yaml.safe_load(data))
            dst.writestr(item, data)
    [copy_id] = store.import_workspace(user, out.getvalue(), "default")
    imported = store.get(user, copy_id).assessment
    assert copy_id != stored.id and imported.schema_version == 4
    assert [(d.finding, d.cell, d.score) for d in imported.dismissals] == [(KEY, "", None)]
    result = findings(imported, "sv", kb=_kb_with("7.2", "2.3", -1))  # the cell changed meanwhile
    assert [d.finding.key for d in result.dismissed] == [KEY] and result.changed_dismissals == ()
