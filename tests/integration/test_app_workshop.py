"""The Streamlit app driven through AppTest: a whole workshop on every page, moving back and forth,
switching language, and a reload (a new session on the same store) that finds every answer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment
from assessment.domain.completion import STEPS, step_status
from assessment.fileio import load_assessment
from assessment.storage import open_store
from assessment.ui.components import icons
from assessment.ui.components.text import md

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
HOSTILE = "Fiskodling <b>&amp;</b> <script>x</script> ŋ đ č ŧ ï"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def new_session() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert_clean(at)
    return at


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def k(at: AppTest, *parts: object) -> str:
    """The widget key of the current assessment generation (see `assessment.ui.state.wkey`)."""
    return f"w{at.session_state['_gen']}:" + ":".join(str(p) for p in parts)


def sidebar_widget(widgets: Any, prefix: str) -> Any:
    """The sidebar widget whose key starts with ``prefix`` (keys follow their labels)."""
    found = [w for w in widgets if str(w.key).startswith(prefix)]
    assert len(found) == 1, [w.key for w in widgets]
    return found[0]


# Names a user reads on step 1 (the RUS model's titles).
RUS_GOAL = "Utvecklingskraft med stärkt lokal och regional konkurrenskraft"
P1 = "Förutsättningar för utvecklingskraft i hela länet"
P1_EN = "Conditions for development capacity throughout the county"


def _in_page_order(node: Any) -> Iterator[Any]:
    children = getattr(node, "children", None)
    if not isinstance(children, dict):
        return
    for _, child in sorted(children.items()):
        yield child
        yield from _in_page_order(child)


def _shown(node: Any) -> str:
    """What a user reads on an element: a text's words, a control's or a section's label."""
    texts = node.type in ("markdown", "caption", "title", "header", "subheader")
    text = getattr(node, "value", None) if texts else getattr(node, "label", None)
    if node.type == "markdown" and str(text).startswith("<style>"):
        return ""
    return plain(text or "").replace("**", "").removeprefix("↳ ").strip()


def after(at: AppTest, text: str, widgets: Any, label: str) -> Any:
    """The first control labelled ``label`` after the one place on the page that starts with
    ``text`` (a goal's or target's name, a checklist line): how a user finds the scale of the row
    they read, where every row's scale has the same label."""
    nodes = list(_in_page_order(at.main))
    starts = [n for n, node in enumerate(nodes) if _shown(node).startswith(text)]
    assert len(starts) == 1, (text, [_shown(nodes[n])[:60] for n in starts])
    wanted = {id(w) for w in widgets if plain(w.label) == label}
    found = next((node for node in nodes[starts[0] + 1 :] if id(node) in wanted), None)
    assert found is not None, (text, label)
    return found


def starting(widgets: Any, prefix: str) -> Any:
    """The only widget whose label starts with ``prefix`` (a question with a long label)."""
    found = [w for w in widgets if plain(w.label).startswith(prefix)]
    assert len(found) == 1, [plain(w.label) for w in widgets]
    return found[0]


def tile(at: AppTest, goal: int) -> Any:
    """The step-2 tile of SDG ``goal`` (its label starts with the goal's number in bold)."""
    return starting(at.button, f"**{goal}** ")


def goto(at: AppTest, page: str) -> None:
    sidebar_widget(at.sidebar.radio, "nav:").set_value(page).run()
    assert_clean(at)
    assert at.session_state["nav_page"] == page


def nav_value(at: AppTest) -> str:
    return str(sidebar_widget(at.sidebar.radio, "nav:").value)


def set_lang(at: AppTest, lang: str) -> None:
    sidebar_widget(at.sidebar.radio, "lang:").set_value(lang).run()
    assert_clean(at)


def current(at: AppTest) -> Assessment:
    assessment = at.session_state["_assessment"]
    assert isinstance(assessment, Assessment)
    return assessment


def stored(at: AppTest) -> Assessment:
    store = open_store()
    return store.get(store.local_user(), at.session_state["_assessment_id"]).assessment


