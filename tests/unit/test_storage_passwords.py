"""Password hashes: argon2id at OWASP parameters, salted, never the password; earlier scrypt and
PBKDF2 hashes still verify and are flagged for rehashing; trivial passwords are refused."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from assessment.errors import UserError
from assessment.storage import passwords


def test_argon2id_round_trip_at_owasp_parameters() -> None:
    stored = passwords.hash_password("rätt lösen ŋ")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$") and "lösen" not in stored
    assert passwords.verify_password("rätt lösen ŋ", stored)
    assert not passwords.verify_password("fel lösen", stored)
    assert stored != passwords.hash_password("rätt lösen ŋ")  # salted
    assert not passwords.needs_rehash(stored)


def _legacy_scrypt(password: str, n: int = 2**14) -> str:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, dklen=32)
    return "$".join(
        ["scrypt", str(n), "8", "1", base64.b64encode(salt).decode(), base64.b64encode(digest).decode()]
    )


def test_hashes_of_earlier_releases_verify_and_need_rehash() -> None:
    old = _legacy_scrypt("hemligt-lösen-1")
    assert passwords.verify_password("hemligt-lösen-1", old)
    assert not passwords.verify_password("hemligt-lösen-2", old)
    assert passwords.needs_rehash(old)
    salt = b"salt-salt-salt-1"
    digest = hashlib.pbkdf2_hmac("sha256", b"hemligt-1", salt, 1000, 32)
    pbkdf2 = "$".join(["pbkdf2", "1000", base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])
    assert passwords.verify_password("hemligt-1", pbkdf2) and passwords.needs_rehash(pbkdf2)
    weaker = "$argon2id$v=19$m=8192,t=1,p=1$" + passwords.hash_password("x" * 9).split("$", 4)[4]
    assert passwords.needs_rehash(weaker)


@pytest.mark.parametrize(
    "bad",
    [None, "", "plain", "md5$x$y", "scrypt$a$b$c$d$e", "scrypt$$$", "$argon2id$broken", "$argon2id$v=19$m=1"],
)
def test_malformed_hashes_never_verify(bad: str | None) -> None:
    assert not passwords.verify_password("anything", bad)


def test_lone_surrogate_is_a_wrong_password_not_a_crash() -> None:
    stored = passwords.hash_password("workshop-Krokom-2026")
    assert not passwords.verify_password("\ud800" * 9, stored)
    assert not passwords.verify_password("\ud800", None)


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("        ", ""),  # eight spaces (accepted before)
        ("\t\t\t\t\t\t\t\t\t", ""),
        ("kort", ""),
        ("aaaaaaaaaaaa", ""),
        ("abababababab", ""),
        ("12345678", ""),
        ("Lösenord", ""),
        ("pass word", ""),
        ("annakarlsson", "annakarlsson"),
        ("anna.berg1", "anna.berg1@krokom.se"),
        ("x" * 1001, ""),
        ("\ud800abcdefgh", ""),
    ],
)
def test_trivial_passwords_are_refused(password: str, username: str) -> None:
    with pytest.raises(UserError):
        passwords.check_policy(password, username)


@pytest.mark.parametrize("password", ["workshop-Krokom-2026", "rätt häst batteri ŋ", "Ŧŋđč-1234"])
def test_reasonable_passwords_pass(password: str, tmp_path: Path) -> None:
    """Accepted as written (spaces, non-ASCII): an account made with it logs in with exactly it."""
    from assessment.errors import AccessDenied
    from assessment.storage import open_store

    passwords.check_policy(password, "anna")
    store = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        store.add_user(store.local_user(), "anna", "Anna", password=password)
        assert store.authenticate_local("anna", password).username == "anna"
        with pytest.raises(AccessDenied):
            store.authenticate_local("anna", password[:-1])
    finally:
        store.close()
