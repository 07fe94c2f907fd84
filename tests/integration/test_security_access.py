"""Access that must end or never start: fail-closed login configuration, revocation of members and
share codes, and OIDC account linking — on both backends (issue 13, reliability review F1–F3)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assessment.domain.assessment import Assessment
from assessment.errors import AccessDenied, UserError
from assessment.storage import Role, Store, User, open_store
from assessment.storage.login_mode import ServingRefused, login_mode, serving_mode

ROOT = Path(__file__).resolve().parents[2]


def future(days: float = 1) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=days)


@pytest.fixture
def org(store: Store) -> dict[str, Any]:
    """Workspace krokom: admin Ada, editors Ed and Fia, and two outsiders (Pia, Mal)."""
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokoms kommun")
    users = {name: store.add_user(root, name, name.title()) for name in ("ada", "ed", "fia", "pia", "mal")}
    store.grant(root, "krokom", "ada", Role.admin)
    store.grant(root, "krokom", "ed", Role.editor)
    store.grant(root, "krokom", "fia", Role.editor)
    a = store.create(users["ada"], Assessment(title="Vindkraft"), workspace_id="krokom")
    return {"root": root, **users, "a": a.id}


def denied_everything(store: Store, user: User, assessment_id: str) -> None:
    for call in (
        lambda: store.get(user, assessment_id),
        lambda: store.version(user, assessment_id),
        lambda: store.history(user, assessment_id),
        lambda: store.revision(user, assessment_id, 1),
        lambda: store.save(user, assessment_id, Assessment(title="kapad"), 1),
        lambda: store.restore(user, assessment_id, 1),
    ):
        with pytest.raises(AccessDenied):
            call()
    assert store.list(user) == []


# -- F1: fail closed ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "  ", "locale", "1", "true", "ldap", "embedded", "nonE!"])
def test_unknown_or_empty_login_mode_is_refused(value: str) -> None:
    with pytest.raises(ServingRefused) as err:
        login_mode({"ASSESSMENT_AUTH": value})
    message = err.value.message("en")
    assert "ASSESSMENT_AUTH" in message and "docs/deployment.md" in message
    assert ("is not set" if not value.strip() else "none, local, oidc") in message


def test_unset_login_mode_is_refused_and_valid_ones_accepted() -> None:
    with pytest.raises(ServingRefused, match="not set"):
        login_mode({})
    assert [login_mode({"ASSESSMENT_AUTH": v}) for v in ("none", " Local ", "OIDC")] == [
        "none",
        "local",
        "oidc",
    ]


def test_control_characters_in_the_value_are_not_echoed() -> None:
    with pytest.raises(ServingRefused) as err:
        login_mode({"ASSESSMENT_AUTH": "x\x1b[2Jy"})
    assert "\x1b" not in err.value.message("sv")


def test_no_login_only_for_ones_own_store(store: Store) -> None:
    fresh = {"ASSESSMENT_AUTH": "none"}
    if store.backend == "postgresql":
        with pytest.raises(ServingRefused, match="SQLite"):
            serving_mode(store, fresh)
        return
    store.local_user()
    assert serving_mode(store, fresh) == "none"
    root = store.local_user()
    store.create_workspace(root, "region", "Region")
    with pytest.raises(ServingRefused, match="workspaces"):
        serving_mode(store, fresh)
    assert serving_mode(store, {"ASSESSMENT_AUTH": "local"}) == "local"


def test_no_login_refused_when_any_account_exists(store: Store) -> None:
    root = store.local_user()
    store.add_user(root, "anna", "Anna")
    with pytest.raises(ServingRefused):
        serving_mode(store, {"ASSESSMENT_AUTH": "none"})


def _serve_check(env: dict[str, str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    full = {"PATH": "/usr/bin:/bin", "ASSESSMENT_DATA_DIR": str(data_dir), **env}
    return subprocess.run(
        [sys.executable, "-m", "assessment", "--lang", "en", "serve-check"],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serve_check_stops_the_start(tmp_path: Path) -> None:
    unset = _serve_check({}, tmp_path)
    assert unset.returncode == 2 and "is not set" in unset.stderr and "Traceback" not in unset.stderr
    typo = _serve_check({"ASSESSMENT_AUTH": "locale"}, tmp_path)
    assert typo.returncode == 2 and "locale" in typo.stderr
    ok = _serve_check({"ASSESSMENT_AUTH": "none"}, tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "OK: login none" in ok.stdout
    store = open_store(f"sqlite:///{tmp_path / 'assessments.db'}")
    store.add_user(store.local_user(), "anna")
    store.close()
    shared = _serve_check({"ASSESSMENT_AUTH": "none"}, tmp_path)
    assert shared.returncode == 2 and "user accounts" in shared.stderr
    assert _serve_check({"ASSESSMENT_AUTH": "local"}, tmp_path).returncode == 0


def test_make_run_binds_to_loopback_with_an_explicit_mode() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = makefile[makefile.index("\nrun:") :].split("\n\n")[0]
    assert "serve-check" in run and "--server.address $(ADDRESS)" in run
    assert "ADDRESS ?= 127.0.0.1" in makefile and "ASSESSMENT_AUTH ?= none" in makefile


# -- F2: revocation ----------------------------------------------------------------------------


def test_removed_member_loses_self_redeemed_access(store: Store, org: dict[str, Any]) -> None:
    ed: User = org["ed"]
    code = store.create_share(ed, org["a"], Role.editor, future(30))
    store.redeem_share(ed, code)  # a grant of their own, to outlive the membership
    spare = store.create_share(ed, org["a"], Role.editor, future(30))
    store.grant(org["ada"], "krokom", "ed", None)
    denied_everything(store, ed, org["a"])
    # Their spare code no longer works for an accomplice either.
    with pytest.raises(AccessDenied):
        store.redeem_share(org["mal"], spare)
    denied_everything(store, org["mal"], org["a"])


def test_removing_the_creator_revokes_access_given_by_their_codes(store: Store, org: dict[str, Any]) -> None:
    code = store.create_share(org["ed"], org["a"], Role.editor, future())
    store.redeem_share(org["pia"], code)
    assert store.get(org["pia"], org["a"]).role is Role.editor
    other = store.create_share(org["fia"], org["a"], Role.viewer, future())
    store.redeem_share(org["mal"], other)
    store.grant(org["ada"], "krokom", "ed", None)
    denied_everything(store, org["pia"], org["a"])
    # Fia's code and the access it gave are untouched.
    assert store.get(org["mal"], org["a"]).role is Role.viewer
    assert [p.username for p in store.participants(org["fia"], org["a"])] == ["mal"]


def test_lowering_a_member_to_viewer_ends_their_codes_and_self_grants(
    store: Store, org: dict[str, Any]
) -> None:
    ed: User = org["ed"]
    store.redeem_share(ed, store.create_share(ed, org["a"], Role.editor, future()))
    spare = store.create_share(ed, org["a"], Role.editor, future())
    store.grant(org["ada"], "krokom", "ed", Role.viewer)
    assert store.get(ed, org["a"]).role is Role.viewer  # no escalation through an own code
    with pytest.raises(AccessDenied):
        store.save(ed, org["a"], Assessment(title="x"), 1)
    with pytest.raises(AccessDenied):
        store.redeem_share(org["pia"], spare)


def test_code_stops_working_when_its_creator_loses_the_role(store: Store, org: dict[str, Any]) -> None:
    """Also when the membership changed outside `grant` (e.g. the row edited by an operator)."""
    from assessment.storage.schema import MembershipRow

    code = store.create_share(org["ed"], org["a"], Role.editor, future())
    with store._session(write=True) as s:
        row = s.get(MembershipRow, (org["ed"].id, "krokom"))
        assert row is not None
        row.role = Role.viewer.value
    with pytest.raises(AccessDenied):
        store.redeem_share(org["pia"], code)


def test_list_and_end_one_share(store: Store, org: dict[str, Any]) -> None:
    workshop = store.create_share(org["ed"], org["a"], Role.editor, future())
    readers = store.create_share(org["fia"], org["a"], Role.viewer, future(7))
    store.redeem_share(org["pia"], workshop)
    store.redeem_share(org["mal"], readers)
    shares = {s.created_by: s for s in store.shares(org["ada"], org["a"])}
    assert set(shares) == {"ed", "fia"}
    assert (shares["ed"].role, shares["ed"].participants) == (Role.editor, 1)
    assert all(workshop.replace("-", "") not in repr(s) for s in shares.values())
    assert store.end_share(org["fia"], org["a"], shares["ed"].id) == 1
    denied_everything(store, org["pia"], org["a"])
    with pytest.raises(AccessDenied):
        store.redeem_share(org["pia"], workshop)
    assert [s.created_by for s in store.shares(org["ada"], org["a"])] == ["fia"]
    assert store.get(org["mal"], org["a"]).role is Role.viewer
    with pytest.raises(UserError):
        store.end_share(org["ada"], org["a"], shares["ed"].id)  # already ended
    with pytest.raises(UserError):
        store.end_share(org["ada"], org["a"], "%")


def test_remove_one_participant_and_end_all(store: Store, org: dict[str, Any]) -> None:
    code = store.create_share(org["ed"], org["a"], Role.viewer, future())
    store.redeem_share(org["pia"], code)
    store.redeem_share(org["mal"], code)
    assert store.remove_participant(org["ed"], org["a"], "pia") is True
    assert store.remove_participant(org["ed"], org["a"], "pia") is False
    denied_everything(store, org["pia"], org["a"])
    assert store.end_sharing(org["fia"], org["a"]) == 1
    denied_everything(store, org["mal"], org["a"])
    assert store.shares(org["ada"], org["a"]) == [] and store.participants(org["ada"], org["a"]) == []


def test_share_management_needs_workspace_editor(store: Store, org: dict[str, Any]) -> None:
    code = store.create_share(org["ed"], org["a"], Role.editor, future())
    store.redeem_share(org["pia"], code)
    share_id = store.shares(org["ed"], org["a"])[0].id
    for call in (
        lambda: store.shares(org["pia"], org["a"]),
        lambda: store.participants(org["pia"], org["a"]),
        lambda: store.end_share(org["pia"], org["a"], share_id),
        lambda: store.remove_participant(org["pia"], org["a"], "ed"),
        lambda: store.shares(org["mal"], org["a"]),
        lambda: store.end_sharing(org["mal"], org["a"]),
    ):
        with pytest.raises(AccessDenied):
            call()
    assert store.get(org["pia"], org["a"]).role is Role.editor


def test_expired_code_and_no_escalation_by_codes(store: Store, org: dict[str, Any]) -> None:
    viewer_code = store.create_share(org["ed"], org["a"], Role.viewer, future())
    store.redeem_share(org["pia"], viewer_code)
    with pytest.raises(AccessDenied):
        store.create_share(org["pia"], org["a"], Role.viewer, future())  # participants cannot pass it on
    with pytest.raises(AccessDenied):
        store.create_share(org["ed"], org["a"], Role.admin, future())
    with pytest.raises(AccessDenied):
        store.delete(org["pia"], org["a"])
    from assessment.storage.schema import GrantRow

    with store._session(write=True) as s:
        grant = s.get(GrantRow, (org["pia"].id, org["a"]))
        assert grant is not None
        grant.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    denied_everything(store, org["pia"], org["a"])


# -- F3: OIDC account linking --------------------------------------------------------------------


def test_unverified_address_never_takes_over_an_account(store: Store) -> None:
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokom")
    anna = store.add_user(root, "anna@krokom.se", "Anna")
    store.grant(root, "krokom", "anna@krokom.se", Role.admin)
    base = {"iss": "https://idp", "email": "anna@krokom.se"}
    for n, verified in enumerate([None, False, "false", 1, "yes", "True "]):
        claims = {**base, "sub": f"attacker-{n}"}
        if verified is not None:
            claims["email_verified"] = verified
        attacker = store.user_from_oidc(claims)
        if verified == "True ":
            assert attacker == anna  # a provider sending the string "true" vouches for it
            break
        assert attacker != anna and store.workspaces(attacker) == [], verified


def test_local_part_is_case_sensitive_and_domain_is_not(store: Store) -> None:
    root = store.local_user()
    anna = store.add_user(root, "anna@krokom.se", "Anna")
    verified = {"iss": "https://idp", "email_verified": True}
    other = store.user_from_oidc({**verified, "sub": "1", "email": "Anna@krokom.se"})
    assert other != anna and other.username == "Anna@krokom.se"
    assert store.user_from_oidc({**verified, "sub": "2", "email": "anna@KROKOM.se"}) == anna


def test_provider_specific_verified_claim(store: Store) -> None:
    root = store.local_user()
    anna = store.add_user(root, "anna@krokom.se", "Anna")
    claims = {"iss": "https://login.microsoftonline.com/x", "sub": "e1", "email": "anna@krokom.se"}
    assert store.user_from_oidc({**claims, "xms_edov": True}) != anna  # not the configured claim
    assert store.user_from_oidc({**claims, "sub": "e2", "xms_edov": True}, verified_claim="xms_edov") == anna


def test_cli_lists_and_ends_shares(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from assessment.cli import main

    store = open_store(store_url)
    root = store.local_user()
    store.create_workspace(root, "krokom", "Krokom")
    ed = store.add_user(root, "ed", "Ed")
    store.grant(root, "krokom", "ed", Role.editor)
    pia = store.add_user(root, "pia", "Pia")
    mal = store.add_user(root, "mal", "Mal")
    a = store.create(ed, Assessment(title="Vindkraft"), workspace_id="krokom").id
    first = store.create_share(ed, a, Role.editor, future())
    second = store.create_share(ed, a, Role.viewer, future())
    store.redeem_share(pia, first)
    store.redeem_share(mal, second)
    base = ["--lang", "en", "storage", "--database-url", store_url]
    assert main([*base, "shares", a]) == 0
    out = capsys.readouterr().out
    assert out.count("created by ed") == 2 and "participant pia" in out and "participant mal" in out
    share_id = next(s.id for s in store.shares(root, a) if s.role is Role.editor)
    assert main([*base, "end-sharing", a, "--share", share_id]) == 0
    assert "1 participant no longer has access" in capsys.readouterr().out
    denied_everything(store, pia, a)
    assert main([*base, "end-sharing", a, "--participant", "mal"]) == 0
    denied_everything(store, mal, a)
    assert main([*base, "end-sharing", a]) == 0
    with pytest.raises(AccessDenied):
        store.redeem_share(pia, second)
    assert main([*base, "end-sharing", a, "--share", "0" * 16]) == 2
    assert "no live share code" in capsys.readouterr().err
    store.close()


# -- F4: guessing ------------------------------------------------------------------------------


def _unlock(store: Store, key: str) -> None:
    """Move the key's lock into the past (what 15 minutes of waiting does)."""
    from assessment.storage.schema import ThrottleRow

    with store._session(write=True) as s:
        row = s.get(ThrottleRow, key)
        assert row is not None and row.locked_until is not None
        row.locked_until = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        row.window_start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)


