"""The portfolio and register pages driven through AppTest: the same figures as the library and
the CLI, filters, comparison, language switch, and only the user's own assessments from the store."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessment.fileio import load_assessment
from assessment.portfolio.labels import figure_label
from assessment.portfolio.sources import from_files
from assessment.portfolio.views import compute, figures
from assessment.storage import open_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
EXAMPLES = sorted((ROOT / "examples" / "rsp").glob("*.yaml"))
TODAY = dt.date(2026, 3, 1)
HOSTILE = "<b>Kälarne</b> & <script>x</script> =SUM(A1) ŋ đ č ŧ ï"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def clean(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def sidebar_radio(at: AppTest, prefix: str) -> Any:
    """The sidebar radio whose key starts with ``prefix`` (the app derives keys from labels)."""
    found = [w for w in at.sidebar.radio if str(w.key).startswith(prefix)]
    assert len(found) == 1, [w.key for w in at.sidebar.radio]
    return found[0]


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    clean(at.run())
    clean(sidebar_radio(at, "nav:").set_value(page).run())
    assert at.session_state["nav_page"] == page
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_portfolio_page_shows_the_same_figures_as_library_and_cli(data_dir: Path) -> None:
    at = open_page("portfolio")
    clean(at.radio(key="pf_source").set_value("examples").run())
    clean(at.date_input(key="pf_today").set_value(TODAY).run())
    expected = figures(compute(from_files(EXAMPLES)[0], TODAY))
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "assessment",
            "portfolio",
            *map(str, EXAMPLES),
            "--json",
            "--today",
            TODAY.isoformat(),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert json.loads(cli.stdout)["figures"] == expected
    shown = metrics(at)
    for key in (
        "assessments",
        "conflicts",
        "conflicts_with_outcome",
        "measures",
        "measures_overdue",
        "follow_ups_overdue",
        "groups_missing_everywhere",
        "combined_unaddressed",
    ):
        assert shown[figure_label(key, "sv")] == str(expected[key]), key
    heat = at.dataframe[0].value
    assert heat.shape == (17, 8)
    subheaders = [s.value for s in at.subheader]
    assert "Målkonflikter per typ" in subheaders
    assert "Aktörsgrupper som saknas (Vem saknas?)" in subheaders


def test_filters_compare_and_language(data_dir: Path) -> None:
    at = open_page("portfolio")
    clean(at.radio(key="pf_source").set_value("examples").run())
    clean(at.date_input(key="pf_today").set_value(TODAY).run())
    clean(at.multiselect(key="pf_tags").set_value(["drivmedel"]).run())
    assert metrics(at)["Bedömningar"] == "3"
    clean(at.toggle(key="pf_targets").set_value(True).run())
    targets = at.dataframe[0].value
    assert list(targets.index) == ["7.2", "9.1", "11.2"]  # Bräcke, Krokom, Strömsund
    # Columns are titles, never internal ids.
    krokom = load_assessment(ROOT / "examples" / "rsp" / "rsp_krokom.yaml").title
    assert targets.loc["7.2", krokom] == "+1"
    assert not [c for c in targets.columns if str(c).startswith("rsp-")]
    clean(at.selectbox(key="pf_cmp_a").set_value("rsp-bracke").run())
    clean(at.selectbox(key="pf_cmp_b").set_value("rsp-krokom").run())
    frames = [d.value for d in at.dataframe]
    summary = next(f for f in frames if "Bara i A" in f.columns)
    assert summary.set_index("Avsnitt").loc["Åtgärder", "Bara i A"] == 1
    # The comparison in words: field labels from their own section, values translated, no "None".
    clean(at.toggle(key="pf_cmp_changed").set_value(False).run())
    frames = [d.value for d in at.dataframe]
    table = next(f for f in frames if "Post" in f.columns and "A" in f.columns)
    rows = {(r["Avsnitt"], r["Post"]): (r["A"], r["B"]) for _, r in table.iterrows()}
    assert ("Uppgifter", "Organisation") in rows and ("Uppgifter", "Typ") in rows
    assert rows[("Uppgifter", "Typ")][0] == "Åtgärd i regionalt serviceprogram"
    assert rows[("Agenda 2030", "mål 11 (Hållbara städer och samhällen)")] == (
        "+3 Starkt positiv",
        "+3 Starkt positiv",
    )
    shown = " ".join(str(v) for v in table.to_numpy().ravel())
    for raw in ("None", "meta", "sdg:", "rsp_measure", "proceed_with_measures", "present"):
        assert raw not in shown, raw
    clean(at.multiselect(key="pf_mun").set_value(["Ragunda"]).run())
    assert not at.metric  # no match: a message instead of empty figures
    assert at.info[0].value == "Inga bedömningar matchar urvalet."
    clean(sidebar_radio(at, "lang:").set_value("en").run())
    assert at.header[0].value == "Portfolio"
    # The filter survives the language switch (widget state is kept).
    assert at.multiselect(key="pf_tags").value == ["drivmedel"]


def test_store_source_shows_only_the_users_workspaces(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two organisations in one store are only ever served with logins (fail closed).
    monkeypatch.setenv("ASSESSMENT_AUTH", "local")
    store = open_store()
    local = store.local_user()
    kim = store.add_user(local, "kim", "Kim", password="portfolj-Are-2026")
    store.grant(local, "default", "kim", "editor")
    store.create(kim, load_assessment(EXAMPLES[0]))  # Åre, in kim's default workspace
    store.create(
        kim,
        {
            "title": HOSTILE,
            "id": "hostile",
            "conflicts": [{"id": "k1", "between": ["sdg:8", "sdg:13"], "decision": HOSTILE}],
        },
    )
    other = store.add_user(local, "annan", site_admin=True)
    store.create_workspace(other, "hemlig", "Annan organisation")
    store.create(other, load_assessment(EXAMPLES[1]), "hemlig")  # Berg, invisible to kim
    store.close()

    at = AppTest.from_file(APP, default_timeout=120)
    clean(at.run())
    at.text_input(key="login_username").input("kim")
    at.text_input(key="login_password").input("portfolj-Are-2026")
    clean(at.button(key="FormSubmitter:login-Logga in").click().run())
    clean(sidebar_radio(at, "nav:").set_value("portfolio").run())
    assert metrics(at)["Bedömningar"] == "2"
    clean(sidebar_radio(at, "nav:").set_value("register").run())
    table = at.dataframe[0].value
    # The title is shown; the internal key column is not.
    assert "Bedömning" not in table.columns
    are = load_assessment(EXAMPLES[0]).title
    assert sorted(table["Titel"]) == sorted([HOSTILE, are])
    hostile = table[table["Titel"] == HOSTILE].iloc[0]
    assert hostile["Beslut"] == HOSTILE


def test_register_page_similar_conflicts_and_follow_up(data_dir: Path) -> None:
    at = open_page("register")
    clean(at.radio(key="rg_source").set_value("examples").run())
    assert len(at.dataframe[0].value) == 12
    clean(at.multiselect(key="rg_types").set_value(["distribution"]).run())
    assert len(at.dataframe[0].value) == 4
    clean(at.multiselect(key="rg_sim_goals").set_value(["sdg:11", "sdg:13"]).run())
    texts = [m.value for m in at.markdown]
    first = next(i for i, v in enumerate(texts) if v.startswith("**Bräcke**"))
    assert any("delvis" in v for v in texts[first : first + 6])
    assert any("laddpunkten är försenad" in v for v in texts)
    clean(at.date_input(key="rg_today").set_value(TODAY).run())
    follow = at.dataframe[-1].value
    assert len(follow) == 12 and int(follow["Försenad"].sum()) == 9


def test_upload_source_without_files_says_so(data_dir: Path) -> None:
    at = open_page("portfolio")
    clean(at.radio(key="pf_source").set_value("upload").run())
    assert at.info[0].value == "Inga bedömningar matchar urvalet."


def test_own_assessments_and_the_examples_in_one_selection(data_dir: Path) -> None:
    store = open_store()
    store.create(store.local_user(), {"title": "Vår egen åtgärd", "tags": ["RSP 2023–2030"]})
    store.close()
    at = open_page("portfolio")
    assert metrics(at)["Bedömningar"] == "1"
    clean(at.checkbox(key="pf_with_examples").check().run())
    assert metrics(at)["Bedömningar"] == str(1 + len(EXAMPLES))
    # The own measure and the examples share the tag filter.
    clean(at.multiselect(key="pf_tags").set_value(["RSP 2023–2030"]).run())
    assert int(metrics(at)["Bedömningar"]) >= 2
