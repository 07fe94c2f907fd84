"""Three-way merge and diff of assessment documents (the ``Assessment.to_document()`` form).

Used by the store when two people saved the same assessment from the same starting revision:
``base`` is the revision both started from, ``theirs`` is what is stored now, ``mine`` is what the
later writer sends. Rules:

- a field changed by only one side takes that side's value;
- items of the lists in ``LIST_KEYS`` (and lists of mappings with a ``name``/``id``) are matched
  by their natural key, so additions and removals by different people are all kept;
- lists of plain values (tags, municipalities, refs) merge as sets: both sides' additions are kept,
  either side's removals are applied;
- the same field changed differently by both: the stored value ("theirs") wins and the writer's
  value is returned as a `FieldConflict` so the writer is told, never silently overwritten.

Paths name items by their key, e.g. ``actors[Krokoms kommun].influence`` or ``answers.q1``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from assessment.domain.assessment import LIST_KEYS


class _Missing:
    """Marks a key absent on one side (documents leave out None values)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldConflict:
    """The same field was changed by both sides; ``theirs`` (stored) was kept.

    Values are in document form; ``None`` means the field or item was absent on that side.
    """

    path: str
    base: Any
    mine: Any
    theirs: Any


class Change(NamedTuple):
    """One difference between two documents: ``old``/``new`` is None when absent."""

    path: str
    old: Any
    new: Any


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _keyed_items(list_name: str | None, items: list[Any]) -> dict[str, Any] | None:
    """Items by natural key, or None when the list is not a keyed list of mappings."""
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    keys: list[str] = []
    for item in items:
        if list_name in LIST_KEYS:
            # Like item_key(), but "sdg/13/" reads badly in a path; non-empty parts are as unique.
            fields = LIST_KEYS[list_name]
            keys.append("/".join(str(item[f]) for f in fields if item.get(f) not in (None, "")))
        elif "id" in item:
            keys.append(str(item["id"]))
        elif "name" in item:
            keys.append(str(item["name"]))
        else:
            return None
    out: dict[str, Any] = {}
    for key, item in zip(keys, items, strict=True):
        # A duplicate key (invalid, but possible in stored data) stays distinct, never merged away.
        unique, n = key, 1
        while unique in out:
            n += 1
            unique = f"{key}#{n}"
        out[unique] = item
    return out


def _is_keyed_list(list_name: str | None, *sides: Any) -> bool:
    lists = [s for s in sides if s is not MISSING]
    if not all(isinstance(s, list) for s in lists):
        return False
    if list_name in LIST_KEYS:
        return all(all(isinstance(i, dict) for i in s) for s in lists)
    items = [i for s in lists for i in s]
    return bool(items) and all(isinstance(i, dict) and ("id" in i or "name" in i) for i in items)


