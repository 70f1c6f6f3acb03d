"""What every subcommand shares: how it is declared (``Commands``, ``arg`` and the options
several commands take), the database option, signing in, output formats."""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import (
    TYPE_CHECKING,
    Literal,
    Protocol,
    TextIO,
    TypeAlias,
    TypedDict,
    TypeVar,
    Unpack,
    cast,
)

from ..domain.bounds import ID_MAX, check_year
from ..domain.clock import DEFAULT_ZONE
from ..domain.errors import AuthenticationFailed, ValidationError
from ..domain.lifecycle import PRIORITIES
from ..domain.messages import LANGUAGES
from ..domain.text import escape_controls
from ..services.container import Services
from ..services.context import Actor

if TYPE_CHECKING:
    from ..services.inventory import ImportResult
    from ..services.training import ImportCount

USER_ENV = "OPS_CONSOLE_USER"
PASSWORD_ENV = "OPS_CONSOLE_PASSWORD"
LOCAL = DEFAULT_ZONE  # how times are printed

# what ``add_subparsers()`` returns: each subcommand registers its parsers on one of these
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Row = TypeVar("Row")  # a row of a list command
Handler: TypeAlias = Callable[[argparse.Namespace], int]  # runs a command: its exit status
# a table's columns: each one's heading beside what its cell shows of a row
Columns: TypeAlias = Sequence[tuple[str, Callable[[Row], object]]]


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (an id, a count, days)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is out of range ({low} to {high})")
        return value

    return parse


def iso_date(text: str) -> date:
    """An argparse type: a YYYY-MM-DD date in the years the console accepts."""
    try:
        return check_year(date.fromisoformat(text), "date")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class ArgOptions(TypedDict, total=False):
    """What ``add_argument`` takes beside the flags (the options these commands use)."""

    action: Literal["store_true", "append"]
    nargs: Literal["?", "+"]
    default: object
    type: Callable[[str], object]
    choices: Sequence[str]
    required: bool
    help: str
    metavar: str
    dest: str


