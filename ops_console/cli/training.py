"""Subcommands for staff training: the matrix, expiring certificates, CSV imports."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..domain.bounds import DAYS_MAX
from ..services.container import Services
from ..services.context import Actor
from ..services.training import ExpiringCertificate, ImportCount, TrainingService
from .common import (
    FORMAT,
    Columns,
    Commands,
    Handler,
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


def _import_csv(
    name: str,
    help: str,
    metavar: str,
    what: str,
    load: Callable[[TrainingService, Actor, Path], ImportCount],
) -> Handler:
    """Declare ``training NAME FILE``: ``load``, one of the training service's CSV imports,
    creates or updates ``what`` from FILE, then says how many (``counted``)."""

    @signed
    def run(args: argparse.Namespace, services: Services, actor: Actor) -> str:
        return counted(what, load(services.training, actor, args.file))

    return TRAINING.command(name, help=help, args=[arg("file", metavar=metavar, type=Path)])(run)


_import_csv(
    "import-courses",
    "create or update courses from CSV",
    "courses.csv",
    "courses",
    TrainingService.import_courses,
)
_import_csv(
    "import",
    "load training records from CSV",
    "training.csv",
    "training records",
    TrainingService.import_records,
)
