"""Subcommands of health polling: poll, devices health, alarms, care, maintenance,
credentials, discover."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypedDict
from zoneinfo import ZoneInfo

from ..domain.bounds import check_year
from ..domain.clock import DEFAULT_TIMEZONE
from ..domain.errors import ValidationError
from ..domain.messages import render
from .common import (
    COMMUNITY,
    FORMAT,
    ID,
    LANG,
    LOCAL,
    Columns,
    Commands,
    arg,
    bounded_int,
    lists,
    lists_in_lang,
    one_of,
    open_as,
    print_json,
    print_table,
    read_secret_stdin,
    signed,
    signed_in,
)

if TYPE_CHECKING:
    from ..services.container import Services
    from ..services.context import Actor
    from ..services.monitoring.alarms import AlarmInfo, CareAlertInfo
    from ..services.monitoring.ingest.health import DeviceHealth
    from ..services.monitoring.ingest.windows import MaintenanceWindowInfo

log = logging.getLogger(__name__)


COMMANDS = Commands()
# how a poller listens for traps and how many polls it keeps going: 'poll' and 'poller run'
TRAP_HOST = arg("--trap-host", default="0.0.0.0", metavar="ADDR")
IN_FLIGHT = arg(
    "--in-flight", type=int, default=200, metavar="N", help="concurrent polls (default 200)"
)
# ``ack ID [--note TEXT]``, as alarms and care alerts take it
ACK = (ID, arg("--note", metavar="TEXT"))


def _iso(value: datetime | None) -> str:
    """An instant in the console's time zone (stored in UTC)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL).isoformat(timespec="seconds")


@COMMANDS.command(
    "poll",
    help="run the poller until SIGINT/SIGTERM, or poll every device once",
    description="Poll every in-service device on its interval and listen for traps, "
    "storing samples, health and alarms, until SIGINT or SIGTERM (a clean stop: "
    "nothing polled is lost). v1/v2c traps must carry the community their device is "
    "polled with (or, from an unknown sender, a configured one); v3 traps and informs "
    "are accepted for the configured v3 users. Rejected traps are counted and logged "
    "with the reason. It registers as a poller (--name, default the host name) and "
    "polls the devices it leases, as 'poller run' does. With --once, poll every device once and print "
    '{"devices": N, "ok": N, "failed": N, "samples": N, "seconds": S, "left_to_pollers": N}: '
    "on PostgreSQL it polls only the devices no running poller holds (leased for that one "
    "poll, under --name, default 'HOST (once)'), leaving the others to their pollers. "
    "The poller writes samples, alarms and work orders: it needs an admin's sign-in. "
    "On the demo's database (init --demo) the demo's simulated agent starts with the "
    "poller and stops with it: it answers for the demo devices on their loopback "
    "addresses and sends its SOS traps to a trap receiver on a free loopback port.",
    args=[
        arg("--once", action="store_true", help="poll every device once, then exit"),
        COMMUNITY.but(help="only this community's devices"),
        arg(
            "--name",
            metavar="NAME",
            help="without --once: register as this poller (default: the host name); see "
            "'poller run' for pollers that share the devices",
        ),
        arg(
            "--trap-port",
            type=int,
            default=1162,
            metavar="PORT",
            help="UDP port for traps and informs (default 1162; 0 = no trap receiver)",
        ),
        TRAP_HOST.but(help="trap listen address"),
        IN_FLIGHT,
        FORMAT,
    ],
)
def cmd_poll(args: argparse.Namespace) -> int:
    import socket

    from .. import app
    from ..services.pollers import PollerScope

    if args.in_flight < 1 or args.in_flight > 5000:
        raise ValidationError("--in-flight: between 1 and 5000")
    if not 0 <= args.trap_port < 65536:
        raise ValidationError("--trap-port: between 0 and 65535")
    services = open_as(args, "poll.run")
    traps: dict[str, Any] = {"trap_host": args.trap_host, "trap_port": args.trap_port or None}
    communities = (args.community,) if args.community else ()
    if args.once:
        # on PostgreSQL it leases the devices no running poller holds, for this one poll
        name = args.name or f"{socket.gethostname()} (once)"
        scope = PollerScope(communities, share=False)
    else:  # a lasting poll registers (under --name, else the host's name) and leases its share
        name, scope = args.name or socket.gethostname(), PollerScope(communities)
    service = app.build_poller(
        services,
        name=name,
        scope=scope,
        shared_only=args.once,
        community=args.community,
        max_in_flight=args.in_flight,
        # results stored in a process of their own (both cores): always when polling on,
        # from 1,000 devices for --once
        store_process=None,
        own_process=True,  # this process only polls: its collector tuned for it
        **(traps | _demo_options(services)),  # the demo's trap receiver is the agent's
    )
    if args.once:
        result = service.poll_once(args.community)
        if args.format == "json":
            print_json(result.to_json())
        else:
            print(
                f"{result.devices} devices polled: {result.ok} ok, {result.failed} failed, "
                f"{result.samples} samples stored in {result.seconds:.2f} s"
                + (
                    f"; {result.left_to_pollers} left to the running pollers that hold them"
                    if result.left_to_pollers
                    else ""
                )
            )
        services.close()
        return 0
    print("polling; stop with Ctrl+C or SIGTERM", file=sys.stderr)
    stats = service.run()
    print(
        f"poller stopped cleanly: {stats.results} results ({stats.ok} ok, {stats.failed} failed), "
        f"{stats.samples} samples, {stats.alarms_opened} alarms opened, "
        f"{stats.alarms_cleared} cleared",
        file=sys.stderr,
    )
    services.close()
    return 0


