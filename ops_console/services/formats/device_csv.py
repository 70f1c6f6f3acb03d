"""The device CSV format: parse and check rows, with every problem as `line N: column: problem`."""

from __future__ import annotations

import csv
import io
import ipaddress
import re
from datetime import date
from pathlib import Path

from ...domain.bounds import YEAR_MAX, YEAR_MIN
from ...domain.device_record import COLUMNS, DeviceRecord
from ...domain.errors import Problem, ValidationError
from ...domain.text import text_problem
from .csv_output import TextSink, csv_writer, restore
from .problems import problems_error

HEADER = COLUMNS  # the device CSV's columns, in order
REQUIRED = ("asset_tag", "name", "category", "community")
SNMP_VERSIONS = ("v1", "v2c", "v3", "none")
CRITICALITIES = ("low", "normal", "high", "life_safety")
STATUSES = ("in_service", "under_maintenance", "retired")
TAG_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
HOST_RE = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)
CRED_RE = re.compile(r"^\S{1,100}$")


# one device as the CSV and the edit dialog describe it (names, not ids)
DeviceFields = DeviceRecord


def check_address(value: str) -> str | None:
    """Return a problem with a management address, or None when it is fine."""
    try:
        ipaddress.ip_address(value.strip("[]"))
        return None
    except ValueError:
        pass
    if re.fullmatch(r"[0-9.]+", value):
        return Problem.of("{value!r} is not a valid IPv4 address", value=value)
    if HOST_RE.match(value):
        return None
    return Problem.of("{value!r} is neither an IP address nor a host name", value=value)


def place_of(where: str) -> str:
    """``line 3: `` as a translatable Problem (any other prefix as it is)."""
    line = re.fullmatch(r"line (\d+): ", where)
    return Problem.of("line {line}: ", line=int(line[1])) if line else where


def column_problem(place: str, column: str, problem: str) -> Problem:
    """``{place}{column}: {problem}``, e.g. ``line 3: zone: no zone 'X' in Y``."""
    return Problem.of("{where}{column}: {problem}", where=place, column=column, problem=problem)


