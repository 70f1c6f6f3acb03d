"""Password hashing with scrypt (standard library): salted, slow, parameters stored."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# n=2**14, r=8 costs ~16 MiB and ~50 ms: slow for an attacker, fine for a login.
N, R, P = 2**14, 8, 1
MIN_LENGTH = 8


def hash_password(password: str, *, n: int = N) -> str:
    """Return ``scrypt$n$r$p$salt$digest`` for ``password``."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=R, p=P, maxmem=64 * 1024 * 1024)
    return "$".join(
        [
            "scrypt",
            str(n),
            str(R),
            str(P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def check_password(password: str, stored: str) -> bool:
    """Return True when ``password`` matches the stored hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode(),
        salt=base64.b64decode(salt_b64),
        n=int(n),
        r=int(r),
        p=int(p),
        maxmem=64 * 1024 * 1024,
    )
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))
