"""Trap and inform receiver: UDP datagrams in, ``TrapEvent``s mapped through profiles out.

v1 traps, v2c traps and v2c informs (acknowledged) are decoded by our BER codec.
SNMPv3 notifications are counted and logged as not supported yet (see the module's note in
the polling README section); malformed packets are ignored with a reason, unknown senders
and unmapped OIDs are counted and logged, never silently dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ops_console.polling import ber
from ops_console.polling.profiles import Profile, TrapMapping

log = logging.getLogger(__name__)

SNMP_TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0"
SYS_UPTIME = "1.3.6.1.2.1.1.3.0"
GENERIC_TRAPS = (
    "coldStart",
    "warmStart",
    "linkDown",
    "linkUp",
    "authenticationFailure",
    "egpNeighborLoss",
)


@dataclass(frozen=True)
class TrapSender:
    """What the device lookup returns for a sender address."""

    device_id: int
    category: str


@dataclass(frozen=True)
class TrapEvent:
    """A notification from a known device, mapped through its profile.

    Attributes:
        action: ``alarm``, ``clear`` or ``care`` (from the profile's trap mapping).
        rule: alarm rule, or the care-alert kind (sos, fall, removal).
        subject: e.g. the wristband id named in the trap, if the mapping says where.
        varbinds: (OID, text) of every varbind, for the record.
    """

    device_id: int
    category: str
    address: str
    trap_oid: str
    action: str
    rule: str
    severity: str
    work_kind: str
    subject: str | None
    at: datetime
    inform: bool
    varbinds: tuple[tuple[str, str], ...]
    label_en: str = ""
    label_zh: str = ""


def trap_oid_of(pdu: ber.Pdu) -> str | None:
    """The notification's OID: snmpTrapOID.0 for v2c, RFC 3584 translation for v1."""
    if pdu.tag == ber.TRAP_V1:
        if pdu.generic == 6:
            return f"{pdu.enterprise}.0.{pdu.specific}"
        if pdu.generic is not None and 0 <= pdu.generic < 6:
            return f"1.3.6.1.6.3.1.1.5.{pdu.generic + 1}"
        return None
    for oid, value in pdu.varbinds:
        if oid == SNMP_TRAP_OID and value.tag == ber.OBJECT_ID:
            return str(value.value)
    return None


def _text(value: ber.Value) -> str:
    if isinstance(value.value, bytes):
        if value.tag == ber.IP_ADDRESS:
            return ".".join(str(b) for b in value.value)
        return value.value.decode("utf-8", errors="replace")
    return "" if value.value is None else str(value.value)


class TrapReceiver(asyncio.DatagramProtocol):
    """Listens on a UDP port (default 1162) and queues mapped ``TrapEvent``s.

    Attributes:
        counters: received, mapped, informs_acked, unknown_sender, unmapped_oid, malformed,
            bad_community, v3_unsupported, not_a_notification, queue_full.
    """

    def __init__(
        self,
        profiles: Mapping[str, Profile],
        lookup: Callable[[str], TrapSender | None],
        *,
        communities: frozenset[str] | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        queue_size: int = 10_000,
    ) -> None:
        self.profiles = dict(profiles)
        self.lookup = lookup
        self.communities = (
            None if communities is None else frozenset(c.encode() for c in communities)
        )
        self._now = now
        self.queue: asyncio.Queue[TrapEvent] = asyncio.Queue(queue_size)
        self.counters: Counter[str] = Counter()
        self.transport: asyncio.DatagramTransport | None = None

    async def start(self, host: str = "0.0.0.0", port: int = 1162) -> tuple[str, int]:
        """Bind the port; returns the bound address (port 0 picks a free one)."""
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: self, local_addr=(host, port))
        sockname = transport.get_extra_info("sockname")
        return sockname[0], sockname[1]

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.transport = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    async def events(self) -> AsyncIterator[TrapEvent]:
        """Yield events as they arrive (until cancelled)."""
        while True:
            yield await self.queue.get()

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.counters["received"] += 1
        try:
            self.handle(data, addr[0], addr[1])
        except Exception:  # a receiver must survive anything a network sends it
            self.counters["malformed"] += 1
            log.exception("trap from %s could not be handled", addr[0])

    def handle(self, data: bytes, host: str, port: int) -> TrapEvent | None:
        """Decode, acknowledge (informs), map and queue one datagram; returns the event."""
        try:
            pdu = ber.decode_message(data)
        except ber.BerError as exc:
            if "SNMPv3" in str(exc):
                self.counters["v3_unsupported"] += 1
                log.warning(
                    "SNMPv3 notification from %s ignored: v3 traps are not supported yet", host
                )
            else:
                self.counters["malformed"] += 1
                log.info("malformed packet from %s ignored: %s", host, exc)
            return None
        if pdu.tag not in (ber.TRAP_V1, ber.TRAP_V2, ber.INFORM):
            self.counters["not_a_notification"] += 1
            log.info("packet from %s is not a notification (PDU 0x%02x): ignored", host, pdu.tag)
            return None
        if self.communities is not None and pdu.community not in self.communities:
            self.counters["bad_community"] += 1
            log.warning("notification from %s with an unknown community ignored", host)
            return None
        inform = pdu.tag == ber.INFORM
        if inform and self.transport is not None:
            ack = ber.encode_pdu(
                pdu.version, pdu.community, ber.RESPONSE, pdu.request_id, pdu.varbinds
            )
            self.transport.sendto(ack, (host, port))
            self.counters["informs_acked"] += 1
        trap_oid = trap_oid_of(pdu)
        if trap_oid is None:
            self.counters["malformed"] += 1
            log.info("notification from %s without snmpTrapOID.0 ignored", host)
            return None
        sender = self.lookup(host)
        if sender is None:
            self.counters["unknown_sender"] += 1
            log.warning("notification %s from unknown sender %s", trap_oid, host)
            return None
        profile = self.profiles.get(sender.category)
        mapping = profile.trap(trap_oid) if profile else None
        if mapping is None:
            self.counters["unmapped_oid"] += 1
            log.warning(
                "notification %s from device %s (%s) has no mapping",
                trap_oid,
                sender.device_id,
                sender.category,
            )
            return None
        event = self._event(sender, host, trap_oid, mapping, pdu, inform)
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.counters["queue_full"] += 1
            log.error("trap queue full: event from %s dropped", host)
            return None
        self.counters["mapped"] += 1
        return event

    def _event(
        self,
        sender: TrapSender,
        host: str,
        trap_oid: str,
        mapping: TrapMapping,
        pdu: ber.Pdu,
        inform: bool,
    ) -> TrapEvent:
        varbinds = tuple(
            (oid, _text(v)) for oid, v in pdu.varbinds if oid not in (SNMP_TRAP_OID, SYS_UPTIME)
        )
        subject = None
        if mapping.subject_oid:
            for oid, text in varbinds:
                if oid == mapping.subject_oid or oid.startswith(mapping.subject_oid + "."):
                    subject = text
                    break
        return TrapEvent(
            device_id=sender.device_id,
            category=sender.category,
            address=host,
            trap_oid=trap_oid,
            action=mapping.action,
            rule=mapping.rule,
            severity=mapping.severity,
            work_kind=mapping.work_kind,
            subject=subject,
            at=self._now(),
            inform=inform,
            varbinds=varbinds,
            label_en=mapping.label_en,
            label_zh=mapping.label_zh,
        )


@contextlib.asynccontextmanager
async def trap_receiver(
    profiles: Mapping[str, Profile],
    lookup: Callable[[str], TrapSender | None],
    *,
    host: str = "0.0.0.0",
    port: int = 1162,
    communities: frozenset[str] | None = None,
) -> AsyncIterator[TrapReceiver]:
    """Run a receiver for the duration of an ``async with`` block."""
    receiver = TrapReceiver(profiles, lookup, communities=communities)
    await receiver.start(host, port)
    try:
        yield receiver
    finally:
        receiver.close()
