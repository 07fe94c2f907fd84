"""Where a portfolio comes from: assessment files (CLI, uploads) or the store (the app).

The store is asked only for what the user may see (`Store.list` checks access per user), so the
portfolio and the conflict register never show another workspace's assessments.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial

from assessment.domain.assessment import Assessment
from assessment.domain.projection import Projection, gc_paused
from assessment.errors import Problem, UserError
from assessment.portfolio.register import RegisterEntry, conflict_register
from assessment.portfolio.selection import Filters, Item, Portfolio, select, unique_key
from assessment.storage import Store, User


def from_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[Portfolio, list[Problem]]:
    """Load every file; the ones that fail are reported, the rest still form the portfolio."""
    from assessment.fileio import load_assessment

    loaded: list[tuple[str, Assessment]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded.append((str(path), load_assessment(path)))
        except UserError as err:
            problems.extend(err.problems)
    return Portfolio.of(loaded), problems


def from_uploads(files: Iterable[tuple[str, bytes]]) -> tuple[Portfolio, list[Problem]]:
    """Like `from_files` for uploaded ``(name, content)`` pairs."""
    from assessment.fileio import parse_assessment_bytes

    loaded: list[tuple[str, Assessment]] = []
    problems: list[Problem] = []
    for name, data in files:
        try:
            loaded.append((name, parse_assessment_bytes(data, name)))
        except UserError as err:
            problems.extend(err.problems)
    return Portfolio.of(loaded), problems


# (assessment id, version) -> (projection, workspace): revisions never change, so a cached one
# is always current for that version.
StoreCache = dict[tuple[str, int], tuple[Projection, str]]


def from_store(
    store: Store, user: User, filters: Filters | None = None, cache: StoreCache | None = None
) -> Portfolio:
    """The assessments ``user`` may read that match ``filters``.

    Kind, date range and a single workspace are passed to the store's query; tags,
    municipalities and free-text search are matched here, with the portfolio's own
    normalisation (dash variants, "Åre kommun" = "Åre"), so both sources select alike.

    The views read the store's projections (`Store.projections`), not the documents; an item's
    whole assessment is read from the store when something asks for it (`Item.assessment`).
    ``cache`` (e.g. kept in the app session) saves reloading unchanged assessments; the listing
    is asked every time, so access changes and new revisions show at once.
    """
    with gc_paused():  # 10,000 projections and items: see `gc_paused`
        return _from_store(store, user, filters or Filters(), {} if cache is None else cache)


def _from_store(store: Store, user: User, filters: Filters, cache: StoreCache) -> Portfolio:
    workspace = next(iter(filters.workspaces)) if len(filters.workspaces) == 1 else None
    listed = store.listed_versions(
        user,
        workspace_id=workspace,
        kinds=sorted(filters.kinds) or None,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    missing = [x for x, version in listed if (x, version) not in cache]
    for stored in store.projections(user, missing).values():  # one query per 500, not one each
        cache[(stored.id, stored.version)] = (stored.projection, stored.workspace_id)
    items: list[Item] = []
    used: set[str] = set()
    for assessment_id, version in listed:
        hit = cache.get((assessment_id, version))
        if hit is None:  # saved again since the listing: take the newer one
            newer = store.projections(user, [assessment_id]).get(assessment_id)
            if newer is None:  # deleted or access ended meanwhile
                continue
            version = newer.version
            hit = cache[(newer.id, version)] = (newer.projection, newer.workspace_id)
        projection, workspace = hit
        key = unique_key(projection.id or assessment_id, used)
        loader = _loader(store, user, assessment_id, version)
        items.append(Item(key, projection, loader, workspace, assessment_id))
    return select(Portfolio(tuple(items)), filters)


def _loader(store: Store, user: User, assessment_id: str, version: int) -> Callable[[], Assessment]:
    """Reads the whole assessment when first asked (comparing two, findings per assessment): the
    revision the projection was taken from, with the access check of every store read. A
    partial, not a closure: one object per item for the garbage collector, not five."""
    return partial(store.revision, user, assessment_id, version)


def visible_register(store: Store, user: User, cache: StoreCache | None = None) -> list[RegisterEntry]:
    """Every goal conflict in the assessments ``user`` may read — the register behind
    `similar_conflicts` when someone records a new conflict."""
    return conflict_register(from_store(store, user, cache=cache))