def _hashable(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


class _Merger:
    def __init__(self) -> None:
        self.conflicts: list[FieldConflict] = []

    def conflict(self, path: str, base: Any, mine: Any, theirs: Any) -> Any:
        self.conflicts.append(FieldConflict(path, _plain(base), _plain(mine), _plain(theirs)))
        return theirs

    def value(self, path: str, name: str | None, base: Any, mine: Any, theirs: Any) -> Any:
        if mine == theirs:
            return theirs
        if mine == base:
            return theirs
        if theirs == base:
            return mine
        if isinstance(mine, dict) and isinstance(theirs, dict):
            return self.mapping(path, base if isinstance(base, dict) else {}, mine, theirs)
        if isinstance(mine, list) and isinstance(theirs, list):
            base_list = base if isinstance(base, list) else []
            if _is_keyed_list(name, base_list, mine, theirs):
                return self.keyed_list(path, name, base_list, mine, theirs)
            if all(_hashable(v) for v in [*base_list, *mine, *theirs]):
                return self.value_list(base_list, mine, theirs)
        return self.conflict(path, base, mine, theirs)

    def mapping(
        self, path: str, base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in [*theirs, *(k for k in mine if k not in theirs)]:
            merged = self.value(
                _join(path, key),
                key if not path else None,
                base.get(key, MISSING),
                mine.get(key, MISSING),
                theirs.get(key, MISSING),
            )
            if merged is not MISSING:
                out[key] = merged
        return out

    def keyed_list(
        self, path: str, name: str | None, base: list[Any], mine: list[Any], theirs: list[Any]
    ) -> list[Any]:
        b = _keyed_items(name, base) or {}
        m = _keyed_items(name, mine) or {}
        t = _keyed_items(name, theirs) or {}
        out: list[Any] = []
        for key in [*t, *(k for k in m if k not in t)]:
            merged = self.value(
                f"{path}[{key}]",
                None,
                b.get(key, MISSING),
                m.get(key, MISSING),
                t.get(key, MISSING),
            )
            if merged is not MISSING:
                out.append(merged)
        return out

    @staticmethod
    def value_list(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
        removed = {v for v in base if v not in mine} | {v for v in base if v not in theirs}
        out = [v for v in theirs if v not in removed]
        out += [v for v in mine if v not in base and v not in out]
        return out


def merge3(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[FieldConflict]]:
    """Merge ``mine`` into ``theirs`` relative to ``base``; returns the document and conflicts.

    The result is plain data; the caller validates it as an `Assessment`.
    """
    merger = _Merger()
    merged = merger.mapping("", base, mine, theirs)
    return merged, merger.conflicts


def _walk(path: str, name: str | None, old: Any, new: Any) -> Iterator[Change]:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from _walk(
                _join(path, key),
                key if not path else None,
                old.get(key, MISSING),
                new.get(key, MISSING),
            )
        return
    if isinstance(old, list) and isinstance(new, list) and _is_keyed_list(name, old, new):
        o = _keyed_items(name, old) or {}
        n = _keyed_items(name, new) or {}
        for key in [*o, *(k for k in n if k not in o)]:
            yield from _walk(f"{path}[{key}]", None, o.get(key, MISSING), n.get(key, MISSING))
        return
    yield Change(path, _plain(old), _plain(new))


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every changed leaf between two documents; list items are matched by their natural key."""
    return list(_walk("", None, old, new))


def summarise(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A compact, language-neutral account of a change for the revision history.

    ``added``/``removed`` count items per list; ``changed`` lists the top-level fields touched.
    """
    added: dict[str, int] = {}
    removed: dict[str, int] = {}
    changed: list[str] = []
    for name in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(name, MISSING), new.get(name, MISSING)
        if before == after:
            continue
        keyed = isinstance(before, list | _Missing) and isinstance(after, list | _Missing)
        if name in LIST_KEYS and keyed:
            b = _keyed_items(name, before if isinstance(before, list) else []) or {}
            a = _keyed_items(name, after if isinstance(after, list) else []) or {}
            plus, minus = len(a.keys() - b.keys()), len(b.keys() - a.keys())
            if plus:
                added[name] = plus
            if minus:
                removed[name] = minus
            if any(b[k] != a[k] for k in b.keys() & a.keys()):
                changed.append(name)
        else:
            changed.append(name)
    return {"added": added, "removed": removed, "changed": changed}


# -- addressing a field by the merge's path (the inverse of the merge) ---------------------------


_ABSENT: Any = object()


def apply_at(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """``document`` with the field at ``path`` (as `merge3` names it in a `FieldConflict`) set to
    ``value``; ``None`` removes it. Raises KeyError when the path names nothing reachable.

    Used to apply the writer's own value after a clash: ``apply_at(merged, c.path, c.mine)``."""
    result = _set(document, "", None, path, value)
    if not isinstance(result, dict):
        raise KeyError(path)
    return result


def _below(child: str, target: str) -> bool:
    return not child or target == child or target.startswith((child + ".", child + "["))


def _set(node: Any, path: str, name: str | None, target: str, value: Any) -> Any:
    if path == target:
        return _ABSENT if value is None else value
    if isinstance(node, dict):
        out = dict(node)
        for key in node:
            child = _join(path, key)
            if _below(child, target):
                new = _set(node[key], child, key if not path else None, target, value)
                if new is _ABSENT:
                    out.pop(key)
                else:
                    out[key] = new
                return out
        rest = target[len(path) + 1 :] if path else target
        if _below(path, target) and rest and not any(ch in rest for ch in ".[") and value is not None:
            out[rest] = value  # the field was removed on the stored side
            return out
        raise KeyError(target)
    if isinstance(node, list) and _is_keyed_list(name, node, [value] if isinstance(value, dict) else []):
        keyed: dict[str, Any] = _keyed_items(name, node) or {}
        items: Sequence[tuple[str, Any]] = list(keyed.items())
        out_list: list[Any] = []
        done = False
        for key, item in items:
            child = f"{path}[{key}]"
            if not done and _below(child, target):
                new = _set(item, child, None, target, value)
                done = True
                if new is _ABSENT:
                    continue
                item = new
            out_list.append(item)
        if not done:
            if not (target.startswith(path + "[") and target.endswith("]") and isinstance(value, dict)):
                raise KeyError(target)
            out_list.append(value)  # the item was removed on the stored side
        return out_list
    raise KeyError(target)
