"""Draft the sustainability part of the decision motivation (beslutsmotivering) from the call's
templates. Always marked as a draft: the officer edits it and makes the judgement.
"""

from __future__ import annotations

from functools import lru_cache

from assessment.i18n import normalise_lang, t
from assessment.screening.calls import CallProfile
from assessment.screening.fields import Dimension
from assessment.screening.screen import ScreeningResult, dimension_text, goal_text, join_texts, ref_text

# At most this many conflicts are named in the draft; the output file lists them all.
MAX_CONFLICTS_NAMED = 3


@lru_cache(maxsize=4096)
def _goals(goals: tuple[int, ...], lang: str) -> str:
    return join_texts([goal_text(g) for g in goals]).get(lang)


@lru_cache(maxsize=64)
def _dimensions(dims: tuple[Dimension, ...], lang: str) -> str:
    return join_texts([dimension_text(d) for d in dims]).get(lang)


@lru_cache(maxsize=4096)
def _conflict(source: str, target: str, lang: str) -> str:
    return t("screening.motivation_conflict", lang, source=ref_text(source).get(lang),
             target=ref_text(target).get(lang))


def draft_motivation(result: ScreeningResult, call: CallProfile, lang: str = "sv") -> str:
    lang = normalise_lang(lang)
    app = result.application
    tpl = call.motivation
    positive_goals = sorted({c.goal for c in app.claims if c.impact > 0})
    params: dict[str, object] = {
        "id": app.id,
        "title": app.title,
        "applicant": app.applicant,
        "call": call.name.get(lang),
        "support_type": call.support_label(app.support_type, lang),
        "municipality": app.municipality,
        "goals": _goals(tuple(positive_goals), lang),
        "missing_goals": _goals(result.goals_missing, lang),
        "dimensions": _dimensions(result.dimensions_described, lang),
        "missing_dimensions": _dimensions(result.dimensions_missing, lang),
        "conflicts": "; ".join(
            _conflict(h.source, h.target, lang) for h in result.latent[:MAX_CONFLICTS_NAMED]
        ),
        "questions": " ".join(q.text.get(lang) for q in result.questions_open),
        "count": len(result.questions_open),
    }

    def part(template: str) -> str:
        return template.format(**params)

    sentences = [part(tpl.intro.get(lang))]
    if positive_goals:
        sentences.append(part(tpl.goals_addressed.get(lang)))
    if result.goals_missing and len(result.goals_addressed) < call.goals_needed:
        sentences.append(part(tpl.goals_missing.get(lang)))
    if result.dimensions_described:
        sentences.append(part(tpl.dimensions_described.get(lang)))
    if result.dimensions_missing:
        sentences.append(part(tpl.dimensions_missing.get(lang)))
    if app.claims:
        key = tpl.negatives_considered if result.negatives_considered else tpl.negatives_missing
        sentences.append(part(key.get(lang)))
    if result.latent:
        sentences.append(part(tpl.conflicts.get(lang)))
    if result.questions_open:
        sentences.append(part(tpl.questions_open.get(lang)))
    sentences.append(part(tpl.closing.get(lang)))
    return f"{t('screening.draft_marker', lang)}\n" + " ".join(sentences)