def create(at: AppTest, title: str = HOSTILE) -> None:
    """The start page's form, found by its labels as a user reads them."""
    labelled(at.text_input, "Titel").input(title)
    labelled(at.selectbox, "Typ av underlag").select("project")
    labelled(at.multiselect, "Kommuner").select("Krokom").select("Åre")
    labelled(at.text_area, "Deltagare").input("Anna\nBengt")
    submit(at, "Skapa och börja med steg 1")


def fill_step1(at: AppTest) -> None:
    goto(at, "rus")
    # Each RUS row's controls follow its name, as a user reads the page.
    after(at, P1, at.segmented_control, "Påverkan").set_value(2).run()
    after(at, RUS_GOAL, at.segmented_control, "Påverkan").set_value(-1).run()
    after(at, P1, at.text_area, "Kommentar").input("Jobb i inlandet").run()
    labelled(
        at.text_area, "Går den tänkta prioriteringen i linje med den regionala utvecklingsstrategin?"
    ).input("Ja, i linje med prioritering 1").run()
    labelled(at.multiselect, "Mellan").set_value(["rus:p1", "rus:p3"])
    labelled(at.text_input, "Vad består konflikten i?").input("Tillväxt mot klimatmål")
    submit = [b for b in at.button if b.label == "Markera målkonflikt"]
    submit[0].click().run()
    labelled(at.text_area, "Nytt ställningstagande").input("Vi accepterar fler transporter")
    labelled(at.multiselect, "Gäller").set_value(["rus:p1"])
    next(b for b in at.button if b.label == "Lägg till ställningstagande").click().run()
    labelled(at.segmented_control, "Är insatsen i linje med RUS?").set_value("yes").run()
    labelled(at.segmented_control, "Beslut vid hållplatsen").set_value("continue").run()
    labelled(at.text_area, "Skäl").input("Konflikterna går att hantera").run()
    assert_clean(at)


def fill_step2(at: AppTest) -> None:
    goto(at, "sdg")
    tile(at, 8).click().run()
    # The open goal's panel: its scale follows its heading.
    after(at, "8 · Anständiga arbetsvillkor", at.segmented_control, "Påverkan").set_value(2).run()
    labelled(at.segmented_control, "Säkerhet").set_value("high").run()
    labelled(at.segmented_control, "Direkt eller indirekt").set_value("indirect").run()
    labelled(at.text_area, "Kommentar").input("Nya arbetstillfällen").run()
    # The live warning offers SDG 13 with one click.
    warnings = [m.value for m in at.markdown if "mål 13" in m.value and "motverka" in m.value]
    assert warnings, "rating SDG 8 +2 must warn about SDG 13"
    assess_13 = [b for b in at.button if b.label == "Bedöm mål 13"]
    assess_13[0].click().run()
    assert at.session_state["sdg_focus"] == 13
    after(at, "13 · Bekämpa klimatförändringarna", at.segmented_control, "Påverkan").set_value(-2).run()
    # "Not in our case": the group overrides a generic warning; it disappears at once.
    not_here = [b for b in at.button if str(b.key).startswith("nothere:")]
    assert not_here
    ref = r"((?:sdg:)?\d+(?:\.\w+)?)"
    parsed = re.fullmatch(rf"nothere:\d+:{ref}:{ref}", str(not_here[0].key))
    assert parsed is not None
    source, target = parsed.groups()
    not_here[0].click().run()
    assert_clean(at)
    assert any(i.source == source and i.to == target and i.score == 0 for i in current(at).interactions)
    assert not [
        b
        for b in at.button
        if str(b.key).endswith(f"{source}:{target}") and str(b.key).startswith("nothere:")
    ]
    # AppTest applies no cell edits (Dataframe.set_value raises): a table's edits can only be
    # handed to it as its edit state under its key. The key is read from the table on the page
    # (the interaction table: the one with a from, a to and a score column), not rebuilt.
    (table,) = [t for t in at.data_editor if {"from", "to", "score"} <= set(t.value.columns)]
    assert table.key, "the interaction table has a key"
    at.session_state[table.key] = {
        "edited_rows": {},
        "added_rows": [{"from": "sdg:9", "to": "sdg:13", "score": -1, "note": "Vägbygge"}],
        "deleted_rows": [],
    }
    at.run()
    assert_clean(at)
    after(at, "13.2", at.segmented_control, "Påverkan").set_value(-1).run()  # a target's row
    labelled(at.selectbox, "Målramverk").select("miljokvalitetsmal").run()  # its goals appear
    labelled(at.button, "Lägg till").click().run()
    assert [g.ref for g in current(at).other_goals] == ["other:miljokvalitetsmal:generationsmalet"]
    after(at, "Generationsmålet", at.segmented_control, "Påverkan").set_value(-1).run()
    starting(at.text_area, "Geografi — ").input("Inlandet gynnas").run()
    labelled(at.checkbox, "Samer").check().run()
    after(at, "Samer", at.text_input, "Hur?").input("Renbete berörs").run()
    assert_clean(at)


