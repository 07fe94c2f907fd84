"""Password hashing for the local login (installations without an identity provider).

scrypt from the standard library: memory-hard, salted, parameters stored with the hash so they can
be raised later without invalidating existing passwords.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1
_DKLEN = 32
MIN_PASSWORD_LENGTH = 8


# PBKDF2 is the fallback for Python builds without scrypt (OpenSSL < 1.1); OWASP's 2023 count.
_PBKDF2_ITERATIONS = 600_000


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    raw = password.encode("utf-8")
    if not hasattr(hashlib, "scrypt"):
        digest = hashlib.pbkdf2_hmac("sha256", raw, salt, _PBKDF2_ITERATIONS, _DKLEN)
        return "$".join(["pbkdf2", str(_PBKDF2_ITERATIONS), _b64(salt), _b64(digest)])
    digest = hashlib.scrypt(raw, salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        # Still spend the time of a real check so a missing user is not told apart by timing.
        hash_password(password)
        return False
    raw = password.encode("utf-8")
    try:
        scheme, *params, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        if scheme == "scrypt":
            n, r, p = (int(v) for v in params)
            actual = hashlib.scrypt(raw, salt=base64.b64decode(salt), n=n, r=r, p=p, dklen=len(expected))
        elif scheme == "pbkdf2":
            actual = hashlib.pbkdf2_hmac("sha256", raw, base64.b64decode(salt), int(params[0]), len(expected))
        else:
            return False
    except (ValueError, TypeError, AttributeError):
        return False
    return hmac.compare_digest(actual, expected)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
