"""The demo's simulated SNMP agent: asyncio UDP on the demo devices' loopback addresses.

Started with the demo's poller and stopped with it (``PollerService(sidecar=...)``): each
loopback device the poller is about to poll gets a socket on its own address (127.10.x.y,
any free port; 127.0.0.1 where the system has only that loopback address) and the poller
is told where the device answers. Requests are decoded and answered with the project's own
BER codec (``polling/ber.py``) and, for SNMPv3, its USM (``polling/trap_v3.py`` as the
authoritative engine); devices without SNMP (cameras probed on RTSP) get a TCP listener.
Values and scripted faults come from ``simulation.py``, in simulated time.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import itertools
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import cast

from ..polling import ber
from ..polling.credentials import SnmpCredential
from ..polling.profiles import ProbeSpec, Profile
from ..polling.results import PollTarget
from ..polling.trap_v3 import TrapUsm, V3Refusal
from .simulation import DEFAULT_SCRIPT, Fault, SimDevice

log = logging.getLogger(__name__)

MAX_VARBINDS = 60  # a GETBULK answer stays well inside one datagram
TRAP_CHECK_S = 0.2  # wall seconds between two looks at the script for traps to send


class _Endpoint(asyncio.DatagramProtocol):
    """The socket of one simulated device."""

    def __init__(self, agent: DemoAgent, device: SimDevice, credential: str | None) -> None:
        self.agent = agent
        self.device = device
        self.credential = credential
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        try:
            reply = self.agent.answer(self.device, data, addr[0])
        except Exception:  # a request the simulation cannot answer is dropped, not fatal
            log.exception("demo agent: cannot answer a request to %s", self.device.tag)
            return
        if reply is not None and self.transport is not None:
            self.transport.sendto(reply, addr)


class DemoAgent:
    """Answers SNMP for the demo's loopback devices; a poller sidecar (start, route, stop).

    Attributes:
        requests: requests answered or refused since the start (for the benchmark).
        traps_sent: SOS traps sent to the poller's trap receiver.
    """

    def __init__(
        self,
        profiles: Mapping[str, Profile],
        credentials: Mapping[str, SnmpCredential],
        clock: Callable[[], float],
        *,
        tags: Mapping[str, str] | None = None,
        script: Iterable[Fault] = DEFAULT_SCRIPT,
        fallback_host: str = "127.0.0.1",
    ) -> None:
        """``clock`` gives simulated seconds (``FastClock.monotonic``); ``tags`` maps a
        device's address to its asset tag, which the ``script`` names its faults by."""
        self.profiles = profiles
        self.credentials = credentials
        self.communities = {c.community.encode() for c in credentials.values() if c.community}
        self._clock = clock
        self._t0 = 0.0
        self.tags = dict(tags or {})
        self.script = tuple(script)
        self.fallback_host = fallback_host
        # the agents' SNMPv3 engine time runs on the same clock as the poller's
        self._usm = TrapUsm([c for c in credentials.values() if c.is_v3], monotonic=clock)
        self._udp: dict[str, tuple[_Endpoint, str, int]] = {}  # address → endpoint, host, port
        self._tcp: dict[str, tuple[asyncio.Server, str, int]] = {}
        self._trap_to: Callable[[], tuple[str, int] | None] = lambda: None
        self._task: asyncio.Task[None] | None = None
        self._ids = itertools.count(1)
        self.requests = 0
        self.traps_sent = 0

    # the sidecar's face ------------------------------------------------------------------
    async def start(self, trap_address: Callable[[], tuple[str, int] | None]) -> None:
        """Start the script's clock and its trap sender (SOS traps go to ``trap_address()``)."""
        self._t0 = self._clock()
        self._trap_to = trap_address
        self._task = asyncio.create_task(self._send_traps())

    async def route(self, targets: Sequence[PollTarget]) -> list[PollTarget]:
        """Bind a socket for each loopback device not seen yet; return where each answers."""
        out = []
        for t in targets:
            if not self._simulated(t):
                out.append(t)
                continue
            if t.version == "none":
                host, port = await self._listen_tcp(t.address)
                probe = t.probe or self.profiles[t.category].probe or ProbeSpec("tcp")
                out.append(replace(t, address=host, probe=replace(probe, kind="tcp", port=port)))
            else:
                host, port = await self._listen_udp(t)
                out.append(replace(t, address=host, port=port))
        return out

    async def stop(self) -> None:
        """Close every socket and listener and the trap sender: nothing is left running."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for ep, _host, _port in self._udp.values():
            if ep.transport is not None:
                ep.transport.close()
        self._udp.clear()
        servers = [s for s, _h, _p in self._tcp.values()]
        self._tcp.clear()
        for server in servers:
            server.close()
        for server in servers:
            await server.wait_closed()

    @property
    def open_sockets(self) -> int:
        """Sockets and listeners still open (0 after ``stop``)."""
        udp = sum(
            1 for ep, _h, _p in self._udp.values() if ep.transport and not ep.transport.is_closing()
        )
        return udp + sum(1 for s, _h, _p in self._tcp.values() if s.is_serving())

    @property
    def devices(self) -> int:
        return len(self._udp) + len(self._tcp)

    def now(self) -> float:
        """Simulated seconds since the start."""
        return self._clock() - self._t0

    # binding -----------------------------------------------------------------------------
    def _simulated(self, t: PollTarget) -> bool:
        try:
            loopback = ipaddress.ip_address(t.address).is_loopback
        except ValueError:
            return False
        return loopback and t.category in self.profiles

    def _sim(self, address: str, category: str) -> SimDevice:
        tag = self.tags.get(address, address)
        faults = tuple(f for f in self.script if f.tag == tag)
        return SimDevice(tag, self.profiles[category], faults)

    async def _listen_udp(self, t: PollTarget) -> tuple[str, int]:
        known = self._udp.get(t.address)
        if known is not None:
            return known[1], known[2]
        loop = asyncio.get_running_loop()
        device = self._sim(t.address, t.category)
        for host in (t.address, self.fallback_host):
            try:
                transport, ep = await loop.create_datagram_endpoint(
                    lambda: _Endpoint(self, device, t.credential), local_addr=(host, 0)
                )
                break
            except OSError as exc:  # e.g. macOS: only 127.0.0.1 is configured
                log.info("demo agent cannot bind %s (%s)", host, exc.strerror or exc)
        else:
            raise OSError(f"demo agent: no loopback address to bind for {t.address}")
        port = int(transport.get_extra_info("sockname")[1])
        self._udp[t.address] = (ep, host, port)
        return host, port

    async def _listen_tcp(self, address: str) -> tuple[str, int]:
        known = self._tcp.get(address)
        if known is not None:
            return known[1], known[2]

        async def accept(_r: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.requests += 1
            writer.close()

        for host in (address, self.fallback_host):
            try:
                server = await asyncio.start_server(accept, host, 0)
                break
            except OSError as exc:
                log.info("demo agent cannot listen on %s (%s)", host, exc.strerror or exc)
        else:
            raise OSError(f"demo agent: no loopback address to listen on for {address}")
        port = int(server.sockets[0].getsockname()[1])
        self._tcp[address] = (server, host, port)
        return host, port

    # answering ---------------------------------------------------------------------------
    def answer(self, device: SimDevice, data: bytes, host: str) -> bytes | None:
        """The reply to one datagram, or None (dropped, as an agent drops a wrong community)."""
        self.requests += 1
        try:
            pdu = ber.decode_message(data)
        except ber.BerError as exc:
            if str(exc).startswith("SNMPv3"):
                return self._answer_v3(device, data, host)
            return None
        if pdu.community not in self.communities or pdu.tag not in (
            ber.GET, ber.GETNEXT, ber.GETBULK,
        ):  # fmt: skip
            return None
        varbinds, status, index = self._varbinds(device, pdu)
        return ber.encode_pdu(
            pdu.version, pdu.community, ber.RESPONSE, pdu.request_id, varbinds, status, index
        )

    def _answer_v3(self, device: SimDevice, data: bytes, host: str) -> bytes | None:
        note = self._usm.handle(data, host)
        if isinstance(note, V3Refusal):
            return note.reply  # discovery, unknown user, wrong digest... (or nothing)
        if note.pdu.tag not in (ber.GET, ber.GETNEXT, ber.GETBULK):
            return None
        varbinds, status, index = self._varbinds(device, note.pdu)
        pdu = ber.encode_pdu_only(ber.RESPONSE, note.pdu.request_id, varbinds, status, index)
        return self._usm.respond(note, pdu)

    def _varbinds(
        self, device: SimDevice, pdu: ber.Pdu
    ) -> tuple[tuple[tuple[str, ber.Value], ...], int, int]:
        t = self.now()
        names = [oid for oid, _v in pdu.varbinds]
        if pdu.tag == ber.GET:
            out = [(oid, device.value(oid, t)) for oid in names]
            if pdu.version == ber.V1:
                for i, (_oid, v) in enumerate(out, 1):
                    if v.tag in ber.EXCEPTION_TAGS:
                        return pdu.varbinds, ber.NO_SUCH_NAME, i
            return tuple(out), 0, 0
        if pdu.tag == ber.GETNEXT:
            nexts = [device.next_oid(oid) for oid in names]
            if pdu.version == ber.V1 and None in nexts:
                return pdu.varbinds, ber.NO_SUCH_NAME, nexts.index(None) + 1
            return (
                tuple(self._next_vb(device, o, n, t) for o, n in zip(names, nexts, strict=True)),
                0,
                0,
            )
        # GETBULK: error-status and error-index carry non-repeaters and max-repetitions
        non_rep = max(0, min(pdu.error_status, len(names)))
        reps = max(0, pdu.error_index)
        result = [self._next_vb(device, o, device.next_oid(o), t) for o in names[:non_rep]]
        repeaters = names[non_rep:]
        if repeaters:
            reps = min(reps, max(1, (MAX_VARBINDS - len(result)) // len(repeaters)))
            cursors: list[str | None] = list(repeaters)
            for _ in range(reps):
                row = []
                for i, cursor in enumerate(cursors):
                    nxt = device.next_oid(cursor) if cursor is not None else None
                    row.append(self._next_vb(device, cursor or repeaters[i], nxt, t))
                    cursors[i] = nxt
                result.extend(row)
                if all(c is None for c in cursors):
                    break
        return tuple(result), 0, 0

    @staticmethod
    def _next_vb(device: SimDevice, asked: str, nxt: str | None, t: float) -> tuple[str, ber.Value]:
        if nxt is None:
            return asked, ber.Value(ber.END_OF_MIB_VIEW, None)
        return nxt, device.value(nxt, t)

    # traps -------------------------------------------------------------------------------
    async def _send_traps(self) -> None:
        last = self.now()
        while True:
            await asyncio.sleep(TRAP_CHECK_S)
            now = self.now()
            to = self._trap_to()
            if to is not None and to[0] in ("0.0.0.0", "::", ""):  # listening everywhere
                to = ("127.0.0.1", to[1])
            for ep, _host, _port in list(self._udp.values()):
                fault = ep.device.trap_due(last, now)
                if fault is None or to is None or ep.transport is None:
                    continue
                cred = self.credentials.get(ep.credential or "")
                if cred is None or cred.community is None:
                    continue
                message = ber.encode_pdu(
                    ber.V2C, cred.community.encode(), ber.TRAP_V2, next(self._ids),
                    ep.device.sos_trap(fault, now),
                )  # fmt: skip
                ep.transport.sendto(message, to)
                self.traps_sent += 1
            last = now
