"""Load the demo community from the shipped data in resources/demo/ through the real services.

The demo is data, not code: communities, organizations, users, devices, contracts,
courses, training records, six months of work-order history and maintenance windows.
Each step uses the same import path a customer would use, so the demo also proves
the importers.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable

from ..db.repos import accounts as accounts_repo
from ..db.repos import audit as audit_repo
from ..domain.clock import DEFAULT_TIMEZONE
from ..domain.errors import SecretStoreUnavailable, ValidationError
from ..services.container import Services
from ..services.context import SYSTEM, Actor
from .areas import STEPS as AREA_STEPS  # contracts, training, windows, history
from .data import DemoReport, demo_credentials, demo_dir
from .health_history import load_health_history

__all__ = [
    "DEMO_MARKER_COMMUNITY",
    "DemoReport",
    "database_state",
    "demo_dir",
    "is_loaded",
    "load",
]

DEMO_MARKER_COMMUNITY = "湖滨"


def database_state(services: Services) -> str:
    """Return ``empty``, ``demo`` or ``other``: may ``init --demo`` load the demo here?

    The demo is recognised by its audit trail: only ``init --demo`` creates communities as
    the installation itself ('system'); a person adding one signs in and is audited by name.
    A database is empty when it has no users and no communities (nothing else can be
    entered without them).
    """
    with services.db.read() as s:
        if audit_repo.has_entry(s, actor=SYSTEM.username, action="community.create"):
            return "demo"
        if accounts_repo.any_user(s) or accounts_repo.any_community(s):
            return "other"
    return "empty"


def is_loaded(services: Services) -> bool:
    return database_state(services) == "demo"


def _communities(services: Services, actor: Actor, report: DemoReport) -> None:
    with open(demo_dir() / "communities.toml", "rb") as fh:
        data = tomllib.load(fh)
    for c in data["community"]:
        services.accounts.add_community(
            actor,
            c["name"],
            zones=list(c.get("zones", [])),
            timezone=c.get("timezone", DEFAULT_TIMEZONE),
            name_en=c.get("name_en"),
            address=c.get("address"),
            phone=c.get("phone"),
        )
    report.add("communities", f"{len(data['community'])} communities")


def _organizations(services: Services, actor: Actor, report: DemoReport) -> None:
    path = demo_dir() / "organizations.toml"
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    orgs = data.get("organization", [])
    for o in orgs:
        services.accounts.add_organization(actor, o["name"], o["kind"])
    report.add("organizations", f"{len(orgs)} organizations")


def _users(services: Services, actor: Actor, report: DemoReport) -> None:
    with open(demo_dir() / "users.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        communities = [c for c in (r.get("communities") or "").split(";") if c]
        services.accounts.add_user(
            actor,
            r["username"],
            r["password"],
            r["role"],
            display_name=r["display_name"],
            communities=communities,
            organization=r.get("organization") or None,
        )
    report.add("users", f"{len(rows)} users")


def _credentials(services: Services, actor: Actor, report: DemoReport) -> None:
    """The SNMP credentials the devices are polled with, into the secret store (audited by
    name): the demo's simulated agent accepts them, so its poller works from the start."""
    from ..services.monitoring import set_snmp_credential

    creds = demo_credentials()
    try:
        for name, cred in creds.items():
            set_snmp_credential(
                services.secrets, services.db, actor, name, cred, now=services.clock.now()
            )
    except SecretStoreUnavailable as exc:
        # a machine with no OS keyring and no passphrase: the demo still loads (inventory,
        # work orders, reports); only its poller cannot sign its requests until a secret store
        # exists, and the report says so in words rather than stopping half-way
        report.add("credentials", f"not stored: {exc}")
        return
    report.add("credentials", f"{len(creds)} SNMP credentials ({', '.join(creds)})")


def _devices(services: Services, actor: Actor, report: DemoReport) -> None:
    result = services.inventory.import_csv(actor, demo_dir() / "devices.csv")
    report.add("devices", f"{result.created} devices")


def _health_history(services: Services, actor: Actor, report: DemoReport) -> None:
    load_health_history(services, actor, report)


def _handovers(services: Services, actor: Actor, report: DemoReport) -> None:
    """The poller hands each alarm it opens over to the work-order service at once; the demo's
    open alarms were opened by a poller that has since stopped, so they carry their work orders
    as they would in a live installation."""
    done = services.monitoring.retry_handovers(services.clock.now())
    report.add("alarm hand-overs", f"{done.done} of {done.attempted} open alarms handed over")


def _steps() -> list[Callable[[Services, Actor, DemoReport], None]]:
    """Every step in load order: each area loads its part through its own importer."""
    return (
        [_communities, _organizations, _users, _credentials, _devices, _health_history]
        + [step for _name, step in AREA_STEPS]
        + [_handovers]
    )


def load(services: Services, actor: Actor = SYSTEM) -> DemoReport:
    """Load the demo community into an empty database; refuse anywhere else."""
    state = database_state(services)
    if state == "demo":
        raise ValidationError.of(
            "the demo community is already loaded ({community} exists)",
            community=DEMO_MARKER_COMMUNITY,
        )
    if state == "other":
        raise ValidationError.of(
            "this database holds data other than the demo: the demo (with its well-known "
            "passwords) loads only into an empty database; use a new one with --db"
        )
    report = DemoReport()
    services.inventory.sync_categories()
    for step in _steps():
        step(services, actor, report)
    return report
