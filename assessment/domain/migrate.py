"""Upgrade assessment documents from older file versions, one step per version, saying what changed.

Each step takes the plain document of version N and returns version N+1 plus notes (`Problem`s in
the ``migrate`` catalogue) that the program shows once after loading, so nothing changes silently.
Steps never drop user text: whatever no longer fits is kept in a comment or reason field.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from assessment.errors import Problem

Document = dict[str, Any]
Step = Callable[[Document], tuple[Document, list[Problem]]]

DNSH_FRAMEWORK = "eu_dnsh"


def _v1_to_v2(doc: Document) -> tuple[Document, list[Problem]]:
    """Version 2: DNSH became a screening (answer + reason) instead of a −3..+3 rating.

    Version-1 ratings of the ``eu_dnsh`` framework are moved out of ``other_goals`` into
    ``dnsh`` *unanswered*: a rating on the impact scale says nothing about significant harm, so
    the answer is left for the user; the old score and comment are kept in the reason.
    """
    notes: list[Problem] = []
    other = doc.get("other_goals")
    if isinstance(other, list):
        kept: list[Any] = []
        dnsh: dict[str, Any] = dict(doc.get("dnsh") or {})
        for item in other:
            if isinstance(item, dict) and item.get("framework") == DNSH_FRAMEWORK:
                goal = str(item.get("goal", ""))
                impact = item.get("impact")
                comment = str(item.get("comment", "") or "").strip()
                old = f"{impact:+d}" if isinstance(impact, int) else "–"
                reason = f"[v1: {old}] {comment}".strip()
                dnsh[goal] = {"reason": reason}
                notes.append(
                    Problem("migrate.dnsh_rating_moved", {"code": goal, "impact": old}, path=f"dnsh.{goal}")
                )
            else:
                kept.append(item)
        doc["other_goals"] = kept
        if dnsh:
            doc["dnsh"] = dnsh
    notes.append(Problem("migrate.v2_fields", {}))
    doc["schema"] = 2
    return doc, notes


def _v2_to_v3(doc: Document) -> tuple[Document, list[Problem]]:
    """Version 3: ``dismissals`` (findings marked "not relevant here because …", with a reason)."""
    doc["dismissals"] = list(doc.get("dismissals") or [])
    doc["schema"] = 3
    return doc, [Problem("migrate.v3_fields", {})]


def _v3_to_v4(doc: Document) -> tuple[Document, list[Problem]]:
    """Version 4: a dismissal may record the knowledge-base cell and score it answered (``cell``,
    ``score``). Older dismissals have neither: unknown, so they stay as they are (not "changed")."""
    doc["schema"] = 4
    return doc, [Problem("migrate.v4_fields", {})]


def _v4_to_v5(doc: Document) -> tuple[Document, list[Problem]]:
    """Version 5: a dismissal of a second-order chain may also record its first step's cell and
    score (``first_cell``, ``first_score``). Older chain dismissals know only the second step:
    they stay as they are, and only that step can bring the finding back."""
    doc["schema"] = 5
    return doc, [Problem("migrate.v5_fields", {})]


# from-version -> step to from-version + 1
STEPS: dict[int, Step] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def migrate(document: Document, target: int) -> tuple[Document, list[Problem]]:
    """The document upgraded to ``target``; unknown or future versions are returned unchanged
    (the caller reports them)."""
    version = document.get("schema", target)
    if not isinstance(version, int) or version >= target or version not in STEPS:
        return document, []
    doc = copy.deepcopy(document)
    notes: list[Problem] = [Problem("migrate.upgraded", {"old": version, "new": target})]
    while isinstance(version, int) and version < target and version in STEPS:
        doc, step_notes = STEPS[version](doc)
        notes += step_notes
        version = doc["schema"]
    return doc, notes