def fill_step3(at: AppTest) -> None:
    goto(at, "actors")
    # Actors as cards: the add form (Enter in the name submits it), then edits on each card.
    submit(at, "Lägg till aktör")  # no name: said, nothing saved
    assert any("Skriv aktörens namn först" in str(w.value) for w in at.warning)
    assert current(at).actors == []
    for name, role, influence, interest, present in (
        ("Krokoms kommun", "affects", 4, 5, True),
        ("Sameby <b>Jijnjevaerie</b>", "affected", 2, 5, False),
    ):
        # The add form comes after the cards: the last field of each label is its.
        labelled(at.text_input, "Aktör", index=-1).input(name)
        labelled(at.segmented_control, "Roll", index=-1).set_value(role)
        labelled(at.segmented_control, "Inflytande (makt)", index=-1).set_value(influence)
        labelled(at.segmented_control, "Intresse", index=-1).set_value(interest)
        labelled(at.toggle, "Med i processen", index=-1).set_value(present)
        submit(at, "Lägg till aktör")
    labelled(at.text_input, "Aktör", index=-1).input("krokoms KOMMUN ")
    submit(at, "Lägg till aktör")  # the same actor again: refused with the reason
    assert any("finns redan" in str(w.value) for w in at.warning)
    assert [a.name for a in current(at).actors] == ["Krokoms kommun", "Sameby <b>Jijnjevaerie</b>"]
    # The second card is the Sameby's.
    assert labelled(at.text_input, "Aktör", index=1).value == "Sameby <b>Jijnjevaerie</b>"
    labelled(at.multiselect, "Grupper", index=1).set_value(["sami"]).run()
    assert_clean(at)
    labelled(at.segmented_control, "Samebyar").set_value("missing").run()
    assert at.get("plotly_chart"), "the power/interest grid is drawn"
    open_questions = [w.value for w in at.info if "inte besvarade" in w.value]
    assert open_questions, "groups nobody has placed yet are listed as open questions"


def fill_step4(at: AppTest) -> None:
    goto(at, "measures")
    add_for_issue = [b for b in at.button if b.label == "Lägg till åtgärd"]
    assert add_for_issue, "negative impacts are listed as open issues"
    add_for_issue[0].click().run()
    measure = current(at).measures[0]
    assert measure.addresses
    # The measure's card, by its labels (the only measure so far).
    labelled(at.text_area, "Vad ska göras?").input("Förnybart drivmedel i avtalen").run()
    labelled(at.text_input, "Ansvarig").input("Regionen").run()
    labelled(at.date_input, "Klart senast").set_value(dt.date(2027, 6, 30)).run()
    labelled(at.text_input, "Indikator / uppföljning").input("Andel HVO").run()
    metric = at.metric[0]
    assert "/" in metric.value
    assert_clean(at)


