"""Synthetic assessments for the report benchmark, demos and tests.

`stress_assessment` is the load the issue names: all 17 goals and 40 targets rated, 40 actors,
60 measures, 10 conflicts, with Swedish and Sami letters in the texts.
"""

from __future__ import annotations

import datetime as dt

from assessment.domain.assessment import Assessment

_TARGETS = [
    "1.4",
    "2.3",
    "2.4",
    "3.4",
    "3.6",
    "3.9",
    "4.3",
    "4.4",
    "4.7",
    "5.5",
    "5.a",
    "6.3",
    "6.4",
    "6.6",
    "7.1",
    "7.2",
    "7.3",
    "8.2",
    "8.3",
    "8.5",
    "8.9",
    "9.1",
    "9.4",
    "9.c",
    "10.2",
    "11.2",
    "11.4",
    "11.a",
    "12.2",
    "12.5",
    "12.b",
    "13.1",
    "13.2",
    "14.1",
    "15.1",
    "15.5",
    "16.7",
    "17.14",
    "17.17",
    "9.5",
]
_SAMI = "Bïevnesh, čeavrris, đuolbbas, ŋuolggas, šaldi, ŧuolbma, žiehta (ï æ ø å ä ö)"


def stress_assessment() -> Assessment:
    """The benchmark load: 17 goals + 40 targets, 40 actors, 60 measures, 10 conflicts."""
    sdg: list[dict[str, object]] = [
        {"goal": g, "impact": (g % 7) - 3, "direct": g % 3 != 0, "comment": f"Mål {g}: {_SAMI}"}
        for g in range(1, 18)
    ]
    sdg += [
        {
            "target": code,
            "impact": (i % 7) - 3 or 1,
            "direct": i % 2 == 0,
            "certainty": ("low", "medium", "high")[i % 3],
            "comment": f"Delmål {code} – motivering med å, ä, ö och {_SAMI}. " * 2,
        }
        for i, code in enumerate(_TARGETS)
    ]
    actors = [
        {
            "name": f"Aktör {i} – Sameby {i}" if i % 5 == 0 else f"Aktör {i} AB",
            "role": ("affects", "affected", "both")[i % 3],
            "influence": i % 5 + 1,
            "interest": (i * 3) % 5 + 1,
            "present": i % 4 != 0,
            "groups": ["näringsliv"] if i % 2 else ["samer", "unga"],
            "comment": f"Kommentar om aktör {i}: {_SAMI}",
        }
        for i in range(1, 41)
    ]
    conflicts = [
        {
            "id": f"k{i}",
            "between": ["sdg:8", "sdg:13"] if i % 2 else ["9.1", "15.1", "rus:p3"],
            "description": f"Konflikt {i}: fler besökare mot fossilfritt 2030. {_SAMI}",
            "type": "between_goals",
            "origin": "reactive" if i % 2 else "proactive",
            "stage": ("identify", "characterise", "choose_method", "decide", "follow_up")[i % 5],
            "characterisation": "Sakfråga, attityd och beteende.",
            "method": "dialogue",
            "decision": f"Beslut {i}",
            "position": f"Vi accepterar ökat resande om {i} villkor uppfylls.",
            "follow_up": {"due": "2027-06-30", "plan": "Uppföljning i RUS-forum.", "worked": "partly"},
            "weighing": {
                "criteria": [{"name": "Klimat", "weight": 3}, {"name": "Jobb", "weight": 2}],
                "options": [
                    {"name": "A", "scores": {"Klimat": 3, "Jobb": 8}},
                    {"name": "B", "scores": {"Klimat": 7, "Jobb": 5}},
                ],
            },
        }
        for i in range(1, 11)
    ]
    refs = ["sdg:13", "8.9", "k1", "rus:p3", "15.5", "actor:Aktör 4 AB"]
    measures = [
        {
            "id": f"a{i}",
            "text": f"Åtgärd {i}: minimera negativ påverkan på biologisk mångfald. {_SAMI}",
            "addresses": [refs[i % len(refs)], f"k{i % 10 + 1}"],
            "owner": f"Enhet {i % 6}",
            "due": f"2027-{i % 12 + 1:02d}-15",
            "indicator": f"Indikator {i}: andel i procent",
            "status": ("planned", "in_progress", "done")[i % 3],
        }
        for i in range(1, 61)
    ]
    return Assessment.model_validate(
        {
            "title": "Stresstest: landbaserad fiskodling (RAS) i Jämtland – Čearru ŋ đ ŧ",
            "kind": "project",
            "organisation": "Region Jämtland Härjedalen",
            "municipalities": ["Krokom", "Östersund", "Åre", "Härjedalen"],
            "date": dt.date(2026, 11, 26),
            "participants": [f"Deltagare {i}" for i in range(1, 13)],
            "description": "Stresstest av rapporten. " + _SAMI,
            "answers": {
                "rus.q1": "Ja, i linje med prioritering 2. " + _SAMI,
                "sustainability.q1": "Mål 8, 9, 13, 15. " * 20,
            },
            "rus": [
                {"goal": g, "impact": v, "comment": f"RUS {g}"}
                for g, v in (("p1", 2), ("p2", 3), ("p3", -1), ("v_sami", -2), ("s3_land", 1))
            ],
            "sdg": sdg,
            "actors": actors,
            "checklists": {
                "missing_actors": {
                    "sami_villages": {"checked": True, "comment": "Bjøørnen"},
                    "youth": {"checked": True},
                }
            },
            "conflicts": conflicts,
            "measures": measures,
            "positions": [
                {
                    "id": f"p{i}",
                    "step": ("rus", "sustainability", "actors", "measures")[i % 4],
                    "text": f"Ställningstagande {i}",
                    "refs": ["sdg:13"],
                }
                for i in range(8)
            ],
            "judgement": {"verdict": "proceed_with_measures", "text": "Gå vidare med åtgärder."},
        }
    )
