"""Subcommands of the foundation: init, communities, devices, users, audit, backup."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, time
from pathlib import Path

from ..domain.clock import DEFAULT_TIMEZONE
from ..domain.errors import AuthenticationFailed, SecretStoreUnavailable, ValidationError
from ..domain.lifecycle import Role
from ..services.accounts import CommunityInfo
from ..services.accounts.service import ORGANIZATION_KINDS, UserInfo
from ..services.container import Services
from ..services.context import Actor
from .common import (
    COMMUNITY,
    DB,
    FORMAT,
    LOCAL,
    USER,
    USER_ENV,
    Columns,
    Commands,
    arg,
    counted,
    lists,
    one_of,
    open_as,
    print_table,
    read_secret_stdin,
    sentence,
    sign_in,
    signed,
)

COMMANDS = Commands()
ROLE_NAMES = tuple(r.value for r in Role)


@COMMANDS.command(
    "init",
    help="create or upgrade the database; add the first admin or the demo",
    description="Create the database (or upgrade it to this version's schema, after a "
    "backup), add the first administrator, and optionally load the demo "
    "community. Safe to run again. Once the database has users, --admin needs an "
    "administrator's sign-in, and --demo is refused unless the database holds only the demo.",
    db_user_first=False,  # --user (only to add an administrator) after --admin
    args=[
        DB,
        arg(
            "--demo",
            action="store_true",
            help="load the demo community (users and passwords: see the README); only into an "
            "empty database (on the demo's own database it says it is loaded)",
        ),
        arg(
            "--admin",
            metavar="NAME",
            help="create this administrator: the first one on a database with no users; "
            "afterwards an administrator must sign in (--user)",
        ),
        USER,
        arg(
            "--password-stdin",
            action="store_true",
            help="read the administrator's password from standard input",
        ),
    ],
)
def cmd_init(args: argparse.Namespace) -> int:
    from .. import app
    from ..demo import loader as demo

    if args.password_stdin and not args.admin:
        raise ValidationError("--password-stdin needs --admin NAME")
    if args.admin and not args.password_stdin:
        raise ValidationError("--admin needs --password-stdin (the password is never an argument)")
    if args.admin and args.demo:
        raise ValidationError(
            "--demo brings its own administrator (see the README): add more with "
            "'ops-console users add' after signing in"
        )
    done = app.init_database(args.db)
    services = done.services
    print(f"database {done.state}: {services.db.display_url} (schema {done.revision})")
    if args.admin:
        _init_admin(services, args)
    if args.demo:
        if demo.is_loaded(services):
            print("demo community already loaded")
        else:
            report = demo.load(services)  # refused unless the database is empty
            for step, detail in report.steps:
                print(f"demo {step}: {detail}")
    services.close()
    return 0


def _init_admin(services: Services, args: argparse.Namespace) -> None:
    """The first administrator of an empty database; later ones need an admin's sign-in."""
    if services.accounts.has_users():
        if not (args.user or os.environ.get(USER_ENV)):
            raise AuthenticationFailed(
                "this database already has users: adding an administrator needs an "
                "administrator's sign-in (--user NAME or $OPS_CONSOLE_USER)"
            )
        actor = sign_in(services, args)
        actor.require("users.write")  # before reading the new password
        password = read_secret_stdin(f"password for {args.admin}")
        services.accounts.add_user(actor, args.admin, password, "admin", display_name=args.admin)
    else:
        password = read_secret_stdin(f"password for {args.admin}")
        services.accounts.add_first_admin(args.admin, password)
    print(f"administrator {args.admin} created")


COMMUNITIES = COMMANDS.group(
    "communities", "add and list communities, add zones; set the office's phone number"
)


