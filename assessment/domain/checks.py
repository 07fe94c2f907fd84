"""Checks that an assessment's codes and ids exist: SDG goals/targets, RUS goals, other-goal
frameworks, checklist items, Tyréns types/methods/stages and cross references.

Shape is checked by the pydantic models; this is the second pass that needs the knowledge base and
the process models. It returns every problem (a user fixing a file wants the full list at once).

One validation policy for every entry point (file import, the store's create/save, archive import,
the UI): `validate_assessment` sorts the problems into

- **errors** — the document is wrong whatever the models say: an SDG goal 42, target 99.9, an
  unknown framework, a malformed reference, duplicates, a self-loop. Every entry point refuses it.
- **warnings** — the document names an id the *current, region-edited* models do not have (a
  removed RUS goal, municipality, question, checklist item, Tyréns type, or an actor that was
  deleted while a conflict still names it). The data is kept exactly as it is and every entry
  point accepts it, so a model edit never makes stored work un-exportable or un-importable; the
  message says what to do (add the id back to the model, or remove the item).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from assessment.domain.assessment import LIST_KEYS, Assessment, actor_key, item_key
from assessment.domain.refs import parse_ref, read_sdg_code
from assessment.errors import Problem, UserError
from assessment.i18n import t
from assessment.knowledge.frameworks import frameworks
from assessment.knowledge.sdg import sdg_catalog
from assessment.process_models import rus_model, tyrens_model


@dataclass(frozen=True)
class Validation:
    """The outcome of `validate_assessment`: refuse on ``errors``; show ``warnings`` and keep."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def warning_lines(self, lang: str) -> list[str]:
        """The explanation with the way forward, then one line per warning (plain text)."""
        if not self.warnings:
            return []
        return [t("core.kept_unknown_ids", lang), *(p.message(lang) for p in self.warnings)]


def check_assessment(assessment: Assessment, file: str = "") -> list[Problem]:
    """The errors of `validate_assessment` (what makes a document unacceptable)."""
    return validate_assessment(assessment, file).errors


