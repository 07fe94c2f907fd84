"""The hostile-input suite (issue 13): every hostile file through every CLI command and the library
entry points, plus hostile spreadsheets (screening) and hostile archives (storage import).

Each run must end with exit != 0 and a message naming the file, or succeed; never a traceback
(an exception escaping `assessment.cli.main` fails the test with one), never a written file left
behind on failure, never a raw control character, ANSI escape or bidi override on the terminal.
The counts are printed (run with ``-s`` to see them) and asserted.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from assessment.cli import main
from assessment.errors import UserError
from assessment.fileio import load_assessment, parse_assessment_bytes
from assessment.storage import Role, Store
from tests.support.hostile import cases

CASES = list(cases())
ROOT = Path(__file__).resolve().parents[2]
TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_terminal_clean(text: str) -> None:
    assert not TERMINAL_UNSAFE.search(text), repr(TERMINAL_UNSAFE.search(text))
    text.encode("utf-8")  # no lone surrogate reached the terminal
    assert "Traceback" not in text


def test_at_least_80_hostile_files() -> None:
    assert len(CASES) >= 80
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.stress
def test_every_hostile_file_through_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    counts: Counter[str] = Counter()
    for name, data, suffix in CASES:
        source = tmp_path / f"{name}{suffix}"
        source.write_bytes(data)
        outdir = tmp_path / f"out-{name}"
        outdir.mkdir()
        pdf, xlsx = outdir / "report.pdf", outdir / "portfolio.xlsx"
        results = {
            "validate": run(["validate", str(source)], capsys),
            "analyse": run(["analyse", str(source), "--json"], capsys),
            "report": run(["report", str(source), "-o", str(pdf)], capsys),
            "portfolio": run(["portfolio", str(source), "--json", "--xlsx", str(xlsx)], capsys),
        }
        for command, (code, out, err) in results.items():
            counts["runs"] += 1
            assert_terminal_clean(out + err)
            assert code in (0, 1, 2), (name, command, code)
            if code == 0:
                counts["succeeded"] += 1
                continue
            counts["refused"] += 1
            assert str(source) in out + err, (name, command, (out + err)[:300])
        accepted = {command: code == 0 for command, (code, _, _) in results.items()}
        assert len(set(accepted.values())) == 1, (name, accepted)  # one verdict for one file
        if accepted["report"]:
            assert pdf.read_bytes().startswith(b"%PDF")
            assert xlsx.stat().st_size > 0
            json.loads(results["analyse"][1])
            json.loads(results["portfolio"][1])
        else:
            assert sorted(p.name for p in outdir.iterdir()) == [], name  # nothing written, no temp
        counts["valid files" if accepted["report"] else "invalid files"] += 1
    print(f"\nhostile files: {len(CASES)}, {dict(counts)}, tracebacks: 0")
    assert counts["runs"] == 4 * len(CASES)
    assert counts["valid files"] >= 10 and counts["invalid files"] >= 60


def test_the_real_process_behaves_as_the_in_process_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The runs above call `main` in this process (no interpreter start per run); a sample through
    `python -m assessment` gets the same exit code and the same bytes on stdout and stderr."""
    sample = {name: (data, suffix) for name, data, suffix in CASES}
    paths = []
    for name in ("markup_6_yaml", "surrogate_yaml_title", "raw_nul", "deep_json"):
        data, suffix = sample[name]
        paths.append(tmp_path / f"{name}{suffix}")
        paths[-1].write_bytes(data)
    for argv in (["validate", *map(str, paths)], ["analyse", str(paths[0]), "--json"]):
        in_process = run(argv, capsys)
        real = subprocess.run(
            [sys.executable, "-m", "assessment", *argv], cwd=ROOT, capture_output=True, timeout=120
        )
        assert (real.returncode, real.stdout.decode("utf-8"), real.stderr.decode("utf-8")) == in_process
    assert in_process[0] == 0 and json.loads(in_process[1])  # the valid file, analysed
    assert_terminal_clean(real.stdout.decode("utf-8") + real.stderr.decode("utf-8"))


