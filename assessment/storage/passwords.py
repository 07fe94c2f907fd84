"""Password hashing and policy for the local login (installations without an identity provider).

argon2id (argon2-cffi) at OWASP's recommended minimum: 19 MiB memory, 2 iterations, 1 lane
(Password Storage Cheat Sheet). The parameters are stored with each hash, so raising them later
only needs `needs_rehash`: the store rehashes at the next successful login. Hashes written by
earlier releases (scrypt, PBKDF2) still verify and are replaced by argon2id at that login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from assessment.errors import Problem, UserError

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1000
MIN_DISTINCT_CHARACTERS = 4
_HASHER = PasswordHasher(
    time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16, type=Type.ID
)
# What people type first; checked case-insensitively after removing spaces.
_COMMON = frozenset(
    {
        "password",
        "passw0rd",
        "password1",
        "lösenord",
        "losenord",
        "lösenord1",
        "12345678",
        "123456789",
        "1234567890",
        "87654321",
        "qwertyui",
        "qwertyuiop",
        "asdfghjk",
        "abcdefgh",
        "abc12345",
        "iloveyou",
        "sommar2026",
        "vinter2026",
        "welcome1",
        "välkommen",
        "hemligt1",
        "changeme",
        "letmein1",
    }
)


def _raw(password: str) -> bytes:
    # "surrogatepass": a lone surrogate (only a library caller can send one) is hashed like any
    # other character instead of raising; the policy refuses it when a password is set.
    return password.encode("utf-8", "surrogatepass")


def check_policy(password: str, username: str = "") -> None:
    """Refuse passwords that are trivial to guess: too short, whitespace, few distinct
    characters, the user name, or a common password. Raises `UserError`."""
    try:
        password.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UserError(Problem("storage.password_not_text")) from exc
    stripped = "".join(password.split())
    if len(stripped) < MIN_PASSWORD_LENGTH:
        raise UserError(Problem("storage.password_too_short", {"min": MIN_PASSWORD_LENGTH}))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(Problem("storage.password_too_long", {"max": MAX_PASSWORD_LENGTH}))
    folded = stripped.casefold()
    if len(set(folded)) < MIN_DISTINCT_CHARACTERS:
        raise UserError(Problem("storage.password_trivial"))
    name = "".join(username.split()).casefold()
    if folded in _COMMON or (name and (folded == name or folded == name.split("@")[0])):
        raise UserError(Problem("storage.password_trivial"))


def hash_password(password: str) -> str:
    return _HASHER.hash(_raw(password))


def needs_rehash(stored: str) -> bool:
    """True for hashes of an earlier scheme or weaker parameters (rehash after a good login)."""
    if not stored.startswith("$argon2"):
        return True
    try:
        return _HASHER.check_needs_rehash(stored)
    except (InvalidHashError, ValueError):
        return True


def verify_password(password: str, stored: str | None) -> bool:
    raw = _raw(password)
    if not stored:
        # Still spend the time of a real check so a missing user is not told apart by timing.
        _HASHER.hash(raw)
        return False
    if stored.startswith("$argon2"):
        try:
            return _HASHER.verify(stored, raw)
        except (VerificationError, InvalidHashError, ValueError):
            return False
    return _verify_legacy(raw, stored)


def _verify_legacy(raw: bytes, stored: str) -> bool:
    """scrypt and PBKDF2 hashes of releases before argon2id (``scheme$params…$salt$digest``)."""
    try:
        scheme, *params, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        if scheme == "scrypt":
            n, r, p = (int(v) for v in params)
            actual = hashlib.scrypt(
                raw, salt=base64.b64decode(salt), n=n, r=r, p=p, dklen=len(expected), maxmem=2**27
            )
        elif scheme == "pbkdf2":
            actual = hashlib.pbkdf2_hmac("sha256", raw, base64.b64decode(salt), int(params[0]), len(expected))
        else:
            return False
    except (ValueError, TypeError, AttributeError):
        return False
    return hmac.compare_digest(actual, expected)