def fill_conflicts(at: AppTest) -> None:
    goto(at, "conflicts")
    conflict = current(at).conflicts[0]
    cid = conflict.id
    # The one conflict's fields by their labels; the process step is picked like a user does.
    labelled(at.segmented_control, "Ingång").set_value("proactive").run()
    labelled(at.pills, "Steg i processen").set_value("characterise").run()
    labelled(at.selectbox, "Typ av målkonflikt").select("between_goals").run()
    labelled(at.text_area, "Karaktärisering").input("Klimat mot jobb").run()
    labelled(at.pills, "Steg i processen").set_value("choose_method").run()
    after(at, "Vägning och prioritering", at.button, "Välj metoden").click().run()
    # The weighing helper: cards and forms, no grid (Enter in a form's field submits it).
    add_weighing(at, cid)
    labelled(at.pills, "Steg i processen").set_value("decide").run()
    labelled(at.text_area, "Beslut").input("Stöd med villkor om HVO").run()
    labelled(at.text_area, "Ställningstagande").input("Klimat väger tyngst").run()
    labelled(at.pills, "Steg i processen").set_value("follow_up").run()
    labelled(at.text_input, "Hur följs det upp?").input("Uppföljning 2027").run()
    labelled(at.segmented_control, "Fungerade hanteringen?").set_value("partly").run()
    assert_clean(at)


def labelled(widgets: Any, label: str, index: int | None = None) -> Any:
    """The widget a user finds by its label: the only one, or the ``index``-th in page order
    (cards repeat their labels, one card after the other; -1 is the last)."""
    found = [w for w in widgets if plain(w.label) == label]
    if index is None:
        assert len(found) == 1, [plain(w.label) for w in widgets]
        return found[0]
    assert -len(found) <= index < len(found), [plain(w.label) for w in widgets]
    return found[index]


def submit(at: AppTest, label: str) -> None:
    (button,) = [b for b in at.button if b.label == label]
    button.click().run()
    assert_clean(at)


def remove(at: AppTest, tooltip: str) -> None:
    """A delete button, found by the tooltip that names what it removes."""
    (button,) = [b for b in at.button if b.help == tooltip]
    button.click().run()
    assert_clean(at)


def scores(at: AppTest, cid: str) -> tuple[list[str], dict[str, dict[str, float]]]:
    """The saved criteria, and each option's scores."""
    conflict = next(c for c in current(at).conflicts if c.id == cid)
    assert conflict.weighing is not None
    w = conflict.weighing
    return [c.name for c in w.criteria], {o.name: o.scores for o in w.options}


def add_weighing(at: AppTest, cid: str) -> None:
    for name, weight in (("Klimat", 2), ("Jobb", 1), ("Kostnad", 1)):
        labelled(at.text_input, "Nytt kriterium").input(name)
        labelled(at.number_input, "Vikt", index=-1).set_value(weight)  # the add form's, last
        submit(at, "Lägg till kriterium")
    # A criterion without a name is not dropped silently: the form says what is missing.
    submit(at, "Lägg till kriterium")
    assert any("Skriv ett namn först." in str(w.value) for w in at.warning)
    for name in ("HVO", "Diesel", "Buss"):
        labelled(at.text_input, "Nytt alternativ").input(name)
        submit(at, "Lägg till alternativ")
    # Each card's delete button removes that one: a criterion takes its scores with it.
    labelled(at.segmented_control, "Kostnad (vikt 1)", index=0).set_value(3).run()
    assert scores(at, cid)[1]["HVO"] == {"Kostnad": 3.0}
    remove(at, "Ta bort kriteriet Kostnad")
    remove(at, "Ta bort alternativet Buss")
    assert scores(at, cid) == (["Klimat", "Jobb"], {"HVO": {}, "Diesel": {}})
    # The option cards in page order (HVO, then Diesel), each with one control per criterion.
    labelled(at.segmented_control, "Klimat (vikt 2)", index=0).set_value(8).run()
    labelled(at.segmented_control, "Jobb (vikt 1)", index=0).set_value(5).run()
    labelled(at.segmented_control, "Klimat (vikt 2)", index=1).set_value(2).run()
    assert_clean(at)
    # Diesel's Jobb is missing: shown as missing, no result for Diesel (not 2·2/3 = 1,3),
    # and what it could still reach: (4 + 0)/3 = 1,3 … (4 + 10)/3 = 4,7 < 7 -> cannot win.
    captions = [plain(c.value) for c in at.caption]
    assert any("Poäng saknas för: Jobb" in c for c in captions), captions
    assert any("Diesel saknar poäng för Jobb men kan som mest få 4,7" in c for c in captions), captions
    progress_texts = [plain(p.text) for p in at.get("progress")]
    assert any("HVO: 7,0 / 10" in t for t in progress_texts) and not any(
        "Diesel" in t for t in progress_texts
    )
    labelled(at.segmented_control, "Jobb (vikt 1)", index=1).set_value(6).run()
    assert_clean(at)
    progress_texts = [plain(p.text) for p in at.get("progress")]
    assert any("HVO: 7,0 / 10" in t for t in progress_texts), progress_texts  # Swedish comma
    assert any("Diesel: 3,3 / 10" in t for t in progress_texts), progress_texts
    # The sensitivity hint: Klimat's weight 2 → 0.2 makes Diesel win (exact: 2 − 11/6).
    assert any("Klimat ändras från 2 till 0,2 vinner i stället Diesel" in plain(c.value) for c in at.caption)