@dataclass(frozen=True)
class Arg:
    """One argument of a command: the flags and options of one ``add_argument`` call,
    declared once where several commands take it (``COMMUNITY``, ``FORMAT``...)."""

    flags: tuple[str, ...]
    options: ArgOptions

    def add_to(self, p: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
        p.add_argument(*self.flags, **self.options)

    def but(self, **options: Unpack[ArgOptions]) -> Arg:
        """The same argument with some options changed (another help, required)."""
        return Arg(self.flags, {**self.options, **options})


def arg(*flags: str, **options: Unpack[ArgOptions]) -> Arg:
    """An argument as ``add_argument(*flags, **options)`` declares it."""
    return Arg(flags, options)


@dataclass(frozen=True)
class OneOf:
    """Arguments of which at most one is given (exactly one when ``required``)."""

    args: tuple[Arg, ...]
    required: bool

    def add_to(self, p: argparse.ArgumentParser) -> None:
        group = p.add_mutually_exclusive_group(required=self.required)
        for a in self.args:
            a.add_to(group)


def one_of(*args: Arg, required: bool) -> OneOf:
    return OneOf(args, required)


# Subcommands SUPPRESS their default so `ops-console --db X init` keeps X.
DB = arg(
    "--db",
    metavar="URL",
    default=argparse.SUPPRESS,
    help="database URL (default: $OPS_CONSOLE_DB, else the SQLite file in the user data "
    "folder); e.g. sqlite:///ops.db or postgresql://user@host/ops",
)
USER = arg(
    "--user",
    metavar="NAME",
    default=None,
    help="act as this user (default: $OPS_CONSOLE_USER); the password is read from "
    "$OPS_CONSOLE_PASSWORD or asked for",
)
FORMAT = arg(
    "--format", choices=("table", "json"), default="table", help="output format (default: table)"
)
# the language of stored messages (titles and notes the console wrote)
LANG = arg(
    "--lang",
    choices=LANGUAGES,
    default=None,
    help="the language of the messages (default: $OPS_CONSOLE_LANG, else en)",
)
COMMUNITY = arg("--community", metavar="NAME")
ID = arg("id", metavar="ID", type=bounded_int(1, ID_MAX))
WORK_ORDER = arg("number", metavar="WO-YYYY-NNNNNN")
PRIORITY = arg("--priority", choices=PRIORITIES)


def period(parse: Callable[[str], object] = str) -> tuple[Arg, Arg]:
    """--from D1 --to D2: a period of whole days, the last one included (read by ``parse``)."""
    return (
        arg(
            "--from",
            dest="date_from",
            required=True,
            type=parse,
            metavar="YYYY-MM-DD",
            help="the period's first day (from 00:00)",
        ),
        arg(
            "--to",
            dest="date_to",
            required=True,
            type=parse,
            metavar="YYYY-MM-DD",
            help="the period's last day, included (up to 24:00)",
        ),
    )


def sentence(text: str) -> str:
    """A command's help as the start of its description: with a capital letter."""
    return text[0].upper() + text[1:]


def message_lang(args: argparse.Namespace) -> str:
    """The language ``--lang`` chose: else $OPS_CONSOLE_LANG, else en."""
    return getattr(args, "lang", None) or os.environ.get("OPS_CONSOLE_LANG") or "en"


@dataclass(frozen=True)
class _Command:
    name: str
    handler: Handler
    help: str
    description: str | None
    epilog: str | None
    raw: bool
    args: tuple[Arg | OneOf, ...]
    defaults: Mapping[str, object]

    def add_to(self, sub: Subparsers) -> None:
        p = sub.add_parser(
            self.name,
            help=self.help,
            description=self.description,
            epilog=self.epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter
            if self.raw
            else argparse.HelpFormatter,
        )
        for a in self.args:
            a.add_to(p)
        p.set_defaults(handler=self.handler, **self.defaults)


class Commands:
    """Commands, each declared beside its handler (``@COMMANDS.command(...)``), added to the
    parser by ``register`` in the order they are declared: the order --help lists them.

    A module's ``COMMANDS`` are the top-level ones (``ops-console NAME``); ``group`` declares
    a command of several actions (``ops-console GROUP ACTION``), whose actions are declared
    the same way (``@GROUP.command(...)``)."""

    def __init__(self) -> None:
        self._entries: list[_Command | Commands] = []

    def group(
        self,
        name: str,
        help: str = "",
        *,
        description: str | None = None,
        dest: str = "action",
        metavar: str = "ACTION",
        extends: bool = False,
    ) -> Group:
        """A command of several actions; ``extends``: more actions for a group another module
        declares (added to its parser, which must be registered first)."""
        group = Group(name, help, description, dest, metavar, extends)
        self._entries.append(group)
        return group

    def include(self, other: Commands) -> None:
        """Another module's commands, here among these."""
        self._entries.append(other)

    def command(
        self,
        name: str,
        *,
        help: str,
        description: str | None = None,
        epilog: str | None = None,
        raw: bool = False,
        args: Sequence[Arg | OneOf] = (),
        db_user_first: bool = True,
        defaults: Mapping[str, object] | None = None,
    ) -> Callable[[Handler], Handler]:
        """Declare the command ``name`` run by the decorated handler: its --help (``raw``:
        the description and epilog as written), its arguments, after --db and --user unless
        the command places those among ``args``, and values set for its handler."""

        def declare(handler: Handler) -> Handler:
            start = (DB, USER) if db_user_first else ()
            self._entries.append(
                _Command(
                    name, handler, help, description, epilog, raw, (*start, *args), defaults or {}
                )
            )
            return handler

        return declare

    def register(self, sub: Subparsers) -> None:
        for entry in self._entries:
            entry.add_to(sub)

    def add_to(self, sub: Subparsers) -> None:
        """Included in another's commands: these among those."""
        self.register(sub)


class Group(Commands):
    """A command of several actions: ``ops-console NAME ACTION``, an action in ``dest``."""

    def __init__(
        self, name: str, help: str, description: str | None, dest: str, metavar: str, extends: bool
    ) -> None:
        super().__init__()
        self.name, self.help, self.description = name, help, description
        self.dest, self.metavar, self.extends = dest, metavar, extends

    def add_to(self, sub: Subparsers) -> None:
        if self.extends:
            self.register(_subparsers(sub.choices[self.name]))
            return
        p = sub.add_parser(self.name, help=self.help, description=self.description)
        self.register(p.add_subparsers(dest=self.dest, metavar=self.metavar, required=True))


def _subparsers(parser: argparse.ArgumentParser) -> Subparsers:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"{parser.prog} has no subcommands")  # pragma: no cover


def open_services(args: argparse.Namespace, *, migrate: bool = True) -> Services:
    """Open the database named by --db (built by the composition root, ``ops_console.app``);
    refuse one that was never initialised."""
    from .. import app

    return app.open_services(
        getattr(args, "db", None), migrate=migrate, credentials=lambda: _credentials(args)
    )


def signed_in(args: argparse.Namespace) -> tuple[Services, Actor]:
    """The services over --db and the person signed in (--user): how a command starts."""
    services = open_services(args)
    return services, sign_in(services, args)


def open_as(args: argparse.Namespace, permission: str, *, migrate: bool = True) -> Services:
    """The services over --db, once the person signed in (--user) is found to hold
    ``permission``: for a command that needs nothing else of who they are."""
    services = open_services(args, migrate=migrate)
    sign_in(services, args).require(permission)
    return services


def signed(
    run: Callable[[argparse.Namespace, Services, Actor], str | None],
) -> Handler:
    """A command's handler that starts signed in: ``run`` gets the arguments, the services
    over --db and the person signed in (--user), and returns the line to print (None when it
    printed what it had to say itself); the exit status is 0 (a refusal raises)."""

    @functools.wraps(run)
    def handler(args: argparse.Namespace) -> int:
        services, actor = signed_in(args)
        said = run(args, services, actor)
        if said is not None:
            print(said)
        return 0

    return handler


