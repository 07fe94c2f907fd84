"""Pick a set of assessments by kind, municipality, date range, free tags and workspace."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from assessment.domain.assessment import Assessment
from assessment.domain.projection import Projection, project

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
_SPACES = re.compile(r"\s+")


def norm_tag(tag: str) -> str:
    """Tags are typed by hand: "RSP 2023–2030", "rsp 2023-2030 " and "RSP 2023—2030" are one."""
    return _SPACES.sub(" ", tag.translate(_DASHES)).strip().casefold()


def norm_name(name: str) -> str:
    """Municipality names compare without case ("Åre" = "åre"); "Åre kommun" = "Åre"."""
    text = _SPACES.sub(" ", name).strip().casefold()
    return text.removesuffix(" kommun").strip()


@dataclass(frozen=True)
class Filters:
    """Empty fields do not filter. Within a field: any kind, any municipality, *all* tags."""

    kinds: frozenset[str] = frozenset()
    municipalities: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    workspaces: frozenset[str] = frozenset()
    search: str = ""

    @classmethod
    def of(
        cls,
        *,
        kinds: Iterable[str] = (),
        municipalities: Iterable[str] = (),
        tags: Iterable[str] = (),
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        workspaces: Iterable[str] = (),
        search: str = "",
    ) -> Filters:
        return cls(
            kinds=frozenset(str(k) for k in kinds),
            municipalities=frozenset(municipalities),
            tags=frozenset(tags),
            date_from=date_from,
            date_to=date_to,
            workspaces=frozenset(workspaces),
            search=search,
        )


@dataclass(frozen=True)
class Item:
    """One assessment of a portfolio; ``key`` is unique in the portfolio and names its column.

    The views read only ``projection``. The whole assessment (``assessment``) is there for what
    needs more (comparing two, the findings of each): given for files, read from the store on
    first use for a portfolio from the store (``full`` is then the loader).
    """

    key: str
    projection: Projection
    full: Assessment | Callable[[], Assessment] = field(repr=False, compare=False)
    workspace: str | None = None
    source: str = ""

    @classmethod
    def of(cls, key: str, assessment: Assessment, workspace: str | None = None, source: str = "") -> Item:
        return cls(key, project(assessment), assessment, workspace, source)

    @cached_property
    def assessment(self) -> Assessment:
        return self.full if isinstance(self.full, Assessment) else self.full()

    @property
    def title(self) -> str:
        return self.projection.title

    @property
    def municipality_text(self) -> str:
        return ", ".join(self.projection.municipalities)


@dataclass(frozen=True)
class Portfolio:
    items: tuple[Item, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def keys(self) -> list[str]:
        return [i.key for i in self.items]

    def names(self) -> dict[str, str]:
        """Per item key a name for people: the title, with the municipality (then a number) only
        where two titles are the same. Keys stay the stable ids used by code and files."""
        base = {i.key: " ".join(i.title.split())[:80] for i in self.items}
        counts: dict[str, int] = {}
        for name in base.values():
            counts[name] = counts.get(name, 0) + 1
        names: dict[str, str] = {}
        used: set[str] = set()
        for item in self.items:
            name = base[item.key]
            if counts[name] > 1 and item.municipality_text:
                name = f"{name} · {item.municipality_text}"
            names[item.key] = unique_key(name, used)
        return names

    def get(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    @classmethod
    def of(
        cls,
        assessments: Iterable[Assessment | tuple[str, Assessment]],
        workspace: str | None = None,
    ) -> Portfolio:
        """Build from assessments (or ``(source, assessment)`` pairs), giving each a unique key."""
        items: list[Item] = []
        used: set[str] = set()
        for entry in assessments:
            source, assessment = entry if isinstance(entry, tuple) else ("", entry)
            key = unique_key(_base_key(assessment, source), used)
            items.append(Item.of(key, assessment, workspace, source))
        return cls(tuple(items))


def combine(*portfolios: Portfolio) -> Portfolio:
    """One portfolio from several (saved assessments plus the examples or uploaded files); keys
    stay unique, so your own measure and the shipped examples sit side by side."""
    items: list[Item] = []
    used: set[str] = set()
    for portfolio in portfolios:
        for item in portfolio:
            items.append(
                Item(unique_key(item.key, used), item.projection, item.full, item.workspace, item.source)
            )
    return Portfolio(tuple(items))


def _base_key(assessment: Assessment, source: str) -> str:
    if assessment.id:
        return assessment.id
    if source:
        stem = source.replace("\\", "/").rsplit("/", 1)[-1]
        return stem.rsplit(".", 1)[0] or stem
    return assessment.title[:60]


def unique_key(base: str, used: set[str]) -> str:
    """``base``, or ``base (2)``, ``base (3)``… so two files with one id still get two columns."""
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base} ({n})"
    used.add(key)
    return key


def matches(item: Item, filters: Filters) -> bool:
    a = item.projection
    if filters.kinds and a.kind not in filters.kinds:
        return False
    if filters.workspaces and (item.workspace or "") not in filters.workspaces:
        return False
    if filters.municipalities:
        wanted = {norm_name(m) for m in filters.municipalities}
        if not wanted & {norm_name(m) for m in a.municipalities}:
            return False
    if filters.tags:
        have = {norm_tag(t) for t in a.tags}
        if not {norm_tag(t) for t in filters.tags} <= have:
            return False
    # An undated assessment cannot be placed in a date range, so a range excludes it.
    if filters.date_from and (a.date is None or a.date < filters.date_from):
        return False
    if filters.date_to and (a.date is None or a.date > filters.date_to):
        return False
    if filters.search:
        needle = filters.search.casefold()
        haystack = " ".join([a.title, a.organisation, a.description, *a.tags]).casefold()
        if needle not in haystack:
            return False
    return True


def select(portfolio: Portfolio | Sequence[Item], filters: Filters) -> Portfolio:
    items = portfolio.items if isinstance(portfolio, Portfolio) else tuple(portfolio)
    if filters == _NO_FILTERS:  # matches every item
        return Portfolio(items)
    return Portfolio(tuple(i for i in items if matches(i, filters)))


_NO_FILTERS = Filters()


def all_tags(portfolio: Portfolio) -> list[str]:
    """Distinct tags as first written, one spelling per normalised tag (for filter pickers)."""
    seen: dict[str, str] = {}
    for item in portfolio:
        for tag in item.projection.tags:
            seen.setdefault(norm_tag(tag), tag)
    return sorted(seen.values(), key=str.casefold)


def all_municipalities(portfolio: Portfolio) -> list[str]:
    seen: dict[str, str] = {}
    for item in portfolio:
        for name in item.projection.municipalities:
            seen.setdefault(norm_name(name), name)
    return sorted(seen.values(), key=str.casefold)
