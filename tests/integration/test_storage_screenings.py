"""Saved screening runs in the store, on SQLite and PostgreSQL: runs with versions, the officer's
notes with history, column mappings, and access like assessments (nothing of another workspace)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from assessment.errors import AccessDenied, UserError
from assessment.screening.outputs import to_json
from assessment.screening.run import run_screening
from assessment.screening.saved import decode_run, open_run, save_run
from assessment.storage import Role, Store
from tests.unit.test_screening_helpers import NO_EDGES, csv_bytes, edges_lookup, eruf, good_row


def _run(*rows: dict[str, str], name: str = "ansokningar.csv", lookup: Any = NO_EDGES) -> Any:
    run = run_screening(csv_bytes(list(rows)), name, eruf(), interactions=lookup)
    assert run.rows_in == run.rows_out + run.rows_rejected
    return run


@pytest.fixture
def two_orgs(store: Store) -> dict[str, Any]:
    root = store.local_user()
    store.create_workspace(root, "region", "Region JH – företagsstöd")
    store.create_workspace(root, "krokom", "Krokoms kommun")
    anna = store.add_user(root, "anna@regionjh.se", "Anna")
    erik = store.add_user(root, "erik@regionjh.se", "Erik")
    vera = store.add_user(root, "vera@regionjh.se", "Vera")
    kim = store.add_user(root, "kim@krokom.se", "Kim")
    store.grant(root, "region", "anna@regionjh.se", Role.editor)
    store.grant(root, "region", "erik@regionjh.se", Role.editor)
    store.grant(root, "region", "vera@regionjh.se", Role.viewer)
    store.grant(root, "krokom", "kim@krokom.se", Role.admin)
    return {"root": root, "anna": anna, "erik": erik, "vera": vera, "kim": kim}


def test_run_is_saved_and_reopened_exactly_as_screened(store: Store) -> None:
    user = store.local_user()
    run = _run(
        good_row("A"),
        good_row("B", amount="fel"),
        good_row("C", municipality="Järpen"),
        lookup=edges_lookup(("sdg:9", "sdg:13", -2)),
    )
    saved = save_run(store, user, run, {"nr": "id"})
    again = open_run(store, user, saved.run_id)
    assert (again.run.rows_in, again.run.rows_out, again.run.rows_rejected) == (3, 2, 1)
    assert to_json(again.run) == to_json(run)  # flags, hints, drafts, rejected rows, notices
    listed = store.screening_runs(user)
    assert [(r.id, r.title, r.call_id, r.version) for r in listed] == [
        (saved.run_id, "ansokningar.csv", "eruf_project", 1)
    ]
    assert listed[0].summary["rows_in"] == 3 and listed[0].created_by == "local"
    version = store.screening_versions(user, saved.run_id)[0]
    assert version.file_sha256 == run.file_sha256 and version.mapping == {"nr": "id"}


def test_a_run_without_rows_is_not_saved(store: Store) -> None:
    from assessment.errors import ValidationFailed
    from assessment.screening.importer import ImportResult
    from assessment.screening.run import ScreeningRun

    user = store.local_user()
    # Built without the importer (which refuses such a file), as a library caller may.
    run = ScreeningRun(eruf(), ImportResult("ansokningar.csv", 0, [], []), [])
    with pytest.raises(ValidationFailed) as err:
        save_run(store, user, run, {})
    assert [p.key for p in err.value.problems] == ["screening.err_no_applications"]
    assert "ansokningar.csv" in err.value.message("sv")
    assert store.screening_runs(user) == []


def test_notes_are_saved_with_history_and_carry_over_to_a_rescreen(store: Store) -> None:
    user = store.local_user()
    first = _run(good_row("A"), good_row("B"))
    saved = save_run(store, user, first, {})
    fingerprint = first.result("A").application.fingerprint
    store.save_screening_note(
        user, saved.run_id, "A", motivation="Min text.", fingerprint=fingerprint, base_revision=0
    )
    store.save_screening_note(user, saved.run_id, "A", notes="Ring sökanden.", base_revision=1)
    store.save_screening_note(
        user, saved.run_id, "B", dismiss={"sdg:9>sdg:13": "Inget vattendrag berörs."}, fingerprint="x"
    )
    history = store.screening_note_history(user, saved.run_id, "A")
    assert [(h.revision, h.motivation, h.notes) for h in history] == [
        (2, "Min text.", "Ring sökanden."),
        (1, "Min text.", ""),
    ]
    # Re-screen a corrected file into the same run: the work is kept, B's change is marked.
    second = _run(good_row("A"), good_row("B", social="En helt annan text om den sociala hållbarheten."))
    again = save_run(store, user, second, {}, run_id=saved.run_id)
    assert again.version == 2 and again.run_id == saved.run_id
    assert again.run.motivation("A") == "Min text." and not again.run.changed_since_edit("A")
    assert again.run.changed_since_edit("B")
    assert again.run.dismissed("B")["sdg:9>sdg:13"].reason == "Inget vattendrag berörs."
    # Both versions stay; the old one opens as it was.
    assert [v.version for v in store.screening_versions(user, saved.run_id)] == [2, 1]
    old = open_run(store, user, saved.run_id, 1)
    assert old.version == 1 and old.latest_version == 2 and old.run.motivation("A") == "Min text."
    with pytest.raises(UserError):
        store.open_screening(user, saved.run_id, 7)


def test_motivation_back_to_draft_and_dismissal_undone(store: Store) -> None:
    user = store.local_user()
    saved = save_run(store, user, _run(good_row("A")), {})
    store.save_screening_note(user, saved.run_id, "A", motivation="Text.", dismiss={"h": "skäl"})
    note = store.save_screening_note(user, saved.run_id, "A", motivation=None, dismiss={"h": None}).note
    assert note.motivation is None and note.dismissed == {} and note.revision == 2
    with pytest.raises(UserError):
        store.save_screening_note(user, saved.run_id, "A", dismiss={"h": "   "})  # a reason is required


def test_another_officer_opens_the_same_run_and_a_concurrent_edit_is_not_lost(
    two_orgs: dict[str, Any], store: Store
) -> None:
    anna, erik = two_orgs["anna"], two_orgs["erik"]
    saved = save_run(store, anna, _run(good_row("A")), {}, workspace_id="region")
    assert [r.id for r in store.screening_runs(erik)] == [saved.run_id]
    store.save_screening_note(anna, saved.run_id, "A", motivation="Annas text.", base_revision=0)
    # Erik started from revision 0 too: his save is kept, and he is told Anna's was replaced.
    outcome = store.save_screening_note(erik, saved.run_id, "A", motivation="Eriks text.", base_revision=0)
    assert outcome.replaced is not None and outcome.replaced.motivation == "Annas text."
    assert outcome.replaced.updated_by == "anna@regionjh.se"
    texts = [h.motivation for h in store.screening_note_history(anna, saved.run_id, "A")]
    assert texts == ["Eriks text.", "Annas text."]
    assert open_run(store, anna, saved.run_id).run.motivation("A") == "Eriks text."


def test_access_like_assessments(two_orgs: dict[str, Any], store: Store) -> None:
    anna, vera, kim = two_orgs["anna"], two_orgs["vera"], two_orgs["kim"]
    saved = save_run(store, anna, _run(good_row("A")), {}, workspace_id="region")
    store.save_column_mapping(anna, "region", "eruf_project", {"nr": "id"})
    # A user of another workspace gets nothing: not the list, the run, its history or mappings.
    assert store.screening_runs(kim) == []
    for attempt in (
        lambda: store.open_screening(kim, saved.run_id),
        lambda: store.screening_versions(kim, saved.run_id),
        lambda: store.screening_note_history(kim, saved.run_id, "A"),
        lambda: store.save_screening_note(kim, saved.run_id, "A", motivation="x"),
        lambda: store.save_screening(
            kim,
            store.open_screening(anna, saved.run_id).version and _record(store, anna, saved.run_id),
            run_id=saved.run_id,
        ),
        lambda: store.delete_screening(kim, saved.run_id),
        lambda: store.column_mapping(kim, "region", "eruf_project"),
        lambda: store.save_column_mapping(kim, "region", "eruf_project", {}),
        lambda: store.screening_runs(kim, workspace_id="region"),
    ):
        with pytest.raises(AccessDenied):
            attempt()
    # A run that does not exist looks the same as one that is not yours.
    with pytest.raises(AccessDenied) as missing:
        store.open_screening(kim, "0" * 32)
    with pytest.raises(AccessDenied) as foreign:
        store.open_screening(kim, saved.run_id)
    assert missing.value.message("en") == foreign.value.message("en")
    # A viewer reads but does not write; deleting needs the workspace admin.
    assert store.open_screening(vera, saved.run_id).role == Role.viewer
    with pytest.raises(AccessDenied):
        store.save_screening_note(vera, saved.run_id, "A", motivation="x")
    with pytest.raises(AccessDenied):
        store.delete_screening(anna, saved.run_id)
    assert store.column_mapping(vera, "region", "eruf_project") == {"nr": "id"}


def _record(store: Store, user: Any, run_id: str) -> Any:
    from assessment.storage.types import ScreeningRecord

    stored = store.open_screening(user, run_id)
    v = stored.version
    return ScreeningRecord(
        v.file_name, v.file_sha256, v.file_size, v.call_id, v.mapping, v.summary, stored.payload
    )


def test_delete_removes_the_run_with_its_versions_and_notes(store: Store) -> None:
    user = store.local_user()
    saved = save_run(store, user, _run(good_row("A")), {})
    store.save_screening_note(user, saved.run_id, "A", motivation="x")
    store.delete_screening(user, saved.run_id)
    assert store.screening_runs(user) == []
    with pytest.raises(AccessDenied):
        store.open_screening(user, saved.run_id)


def test_mapping_per_workspace_and_call(store: Store) -> None:
    user = store.local_user()
    assert store.column_mapping(user, "default", "eruf_project") == {}
    store.save_column_mapping(
        user, "default", "eruf_project", {"organisationsnamn": "applicant", "diarienr": ""}
    )
    store.save_column_mapping(user, "default", "eruf_project", {"organisationsnamn": "applicant"})
    assert store.column_mapping(user, "default", "eruf_project") == {"organisationsnamn": "applicant"}
    assert store.column_mapping(user, "default", "business_investment") == {}


def test_hostile_and_huge_note_text(store: Store) -> None:
    user = store.local_user()
    saved = save_run(store, user, _run(good_row("A")), {})
    text = "<script>&</script> ŋ đ č ŧ ï {0} \x00?"
    store.save_screening_note(user, saved.run_id, "A", motivation=text)
    text = text.replace("\x00", "")  # the one character no database text can hold
    assert open_run(store, user, saved.run_id).run.motivation("A") == text
    with pytest.raises(UserError):
        store.save_screening_note(user, saved.run_id, "A", motivation="x" * 300_000)
    assert open_run(store, user, saved.run_id).run.motivation("A") == text  # nothing half-written


def test_damaged_payload_is_a_clear_error() -> None:
    with pytest.raises(UserError) as err:
        decode_run(b"not zlib at all")
    assert "kan inte läsas" in err.value.message("sv")


def test_note_save_is_fast_with_500_applications(store: Store) -> None:
    """Server time of one edit: the store's share (the page's share is in the AppTest bench)."""
    user = store.local_user()
    run = _run(*(good_row(f"A{i}") for i in range(500)))
    saved = save_run(store, user, run, {})
    timings = []
    for i in range(20):
        start = time.perf_counter()
        store.save_screening_note(user, saved.run_id, f"A{i}", motivation=f"Text {i}.", base_revision=0)
        timings.append(time.perf_counter() - start)
    assert sorted(timings)[len(timings) // 2] < 0.2


def test_a_dismissed_hint_keeps_the_cells_score_and_a_change_reopens_it(store: Store) -> None:
    user = store.local_user()
    row = good_row("A", sdg_claims="9:+2: Ny industrihall för fyrtio jobb i byn; 5:+1: Fler kvinnor anställs")
    saved = save_run(store, user, _run(row, lookup=edges_lookup(("sdg:9", "sdg:13", -2))), {})
    (hint,) = open_run(store, user, saved.run_id).run.results[0].hints
    assert (hint.key, hint.score) == ("sdg:9>sdg:13", -2)  # the score is in the stored run
    note = store.save_screening_note(
        user, saved.run_id, "A", dismiss={hint.key: "Inga utsläpp"}, dismiss_scores={hint.key: -2}
    ).note
    assert note.dismissed[hint.key]["score"] == -2
    reopened = open_run(store, user, saved.run_id).run
    assert reopened.dismissed("A")[hint.key].score == -2
    assert [h.key for h in reopened.hint_state(reopened.results[0]).dismissed] == [hint.key]
    # The knowledge base changed: the run screened again scores the cell −1, so the hint is open.
    again = save_run(
        store, user, _run(row, lookup=edges_lookup(("sdg:9", "sdg:13", -1))), {}, run_id=saved.run_id
    )
    state = again.run.hint_state(again.run.results[0])
    assert [h.key for h in state.open] == [hint.key] and state.changed[hint.key].reason == "Inga utsläpp"
    # A dismissal saved without a score (before scores were recorded) holds whatever the cell says.
    store.save_screening_note(user, saved.run_id, "A", dismiss={hint.key: "Inga utsläpp"})
    older = open_run(store, user, saved.run_id).run
    assert older.dismissed("A")[hint.key].score is None
    assert [h.key for h in older.hint_state(older.results[0]).dismissed] == [hint.key]
