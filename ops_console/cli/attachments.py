"""The work-order attachment subcommands: ``workorders attach``, ``attachments`` and
``attachment-export`` (registered on ``workorders`` by cli/workorders.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.text import escape_controls
from ..reports.output import atomic_output, check_writable
from ..services.container import Services
from ..services.context import Actor
from ..services.workorders import ATTACHMENT_KINDS, AttachmentInfo
from .common import (
    FORMAT,
    ID,
    WORK_ORDER,
    Columns,
    Commands,
    arg,
    lists,
    local_minutes,
    print_json,
    signed,
)

COMMANDS = Commands()  # among the actions of ``workorders`` (cli/workorders.py)


@COMMANDS.command(
    "attach",
    help="attach a photo (JPEG, PNG, HEIC) or a PDF to a work order",
    description="Attach a photo (JPEG or PNG; an iPhone's HEIC is converted to JPEG) or a "
    "PDF to a work order: the assigned technician, the liaison of its community, a "
    "manager or an administrator. The file is kept in the database with the order "
    "(audited: who, when, file name, size, sha256). A file over the size limit, of "
    "another type or damaged is refused with the reason, and nothing is written. The size "
    "limit is the installation's setting attachments.max_mb (10 MB unless an "
    "administrator changed it: 'ops-console settings set attachments.max_mb N').",
    args=[
        FORMAT,
        WORK_ORDER,
        arg("file", metavar="FILE", type=Path),
        arg(
            "--kind",
            choices=ATTACHMENT_KINDS,
            default="other",
            help="what it shows: before or after the repair, the resident's sign-off "
            "(default: other)",
        ),
    ],
)
@signed
def cmd_attach(args: argparse.Namespace, services: Services, actor: Actor) -> str | None:
    got = services.workorders.attach_file(actor, args.number, args.file, kind=args.kind)
    if args.format == "json":
        print_json(got.to_json())
        return None
    return escape_controls(
        f"{got.number}: attached {got.file_name} as {got.kind} (id {got.id}, "
        f"{got.size / 1_048_576:.1f} MB, sha256 {got.sha256})"
    )


ATTACHMENT_COLUMNS: Columns[AttachmentInfo] = (
    ("id", lambda x: x.id),
    ("kind", lambda x: x.kind),
    ("file", lambda x: escape_controls(x.file_name)),
    ("type", lambda x: x.media_type),
    ("size", lambda x: x.size),
    ("added", lambda x: local_minutes(x.added_at)),
    ("by", lambda x: x.added_by),
    ("sha256", lambda x: x.sha256),
)


@COMMANDS.command(
    "attachments", help="list a work order's photos and files", args=[FORMAT, WORK_ORDER]
)
@lists(ATTACHMENT_COLUMNS)
def cmd_list(args: argparse.Namespace, services: Services, actor: Actor) -> list[AttachmentInfo]:
    return services.workorders.attachments(actor, args.number)


@COMMANDS.command(
    "attachment-export",
    help="write one attachment of a work order to a file",
    description="Write attachment ID of a work order (see 'workorders attachments') to "
    "PATH, or into PATH under its own name when PATH is a folder. An existing file is "
    "not overwritten without --force; a failed write leaves nothing behind.",
    args=[
        WORK_ORDER,
        ID,
        arg("path", metavar="PATH", type=Path),
        arg("--force", action="store_true", help="overwrite an existing file"),
    ],
)
@signed
def cmd_export(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    found = services.workorders.attachment(actor, args.number, args.id)
    path: Path = args.path
    if path.is_dir():
        path = path / found.info.file_name
    check_writable(path, "attachment-export")
    if path.exists() and not args.force:
        raise ValidationError.of(
            "attachment-export {path}: the file exists; add --force to overwrite it", path=path
        )
    with atomic_output(path, "attachment-export") as out:
        out.write(found.content)
    return escape_controls(f"wrote {path} ({found.info.size} bytes, sha256 {found.info.sha256})")
