"""`python -m assessment models`: validate and list the process models."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assessment.cli.help import Help
from assessment.errors import Problem, ValidationFailed
from assessment.i18n import t
from assessment.process_models import (
    RusModel,
    TyrensModel,
    load_rus_model,
    load_tyrens_model,
    models_dir,
)
from assessment.process_models.loader import RUS_FILE, TYRENS_FILE


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], h: Help) -> None:
    parser = h.command(sub, "models", "models")
    parser.add_argument("--dir", type=Path, default=None, help=h("models_dir"))
    parser.add_argument("--json-schema", choices=["rus", "tyrens"], default=None, help=h("models_schema"))
    parser.set_defaults(func=run)


def describe(directory: Path, lang: str) -> list[str]:
    """Both models as printable lines; `ValidationFailed` lists every problem of both files."""
    problems: list[Problem] = []
    try:
        rus = load_rus_model(directory / RUS_FILE)
    except ValidationFailed as err:
        problems += err.problems
    try:
        tyrens = load_tyrens_model(directory / TYRENS_FILE)
    except ValidationFailed as err:
        problems += err.problems
    if problems:
        raise ValidationFailed(problems)
    lines = [f"{rus.title.get(lang)} ({rus.id} {rus.version}) — {directory / RUS_FILE}"]
    lines.append(f"  {t('models.cli_steps', lang)}:")
    for step in rus.steps:
        count = t("models.cli_questions", lang, count=len(step.questions))
        lines.append(f"    {step.number}. {step.title.get(lang)} [{step.id}] — {count}")
        if step.id == rus.checkpoint.after_step:
            title = rus.checkpoint.title.get(lang)
            lines.append(f"       ↳ {title} ({', '.join(d.id for d in rus.checkpoint.decisions)})")
    verdicts = ", ".join(v.id for v in rus.judgement.verdicts)
    lines.append(f"    ⇒ {rus.judgement.title.get(lang)} ({verdicts})")
    lines.append(f"  {t('models.cli_goals', lang, count=len(rus.current_goals()))}")
    checklists = ", ".join(f"{key} ({len(c.items)})" for key, c in rus.checklists.items())
    lines.append(f"  {t('models.cli_checklists', lang)}: {checklists}")
    lines.append("")
    header = f"{tyrens.title.get(lang)} ({tyrens.id} {tyrens.version})"
    lines.append(f"{header} — {directory / TYRENS_FILE}")
    entries = ", ".join(o.title.get(lang) for o in tyrens.origins)
    lines.append(f"  {t('models.cli_entries', lang)}: {entries}")
    lines.append(f"  {t('models.cli_stages', lang)}:")
    for stage in tyrens.stages:
        lines.append(f"    {stage.number}. {stage.title.get(lang)} [{stage.id}]")
    types = ", ".join(c.id for c in tyrens.conflict_types)
    lines.append(f"  {t('models.cli_types', lang)}: {types}")
    methods = ", ".join(m.id for m in tyrens.methods)
    lines.append(f"  {t('models.cli_methods', lang)}: {methods}")
    lines.append("")
    lines.append(t("models.cli_ok", lang))
    return lines


def run(args: argparse.Namespace) -> int:
    if args.json_schema is not None:
        schema = (RusModel if args.json_schema == "rus" else TyrensModel).model_json_schema()
        print(json.dumps(schema, ensure_ascii=False, indent=2))
        return 0
    directory: Path = args.dir if args.dir is not None else models_dir()
    print("\n".join(describe(directory, args.lang)))
    return 0
