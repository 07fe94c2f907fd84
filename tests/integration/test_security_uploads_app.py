"""Hostile uploads through the app (AppTest), issue 13: the start page's import, the portfolio's
upload, the screening upload and the workshop's matrix upload each get malformed YAML/CSV/XLSX,
10 MB of text, markup and Sami letters. Every refusal is the library's own Swedish message on the
page (no traceback, no "app has encountered an error"), and nothing already there is lost: the
open assessment, the saved screening, the workshops. Files that are valid but hostile (markup,
Sami letters) arrive with their text intact and never as markup.

The workshop upload is one transaction: when the database refuses the matrix's cells (a full
disk, injected below the store), no empty session is left behind.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from streamlit.testing.v1 import AppTest

from assessment.domain import Assessment
from assessment.errors import UserError
from assessment.fileio import parse_assessment_bytes
from assessment.i18n import t
from assessment.screening.calls import builtin_calls
from assessment.screening.run import run_screening
from assessment.storage import Store, open_store
from assessment.workshop import read_upload
from assessment.workshop.codes import canonical_codes
from tests.unit.test_screening_helpers import csv_bytes, good_row

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")
MARKUP = "<script>alert(1)</script> & <b>fet</b>"
SAMI = "Ŋuolggas đ č ŧ ï"
TEN_MB = 10_000_000
CRASH_WORDS = ("Traceback", "has encountered an error", "Exception", "sqlite3.", "psycopg")


# -- the files -------------------------------------------------------------------------------------


def _assessment_yaml(title: str) -> bytes:
    return f'schema: 1\ntitle: "{title}"\ndescription: "{title}"\n'.encode()


BAD_ASSESSMENTS: dict[str, bytes] = {
    "trasig.yaml": b"title: [inte stangd\n  - x: {\n",
    "omojligt-datum.yaml": b"schema: 1\ntitle: Datum\ndate: 2023-02-30\n",
    "datum-i-text.yaml": b"schema: 1\ntitle: x\ndescription: 0000-00-00\n",
    "jattetal.yaml": b"schema: 1\ntitle: x\nsdg:\n  - goal: " + b"9" * 5000 + b"\n",
    "surrogat.json": b'{"schema": 1, "title": "\\ud800"}',
    "alias.yaml": b"a: &a [x]\nb: *a\n",
    "latin1.yaml": "schema: 1\ntitle: Åre\n".encode("latin-1"),
    "nul.yaml": b"schema: 1\ntitle: a\x00b\n",
    "lista.yaml": b"- a\n- b\n",
    "tom.yaml": b"",
    "python-tagg.yaml": b"title: !!python/object/apply:os.system ['echo kapad']\n",
    "markup-fel.yaml": b"schema: 1\ntitle: '<script>x</script>'\nsdg:\n  - goal: 42\n",
    # 10 MB of text: one free-text field far over its limit, and plain prose that is no mapping.
    "tio-mb-falt.yaml": b"schema: 1\ntitle: stor\ndescription: " + b"a" * TEN_MB + b"\n",
    "tio-mb-text.yaml": ("Ŋuolggas ja čáhci " * (TEN_MB // 20)).encode(),
}
GOOD_ASSESSMENTS = {"markup.yaml": MARKUP, "samiska.yaml": SAMI}


def _screening_csv(title: str) -> bytes:
    return csv_bytes([good_row(title=title)])


def _not_xlsx_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hej.txt", "inte en arbetsbok")
    return buffer.getvalue()


BAD_SPREADSHEETS: dict[str, bytes] = {
    "binar.csv": bytes(range(256)) * 40,
    "tom.csv": b"",
    "ojamn.csv": b'Titel;"ej stangd\n1;2;3;4;5;6;7;8;9\n',
    "tio-mb.csv": b"a;" * (TEN_MB // 2),
    "tio-mb-rubrik.csv": b"Titel;" + "Ŋ<b>".encode() * (TEN_MB // 6) + b"\n1;2\n",
    "falsk.xlsx": b"PK\x03\x04 detta ar ingen arbetsbok",
    "zip-utan-bok.xlsx": _not_xlsx_zip(),
    "text.xlsx": "Ŋuolggas;đ;č\n".encode(),
}


def _matrix_csv(codes: list[str], score: str = "1") -> bytes:
    head = ";" + ";".join(codes) + "\n"
    rows = "".join(c + ";" + ";".join("" if c == d else score for d in codes) + "\n" for c in codes)
    return (head + rows).encode()


CODES = ["8", "9", "12", "13", "7"]
BAD_MATRICES: dict[str, bytes] = {
    "trasig.csv": bytes(range(256)) * 40,
    "tom.csv": b"",
    "bara-avgransare.csv": b";;;\n;;;\n",
    "nul.csv": b";8;9\n8;\x00;1\n",
    "utanfor-skalan.csv": _matrix_csv(CODES, "9"),
    "okand-kod.csv": _matrix_csv(["8", "9", "12", "13", "99"]),
    "markup.csv": _matrix_csv(["8", "9", "12", "13", MARKUP]),
    "samiska.csv": _matrix_csv(["8", "9", "12", "13", SAMI]),
    "for-fa.csv": _matrix_csv(["8", "9"]),
    "tio-mb.csv": b"1;" * (TEN_MB // 2),
    "falsk.xlsx": b"PK\x03\x04 detta ar ingen arbetsbok",
    "zip-utan-bok.xlsx": _not_xlsx_zip(),
}


def _refusal(check: Callable[[], object]) -> str:
    """The library's Swedish message for a refused file (what the page must show)."""
    with pytest.raises(UserError) as err:
        check()
    message = err.value.message("sv")
    assert message.strip() and not any(word in message for word in CRASH_WORDS), message
    return message