def _demo_options(services: Services) -> dict[str, Any]:
    """On the demo's database, the demo agent beside the poller (see ``demo.poller``)."""
    from ..demo import loader as demo

    if not demo.is_loaded(services):
        return {}
    from ..demo.poller import demo_poller_options

    print(
        "demo database: the simulated agent answers for the demo devices while polling",
        file=sys.stderr,
    )
    return demo_poller_options(services)


# `devices` belongs to the foundation (cli/foundation.py); health is added to its actions
DEVICES = COMMANDS.group("devices", extends=True)


def _health_columns(lang: str) -> Columns[DeviceHealth]:
    """The device health table, the last poll's error in ``lang``."""
    return (
        ("asset_tag", lambda r: r.asset_tag),
        ("name", lambda r: r.name),
        ("community", lambda r: r.community),
        ("health", lambda r: r.health + (" (maintenance)" if r.in_maintenance else "")),
        ("since", lambda r: _iso(r.health_since)),
        ("last_poll", lambda r: _iso(r.last_poll_at)),
        ("alarms", lambda r: r.open_alarms or ""),
        (
            "note",
            lambda r: (
                (render(r.last_error, lang) if r.last_error else "")
                or ", ".join(f"{k}={v}" for k, v in r.summary.get("status", {}).items())
            )[:60],
        ),
    )


@DEVICES.command("health", help="current health of every device", args=[COMMUNITY, FORMAT])
@lists_in_lang(_health_columns)
def cmd_devices_health(
    args: argparse.Namespace, services: Services, actor: Actor
) -> list[DeviceHealth]:
    return services.monitoring.device_health(actor, community=args.community)


ALARMS = COMMANDS.group("alarms", "list and acknowledge alarms")


def _alarm_columns(lang: str) -> Columns[AlarmInfo]:
    """The alarm list's table, its messages in ``lang``."""
    return (
        ("id", lambda a: a.id),
        ("opened", lambda a: _iso(a.opened_at)),
        ("device", lambda a: a.asset_tag),
        ("rule", lambda a: a.rule),
        ("severity", lambda a: a.severity),
        (
            "state",
            lambda a: "open" if a.cleared_at is None else f"cleared {_iso(a.cleared_at)}",
        ),
        ("ack", lambda a: a.acknowledged_by or ""),
        ("work order", lambda a: a.handover_text[:80]),
        ("message", lambda a: render(a.message, lang)[:60]),
    )


@ALARMS.command(
    "list",
    help="list alarms, newest first",
    args=[
        arg("--open", action="store_true", help="only alarms not cleared"),
        COMMUNITY,
        LANG,
        FORMAT,
    ],
)
@lists_in_lang(_alarm_columns)
def cmd_alarms_list(args: argparse.Namespace, services: Services, actor: Actor) -> list[AlarmInfo]:
    return services.monitoring.list_alarms(actor, open_only=args.open, community=args.community)


