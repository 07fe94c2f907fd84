"""Builders shared by the screening tests (no tests here)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import openpyxl

from assessment.i18n.text import LocalText
from assessment.screening.calls import CallProfile, builtin_calls
from assessment.screening.latent import Edge, EdgeInteractions

HEADER = [
    "id",
    "applicant",
    "support_type",
    "municipality",
    "amount",
    "title",
    "description",
    "sdg_claims",
    "ecological",
    "social",
    "economic",
    "negative_impacts",
    "target_groups",
    "equality",
    "sami_considerations",
]

LONG = "Beskrivning som är tillräckligt lång för att räknas som besvarad av kontrollen här."


def good_row(app_id: str = "A1", **overrides: str) -> dict[str, str]:
    row = {
        "id": app_id,
        "applicant": "Kälarne Handel AB",
        "support_type": "projekt",
        "municipality": "Bräcke",
        "amount": "250000",
        "title": "Laddstation och butik",
        "description": "Investering i laddning.",
        "sdg_claims": (
            "5:+1: Rekrytering som gör att fler kvinnor kan arbeta i butiken; "
            "7.2:+2: Solceller och laddning för bygdens elbilar; "
            "9:+1: Digital kassalösning som stärker butikens ekonomi; "
            "15:-1: Parkeringen tar en del av en skogsbacke i anspråk"
        ),
        "ecological": LONG,
        "social": LONG,
        "economic": LONG,
        "negative_impacts": "Parkeringen tar mark; vi planterar ny skog.",
        "target_groups": "Boende, särskilt äldre utan bil och unga.",
        "equality": "Flexibla scheman så att både kvinnor och män kan arbeta här.",
        "sami_considerations": "Inget renbete berörs; ärendet bedöms inte få särskild betydelse för samerna.",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: Sequence[dict[str, str]], header: Sequence[str] = HEADER, sep: str = ";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_cells(row: dict[str, str], header: Sequence[str] = HEADER) -> list[object]:
    return [row.get(h, "") for h in header]


def eruf() -> CallProfile:
    return builtin_calls()["eruf_project"]


def edges_lookup(*edges: tuple[str, str, int]) -> EdgeInteractions:
    """Interactions over hand-made edges, so flag tests do not depend on the shipped table."""
    return EdgeInteractions(
        Edge(
            s,
            t,
            score,
            LocalText(sv=f"{s} motverkar {t}.", en=f"{s} counteracts {t}."),
            LocalText(sv="testkälla", en="test source"),
        )
        for s, t, score in edges
    )


NO_EDGES: EdgeInteractions = edges_lookup()