def test_local_login_locks_after_five_failures(store: Store) -> None:
    root = store.local_user()
    anna = store.add_user(root, "anna", "Anna", password="workshop-Krokom-2026")
    attempts = {"refused": 0, "locked": 0}
    for _ in range(30):
        with pytest.raises(AccessDenied) as err:
            store.authenticate_local("anna", "fel-lösenord-123")
        attempts["locked" if "Try again" in err.value.message("en") else "refused"] += 1
    print(f"wrong passwords: refused {attempts['refused']}, refused as locked {attempts['locked']}")
    assert attempts == {"refused": 5, "locked": 25}
    with pytest.raises(AccessDenied, match="Try again in 15 minutes"):
        store.authenticate_local("anna", "workshop-Krokom-2026")  # right password, still locked
    _unlock(store, "login:anna")
    assert store.authenticate_local("anna", "workshop-Krokom-2026") == anna
    # Success cleared the count: four more failures do not lock.
    for _ in range(4):
        with pytest.raises(AccessDenied, match="Wrong user name"):
            store.authenticate_local("anna", "fel")
    assert store.authenticate_local("anna", "workshop-Krokom-2026") == anna


def test_lock_is_the_same_for_unknown_users(store: Store) -> None:
    for _ in range(5):
        with pytest.raises(AccessDenied, match="Wrong user name"):
            store.authenticate_local("nobody", "fel")
    with pytest.raises(AccessDenied, match="Try again"):
        store.authenticate_local("nobody", "fel")


