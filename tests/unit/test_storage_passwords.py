"""Password hashes: salted, verifiable, never the password; scrypt or the PBKDF2 fallback."""

from __future__ import annotations

import hashlib

import pytest

from assessment.storage import passwords


def test_scrypt_hash_round_trip() -> None:
    stored = passwords.hash_password("rätt lösen ŋ")
    assert stored.startswith("scrypt$") and "lösen" not in stored
    assert passwords.verify_password("rätt lösen ŋ", stored)
    assert not passwords.verify_password("fel lösen", stored)
    assert stored != passwords.hash_password("rätt lösen ŋ")  # salted


def test_pbkdf2_fallback_without_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    scrypt_hash = passwords.hash_password("hemligt-1")
    monkeypatch.setattr(passwords, "_PBKDF2_ITERATIONS", 1000)  # keep the test fast
    monkeypatch.delattr(hashlib, "scrypt")
    stored = passwords.hash_password("hemligt-1")
    assert stored.startswith("pbkdf2$1000$")
    assert passwords.verify_password("hemligt-1", stored)
    assert not passwords.verify_password("hemligt-2", stored)
    assert not passwords.verify_password("hemligt-1", scrypt_hash)  # cannot check: refuse


@pytest.mark.parametrize("bad", [None, "", "plain", "md5$x$y", "scrypt$a$b$c$d$e", "scrypt$$$"])
def test_malformed_hashes_never_verify(bad: str | None) -> None:
    assert not passwords.verify_password("anything", bad)
