"""Cross-reference checks a schema cannot express: unique ids, existing parents and references,
and the fixed ids the rest of the program relies on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assessment.errors import Problem
from assessment.knowledge.bibliography import bibliography
from assessment.process_models import rus as r
from assessment.process_models import tyrens as ty
from assessment.process_models.common import Question, Source
from assessment.validation import duplicate_ids


class _Report:
    """Collects problems for one file."""

    def __init__(self, file: str, model: str) -> None:
        self.file = file
        self.model = model
        self.problems: list[Problem] = []

    def add(self, key: str, path: str, **params: object) -> None:
        self.problems.append(Problem(key, dict(params), path=path, file=self.file))

    def unique(self, ids: Sequence[str], path: str) -> None:
        for dupe in duplicate_ids(ids):
            self.add("core.duplicate_key", f"{path}[{list(ids).index(dupe)}]", code=dupe)

    def exact(self, ids: Sequence[str], required: Sequence[str], path: str) -> None:
        """The program relies on exactly these ids (order included for steps and stages)."""
        if tuple(ids) != tuple(required):
            self.add("models.fixed_ids", path, expected=", ".join(required), got=", ".join(ids) or "–")

    def known(self, value: str | None, known: Iterable[str], path: str) -> None:
        if value is not None and value not in set(known):
            self.add("core.unknown_model_id", path, code=value, model=self.model)


def _refs(rep: _Report, sources: Sequence[Source]) -> None:
    """Every source cites a work of the bibliography by key."""
    keys = bibliography().keys()
    for i, source in enumerate(sources):
        if source.ref is not None and source.ref not in keys:
            rep.add("core.unknown_model_id", f"sources[{i}].ref", code=source.ref, model="bibliography")


def _questions(
    rep: _Report, questions: Sequence[Question], path: str, prefix: str, sources: set[str]
) -> None:
    for i, q in enumerate(questions):
        if not q.id.startswith(prefix + "."):
            rep.add("models.question_prefix", f"{path}[{i}].id", code=q.id, prefix=prefix)
        rep.known(q.source, sources, f"{path}[{i}].source")


def check_rus(model: r.RusModel, file: str) -> list[Problem]:
    rep = _Report(file, "rus_sakring")
    sources = {s.id for s in model.sources}
    rep.unique([s.id for s in model.sources], "sources")
    _refs(rep, model.sources)
    rep.known(model.principle_source, sources, "principle_source")
    steps = [s.id for s in model.steps]
    rep.exact(steps, r.STEP_IDS, "steps")
    for i, step in enumerate(model.steps):
        rep.known(step.source, sources, f"steps[{i}].source")
        _questions(rep, step.questions, f"steps[{i}].questions", step.id, sources)
        for j, rec in enumerate(step.records):
            rep.known(rec.checklist, model.checklists, f"steps[{i}].records[{j}].checklist")
        rep.unique([rec.id for rec in step.records], f"steps[{i}].records")
    cp = model.checkpoint
    rep.known(cp.after_step, steps, "checkpoint.after_step")
    rep.known(cp.source, sources, "checkpoint.source")
    _questions(rep, cp.questions, "checkpoint.questions", "checkpoint", sources)
    rep.exact([d.id for d in cp.decisions], r.DECISION_IDS, "checkpoint.decisions")
    jd = model.judgement
    rep.known(jd.source, sources, "judgement.source")
    _questions(rep, jd.questions, "judgement.questions", "judgement", sources)
    rep.exact([v.id for v in jd.verdicts], r.VERDICT_IDS, "judgement.verdicts")
    rep.unique([q.id for q in model.all_questions()], "questions")
    rep.exact([p.id for p in model.perspectives], r.PERSPECTIVE_IDS, "perspectives")
    rep.exact([c.id for c in model.certainty], r.CERTAINTY_IDS, "certainty")
    rep.exact([k.id for k in model.kinds], r.KIND_IDS, "kinds")
    rep.exact([str(v) for v in sorted(model.scale)], [str(v) for v in r.SCALE_VALUES], "scale")
    rep.unique([m.id for m in model.municipalities], "municipalities")
    for key in r.CHECKLIST_IDS:
        if key not in model.checklists:
            rep.add("models.checklist_missing", "checklists", code=key)
    for key, checklist in model.checklists.items():
        rep.unique([item.id for item in checklist.items], f"checklists.{key}.items")
        rep.known(checklist.source, sources, f"checklists.{key}.source")
    _check_goals(rep, model, sources)
    return rep.problems


def _check_goals(rep: _Report, model: r.RusModel, sources: set[str]) -> None:
    ids = [g.id for g in model.rus_goals]
    rep.unique(ids, "rus_goals")
    parents = {g.id: g.parent for g in model.rus_goals}
    for i, goal in enumerate(model.rus_goals):
        rep.known(goal.parent, ids, f"rus_goals[{i}].parent")
        rep.known(goal.source, sources, f"rus_goals[{i}].source")
        # Walk up the tree; a goal reached twice means a cycle (a parent chain that never ends).
        seen = {goal.id}
        parent = goal.parent
        while parent is not None and parent in parents:
            if parent in seen:
                rep.add("models.goal_cycle", f"rus_goals[{i}].parent", code=goal.id)
                break
            seen.add(parent)
            parent = parents[parent]


def check_tyrens(model: ty.TyrensModel, file: str) -> list[Problem]:
    rep = _Report(file, "tyrens")
    sources = {s.id for s in model.sources}
    rep.unique([s.id for s in model.sources], "sources")
    _refs(rep, model.sources)
    origins = [o.id for o in model.origins]
    stages = [s.id for s in model.stages]
    types = [c.id for c in model.conflict_types]
    methods = [m.id for m in model.methods]
    rep.exact(origins, ty.ORIGIN_IDS, "origins")
    rep.exact(stages, ty.STAGE_IDS, "stages")
    rep.unique(types, "conflict_types")
    rep.unique(methods, "methods")
    for i, entry in enumerate(model.origins):
        rep.known(entry.source, sources, f"origins[{i}].source")
    for i, stage in enumerate(model.stages):
        rep.known(stage.source, sources, f"stages[{i}].source")
        rep.known(stage.next, stages, f"stages[{i}].next")
        _questions(rep, stage.questions, f"stages[{i}].questions", stage.id, sources)
    rep.unique([q.id for q in model.all_questions()], "questions")
    for i, ct in enumerate(model.conflict_types):
        rep.known(ct.source, sources, f"conflict_types[{i}].source")
    for i, method in enumerate(model.methods):
        rep.known(method.source, sources, f"methods[{i}].source")
        for field, values, known in (
            ("fits_types", method.fits_types, types),
            ("fits_origins", method.fits_origins, origins),
            ("fits_stages", method.fits_stages, stages),
        ):
            for j, value in enumerate(values):
                rep.known(value, known, f"methods[{i}].{field}[{j}]")
    return rep.problems
