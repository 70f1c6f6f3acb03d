"""The ``report`` subcommand: SLA, maintenance, availability, training, notice and audit PDFs."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..domain.calendar import parse_date
from .common import COMMUNITY, Arg, Commands, Handler, arg, open_services, period, sign_in

KINDS = ("sla", "maintenance", "availability", "training", "notice", "audit")
LANG_ENV = "OPS_CONSOLE_LANG"

HELP = {
    "sla": "the monthly SLA settlement statement (结算单) of a contract or community",
    "maintenance": "work orders by category, community and source; MTTR; cost; preventive plans",
    "availability": "device availability per community and category; the worst devices",
    "training": "the staff × course certification matrix; who must renew within 30 days",
    "notice": "a one-page large-print notice of planned maintenance for residents (适老化): "
    "when, where, what in plain words, whether wristband SOS is affected, and the community "
    "office's phone number (set it with: communities set-phone NAME PHONE)",
    "audit": "the audit entries of the period, the chain verification and its fingerprint",
}


def default_lang() -> str:
    """Return the language of reports: $OPS_CONSOLE_LANG, else English only for an en locale."""
    explicit = os.environ.get(LANG_ENV)
    if explicit:
        return explicit
    locale = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "zh_CN"


COMMANDS = Commands()
REPORT = COMMANDS.group(
    "report",
    help="print a report as PDF (and its tables as CSV)",
    description="Print a report for the period --from D1 00:00 up to --to D2 + 1 day 00:00, "
    "in the contract's (or community's) time zone. The file appears whole or not at all.",
    dest="kind",
    metavar="KIND",
)


def notice_reasons() -> list[str]:
    """The reasons a resident notice has words for (resources/notices/templates.toml)."""
    from ..reports.notice_text import templates

    return list(templates().reasons)


# the options of some kinds of report, after those every report takes
KIND_ARGS: dict[str, tuple[Arg, ...]] = {
    "sla": (
        arg(
            "--issue",
            action="store_true",
            help="issue the month's statement (managers and admins): record its number, "
            "figures and their SHA-256; a month already issued with other figures is issued "
            "as the next revision, which replaces the previous one and lists the differences",
        ),
    ),
    "maintenance": (
        arg(
            "--photos",
            action="store_true",
            help="add the before/after photos attached to each work order (thumbnails)",
        ),
    ),
    "notice": (
        arg("--title", help="the notice's title (default: planned maintenance)"),
        arg(
            "--message",
            help="the notice's text in plain words (default: the words for the reason and "
            "the kind of equipment, from resources/notices/templates.toml)",
        ),
        arg(
            "--when",
            help="when it happens (default: the next maintenance window, with its weekday "
            "and 上午/下午/凌晨, else the period's days)",
        ),
        arg(
            "--where",
            help="where (default: the window's building or gate in words, or the whole community)",
        ),
        arg(
            "--reason",
            choices=notice_reasons(),
            help="what the work is, for the default words (default: read from the window's reason)",
        ),
    ),
}


def _every_kind(handler: Handler) -> Handler:
    """Declare ``report KIND`` for each kind, run by ``handler``: the period, the scope, the
    language and the files, then the kind's own options."""
    for kind in KINDS:
        REPORT.command(
            kind,
            help=HELP[kind],
            description=HELP[kind],
            args=[
                *period(),  # read by cmd_report, naming the option in its error
                COMMUNITY.but(
                    required=kind == "notice",
                    help="one community (default: every community you may see)",
                ),
                arg("--contract", metavar="CODE", help="one contract, by its code"),
                arg(
                    "--lang",
                    choices=("zh_CN", "en"),
                    default=None,
                    help=f"language (default: ${LANG_ENV}, else zh_CN unless the locale is "
                    "English)",
                ),
                arg("--out", required=True, metavar="FILE.pdf", type=Path),
                arg("--csv", metavar="FILE.csv", type=Path, help="also write the tables as CSV"),
                *KIND_ARGS.get(kind, ()),
            ],
        )(handler)
    return handler


def statement_line(figures: dict[str, object]) -> str:
    """Say what the printed SLA statement is: issued, a revision, matching one, or differing."""
    state, number = figures.get("state"), figures.get("number")
    revision, replaces = figures.get("revision"), figures.get("replaces")
    differences = figures.get("differences") or []
    assert isinstance(differences, list)
    if state == "issued":
        return f"statement {number} issued"
    if state == "revision":
        lines = [f"statement {number} issued: Revision {revision} — replaces {replaces}"]
        return "\n".join(lines + [f"  {d}" for d in differences])
    if state == "matches":
        return f"matches issued statement {number} (revision {revision})"
    if state == "differs":
        lines = [
            f"differs from issued statement {replaces} ({len(differences)} difference(s)); "
            f"issue it again (--issue) as {number}"
        ]
        return "\n".join(lines + [f"  {d}" for d in differences])
    if state == "draft":
        return f"draft: not issued (would be {number})"
    return "not one calendar month: no statement number"


@_every_kind
def cmd_report(args: argparse.Namespace) -> int:
    from ..reports import ReportRequest, build_report

    date_from = parse_date(args.date_from, where="--from")
    date_to = parse_date(args.date_to, where="--to")
    options = {
        k: getattr(args, k)
        for k in ("title", "message", "when", "where", "reason")
        if getattr(args, k, None)
    }
    if getattr(args, "issue", False):
        options["issue"] = "yes"
    if getattr(args, "photos", False):
        options["photos"] = "yes"
    request = ReportRequest(
        args.kind,
        date_from,
        date_to,
        community=args.community,
        contract=args.contract,
        lang=args.lang or default_lang(),
        options=options,
    )
    services = open_services(args)
    try:
        actor = sign_in(services, args)
        result = build_report(services, actor, request, args.out, args.csv)
    finally:
        services.close()
    extra = f", {result.csv_rows} CSV row(s) in {result.csv_path}" if result.csv_path else ""
    print(f"{result.path}: {result.pages} page(s){extra}")
    if args.kind == "sla":
        print(statement_line(result.figures))
    if not result.font_embedded:
        print(
            "warning: no Chinese TrueType font found; the PDF uses STSong-Light (not embedded)",
            file=sys.stderr,
        )
    return 0