def plain(text: object) -> str:
    """Text as the user reads it: without Markdown escapes and word joiners."""
    return str(text).replace("\\", "").replace("\u2060", "")


def summary_mark(at: AppTest) -> str:
    """The progress icon at the end of the summary page's label in the sidebar (as shown)."""
    radio = sidebar_widget(at.sidebar.radio, "nav:")
    label = str(radio.format_func("summary"))
    assert label in radio.options
    return next(i for i in (icons.DONE, icons.PARTIAL, icons.OPEN) if label.endswith(" " + i))


def fill_summary(at: AppTest) -> None:
    goto(at, "graph")
    assert at.get("plotly_chart")
    goto(at, "summary")
    # Steps 2 and 3 are partly done here, so the summary is partial until they are (the optional
    # judgement itself never holds it back: see test_optional_judgement_leaves_the_summary_done).
    assert summary_mark(at) == icons.PARTIAL
    labelled(at.segmented_control, "Bedömning").set_value("proceed_with_measures").run()
    assert summary_mark(at) == icons.PARTIAL  # a verdict without its reasoning
    starting(at.text_area, "Samlad bedömning").input("Genomförs med åtgärder").run()
    assert summary_mark(at) == icons.DONE
    labels = [b.label for b in at.get("download_button")]
    # The short decision brief is the default (primary) PDF; the full report is the option.
    assert "Beslutsunderlag (PDF, 2–4 sidor)" in labels and "Fullständig rapport (PDF)" in labels
    assert "Bedömningen (YAML)" in labels
    primary = [b.label for b in at.get("download_button") if b.proto.type == "primary"]
    assert primary == ["Beslutsunderlag (PDF, 2–4 sidor)"]
    assert_clean(at)


