"""Subcommands for contracts: import a contract file, list them, show one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: the CLI imports services lazily
    from ..services.container import Services
    from ..services.context import Actor
    from ..services.sla import ContractInfo, Party, PolicyInfo

from .common import FORMAT, Columns, Commands, arg, lists, pad, print_json, print_table, signed

COMMANDS = Commands()
CONTRACTS = COMMANDS.group("contracts", "contracts and their SLA policies")


@CONTRACTS.command(
    "import",
    help="create or update a contract, its calendar and SLA policy from TOML",
    description="Import a contract file. Changed SLA terms create a new policy version "
    "(work orders keep the version they were created under); an unchanged file creates nothing. "
    "Every community the contract covers (now and in the file) must be one of yours.",
    args=[arg("file", metavar="FILE.toml", type=Path)],
)
@signed
def cmd_contracts_import(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    r = services.contracts.import_file(actor, args.file)
    what = "created" if r.created else "updated" if r.changed else "unchanged"
    policy = (
        f"new SLA policy version {r.policy_version}"
        if r.new_policy
        else f"SLA policy version {r.policy_version} unchanged"
    )
    return f"contract {r.code} {what}; {policy}"


def _contract_summary(c: ContractInfo) -> dict[str, Any]:
    """A contract as ``contracts list --format json`` prints it."""
    return {
        "code": c.code,
        "name": c.name,
        "firm": c.firm,
        "communities": list(c.communities),
        "start": c.starts_on.isoformat(),
        "end": c.ends_on.isoformat(),
        "policy_version": c.policy_version,
        # the hold reasons that stop the clock; null: every reason does
        "stops_clock": None if c.stops_clock is None else list(c.stops_clock),
    }


CONTRACT_COLUMNS: Columns[ContractInfo] = (
    ("code", lambda c: c.code),
    ("name", lambda c: c.name),
    ("firm", lambda c: c.firm),
    ("communities", lambda c: "、".join(c.communities)),
    ("period", lambda c: f"{c.starts_on}..{c.ends_on}"),
    ("policy", lambda c: f"v{c.policy_version}"),
)


@CONTRACTS.command("list", help="list contracts", args=[FORMAT])
@lists(CONTRACT_COLUMNS, as_json=_contract_summary)
def cmd_contracts_list(
    args: argparse.Namespace, services: Services, actor: Actor
) -> list[ContractInfo]:
    return services.contracts.list(actor)


def _contract_json(c: ContractInfo, policies: list[PolicyInfo]) -> dict[str, Any]:
    return {
        **_contract_summary(c),
        "monthly_fee": str(c.monthly_fee),
        "penalty_cap_ratio": str(c.penalty_cap_ratio),
        "timezone": c.timezone,
        "parties": c.parties.to_json(),
        "availability": {t.scope: t.to_json() for t in c.availability},
        "policies": [
            {
                "version": p.version,
                "effective_from": p.effective_from.isoformat(),
                "terms": {t.key: t.to_json() for t in p.terms},
            }
            for p in policies
        ],
    }


def _party_text(party: Party | None) -> str:
    if party is None:
        return "(not named in the contract)"
    if party.representative:
        return f"{party.name} (representative: {party.representative})"
    return str(party.name)


@CONTRACTS.command(
    "show",
    help="one contract in full: parties, fee, availability term, SLA policy versions",
    description="Show a contract as its statement names it: the parties in full (or that "
    "the contract names none), the monthly fee and cap, the availability term and every "
    "SLA policy version with its terms per priority.",
    args=[FORMAT, arg("code", metavar="CODE")],
)
@signed
def cmd_contracts_show(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    c = services.contracts.get(actor, args.code)
    policies = services.contracts.policies(actor, args.code)
    if args.format == "json":
        print_json(_contract_json(c, policies))
        return
    lines = [
        f"contract      {c.code}  {c.name}",
        f"period        {c.starts_on} .. {c.ends_on} ({c.timezone})",
        f"monthly fee   {c.monthly_fee:,.2f}; penalties capped at "
        f"{c.penalty_cap_ratio.normalize():f} x the fee per calendar month",
        "parties",
        f"  {pad('firm', 22)} {_party_text(c.parties.firm)}",
    ]
    for name in c.communities:
        lines.append(f"  {pad('community ' + name, 22)} {_party_text(c.parties.community(name))}")
    lines.append(f"  {pad('street office', 22)} {_party_text(c.parties.street_office)}")
    if c.availability:
        lines.append("availability")
        for t in c.availability:
            scope = "all devices" if t.scope == "all" else t.scope
            lines.append(
                f"  {pad(scope, 22)} target {(t.target * 100).normalize():f} %, "
                f"{t.penalty_per_point.normalize():f} per started 0.1 point below"
            )
    else:
        lines.append("availability  (no availability term)")
    print("\n".join(lines))
    for p in policies:
        print(f"SLA policy v{p.version}, in force from {p.effective_from.isoformat()}")
        print_table(
            ("term", "response", "resolution", "calendar", "per breach", "per hour", "warning"),
            [
                (
                    t.key,
                    f"{t.response_minutes} min",
                    f"{t.resolution_minutes} min",
                    t.calendar,
                    f"{t.penalty_per_breach:,}",
                    f"{t.penalty_per_hour:,}",
                    f"{t.warning_ratio:g}",
                )
                for t in p.terms
            ],
        )
