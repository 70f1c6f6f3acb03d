"""Subcommands of a shared installation's key: enroll a host, rotate the key."""

from __future__ import annotations

import argparse
import socket
from typing import TYPE_CHECKING

from ..services.container import Services
from ..services.context import Actor
from .common import Commands, arg, signed

if TYPE_CHECKING:
    from ..services.installation import InstallationSecrets

_ENROLL_HELP = """\
Give this computer the installation key, so that it can read and store the SNMP credentials
a shared installation (PostgreSQL) keeps in its database. Needs an administrator's sign-in.

The first computer enrolled creates the key. Any other computer asks for it: run
'ops-console enroll' there (it prints 'requested'), then 'ops-console enroll --approve HOST'
on an enrolled computer (the key is sealed for the new computer alone), then
'ops-console enroll' on the new computer again. The key is kept in the computer's keyring,
never anywhere else.

A poller host adds --poller: it gets a PostgreSQL login of its own in the ops_poller group,
which writes samples, health, alarms, hand-overs, care alerts and the preventive work it
generates, and nothing else; 'poller run' and the console's poller sign in with it."""


COMMANDS = Commands()


def _keys(services: Services) -> InstallationSecrets:
    """The installation key's store, over the database and this computer's keyring."""
    from ..services.installation import InstallationSecrets

    return InstallationSecrets(services.db, services.clock, services.secrets)


@COMMANDS.command(
    "enroll",
    help="give this computer the installation key (shared installation; admin)",
    description=_ENROLL_HELP,
    raw=True,
    args=[
        arg(
            "--host",
            metavar="NAME",
            default=None,
            help="this computer's name in the installation (default: its host name)",
        ),
        arg(
            "--approve",
            metavar="HOST",
            help="approve the request of HOST (on an enrolled computer)",
        ),
        arg("--list", action="store_true", help="list the hosts that asked, approved or not"),
        arg(
            "--poller",
            action="store_true",
            help="also give this computer a poller login of its own (role poller.HOST in the "
            "ops_poller group, a random password kept in this computer's keyring): 'poller run' "
            "and the console's poller then write as it, never as a person",
        ),
    ],
)
@signed
def cmd_enroll(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    keys = _keys(services)
    if args.list:
        for host, approved, by in keys.hosts(actor):
            print(f"{host}\t{'approved by ' + (by or '?') if approved else 'waiting for approval'}")
        return
    if args.approve:
        key_id = keys.approve(actor, args.approve)
        print(f"host {args.approve} approved: it takes key {key_id} on its next 'enroll'")
        return
    host = args.host or socket.gethostname()
    result = keys.enroll(actor, host)
    messages = {
        "created": "enrolled {host}: it holds the new installation key {key}",
        "enrolled": "enrolled {host}: it holds the installation key {key}",
        "already": "{host} is enrolled already (key {key})",
        "requested": "requested: on an enrolled computer run "
        "'ops-console enroll --approve {host}', then 'ops-console enroll' here again",
    }
    print(messages[result.state].format(host=result.host, key=result.key_id))
    if args.poller:
        from ..services.installation import enroll_poller

        login = enroll_poller(services.db, services.clock, services.secrets, actor, host)
        print(f"poller login {login} created; its password is in this computer's keyring only")


SECRETS = COMMANDS.group("secrets", "the installation key (shared installation)")


@SECRETS.command(
    "rotate-key",
    help="replace the installation key, re-encrypting every stored secret (admin)",
    description="Replace the installation key: every stored secret is re-encrypted and "
    "the new key sealed for every enrolled computer, in one transaction; the old key "
    "then decrypts nothing. Enrolled computers take the new key on their next use.",
)
@signed
def cmd_rotate_key(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    key_id, secrets, hosts = _keys(services).rotate_key(actor)
    return f"installation key rotated to {key_id}: {secrets} secrets re-encrypted, {hosts} hosts"
