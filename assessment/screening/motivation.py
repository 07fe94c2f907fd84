"""The draft decision paragraph (beslutsmotivering) and the officer's notes, kept apart.

The *draft* is text an officer can paste into a decision: written in decision style from the
call's templates ("Projektet bedöms bidra till mål 7 (…). Av ansökan framgår: oljepannan fasas
ut helt (mål 7)."), and grounded only in what the application itself substantiates:

- a goal is named only for a positive claim with a real motivation (not "Bra", not
  "Ej relevant"), and the motivation is the applicant's own words;
- a dimension is named only when its text is a real description;
- negative impacts are named only when the applicant declares them, and their handling only
  when the text describes it — never for "Ingen negativ påverkan bedöms uppstå.";
- nothing the screening found missing or contradictory is stated; uniform maximal claims
  (+3 on every goal) are not repeated as a judgement.

The *notes* are for the officer: every flag's reason, the hints not dismissed and what could not
be checked. They are never part of the draft.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from assessment.domain.refs import ref_label
from assessment.i18n import normalise_lang, t
from assessment.screening.answers import answers
from assessment.screening.calls import CallProfile
from assessment.screening.fields import FIELD_BY_NAME, Dimension
from assessment.screening.flags import problem_text
from assessment.screening.model import Claim
from assessment.screening.screen import ScreeningResult, join_texts, ref_text

# At most this many goals are named with their evidence; the output file lists every claim.
MAX_EVIDENCE = 4
MAX_QUOTE_CHARS = 220
_TRAILING = " .;,:!"


def quote(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """The applicant's words fit into a sentence: one line, no trailing full stop, cut at a word
    beyond ``limit``. The case is kept: lower-casing would misspell names ("Kälarne")."""
    text = " ".join(text.split()).rstrip(_TRAILING)
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = cut.rstrip(_TRAILING) + " …"
    return text


@lru_cache(maxsize=64)
def _dimensions(dims: tuple[Dimension, ...], lang: str) -> str:
    from assessment.i18n.text import LocalText

    return join_texts(
        [LocalText(sv=t(f"screening.dimdef_{d}", "sv"), en=t(f"screening.dimdef_{d}", "en")) for d in dims]
    ).get(lang)


def _code(ref: str, lang: str) -> str:
    return ref_label(ref, lang, titled=False)


@lru_cache(maxsize=8192)
def _refs(refs: tuple[str, ...], lang: str) -> str:
    return join_texts([ref_text(r) for r in refs]).get(lang)


class Drafter:
    """Drafts decision paragraphs and notes for one call in one language."""

    def __init__(self, call: CallProfile, lang: str = "sv") -> None:
        self.lang = lang = normalise_lang(lang)
        self.call = call
        self.templates = {name: text.get(lang) for name, text in call.motivation}
        self.call_name = call.name.get(lang)
        self.support = {s.id: s.label.get(lang) for s in call.support_types}
        self.answers = answers()

    def _motivated(self, claim: Claim) -> bool:
        return self.answers.substantive(claim.text, self.call.claim_min_chars)

    def contributions(self, result: ScreeningResult) -> list[Claim]:
        """Positive claims the application substantiates, strongest first (the draft's goals)."""
        if any(f.code == "claims_uniform" for f in result.flags):
            return []
        found = [c for c in result.application.claims if c.impact > 0 and self._motivated(c)]
        return sorted(found, key=lambda c: (-c.impact, c.goal, c.target or ""))[:MAX_EVIDENCE]

    def draft(self, result: ScreeningResult) -> str:
        lang = self.lang
        app = result.application
        tpl = self.templates
        base: dict[str, object] = {
            "id": app.id,
            "title": app.title,
            "applicant": app.applicant,
            "call": self.call_name,
            "support_type": self.support.get(app.support_type, app.support_type),
            "municipality": app.municipality,
        }
        sentences: list[str] = []
        # Only the call's (validated) templates are formatted; user text is a value, never a format.
        contributions = self.contributions(result)
        if contributions:
            goals = _refs(tuple(c.ref for c in contributions), lang)
            sentences.append(tpl["contribution"].format(**base, goals=goals))
            evidence = "; ".join(f"{quote(c.text)} ({_code(c.ref, lang)})" for c in contributions)
            sentences.append(tpl["evidence"].format(**base, evidence=evidence))
        if result.dimensions_described:
            dims = _dimensions(result.dimensions_described, lang)
            sentences.append(tpl["dimensions"].format(**base, dimensions=dims))
        negatives = [c for c in app.claims if c.impact < 0]
        if negatives:
            names = _refs(tuple(c.ref for c in negatives), lang)
            sentences.append(tpl["negatives"].format(**base, negative_goals=names))
            described = [c for c in negatives if self._motivated(c)]
            if described:
                evidence = "; ".join(f"{quote(c.text)} ({_code(c.ref, lang)})" for c in described)
                sentences.append(tpl["evidence"].format(**base, evidence=evidence))
        handling = app.text("negative_impacts")
        if (
            handling
            and not result.negatives_denied
            and not self.answers.is_denial(handling)
            and self.answers.substantive(handling, self.call.claim_min_chars)
        ):
            sentences.append(tpl["handling"].format(**base, handling=quote(handling, 300)))
        if not sentences:
            sentences.append(tpl["nothing"].format(**base))
        return " ".join(sentences)

    def notes(self, result: ScreeningResult, dismissed: Collection[str] = ()) -> str:
        """What the officer should check: the flags, the open hints, what was not checked."""
        lang = self.lang
        lines = [f"– {f.reason(lang)}" for f in result.flags]
        hints = [h for h in result.hints if h.key not in dismissed]
        if hints:
            lines.append(t("screening.notes_hints", lang))
            lines += [f"– {h.reason(lang)}" for h in hints]
        if result.unchecked:
            names = ", ".join(
                FIELD_BY_NAME[f].label.get(lang) for f in result.unchecked if f in FIELD_BY_NAME
            )
            lines.append(t("screening.notes_unchecked", lang, fields=names))
        for note in result.application.notes:
            lines.append(f"– {problem_text(note, lang)}")
        return "\n".join(lines)


def draft_motivation(result: ScreeningResult, call: CallProfile, lang: str = "sv") -> str:
    """The draft decision paragraph of one application (see `Drafter` for many)."""
    return Drafter(call, lang).draft(result)
