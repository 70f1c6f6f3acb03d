"""The UDP side of SNMP: one socket per address family for every request of a loop, replies
matched by request-id (v1/v2c) or msgID (v3), and the v1/v2c session on top of it.

Both the community session here and the v3 session (``usm_client.py``) sit behind one
small interface (``Session.request(pdu, oids)``), so GET splitting on tooBig, GETBULK walks
with GETNEXT fall-back and value conversion (``walk.py``, ``convert.py``) are written once.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import ipaddress
import itertools
import logging
import math
import socket
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.errors import ErrorKind, PollError

log = logging.getLogger(__name__)

RCVBUF_BYTES = 4 * 1024 * 1024
TEMPLATES_MAX = 4096  # GET templates kept: one per profile × community (× tooBig halves)
TIMEOUT_RESOLUTION = 0.01  # s: a request times out at most this long after its deadline


class SnmpFailure(Exception):
    """A request that got no usable answer; ``error`` is the recorded poll error."""

    def __init__(
        self,
        reason: str,
        *,
        timeout: bool = False,
        kind: ErrorKind | None = None,
        code: str | None = None,
        **params: str | int | float,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timeout = timeout
        chosen = kind or (ErrorKind.TIMEOUT if timeout else ErrorKind.PROTOCOL)
        self.error = PollError(chosen, reason, dict(params), code)


class Reply(NamedTuple):
    """A response PDU, whatever the SNMP version.

    ``oids`` are the varbinds' names as BER bodies (``ber.oid_body``), matched as bytes by the
    poller; ``varbinds`` gives them as dotted text with their values (walks, tests).
    """

    error_status: int
    error_index: int
    oids: tuple[bytes, ...]
    values: tuple[Value, ...]

    @property
    def varbinds(self) -> tuple[tuple[str, Value], ...]:
        return tuple(zip(map(ber.dotted, self.oids), self.values, strict=True))

    @classmethod
    def of(
        cls, error_status: int, error_index: int, varbinds: Sequence[tuple[str, Value]]
    ) -> Reply:
        """A reply from dotted names (the SNMPv3 paths, which decode names as text)."""
        return cls(
            error_status,
            error_index,
            tuple(ber.oid_body(name) for name, _ in varbinds),
            tuple(value for _, value in varbinds),
        )


class Session(Protocol):
    """One device's request channel."""

    async def request(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Reply: ...


class TimeoutWheel:
    """One timer for every request's timeout instead of a ``call_later`` handle each.

    A request's deadline goes into the slot of ``resolution`` seconds that ends at or after
    it; ``expire(now)`` fails the futures of every slot that has ended with ``TimeoutError``.
    So a request is never timed out before its deadline, and at most ``resolution`` after it.
    Futures answered meanwhile are left in their slot and skipped (no cancelling per reply).
    ``arm`` is called with the time of the earliest slot when it changes: the transport
    keeps one loop timer for it.
    """

    def __init__(self, resolution: float, arm: Callable[[float], None]) -> None:
        self.resolution = resolution
        self._arm = arm
        self._slots: dict[int, list[asyncio.Future[bytes]]] = {}
        self._order: list[int] = []  # heap of slot numbers
        self.armed_at: float | None = None

    def __len__(self) -> int:
        return sum(len(v) for v in self._slots.values())

    def add(self, deadline: float, fut: asyncio.Future[bytes]) -> None:
        slot = math.ceil(deadline / self.resolution)
        bucket = self._slots.get(slot)
        if bucket is None:
            self._slots[slot] = [fut]
            heapq.heappush(self._order, slot)
            at = slot * self.resolution
            if self.armed_at is None or at < self.armed_at:
                self.armed_at = at
                self._arm(at)
        else:
            bucket.append(fut)

    def expire(self, now: float) -> int:
        """Time out the futures of every slot ended by ``now``; returns how many; re-arms."""
        n = 0
        order = self._order
        while order and order[0] * self.resolution <= now:
            for fut in self._slots.pop(heapq.heappop(order)):
                if not fut.done():
                    fut.set_exception(TimeoutError())
                    n += 1
        self.armed_at = None
        if order:
            self.armed_at = order[0] * self.resolution
            self._arm(self.armed_at)
        return n


class _UdpClient(asyncio.DatagramProtocol):
    """One UDP socket for every request of the loop; replies matched by request-id or msgID."""

    def __init__(self) -> None:
        self.transport: asyncio.DatagramTransport | None = None
        self.pending: dict[int, tuple[asyncio.Future[bytes], str, int]] = {}
        self.stray = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        rid = ber.peek_request_id(data)
        entry = self.pending.get(rid) if rid is not None else None
        if entry is None:
            self.stray += 1  # late reply after a timeout, or noise
            return
        fut, host, port = entry
        if addr[0] != host or addr[1] != port:
            self.stray += 1  # same request-id from someone else: not our answer
            return
        if not fut.done():
            fut.set_result(data)

    def error_received(self, exc: Exception) -> None:  # ICMP port unreachable etc.
        log.debug("UDP error: %s", exc)


class UdpTransport:
    """The SNMP client socket(s) of one event loop (IPv4 and, on demand, IPv6)."""

    def __init__(self, rcvbuf: int = RCVBUF_BYTES, resolution: float = TIMEOUT_RESOLUTION) -> None:
        self._rcvbuf = rcvbuf
        self._clients: dict[int, _UdpClient] = {}
        self._opening: dict[int, asyncio.Future[_UdpClient]] = {}
        self._ids = itertools.count(1)
        self._wheel = TimeoutWheel(resolution, self._arm)
        self._templates: dict[tuple[int, bytes, tuple[str, ...]], ber.RequestTemplate] = {}
        self._timer: asyncio.TimerHandle | None = None

    def template(self, version: int, community: bytes, oids: Sequence[str]) -> ber.RequestTemplate:
        """The GET of ``oids`` as a template, built once for every device that sends it."""
        key = (version, community, tuple(oids))
        hit = self._templates.get(key)
        if hit is None:
            if len(self._templates) >= TEMPLATES_MAX:
                self._templates.clear()
            hit = self._templates[key] = ber.RequestTemplate(version, community, ber.GET, oids)
        return hit

    def _arm(self, at: float) -> None:
        """(Re)set the one loop timer of the timeout wheel to fire at loop time ``at``."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_at(at, self._tick)

    def _tick(self) -> None:
        self._timer = None
        self._wheel.expire(asyncio.get_running_loop().time())

    async def _client(self, family: int) -> _UdpClient:
        client = self._clients.get(family)
        if client is not None:
            return client
        # thousands of first requests arrive together: open the socket once, all wait on it
        opening = self._opening.get(family)
        if opening is None:
            opening = asyncio.ensure_future(self._open(family))
            self._opening[family] = opening
        try:
            return await asyncio.shield(opening)
        finally:
            if opening.done():
                self._opening.pop(family, None)

    async def _open(self, family: int) -> _UdpClient:
        sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self._rcvbuf)
            sock.bind(("::", 0) if family == socket.AF_INET6 else ("0.0.0.0", 0))
            sock.setblocking(False)
            loop = asyncio.get_running_loop()
            _, client = await loop.create_datagram_endpoint(_UdpClient, sock=sock)
        except BaseException:
            sock.close()
            raise
        self._clients[family] = client
        return client

    def next_id(self) -> int:
        rid = next(self._ids)
        if rid >= 0x7FFFFFFF:
            self._ids = itertools.count(1)
            rid = next(self._ids)
        return rid

    async def exchange(
        self,
        host: str,
        port: int,
        message_for: Callable[[int], bytes],
        timeout: float,
        retries: int,
    ) -> tuple[int, bytes]:
        """Send, resend after each timeout, and return (request-id, reply bytes)."""
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        client = self._clients.get(family) or await self._client(family)
        transport = client.transport
        assert transport is not None
        loop = asyncio.get_running_loop()
        rid = self.next_id()
        while rid in client.pending:
            rid = self.next_id()
        message = message_for(rid)
        wheel = self._wheel
        try:
            for _attempt in range(retries + 1):
                fut: asyncio.Future[bytes] = loop.create_future()
                client.pending[rid] = (fut, host, port)
                wheel.add(loop.time() + timeout, fut)
                try:
                    transport.sendto(message, (host, port))
                    return rid, await fut
                except TimeoutError:
                    continue
                except OSError as exc:
                    raise SnmpFailure(
                        f"unreachable: {exc.strerror or exc}",
                        kind=ErrorKind.UNREACHABLE,
                        code="poll.unreachable",
                        detail=str(exc.strerror or exc),
                    ) from None
        finally:
            client.pending.pop(rid, None)
        raise SnmpFailure(
            f"no response after {retries + 1} × {timeout:g} s (host down, wrong community, or not an SNMP agent)",
            timeout=True,
            code="poll.timeout",
            tries=retries + 1,
            timeout_s=timeout,
        )

    def close(self) -> None:
        for client in self._clients.values():
            if client.transport is not None:
                client.transport.close()
        self._clients.clear()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


class CommunitySession:
    """A v1/v2c device reached through the shared ``UdpTransport``.

    A GET is written from the transport's ``ber.RequestTemplate`` for its version, community
    and OIDs (the same for every device of a profile): only the request-id is encoded per
    request. A walk's GETNEXT/GETBULK, whose OIDs move on each step, is encoded afresh.
    """

    def __init__(
        self,
        transport: UdpTransport,
        host: str,
        port: int,
        version: int,
        community: str,
        timeout: float,
        retries: int,
    ) -> None:
        self.transport = transport
        self.host = host
        self.port = port
        self.version = version
        self.community = community.encode()
        self.timeout = timeout
        self.retries = retries

    def encoder(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Callable[[int], bytes]:
        """What writes the request for a request-id: a GET's template, else a fresh encoding."""
        if pdu == ber.GET:
            return self.transport.template(self.version, self.community, oids).message
        version, community = self.version, self.community

        def build(rid: int) -> bytes:  # a walk's next step: other OIDs each time
            return ber.encode_request(
                version, community, pdu, rid, oids, non_repeaters, max_repetitions
            )

        return build

    async def request(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Reply:
        if pdu == ber.GETBULK and self.version == ber.V1:
            raise SnmpFailure("GETBULK is not part of SNMPv1")
        build = self.encoder(pdu, oids, non_repeaters, max_repetitions)
        rid, data = await self.transport.exchange(
            self.host, self.port, build, self.timeout, self.retries
        )
        try:
            msg = ber.decode_response(data)
        except ber.BerError as exc:
            raise SnmpFailure(f"malformed response: {exc}") from None
        if msg.request_id != rid or msg.community != self.community or msg.tag != ber.RESPONSE:
            raise SnmpFailure(
                "response does not match the request (request-id, community or PDU type)"
            )
        return tuple.__new__(Reply, (msg.error_status, msg.error_index, msg.oids, msg.values))


CommunityTransport = UdpTransport  # the name it had when only v1/v2c used it


def literal(address: str) -> str | None:
    """``address`` as a normalised IP literal, or ``None`` if it is not one (a host name)."""
    try:  # the common case in C: an IPv4 address written as inet_ntop writes it
        if socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, address)) == address:
            return address
    except (OSError, ValueError):
        pass
    try:
        return str(ipaddress.ip_address(address.strip("[]")))
    except ValueError:
        return None


async def resolve(address: str, port: int) -> str:
    """Return an IP literal for ``address``; a name that does not resolve is an SnmpFailure."""
    ip = literal(address)
    if ip is not None:
        return ip
    if not address or len(address) > 253:
        raise SnmpFailure(
            f"invalid address {address!r}",
            kind=ErrorKind.RESOLVE,
            code="poll.resolve",
            host=address,
        )
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(address, port, type=socket.SOCK_DGRAM), 5)
    except (OSError, TimeoutError, UnicodeError) as exc:
        raise SnmpFailure(
            f"cannot resolve host name {address!r}: {exc}",
            kind=ErrorKind.RESOLVE,
            code="poll.resolve",
            host=address,
        ) from None
    if not infos:
        raise SnmpFailure(
            f"cannot resolve host name {address!r}",
            kind=ErrorKind.RESOLVE,
            code="poll.resolve",
            host=address,
        )
    infos.sort(key=lambda i: i[0] != socket.AF_INET)  # prefer IPv4
    return str(infos[0][4][0])