# a list command's rows, from what ``signed`` gives
RowsOf: TypeAlias = Callable[[argparse.Namespace, Services, Actor], Iterable[Row]]


def lists(
    columns: Columns[Row], *, as_json: Callable[[Row], object] | None = None
) -> Callable[[RowsOf[Row]], Handler]:
    """A list command's handler: ``rows`` gets what ``signed`` gives and returns the rows,
    printed by ``print_rows`` as a table of ``columns`` or as JSON."""
    return _lists(lambda args: columns, as_json)


def lists_in_lang(
    columns: Callable[[str], Columns[Row]], *, as_json: Callable[[Row], object] | None = None
) -> Callable[[RowsOf[Row]], Handler]:
    """``lists`` for a table that shows messages the console stored (``render``): its columns
    are ``columns(lang)``, in the language --lang chose (``message_lang``)."""
    return _lists(lambda args: columns(message_lang(args)), as_json)


def _lists(
    columns: Callable[[argparse.Namespace], Columns[Row]],
    as_json: Callable[[Row], object] | None,
) -> Callable[[RowsOf[Row]], Handler]:
    def handler(rows: RowsOf[Row]) -> Handler:
        @functools.wraps(rows)
        def run(args: argparse.Namespace, services: Services, actor: Actor) -> None:
            print_rows(args, rows(args, services, actor), columns(args), as_json=as_json)

        return signed(run)

    return handler


class _Json(Protocol):
    def to_json(self) -> object: ...


def counted(what: object, done: ImportResult | ImportCount) -> str:
    """What an import that creates or updates did: ``WHAT: N created, N updated, N unchanged``."""
    return f"{what}: {done.created} created, {done.updated} updated, {done.unchanged} unchanged"


def local_minutes(instant: datetime) -> str:
    """An instant as the commands print it: in the console's time zone, to the minute."""
    return instant.astimezone(LOCAL).isoformat(timespec="minutes")


def print_rows(
    args: argparse.Namespace,
    rows: Iterable[Row],
    columns: Columns[Row],
    *,
    as_json: Callable[[Row], object] | None = None,
) -> None:
    """Print a list command's rows as --format asks: a JSON list (each row's ``to_json()``
    unless ``as_json`` says otherwise) or a table of ``columns``."""
    if args.format == "json":
        print_json([as_json(r) if as_json else cast(_Json, r).to_json() for r in rows])
    else:
        cells = [[cell(r) for _, cell in columns] for r in rows]
        print_table([heading for heading, _ in columns], cells)


def sign_in(services: Services, args: argparse.Namespace) -> Actor:
    """Return the signed-in user: --user/$OPS_CONSOLE_USER with a password.

    There is no implicit identity: every command that reads or changes data signs in.
    """
    username, password = _credentials(args)
    actor: Actor = services.accounts.authenticate(username, password)
    return actor


def _credentials(args: argparse.Namespace) -> tuple[str, str]:
    """Return the user name and password of whoever signs in (asked once per command)."""
    cached: tuple[str, str] | None = getattr(args, "_credentials", None)
    if cached is not None:
        return cached
    username = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not username:
        raise AuthenticationFailed(
            "sign in first: name the user with --user NAME or $OPS_CONSOLE_USER "
            "(the password from $OPS_CONSOLE_PASSWORD or a prompt)"
        )
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise AuthenticationFailed(
                f"no password for {username}: set $OPS_CONSOLE_PASSWORD or run in a terminal"
            )
        password = getpass.getpass(f"password for {username}: ")
    args._credentials = (username, password)
    return username, password


def read_secret_stdin(what: str) -> str:
    """Read one secret line from standard input (never from the command line)."""
    if sys.stdin.isatty():
        value = getpass.getpass(f"{what}: ")
    else:
        value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise ValidationError(f"{what}: nothing on standard input")
    return value


def width(text: str) -> int:
    """Return how many terminal cells ``text`` takes (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cells: int) -> str:
    return text + " " * max(0, cells - width(text))


def print_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], out: TextIO | None = None
) -> None:
    """Print rows as aligned columns (CJK-aware), or a note when there are none.

    Control characters and bidi controls in a cell (from an old database, a device's own
    text) are shown as escapes, never sent to the terminal as they are.
    """
    out = out or sys.stdout
    text_rows = [["" if v is None else escape_controls(str(v)) for v in r] for r in rows]
    if not text_rows:
        out.write("(none)\n")
        return
    widths = [width(h) for h in headers]
    for r in text_rows:
        for i, v in enumerate(r):
            widths[i] = max(widths[i], width(v))
    out.write("  ".join(pad(h, widths[i]) for i, h in enumerate(headers)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in text_rows:
        out.write("  ".join(pad(v, widths[i]) for i, v in enumerate(r)).rstrip() + "\n")


def print_json(value: object) -> None:
    # dumps (the C encoder) then one write: json.dump streams through the slow Python one
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str))
    sys.stdout.write("\n")
