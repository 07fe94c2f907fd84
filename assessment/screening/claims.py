"""Parse the applicant's SDG claims cell: ``"9:+2: motivation; 7.2:+1: motivation; 15:-1"``.

Claims are separated by semicolons or line breaks. The template's form is a goal (1–17) or target
code, a colon, an impact −3..+3 and optionally a colon and the motivation; applicants also write
``9: +2 – motivering``, ``9 (+2): text``, ``9:+2 motivering``, ``Mål 9 – Hållbar industri (+2)
genom …`` and ``SDG 9: +2``, which are read the same way. A piece that is not a claim and does
not look like one continues the previous claim's motivation, so a semicolon in a motivation loses
nothing.

A piece that was meant as a claim but cannot be read is reported on its own and the other claims
are kept: the application is screened, not rejected. That includes goals listed without an impact
("5, 7, 9, 12"), an unknown goal or target ("18", "7.9") and a sign lost to the file's encoding:
Swedish Excel's "CSV (semikolonavgränsad)" writes cp1252, which has no U+2212 minus, so a minus
pasted from a PDF becomes ``?`` (``15:?1``); guessing either sign would be wrong, so it is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assessment.domain.refs import CODE_SHAPE, GOAL_SHAPE, canonical_sdg, goal_number, is_goal
from assessment.screening.model import Claim

_SPLIT = re.compile(r"[;\n\r]+")
_PREFIX = r"(?:(?:mål|sdg|goal|globala\s+mål(?:et)?)\s*(?:nr\.?\s*)?)?"
_CODE = rf"(?P<code>{CODE_SHAPE})"
_SIGNED = r"[+\-−–]\s*\d+|\d+"
_CLAIM = re.compile(
    rf"^\s*{_PREFIX}{_CODE}"
    r"(?:"
    rf"\s*:\s*(?P<i1>{_SIGNED})(?![\d.])"  # 9:+2 / 9 : + 2 / 9:2
    rf"|\s+(?P<i2>[+\-−–]\s*\d+)(?![\d.])"  # 9 +2 (a sign is required without a colon)
    rf"|\s*\(\s*(?P<i3>{_SIGNED})\s*\)"  # 9 (+2)
    rf"|\s*[:\-–—]?\s*(?P<name>[^():;\d]{{2,80}}?)\s*\(\s*(?P<i4>{_SIGNED})\s*\)"  # Mål 9 – Namn (+2)
    r")"
    r"\s*(?:[:\-–—,.]\s*)?(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# Meant as a claim: a goal prefix and a number, or a code followed by ":", "(" or a sign.
_LOOKS_LIKE_CLAIM = re.compile(
    rf"^\s*(?:(?:mål|sdg|goal)\s*\d|{CODE_SHAPE}\s*(?:[:(]|[+\-−–]\s*\d|\?\s*\d)"
    r"|[^\s:]{1,8}(?:\s+[^\s:]{1,8})?\s*:\s*[+\-−–?]?\s*\d)",
    re.IGNORECASE,
)
_LOST_SIGN = re.compile(rf"^\s*{_PREFIX}{_CODE}\s*:?\s*\?\s*(?P<digit>\d)", re.IGNORECASE)
_GOAL_LIST = re.compile(
    rf"^\s*(?:(?:mål|sdg|goal|globala\s+mål)\s*:?\s*)?{GOAL_SHAPE}(?:\s*(?:,|och|and|&|/|\+)\s*{GOAL_SHAPE})*\s*\.?\s*$",
    re.IGNORECASE,
)
_NUMBERS = re.compile(GOAL_SHAPE)


@dataclass(frozen=True, slots=True)
class ClaimProblem:
    key: str
    params: dict[str, object]


def _impact(text: str) -> int:
    return int(text.replace(" ", "").replace("−", "-").replace("–", "-"))


def _problem_for(piece: str) -> ClaimProblem:
    """Why a piece meant as a claim cannot be read."""
    lost = _LOST_SIGN.match(piece)
    if lost:
        return ClaimProblem(
            "screening.err_claim_sign_lost", {"got": _short(piece), "code": lost.group("code")}
        )
    if _GOAL_LIST.match(piece):
        goals = ", ".join(_NUMBERS.findall(piece))
        return ClaimProblem("screening.err_claim_no_impact", {"got": _short(piece), "goals": goals})
    return ClaimProblem("screening.err_claim_syntax", {"got": _short(piece)})


def parse_claims(cell: str) -> tuple[tuple[Claim, ...], list[ClaimProblem]]:
    """All claims in ``cell`` and a problem for each piece that is not a valid claim."""
    claims: list[Claim] = []
    problems: list[ClaimProblem] = []
    seen: set[str] = set()
    for piece in _SPLIT.split(cell):
        piece = piece.strip()
        if not piece:
            continue
        match = _CLAIM.match(piece)
        if match is None:
            if claims and not _LOOKS_LIKE_CLAIM.match(piece) and not _GOAL_LIST.match(piece):
                # A semicolon inside a motivation: the piece continues the previous claim's text.
                last = claims[-1]
                claims[-1] = Claim(last.goal, last.target, last.impact, f"{last.text}; {piece}".lstrip("; "))
                continue
            problems.append(_problem_for(piece))
            continue
        code = match.group("code").lower()
        impact = _impact(next(g for g in (match.group(k) for k in ("i1", "i2", "i3", "i4")) if g))
        ref = canonical_sdg(code)
        if ref is None:
            problems.append(ClaimProblem("screening.err_claim_code", {"code": code}))
            continue
        if not -3 <= impact <= 3:
            problems.append(ClaimProblem("screening.err_claim_impact", {"code": code, "got": impact}))
            continue
        target = None if is_goal(ref) else ref
        claim = Claim(
            goal=goal_number(ref), target=target, impact=impact, text=(match.group("text") or "").strip()
        )
        if claim.ref in seen:
            problems.append(ClaimProblem("screening.err_claim_duplicate", {"code": code}))
            continue
        seen.add(claim.ref)
        claims.append(claim)
    return tuple(claims), problems


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"
