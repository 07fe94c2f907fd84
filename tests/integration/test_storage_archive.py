"""Workspace export/import: a lossless round trip with history; bad archives change nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from assessment.domain.assessment import Actor, Assessment, Measure, SdgRating
from assessment.errors import UserError, ValidationFailed
from assessment.storage import Store, open_store


def rich() -> Assessment:
    return Assessment.model_validate(
        {
            "title": "Regional utvecklingsstrategi <&> ŋđčŧï",
            "kind": "strategy",
            "municipalities": ["Krokom", "Östersund"],
            "tags": ["RUS", "energi"],
            "date": "2025-05-20",
            "answers": {"q2": "andra", "q1": "första"},
            "sdg": [{"target": "7.2", "impact": 2, "certainty": "high"}, {"goal": 15, "impact": -2}],
            "actors": [{"name": "Samebyn", "influence": 4, "groups": ["rennäring"]}],
            "conflicts": [{"id": "k1", "between": ["7.2", "sdg:15"], "follow_up": "Följ upp 2026"}],
            "checkpoint": {"answers": {"c1": {"answer": "yes"}}, "decision": "continue"},
            "description": "rad 1\nrad 2: kolon, 'citat', \"dubbla\" # inte kommentar\n",
        }
    )


def history_of(store: Store, assessment_id: str) -> list[tuple[int, str, str, object]]:
    user = store.local_user()
    return [
        (
            h.version,
            h.author,
            h.created_at.isoformat(),
            store.revision(user, assessment_id, h.version).to_document(),
        )
        for h in store.history(user, assessment_id)
    ]


def test_lossless_round_trip_with_history(store: Store, tmp_path: object) -> None:
    user = store.local_user()
    first = store.create(user, rich())
    edited = first.assessment.model_copy(deep=True)
    edited.actors.append(Actor(name="Länsstyrelsen"))
    edited.measures.append(Measure(id="m1", text="Samråd", due="2026-01-01"))
    store.save(user, first.id, edited, 1)
    edited.sdg.append(SdgRating(goal=13, impact=1))
    store.save(user, first.id, edited, 2)
    second = store.create(user, Assessment(title="Andra"))

    archive = store.export_workspace(user, "default")
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        names = set(z.namelist())
        manifest = yaml.safe_load(z.read("manifest.yaml"))
        current = yaml.safe_load(z.read(f"assessments/{first.id}.yaml"))
    assert {"manifest.yaml", f"assessments/{first.id}.yaml", f"revisions/{first.id}/3.yaml"} <= (names)
    assert manifest["workspace"]["id"] == "default"
    assert current == store.get(user, first.id).assessment.to_document()

    target = open_store(f"sqlite:///{tmp_path}/restored.db")  # a fresh installation
    target_user = target.local_user()
    ids = target.import_workspace(target_user, archive, "default")
    assert ids == [first.id, second.id]  # ids kept
    for assessment_id in ids:
        assert history_of(target, assessment_id) == history_of(store, assessment_id)
        a, b = store.get(user, assessment_id), target.get(target_user, assessment_id)
        assert (a.version, a.updated_at, a.updated_by) == (b.version, b.updated_at, b.updated_by)
        assert a.assessment.to_document() == b.assessment.to_document()
    assert list(target.get(target_user, first.id).assessment.answers) == ["q2", "q1"]  # order kept
    # Export of the restored copy carries the same content (lossless both ways).
    again = target.export_workspace(target_user, "default")
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        assert yaml.safe_load(z.read(f"assessments/{first.id}.yaml")) == current
    target.close()


def test_import_into_same_database_never_overwrites(store: Store) -> None:
    user = store.local_user()
    stored = store.create(user, rich())
    archive = store.export_workspace(user, "default")
    changed = stored.assessment.model_copy(deep=True)
    changed.title = "Ändrad efter export"
    store.save(user, stored.id, changed, 1)
    [copy_id] = store.import_workspace(user, archive, "default")
    assert copy_id != stored.id
    assert store.get(user, stored.id).assessment.title == "Ändrad efter export"
    assert store.get(user, copy_id).assessment == stored.assessment
    assert len(store.list(user)) == 2


def _tamper(archive: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, content if item.filename == name else src.read(item))
    return out.getvalue()


def test_bad_archives_are_refused_and_change_nothing(store: Store) -> None:
    user = store.local_user()
    good = store.create(user, rich())
    store.create(user, Assessment(title="Två"))
    archive = store.export_workspace(user, "default")
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        manifest = yaml.safe_load(z.read("manifest.yaml"))
    second_id = manifest["assessments"][1]["id"]
    bad_doc = yaml.safe_dump({"title": "Ogiltig", "sdg": [{"goal": 7, "impact": 7}]}).encode()
    cases = {
        "not zip": b"PK\x03\x04 nonsense",
        "bad yaml": _tamper(archive, "manifest.yaml", b"format: [unclosed"),
        "wrong format": _tamper(archive, "manifest.yaml", b"format: something-else\n"),
        "unsafe yaml": _tamper(archive, "manifest.yaml", b"!!python/object:os.system {}\n"),
        # The *second* assessment is bad: the first must not be imported either.
        "invalid revision": _tamper(archive, f"revisions/{second_id}/1.yaml", bad_doc),
        "not utf8": _tamper(archive, f"revisions/{good.id}/1.yaml", b"\xff\xfe title: x"),
        "alias bomb": _tamper(
            archive, f"revisions/{good.id}/1.yaml", b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\ntitle: *b\n"
        ),
        "list expected": _tamper(
            archive,
            "manifest.yaml",
            b"format: assessment-workspace-archive\nformat_version: 1\nassessments: 5\n",
        ),
        "future format": _tamper(
            archive, "manifest.yaml", b"format: assessment-workspace-archive\nformat_version: 2\n"
        ),
    }
    for label, data in cases.items():
        with pytest.raises(UserError) as err:
            store.import_workspace(user, data, "default")
        assert err.value.message("sv"), label
        assert len(store.list(user)) == 2, label
    with pytest.raises(ValidationFailed) as err:
        store.import_workspace(user, cases["invalid revision"], "default")
    assert f"revisions/{second_id}/1.yaml" in err.value.message("en")
    assert "sdg[0].impact" in err.value.message("en")