@pytest.mark.parametrize(("name", "data", "suffix"), CASES, ids=[c[0] for c in CASES])
def test_library_entry_points(name: str, data: bytes, suffix: str, tmp_path: Path) -> None:
    """`parse_assessment_bytes` and `load_assessment` agree: an Assessment or a UserError whose
    message names the file and can be shown anywhere (valid UTF-8)."""
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(data)
    outcomes = []
    for load in (lambda: parse_assessment_bytes(data, path.name), lambda: load_assessment(path)):
        try:
            outcomes.append(load().to_document())
        except UserError as err:
            message = err.message("sv")
            message.encode("utf-8")
            assert path.name in message
            outcomes.append(None)
    assert (outcomes[0] is None) == (outcomes[1] is None)


@pytest.mark.stress
def test_valid_hostile_files_round_trip_through_the_store(store: Store) -> None:
    """What file import accepts, the store accepts and exports again; markup stays literal text."""
    user = store.local_user()
    stored = 0
    for name, data, suffix in CASES:
        try:
            assessment = parse_assessment_bytes(data, name + suffix)
        except UserError:
            continue
        created = store.create(user, assessment)
        assert store.get(user, created.id).assessment.title == assessment.title.replace("\x00", "\ufffd")
        stored += 1
    exported = store.export_workspace(user, "default")
    assert store.import_workspace(user, exported, "default")
    print(f"\nvalid hostile files stored and re-imported: {stored}")
    assert stored >= 10


# -- spreadsheets (screening) ------------------------------------------------------------------


