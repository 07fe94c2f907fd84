"""An application as a full RUS-säkring assessment ("open in full"), prefilled with its claims."""

from __future__ import annotations

from pathlib import Path

from assessment.domain.assessment import MAX_TEXT, Assessment, Kind, SdgRating
from assessment.i18n import normalise_lang, t
from assessment.screening.calls import CallProfile
from assessment.screening.fields import FIELD_BY_NAME
from assessment.screening.model import Application
from assessment.screening.places import places

_DESCRIBED = (
    "ecological",
    "social",
    "economic",
    "negative_impacts",
    "target_groups",
    "equality",
    "sami_considerations",
)


def to_assessment(app: Application, call: CallProfile, source_file: str = "", lang: str = "sv") -> Assessment:
    """A new assessment of kind ``application``: title, applicant, municipality, the applicant's
    SDG claims as step-2 ratings (their motivations as comments) and every text in the description.
    Nothing from the screening's own judgement is copied in: the workshop makes its own."""
    lang = normalise_lang(lang)
    parts = [app.description] if app.description else []
    for name in _DESCRIBED:
        if text := app.text(name):
            parts.append(f"{FIELD_BY_NAME[name].label.get(lang)}: {text}")
    description = "\n\n".join(parts)[:MAX_TEXT]
    ratings = [
        SdgRating(goal=c.goal if c.target is None else None, target=c.target, impact=c.impact, comment=c.text)
        for c in app.claims
    ]
    source = t(
        "screening.convert_source",
        lang,
        file=Path(source_file).name or "-",
        row=app.row,
        call=call.name.get(lang),
    )
    return Assessment(
        title=app.title,
        kind=Kind.application,
        organisation=app.applicant,
        municipalities=[] if app.municipality == places().county_wide else [app.municipality],
        language=lang,
        tags=[call.id, app.support_type],
        description=description,
        sources=[source],
        sdg=ratings,
    )
