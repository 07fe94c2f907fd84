"""Workspace isolation for every public store call (issue 13, access suite), and what a share-code
participant may see: on both backends.

`test_every_public_call_is_classified` fails when a new public method of `Store` is added without
saying here how it is isolated, so no call escapes the check.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from assessment.domain.assessment import Assessment
from assessment.errors import AccessDenied, UserError
from assessment.storage import Role, Store, User
from assessment.storage.types import ScreeningRecord

Call = Callable[[Store, User, dict[str, Any]], object]

# Every call that takes an assessment id, run id or workspace id, made by a user of workspace A
# (or nobody's) against workspace B's objects. Each must be refused (AccessDenied).
REFUSED: dict[str, Call] = {
    "get": lambda st, u, b: st.get(u, b["a"]),
    "version": lambda st, u, b: st.version(u, b["a"]),
    "history": lambda st, u, b: st.history(u, b["a"]),
    "revision": lambda st, u, b: st.revision(u, b["a"], 1),
    "diff": lambda st, u, b: st.diff(u, b["a"], 1, 1),
    "save": lambda st, u, b: st.save(u, b["a"], Assessment(title="kapad"), 1),
    "restore": lambda st, u, b: st.restore(u, b["a"], 1),
    "delete": lambda st, u, b: st.delete(u, b["a"]),
    "create": lambda st, u, b: st.create(u, Assessment(title="in"), "region"),
    "create_share": lambda st, u, b: st.create_share(u, b["a"], Role.viewer, _future()),
    "shares": lambda st, u, b: st.shares(u, b["a"]),
    "participants": lambda st, u, b: st.participants(u, b["a"]),
    "end_share": lambda st, u, b: st.end_share(u, b["a"], b["share_id"]),
    "end_sharing": lambda st, u, b: st.end_sharing(u, b["a"]),
    "remove_participant": lambda st, u, b: st.remove_participant(u, b["a"], "bob"),
    "export_workspace": lambda st, u, b: st.export_workspace(u, "region"),
    "import_workspace": lambda st, u, b: st.import_workspace(u, b["archive"], "region"),
    "members": lambda st, u, b: st.members(u, "region"),
    "grant": lambda st, u, b: st.grant(u, "region", u.username, Role.admin),
    "create_workspace": lambda st, u, b: st.create_workspace(u, "ny", "Ny"),
    "add_user": lambda st, u, b: st.add_user(u, "spion", password="spion-lösen-123", site_admin=True),
    "set_password": lambda st, u, b: st.set_password(u, "bob", "kapat-lösen-123"),
    "list": lambda st, u, b: st.list(u, workspace_id="region"),
    "listed_versions": lambda st, u, b: st.listed_versions(u, workspace_id="region"),
    "open_screening": lambda st, u, b: st.open_screening(u, b["run"]),
    "screening_versions": lambda st, u, b: st.screening_versions(u, b["run"]),
    "screening_note_history": lambda st, u, b: st.screening_note_history(u, b["run"], "A"),
    "save_screening_note": lambda st, u, b: st.save_screening_note(u, b["run"], "A", notes="kapad"),
    "save_screening": lambda st, u, b: st.save_screening(u, _record(), run_id=b["run"]),
    "delete_screening": lambda st, u, b: st.delete_screening(u, b["run"]),
    "screening_runs": lambda st, u, b: st.screening_runs(u, "region"),
    "column_mapping": lambda st, u, b: st.column_mapping(u, "region", "eruf_project"),
    "save_column_mapping": lambda st, u, b: st.save_column_mapping(
        u, "region", "eruf_project", {"x": "title"}
    ),
    # Workshops (cross-impact scoring) on B's assessment.
    "create_workshop": lambda st, u, b: st.create_workshop(u, b["a"], CODES),
    "workshops": lambda st, u, b: st.workshops(u, b["a"]),
    "workshop_version": lambda st, u, b: st.workshop_version(u, b["workshop"]),
    "workshop_board": lambda st, u, b: st.workshop_board(u, b["workshop"]),
    "join_workshop": lambda st, u, b: st.join_workshop(u, b["workshop"]),
    "cast_vote": lambda st, u, b: st.cast_vote(u, b["workshop"], CELL, 1),
    "place_dots": lambda st, u, b: st.place_dots(u, b["workshop"], CELL, 1),
    "set_workshop_codes": lambda st, u, b: st.set_workshop_codes(u, b["workshop"], CODES[:5]),
    "reveal_cells": lambda st, u, b: st.reveal_cells(u, b["workshop"], [CELL]),
    "lock_cell": lambda st, u, b: st.lock_cell(u, b["workshop"], CELL, 1),
    "unlock_cell": lambda st, u, b: st.unlock_cell(u, b["workshop"], CELL),
    "lock_cells": lambda st, u, b: st.lock_cells(u, b["workshop"], {CELL: 1}),
    "delete_workshop": lambda st, u, b: st.delete_workshop(u, b["workshop"]),
}
# Calls on the caller's own workspace that need its admin role: refused to its viewers and editors
# (below), on top of being refused across workspaces. The backup holds every revision and author.
ADMIN_ONLY: dict[str, Call] = {
    "export_workspace": lambda st, u, b: st.export_workspace(u, "region"),
    "members": lambda st, u, b: st.members(u, "region"),
    "grant": lambda st, u, b: st.grant(u, "region", "nobody", Role.viewer),
    "delete": lambda st, u, b: st.delete(u, b["a"]),
    "delete_screening": lambda st, u, b: st.delete_screening(u, b["run"]),
}
CODES = ["7", "8", "9", "12", "13", "7.2"]
CELL = ("sdg:8", "sdg:13")
# Calls scoped to the caller alone (their own account, their own lists): checked for leaks below.
OWN_SCOPE = {"workspaces", "ui_state", "set_ui_state", "redeem_share", "local_user"}
# Identity, not data: who someone is (`authenticate_local`, `user_from_oidc`); and plumbing.
NOT_DATA = {"authenticate_local", "user_from_oidc", "close", "backend"}
# Batch reads that leave out what the caller may not read (instead of refusing the whole batch).
FILTERED = {"documents", "projections"}


def _future() -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=1)


def _record() -> ScreeningRecord:
    return ScreeningRecord("ansökningar.xlsx", "0" * 64, 10, "eruf_project", {}, {"rows": 1}, b"{}")


def test_every_public_call_is_classified() -> None:
    public = {name for name, _ in inspect.getmembers(Store) if not name.startswith("_")}
    known = set(REFUSED) | OWN_SCOPE | NOT_DATA | FILTERED
    assert public == known, public ^ known
    assert set(ADMIN_ONLY) <= set(REFUSED)


@pytest.fixture
def two(store: Store) -> dict[str, Any]:
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokom")
    store.create_workspace(root, "region", "Region – konfidentiellt")
    alice = store.add_user(root, "alice", "Alice", password="alice-lösen-123")
    bob = store.add_user(root, "bob", "Bob", password="bob-lösen-12345")
    nobody = store.add_user(root, "nobody", "Nobody")
    store.grant(root, "krokom", "alice", Role.admin)  # admin of A: the strongest non-site role
    store.grant(root, "region", "bob", Role.editor)
    a = store.create(bob, Assessment(title="HEMLIG-B"), "region").id
    store.create_share(bob, a, Role.editor, _future())
    run = store.save_screening(bob, _record(), workspace_id="region").id
    store.save_screening_note(bob, run, "A", notes="hemlig anteckning")
    store.save_column_mapping(bob, "region", "eruf_project", {"nr": "id"})
    workshop = store.create_workshop(bob, a, CODES).id
    archive = store.export_workspace(root, "krokom")
    return {
        "alice": alice,
        "nobody": nobody,
        "bob": bob,
        "b": {
            "a": a,
            "run": run,
            "share_id": store.shares(bob, a)[0].id,
            "archive": archive,
            "workshop": workshop,
        },
    }


def test_a_user_of_workspace_a_gets_nothing_of_workspace_b(store: Store, two: dict[str, Any]) -> None:
    refused = 0
    for user in (two["alice"], two["nobody"]):
        for name, call in REFUSED.items():
            with pytest.raises(AccessDenied):
                call(store, user, two["b"])
                pytest.fail(f"{name} was allowed")
            refused += 1
        assert store.list(user) == [] or all(s.workspace_id == "krokom" for s in store.list(user))
        assert store.list(user, search="HEMLIG") == []
        assert all(w.id != "region" for w in store.workspaces(user))
        assert store.screening_runs(user) == []
        assert store.documents(user, [two["b"]["a"]]) == {}
        assert store.projections(user, [two["b"]["a"]]) == {}
    print(f"\ncross-workspace calls refused on {store.backend}: {refused}")
    # Nothing changed for B.
    bob = two["bob"]
    assert store.get(bob, two["b"]["a"]).assessment.title == "HEMLIG-B"
    assert list(store.documents(bob, [two["b"]["a"]])) == [two["b"]["a"]]
    assert store.projections(bob, [two["b"]["a"]])[two["b"]["a"]].projection.title == "HEMLIG-B"
    assert store.open_screening(bob, two["b"]["run"]).notes["A"].notes == "hemlig anteckning"
    assert len(store.shares(bob, two["b"]["a"])) == 1
    assert [u.username for u, _ in store.members(store.local_user(), "region")] == ["bob", "local"]


def test_admin_calls_are_refused_to_the_workspaces_own_viewers_and_editors(
    store: Store, two: dict[str, Any]
) -> None:
    root = store.local_user()
    viewer = store.add_user(root, "vera", "Vera")
    admin = store.add_user(root, "ada", "Ada")
    store.grant(root, "region", "vera", Role.viewer)
    store.grant(root, "region", "ada", Role.admin)
    refused = 0
    for member in (viewer, two["bob"]):  # a viewer, and the editor who wrote everything there
        for name, call in ADMIN_ONLY.items():
            with pytest.raises(AccessDenied):
                call(store, member, two["b"])
                pytest.fail(f"{name} was allowed to a {store.get(member, two['b']['a']).role}")
            refused += 1
    print(f"\nadmin-only calls refused to viewers/editors on {store.backend}: {refused}")
    assert store.get(two["bob"], two["b"]["a"]).assessment.title == "HEMLIG-B"  # nothing deleted
    # The workspace's admin makes the backup: every assessment with its history.
    archive = store.export_workspace(admin, "region")
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        revisions = [n for n in zf.namelist() if n.startswith(f"revisions/{two['b']['a']}/")]
    assert revisions == [f"revisions/{two['b']['a']}/1.yaml"]


def test_unknown_ids_and_foreign_ids_are_told_apart_by_nothing(store: Store, two: dict[str, Any]) -> None:
    alice: User = two["alice"]
    messages = set()
    for assessment_id in (two["b"]["a"], "0" * 32, "../x", ""):
        with pytest.raises(AccessDenied) as err:
            store.get(alice, assessment_id)
        messages.add(err.value.message("en"))
    assert len(messages) == 1


# -- share-code participants -------------------------------------------------------------------


def test_participant_sees_history_from_joining_and_no_other_authors(
    store: Store, two: dict[str, Any]
) -> None:
    bob: User = two["bob"]
    a = two["b"]["a"]
    first = store.get(bob, a)
    secret = first.assessment.model_copy(update={"description": "raderas före workshoppen"})
    v2 = store.save(bob, a, secret, first.version).stored
    v3 = store.save(bob, a, v2.assessment.model_copy(update={"description": ""}), v2.version).stored
    code = store.create_share(bob, a, Role.editor, _future())
    alice: User = two["alice"]
    store.redeem_share(alice, code)
    store.save(alice, a, v3.assessment.model_copy(update={"title": "HEMLIG-B, workshop"}), v3.version)
    history = store.history(alice, a, "en")
    assert [r.version for r in history] == [4, 3]
    assert [r.author for r in history] == ["alice", "another participant"]
    for version in (1, 2):
        with pytest.raises(UserError, match="does not exist"):
            store.revision(alice, a, version)
        with pytest.raises(UserError):
            store.diff(alice, a, version, 4)
        with pytest.raises(UserError):
            store.restore(alice, a, version)  # no resurrecting text deleted before the workshop
    assert store.revision(alice, a, 3).description == ""
    assert store.get(alice, a).updated_by == "alice"  # her own save
    store.save(bob, a, store.get(bob, a).assessment.model_copy(update={"title": "Bobs"}), 4)
    assert store.get(alice, a).updated_by == "" and [s.updated_by for s in store.list(alice)] == [""]
    # The workspace's own editor still sees everything.
    assert [r.version for r in store.history(bob, a)] == [5, 4, 3, 2, 1]
    assert store.get(bob, a).updated_by == "bob"
    assert {r.author for r in store.history(bob, a)} == {"bob", "alice"}


def test_participant_role_stays_within_the_code(store: Store, two: dict[str, Any]) -> None:
    bob: User = two["bob"]
    a = two["b"]["a"]
    viewer_code = store.create_share(bob, a, Role.viewer, _future())
    nobody: User = two["nobody"]
    store.redeem_share(nobody, viewer_code)
    assert store.get(nobody, a).role is Role.viewer
    for call in (
        lambda: store.save(nobody, a, Assessment(title="x"), 1),
        lambda: store.restore(nobody, a, 1),
        lambda: store.delete(nobody, a),
        lambda: store.create_share(nobody, a, Role.viewer, _future()),
        lambda: store.export_workspace(nobody, "region"),
        lambda: store.list(nobody, workspace_id="region") and store.members(nobody, "region"),
        lambda: store.open_screening(nobody, two["b"]["run"]),
    ):
        with pytest.raises(AccessDenied):
            call()
    # Only that one assessment is visible.
    assert [s.id for s in store.list(nobody)] == [a]
