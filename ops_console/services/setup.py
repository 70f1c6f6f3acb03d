"""First start of an installation: the first administrator's rules and what set-up did.

The set-up itself (database, migration, services, first administrator, demo) is wiring:
``ops_console.app.set_up``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import Problem
from .accounts import MIN_LENGTH


@dataclass(frozen=True)
class SetupResult:
    """What ``ops_console.app.set_up`` did."""

    database: str  # the URL as it may be shown (no password)
    created: bool  # False when an empty, already migrated database was used
    admin: str
    demo_loaded: bool


def admin_problems(username: str, password: str, repeated: str) -> list[Problem]:
    """Say what is wrong with the first administrator's name and password (empty: fine).

    The same rules and messages as :meth:`Accounts.add_user`, checked before anything is
    written; ``repeated`` is the password typed a second time.
    """
    problems = []
    plain = username.replace(".", "").replace("_", "").replace("-", "")
    if not username or len(username) > 64 or not plain.isalnum():
        problems.append(
            Problem.of(
                "user name {username!r}: use letters, digits, '.', '_' or '-'", username=username
            )
        )
    if len(password) < MIN_LENGTH:
        problems.append(Problem.of("password: at least {n} characters", n=MIN_LENGTH))
    elif password != repeated:
        problems.append(Problem.of("password: the two entries differ"))
    return problems
