"""Subcommands of shared installations: ``poller run`` (a registered poller sharing the
devices with the others through the database) and ``pollers list``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from ..domain.errors import ValidationError
from .common import (
    FORMAT,
    Commands,
    _credentials,
    arg,
    print_rows,
    signed_in,
)
from .polling import IN_FLIGHT, TRAP_HOST

_RUN_HELP = (
    "Register as poller NAME and poll the devices this poller leases, until SIGINT or SIGTERM. "
    "Pollers share the devices through the database alone: each heartbeat (every "
    "--heartbeat seconds) balances the leases: the devices of each community and zone are "
    "split evenly among the live pollers whose scope includes them. The devices of a poller "
    "silent for --failover seconds are taken over by the others at that moment. A poller that cannot reach the database stops polling before "
    "its devices can be taken over, and registers again when it is back. SIGTERM hands every "
    "device back at once. The same rules hold on SQLite, with one poller. In a shared "
    "installation (a PostgreSQL URL without a user) the poller signs in as this computer's "
    "poller login ('ops-console enroll --poller', once, by an admin), never as a person; on "
    "SQLite or with the owner's URL an administrator signs in (--user)."
)


def _names(text: str | None) -> tuple[str, ...]:
    return tuple(n.strip() for n in (text or "").split(",") if n.strip())


COMMANDS = Commands()
POLLER = COMMANDS.group("poller", "run a registered poller (shared installations)")
POLLERS = COMMANDS.group("pollers", "the registered pollers and their state")


def _check(args: argparse.Namespace) -> None:
    if args.heartbeat <= 0 or args.failover <= 2 * args.heartbeat:
        raise ValidationError("--failover must be more than two heartbeats (--heartbeat > 0)")
    if not 0 <= args.trap_port < 65536:
        raise ValidationError("--trap-port: between 0 and 65535")
    if args.in_flight < 1 or args.in_flight > 5000:
        raise ValidationError("--in-flight: between 1 and 5000")


@POLLER.command(
    "run",
    help="poll the devices this poller leases",
    description=_RUN_HELP,
    args=[
        arg("--name", required=True, metavar="NAME", help="this poller's unique name"),
        arg("--communities", metavar="A,B", help="only these communities (default: all)"),
        arg("--zones", metavar="Z1,Z2", help="only these zones (default: all)"),
        arg(
            "--failover",
            type=float,
            default=30.0,
            metavar="S",
            help="seconds without a heartbeat before a poller's devices are taken over (30)",
        ),
        arg("--heartbeat", type=float, default=5.0, metavar="S", help="heartbeat interval (5)"),
        arg(
            "--trap-port",
            type=int,
            default=0,
            metavar="PORT",
            help="UDP port for traps and informs (default 0: no trap receiver)",
        ),
        TRAP_HOST,
        IN_FLIGHT,
    ],
)
def cmd_poller_run(args: argparse.Namespace) -> int:
    from .. import app
    from ..services.pollers import PollerScope

    _check(args)
    services = app.poller_services(getattr(args, "db", None), lambda: _credentials(args))
    scope = PollerScope(_names(args.communities), _names(args.zones))
    service = app.build_poller(
        services,
        name=args.name,
        scope=scope,
        trap_host=args.trap_host,
        trap_port=args.trap_port or None,
        max_in_flight=args.in_flight,
        failover_s=args.failover,
        heartbeat_s=args.heartbeat,
        store_process=None,  # results stored in a process of their own: both cores
        own_process=True,  # this process only polls: its collector tuned for it
    )
    print(
        f"poller {args.name} ({scope.describe()}) polling; stop with Ctrl+C or SIGTERM",
        file=sys.stderr,
    )
    stats = service.run()
    print(
        f"poller {args.name} stopped cleanly: {stats.results} results ({stats.ok} ok, "
        f"{stats.failed} failed), {stats.samples} samples; its devices were handed back",
        file=sys.stderr,
    )
    services.close()
    return 0


def _ago(now: datetime, then: datetime) -> str:
    s = max(0, int((now - then).total_seconds()))
    return f"{s} s ago" if s < 120 else f"{s // 60} min ago"


def _cycle(cycle: dict[str, object]) -> str:
    rate = cycle.get("rate")
    return f"{cycle.get('results', 0)} results" + (f", {rate}/s" if rate is not None else "")


@POLLERS.command(
    "list",
    help="every poller: host, scope, devices, last heartbeat, state",
    description="State: running; late (no heartbeat for two intervals); dead (none for "
    "the failover delay: its devices were taken over, or are not covered); stopped (a "
    "clean stop). A dead poller is an alarm: its note says who took its devices over.",
    args=[
        arg("--failover", type=float, default=30.0, metavar="S", help="failover delay (30)"),
        FORMAT,
    ],
)
def cmd_pollers_list(args: argparse.Namespace) -> int:
    from ..services.pollers import PollersService, dead_alarm_text

    if args.failover <= 0:
        raise ValidationError("--failover: more than 0 seconds")
    services, actor = signed_in(args)
    registry = PollersService(
        services.db,
        services.clock,
        failover_s=args.failover,
        heartbeat_s=min(5.0, args.failover / 3),
    )
    now = services.clock.now()
    rows = registry.list_pollers(actor, now)
    print_rows(
        args,
        rows,
        (
            ("name", lambda p: p.name),
            ("host", lambda p: p.host),
            ("scope", lambda p: p.scope),
            ("state", lambda p: p.state),
            ("devices", lambda p: p.devices),
            ("heartbeat", lambda p: _ago(now, p.heartbeat_at)),
            ("cycle", lambda p: _cycle(p.last_cycle)),
            ("note", lambda p: dead_alarm_text(p, now) if p.alarm else ""),
        ),
    )
    return 0