def parse_fields(raw: dict[str, str], where: str) -> tuple[DeviceFields | None, list[str]]:
    """Turn one row's text into DeviceFields; return the problems found instead when any.

    ``where`` starts each problem line (``line 3: `` or nothing); the problems are
    :class:`~ops_console.domain.errors.Problem` texts that carry their templates.
    """
    problems: list[str] = []
    place = place_of(where)

    def bad(column: str, problem: str) -> None:
        problems.append(column_problem(place, column, problem))

    v = {k: (raw.get(k) or "").strip() for k in HEADER}
    for col in REQUIRED:
        if not v[col]:
            bad(col, Problem.of("missing (required)"))
    for col in HEADER:  # no control characters or bidi controls in any column
        unsafe = text_problem(v[col], col)
        if unsafe is not None:
            problems.append(Problem.of("{where}{problem}", where=place, problem=unsafe))
    if v["asset_tag"] and not TAG_RE.match(v["asset_tag"]):
        bad(
            "asset_tag",
            Problem.of(
                "{value!r}: letters, digits and . _ / - only, at most 64", value=v["asset_tag"]
            ),
        )
    if len(v["name"]) > 200:
        bad("name", Problem.of("longer than {n} characters", n=200))
    if v["address"]:
        problem = check_address(v["address"])
        if problem:
            bad("address", problem)
    version = v["snmp_version"] or "v2c"
    if version not in SNMP_VERSIONS:
        bad(
            "snmp_version",
            Problem.of("{value!r}: one of {choices}", value=version, choices=SNMP_VERSIONS),
        )

    def integer(col: str, default: int, lo: int, hi: int) -> int:
        if not v[col]:
            return default
        try:
            n = int(v[col])
        except ValueError:
            bad(col, Problem.of("{value!r} is not a whole number", value=v[col]))
            return default
        if not lo <= n <= hi:
            bad(col, Problem.of("{n} is out of range {lo}-{hi}", n=n, lo=lo, hi=hi))
        return n

    port = integer("snmp_port", 161, 1, 65535)
    interval = integer("poll_interval_s", 300, 10, 86400)

    def day(col: str) -> date | None:
        if not v[col]:
            return None
        try:
            day = date.fromisoformat(v[col])
        except ValueError:
            bad(col, Problem.of("{value!r} is not a date (YYYY-MM-DD)", value=v[col]))
            return None
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            bad(
                col,
                Problem.of(
                    "{value}: the year must be between {low} and {high}",
                    value=v[col],
                    low=YEAR_MIN,
                    high=YEAR_MAX,
                ),
            )
            return None
        return day

    install, warranty = day("install_date"), day("warranty_end")
    if install and warranty and warranty < install:
        bad(
            "warranty_end",
            Problem.of(
                "{warranty} is before install_date {install}",
                warranty=warranty.isoformat(),
                install=install.isoformat(),
            ),
        )
    if v["credential"] and not CRED_RE.match(v["credential"]):
        bad(
            "credential",
            Problem.of("a credential name without spaces (the secret itself stays in the keyring)"),
        )
    crit = v["criticality"] or "normal"
    if crit not in CRITICALITIES:
        bad(
            "criticality",
            Problem.of("{value!r}: one of {choices}", value=crit, choices=CRITICALITIES),
        )
    status = v["status"] or "in_service"
    if status not in STATUSES:
        bad("status", Problem.of("{value!r}: one of {choices}", value=status, choices=STATUSES))
    if version in ("v1", "v2c", "v3") and not v["address"] and status != "retired":
        bad(
            "address",
            Problem.of("missing: SNMP {version} needs a management address", version=version),
        )
    if problems:
        return None, problems
    return (
        DeviceFields(
            v["asset_tag"],
            v["name"],
            v["category"],
            v["community"],
            v["zone"],
            v["location"],
            v["vendor"],
            v["model"],
            v["serial"],
            v["address"],
            version,
            port,
            v["credential"],
            interval,
            install,
            warranty,
            crit,
            status,
        ),
        [],
    )


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Read a device CSV (UTF-8 with or without BOM); return (line number, row) pairs.

    Raises:
        ValidationError: unreadable file, wrong header, or rows with the wrong column count.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise ValidationError.of("{path}: no such file", path=path) from exc
    except UnicodeDecodeError as exc:
        raise ValidationError.of(
            "{path}: not UTF-8 text (byte {start}); save the file as 'CSV UTF-8'",
            path=path,
            start=exc.start,
        ) from exc
    except OSError as exc:
        raise ValidationError.of(
            "{path}: cannot read: {strerror}", path=path, strerror=exc.strerror
        ) from exc
    return parse_csv_text(text, str(path))


def parse_csv_text(text: str, name: str = "CSV") -> list[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration as exc:
        raise ValidationError.of(
            "{name}: the file is empty (expected a header line)", name=name
        ) from exc
    header = [h.strip() for h in header]
    if tuple(header) != HEADER:
        missing = [h for h in HEADER if h not in header]
        extra = [h for h in header if h not in HEADER]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(missing))
        if extra:
            detail.append("unknown " + ", ".join(extra))
        if not detail:
            detail.append("columns out of order")
        raise ValidationError.of(
            "{name}: line 1: header must be {expected} ({detail})",
            name=name,
            expected=",".join(HEADER),
            detail="; ".join(detail),
        )
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    for values in reader:
        line = reader.line_num
        if not values or all(not x.strip() for x in values):
            continue
        if len(values) != len(HEADER):
            problems.append(
                Problem.of(
                    "line {line}: expected {expected} columns, found {found}",
                    line=line,
                    expected=len(HEADER),
                    found=len(values),
                )
            )
            continue
        # the quote our export puts before "=...", "+..." cells comes off again
        rows.append((line, dict(zip(HEADER, map(restore, values), strict=True))))
    if problems:
        raise problems_error(
            "{name}: {n_problems} bad line(s), nothing imported",
            problems,
            name=name,
        )
    return rows


def write_csv(rows: list[DeviceFields], target: TextSink) -> None:
    """Write rows with the header; ``target`` is a text stream."""
    w = csv_writer(target, lineterminator="\r\n")  # cells safe to open in Excel / WPS
    w.writerow(HEADER)
    for r in rows:
        w.writerow(r.as_row())
