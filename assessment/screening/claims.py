"""Parse the applicant's SDG claims cell: ``"9:+2: motivation; 7.2:+1: motivation; 15:-1"``.

Claims are separated by semicolons or line breaks; each is a goal (1–17) or target code, a colon,
an impact −3..+3, and optionally a colon and the applicant's motivation. A piece that is not a
claim and does not look like one continues the previous claim's motivation, so a semicolon in a
motivation loses nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assessment.screening.model import Claim
from assessment.screening.sdg_codes import target_codes

_SPLIT = re.compile(r"[;\n\r]+")
_CLAIM = re.compile(
    r"^\s*(?:sdg\s*:?\s*|mål\s*)?(?P<code>\d{1,2}(?:\.[0-9a-z]{1,2})?)\s*:\s*"
    r"(?P<impact>[+\-−–]?\s*\d+)\s*(?::\s*(?P<text>.*))?$",
    re.IGNORECASE | re.DOTALL,
)


# Something that was meant as a claim (a short code, a colon, a number) but is not a valid one.
_LOOKS_LIKE_CLAIM = re.compile(r"^\s*[^\s:]{1,8}(?:\s+[^\s:]{1,8})?\s*:\s*[+\-−–]?\s*\d")


@dataclass(frozen=True, slots=True)
class ClaimProblem:
    key: str
    params: dict[str, object]


def parse_claims(cell: str) -> tuple[tuple[Claim, ...], list[ClaimProblem]]:
    """All claims in ``cell`` and a problem for each piece that is not a valid claim."""
    claims: list[Claim] = []
    problems: list[ClaimProblem] = []
    seen: set[str] = set()
    targets = target_codes()
    for piece in _SPLIT.split(cell):
        piece = piece.strip()
        if not piece:
            continue
        match = _CLAIM.match(piece)
        if match is None:
            if claims and not _LOOKS_LIKE_CLAIM.match(piece):
                # A semicolon inside a motivation: the piece continues the previous claim's text.
                last = claims[-1]
                claims[-1] = Claim(last.goal, last.target, last.impact, f"{last.text}; {piece}".lstrip("; "))
                continue
            problems.append(ClaimProblem("screening.err_claim_syntax", {"got": _short(piece)}))
            continue
        code = match.group("code").lower()
        impact_text = match.group("impact").replace(" ", "").replace("−", "-").replace("–", "-")
        impact = int(impact_text)
        goal_text, _, sub = code.partition(".")
        goal = int(goal_text)
        if not 1 <= goal <= 17 or (sub and code not in targets):
            problems.append(ClaimProblem("screening.err_claim_code", {"code": code}))
            continue
        if not -3 <= impact <= 3:
            problems.append(ClaimProblem("screening.err_claim_impact", {"code": code, "got": impact}))
            continue
        target = code if sub else None
        claim = Claim(goal=goal, target=target, impact=impact, text=(match.group("text") or "").strip())
        if claim.ref in seen:
            problems.append(ClaimProblem("screening.err_claim_duplicate", {"code": code}))
            continue
        seen.add(claim.ref)
        claims.append(claim)
    return tuple(claims), problems


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"