def _xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def spreadsheet_cases(template: bytes) -> list[tuple[str, bytes, str]]:
    header = template.decode("utf-8-sig").splitlines()[0]
    first = template.decode("utf-8-sig").splitlines()[1]
    cells = first.split(";")
    hostile_row = ";".join(
        [cells[0], '=HYPERLINK("http://x","klick")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-1e999"]
        + ["<script>alert(1)</script> \x1b[2J \u202e ŋđčŧï"] * (len(cells) - 5)
    )
    rows = [header.split(";"), cells]
    return [
        ("csv_formula_injection", (header + "\n" + hostile_row + "\n").encode("utf-8"), ".csv"),
        ("csv_latin1", (header + "\n" + first + "\n").encode("latin-1", "replace"), ".csv"),
        ("csv_invalid_utf8", template + b"\xff\xfe\xc3\x28;x\n", ".csv"),
        ("csv_nul", template.replace(b";", b";\x00", 3), ".csv"),
        ("csv_empty", b"", ".csv"),
        ("csv_header_only", header.encode("utf-8") + b"\n", ".csv"),
        ("csv_huge_cell", (header + "\n" + cells[0] + ";" + "x" * 2_000_000 + "\n").encode(), ".csv"),
        ("csv_ragged", (header + "\n" + "a;b\n" + ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;;\n").encode(), ".csv"),
        ("csv_duplicate_ids", (header + "\n" + first + "\n" + first + "\n").encode("utf-8"), ".csv"),
        ("csv_bad_dates", template.replace(b"2024-0117", b"2023-02-30", 1), ".csv"),
        ("csv_huge_int", template.replace(b"250000", b"9" * 5000, 1), ".csv"),
        (
            "xlsx_valid_hostile",
            _xlsx([header.split(";"), hostile_row.replace("\x1b", "").split(";")]),
            ".xlsx",
        ),
        ("xlsx_garbage", b"PK\x03\x04" + bytes(range(256)) * 10, ".xlsx"),
        ("xlsx_text", b"hej hopp", ".xlsx"),
        ("xlsx_zip_without_workbook", _zip({"hello.txt": b"x"}), ".xlsx"),
        ("xlsx_zip_bomb", _zip({"xl/workbook.xml": b" " * 100_000_000}), ".xlsx"),
        ("xlsx_rows", _xlsx(rows), ".xlsx"),
        ("xlsx_empty_sheet", _xlsx([]), ".xlsx"),
    ]


def test_hostile_spreadsheets_through_screen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "template.csv"
    assert main(["screen-template", str(template), "--call", "eruf_project"]) == 0
    capsys.readouterr()
    counts: Counter[str] = Counter()
    for name, data, suffix in spreadsheet_cases(template.read_bytes()):
        source = tmp_path / f"{name}{suffix}"
        source.write_bytes(data)
        outdir = tmp_path / f"screen-{name}"
        outdir.mkdir()
        for target in ("out.xlsx", "out.csv"):
            code, out, err = run(
                ["screen", str(source), "--call", "eruf_project", "-o", str(outdir / target)], capsys
            )
            assert_terminal_clean(out + err)
            assert code in (0, 1, 2), (name, code)
            counts["runs"] += 1
            if code == 0:
                counts["succeeded"] += 1
                assert (outdir / target).stat().st_size > 0
            else:
                counts["refused"] += 1
                assert err.strip(), name
                assert not (outdir / target).exists(), name
        leftovers = [p.name for p in outdir.iterdir() if p.name not in ("out.xlsx", "out.csv")]
        assert leftovers == [], (name, leftovers)
    print(f"\nhostile spreadsheets: {dict(counts)}, tracebacks: 0")
    assert counts["runs"] == 2 * 18 and counts["refused"] >= 6


# -- archives (storage import) -----------------------------------------------------------------


def _export_of(store: Store, count: int) -> bytes:
    """A real export of the default workspace after ``count`` assessments were stored in it."""
    user = store.local_user()
    for _ in range(count):
        store.create(user, parse_assessment_bytes(CASES[0][1], "a.yaml"))
    return store.export_workspace(user, "default")


def _archive_with(store: Store, mutate: object) -> bytes:
    """A real export of one assessment with ``mutate(manifest)`` applied to its manifest."""
    return _mutated(_export_of(store, 1), mutate)


def _mutated(data: bytes, mutate: object) -> bytes:
    """The archive ``data`` with ``mutate(manifest)`` applied to its manifest."""
    import yaml

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    manifest = yaml.safe_load(entries["manifest.yaml"])
    result = mutate(manifest)  # type: ignore[operator]
    if isinstance(result, dict) and "__entries__" in result:
        entries.update(result["__entries__"])
    entries["manifest.yaml"] = yaml.safe_dump(manifest, allow_unicode=True).encode("utf-8")
    return _zip(entries)


def _set_rev(key: str, value: object) -> object:
    def mutate(manifest: dict) -> None:  # type: ignore[type-arg]
        manifest["assessments"][0]["revisions"][0][key] = value

    return mutate


def _set_id(value: str) -> object:
    def mutate(manifest: dict) -> None:  # type: ignore[type-arg]
        old = manifest["assessments"][0]["id"]
        manifest["assessments"][0]["id"] = value
        return {"__entries__": {f"revisions/{value}/1.yaml": b""}} if old else None  # type: ignore[return-value]

    return mutate


def archive_cases(export: bytes) -> list[tuple[str, bytes]]:
    """Hostile archives; the mutated ones are made from ``export``, a real export."""
    padding = {
        "manifest.yaml": b"format: assessment-workspace-archive\nformat_version: 1\n#" + b" " * 100_000_000
    }
    big_entries = {f"f{i}.txt": b"" for i in range(10)}
    return [
        ("not_a_zip", b"hello"),
        ("truncated", _mutated(export, lambda m: None)[:200]),
        ("empty_zip", _zip({})),
        ("zip_bomb_manifest", _zip(padding)),
        ("traversal_entry", _zip({"../../etc/evil": b"x", "manifest.yaml": b"format: x\n"})),
        ("wrong_format", _zip({"manifest.yaml": b"format: other\nformat_version: 1\n"})),
        (
            "format_version_2",
            _zip({"manifest.yaml": b"format: assessment-workspace-archive\nformat_version: 2\n"}),
        ),
        (
            "manifest_bad_date",
            _zip(
                {
                    "manifest.yaml": b"format: assessment-workspace-archive\nformat_version: 1\nwhen: 2023-02-30\n"
                }
            ),
        ),
        ("manifest_alias", _zip({"manifest.yaml": b"a: &a x\nb: *a\n"})),
        ("manifest_not_utf8", _zip({"manifest.yaml": b"\xff\xfe"})),
        ("many_files_no_manifest", _zip(big_entries)),
        ("id_dotdot", _mutated(export, _set_id(".."))),
        ("id_backslash", _mutated(export, _set_id("..\\..\\Windows\\evil"))),
        ("id_space", _mutated(export, _set_id(" "))),
        ("id_rtl", _mutated(export, _set_id("a\u202eb"))),
        ("id_slash", _mutated(export, _set_id("../x"))),
        ("summary_wrong_type", _mutated(export, _set_rev("summary", {"added": 5}))),
        ("summary_list", _mutated(export, _set_rev("summary", ["x"]))),
        ("time_overflow", _mutated(export, _set_rev("created_at", "9999-12-31T23:59:59-05:00"))),
        ("time_underflow", _mutated(export, _set_rev("created_at", "0001-01-01T00:00:00+05:00"))),
        ("time_garbage", _mutated(export, _set_rev("created_at", "igår"))),
        ("author_nul", _mutated(export, _set_rev("author", "chef\x00en"))),
        ("author_ansi", _mutated(export, _set_rev("author", "\x1b[2Jchef"))),
        ("author_huge", _mutated(export, _set_rev("author", "x" * 10_000))),
        ("version_zero", _mutated(export, _set_rev("version", 0))),
        ("missing_revision_file", _mutated(export, _set_rev("version", 7))),
    ]


def test_hostile_archives_are_refused_and_change_nothing(store: Store, tmp_path: Path) -> None:
    user = store.local_user()
    counts: Counter[str] = Counter()
    # One real export, made once: two assessments, so every mutated archive also carries a valid
    # one that must not be imported either when the archive is refused.
    export = _export_of(store, 2)
    for name, data in archive_cases(export):
        before = [s.id for s in store.list(user)]
        try:
            store.import_workspace(user, data, "default")
        except UserError as err:
            err.message("sv").encode("utf-8")
            counts["refused"] += 1
        else:
            raise AssertionError(f"{name} was accepted")
        assert [s.id for s in store.list(user)] == before, name
        assert not Path("/etc/evil").exists()
    print(f"\nhostile archives on {store.backend}: {dict(counts)}, tracebacks: 0")
    assert counts["refused"] == 26
    # The export they were made from is accepted as it is: each refusal above is its mutation's.
    assert len(store.import_workspace(user, _mutated(export, lambda m: None), "default")) == 2


def test_editor_import_cannot_forge_history(store: Store) -> None:
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokom")
    store.add_user(root, "ed", "Ed")
    store.grant(root, "krokom", "ed", Role.editor)
    ed = next(u for u, _ in store.members(root, "krokom") if u.username == "ed")
    forged = _archive_with(
        store,
        lambda m: [
            r.update(author="chefen@region.se", created_at="2019-01-01T00:00:00+00:00")
            for r in m["assessments"][0]["revisions"]
        ],
    )
    [imported] = store.import_workspace(ed, forged, "krokom")
    [revision] = store.history(ed, imported)
    assert revision.author == "ed"
    assert revision.created_at.year >= 2026
    assert revision.changes["claimed_author"] == "chefen@region.se"
    # A site admin restoring a backup keeps authors and times.
    [restored] = store.import_workspace(root, forged, "krokom")
    [kept] = store.history(root, restored)
    assert kept.author == "chefen@region.se" and kept.created_at.year == 2019


def test_hostile_archive_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    bad = tmp_path / "bomb.zip"
    bad.write_bytes(_zip({"manifest.yaml": b"format: assessment-workspace-archive\n#" + b" " * 50_000_000}))
    code, out, err = run(["storage", "--database-url", url, "import", str(bad)], capsys)
    assert code == 2 and "manifest.yaml" in err
    assert_terminal_clean(out + err)
    code, out, err = run(["storage", "--database-url", url, "import", str(tmp_path)], capsys)
    assert code == 2 and str(tmp_path) in err