def check_everything(a: Assessment) -> None:
    """Every answer given in the workshop above."""
    assert a.title == HOSTILE
    assert a.kind == "project" and a.municipalities == ["Krokom", "Åre"]
    assert a.participants == ["Anna", "Bengt"]
    rus = {r.goal: r for r in a.rus}
    assert rus["p1"].impact == 2 and rus["p1"].comment == "Jobb i inlandet"
    assert rus["goal"].impact == -1
    assert a.answers["rus.q1"] == "Ja, i linje med prioritering 1"
    assert any(p.text == "Vi accepterar fler transporter" and p.refs == ["rus:p1"] for p in a.positions)
    assert a.checkpoint.answers["checkpoint.in_line"].answer == "yes"
    assert a.checkpoint.decision == "continue" and a.checkpoint.reasons
    sdg8 = a.sdg_rating("sdg:8")
    assert sdg8 is not None and sdg8.impact == 2 and sdg8.certainty == "high"
    assert sdg8.direct is False and sdg8.comment == "Nya arbetstillfällen"
    sdg13 = a.sdg_rating("sdg:13")
    assert sdg13 is not None and sdg13.impact == -2
    target = a.sdg_rating("13.2")
    assert target is not None and target.impact == -1
    assert a.other_goals[0].impact == -1
    own = {(i.source, i.to): i for i in a.interactions}
    assert own[("sdg:9", "sdg:13")].score == -1 and own[("sdg:9", "sdg:13")].note == "Vägbygge"
    assert any(i.score == 0 for i in a.interactions)
    assert a.perspectives.geografi == "Inlandet gynnas"
    sami = a.checklists["intersectional"]["sami"]
    assert sami.checked and sami.comment == "Renbete berörs"
    assert a.checklists["missing_actors"]["sami_villages"].checked
    actors = {x.name: x for x in a.actors}
    assert actors["Krokoms kommun"].influence == 4 and actors["Krokoms kommun"].present
    assert actors["Sameby <b>Jijnjevaerie</b>"].groups == ["sami"]
    measure = a.measures[0]
    assert measure.text == "Förnybart drivmedel i avtalen" and measure.owner == "Regionen"
    assert measure.due == dt.date(2027, 6, 30) and measure.indicator == "Andel HVO"
    conflict = a.conflicts[0]
    assert conflict.between == ["rus:p1", "rus:p3"]
    assert conflict.origin == "proactive" and conflict.type == "between_goals"
    assert conflict.method == "weighing" and conflict.characterisation == "Klimat mot jobb"
    assert conflict.weighing is not None
    assert [c.name for c in conflict.weighing.criteria] == ["Klimat", "Jobb"]
    assert {o.name: o.scores for o in conflict.weighing.options}["HVO"] == {"Klimat": 8.0, "Jobb": 5.0}
    assert conflict.decision == "Stöd med villkor om HVO"
    assert conflict.position == "Klimat väger tyngst" and conflict.stage == "follow_up"
    assert conflict.follow_up.plan == "Uppföljning 2027" and conflict.follow_up.worked == "partly"
    assert a.judgement.verdict == "proceed_with_measures"
    assert a.judgement.text == "Genomförs med åtgärder"


def test_workshop_every_page_back_and_forth_language_and_reload(data_dir: Path) -> None:
    at = new_session()
    create(at)
    assert nav_value(at) == "rus"
    fill_step1(at)
    fill_step2(at)
    fill_step3(at)
    fill_step4(at)
    fill_conflicts(at)
    fill_summary(at)
    check_everything(current(at))
    check_everything(stored(at))  # every change was saved at once

    # Back to step 1: the widgets show the saved answers although their state was dropped.
    goto(at, "rus")
    assert after(at, P1, at.segmented_control, "Påverkan").value == 2
    assert after(at, P1, at.text_area, "Kommentar").value == "Jobb i inlandet"
    goto(at, "sdg")
    tile(at, 8).click().run()
    assert after(at, "8 · Anständiga arbetsvillkor", at.segmented_control, "Påverkan").value == 2

    # Switch language: the labels change, the answers stay.
    set_lang(at, "en")
    assert at.title[0].value == "Step 2 · Sustainability check"
    assert after(at, "8 · Decent work", at.segmented_control, "Impact").value == 2
    goto(at, "rus")
    assert after(at, P1_EN, at.text_area, "Comment").value == "Jobb i inlandet"
    check_everything(current(at))
    goto(at, "measures")

    # Reload: a new session on the same store resumes the same assessment, page and language.
    again = new_session()
    assert again.session_state["_assessment_id"] == at.session_state["_assessment_id"]
    assert nav_value(again) == "measures"
    assert again.title[0].value == "Step 4 · Measures"
    check_everything(current(again))
    goto(again, "rus")
    assert after(again, P1_EN, again.segmented_control, "Impact").value == 2
    goto(again, "conflicts")
    # In English now, found by the labels the user reads.
    assert labelled(again.pills, "Stage of the process").value == "follow_up"
    assert labelled(again.text_input, "How is it followed up?").value == "Uppföljning 2027"
    labelled(again.pills, "Stage of the process").set_value("decide").run()
    assert labelled(again.text_area, "Position").value == "Klimat väger tyngst"


def test_user_text_is_never_html(data_dir: Path) -> None:
    at = new_session()
    create(at)
    for page in ("start", "rus", "sdg", "actors", "measures", "conflicts", "graph", "summary"):
        goto(at, page)
        for element in at.markdown:
            if element.proto.allow_html:
                assert element.value.startswith("<style>"), element.value[:80]
                assert "<b>" not in element.value and "script" not in element.value