def test_login_lock_holds_across_processes(store_url: str) -> None:
    """Two store objects (two app processes) share the count through the database."""
    first, second = open_store(store_url), open_store(store_url)
    try:
        first.add_user(first.local_user(), "anna", password="workshop-Krokom-2026")
        for n in range(5):
            with pytest.raises(AccessDenied):
                (first if n % 2 else second).authenticate_local("anna", "fel")
        with pytest.raises(AccessDenied, match="Try again"):
            first.authenticate_local("anna", "workshop-Krokom-2026")
    finally:
        first.close()
        second.close()


def test_share_code_guessing_locks_the_guesser(store: Store, org: dict[str, Any]) -> None:
    real = store.create_share(org["ed"], org["a"], Role.viewer, future())
    for n in range(10):
        with pytest.raises(AccessDenied, match="not valid"):
            store.redeem_share(org["mal"], f"AAAAA-{n:05d}")
    with pytest.raises(AccessDenied, match="Too many invalid codes"):
        store.redeem_share(org["mal"], real)
    # Someone else is not affected by Mal's lock.
    assert store.redeem_share(org["pia"], real) == org["a"]


def test_old_scrypt_hash_is_replaced_by_argon2id_at_login(store: Store) -> None:
    import base64
    import hashlib

    from assessment.storage.schema import UserRow

    root = store.local_user()
    anna = store.add_user(root, "anna", "Anna")
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"gammalt-losen-1", salt=salt, n=2**14, r=8, p=1, dklen=32)
    legacy = "$".join(
        ["scrypt", "16384", "8", "1", base64.b64encode(salt).decode(), base64.b64encode(digest).decode()]
    )
    with store._session(write=True) as s:
        row = s.get(UserRow, anna.id)
        assert row is not None
        row.password_hash = legacy
    assert store.authenticate_local("anna", "gammalt-losen-1") == anna
    with store._session() as s:
        stored = s.get(UserRow, anna.id)
        assert stored is not None and stored.password_hash is not None
        assert stored.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert store.authenticate_local("anna", "gammalt-losen-1") == anna


