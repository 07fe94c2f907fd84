"""Access control in the library: workspaces, roles, share codes, logins — on both backends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from assessment.domain.assessment import Actor, Assessment
from assessment.errors import AccessDenied, UserError
from assessment.storage import Role, Store, User
from assessment.storage.schema import ShareRow


def make(title: str) -> Assessment:
    return Assessment(title=title)


def future(days: float = 1) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=days)


@pytest.fixture
def two_orgs(store: Store) -> dict[str, Any]:
    """Workspace A (Krokom) and B (Region, confidential) with one editor each and a viewer."""
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    store.create_workspace(root, "region", "Region JH – ärenden")
    alice = store.add_user(root, "alice@krokom.se", "Alice", password="hemligt-lösen-1")
    bob = store.add_user(root, "bob@regionjh.se", "Bob", password="hemligt-lösen-2")
    vera = store.add_user(root, "vera@krokom.se", "Vera")
    store.grant(root, "krokom", "alice@krokom.se", Role.editor)
    store.grant(root, "krokom", "vera@krokom.se", "viewer")
    store.grant(root, "region", "bob@regionjh.se", Role.editor)
    a = store.create(alice, make("Krokom: vindkraft"), workspace_id="krokom")
    b = store.create(bob, make("Konfidentiell ansökan"), workspace_id="region")
    return {"root": root, "alice": alice, "bob": bob, "vera": vera, "a": a.id, "b": b.id}


def test_user_of_a_sees_nothing_of_b(store: Store, two_orgs: dict[str, Any]) -> None:
    alice: User = two_orgs["alice"]
    b: str = two_orgs["b"]
    assert [w.id for w in store.workspaces(alice)] == ["krokom"]
    assert [s.id for s in store.list(alice)] == [two_orgs["a"]]
    assert store.list(alice, search="Konfidentiell") == []
    doc = Assessment(title="kapad")
    calls: list[Callable[[], object]] = [
        lambda: store.get(alice, b),
        lambda: store.version(alice, b),
        lambda: store.history(alice, b),
        lambda: store.revision(alice, b, 1),
        lambda: store.diff(alice, b, 1, 1),
        lambda: store.save(alice, b, doc, 1),
        lambda: store.restore(alice, b, 1),
        lambda: store.delete(alice, b),
        lambda: store.create_share(alice, b, Role.viewer, future()),
        lambda: store.end_sharing(alice, b),
        lambda: store.list(alice, workspace_id="region"),
        lambda: store.export_workspace(alice, "region"),
        lambda: store.import_workspace(alice, store.export_workspace(two_orgs["root"], "krokom"), "region"),
        lambda: store.create(alice, doc, workspace_id="region"),
        lambda: store.grant(alice, "region", "alice@krokom.se", Role.admin),
        lambda: store.members(alice, "region"),
        lambda: store.create_workspace(alice, "egen", "Egen"),
    ]
    for call in calls:
        with pytest.raises(AccessDenied):
            call()
    # Nothing of B changed, and the error does not reveal whether an id exists.
    assert store.get(two_orgs["bob"], b).version == 1
    with pytest.raises(AccessDenied) as missing:
        store.get(alice, "no-such-id")
    with pytest.raises(AccessDenied) as hidden:
        store.get(alice, b)
    assert missing.value.message("en") == hidden.value.message("en")


def test_roles_viewer_editor_admin(store: Store, two_orgs: dict[str, Any]) -> None:
    vera: User = two_orgs["vera"]
    alice: User = two_orgs["alice"]
    a: str = two_orgs["a"]
    stored = store.get(vera, a)
    assert stored.role is Role.viewer
    with pytest.raises(AccessDenied):
        store.save(vera, a, stored.assessment, 1)
    with pytest.raises(AccessDenied):
        store.create(vera, make("x"), workspace_id="krokom")
    with pytest.raises(AccessDenied):
        store.create_share(vera, a, Role.viewer, future())
    store.list(vera, workspace_id="krokom")  # reading is allowed, the full backup is not
    with pytest.raises(AccessDenied):
        store.export_workspace(vera, "krokom")
    # Editors write but do not delete or manage members.
    edited = stored.assessment.model_copy(deep=True)
    edited.actors.append(Actor(name="Jämtkraft"))
    assert store.save(alice, a, edited, 1).stored.version == 2
    with pytest.raises(AccessDenied):
        store.delete(alice, a)
    with pytest.raises(AccessDenied):
        store.grant(alice, "krokom", "vera@krokom.se", Role.editor)
    # Revoking takes effect at once.
    store.grant(two_orgs["root"], "krokom", "vera@krokom.se", None)
    with pytest.raises(AccessDenied):
        store.get(vera, a)
    assert store.list(vera) == []


def test_share_code_gives_one_assessment_until_expiry(store: Store, two_orgs: dict[str, Any]) -> None:
    alice: User = two_orgs["alice"]
    bob: User = two_orgs["bob"]
    a: str = two_orgs["a"]
    code = store.create_share(alice, a, Role.editor, future())
    assert store.redeem_share(bob, code.lower().replace("-", " ")) == a  # forgiving typing
    assert {s.id for s in store.list(bob)} == {a, two_orgs["b"]}
    # The portfolio's two-column listing sees exactly what `list` sees, in its order.
    assert store.listed_versions(bob) == [(s.id, s.version) for s in store.list(bob)]
    stored = store.get(bob, a)
    assert stored.role is Role.editor
    edited = stored.assessment.model_copy(deep=True)
    edited.actors.append(Actor(name="Bobs aktör"))
    store.save(bob, a, edited, stored.version)
    # One assessment only: nothing else of workspace A, and no re-sharing.
    assert [w.id for w in store.workspaces(bob)] == ["region"]
    with pytest.raises(AccessDenied):
        store.export_workspace(bob, "krokom")
    with pytest.raises(AccessDenied):
        store.create_share(bob, a, Role.viewer, future())
    with pytest.raises(AccessDenied):
        store.delete(bob, a)
    # Shares cannot hand out admin or more than the creator has.
    with pytest.raises(AccessDenied):
        store.create_share(alice, a, Role.admin, future())
    with pytest.raises(UserError):
        store.create_share(alice, a, Role.viewer, future(-1))
    with pytest.raises(UserError):
        store.create_share(alice, a, Role.viewer, future(365))


def test_end_sharing_removes_codes_and_access(store: Store, two_orgs: dict[str, Any]) -> None:
    alice: User = two_orgs["alice"]
    bob: User = two_orgs["bob"]
    a: str = two_orgs["a"]
    code = store.create_share(alice, a, Role.editor, future())
    store.redeem_share(bob, code)
    with pytest.raises(AccessDenied):
        store.end_sharing(bob, a)  # a participant cannot end it
    with pytest.raises(AccessDenied):
        store.end_sharing(two_orgs["vera"], a)  # nor a viewer
    assert store.end_sharing(alice, a) == 1
    with pytest.raises(AccessDenied):
        store.get(bob, a)
    with pytest.raises(AccessDenied):
        store.redeem_share(bob, code)
    assert store.get(alice, a).version == 1  # the assessment itself is untouched


def test_expired_share_code_is_refused_and_grant_ends(store: Store, two_orgs: dict[str, Any]) -> None:
    alice: User = two_orgs["alice"]
    bob: User = two_orgs["bob"]
    a: str = two_orgs["a"]
    code = store.create_share(alice, a, Role.viewer, future())
    store.redeem_share(bob, code)
    assert store.get(bob, a).role is Role.viewer
    # Let time pass: move the code's and the grant's expiry into the past.
    from sqlalchemy import update

    from assessment.storage.schema import GrantRow

    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    with store._session(write=True) as s:
        s.execute(update(ShareRow).values(expires_at=past))
        s.execute(update(GrantRow).values(expires_at=past))
    with pytest.raises(AccessDenied) as err:
        store.redeem_share(bob, code)
    assert "expired" in err.value.message("en")
    with pytest.raises(AccessDenied):
        store.get(bob, a)
    assert [s.id for s in store.list(bob)] == [two_orgs["b"]]
    with pytest.raises(AccessDenied):
        store.redeem_share(bob, "AAAAA-AAAAA")


def test_local_login(store: Store, two_orgs: dict[str, Any]) -> None:
    user = store.authenticate_local("alice@krokom.se", "hemligt-lösen-1")
    assert user == two_orgs["alice"]
    for name, password in [
        ("alice@krokom.se", "fel"),
        ("nobody", "hemligt-lösen-1"),
        ("vera@krokom.se", ""),
    ]:  # vera has no password: no local login
        with pytest.raises(AccessDenied):
            store.authenticate_local(name, password)
    with pytest.raises(UserError):
        store.add_user(two_orgs["root"], "kort", password="kort")
    with pytest.raises(UserError):
        store.add_user(two_orgs["root"], "alice@krokom.se")
    for bad in ("", " alice@krokom.se", "alice@krokom.se ", "a\x00b", "x" * 321):
        with pytest.raises(UserError) as refused:
            store.add_user(two_orgs["root"], bad)
        assert refused.value.problems[0].key == "storage.bad_username", repr(bad)
    store.set_password(user, "alice@krokom.se", "ett-nytt-lösenord")
    assert store.authenticate_local("alice@krokom.se", "ett-nytt-lösenord") == user
    with pytest.raises(AccessDenied):
        store.set_password(user, "bob@regionjh.se", "kapat-lösenord")
    from sqlalchemy import select

    from assessment.storage.schema import UserRow

    with store._session() as s:
        hashes = s.scalars(select(UserRow.password_hash)).all()
    assert all(h is None or (h.startswith("$argon2id$") and "lösen" not in h) for h in hashes)


def test_oidc_users(store: Store, two_orgs: dict[str, Any]) -> None:
    claims = {
        "iss": "https://idp.example",
        "sub": "123",
        "email": "alice@Krokom.SE",  # the domain is case-insensitive
        "email_verified": True,
        "name": "Alice A",
    }
    assert store.user_from_oidc(claims) == two_orgs["alice"]  # pre-created by e-mail
    assert store.user_from_oidc({**claims, "email": "changed@krokom.se"}) == two_orgs["alice"]
    newcomer = store.user_from_oidc(
        {"iss": "https://idp.example", "sub": "999", "email": "ny@example.se", "email_verified": True}
    )
    assert store.workspaces(newcomer) == [] and store.list(newcomer) == []
    # Another identity claiming Alice's verified address is not merged into her account.
    with pytest.raises(AccessDenied):
        store.user_from_oidc(
            {"iss": "https://evil.example", "sub": "1", "email": "alice@krokom.se", "email_verified": True}
        )
    # An unverified address is not trusted for matching.
    unverified = store.user_from_oidc(
        {"iss": "https://idp.example", "sub": "555", "email": "bob@regionjh.se", "email_verified": False}
    )
    assert unverified != two_orgs["bob"]
    with pytest.raises(AccessDenied):
        store.user_from_oidc({})


def test_ui_state_is_per_user(store: Store, two_orgs: dict[str, Any]) -> None:
    alice: User = two_orgs["alice"]
    bob: User = two_orgs["bob"]
    store.set_ui_state(alice, {"assessment_id": two_orgs["a"], "step": "actors"})
    assert store.ui_state(bob) == {}
    store.set_ui_state(bob, {"assessment_id": two_orgs["b"]})
    assert store.ui_state(alice) == {"assessment_id": two_orgs["a"], "step": "actors"}
