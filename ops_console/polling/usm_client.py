"""The poller's SNMPv3 client: engine-ID discovery, engine clocks, and requests over the shared
UDP transport, with the USM of ``usm.py``.

Why our own (measured, ``benchmarks/poll_throughput.py --v3``): pysnmp's USM doubled every
first contact (discovery, then time sync), kept tables that grew O(N²) with engine IDs and
rediscovered every ~300 s, which held a fresh poller to 200–400 devices/s. Here first
contact is one noAuthNoPriv discovery (the report carries the engine ID, boots and time),
then the request itself; keys are hashed once per pass phrase and localised once per engine.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ops_console.polling import ber, usm
from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.errors import ErrorKind
from ops_console.polling.transport import Reply, SnmpFailure, UdpTransport

log = logging.getLogger(__name__)

_REDISCOVER = "rediscover"
_RESYNC = "resync"


class UsmClient:
    """The SNMPv3 side of a loop: users, and per agent address its engine ID and clock.

    Attributes:
        counters: discoveries, rediscoveries, resyncs, reports (for tests and figures).
    """

    _USERS_MAX = 1024
    _ENGINES_MAX = 200_000

    def __init__(
        self, transport: UdpTransport, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.transport = transport
        self._mono = monotonic
        self._users: dict[SnmpCredential, usm.UsmUser] = {}
        self._engine_of: dict[tuple[str, int], bytes] = {}  # (host, port) → engine ID
        # clocks per address and engine ID, not per engine ID alone: devices cloned from one
        # firmware image often share an engine ID, each with its own boots and time
        self._clocks: dict[tuple[str, int, bytes], usm.EngineClock] = {}
        self._discovering: dict[tuple[str, int], asyncio.Future[bytes]] = {}
        self._salt = usm.new_salt()
        self.counters: Counter[str] = Counter()

    def user(self, cred: SnmpCredential) -> usm.UsmUser:
        """The USM user of ``cred``: pass phrases hashed here, once per credential."""
        hit = self._users.get(cred)
        if hit is None:
            hit = usm.UsmUser(cred)
            if len(self._users) >= self._USERS_MAX:
                self._users.clear()
            self._users[cred] = hit
        return hit

    def known_engine(self, host: str, port: int) -> bytes | None:
        return self._engine_of.get((host, port))

    def forget(self, host: str, port: int) -> None:
        old = self._engine_of.pop((host, port), None)
        if old is not None:
            self._clocks.pop((host, port, old), None)

    # discovery -------------------------------------------------------------------------

    async def engine_id(self, host: str, port: int, timeout: float, retries: int) -> bytes:
        """The agent's engine ID: cached, else discovered (one discovery per address at a time)."""
        key = (host, port)
        known = self._engine_of.get(key)
        if known is not None:
            return known
        running = self._discovering.get(key)
        if running is None:
            running = asyncio.ensure_future(self._discover(host, port, timeout, retries))
            self._discovering[key] = running
            running.add_done_callback(lambda _f: self._discovering.pop(key, None))
        return await asyncio.shield(running)

    async def _discover(self, host: str, port: int, timeout: float, retries: int) -> bytes:
        """RFC 3414 §4: a reportable noAuthNoPriv GET with an empty engine ID and user."""
        self.counters["discoveries"] += 1

        def build(rid: int) -> bytes:
            pdu = ber.encode_request_pdu(ber.GET, rid, ())
            return usm.encode(rid, usm.FLAG_REPORTABLE, b"", 0, 0, None, usm.scoped_pdu(b"", pdu))

        try:
            rid, data = await self.transport.exchange(host, port, build, timeout, retries)
        except SnmpFailure as exc:
            if exc.timeout:
                raise SnmpFailure(
                    f"no response to SNMPv3 engine discovery after {retries + 1} × {timeout:g} s "
                    "(host down, not an SNMP agent, or no SNMPv3)",
                    timeout=True,
                    code="poll.timeout_v3_discovery",
                    tries=retries + 1,
                    timeout_s=timeout,
                ) from None
            raise
        try:
            msg = usm.decode(data)
            scoped = usm.open_scoped(msg, None)
        except usm.UsmError as exc:
            raise SnmpFailure(f"SNMPv3 engine discovery: {exc}") from None
        if msg.msg_id != rid or scoped.pdu.tag != ber.REPORT or not msg.engine_id:
            raise SnmpFailure("SNMPv3 engine discovery: the agent did not answer with a report")
        if not 5 <= len(msg.engine_id) <= 32:
            raise SnmpFailure(
                f"SNMPv3 engine discovery: engine ID of {len(msg.engine_id)} octets (5 to 32 allowed)"
            )
        self._learn(host, port, msg)
        return msg.engine_id

    def _learn(self, host: str, port: int, msg: usm.V3Message) -> None:
        """Record an unauthenticated report's engine ID and clock (discovery, rediscovery)."""
        if len(self._engine_of) >= self._ENGINES_MAX:
            self._engine_of.clear()
            self._clocks.clear()
        self._engine_of[(host, port)] = msg.engine_id
        key = (host, port, msg.engine_id)
        clock = self._clocks.get(key)
        now = self._mono()
        if clock is None:
            self._clocks[key] = usm.EngineClock(msg.boots, msg.time, now, msg.time)
        elif msg.boots > clock.boots:
            clock.reset(msg.boots, msg.time, now)  # the engine rebooted

    # requests --------------------------------------------------------------------------

    async def request(self, to: UsmSession, body: Callable[[int], bytes]) -> Reply:
        """Send one request to ``to`` at its credential's level (``body``: its PDU for a
        request ID); discover, resync or rediscover once as needed."""
        try:
            user = self.user(to.cred)
        except usm.UsmError as exc:
            raise SnmpFailure(str(exc)) from None
        fixed: set[str] = set()
        while True:
            fresh = self.known_engine(to.host, to.port) is None
            engine_id = await self.engine_id(to.host, to.port, to.timeout, to.retries)
            outcome = await self._once(user, engine_id, to, body, fresh)
            if isinstance(outcome, Reply):
                return outcome
            # one resync and one rediscovery per request, never a loop
            if outcome in fixed:
                raise SnmpFailure(
                    usm.REPORT_REASONS[
                        usm.NOT_IN_TIME_WINDOWS if outcome == _RESYNC else usm.UNKNOWN_ENGINE_IDS
                    ]
                    + " again after "
                    + ("a resync" if outcome == _RESYNC else "rediscovery")
                )
            fixed.add(outcome)

    async def _once(
        self,
        user: usm.UsmUser,
        engine_id: bytes,
        to: UsmSession,
        body: Callable[[int], bytes],
        fresh: bool,
    ) -> Reply | str:
        host, port, timeout, retries = to.host, to.port, to.timeout, to.retries
        clock = self._clocks.get((host, port, engine_id))
        if clock is None:  # forgotten (table bound): learn again
            self.forget(host, port)
            return _REDISCOVER
        boots, now = clock.boots, clock.now(self._mono())

        def build(rid: int) -> bytes:
            self._salt += 1
            return usm.encode(
                rid, usm.FLAG_REPORTABLE, engine_id, boots, now, user,
                usm.scoped_pdu(engine_id, body(rid)), salt=self._salt,
            )  # fmt: skip

        try:
            rid, data = await self.transport.exchange(host, port, build, timeout, retries)
        except SnmpFailure as exc:
            if exc.timeout and user.level & usm.FLAG_PRIV:
                why = (
                    "the agent answered engine discovery just before: wrong SNMPv3 privacy key "
                    "or protocol, or the agent is overloaded"
                    if fresh
                    else "host down, not an SNMP agent, or wrong SNMPv3 privacy key"
                )
                raise SnmpFailure(
                    f"no response after {retries + 1} × {timeout:g} s ({why})", timeout=True
                ) from None
            raise
        try:
            msg = usm.decode(data)
        except usm.UsmError as exc:
            raise SnmpFailure(str(exc)) from None
        if msg.msg_id != rid:
            raise SnmpFailure("response does not match the request (msgID)")
        authentic = bool(msg.flags & usm.FLAG_AUTH)
        if authentic:
            if msg.user != user.name or msg.engine_id != engine_id:
                raise SnmpFailure("SNMPv3 response for another user or engine")
            if not user.level & usm.FLAG_AUTH or not usm.verify(msg, user):
                raise SnmpFailure(
                    "SNMPv3 response failed authentication: wrong auth key or protocol"
                )
        try:
            scoped = usm.open_scoped(msg, user)
        except usm.UsmError as exc:
            raise SnmpFailure(f"SNMPv3 response: {exc}") from None
        if scoped.pdu.tag == ber.REPORT:
            return self._report(host, port, msg, scoped.pdu, authentic, clock)
        if scoped.pdu.tag != ber.RESPONSE or scoped.pdu.request_id != rid:
            raise SnmpFailure("response does not match the request (request-id or PDU type)")
        if user.level and (msg.flags & (usm.FLAG_AUTH | usm.FLAG_PRIV)) != user.level:
            raise SnmpFailure("SNMPv3 response at a lower security level than the request")
        if authentic and not clock.accept(msg.boots, msg.time, self._mono()):
            raise SnmpFailure("SNMPv3 response outside the time window (replayed or stale)")
        p = scoped.pdu
        return Reply.of(p.error_status, p.error_index, p.varbinds)

    def _report(
        self,
        host: str,
        port: int,
        msg: usm.V3Message,
        pdu: ber.Pdu,
        authentic: bool,
        clock: usm.EngineClock,
    ) -> str:
        oid = pdu.varbinds[0][0] if pdu.varbinds else ""
        self.counters["reports"] += 1
        if oid == usm.NOT_IN_TIME_WINDOWS and authentic:
            self.counters["resyncs"] += 1
            log.info("SNMPv3 engine %s at %s: time window resync", msg.engine_id.hex(), host)
            clock.reset(msg.boots, msg.time, self._mono())
            return _RESYNC
        if oid == usm.UNKNOWN_ENGINE_IDS:
            # the agent's engine ID changed (replaced or reset device): the report carries it
            self.counters["rediscoveries"] += 1
            log.info("SNMPv3 agent %s changed its engine ID: rediscovered", host)
            self.forget(host, port)
            if msg.engine_id and 5 <= len(msg.engine_id) <= 32:
                self._learn(host, port, msg)
            return _REDISCOVER
        reason = usm.REPORT_REASONS.get(oid)
        if reason is None:
            reason = f"SNMPv3 request refused: the agent reported {oid or 'nothing'}"
        raise SnmpFailure(reason, kind=ErrorKind.AUTH, code=usm.REPORT_CODES.get(oid))


@dataclass(frozen=True)
class UsmSession:
    """A v3 device reached through the loop's ``UsmClient``: where, as whom, how patiently."""

    client: UsmClient
    cred: SnmpCredential
    host: str
    port: int
    timeout: float
    retries: int = 0

    async def request(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Reply:
        def body(rid: int) -> bytes:
            return ber.encode_request_pdu(pdu, rid, oids, non_repeaters, max_repetitions)

        return await self.client.request(self, body)
