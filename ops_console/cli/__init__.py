"""The ``ops-console`` command: the GUI by default, subcommands for headless work.

Each area declares its subcommands in its own module (``foundation``, ``polling``,
``workorders``, ``sla``...), named after the commands they hold: its ``COMMANDS``, each
declared beside its handler (``common.Commands``). ``AREAS`` lists the modules in the order
``--help`` lists their commands.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from collections.abc import Sequence

from .. import __version__
from ..domain.errors import OpsError
from .common import DB

AREAS = (
    "foundation",
    "polling",
    "pollers",
    "contracts",
    "workorders",
    "sla",
    "training",
    "plans",
    "reports",
    "gui",
    "installation",
    "settings",
)

DESCRIPTION = """\
Ops Console: device inventory, health polling, fault work orders, SLA and training
for smart residential communities.

Without a subcommand, opens the desktop console. Subcommands work headless.
Exit status: 0 ok, 1 failure, 2 bad usage or bad input."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ops-console",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ops-console {__version__}")
    DB.but(default=None).add_to(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in AREAS:
        importlib.import_module(f"{__name__}.{area}").COMMANDS.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler = getattr(args, "handler", None)
    if handler is None:
        from .gui import open_gui

        handler = open_gui
    try:
        return int(handler(args) or 0)
    except OpsError as exc:
        print(f"ops-console: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("ops-console: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last net: one line naming the cause, never a traceback
        print(f"ops-console: {failure_line(exc)}", file=sys.stderr)
        if args.verbose:
            traceback.print_exc()
        return 1


def failure_line(exc: Exception) -> str:
    """Say in one line what an unexpected error was: a database or OS fault, else a bug."""
    from ..db.failures import describe_failure

    line = describe_failure(exc)
    if line is None and isinstance(exc, OSError):
        what = exc.strerror or str(exc)
        line = f"{what}: {exc.filename}" if exc.filename else what
    if line is None:
        line = f"internal error: {type(exc).__name__}: {exc} (run with -v for the traceback)"
    return " ".join(line.split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
