"""``ops-console settings``: the installation's settings (how long metric history is kept)."""

from __future__ import annotations

import argparse

from ..domain.errors import ValidationError
from .common import (
    Subparsers,
    command,
    group,
    open_services,
    print_json,
    print_table,
    sign_in,
    signed_in,
)

SETTINGS_HELP = """\
settings:
  retention.raw_days        raw samples, days (default 7; 1-366)
  retention.five_min_days   5-minute buckets, days (default 60; 1-3660)
  retention.hourly_days     hourly buckets, days (default 730; 1-36600)
raw <= 5-minute <= hourly. Every poller's next upkeep (within the hour) prunes by them."""


def register(sub: Subparsers) -> None:
    ssub = group(sub, "settings", "the installation's settings: metric history retention")
    a = command(ssub, "show", cmd_settings_show, help="every setting and its value", fmt=True)
    a = command(
        ssub,
        "set",
        cmd_settings_set,
        help="change settings (administrators), e.g. retention.raw_days 14",
        epilog=SETTINGS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    a.add_argument("pairs", nargs="+", metavar="NAME VALUE", help="one or more name-value pairs")


def cmd_settings_show(args: argparse.Namespace) -> int:
    from ..services.monitoring.retention import as_settings

    services = open_services(args)
    sign_in(services, args).require("read")
    values = as_settings(services.monitoring.retention_settings())
    if args.format == "json":
        print_json(values)
    else:
        print_table(("setting", "days"), sorted(values.items()))
    services.close()
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    from ..services.monitoring.retention import as_settings

    if len(args.pairs) % 2:
        raise ValidationError(
            f"settings set: a value for each name (got {len(args.pairs)} words: NAME VALUE ...)"
        )
    changes = dict(zip(args.pairs[::2], args.pairs[1::2], strict=True))
    services, actor = signed_in(args)
    after = as_settings(services.monitoring.set_retention(actor, changes))
    for name in sorted(changes):
        print(f"{name} = {after[name]}")
    services.close()
    return 0