def validate_assessment(assessment: Assessment, file: str = "") -> Validation:
    problems: list[Problem] = []
    drift: list[Problem] = []

    def add(key: str, path: str, **params: object) -> None:
        problems.append(Problem(key, dict(params), path=path, file=file))

    def warn(key: str, path: str, **params: object) -> None:
        drift.append(Problem(key, dict(params), path=path, file=file))

    _check_duplicates(assessment, add)
    catalog = sdg_catalog()
    rus = rus_model()
    tyrens = tyrens_model()
    known_frameworks = frameworks()

    def sdg_code_ok(code: str) -> bool:
        try:
            read_sdg_code(code)
        except UserError:
            return False
        return True

    for i, rating in enumerate(assessment.sdg):
        if rating.goal is not None and rating.goal not in catalog.goals:
            add("core.unknown_sdg_goal", f"sdg[{i}].goal", code=rating.goal)
        if rating.target is not None and rating.target not in catalog.targets:
            add("core.unknown_sdg_target", f"sdg[{i}].target", code=rating.target)

    for i, rus_rating in enumerate(assessment.rus):
        if rus.rus_goal(rus_rating.goal) is None:
            warn("core.unknown_rus_goal", f"rus[{i}].goal", code=rus_rating.goal)

    for i, other in enumerate(assessment.other_goals):
        framework = known_frameworks.get(other.framework)
        if framework is None:
            add("core.unknown_framework", f"other_goals[{i}].framework", framework=other.framework)
        elif framework.kind == "screening":
            add("frame.dnsh_not_a_rating", f"other_goals[{i}].framework", code=other.goal)
        elif other.goal not in framework.goals:
            add(
                "core.unknown_framework_goal",
                f"other_goals[{i}].goal",
                code=other.goal,
                framework=other.framework,
            )

    dnsh = next((f for f in known_frameworks.values() if f.kind == "screening"), None)
    for objective in assessment.dnsh:
        if dnsh is None or objective not in dnsh.goals:
            add("core.unknown_framework_goal", f"dnsh.{objective}", code=objective, framework="eu_dnsh")

    known_municipalities = {m.name for m in rus.municipalities}
    for i, name in enumerate(assessment.municipalities):
        if rus.municipality(name) is None:
            warn(
                "core.field_choice",
                f"municipalities[{i}]",
                choices=", ".join(sorted(known_municipalities)),
            )

    for question_id in assessment.answers:
        if rus.question(question_id) is None:
            warn("core.unknown_model_id", f"answers.{question_id}", code=question_id, model=rus.id)

    checkpoint_questions = {q.id for q in rus.checkpoint.questions}
    for question_id in assessment.checkpoint.answers:
        if question_id not in checkpoint_questions:
            warn(
                "core.unknown_model_id",
                f"checkpoint.answers.{question_id}",
                code=question_id,
                model=rus.id,
            )
    verdicts = {v.id for v in rus.judgement.verdicts}
    if assessment.judgement.verdict is not None and assessment.judgement.verdict not in verdicts:
        warn("core.field_choice", "judgement.verdict", choices=", ".join(sorted(verdicts)))

    step_ids = {s.id for s in rus.steps} | {"checkpoint", "judgement"}
    for i, position in enumerate(assessment.positions):
        if position.step not in step_ids:
            warn("core.field_choice", f"positions[{i}].step", choices=", ".join(sorted(step_ids)))

    for checklist_id, answers in assessment.checklists.items():
        checklist = rus.checklists.get(checklist_id)
        if checklist is None:
            warn("core.unknown_checklist_item", f"checklists.{checklist_id}", code=checklist_id)
            continue
        for item_id in answers:
            if checklist.item(item_id) is None:
                warn("core.unknown_checklist_item", f"checklists.{checklist_id}.{item_id}", code=item_id)

    group_ids = {item.id for checklist in rus.checklists.values() for item in checklist.items}
    for i, actor in enumerate(assessment.actors):
        for j, group in enumerate(actor.groups):
            if group not in group_ids:
                warn("core.unknown_checklist_item", f"actors[{i}].groups[{j}]", code=group)

    actor_names = {a.name for a in assessment.actors}
    conflict_ids = {c.id for c in assessment.conflicts}

    def ref_ok(raw: str) -> bool | None:
        """True: known; False: wrong whatever the models say; None: unknown to the current
        models or no longer in this assessment (a warning)."""
        ref = parse_ref(raw)
        if ref.kind in ("sdg", "target"):
            return sdg_code_ok(raw)
        if ref.kind == "rus":
            return rus.rus_goal(ref.code) is not None or None
        if ref.kind == "actor":
            return ref.code in actor_names or None
        if ref.kind == "other":
            framework_id, _, goal_id = ref.code.partition(":")
            framework = known_frameworks.get(framework_id)
            return framework is not None and goal_id in framework.goals
        return False

    def check_ref(raw: str, path: str) -> None:
        known = ref_ok(raw)
        if known is False:
            add("core.unknown_reference", path, code=raw)
        elif known is None:
            warn("core.unknown_reference", path, code=raw)

    for i, conflict in enumerate(assessment.conflicts):
        for j, raw in enumerate(conflict.between):
            check_ref(raw, f"conflicts[{i}].between[{j}]")
        if conflict.type is not None and tyrens.conflict_type(conflict.type) is None:
            warn("core.unknown_model_id", f"conflicts[{i}].type", code=conflict.type, model=tyrens.id)
        if conflict.method is not None and tyrens.method(conflict.method) is None:
            warn("core.unknown_model_id", f"conflicts[{i}].method", code=conflict.method, model=tyrens.id)
        if conflict.stage is not None and tyrens.stage(conflict.stage) is None:
            warn("core.unknown_model_id", f"conflicts[{i}].stage", code=conflict.stage, model=tyrens.id)
        for stage_id in conflict.stage_notes:
            if tyrens.stage(stage_id) is None:
                warn(
                    "core.unknown_model_id",
                    f"conflicts[{i}].stage_notes.{stage_id}",
                    code=stage_id,
                    model=tyrens.id,
                )

    for i, measure in enumerate(assessment.measures):
        for j, raw in enumerate(measure.addresses):
            if raw in conflict_ids:
                continue
            if parse_ref(raw).kind == "item" and _looks_like_conflict_id(raw):
                warn("core.unknown_reference", f"measures[{i}].addresses[{j}]", code=raw)
            else:
                check_ref(raw, f"measures[{i}].addresses[{j}]")

    for i, interaction in enumerate(assessment.interactions):
        for field_name, raw in (("from", interaction.source), ("to", interaction.to)):
            if not sdg_code_ok(raw):
                add("core.unknown_sdg_code", f"interactions[{i}].{field_name}", code=raw)
        both_known = sdg_code_ok(interaction.source) and sdg_code_ok(interaction.to)
        if both_known and read_sdg_code(interaction.source) == read_sdg_code(interaction.to):
            add("core.self_loop", f"interactions[{i}].to", code=interaction.to)
    return Validation(problems, drift)


def _looks_like_conflict_id(raw: str) -> bool:
    """A measure may address a conflict that was deleted since: ``K3``, ``k12``."""
    return len(raw) > 1 and raw[0] in "Kk" and raw[1:].isdigit()


def _check_duplicates(assessment: Assessment, add: Callable[..., None]) -> None:
    document = assessment.to_document()
    for list_name in LIST_KEYS:
        items: Iterable[dict[str, Any]] = document.get(list_name, [])
        seen: set[str] = set()
        for i, item in enumerate(items):
            key = item_key(list_name, item)
            if list_name == "actors":
                key = actor_key(key)  # one actor, however it is capitalised
            if key in seen:
                add("core.duplicate_key", f"{list_name}[{i}]", code=key.strip("/"))
            seen.add(key)
