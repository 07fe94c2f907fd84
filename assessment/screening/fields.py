"""The columns of the application import template: what each holds and how it is checked.

One list drives the import (header matching, per-cell checks), the downloadable template, the
template documentation and the call-profile schema (a battery question names one of these fields).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assessment.i18n.text import LocalText

Kind = Literal["id", "text", "amount", "municipality", "support_type", "claims"]
Dimension = Literal["ecological", "social", "economic"]
DIMENSIONS: tuple[Dimension, ...] = ("ecological", "social", "economic")

# Far above any real application text (the domain caps a text at 1 MB); keeps one pasted file
# from blowing up memory, the output file and the UI.
MAX_TEXT_CHARS = 1_000_000
MAX_SHORT_CHARS = 500


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    required: bool
    label: LocalText
    help: LocalText
    example: str
    max_chars: int = MAX_TEXT_CHARS


def _f(
    name: str,
    kind: Kind,
    required: bool,
    sv: str,
    en: str,
    help_sv: str,
    help_en: str,
    example: str,
    max_chars: int = MAX_TEXT_CHARS,
) -> FieldSpec:
    return FieldSpec(
        name,
        kind,
        required,
        LocalText(sv=sv, en=en),
        LocalText(sv=help_sv, en=help_en),
        example,
        max_chars,
    )


FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "id",
        "id",
        True,
        "Ärende-id",
        "Case id",
        "Unikt id för ansökan i filen, t.ex. ärende-id.",
        "Unique id of the application in the file.",
        "2024-0117",
        MAX_SHORT_CHARS,
    ),
    _f(
        "applicant",
        "text",
        True,
        "Sökande",
        "Applicant",
        "Sökande organisation eller företag.",
        "Applying organisation or company.",
        "Kälarne Handel AB",
        MAX_SHORT_CHARS,
    ),
    _f(
        "support_type",
        "support_type",
        True,
        "Stödform",
        "Support type",
        "Stödformens id eller namn enligt erbjudandet (t.ex. företagsstöd).",
        "Support type id or name as listed in the call (e.g. business_investment).",
        "investeringsstöd",
        MAX_SHORT_CHARS,
    ),
    _f(
        "municipality",
        "municipality",
        True,
        "Kommun",
        "Municipality",
        'En av länets kommuner, en ort i länet (t.ex. Järpen) eller "Hela länet".',
        "One of the county's municipalities, a locality in the county (e.g. Järpen) "
        'or "Hela länet" (whole county).',
        "Bräcke",
        MAX_SHORT_CHARS,
    ),
    _f(
        "amount",
        "amount",
        True,
        "Sökt belopp (kr)",
        "Amount applied for (SEK)",
        "Belopp i kronor, t.ex. 250000, 250 000, 850 tkr eller 1,2 mnkr.",
        "Amount in SEK, e.g. 250000, 250 000, 850 tkr or 1,2 mnkr.",
        "250000",
        MAX_SHORT_CHARS,
    ),
    _f(
        "title",
        "text",
        True,
        "Titel",
        "Title",
        "Projektets eller investeringens namn.",
        "Name of the project or investment.",
        "Ny drivmedelsstation i Kälarne",
        MAX_SHORT_CHARS,
    ),
    _f(
        "description",
        "text",
        False,
        "Beskrivning",
        "Description",
        "Kort beskrivning av vad stödet ska användas till.",
        "Short description of the use of the support.",
        "Investering i en obemannad station med HVO och el-laddning.",
        MAX_TEXT_CHARS,
    ),
    _f(
        "sdg_claims",
        "claims",
        False,
        "Bidrag till globala mål",
        "SDG claims",
        "Mål eller delmål med bedömd påverkan −3..+3 och en motivering, skilda med semikolon: "
        '"9:+2: motivering; 7.2:+1: motivering; 15:-1: motivering".',
        "Goals or targets with the claimed impact −3..+3 and a motivation, separated by semicolons: "
        '"9:+2: motivation; 7.2:+1: motivation; 15:-1: motivation".',
        "11:+2: Säkrar drivmedel för bygden; 7.2:+1: HVO och laddning; 13:-1: Fossil bensin säljs",
    ),
    _f(
        "ecological",
        "text",
        False,
        "Ekologisk hållbarhet",
        "Ecological sustainability",
        "Hur påverkas klimat, natur och resurser?",
        "How are climate, nature and resources affected?",
        "Laddning och HVO minskar utsläppen från bygdens fordon.",
    ),
    _f(
        "social",
        "text",
        False,
        "Social hållbarhet",
        "Social sustainability",
        "Hur påverkas människor, jämställdhet, inkludering och tillgänglighet?",
        "How are people, gender equality, inclusion and access affected?",
        "Boende slipper 60 km omväg för att tanka.",
    ),
    _f(
        "economic",
        "text",
        False,
        "Ekonomisk hållbarhet",
        "Economic sustainability",
        "Hur påverkas företagets och bygdens ekonomi på sikt?",
        "How are the company's and the area's economy affected in the long run?",
        "Stationen ger butiken fler kunder och två deltidsjobb.",
    ),
    _f(
        "negative_impacts",
        "text",
        False,
        "Negativ påverkan och hantering",
        "Negative impacts and handling",
        "Vilken negativ påverkan kan uppstå och hur hanteras den?",
        "What negative impacts could arise, and how are they handled?",
        "Fossil bensin säljs fortfarande; andelen förnybart följs upp årligen.",
    ),
    _f(
        "target_groups",
        "text",
        False,
        "Målgrupper",
        "Target groups",
        "Vilka berörs eller gynnas (kön, ålder, bakgrund, geografi)?",
        "Who is affected or benefits (gender, age, background, geography)?",
        "Boende och besökare i Kälarne, särskilt äldre utan egen laddmöjlighet.",
    ),
    _f(
        "equality",
        "text",
        False,
        "Jämställdhet och inkludering",
        "Gender equality and inclusion",
        "Hur bidrar insatsen till jämställdhet, mångfald och inkludering?",
        "How does the initiative contribute to gender equality, diversity and inclusion?",
        "Öppettider och rekrytering anpassas så att både kvinnor och män kan arbeta.",
    ),
    _f(
        "sami_considerations",
        "text",
        False,
        "Samiska perspektiv",
        "Sami perspectives",
        "Berörs samiska intressen, t.ex. renskötsel eller mark? Hur har samerna involverats?",
        "Are Sami interests (e.g. reindeer husbandry, land) affected? How were Sami involved?",
        "Ingen ny mark tas i anspråk; ärendet bedöms inte få särskild betydelse för samerna.",
    ),
)

FIELD_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)
# Free-text fields a battery question can point at (the answer is "present" when filled in).
TEXT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "text" and not f.required)
ANSWER_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "sdg_claims", "title")
