"""The legal and policy frame around an assessment: DNSH screening, the Sami consultation duty,
and ratings that contradict each other across frameworks (SDG, environmental objectives, DNSH, and
a step-2 framework goal that is the same as a RUS goal of step 1, such as the smart-specialisation
strength areas).

These are completeness and consistency *notes*, not load errors: an assessment in progress may
leave a reason blank. The UI, the PDF and the screening show them; each consistency note comes
with a drafted reason the user can edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assessment.domain.assessment import Assessment
from assessment.domain.refs import signed
from assessment.errors import Problem
from assessment.knowledge.frameworks import Framework, frameworks
from assessment.process_models import rus_model

DNSH_FRAMEWORK = "eu_dnsh"
CLIMATE_OBJECTIVE = "climate_mitigation"
MILJOMAL = "miljokvalitetsmal"
CLIMATE_MILJOMAL = "begransad_klimatpaverkan"
# SDG 13 and its emission target: the refs a climate-mitigation claim is compared with.
CLIMATE_SDG_REFS = ("sdg:13", "13.2")
# The steps (ids of the RUS model's steps) whose ratings the consistency checks compare.
StepId = Literal["rus", "sustainability"]


def dnsh_framework() -> Framework:
    return frameworks()[DNSH_FRAMEWORK]


def dnsh_gaps(assessment: Assessment) -> list[Problem]:
    """Answers without the mandatory reason (objectives not yet answered are not gaps)."""
    required = set(dnsh_framework().reason_required_for)
    return [
        Problem(
            "frame.dnsh_reason_required", {"answer": item.answer, "code": objective}, path=f"dnsh.{objective}"
        )
        for objective, item in assessment.dnsh.items()
        if item.answer is not None and item.answer in required and not item.reason.strip()
    ]


def consultation_notes(assessment: Assessment) -> list[Problem]:
    """What the record says about the consultation duty (lag 2022:66), as notes to show."""
    record = assessment.sami_consultation
    notes = [Problem(f"frame.consultation_status_{record.status}", {}, path="sami_consultation")]
    if record.significant in ("yes", "no") and not record.reason.strip():
        notes.append(Problem("frame.consultation_reason_required", {}, path="sami_consultation.reason"))
    if record.land_use:
        notes.append(Problem("frame.land_use_hint", {}, path="sami_consultation.land_use"))
    return notes


@dataclass(frozen=True)
class Inconsistency:
    """Two ratings that say opposite things, the refs involved and a reason text to start from."""

    message: Problem
    draft: Problem
    refs: tuple[str, ...]

    @property
    def steps(self) -> frozenset[StepId]:
        """The steps where the contradicting ratings are made: RUS goals in step 1 ("rus"), SDG,
        framework goals and DNSH in step 2 ("sustainability"). Each of them shows the note."""
        return frozenset("rus" if ref.startswith("rus:") else "sustainability" for ref in self.refs)


def consistency_checks(assessment: Assessment, step: StepId | None = None) -> list[Inconsistency]:
    """Contradictions between the SDG ratings, the environmental objectives, the DNSH screening and
    the RUS goals; with ``step``, only those with a rating made in that step."""
    found = _all_checks(assessment)
    return found if step is None else [item for item in found if step in item.steps]


def _all_checks(assessment: Assessment) -> list[Inconsistency]:
    found: list[Inconsistency] = []
    sdg = {r.ref: r.impact for r in assessment.sdg if r.impact is not None}
    other = {(o.framework, o.goal): o.impact for o in assessment.other_goals if o.impact is not None}
    climate = assessment.dnsh.get(CLIMATE_OBJECTIVE)
    for ref in CLIMATE_SDG_REFS:
        impact = sdg.get(ref)
        if impact is None:
            continue
        params = {"sdg": ref.replace("sdg:", "SDG "), "impact": signed(impact)}
        # A strongly negative climate rating contradicts "no significant harm" to mitigation.
        if impact <= -2 and climate is not None and climate.answer == "no_significant_harm":
            found.append(
                Inconsistency(
                    Problem("frame.consistency_climate_dnsh", params, path=f"dnsh.{CLIMATE_OBJECTIVE}"),
                    Problem("frame.consistency_climate_dnsh_draft", params),
                    (ref, f"dnsh:{CLIMATE_OBJECTIVE}"),
                )
            )
        miljomal = other.get((MILJOMAL, CLIMATE_MILJOMAL))
        # The same climate effect with opposite signs in two frameworks.
        if miljomal is not None and miljomal * impact < 0:
            pair = {"impact_a": signed(miljomal), "impact_b": signed(impact), "sdg": params["sdg"]}
            found.append(
                Inconsistency(
                    Problem("frame.consistency_miljomal_sdg", pair, path="other_goals"),
                    Problem("frame.consistency_miljomal_sdg_draft", pair),
                    (ref, f"other:{MILJOMAL}:{CLIMATE_MILJOMAL}"),
                )
            )
    # "Significant harm" to climate mitigation next to a positive climate rating.
    if climate is not None and climate.answer == "significant_harm":
        objective = dnsh_framework().goals[CLIMATE_OBJECTIVE].title  # filled in the message's language
        for ref, impact in [(r, sdg[r]) for r in CLIMATE_SDG_REFS if sdg.get(r, 0) > 0]:
            harm = {"objective": objective, "other": ref.replace("sdg:", "SDG "), "impact": signed(impact)}
            found.append(
                Inconsistency(
                    Problem("frame.consistency_dnsh_harm_positive", harm, path=f"dnsh.{CLIMATE_OBJECTIVE}"),
                    Problem("frame.consistency_dnsh_harm_positive_draft", harm),
                    (ref, f"dnsh:{CLIMATE_OBJECTIVE}"),
                )
            )
    found += _same_goal_checks(assessment)
    return found


def same_as_rus() -> dict[tuple[str, str], str]:
    """(framework, goal) -> RUS goal id, for framework goals that are a goal of the RUS model.

    A link to a goal the loaded RUS model does not have (a region's own model without it) is no
    link: the shipped data's links are held to the shipped model by a test."""
    known = {g.id for g in rus_model().rus_goals}
    return {
        (fw.id, goal.id): rus_id
        for fw in frameworks().values()
        for goal in fw.goals.values()
        if goal.same_as is not None and (rus_id := goal.same_as.removeprefix("rus:")) in known
    }


def _same_goal_checks(assessment: Assessment) -> list[Inconsistency]:
    """The same goal rated with opposite signs in step 1 (RUS) and step 2 (another framework)."""
    links = same_as_rus()
    rus = {r.goal: r.impact for r in assessment.rus if r.impact is not None}
    found: list[Inconsistency] = []
    for other in assessment.other_goals:
        rus_id = links.get((other.framework, other.goal))
        if rus_id is None or other.impact is None or rus_id not in rus:
            continue
        if other.impact * rus[rus_id] >= 0:
            continue
        goal = frameworks()[other.framework].goals[other.goal]
        params: dict[str, object] = {
            "goal": goal.title,
            "framework": frameworks()[other.framework].title,
            "impact_rus": signed(rus[rus_id]),
            "impact_other": signed(other.impact),
        }
        found.append(
            Inconsistency(
                Problem("frame.consistency_same_goal", params, path="other_goals"),
                Problem("frame.consistency_same_goal_draft", params),
                (f"rus:{rus_id}", other.ref),
            )
        )
    return found