# -- the app ---------------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("ASSESSMENT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ASSESSMENT_AUTH", "none")
    monkeypatch.setenv("ASSESSMENT_LIVE", "0")
    yield tmp_path


def _store(data_dir: Path) -> Store:
    return open_store(f"sqlite:///{data_dir}/assessments.db")


def _session() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    _clean(at)
    return at


def _clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = _texts(at)
    assert not any(word in shown for word in CRASH_WORDS), shown[:2000]


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.error, *at.warning, *at.info, *at.success, *at.caption, *at.text)]
    parts += [m.value for m in at.markdown if not str(m.value).startswith("<style>")]
    return "\n".join(str(p) for p in parts)


def _errors(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.error, *at.warning, *at.text))


def _goto(at: AppTest, page: str) -> None:
    nav = next(r for r in at.sidebar.radio if r.key == "nav_page" or (r.key or "").startswith("nav:"))
    nav.set_value(page).run()
    _clean(at)


def _no_markup(at: AppTest) -> None:
    for element in at.markdown:
        if element.proto.allow_html:
            assert "<script" not in element.value and "<b>fet" not in element.value, element.value[:200]


def _upload(at: AppTest, key: str, name: str, data: bytes, mime: str = "application/octet-stream") -> None:
    at.file_uploader(key=key).set_value((name, data, mime)).run()


# -- start page: import one assessment ----------------------------------------------------------


def test_start_page_import_refuses_hostile_files_and_keeps_the_open_assessment(data_dir: Path) -> None:
    store = _store(data_dir)
    local = store.local_user()
    kept = store.create(local, Assessment(title="Min bedömning", description="Före importen"))
    store.set_ui_state(local, {"assessment_id": kept.id, "page": "start"})
    at = _session()
    refused = 0
    for name, data in BAD_ASSESSMENTS.items():
        expected = _refusal(lambda data=data, name=name: parse_assessment_bytes(data, name))
        _upload(at, "import_upload", name, data)
        at.button(key="import_go").click().run()
        _clean(at)
        shown = _errors(at)
        assert t("ui.import_failed", "sv") in shown, name
        assert expected in shown, (name, expected, shown[:500])
        assert at.session_state["_assessment"].title == "Min bedömning", name
        refused += 1
    # Nothing was added or changed in the store.
    assert [s.id for s in store.list(local)] == [kept.id]
    assert store.get(local, kept.id).version == kept.version
    print(f"\nstart-page imports refused with a message: {refused}/{len(BAD_ASSESSMENTS)}")

    for name, title in GOOD_ASSESSMENTS.items():
        _goto(at, "start")  # an import opens the new assessment on its first step
        _upload(at, "import_upload", name, _assessment_yaml(title))
        at.button(key="import_go").click().run()
        _clean(at)
        assert at.session_state["_assessment"].title == title
        _no_markup(at)
    titles = {s.title for s in store.list(local)}
    assert titles == {"Min bedömning", MARKUP, SAMI}
    store.close()


# -- portfolio: several files at once ------------------------------------------------------------


def test_portfolio_upload_lists_what_it_refused_and_keeps_the_good_files(data_dir: Path) -> None:
    at = _session()
    _goto(at, "portfolio")
    at.radio(key="pf_source").set_value("upload").run()
    _clean(at)
    files = [(name, data, "application/x-yaml") for name, data in BAD_ASSESSMENTS.items()]
    files += [
        (name, _assessment_yaml(title), "application/x-yaml") for name, title in GOOD_ASSESSMENTS.items()
    ]
    at.file_uploader(key="pf_upload").set_value(files).run()
    _clean(at)
    shown = _texts(at)
    assert t("portfolio.load_failed", "sv", count=len(BAD_ASSESSMENTS)) in shown
    for name, data in BAD_ASSESSMENTS.items():
        expected = _refusal(lambda data=data, name=name: parse_assessment_bytes(data, name))
        assert expected in shown, (name, expected)
    # The two good files are in the portfolio, their text intact and never markup.
    cells = {str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()}
    assert {MARKUP, SAMI} <= cells, cells
    _no_markup(at)


