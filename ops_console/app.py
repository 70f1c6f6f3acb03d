"""The composition root: the one module that builds the database, the secrets, the services and
the poller. The command line (``cli/``) and the window (``ui/launch.py``) both start here; no
other module constructs the services container (``tests/test_composition_root.py`` checks it).

Qt-free, so that both can import it: the window adds its own Qt parts (the in-app poller's
thread, the task runner) around what this module builds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .db import migrate as migrations
from .db.engine import Database
from .domain.clock import Clock
from .domain.errors import AuthenticationFailed, Conflict, ValidationError
from .paths import default_db_url
from .services.container import Services

if TYPE_CHECKING:
    from .secrets import SecretStore
    from .services.pollers import LeaseKeeper, PollerScope, PollerService
    from .services.setup import SetupResult


def open_database(url: str | None = None) -> Database:
    """Connect to ``url`` (default: ``$OPS_CONSOLE_DB``, else the user's SQLite file) and check
    that it answers; a seat's PostgreSQL URL names no user and is reached only as the person
    who signs in (:func:`open_services`, the window's sign-in), so it is not checked here.

    Raises:
        DatabaseError: it cannot be reached or opened.
    """
    db = Database(url or default_db_url())
    if not db.needs_person:
        db.check()
    return db


def probe_database(url: str) -> bool:
    """Connect to ``url`` once and say whether it holds the console's schema (the Settings
    page's and the first-run dialog's connection test); nothing is kept open.

    Raises:
        DatabaseError: it cannot be reached or opened.
    """
    db = Database(url)
    try:
        db.check()
        return bool(db.has_schema())
    finally:
        db.dispose()


def build_services(
    db: Database, *, clock: Clock | None = None, secrets: SecretStore | None = None
) -> Services:
    """Every service of one installation over ``db`` (secrets: the OS keyring by default)."""
    return Services(db, clock, secrets)


def open_services(
    url: str | None = None,
    *,
    migrate: bool = True,
    credentials: Callable[[], tuple[str, str]] | None = None,
) -> Services:
    """The services over the database at ``url``, upgraded to the newest schema first (an
    SQLite file is backed up before a migration).

    On a seat of a shared installation (a PostgreSQL URL without a user) the services connect
    as the person ``credentials()`` names, and the schema must already be the console's: its
    owner upgrades it, never a seat.

    Raises:
        ValidationError: the database was never initialised (``ops-console init``), or a seat's
            schema is another version.
        AuthenticationFailed: a seat without credentials, or the server refused them.
        DatabaseError: it cannot be reached or opened.
    """
    db = open_database(url)
    if db.needs_person:
        if credentials is None:
            raise AuthenticationFailed(
                "a seat of a shared installation connects as the person who signs in"
            )
        services = build_services(db).signed_in_as(*credentials())
        if migrate and migrations.current_revision(services.db) != migrations.head_revision():
            raise ValidationError(
                f"the database {services.db.display_url} is at another schema version than "
                "this console: its owner upgrades it (ops-console --db "
                "postgresql://OWNER@HOST/DB init), never a seat"
            )
        return services
    if migrate:
        if not db.has_schema():
            raise ValidationError(
                f"the database {db.display_url} is empty: run 'ops-console init' first "
                "(or 'ops-console init --demo' for the demo community)"
            )
        migrations.upgrade(db)
    return build_services(db)


def start_services(db: Database) -> Services:
    """The window's services over a database that was set up: upgraded to the newest schema
    first (backed up), as the command line does; a seat's services until the person signs in
    (its owner upgrades the schema, never a seat)."""
    if not db.needs_person:
        migrations.upgrade(db)
    return build_services(db)


@dataclass(frozen=True)
class Initialised:
    """What :func:`init_database` did.

    Attributes:
        services: the services over the database (close them when done).
        state: "created", "upgraded" or "up to date".
        revision: the schema revision now.
    """

    services: Services
    state: str
    revision: str | None


def init_database(url: str | None = None) -> Initialised:
    """Create or upgrade the database at ``url`` and sync the shipped device categories."""
    db = open_database(url)
    fresh = not db.has_schema()
    changed = migrations.upgrade(db)
    services = build_services(db)
    services.inventory.sync_categories()
    state = "created" if fresh else "upgraded" if changed else "up to date"
    return Initialised(services, state, migrations.current_revision(db))


def needs_setup(db: Database) -> bool:
    """Return True when the database has no schema yet or nobody who could sign in (a seat
    never sets a database up: it is reached only as the person who signs in)."""
    if db.needs_person:
        return False
    if not db.has_schema():
        return True
    services = build_services(db)
    try:
        return not services.accounts.has_users()
    finally:
        services.close()


def set_up(
    url: str,
    admin: str,
    password: str,
    *,
    demo: Callable[[Services], object] | None = None,
    progress: Callable[[float], None] | None = None,
) -> SetupResult:
    """Create (or upgrade) the database at ``url``, its first administrator and, if asked, the
    demo community (the first-run dialog): ``demo`` is the demo's loader
    (``ops_console.demo.loader.load``), run once the administrator exists.

    Refuses, before writing anything, a bad name or password and a database that already has
    users (whoever set it up signs in instead).

    Raises:
        ValidationError: the name or password is not acceptable.
        Conflict: the database already has users.
        DatabaseError: the database cannot be reached or created.
    """
    from .services.setup import SetupResult, admin_problems

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
        migrations.upgrade(db)
        report(0.4)
        services = build_services(db)
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


def poller_services(url: str | None, credentials: Callable[[], tuple[str, str]]) -> Services:
    """The services a poller writes through (``poller run``).

    In a shared installation (a seat's URL, no user) they are reached as this computer's own
    poller login (``enroll --poller``), never as a person; elsewhere (SQLite, the owner's URL)
    an administrator signs in with ``credentials()``, as every command does.

    Raises:
        NotEnrolled: a seat's URL on a computer without a poller login.
        PermissionDenied: the person who signed in may not run the poller.
        ValidationError: the schema is another version (its owner upgrades it first).
    """
    db = open_database(url)
    if not db.needs_person:
        services = open_services(url, credentials=credentials)
        services.accounts.authenticate(*credentials()).require("poll.run")
        return services
    services = seat_poller_services(build_services(db))
    if migrations.current_revision(services.db) != migrations.head_revision():
        raise ValidationError(
            f"the database {services.db.display_url} is at another schema version than this "
            "poller: its owner upgrades it first"
        )
    return services


def seat_poller_services(seat: Services, *, check: bool = True) -> Services:
    """``seat``'s database reached as this computer's poller login, with the same clock and
    secrets (``poller run``; the window's own poller on a seat, which connects only in its own
    thread: ``check=False``).

    Raises:
        NotEnrolled: this computer has no poller login.
    """
    from .services.installation import poller_credentials

    login = poller_credentials(seat.secrets)
    db = Database(seat.db.seat_url).for_person(*login)
    if check:
        db.check()
    return build_services(db, clock=seat.clock, secrets=seat.secrets)


def witness_step(services: Services) -> Callable[[], object]:
    """A poller's daily step: a signed checkpoint of the audit chain's head in the witness log."""
    from .services.audit import witness_if_due

    return lambda: witness_if_due(
        services.db, services.secrets.archive_signing_key, services.clock.now()
    )


def poller_steps(services: Services) -> dict[str, Any]:
    """What every poller runs beside polling (``PollerService`` keyword arguments): the daily
    witness step, and the preventive work now due at its start and with each upkeep."""
    return {"witness": witness_step(services), "preventive": services.workorders.run_preventive}


def build_poller(
    services: Services,
    *,
    name: str | None = None,
    scope: PollerScope | None = None,
    failover_s: float | None = None,
    heartbeat_s: float | None = None,
    shared_only: bool = False,
    **options: Any,
) -> PollerService:
    """The poller over ``services``: registered under ``name`` (it then leases its share of
    the devices of ``scope`` from the database, heartbeating every ``heartbeat_s``; a scope
    with ``share=False`` leases only what no live poller holds, for one poll) or, without
    a name, polling alone; with :func:`poller_steps`. ``shared_only`` registers only on a
    shared (PostgreSQL) installation: on SQLite it polls alone. ``options`` go to
    ``PollerService`` (community, trap receiver, in-flight limit, the demo's agent).
    """
    from .services.pollers import PollerService

    keeper = poller_leases(services, name, scope, failover_s, heartbeat_s, shared_only=shared_only)
    heartbeat = heartbeat_s if heartbeat_s is not None else 5.0 if keeper is not None else 30.0
    return PollerService(
        services.monitoring,
        heartbeat_s=heartbeat,
        leases=keeper,
        **(poller_steps(services) | options),
    )


def poller_leases(
    services: Services,
    name: str | None,
    scope: PollerScope | None = None,
    failover_s: float | None = None,
    heartbeat_s: float | None = None,
    *,
    shared_only: bool = False,
    devices: Collection[int] | None = None,
) -> LeaseKeeper | None:
    """The leases a poller registered as ``name`` holds (None without a name, or with
    ``shared_only`` on SQLite); the window's own poller takes them at each start. A one-off
    poll of ``devices`` (the console's "Poll now" of a selection) takes no others."""
    import os
    import socket

    from .services.pollers import LeaseKeeper, PollerScope, PollersService

    keeper = None
    if name is not None and not (shared_only and services.db.is_sqlite):
        registry = (
            services.pollers
            if failover_s is None or heartbeat_s is None
            else PollersService(
                services.db, services.clock, failover_s=failover_s, heartbeat_s=heartbeat_s
            )
        )
        keeper = LeaseKeeper(
            registry,
            name,
            scope or PollerScope(),
            socket.gethostname(),
            os.getpid(),
            devices=devices,
        )
    return keeper
