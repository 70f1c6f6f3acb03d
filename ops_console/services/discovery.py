"""Discovery for people: sweep a range, suggest categories, add only what a liaison confirms."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.errors import ValidationError
from ..polling.discovery import MAX_HOSTS, discover
from .context import Actor
from .formats import DeviceFields

if TYPE_CHECKING:
    from .container import Services


@dataclass(frozen=True)
class Found:
    """A device that answered: its suggested category and whether it is already known."""

    address: str
    sys_object_id: str
    sys_descr: str
    category: str | None
    known_as: str | None


def sweep(
    services: Services,
    actor: Actor,
    cidr: str,
    *,
    credential: str,
    version: str = "v2c",
    port: int = 161,
    rate_per_s: float = 200.0,
    timeout_s: float = 1.0,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Found]:
    """Ask every address of ``cidr`` for sysObjectID/sysDescr; adds nothing.

    ``progress(done, total)`` after each address; ``cancelled()`` stops the sweep early (what
    answered until then is returned).
    """
    actor.require("read")
    mon = services.monitoring
    cred = mon.credential(credential)
    if cred is None:
        raise ValidationError.of(
            "--credential: no SNMP credential named {credential!r}", credential=credential
        )
    if version not in ("v1", "v2c", "v3"):
        raise ValidationError.of(
            "--version: must be v1, v2c or v3, not {version!r}", version=version
        )
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError as exc:
        raise ValidationError.of("CIDR: {detail}", detail=str(exc)) from None
    if network.num_addresses > MAX_HOSTS:
        raise ValidationError.of(
            "{cidr} has {n} addresses; the limit is {limit}",
            cidr=cidr,
            n=network.num_addresses,
            limit=MAX_HOSTS,
        )
    try:
        found = asyncio.run(
            discover(cidr, cred, version=version, port=port, rate_per_s=rate_per_s,
                     timeout_s=timeout_s, progress=progress, cancelled=cancelled)
        )  # fmt: skip
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    known = {d.address: d.asset_tag for d in services.inventory.list_devices(actor) if d.address}
    return [
        Found(f.address, f.sys_object_id, f.sys_descr, f.category, known.get(f.address))
        for f in found
    ]


def add_found(
    services: Services,
    actor: Actor,
    found: list[Found],
    *,
    community: str,
    credential: str,
    version: str = "v2c",
    port: int = 161,
) -> list[str]:
    """Add the confirmed, categorised, not yet known devices; returns their asset tags."""
    actor.require("inventory.write")
    added = []
    for f in found:
        if f.category is None or f.known_as is not None:
            continue
        tag = "DISC-" + f.address.replace(".", "-").replace(":", "-")
        services.inventory.save(
            actor,
            DeviceFields(
                asset_tag=tag,
                name=(f.sys_descr or f.address)[:200],
                category=f.category,
                community=community,
                address=f.address,
                snmp_version=version,
                snmp_port=port,
                credential=credential,
            ),
        )
        added.append(tag)
    return added
