"""The UDP side of SNMP: one socket per address family for every request of a loop, replies
matched by request-id (v1/v2c) or msgID (v3), and the v1/v2c session on top of it.

Both the community session here and the v3 session (``usm_client.py``) sit behind one
small interface (``Session.request(pdu, oids)``), so GET splitting on tooBig, GETBULK walks
with GETNEXT fall-back and value conversion (``walk.py``, ``convert.py``) are written once.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import itertools
import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.errors import ErrorKind, PollError

log = logging.getLogger(__name__)

RCVBUF_BYTES = 4 * 1024 * 1024


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


@dataclass(frozen=True)
class Reply:
    """A response PDU, whatever the SNMP version."""

    error_status: int
    error_index: int
    varbinds: tuple[tuple[str, Value], ...]


class Session(Protocol):
    """One device's request channel."""

    async def request(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Reply: ...


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

    def __init__(self, rcvbuf: int = RCVBUF_BYTES) -> None:
        self._rcvbuf = rcvbuf
        self._clients: dict[int, _UdpClient] = {}
        self._opening: dict[int, asyncio.Future[_UdpClient]] = {}
        self._ids = itertools.count(1)

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
        client = await self._client(family)
        assert client.transport is not None
        loop = asyncio.get_running_loop()
        rid = self.next_id()
        while rid in client.pending:
            rid = self.next_id()
        message = message_for(rid)
        try:
            for _attempt in range(retries + 1):
                fut: asyncio.Future[bytes] = loop.create_future()
                client.pending[rid] = (fut, host, port)
                handle = loop.call_later(timeout, _expire, fut)
                try:
                    client.transport.sendto(message, (host, port))
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
                    handle.cancel()
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


def _expire(fut: asyncio.Future[bytes]) -> None:
    if not fut.done():
        fut.set_exception(TimeoutError())


class CommunitySession:
    """A v1/v2c device reached through the shared ``UdpTransport``."""

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

    async def request(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Reply:
        if pdu == ber.GETBULK and self.version == ber.V1:
            raise SnmpFailure("GETBULK is not part of SNMPv1")

        def build(rid: int) -> bytes:
            return ber.encode_request(
                self.version, self.community, pdu, rid, oids, non_repeaters, max_repetitions
            )

        rid, data = await self.transport.exchange(
            self.host, self.port, build, self.timeout, self.retries
        )
        try:
            msg = ber.decode_message(data)
        except ber.BerError as exc:
            raise SnmpFailure(f"malformed response: {exc}") from None
        if msg.request_id != rid or msg.community != self.community or msg.tag != ber.RESPONSE:
            raise SnmpFailure(
                "response does not match the request (request-id, community or PDU type)"
            )
        return Reply(msg.error_status, msg.error_index, msg.varbinds)


CommunityTransport = UdpTransport  # the name it had when only v1/v2c used it


async def resolve(address: str, port: int) -> str:
    """Return an IP literal for ``address``; a name that does not resolve is an SnmpFailure."""
    try:
        return str(ipaddress.ip_address(address.strip("[]")))
    except ValueError:
        pass
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