@ALARMS.command("ack", help="acknowledge an alarm", args=ACK)
@signed
def cmd_alarms_ack(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    a = services.monitoring.acknowledge(actor, args.id, note=args.note)
    return f"alarm {a.id} ({a.asset_tag} {a.rule}) acknowledged by {a.acknowledged_by}"


CARE = COMMANDS.group("care", "wristband care alerts (SOS, fall, removal)")


CARE_COLUMNS: Columns[CareAlertInfo] = (
    ("id", lambda c: c.id),
    ("raised", lambda c: _iso(c.raised_at)),
    ("kind", lambda c: c.kind),
    ("band", lambda c: c.band_id or ""),
    ("gateway", lambda c: c.asset_tag),
    ("community", lambda c: c.community),
    ("ack", lambda c: c.acknowledged_by or ""),
)


@CARE.command(
    "list",
    help="list care alerts, newest first",
    args=[arg("--open", action="store_true", help="only alerts not acknowledged"), FORMAT],
)
@lists(CARE_COLUMNS)
def cmd_care_list(
    args: argparse.Namespace, services: Services, actor: Actor
) -> list[CareAlertInfo]:
    return services.monitoring.list_care_alerts(actor, open_only=args.open)


@CARE.command("ack", help="acknowledge a care alert", args=ACK)
@signed
def cmd_care_ack(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    c = services.monitoring.acknowledge_care(actor, args.id, note=args.note)
    return (
        f"care alert {c.id} ({c.kind}, band {c.band_id or '?'}) acknowledged by {c.acknowledged_by}"
    )


@CARE.command(
    "close",
    help="close an acknowledged care alert with what happened (the outcome)",
    args=[ID, arg("--outcome", required=True, metavar="TEXT", help="what happened")],
)
@signed
def cmd_care_close(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    c = services.monitoring.close_care(actor, args.id, args.outcome)
    return f"care alert {c.id} ({c.kind}) closed by {c.closed_by}: {c.outcome}"


def parse_instant(text: str, tz: str, option: str) -> datetime:
    """ISO 8601; without an offset, in the time zone ``tz``."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"{option}: {text!r} is not a date and time like 2026-12-01T09:00"
        ) from None
    check_year(value, option)
    return value if value.tzinfo is not None else value.replace(tzinfo=ZoneInfo(tz))


MAINTENANCE = COMMANDS.group(
    "maintenance", "maintenance windows (no alarms, no SLA, no availability)"
)


@MAINTENANCE.command(
    "add",
    help="plan a window for a device or a community",
    description="Times are ISO 8601 (2026-12-01T09:00 or '2026-12-01 09:00'); without a "
    "UTC offset they are in the community's time zone.",
    args=[
        one_of(
            arg("--device", metavar="TAG", help="one device, by its tag"),
            COMMUNITY.but(help="every device of a community"),
            required=True,
        ),
        arg(
            "--from",
            dest="start",
            required=True,
            metavar="T",
            help="the window's start, e.g. 2026-12-01T09:00 (local time unless an offset is given)",
        ),
        arg("--to", dest="end", required=True, metavar="T", help="the window's end"),
        arg(
            "--reason",
            required=True,
            metavar="TEXT",
            help="why (the resident notice says it in plain words)",
        ),
    ],
)
@signed
def cmd_maintenance_add(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    tz = DEFAULT_TIMEZONE
    community_name = args.community
    if args.device:
        community_name = services.inventory.get(actor, args.device).community
    for c in services.accounts.list_communities(actor):
        if c.name == community_name:
            tz = c.timezone
    w = services.monitoring.add_maintenance_window(
        actor,
        device_tag=args.device,
        community=args.community,
        start=parse_instant(args.start, tz, "--from"),
        end=parse_instant(args.end, tz, "--to"),
        reason=args.reason,
    )
    return (
        f"maintenance window {w.id} for {w.asset_tag or w.community}: "
        f"{w.starts_at.astimezone(ZoneInfo(tz)).isoformat(timespec='minutes')} to "
        f"{w.ends_at.astimezone(ZoneInfo(tz)).isoformat(timespec='minutes')}"
    )


WINDOW_COLUMNS: Columns[MaintenanceWindowInfo] = (
    ("id", lambda w: w.id),
    ("target", lambda w: w.asset_tag or w.community),
    ("from", lambda w: _iso(w.starts_at)),
    ("to", lambda w: _iso(w.ends_at)),
    ("reason", lambda w: w.reason),
    ("by", lambda w: w.created_by),
)


@MAINTENANCE.command(
    "list",
    help="current and planned windows",
    args=[arg("--all", action="store_true", help="include past windows"), FORMAT],
)
@lists(WINDOW_COLUMNS)
def cmd_maintenance_list(
    args: argparse.Namespace, services: Services, actor: Actor
) -> list[MaintenanceWindowInfo]:
    return services.monitoring.list_maintenance_windows(actor, include_past=args.all)


CREDENTIALS = COMMANDS.group(
    "credentials",
    "SNMP credentials (the OS keyring; shared installation: the database, encrypted)",
)


@CREDENTIALS.command(
    "set",
    help="store an SNMP community or v3 user (secrets read from standard input)",
    description="v1/v2c: --snmp-community-stdin reads the community from standard input. "
    "v3: --v3-user U [--auth-proto SHA] [--priv-proto AES] reads the auth key, then "
    "(with privacy) the privacy key, one per line. Secrets are never arguments and never "
    "echoed. SQLite: kept in this computer's keyring, never in the database. PostgreSQL "
    "(shared installation): kept in the database encrypted under the installation key, "
    "for every enrolled poller; this computer must be enrolled (ops-console enroll).",
    args=[
        arg("name", metavar="NAME"),
        one_of(
            arg("--snmp-community-stdin", action="store_true"),
            arg("--v3-user", metavar="U"),
            required=True,
        ),
        arg("--auth-proto", default="SHA", metavar="P", help="MD5, SHA, SHA256... (SHA)"),
        arg("--priv-proto", default="AES", metavar="P", help="AES, AES256, DES... or none (AES)"),
    ],
)
@signed
def cmd_credentials_set(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    from ..polling.credentials import SnmpCredential
    from ..services.monitoring import set_snmp_credential

    actor.require("credentials.write")  # before reading any secret
    if args.snmp_community_stdin:
        cred = SnmpCredential(community=read_secret_stdin(f"SNMP community for {args.name}"))
        kind = "community"
    else:
        auth = None if args.auth_proto.lower() == "none" else args.auth_proto.upper()
        priv = None if args.priv_proto.lower() == "none" else args.priv_proto.upper()
        auth_key = read_secret_stdin(f"SNMPv3 auth key for {args.v3_user}") if auth else None
        priv_key = read_secret_stdin(f"SNMPv3 privacy key for {args.v3_user}") if priv else None
        cred = SnmpCredential(
            user=args.v3_user,
            auth_proto=auth,
            auth_key=auth_key,
            priv_proto=priv,
            priv_key=priv_key,
        )
        kind = f"v3 user {args.v3_user} ({auth or 'noAuth'}/{priv or 'noPriv'})"
    where = set_snmp_credential(  # returns once the store gave the secret back
        services.secrets, services.db, actor, args.name, cred, now=services.clock.now()
    )
    return f"credential {args.name} stored in {where}: {kind}"


class _Probe(TypedDict):
    """How discover asks every address, and how the devices it adds are then polled."""

    credential: str
    version: str
    port: int


@COMMANDS.command(
    "discover",
    help="sweep a range for SNMP devices and suggest categories",
    description="Ask every address of CIDR for sysObjectID and sysDescr (at a bounded rate) "
    "and suggest a category. Nothing is added unless --add is given: a liaison decides "
    "what counts toward the SLA.",
    args=[
        arg("cidr", metavar="CIDR"),
        arg("--credential", default="demo-v2c", metavar="NAME"),
        arg("--version", default="v2c", choices=("v1", "v2c", "v3")),
        arg("--port", type=bounded_int(1, 65535), default=161),
        arg(
            "--rate",
            type=bounded_int(1, 100_000),
            default=200,
            metavar="N",
            help="requests per second",
        ),
        arg("--add", action="store_true", help="add the suggested, unknown devices"),
        COMMUNITY.but(help="community of the added devices"),
        FORMAT,
    ],
)
def cmd_discover(args: argparse.Namespace) -> int:
    from ..services import discovery

    if args.add and not args.community:
        raise ValidationError("--add needs --community NAME (where the devices belong)")
    services, actor = signed_in(args)
    probe = _Probe(credential=args.credential, version=args.version, port=args.port)
    found = discovery.sweep(services, actor, args.cidr, rate_per_s=args.rate, **probe)
    added: list[str] = []
    if args.add:
        added = discovery.add_found(services, actor, found, community=args.community, **probe)
    if args.format == "json":
        print_json({"found": [f.__dict__ for f in found], "added": added})
        return 0
    print_table(
        ("address", "suggested", "known as", "sysObjectID", "sysDescr"),
        [
            (f.address, f.category or "?", f.known_as or "", f.sys_object_id, f.sys_descr[:50])
            for f in found
        ],
    )
    if args.add:
        print(f"{len(added)} device(s) added to {args.community}: {', '.join(added) or 'none'}")
    elif any(f.category and not f.known_as for f in found):
        print("nothing added: review the suggestions, then run again with --add --community NAME")
    return 0
