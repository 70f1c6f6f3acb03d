"""First start of an installation: create the database and its first administrator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..db import migrate
from ..db.engine import Database
from ..domain.errors import Conflict, Problem, ValidationError
from .accounts import MIN_LENGTH
from .container import Services


@dataclass(frozen=True)
class SetupResult:
    """What :func:`set_up` did."""

    database: str  # the URL as it may be shown (no password)
    created: bool  # False when an empty, already migrated database was used
    admin: str
    demo_loaded: bool


def needs_setup(db: Database) -> bool:
    """Return True when the database has no schema yet or nobody who could sign in."""
    if not db.has_schema():
        return True
    services = Services(db)
    try:
        return not services.accounts.has_users()
    finally:
        services.close()


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


def set_up(
    url: str,
    admin: str,
    password: str,
    *,
    demo: Callable[[Services], object] | None = None,
    progress: Callable[[float], None] | None = None,
) -> SetupResult:
    """Create (or upgrade) the database at ``url``, its first administrator and, if asked, the
    demo community: ``demo`` is the demo's loader (``ops_console.demo.loader.load``), passed in
    by the caller so that services never import the demo, which is built on them.

    Refuses, before writing anything, a bad name or password and a database that already has
    users (whoever set it up signs in instead).

    Raises:
        ValidationError: the name or password is not acceptable.
        Conflict: the database already has users.
        DatabaseError: the database cannot be reached or created.
    """
    problems = admin_problems(admin, password, password)
    if problems:
        raise ValidationError.of("cannot add user", problems=problems)
    report = progress or (lambda _fraction: None)
    db = Database(url)
    try:
        db.check()
        fresh = not db.has_schema()
        if not fresh and not needs_setup(db):
            raise Conflict.of(
                "the database {db} is already set up: sign in instead", db=db.display_url
            )
        report(0.1)
        migrate.upgrade(db)
        report(0.4)
        services = Services(db)
        try:
            services.inventory.sync_categories()
            # one transaction that refuses when someone else set the database up meanwhile
            services.accounts.add_first_admin(admin, password)
            report(0.5)
            if demo is not None:
                demo(services)
            report(1.0)
        finally:
            services.close()
        return SetupResult(db.display_url, fresh, admin, demo is not None)
    finally:
        db.dispose()