def test_bad_import_names_the_field_and_keeps_the_open_assessment(data_dir: Path) -> None:
    at = new_session()
    create(at, "Min bedömning")
    before = current(at)
    goto(at, "start")
    at.file_uploader(key="import_upload").set_value(
        (
            "trasig.yaml",
            b"schema: 1\ntitle: Trasig\nsdg:\n  - goal: 42\n    impact: 2\n",
            "application/x-yaml",
        )
    ).run()
    at.button(key="import_go").click().run()
    assert_clean(at)
    errors = " ".join(e.value for e in at.error)
    assert "sdg[0].goal" in errors and "42" in errors and "Okänt globalt mål" in errors
    assert current(at) == before and current(at).title == "Min bedömning"


PAGE_TITLES = {
    "sv": {
        "rus": "Steg 1 · RUS-säkra",
        "sdg": "Steg 2 · Hållbarhetssäkra",
        "actors": "Steg 3 · Aktörssäkra",
        "measures": "Steg 4 · Åtgärder",
        "conflicts": "Målkonflikter",
        "graph": "Samband",
        "summary": "Sammanfattning",
        "start": "Start",
    },
    "en": {
        "rus": "Step 1 · RUS check",
        "sdg": "Step 2 · Sustainability check",
        "actors": "Step 3 · Actor check",
        "measures": "Step 4 · Measures",
        "conflicts": "Goal conflicts",
        "graph": "Interactions",
        "summary": "Summary",
        "start": "Start",
    },
}


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_page_renders_each_example_in_both_languages(data_dir: Path, example: Path) -> None:
    at = new_session()
    at.button(key=f"example:{example.name}").click().run()
    assert_clean(at)
    title = load_assessment(example).title
    assert current(at).title == title
    for lang, titles in PAGE_TITLES.items():
        set_lang(at, lang)
        for page, page_title in titles.items():
            goto(at, page)
            assert [t.value for t in at.title] == [page_title]
            # The open assessment is named in the sidebar on every page (as text, not markup).
            sidebar = [str(e.value) for e in (*at.sidebar.markdown, *at.sidebar.caption)]
            assert any(md(title) in text or title in text for text in sidebar), (page, sidebar)


def test_optional_judgement_leaves_the_summary_done(data_dir: Path) -> None:
    at = new_session()
    at.button(key="example:rsp/rsp_are.yaml").click().run()
    assert_clean(at)
    a = current(at)
    # Every step is done and no overall judgement is made (the region's model does without it).
    assert {s: step_status(s, a) for s in STEPS[:-1]} == dict.fromkeys(STEPS[:-1], "done")
    assert a.judgement.verdict is None and not a.judgement.text
    assert summary_mark(at) == icons.DONE
    goto(at, "rus")
    assert any(c.value.startswith("Valfri: hållplatsen") for c in at.caption)
    goto(at, "summary")
    assert any(c.value.startswith("Valfri: den samlade bedömningen") for c in at.caption)
    # A judgement once begun is finished like any other: a verdict alone is partial.
    labelled(at.segmented_control, "Bedömning").set_value("proceed").run()
    assert summary_mark(at) == icons.PARTIAL


