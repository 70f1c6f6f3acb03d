"""Signing a seat in to a shared installation: the person's own login role, and the lockout.

PostgreSQL checks the password (SCRAM) when the console connects as the person. A refused
connection is reported through the ``ops_signin`` role (see ``db.pg_security``), which counts
it: the fifth in a row locks the person's role for 15 minutes, so the server refuses it, right
password or not, until an admin unlocks it or the time has run out.
"""

from __future__ import annotations

from ...db import pg_security
from ...db.engine import Database
from ...domain.errors import AuthenticationFailed
from .service import refusal


def connect_as(db: Database, username: str, password: str) -> Database:
    """Return ``db`` reached as ``username``'s login role, checked by the server.

    Raises:
        AuthenticationFailed: a wrong password or an unknown name (the same words), a locked
            account (how long), a disabled one.
    """
    for attempt in range(2):
        person = db.for_person(username, password)
        try:
            person.check()
        except AuthenticationFailed:
            person.dispose()
            state, minutes = pg_security.failed_sign_in(db.url, username)
            if state == "unlocked" and attempt == 0:
                continue  # the lock had run out: the role may log in again, try once more
            raise refusal(username, state, minutes) from None
        except BaseException:
            person.dispose()
            raise
        return person
    raise AssertionError("unreachable")  # pragma: no cover
