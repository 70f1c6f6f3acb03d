"""``ops-console settings``: the installation's settings (how long metric history is kept,
the largest attachment), the same for every seat and poller."""

from __future__ import annotations

import argparse

from ..domain.errors import ValidationError
from ..services.container import Services
from ..services.workorders import MAX_MB_SETTING, checked_max_mb
from .common import FORMAT, Commands, arg, open_as, print_json, print_table, signed_in

SETTINGS_HELP = """\
settings:
  retention.raw_days        raw samples, days (default 7; 1-366)
  retention.five_min_days   5-minute buckets, days (default 60; 1-3660)
  retention.hourly_days     hourly buckets, days (default 730; 1-36600)
  attachments.max_mb        largest photo or PDF to attach, MB (default 10; 1-100)
raw <= 5-minute <= hourly. Every poller's next upkeep (within the hour) prunes by them;
every seat applies the attachment limit to the next file attached."""


COMMANDS = Commands()
SETTINGS = COMMANDS.group(
    "settings", "the installation's settings: metric history retention, attachment size"
)


def _values(services: Services) -> dict[str, int]:
    from ..services.monitoring.retention import as_settings

    return as_settings(services.monitoring.retention_settings()) | {
        MAX_MB_SETTING: services.workorders.attachment_max_mb()
    }


@SETTINGS.command("show", help="every setting and its value", args=[FORMAT])
def cmd_settings_show(args: argparse.Namespace) -> int:
    services = open_as(args, "read")
    values = _values(services)
    if args.format == "json":
        print_json(values)
    else:
        print_table(("setting", "value"), sorted(values.items()))
    services.close()
    return 0


@SETTINGS.command(
    "set",
    help="change settings (administrators), e.g. retention.raw_days 14",
    epilog=SETTINGS_HELP,
    raw=True,
    args=[arg("pairs", nargs="+", metavar="NAME VALUE", help="one or more name-value pairs")],
)
def cmd_settings_set(args: argparse.Namespace) -> int:
    from ..services.monitoring import retention

    if len(args.pairs) % 2:
        raise ValidationError(
            f"settings set: a value for each name (got {len(args.pairs)} words: NAME VALUE ...)"
        )
    changes = dict(zip(args.pairs[::2], args.pairs[1::2], strict=True))
    names = [*retention.LIMITS, MAX_MB_SETTING]
    for name, value in changes.items():  # every value checked before anything is written
        if name == MAX_MB_SETTING:
            checked_max_mb(value)
        elif name in retention.LIMITS:
            retention.checked(name, value)
        else:
            raise ValidationError.of(
                "no setting named {name!r}: the settings are {names}", name=name, names=names
            )
    days = {n: v for n, v in changes.items() if n in retention.LIMITS}
    services, actor = signed_in(args)
    if days:
        services.monitoring.set_retention(actor, days)
    if MAX_MB_SETTING in changes:
        services.workorders.set_attachment_max_mb(actor, changes[MAX_MB_SETTING])
    after = _values(services)
    for name in sorted(changes):
        print(f"{name} = {after[name]}")
    services.close()
    return 0