def test_strength_area_in_step_2_shows_its_step_1_rating_and_a_contradiction_in_both_steps(
    data_dir: Path,
) -> None:
    at = new_session()
    create(at, "Vindkraft och upplevelser")
    goto(at, "rus")
    after(at, "Hållbar energi", at.segmented_control, "Påverkan").set_value(2).run()
    goto(at, "sdg")
    labelled(at.selectbox, "Målramverk").select("smart_specialisering").run()
    goals = labelled(at.selectbox, "Mål")
    assert goals.options == ["Hållbar energi", "Upplevelser", "Digitala lösningar", "Jord, skog och vatten"]
    goals.select("hallbar_energi").run()
    labelled(at.button, "Lägg till").click().run()
    labelled(at.selectbox, "Målramverk").select("smart_specialisering").run()
    labelled(at.selectbox, "Mål").select("upplevelser").run()
    labelled(at.button, "Lägg till").click().run()
    assert_clean(at)
    captions = [plain(c.value) for c in at.caption]
    assert "Samma mål som RUS-målet ”Hållbar energi” i steg 1, där det är bedömt +2." in captions
    assert "Samma mål som RUS-målet ”Upplevelser” i steg 1, där det inte är bedömt ännu." in captions
    energy = current(at).other_goals[0]
    assert energy.ref == "other:smart_specialisering:hallbar_energi"
    after(at, "Hållbar energi", at.segmented_control, "Påverkan").set_value(-1).run()
    assert_clean(at)
    warnings = [plain(w.value) for w in at.warning]
    assert any(
        w.startswith("”Hållbar energi” är bedömt +2 som RUS-mål i steg 1 men −1 under") for w in warnings
    )
    drafts = [a.value for a in at.text_area if "eftersom …" in str(a.value)]
    assert any(str(d).startswith("”Hållbar energi” bedöms som +2 i steg 1 och −1 mot") for d in drafts)
    # Step 1, where the other rating was made, says the same with the same drafted reason.
    goto(at, "rus")
    assert_clean(at)
    step_1 = [plain(w.value) for w in at.warning]
    assert [w for w in step_1 if w.startswith("”Hållbar energi” är bedömt +2 som RUS-mål i steg 1 men −1")]
    assert "Motstridiga bedömningar mellan ramverk" in [plain(s.value) for s in at.subheader]
    drafts = [str(a.value) for a in at.text_area if "eftersom …" in str(a.value)]
    assert [d for d in drafts if d.startswith("”Hållbar energi” bedöms som +2 i steg 1 och −1 mot")]
    # Rated with the same sign in both steps, the note is gone from step 1 too.
    after(at, "Hållbar energi", at.segmented_control, "Påverkan").set_value(-2).run()
    assert_clean(at)
    assert not [w for w in (plain(w.value) for w in at.warning) if w.startswith("”Hållbar energi” är bedömt")]


def test_large_type_and_page_survive_a_reload(data_dir: Path) -> None:
    at = new_session()
    create(at, "Projektor")
    sidebar_widget(at.sidebar.toggle, "large:").set_value(True).run()
    goto(at, "actors")
    again = new_session()
    assert sidebar_widget(again.sidebar.toggle, "large:").value is True
    assert nav_value(again) == "actors"
    css = [m.value for m in again.markdown if m.proto.allow_html]
    assert any("font-size: 21px" in c for c in css)


def test_broken_model_file_gives_a_message_not_a_traceback(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment.process_models import clear_cache
    from assessment.process_models.loader import ENV_DIR

    models = tmp_path / "models"
    models.mkdir()
    for source in (ROOT / "models").glob("*.yaml"):
        (models / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    broken = (models / "rus_sakring.yaml").read_text(encoding="utf-8")
    (models / "rus_sakring.yaml").write_text(broken.replace("steps:", "stepz:", 1), encoding="utf-8")
    monkeypatch.setenv(ENV_DIR, str(models))
    clear_cache()
    try:
        at = AppTest.from_file(APP, default_timeout=90).run()
        assert not at.exception
        message = " ".join(e.value for e in at.error)
        assert "rus_sakring.yaml" in message
    finally:
        monkeypatch.delenv(ENV_DIR)
        clear_cache()


def test_oversized_paste_gets_a_swedish_message_and_keeps_the_saved_text(data_dir: Path) -> None:
    at = new_session()
    create(at, "Min bedömning")
    goto(at, "rus")
    after(at, P1, at.text_area, "Kommentar").input("Jobb i inlandet").run()
    version = at.session_state["_assessment_version"]
    huge = "ŋ" * 1_000_001  # over the 1,000,000-character limit of a text field
    after(at, P1, at.text_area, "Kommentar").input(huge).run()
    assert_clean(at)
    errors = " ".join(e.value for e in at.error)
    assert "För långt" in errors, errors
    # Nothing half-written: the working copy and the store keep the last valid text.
    assert next(r for r in current(at).rus if r.goal == "p1").comment == "Jobb i inlandet"
    assert next(r for r in stored(at).rus if r.goal == "p1").comment == "Jobb i inlandet"
    assert at.session_state["_assessment_version"] == version