@COMMUNITIES.command(
    "add",
    help="add a community with its zones",
    args=[
        arg("name", metavar="NAME"),
        arg(
            "--zone",
            action="append",
            default=[],
            metavar="ZONE",
            help="a zone (building, block, gate area); repeat for several",
        ),
        arg(
            "--timezone",
            default=DEFAULT_TIMEZONE,
            metavar="TZ",
            help=f"IANA time zone (default: {DEFAULT_TIMEZONE})",
        ),
    ],
)
@signed
def cmd_communities_add(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    c = services.accounts.add_community(actor, args.name, zones=args.zone, timezone=args.timezone)
    return f"community {c.name} added with {len(c.zones)} zone(s)"


COMMUNITY_COLUMNS: Columns[CommunityInfo] = (
    ("name", lambda c: c.name),
    ("timezone", lambda c: c.timezone),
    ("phone", lambda c: c.phone or ""),
    ("zones", lambda c: ", ".join(c.zones)),
)


@COMMUNITIES.command("list", help="list communities and zones", args=[FORMAT])
@lists(COMMUNITY_COLUMNS)
def cmd_communities_list(
    args: argparse.Namespace, services: Services, actor: Actor
) -> list[CommunityInfo]:
    return services.accounts.list_communities(actor)


@COMMUNITIES.command(
    "add-zone",
    help="add a zone (building, block, gate area) to an existing community",
    description="Add a zone to a community that exists already (admin; audited). Devices "
    "and work orders can then name it.",
    args=[
        arg("name", metavar="COMMUNITY", help="the community"),
        arg("zone", metavar="ZONE", help="the new zone's name, e.g. 3幢"),
    ],
)
@signed
def cmd_communities_add_zone(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    c = services.accounts.add_zone(actor, args.name, args.zone)
    return f"community {c.name}: zone {args.zone.strip()} added ({len(c.zones)} zone(s))"


@COMMUNITIES.command(
    "set-phone",
    help="set the community office's phone number (printed on resident notices)",
    description="Set the number residents call at the community office. Every resident "
    "notice prints it; a notice for a community without one is refused. A mainland mobile "
    "(13912345678) or a landline with its area code (021-50801234), +86 optional.",
    args=[
        arg("name", metavar="NAME", help="the community"),
        arg("phone", metavar="PHONE", help="e.g. 021-50801234"),
    ],
)
@signed
def cmd_communities_set_phone(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    c = services.accounts.set_community_phone(actor, args.name, args.phone)
    return f"community {c.name}: office phone {c.phone}"


DEVICES = COMMANDS.group("devices", "the device inventory: import, export, list")
CSV_FILE = arg("file", metavar="FILE.csv", type=Path)


@DEVICES.command(
    "import",
    help="import devices from CSV (all or nothing)",
    description="Import a device CSV (UTF-8, with or without BOM). Every bad row is "
    "reported as 'line N: column: problem' and nothing is written. An existing "
    "asset tag updates that device.",
    args=[CSV_FILE],
)
@signed
def cmd_devices_import(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    return counted(args.file, services.inventory.import_csv(actor, args.file))


@DEVICES.command(
    "export",
    help="export devices to CSV (UTF-8 with BOM)",
    args=[CSV_FILE, COMMUNITY, arg("--category", metavar="C")],
)
@signed
def cmd_devices_export(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    n = services.inventory.export_csv(
        actor, args.file, community=args.community, category=args.category
    )
    return f"{args.file}: {n} devices written"


@DEVICES.command(
    "list",
    help="list devices",
    args=[
        COMMUNITY,
        arg("--category", metavar="C", help="a category code, e.g. access_gate"),
        arg("--search", metavar="TEXT", help="words in tag, name, location or address"),
        FORMAT,
    ],
)
@signed
def cmd_devices_list(args: argparse.Namespace, services: Services, actor: Actor) -> str | None:
    filters = {"community": args.community, "category": args.category, "text": args.search}
    if args.format == "json":
        return services.inventory.devices_json(actor, **filters)
    rows = services.inventory.list_devices(actor, **filters)
    print_table(
        ("asset_tag", "name", "category", "community", "zone", "address", "status", "health"),
        [
            (
                r.asset_tag,
                r.name,
                r.category,
                r.community,
                r.zone,
                r.address,
                r.status,
                r.health,
            )
            for r in rows
        ],
    )
    return None


USERS = COMMANDS.group(
    "users", "add, list, disable, enable and unlock users; set role, communities or password"
)


@USERS.command(
    "add",
    help="add a user",
    args=[
        arg("name", metavar="NAME"),
        arg("--role", required=True, choices=ROLE_NAMES),
        arg(
            "--community",
            action="append",
            default=[],
            metavar="NAME",
            help="limit the user to this community; repeat for several (default: all)",
        ),
        arg("--display-name", metavar="TEXT"),
        arg(
            "--organization",
            metavar="NAME",
            help="the firm, residents' committee or team the person belongs to (one known, or a "
            "new one with --organization-kind)",
        ),
        arg(
            "--organization-kind",
            choices=ORGANIZATION_KINDS,
            help="add --organization with this kind if no organization has that name yet",
        ),
        arg(
            "--password-stdin",
            action="store_true",
            required=True,
            help="read the new user's password from standard input",
        ),
    ],
)
@signed
def cmd_users_add(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    password = read_secret_stdin(f"password for {args.name}")
    u = services.accounts.add_user(
        actor,
        args.name,
        password,
        args.role,
        display_name=args.display_name,
        communities=args.community,
        organization=args.organization,
        organization_kind=args.organization_kind,
    )
    return f"user {u.username} ({u.role}) added"


USER_COLUMNS: Columns[UserInfo] = (
    ("username", lambda u: u.username),
    ("name", lambda u: u.display_name),
    ("role", lambda u: u.role),
    ("organization", lambda u: u.organization or ""),
    ("communities", lambda u: ", ".join(u.communities) or "(all)"),
)


@USERS.command("list", help="list users", args=[FORMAT])
@lists(USER_COLUMNS)
def cmd_users_list(args: argparse.Namespace, services: Services, actor: Actor) -> list[UserInfo]:
    return services.accounts.list_users(actor)


@USERS.command(
    "unlock",
    help="unlock an account locked after failed sign-ins (admin; audited)",
    description="Lift the 15-minute lock that five wrong passwords in a row put on an "
    "account, and reset its count of failures. Needs an admin; audited.",
    args=[arg("name", metavar="NAME", help="the locked user")],
)
@signed
def cmd_users_unlock(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    was_locked = services.accounts.unlock(actor, args.name)
    return f"user {args.name} unlocked" if was_locked else f"user {args.name} was not locked"


@signed
def cmd_users_active(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    u = services.accounts.set_active(actor, args.name, args.active)
    return f"user {u.username} {'enabled' if u.active else 'disabled'}"


for _action, _help in (
    ("disable", "disable a user: no more sign-ins, history kept (admin; audited)"),
    ("enable", "enable a disabled user again (admin; audited)"),
):
    USERS.command(
        _action,
        help=_help,
        description=sentence(_help)
        + ". On PostgreSQL the user's login role follows (NOLOGIN / LOGIN).",
        args=[arg("name", metavar="NAME")],
        defaults={"active": _action == "enable"},
    )(cmd_users_active)


@USERS.command(
    "set-role",
    help="give a user another role (admin; audited)",
    description="Give a user another role. On PostgreSQL the user's login role moves to "
    "that role's group role in the same transaction.",
    args=[arg("name", metavar="NAME"), arg("role", choices=ROLE_NAMES)],
)
@signed
def cmd_users_set_role(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    u = services.accounts.set_role(actor, args.name, args.role)
    return f"user {u.username} is now {u.role}"


@USERS.command(
    "set-communities",
    help="limit a user to some communities, or give them all (admin; audited)",
    description="Limit what a user sees to these communities (--community, repeat for "
    "several), or give them every community (--all). On PostgreSQL the row-level "
    "security follows at once.",
    args=[
        arg("name", metavar="NAME"),
        one_of(
            arg("--community", action="append", metavar="NAME", help="repeat for several"),
            arg("--all", action="store_true", help="every community"),
            required=True,
        ),
    ],
)
@signed
def cmd_users_set_communities(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    u = services.accounts.set_communities(actor, args.name, [] if args.all else args.community)
    return f"user {u.username}: {', '.join(u.communities) or 'all communities'}"


@USERS.command(
    "passwd",
    help="set a user's password from standard input (admin, or yourself; audited)",
    description="Set a user's password, read from standard input (never the command "
    "line). An admin sets anyone's, everyone their own. On PostgreSQL the user's login "
    "role gets it too (sent as its SCRAM verifier, never in clear).",
    args=[
        arg("name", metavar="NAME"),
        arg(
            "--password-stdin",
            action="store_true",
            required=True,
            help="read the new password from standard input",
        ),
    ],
)
@signed
def cmd_users_passwd(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    password = read_secret_stdin(f"new password for {args.name}")
    services.accounts.set_password(actor, args.name, password)
    return f"password of {args.name} changed"


AUDIT = COMMANDS.group("audit", "the audit trail")


@AUDIT.command(
    "verify",
    help="check the hash chain and its witness log",
    description="Walk the audit chain and check that it still holds the last head written "
    "to the witness log (signed checkpoints kept outside the database, so deleting the "
    "newest entries shows), then append a new checkpoint. Exit 0 with 'audit chain intact: "
    "N entries', or exit 1 naming the first broken entry or the truncation.",
    db_user_first=False,  # --user after --witness
    args=[
        DB,
        arg(
            "--witness",
            metavar="FILE",
            type=Path,
            help="the witness log (default: $OPS_CONSOLE_AUDIT_WITNESS, else audit-witness.jsonl "
            "in the data folder); keep it on another disk or share",
        ),
        USER,
    ],
)
def cmd_audit_verify(args: argparse.Namespace) -> int:
    from ..services.audit import witness

    services = open_as(args, "audit.read")
    result = services.audit.verify()
    if not result.ok:
        print(
            f"audit chain BROKEN at entry {result.first_broken}: {result.problem}", file=sys.stderr
        )
        print(f"({result.entries} entries verified before it)", file=sys.stderr)
        return 1
    path = args.witness or witness.witness_path()
    problem = witness.contradiction(services.db, result, witness.last_checkpoint(services.db, path))
    if problem:
        print(f"{problem} (witness log {path})", file=sys.stderr)
        return 1
    print(f"audit chain intact: {result.entries} entries")
    if result.archived:
        print(
            f"(entries 1–{result.archived} are archived; check the files with "
            "'ops-console audit verify-archive FILE')"
        )
    if result.fingerprint:
        print(f"fingerprint: {result.fingerprint}")
    try:
        key = services.secrets.archive_signing_key()
    except SecretStoreUnavailable as exc:
        print(f"witness: no checkpoint written: {exc}", file=sys.stderr)
        return 0
    checkpoint = witness.append_checkpoint(services.db, result, key, services.clock.now(), path)
    print(f"witness: checkpoint of entry {checkpoint.last_id} appended to {path}")
    return 0


@AUDIT.command(
    "archive",
    help="move entries older than 180 days into a sealed archive file",
    description="Move the oldest audit entries, all written before --before, out of the "
    "database into FILE (JSON Lines: a header naming the public signing key, one entry per "
    "line with everything needed to re-hash it, and an Ed25519 signature made with this "
    "installation's key from the keyring). Entries are kept at least 180 days, so --before "
    "must be at least 180 days ago. The file's SHA-256 is also written into the chain; "
    "'audit verify' goes on from the archived entries. Needs an admin.",
    args=[
        arg(
            "--before",
            required=True,
            metavar="DATE",
            help=f"archive entries written before this date (00:00 {DEFAULT_TIMEZONE}) or ISO time",
        ),
        arg("file", metavar="FILE", type=Path, help="the archive to write (must not exist)"),
    ],
)
@signed
def cmd_audit_archive(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    before = parse_before(args.before)
    key = services.secrets.archive_signing_key()
    r = services.audit.archive(actor, before=before, path=args.file, signing_key=key)
    print(f"archived entries {r.first_id}–{r.last_id} ({r.entries}) to {r.path}")
    return f"sha256: {r.sha256}"


def parse_before(text: str) -> datetime:
    """A date (its start in the default time zone) or an ISO time with or without an offset."""
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime.combine(day, time(0), tzinfo=LOCAL)
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"--before: {text!r} is not a date (YYYY-MM-DD) or an ISO time"
        ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=LOCAL)


@AUDIT.command(
    "verify-archive",
    help="check an archive file",
    description="Check an archive file's signature, re-hash every entry and check the links "
    "between them; then say whether this database recorded the archive (its SHA-256 and "
    "key). Exit 0 when the file is whole, 1 naming the problem otherwise.",
    args=[arg("file", metavar="FILE", type=Path)],
)
def cmd_audit_verify_archive(args: argparse.Namespace) -> int:
    services = open_as(args, "audit.read")
    check = services.audit.check_archive(args.file)
    if not check.ok:
        print(f"archive BROKEN: {check.problem}", file=sys.stderr)
        return 1
    print(f"archive intact: entries {check.first_id}–{check.last_id} ({check.entries})")
    print(f"sha256: {check.sha256}")
    print(f"signed with Ed25519 key {check.signed_by}")
    if check.recorded:
        print("this database recorded the archive (the SHA-256 is in its audit chain)")
    else:
        print("this database has no record of this archive (another installation's?)")
    return 0


@COMMANDS.command(
    "backup",
    help="write a consistent copy of the live SQLite database",
    description="Write a consistent copy of the live SQLite database. Needs an admin.",
    args=[arg("file", metavar="FILE", type=Path)],
)
def cmd_backup(args: argparse.Namespace) -> int:
    services = open_as(args, "database.backup", migrate=False)
    target = services.db.backup(args.file)
    print(f"backup written: {target}")
    return 0
