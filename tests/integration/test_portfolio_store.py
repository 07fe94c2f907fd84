"""Portfolio and register from the store: only what the user may read, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessment.domain.assessment import Assessment, Conflict
from assessment.fileio import load_assessment
from assessment.portfolio.register import similar_conflicts
from assessment.portfolio.selection import Filters, Portfolio
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
    assert similar_conflicts(conflict, register)[0].entry.conflict.id == conflict.id
    rest = similar_conflicts(conflict, register, exclude=(stored.id, conflict.id))
    assert all(m.entry.conflict.id != conflict.id for m in rest)


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


def _variants(n: int) -> list[Assessment]:
    """``n`` distinct assessments varied from the RSP set (the bench's generator)."""
    import random
    import sys

    sys.path.insert(0, str(EXAMPLES.parents[1] / "bench"))
    from bench_portfolio import variant

    rng = random.Random(16)
    bases = [load_assessment(p).to_document() for p in sorted(EXAMPLES.glob("*.yaml"))]
    return [Assessment.model_validate(variant(bases[i % len(bases)], i, rng)) for i in range(n)]


def _same_order(stored: Portfolio, files: Portfolio) -> Portfolio:
    order = {key: n for n, key in enumerate(files.keys())}
    return Portfolio(tuple(sorted(stored.items, key=lambda i: order[i.key])))


def test_views_from_the_projections_equal_views_from_the_full_documents(store: Store) -> None:
    """Golden: every view at both levels, from the store's projections and from the whole
    assessments (every example plus 60 varied ones), byte for byte."""
    from assessment.portfolio.views import to_json

    admin = store.local_user()
    assessments = [load_assessment(p) for p in sorted(EXAMPLES.parent.rglob("*.yaml"))] + _variants(60)
    for a in assessments:
        store.create(admin, a)
    files = Portfolio.of(assessments)
    stored = _same_order(from_store(store, admin), files)
    assert len(stored) == len(files) == 72
    today = dt.date(2026, 3, 1)
    for level in ("goal", "target"):
        assert to_json(compute(stored, today, level=level)) == to_json(compute(files, today, level=level))
    # The whole assessment behind a store item is the revision its projection came from.
    item = stored.get("rsp-krokom")
    assert item.assessment == load_assessment(EXAMPLES / "rsp_krokom.yaml")


def test_projection_follows_every_write(store: Store) -> None:
    from assessment.domain.projection import projection_data

    admin = store.local_user()
    first = store.create(admin, _load("krokom"))

    def current(assessment_id: str) -> dict[str, object]:
        return dict(store.projections(admin, [assessment_id])[assessment_id].projection.data)

    assert current(first.id) == projection_data(first.assessment)
    conflict = first.assessment.conflicts[0].model_copy(update={"decision": "Beslutat i nämnden."})
    edited = first.assessment.model_copy(
        update={"title": "Krokom, reviderad", "conflicts": [conflict, *first.assessment.conflicts[1:]]}
    )
    second = store.save(admin, first.id, edited, first.version).stored
    assert current(first.id) == projection_data(second.assessment)
    assert store.projections(admin, [first.id])[first.id].version == second.version
    assert store.projections(admin, [first.id])[first.id].projection.conflicts[0].handled
    # A concurrent edit of the old version is merged; the projection is the merged result's.
    other = first.assessment.model_copy(update={"tags": ["sammanslagen"]})
    merged = store.save(admin, first.id, other, first.version).stored
    assert merged.assessment.title == "Krokom, reviderad" and merged.assessment.tags == ["sammanslagen"]
    assert current(first.id) == projection_data(merged.assessment)
    restored = store.restore(admin, first.id, 1)
    assert current(first.id) == projection_data(restored.assessment) == projection_data(first.assessment)
    # A workspace archive brings its projections along.
    store.create_workspace(admin, "kopia", "Kopia")
    archive = store.export_workspace(admin, "default")
    (copied,) = store.import_workspace(admin, archive, "kopia")
    assert current(copied) == projection_data(restored.assessment)


def test_projections_of_older_rows_are_backfilled_by_the_migration(store_url: str) -> None:
    """Rows written before revision 0006 get their projection in the upgrade; a row the store
    cannot read a current projection for (empty, or another shape) is computed from its document."""
    from alembic import command
    from sqlalchemy import text

    from assessment.domain.projection import projection_data
    from assessment.storage import open_store
    from assessment.storage.migrate import alembic_config

    store = open_store(store_url)
    admin = store.local_user()
    made = {name: store.create(admin, _load(name)) for name in ("krokom", "berg", "are")}
    engine = store.engine
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "0005_throttle")
        conn.commit()
        assert "projection" not in {c["name"] for c in inspect_columns(conn)}
        command.upgrade(alembic_config(conn), "head")
        conn.commit()
        filled = conn.execute(text("SELECT count(*) FROM assessments WHERE projection IS NOT NULL")).scalar()
    assert filled == 3
    found = store.projections(admin, [s.id for s in made.values()])
    assert {found[s.id].projection.data["title"] for s in made.values()} == {
        s.assessment.title for s in made.values()
    }
    for s in made.values():
        assert dict(found[s.id].projection.data) == projection_data(s.assessment)
    with engine.connect() as conn:
        conn.execute(text("UPDATE assessments SET projection = NULL WHERE id = :id"), {"id": made["berg"].id})
        conn.execute(
            text("UPDATE assessments SET projection = :p WHERE id = :id"),
            {"id": made["are"].id, "p": '{"v": 0, "title": "gammal form"}'},
        )
        conn.commit()
    again = store.projections(admin, [s.id for s in made.values()])
    for s in made.values():
        assert dict(again[s.id].projection.data) == projection_data(s.assessment)
    store.close()


def inspect_columns(conn: object) -> list[dict[str, object]]:
    from sqlalchemy import inspect

    return list(inspect(conn).get_columns("assessments"))  # type: ignore[arg-type]
