"""A poller host's own PostgreSQL login: pollers write as a member of ``ops_poller``, never as
a person (an admin) and never as the owner.

``enroll_poller`` (``ops-console enroll --poller``, an admin's sign-in on the poller host)
creates the login role ``poller.HOST`` in the ``ops_poller`` group with a random password, or
gives an existing one a new password, and keeps the pair in this host's keyring only; the
poller (``poller run``, the console's own poller) then connects with it (``ops_console.app``).
What that group may write is the database's rule (``db.pg_security``): samples, health, alarms,
hand-overs, care alerts and the preventive runs it generates, nothing else.
"""

from __future__ import annotations

import secrets as random
from typing import TYPE_CHECKING

from ...db import pg_security
from ...db.engine import Database
from ...domain.clock import Clock
from ...domain.errors import ValidationError
from .. import audit
from ..context import Actor
from .keys import NotEnrolled

if TYPE_CHECKING:
    from ...secrets import SecretStore


def login_name(host: str) -> str:
    """The poller login role of ``host``."""
    name = f"poller.{host}"
    if not host or any(c.isspace() for c in host) or len(name.encode("utf-8")) > 63:
        raise ValidationError.of(
            "host name {host!r}: no spaces, and short enough for a login role (63 bytes "
            "with 'poller.')",
            host=host,
        )
    return name


def enroll_poller(db: Database, clock: Clock, store: SecretStore, actor: Actor, host: str) -> str:
    """Create (or give a new password to) this host's poller login; keep it in the keyring.

    Returns the login role's name. The password never leaves this host: only its SCRAM
    verifier reaches the server.
    """
    actor.require("users.write")
    if db.is_sqlite:
        raise ValidationError(
            "a poller login is for a shared installation (PostgreSQL); on SQLite the poller "
            "runs as the signed-in administrator"
        )
    name = login_name(host)
    password = random.token_urlsafe(32)
    with db.write() as s:
        existed = pg_security.login_exists(s, name)
        if existed:
            pg_security.set_login_password(s, name, password, "")
        else:
            pg_security.create_login(s, name, password, "poller")
        audit.record(
            s,
            clock.now(),
            actor,
            "poller.login_renew" if existed else "poller.login_create",
            "installation",
            host,
            after={"login": name, "group": pg_security.group_role("poller")},
        )
        # stored before the commit: a keyring that refuses leaves the role as it was
        store.set_poller_login(name, password)
    return name


def poller_credentials(store: SecretStore) -> tuple[str, str]:
    """Return this host's poller login and its password (``ops_console.app`` connects with it).

    Raises:
        NotEnrolled: this host has no poller login yet.
    """
    login = store.poller_login()
    if login is None:
        raise NotEnrolled.of(
            "this computer has no poller login: an administrator runs "
            "'ops-console enroll --poller' on it first"
        )
    return login
