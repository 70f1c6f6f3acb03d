"""Subcommands for staff training: the matrix, expiring certificates, CSV imports."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.bounds import DAYS_MAX
from ..services.container import Services
from ..services.context import Actor
from ..services.training import ExpiringCertificate
from .common import (
    FORMAT,
    Columns,
    Commands,
    arg,
    bounded_int,
    counted,
    lists,
    print_json,
    print_table,
    signed,
)

COMMANDS = Commands()
TRAINING = COMMANDS.group("training", "staff training and certificates")


@TRAINING.command(
    "matrix", help="staff × courses: valid, expiring, expired, missing", args=[FORMAT]
)
@signed
def cmd_training_matrix(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    m = services.training.matrix(actor)
    if args.format == "json":
        print_json(
            {
                "today": m.today.isoformat(),
                "courses": [c.code for c in m.courses],
                "staff": [
                    {
                        "username": r.username,
                        "role": r.role,
                        "courses": {
                            c.course: {
                                "status": c.status,
                                "mandatory": c.mandatory,
                                "expires_on": c.expires_on.isoformat() if c.expires_on else None,
                            }
                            for c in r.cells
                        },
                    }
                    for r in m.rows
                ],
            }
        )
        return
    marks = {"valid": "valid", "expiring": "EXPIRING", "expired": "EXPIRED", "missing": "-"}
    print_table(
        ("user", "role", *[c.code for c in m.courses]),
        [
            (
                r.username,
                r.role,
                *[
                    (
                        "MISSING*"
                        if c.mandatory and c.status == "missing"
                        else marks[c.status]
                        + ("*" if c.mandatory and c.status != "missing" else "")
                    )
                    for c in r.cells
                ],
            )
            for r in m.rows
        ],
    )
    print(f"(as of {m.today}; * mandatory for the role; EXPIRING = within 30 days)")


EXPIRING_COLUMNS: Columns[ExpiringCertificate] = (
    ("user", lambda e: e.username),
    ("name", lambda e: e.display_name),
    ("course", lambda e: e.course),
    ("title", lambda e: e.course_title),
    ("expires on", lambda e: e.expires_on),
    ("days left", lambda e: e.days_left),
    ("certificate", lambda e: e.certificate_no or ""),
)


@TRAINING.command(
    "expiring",
    help="certificates expiring in the next N days",
    args=[FORMAT, arg("--days", type=bounded_int(0, DAYS_MAX), default=30, help="0 to 3660")],
)
@lists(EXPIRING_COLUMNS)
def cmd_training_expiring(
    args: argparse.Namespace, services: Services, actor: Actor
) -> list[ExpiringCertificate]:
    return services.training.expiring(actor, args.days)


@TRAINING.command(
    "import-courses",
    help="create or update courses from CSV",
    args=[arg("file", metavar="courses.csv", type=Path)],
)
@signed
def cmd_training_courses(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    return counted("courses", services.training.import_courses(actor, args.file))


@TRAINING.command(
    "import",
    help="load training records from CSV",
    args=[arg("file", metavar="training.csv", type=Path)],
)
@signed
def cmd_training_records(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    return counted("training records", services.training.import_records(actor, args.file))