def test_trivial_passwords_are_refused_by_the_store(store: Store) -> None:
    root = store.local_user()
    for password in ("        ", "aaaaaaaa", "12345678", "annakarl"):
        with pytest.raises(UserError):
            store.add_user(root, "annakarl", password=password)
    store.add_user(root, "annakarl", password="rätt häst batteri")
    with pytest.raises(UserError):
        store.set_password(root, "annakarl", " " * 12)


def test_lone_surrogate_password_is_refused_not_a_crash(store: Store) -> None:
    root = store.local_user()
    store.add_user(root, "anna", password="workshop-Krokom-2026")
    with pytest.raises(AccessDenied):
        store.authenticate_local("anna", "\ud800workshop")
    with pytest.raises(UserError):
        store.set_password(root, "anna", "\ud800" * 12)


# -- files on disk -----------------------------------------------------------------------------


def test_files_on_disk_are_owner_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import stat

    from assessment.cli import main

    old = os.umask(0o022)  # the usual default, which used to give 0644 files
    try:
        data = tmp_path / "data"
        url = f"sqlite:///{data / 'assessments.db'}"
        store = open_store(url)
        user = store.local_user()
        store.create(user, Assessment(title="Konfidentiell"))
        created = sorted(p.name for p in data.iterdir())
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data.iterdir()}
        store.close()
        assert "assessments.db-wal" in created  # open while the store is open
        assert set(modes.values()) == {0o600}, modes
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        backup = tmp_path / "backup.zip"
        assert main(["storage", "--database-url", url, "export", "default", "-o", str(backup)]) == 0
        example = ROOT / "examples" / "rsp" / "rsp_are.yaml"
        assert main(["report", str(example), "-o", str(tmp_path / "r.pdf")]) == 0
        assert main(["portfolio", str(example), "--xlsx", str(tmp_path / "p.xlsx"), "--json"]) == 0
        capsys.readouterr()
        for name in ("backup.zip", "r.pdf", "p.xlsx"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    finally:
        os.umask(old)
