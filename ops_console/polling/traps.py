"""Trap and inform receiver: UDP datagrams in, ``TrapEvent``s mapped through profiles out.

v1 traps, v2c traps and v2c informs (acknowledged) are decoded by our BER codec; a v1/v2c
notification must carry the community of the credential its device is polled with (or, for
an unknown sender or a device not polled by community, one of the configured communities).
SNMPv3 traps and informs go through our USM (``trap_v3.py``) with the configured v3 users.
Nothing is dropped silently: rejected, malformed and unmapped notifications and unknown
senders are counted and logged with a reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ops_console.polling import ber
from ops_console.polling.credentials import CredentialProvider, CycleCredentials, SnmpCredential
from ops_console.polling.profiles import Profile, TrapMapping
from ops_console.polling.results import PollTarget
from ops_console.polling.trap_v3 import TrapUsm, V3Refusal

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
    user: str | None = None  # the SNMPv3 user it was authenticated as


@dataclass(frozen=True)
class TrapAuth:
    """What the receiver accepts, from the configured credentials.

    Attributes:
        device_communities: device id → the community of the credential it is polled with.
        communities: every configured community (checked for unknown senders, and for
            devices polled by SNMPv3 or not by SNMP at all).
        users: every configured SNMPv3 user (traps and informs are checked against them).
    """

    device_communities: Mapping[int, str] = field(default_factory=dict)
    communities: frozenset[str] = frozenset()
    users: tuple[SnmpCredential, ...] = ()


def trap_auth(targets: Iterable[PollTarget], credentials: CredentialProvider) -> TrapAuth:
    """The ``TrapAuth`` of the poll targets' credentials, asking the provider once per name.

    The provider may block (a keyring): call this off the event loop.
    """
    cache = CycleCredentials(credentials)
    per_device: dict[int, str] = {}
    communities: set[str] = set()
    users: dict[SnmpCredential, None] = {}
    for t in targets:
        if not t.credential:
            continue
        cred = cache.get(t.credential)
        if isinstance(cred, str):
            continue  # the poller records why
        if cred.is_v3:
            users[cred] = None
        elif cred.community is not None:
            communities.add(cred.community)
            if t.version in ("v1", "v2c"):
                per_device[t.device_id] = cred.community
    return TrapAuth(per_device, frozenset(communities), tuple(users))


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
            bad_community, not_a_notification, queue_full; for SNMPv3: v3_discovery (a
            sender asked for our engine ID), v3_unknown_user, v3_wrong_level,
            v3_wrong_digest, v3_not_in_time_window, v3_decryption_error, v3_unknown_engine.
        usm: the SNMPv3 side (our engine ID for informs, the configured users).
    """

    def __init__(
        self,
        profiles: Mapping[str, Profile],
        lookup: Callable[[str], TrapSender | None],
        *,
        auth: TrapAuth | None = None,
        communities: frozenset[str] | None = None,
        engine_id: bytes | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        queue_size: int = 10_000,
    ) -> None:
        """``auth`` says what is accepted (nothing when absent); ``communities`` is a short
        form of ``TrapAuth(communities=...)``."""
        self.profiles = dict(profiles)
        self.lookup = lookup
        if auth is None:
            auth = TrapAuth(communities=frozenset(communities or ()))
        self.usm = TrapUsm(engine_id=engine_id)
        self.configure(auth)
        self._now = now
        self.queue: asyncio.Queue[TrapEvent] = asyncio.Queue(queue_size)
        self.counters: Counter[str] = Counter()
        self.transport: asyncio.DatagramTransport | None = None

    def configure(self, auth: TrapAuth) -> None:
        """Take the current credentials (the poller service calls this when targets change)."""
        self.auth = auth
        self._device_communities = {d: c.encode() for d, c in auth.device_communities.items()}
        self._communities = frozenset(c.encode() for c in auth.communities)
        self.usm.set_users(auth.users)
        for problem in self.usm.problems:
            log.warning("trap receiver: %s", problem)

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

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.counters["received"] += 1
        try:
            self.handle(data, addr[0], addr[1])
        except Exception:  # a receiver must survive anything a network sends it
            self.counters["malformed"] += 1
            log.exception("trap from %s could not be handled", addr[0])

    def handle(self, data: bytes, host: str, port: int) -> TrapEvent | None:
        """Check, acknowledge (informs), map and queue one datagram; returns the event."""
        if _is_v3(data):
            return self._handle_v3(data, host, port)
        try:
            pdu = ber.decode_message(data)
        except ber.BerError as exc:
            self.counters["malformed"] += 1
            log.info("malformed packet from %s ignored: %s", host, exc)
            return None
        if pdu.tag not in (ber.TRAP_V1, ber.TRAP_V2, ber.INFORM):
            self._not_a_notification(host, pdu.tag)
            return None
        sender = self.lookup(host)
        problem = self._community_problem(pdu.community, sender, host)
        if problem is not None:
            self.counters["bad_community"] += 1
            log.warning("notification rejected: %s", problem)
            return None
        inform = pdu.tag == ber.INFORM
        if inform and self.transport is not None:
            ack = ber.encode_pdu(
                pdu.version, pdu.community, ber.RESPONSE, pdu.request_id, pdu.varbinds
            )
            self.transport.sendto(ack, (host, port))
            self.counters["informs_acked"] += 1
        return self._deliver(pdu, host, sender, inform, None)

    def _community_problem(
        self, community: bytes, sender: TrapSender | None, host: str
    ) -> str | None:
        """Why ``community`` is not accepted from ``host``, or None when it is."""
        if sender is not None:
            expected = self._device_communities.get(sender.device_id)
            if expected is not None:
                if community == expected:
                    return None
                return f"wrong community from {host} (device {sender.device_id} is polled with another)"
        if community in self._communities:
            return None
        if not self._communities:
            return f"community from {host} not accepted: no SNMP community is configured"
        who = "unknown sender" if sender is None else f"device {sender.device_id}"
        return f"wrong community from {host} ({who}; not a configured community)"

    def _handle_v3(self, data: bytes, host: str, port: int) -> TrapEvent | None:
        outcome = self.usm.handle(data, host)
        if outcome.reply is not None and self.transport is not None:
            self.transport.sendto(outcome.reply, (host, port))
        if isinstance(outcome, V3Refusal):
            self.counters[outcome.counter] += 1
            if outcome.counter == "v3_discovery":
                log.debug("SNMPv3 %s: answered with our engine ID", outcome.reason)
            else:
                log.warning("SNMPv3 notification from %s rejected: %s", host, outcome.reason)
            return None
        pdu = outcome.pdu
        if pdu.tag not in (ber.TRAP_V2, ber.INFORM):
            self._not_a_notification(host, pdu.tag)
            return None
        inform = pdu.tag == ber.INFORM
        if inform:
            self.counters["informs_acked"] += 1
        return self._deliver(pdu, host, self.lookup(host), inform, outcome.user)

    def _not_a_notification(self, host: str, tag: int) -> None:
        self.counters["not_a_notification"] += 1
        log.info("packet from %s is not a notification (PDU 0x%02x): ignored", host, tag)

    def _deliver(
        self,
        pdu: ber.Pdu,
        host: str,
        sender: TrapSender | None,
        inform: bool,
        user: str | None,
    ) -> TrapEvent | None:
        trap_oid = trap_oid_of(pdu)
        if trap_oid is None:
            self.counters["malformed"] += 1
            log.info("notification from %s without snmpTrapOID.0 ignored", host)
            return None
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
        event = self._event(sender, host, trap_oid, mapping, pdu, inform, user)
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
        user: str | None = None,
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
            user=user,
        )


@contextlib.asynccontextmanager
async def trap_receiver(
    profiles: Mapping[str, Profile],
    lookup: Callable[[str], TrapSender | None],
    *,
    host: str = "0.0.0.0",
    port: int = 1162,
    auth: TrapAuth | None = None,
    communities: frozenset[str] | None = None,
) -> AsyncIterator[TrapReceiver]:
    """Run a receiver for the duration of an ``async with`` block."""
    receiver = TrapReceiver(profiles, lookup, auth=auth, communities=communities)
    await receiver.start(host, port)
    try:
        yield receiver
    finally:
        receiver.close()


def _is_v3(data: bytes) -> bool:
    """Whether ``data`` looks like an SNMPv3 message (version 3 right after the outer header)."""
    try:
        _, start, stop = ber.read_tlv(data, 0, len(data))
        tag, v_start, v_stop = ber.read_tlv(data, start, stop)
    except ber.BerError:
        return False
    return tag == ber.INTEGER and data[v_start:v_stop] == b"\x03"
