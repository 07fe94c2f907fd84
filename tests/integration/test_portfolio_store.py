"""Portfolio and register from the store: only what the user may read, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessment.domain.assessment import Assessment, Conflict
from assessment.fileio import load_assessment
from assessment.portfolio.register import similar_conflicts
from assessment.portfolio.selection import Filters
from assessment.portfolio.sources import StoreCache, from_store, visible_register
from assessment.portfolio.views import compute, figures
from assessment.storage import Role, Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "rsp"


def _load(name: str) -> Assessment:
    return load_assessment(EXAMPLES / f"rsp_{name}.yaml")


def test_portfolio_and_register_follow_access_control(store: Store) -> None:
    admin = store.local_user()
    store.create_workspace(admin, "krokom", "Krokoms kommun")
    store.create_workspace(admin, "region", "Region Jämtland Härjedalen")
    anna = store.add_user(admin, "anna")
    bo = store.add_user(admin, "bo")
    store.grant(admin, "krokom", "anna", Role.editor)
    store.grant(admin, "region", "bo", Role.viewer)
    store.create(admin, _load("krokom"), "krokom")
    store.create(admin, _load("bracke"), "region")
    store.create(admin, _load("berg"))  # the admin's default workspace

    assert from_store(store, anna).keys() == ["rsp-krokom"]
    assert from_store(store, bo).keys() == ["rsp-bracke"]
    assert sorted(from_store(store, admin).keys()) == ["rsp-berg", "rsp-bracke", "rsp-krokom"]
    only_region = from_store(store, admin, Filters.of(workspaces=["region"]))
    assert only_region.keys() == ["rsp-bracke"]
    assert only_region.get("rsp-bracke").workspace == "region"

    register = visible_register(store, anna)
    assert {e.assessment for e in register} == {"rsp-krokom"}
    # Bräcke's Kälarne conflict is the best match for admin, but Anna may not see it.
    new = Conflict(id="ny", between=["sdg:11", "sdg:13"], type="time")
    admin_matches = similar_conflicts(new, visible_register(store, admin))
    assert admin_matches[0].entry.assessment == "rsp-bracke"
    anna_matches = similar_conflicts(new, register)
    assert {m.entry.assessment for m in anna_matches} == {"rsp-krokom"}

    today = dt.date(2026, 3, 1)
    assert figures(compute(from_store(store, anna), today))["conflicts"] == 2
    assert figures(compute(from_store(store, admin), today))["conflicts"] == 5


def test_store_filters_match_file_filters(store: Store) -> None:
    admin = store.local_user()
    for name in ("krokom", "bracke", "berg", "are"):
        store.create(admin, _load(name))
    fuel = from_store(store, admin, Filters.of(tags=["rsp 2023-2030", "Drivmedel"]))
    assert sorted(fuel.keys()) == ["rsp-bracke", "rsp-krokom"]
    kinds = from_store(store, admin, Filters.of(kinds=["rsp_measure"], date_from=dt.date(2025, 10, 1)))
    assert sorted(kinds.keys()) == ["rsp-are", "rsp-berg", "rsp-krokom"]
    assert from_store(store, admin, Filters.of(kinds=["application"])).keys() == []
    assert from_store(store, admin, Filters.of(municipalities=["Åre kommun"])).keys() == ["rsp-are"]


def test_similar_conflicts_exclude_the_one_being_edited_by_store_id(store: Store) -> None:
    admin = store.local_user()
    stored = store.create(admin, _load("krokom"))
    register = visible_register(store, admin)
    conflict = stored.assessment.conflicts[0]
    assert similar_conflicts(conflict, register)[0].entry.conflict == conflict.id
    rest = similar_conflicts(conflict, register, exclude=(stored.id, conflict.id))
    assert all(m.entry.conflict != conflict.id for m in rest)


def test_cache_skips_unchanged_assessments_but_sees_new_revisions(store: Store) -> None:
    admin = store.local_user()
    stored = store.create(admin, _load("ragunda"))
    cache: StoreCache = {}
    assert from_store(store, admin, cache=cache).keys() == ["rsp-ragunda"]
    assert list(cache) == [(stored.id, stored.version)]
    changed = stored.assessment.model_copy(update={"title": "Ragunda, efter workshopen"})
    store.save(admin, stored.id, changed, stored.version)
    again = from_store(store, admin, cache=cache)
    assert again.get("rsp-ragunda").title == "Ragunda, efter workshopen"
    assert len(cache) == 2


def test_documents_reads_many_with_the_access_check_of_get(store: Store) -> None:
    admin = store.local_user()
    store.create_workspace(admin, "krokom", "Krokoms kommun")
    anna = store.add_user(admin, "anna")
    store.grant(admin, "krokom", "anna", Role.viewer)
    hers = store.create(admin, _load("krokom"), "krokom")
    other = store.create(admin, _load("berg"))  # the admin's workspace: not Anna's
    found = store.documents(anna, [hers.id, other.id, "no-such-id", hers.id])
    assert list(found) == [hers.id]
    assert found[hers.id].assessment == store.get(anna, hers.id).assessment
    assert found[hers.id].version == hers.version and found[hers.id].role == Role.viewer
    store.grant(admin, "krokom", "anna", None)  # membership ended: nothing any more
    assert store.documents(anna, [hers.id]) == {}
    assert set(store.documents(admin, [hers.id, other.id])) == {hers.id, other.id}


def test_portfolio_from_the_store_has_the_numbers_of_the_same_files(store: Store) -> None:
    from assessment.portfolio.sources import from_files
    from assessment.portfolio.views import to_json

    admin = store.local_user()
    paths = sorted(EXAMPLES.glob("*.yaml"))
    for path in paths:
        store.create(admin, load_assessment(path))
    today = dt.date(2026, 3, 1)
    files, problems = from_files(paths)
    stored = from_store(store, admin)
    assert problems == [] and len(stored) == len(paths) == 8
    order = {key: n for n, key in enumerate(files.keys())}
    stored = type(stored)(tuple(sorted(stored.items, key=lambda i: order[i.key])))
    # `source` differs (file path vs store id) and is not part of any view.
    assert to_json(compute(stored, today)) == to_json(compute(files, today))
