"""The PDF report: every section's content, Sami letters, hostile input, metadata, determinism.

The PDFs are read back (text: tests/support/pdf.py; structure: pypdf), so these tests check what a
reader actually gets.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from functools import cache

import pypdf
import pytest

from assessment.domain.assessment import Assessment
from assessment.knowledge import sdg_catalog
from assessment.process_models import rus_model, tyrens_model
from assessment.report import build_pdf, build_story_pdf, data_table, heading, para, styles
from assessment.report.tables import Column
from tests.support.pdf import flat_text, page_texts

SAMI = "ŋ đ č š ŧ ž ï æ ø"
# ~100 KB of numbered sentences: each one must survive, so "nothing lost" is checkable.
BIG_LINES = 4000
BIG = " ".join(f"Rad{i:05d} å{SAMI}." for i in range(BIG_LINES))
LONG_WORD = "Q" * 5000
HOSTILE = "<b>fet</b> & <para> <i>ostängd \"citat\" 'apos' </font> &amp; &#0;"


def full_assessment(**overrides: object) -> Assessment:
    data: dict[str, object] = {
        "title": f"Landbaserad fiskodling i Krokom – {SAMI}",
        "kind": "project",
        "organisation": "Region Jämtland Härjedalen",
        "municipalities": ["Krokom", "Östersund"],
        "date": "2026-11-20",
        "participants": ["Anna Ŋuolggas", "Erik Čuđe"],
        "tags": ["RAS", "vatten"],
        "description": "Etablering av en RAS-anläggning nära Storsjön.",
        "sources": ["Förstudie RAS 2025"],
        "answers": {
            "rus.q1": "Ja, i linje med prioritering 2 (Jord, skog och vatten).",
            "sustainability.q1": "Mål 6, 8, 14 och 15 berörs.",
            "actors.q1": "Samebyn berörs av markanvändningen.",
            "measures.q1": "Åtgärder för vattenrening tas fram.",
            "decide.q1": "Vi väger jobb mot vattenkvalitet.",
            "legacy.question": "Svar på en fråga som modellen inte längre har.",
        },
        "rus": [
            {"goal": "p2", "impact": 2, "comment": "Stärker styrkeområdet Jord, skog och vatten."},
            {"goal": "v_sami", "impact": -1, "comment": "Risk för renbetesmark."},
        ],
        "checkpoint": {
            "answers": {"checkpoint.in_line": {"answer": "yes", "comment": "Tydlig koppling."}},
            "decision": "continue",
            "reasons": "Gå vidare men samråd med samebyn.",
        },
        "sdg": [
            {"goal": 8, "impact": 2, "comment": "Nya jobb på landsbygden."},
            {
                "target": "6.3",
                "impact": -2,
                "direct": False,
                "certainty": "low",
                "comment": "Utsläpp av näring till vattendrag.",
            },
            {"target": "14.1", "impact": -1, "comment": "Kväve till Storsjön."},
        ],
        "perspectives": {
            "individ": "Unga får jobb.",
            "geografi": "Inlandet stärks.",
            "samhalle": "Ökad skattebas.",
        },
        "other_goals": [
            {
                "framework": "miljokvalitetsmal",
                "goal": "ingen_overgodning",
                "impact": -1,
                "comment": "Risk för övergödning.",
            }
        ],
        "actors": [
            {
                "name": "Jijnjevaerie sameby",
                "role": "affected",
                "influence": 3,
                "interest": 5,
                "present": False,
                "groups": ["samer"],
                "comment": "Renbete i området.",
            },
            {"name": "Krokoms kommun", "role": "affects", "influence": 5, "interest": 4, "present": True},
        ],
        "checklists": {
            "intersectional": {"sami": {"checked": True, "comment": "Samiska näringar beaktas."}},
            "missing_actors": {"sami_villages": {"checked": True, "comment": "Bjørnen sameby bjuds in."}},
        },
        "conflicts": [
            {
                "id": "k1",
                "between": ["sdg:8", "6.3"],
                "description": "Jobb och tillväxt mot vattenkvalitet.",
                "type": "between_goals",
                "origin": "reactive",
                "stage": "decide",
                "characterisation": "Sakfråga om utsläpp.",
                "method": "dialogue",
                "decision": "Tillstånd med villkor om rening.",
                "position": "Vi accepterar etableringen om reningen når BAT-nivå.",
                "follow_up": {
                    "due": "2027-06-30",
                    "plan": "Årlig provtagning.",
                    "outcome": "Ej utfört ännu.",
                },
                "stage_notes": {"identify": "Upptäcktes vid samråd."},
                "weighing": {
                    "criteria": [{"name": "Klimat", "weight": 2}],
                    "options": [{"name": "Alternativ Ä", "scores": {"Klimat": 7}}],
                },
            }
        ],
        "measures": [
            {
                "id": "a1",
                "text": "Bygg reningsverk för processvattnet.",
                "addresses": ["6.3", "k1"],
                "owner": "Miljöenheten",
                "due": "2027-03-01",
                "indicator": "Fosfor i mg/l",
                "status": "in_progress",
            }
        ],
        "interactions": [
            {"from": "8.2", "to": "6.3", "score": -2, "note": "Mer produktion ger mer utsläpp."}
        ],
        "positions": [
            {"id": "s1", "step": "rus", "text": "Samråd med samebyn före beslut.", "refs": ["rus:v_sami"]}
        ],
        "judgement": {"verdict": "proceed_with_measures", "text": "Gå vidare med åtgärderna."},
    }
    data.update(overrides)
    return Assessment.model_validate(data)


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """All text, whitespace collapsed (line breaks fall wherever the layout puts them)."""
    return flat_text(pdf)


def squeezed(pdf: bytes) -> str:
    return re.sub(r"\s+", "", text_of(pdf))


@cache
def sv_pdf() -> bytes:
    return build_pdf(full_assessment(), invariant=True)


@cache
def hostile_pdf() -> bytes:
    hostile = full_assessment(
        title=f"Fientlig {HOSTILE}",
        answers={"rus.q1": BIG, "rus.q2": f"Före {LONG_WORD} efter", "rus.q3": HOSTILE},
        description=HOSTILE,
        actors=[{"name": f"Aktör {HOSTILE}", "comment": BIG}],
        measures=[{"id": "a<1>", "text": LONG_WORD, "owner": HOSTILE, "indicator": BIG[:5000]}],
        conflicts=[{"id": "k&1", "between": ["sdg:8", "sdg:13"], "description": BIG, "decision": HOSTILE}],
        positions=[{"id": "p1", "step": "measures", "text": HOSTILE}],
    )
    return build_pdf(hostile, invariant=True)


def test_cover_shows_the_assessment_facts_and_a_summary() -> None:
    text = text_of(sv_pdf())
    for expected in (
        "Landbaserad fiskodling i Krokom",
        "Region Jämtland Härjedalen",
        "Krokom, Östersund",
        "20 november 2026",  # the date as Swedish prose, not ISO
        "Anna Ŋuolggas",
        "Erik Čuđe",
        "Huvudresultat",
        "Bedömda RUS-mål: 2",
        # The analysis' tally, in the words the app and the CLI use.
        "Målkonflikter: 1 direkt målkonflikt i bedömningen; 1 registrerad målkonflikt",
        "Hantering: 3 av 7 frågor hanterade",
        rus_model().title.sv,
        tyrens_model().title.sv,
    ):
        assert expected in text, expected


def test_summary_page_has_figures_rus_alignment_profile_and_judgement() -> None:
    text = text_of(sv_pdf())
    for expected in (
        "Sammanfattning",
        "1 direkt målkonflikt i bedömningen",
        "1 registrerad målkonflikt (1 med beslut)",
        "4 ej hanterade frågor",
        "hanterade frågor (1 åtgärd)",
        "RUS-förankring i korthet",
        "Påverkansprofil för Agenda 2030",
        "Samlad bedömning",
        "Gå vidare med åtgärderna.",
        "Om bedömningen",
        "Etablering av en RAS",
    ):
        assert expected in text, expected
    # The profile chart names every goal.
    first_page_with_profile = next(text for text in page_texts(sv_pdf()) if "Påverkansprofil" in text)
    assert "Ingen fattigdom" in first_page_with_profile
    assert "Genomförande och globalt partnerskap" in " ".join(first_page_with_profile.split())


def test_one_section_per_step_with_all_answers_ratings_and_positions() -> None:
    text = text_of(sv_pdf())
    for step in rus_model().steps:
        assert f"Steg {step.number}: {step.title.sv}" in text
    for expected in (
        "Ja, i linje med prioritering 2",
        "Stärker styrkeområdet",
        "Risk för renbetesmark.",
        "+2 Positiv",
        "Tydlig koppling.",
        "Gå vidare men samråd med samebyn.",
        "Nya jobb på landsbygden.",
        "Utsläpp av näring till vattendrag.",
        "Indirekt",
        "Unga får jobb.",
        "Inlandet stärks.",
        "Ökad skattebas.",
        "Risk för övergödning.",
        "Samiska näringar beaktas.",
        "Mer produktion ger mer utsläpp.",
        "Samråd med samebyn före beslut.",
        # answers the model does not know are still printed
        "Svar på en fråga som modellen inte längre har.",
    ):
        assert expected in text, expected


def test_actors_table_grid_and_missing_groups() -> None:
    text = text_of(sv_pdf())
    missing_label = rus_model().checklists["missing_actors"].item("sami_villages")
    assert missing_label is not None
    for expected in (
        "Jijnjevaerie sameby",
        "Krokoms kommun",
        "Renbete i området.",
        "Inflytande och intresse",
        "Samverka nära",
        "Håll informerade",
        missing_label.label.sv,
        "Bjørnen sameby bjuds in.",
        "Aktörer som inte var med: Jijnjevaerie sameby",
    ):
        assert expected in text, expected


def test_measures_table() -> None:
    text = text_of(sv_pdf())
    for expected in (
        "Bygg reningsverk för processvattnet.",
        "Miljöenheten",
        "2027-03-01",
        "Fosfor i mg/l",
        "Pågår",
    ):
        assert expected in text, expected


def test_conflicts_with_tyrens_fields() -> None:
    text = text_of(sv_pdf())
    model = tyrens_model()
    stage, method = model.stage("decide"), model.method("dialogue")
    ctype, entry = model.conflict_type("between_goals"), model.entry("reactive")
    assert stage and method and ctype and entry
    for expected in (
        "Jobb och tillväxt mot vattenkvalitet.",
        ctype.title.sv,
        entry.title.sv,
        stage.title.sv,
        method.title.sv,
        "Tillstånd med villkor om rening.",
        "Vi accepterar etableringen om reningen når BAT-nivå.",
        "2027-06-30",
        "Årlig provtagning.",
        "Upptäcktes vid samråd.",
        "Alternativ Ä",
        "Vi väger jobb mot vattenkvalitet.",
    ):
        assert expected in text, expected


def test_interaction_graph_and_findings_with_sources() -> None:
    text = text_of(sv_pdf())
    for expected in (
        "Samspel mellan de globala målen",
        "synergi (+)",
        "Direkta konflikter",
        "Latenta konflikter",
        "Andra ordningens effekter",
        "Synergier",
        "Ej hanterade frågor",
        "Förklaring",
        "Källa",
    ):
        assert expected in text, expected
    assert (
        "mål 8 (Anständiga arbetsvillkor och ekonomisk tillväxt) ↔ delmål 6.3 (Förbättra vattenkvaliteten)"
        in text
    )


def test_appendix_questions_scales_sources_and_versions() -> None:
    text = text_of(sv_pdf())
    rus = rus_model()
    for expected in (
        "Bilaga",
        rus.steps[0].questions[0].text.sv,
        "Starkt negativ",
        "Odelbar",
        "Kunskapskällor",
        rus.sources[0].title.split("—")[0].strip(),
        "Förstudie RAS 2025",
        "sdg_data",
        f"{rus.id} {rus.version}",
        "A/RES/70/1",
    ):
        assert " ".join(expected.split()) in text, expected
    # The knowledge base's works as citations, and how many Swedish target texts are the published
    # wording; not the data files' English provenance notes.
    status = Counter(target.sv_status for target in sdg_catalog().targets.values())
    assert (
        f"regeringen.se: {status['verified']}; den publicerade översättningen" in text
        and f"inte kontrollerad: {status['unverified']}." in text
    )
    assert "Regeringskansliet (2015). Att förändra vår värld" in text
    assert "Short titles" not in text and "this project's own" not in text
    # Questions are numbered per step ("2.1"), never listed by the model's internal ids.
    second = rus.steps[1].questions[0].text.sv
    assert f"2.1 {' '.join(second.split())}" in text
    internal = {q.id for step in rus.steps for q in step.questions}
    assert not [i for i in internal if i in text]


def test_sami_letters_survive_and_only_the_embedded_font_is_used() -> None:
    pdf = sv_pdf()
    assert SAMI in text_of(pdf)
    fonts: set[str] = set()
    for page in read(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts, "no fonts found"
    # Subset-embedded DejaVu only: a standard font (Helvetica…) would box the Sami letters.
    assert all("DejaVuSans" in name for name in fonts), fonts


def test_metadata_language_outline_and_page_numbers() -> None:
    reader = read(sv_pdf())
    assert reader.metadata is not None
    assert reader.metadata.title == full_assessment().title
    assert reader.metadata.author == "Region Jämtland Härjedalen"
    assert str(reader.trailer["/Root"]["/Lang"]) == "sv-SE"
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item["/Title"]))  # type: ignore[index]

    walk(reader.outline)
    for expected in (
        "Sammanfattning",
        "Steg 1: RUS-säkra",
        "Målkonflikter",
        "Aktörer",
        "Åtgärder",
        "Bilaga: modell, skalor och källor",
    ):
        assert expected in titles, expected
    # Bookmarks point at the page where their section starts.
    first = reader.outline[0]
    assert reader.get_destination_page_number(first) == 1  # type: ignore[arg-type]
    pages = len(reader.pages)
    assert f"Sida 2 av {pages}" in reader.pages[1].extract_text()
    assert f"Sida {pages} av {pages}" in reader.pages[-1].extract_text()
    assert 6 <= pages <= 30


def test_english_when_the_assessment_is_in_english() -> None:
    pdf = build_pdf(full_assessment(language="en"), invariant=True)
    text = text_of(pdf)
    for expected in (
        "Summary",
        "Step 1: RUS assurance",
        "Goal conflicts",
        "Main findings",
        "Page 2 of",
        "No poverty",
        "20 November 2026",  # the assessment's date on the cover, in English
    ):
        assert expected in text, expected
    assert "Sammanfattning" not in text
    flat = "".join(text.split())
    assert "01/03/2027" in flat and "2027-03-01" not in flat  # a due date in a table, British order
    assert "2027-03-01" in "".join(text_of(sv_pdf()).split())  # Swedish short dates are ISO
    assert str(read(pdf).trailer["/Root"]["/Lang"]) == "en-GB"
    # An explicit language wins over the assessment's.
    assert "Sammanfattning" in text_of(build_pdf(full_assessment(language="en"), "sv"))


def test_invariant_output_is_identical_across_runs() -> None:
    assessment = full_assessment()
    assert build_pdf(assessment, invariant=True) == build_pdf(assessment, invariant=True)


def test_hostile_text_is_shown_literally() -> None:
    text = text_of(hostile_pdf())
    assert "Fientlig <b>fet</b> & <para> <i>ostängd \"citat\" 'apos' </font> &amp;" in text
    assert "Aktör <b>fet</b>" in text


def test_hundred_kilobyte_comments_lose_nothing() -> None:
    text = text_of(hostile_pdf())
    # BIG is printed three times: as an answer, as an actor comment (clipped cell + note) and
    # as a conflict description (clipped cell + note); every numbered sentence must be there.
    found = re.findall(r"Rad(\d{5}) å", text)
    counts: dict[str, int] = {}
    for number in found:
        counts[number] = counts.get(number, 0) + 1
    assert len(counts) == BIG_LINES
    assert all(count >= 3 for count in counts.values())
    assert text.count(SAMI) >= 3 * BIG_LINES


def test_very_long_words_are_broken_not_lost() -> None:
    flat = squeezed(hostile_pdf())
    # The word is broken over lines and possibly a page (whose header and footer then sit in
    # between); every letter must be there, in order.
    start = flat.index("FöreQ")
    end = flat.index("efter", start)
    between = flat[start + len("Före") : end]
    assert between.count("Q") == len(LONG_WORD)
    assert between.strip("Q") == "" or "Sida" in between
    # In the measures table the cell is clipped and the whole word printed in the note below.
    assert flat.count("Q") >= 2 * len(LONG_WORD)


def test_hostile_report_page_count_is_sane() -> None:
    pages = len(read(hostile_pdf()).pages)
    # ~300 KB of text needs many pages, but not one per line.
    assert 40 <= pages <= 250


def test_an_almost_empty_assessment_still_gives_a_complete_report() -> None:
    pdf = build_pdf(Assessment(title="Bara en titel"), invariant=True)
    text = text_of(pdf)
    for expected in (
        "Bara en titel",
        "Inga RUS-mål har bedömts.",
        "Inga målkonflikter",
        "Inga åtgärder har förts in.",
        "Inga aktörer har förts in.",
        "Bilaga",
    ):
        assert expected in text, expected
    assert len(read(pdf).pages) <= 15


def test_building_blocks_make_a_pdf_for_other_areas() -> None:
    rows = [[f"id{i}", f"rad {i} <b>"] for i in range(120)]
    story = [
        heading("Screening ŧ", 0),
        para("Text & <b>", styles().body),
        *data_table([Column("Id", 1), Column("Titel", 4)], rows, "sv"),
    ]
    pdf = build_story_pdf("Screeningsammanfattning", story, "sv", True)
    reader = read(pdf)
    assert len(reader.pages) >= 2
    second = reader.pages[1].extract_text()
    assert "Id" in second.split()[:40], "table header repeats on the next page"
    assert "rad 119 <b>" in text_of(pdf)
    assert str(reader.outline[0]["/Title"]) == "Screening ŧ"  # type: ignore[index]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_report_message_exists_in_both_languages(lang: str) -> None:
    from assessment.i18n import catalogue

    keys = [k for k in catalogue() if k.startswith("report.")]
    assert len(keys) > 100
    assert all(catalogue()[k][lang].strip() for k in keys)


def test_the_creation_date_is_printed_except_in_invariant_mode() -> None:
    import datetime as dt

    months = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    today = dt.date.today()
    first_page = read(build_pdf(Assessment(title="Datum"))).pages[0].extract_text()
    expected = f"Rapporten skapad {today.day} {months[today.month - 1]} {today.year}"
    assert expected in " ".join(first_page.split())
    invariant_first = read(build_pdf(Assessment(title="Datum"), invariant=True)).pages[0]
    assert "Rapporten skapad" not in invariant_first.extract_text()


def test_unknown_codes_and_ids_are_printed_as_written() -> None:
    odd = full_assessment(
        rus=[{"goal": "okänt_mål", "impact": 1, "comment": "Gammalt id."}],
        sdg=[{"goal": 42, "impact": -1, "comment": "Inget sådant mål."}, {"target": "99.z", "impact": 2}],
        conflicts=[
            {
                "id": "k9",
                "between": [],
                "type": "ny_typ",
                "stage": "okänt_steg",
                "method": "egen_metod",
                "origin": "proactive",
            }
        ],
        measures=[{"id": "m9", "addresses": ["finns:inte", "actor:Ingen"]}],
        checklists={"missing_actors": {"okänd_grupp": {"checked": True}}},
        positions=[{"id": "p9", "step": "okänt_steg", "text": "Position utan steg."}],
    )
    text = text_of(build_pdf(odd, invariant=True))
    for expected in (
        "okänt_mål",
        "Gammalt id.",
        "Inget sådant mål.",
        "99.z",
        "ny_typ",
        "okänt_steg",
        "egen_metod",
        "finns:inte",
        "okänd_grupp",
        "Position utan steg.",
    ):
        assert expected in text, expected


@pytest.mark.parametrize(("actors", "listed"), [(41, 41), (45, 40)])
def test_the_grid_legend_lists_forty_actors_then_points_to_the_table(actors: int, listed: int) -> None:
    """Beside the power/interest grid the legend numbers the actors; from 42 actors it stops after
    the 40th with a pointer to the actors table, which still has every actor."""
    people = [
        {"name": f"Aktör{n:02d}", "influence": 1 + n % 5, "interest": 1 + n % 3} for n in range(1, actors + 1)
    ]
    text = text_of(build_pdf(full_assessment(actors=people), invariant=True))
    numbered = {int(n) for n in re.findall(r"\b(\d+)\. Aktör\d\d\b", text)}
    assert numbered == set(range(1, listed + 1))
    assert ("… se tabellen ovan." in text) is (listed < actors)
    assert all(f"Aktör{n:02d}" in text for n in range(1, actors + 1))