# -- screening: a batch of applications --------------------------------------------------------


def test_screening_upload_refuses_hostile_files_and_keeps_the_saved_screening(data_dir: Path) -> None:
    at = _session()
    _goto(at, "screening")
    at.button(key="screening_demo").click().run()
    _clean(at)
    saved = at.session_state["_screening_run"]
    call = builtin_calls()[str(at.session_state["_screening_call"])]
    refused = 0
    for name, data in BAD_SPREADSHEETS.items():
        expected = _refusal(lambda data=data, name=name: run_screening(data, name, call))
        _upload(at, "screening_upload", name, data)
        at.button(key="screening_run").click().run()
        _clean(at)
        shown = _errors(at)
        assert expected.splitlines()[0] in shown, (name, expected, shown[:500])
        assert len(expected) < 5_000, (name, len(expected))  # a message, not the file echoed
        # The saved screening is still the one on the page, and still in the store.
        assert at.session_state["_screening_run"].run_id == saved.run_id, name
        refused += 1
    print(f"\nscreening uploads refused with a message: {refused}/{len(BAD_SPREADSHEETS)}")
    store = _store(data_dir)
    (run,) = store.screening_runs(store.local_user())
    assert run.id == saved.run_id and run.version == saved.version
    assert store.open_screening(store.local_user(), run.id).version.version == saved.version
    store.close()

    at.selectbox(key="screening_call:sv").set_value("eruf_project").run()  # the rows' call
    for title in (MARKUP, SAMI):
        _upload(at, "screening_upload", "ansokningar.csv", _screening_csv(title), "text/csv")
        at.button(key="screening_run").click().run()
        _clean(at)
        new = at.session_state["_screening_run"]
        assert new.run_id != saved.run_id
        assert [r.application.title for r in new.run.results] == [title]
        _no_markup(at)


# -- workshop: an agreed matrix from a file ----------------------------------------------------


def _case() -> Assessment:
    return Assessment.model_validate(
        {"title": "Fiskodling", "sdg": [{"goal": g, "impact": 1} for g in (7, 8, 9, 12, 13)]}
    )


@pytest.fixture
def workshop_app(data_dir: Path) -> Iterator[tuple[AppTest, Store, str]]:
    store = _store(data_dir)
    local = store.local_user()
    stored = store.create(local, _case())
    store.set_ui_state(local, {"assessment_id": stored.id, "page": "workshop"})
    at = _session()
    assert at.session_state["nav_page"] == "workshop"
    try:
        yield at, store, stored.id
    finally:
        store.close()


def test_workshop_upload_refuses_hostile_files_and_creates_nothing(
    workshop_app: tuple[AppTest, Store, str],
) -> None:
    at, store, assessment_id = workshop_app
    local = store.local_user()
    refused = 0
    for name, data in BAD_MATRICES.items():
        expected = _refusal(lambda data=data, name=name: canonical_codes(read_upload(data, name).codes))
        _upload(at, "ws_upload", name, data)  # the upload's callback runs before the page
        _clean(at)
        assert expected.splitlines()[0] in _errors(at), (name, expected, _errors(at)[:500])
        assert store.workshops(local, assessment_id) == [], name
        refused += 1
    print(f"\nworkshop uploads refused with a message: {refused}/{len(BAD_MATRICES)}")

    _upload(at, "ws_upload", "overens.csv", _matrix_csv(CODES, "-2"), "text/csv")
    _clean(at)
    (info,) = store.workshops(local, assessment_id)
    board = store.workshop_board(local, info.id)
    locked = [c for c in board.cells.values() if c.locked]
    assert len(locked) == 20 and {c.agreed for c in locked} == {-2}


@pytest.fixture
def cells_refused() -> Iterator[list[str]]:
    """The database refuses every write of a workshop cell (as a full disk would), below the
    store: the driver raises, SQLAlchemy wraps it as for a real one."""
    seen: list[str] = []

    def refuse(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO WORKSHOP_CELLS"):
            seen.append(statement)
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(Engine, "before_cursor_execute", refuse)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", refuse)


def test_workshop_upload_is_one_transaction(
    workshop_app: tuple[AppTest, Store, str], cells_refused: list[str]
) -> None:
    at, store, assessment_id = workshop_app
    _upload(at, "ws_upload", "overens.csv", _matrix_csv(CODES, "2"), "text/csv")
    _clean(at)
    assert cells_refused, "the fault was not reached"
    assert t("storage.not_saved", "sv", detail="database or disk is full") in _errors(at)
    assert store.workshops(store.local_user(), assessment_id) == []  # no empty session left
