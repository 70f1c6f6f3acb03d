"""The SNMP poller: one device in, one PollResult out, for SNMP v1, v2c and v3.

A hybrid, chosen by measurement (ENVIRONMENT.md):

* v1/v2c go through our own BER codec (``ber.py``) over one shared asyncio UDP socket
  (SO_RCVBUF 4 MiB): ~2 KB and a few µs of CPU per device, so 10,000 devices set up in
  milliseconds and poll in seconds. pysnmp's v1arch would cost ~0.8 ms of CPU per request
  and v3arch 20 s and 300 MB just to register 10,000 targets.
* v3 (authNoPriv, authPriv) goes through pysnmp 7 (v3arch) on one ``SnmpEngine`` per poller
  (per loop), driven below hlapi (``UsmEngine``): one USM user per credential, one UDP
  transport, requests handed to the engine's message dispatcher with pre-built numeric
  var-binds. hlapi's ``get_cmd`` resolved every OID through a MIB view even with
  ``lookupMib=False`` and needed an SNMP-TARGET-MIB row per device (~2 ms, ~24 KB each);
  measured: 2.8 → 1.6 ms CPU per device in steady state, set-up 2.2 ms → ~0 per device.
  pysnmp still does USM: engine-ID discovery and time sync (one extra round trip per
  device on first contact), key localization per engine ID, HMAC and AES/DES.

Both sit behind one small session interface (``request(pdu, oids)``), so GET splitting on
tooBig, GETBULK walks with GETNEXT fall-back and value conversion are written once.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import itertools
import logging
import math
import socket
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.credentials import CredentialProvider, CycleCredentials, SnmpCredential
from ops_console.polling.probes import ProbeResult, run_probe
from ops_console.polling.profiles import MetricSpec, ProbeSpec, Profile, TableSpec
from ops_console.polling.rates import CounterTracker
from ops_console.polling.results import PollResult, PollTarget, Sample, StatusReading

__all__ = [
    "PollResult",
    "PollTarget",
    "Sample",
    "SnmpFailure",
    "SnmpPoller",
    "StatusReading",
]

log = logging.getLogger(__name__)

RCVBUF_BYTES = 4 * 1024 * 1024
MAX_BULK_VARBINDS = 48
UPTIME_OID = "1.3.6.1.2.1.1.3.0"


class SnmpFailure(Exception):
    """A request that got no usable answer; the message is the recorded poll error."""

    def __init__(self, reason: str, *, timeout: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timeout = timeout


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


# --- v1/v2c over our own codec --------------------------------------------------------------


class _UdpClient(asyncio.DatagramProtocol):
    """One UDP socket for every v1/v2c request of the loop; replies matched by request-id."""

    def __init__(self) -> None:
        self.transport: asyncio.DatagramTransport | None = None
        self.pending: dict[int, tuple[asyncio.Future[bytes], str, int]] = {}
        self.stray = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: Any) -> None:
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


class CommunityTransport:
    """The v1/v2c socket(s) of one event loop (IPv4 and, on demand, IPv6)."""

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
                    raise SnmpFailure(f"unreachable: {exc.strerror or exc}") from None
                finally:
                    handle.cancel()
        finally:
            client.pending.pop(rid, None)
        raise SnmpFailure(
            f"no response after {retries + 1} × {timeout:g} s (host down, wrong community, or not an SNMP agent)",
            timeout=True,
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
    """A v1/v2c device reached through the shared ``CommunityTransport``."""

    def __init__(
        self,
        transport: CommunityTransport,
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


# --- v3 over pysnmp -------------------------------------------------------------------------


_AUTH = {"MD5": "USM_AUTH_HMAC96_MD5", "SHA": "USM_AUTH_HMAC96_SHA", "SHA224": "USM_AUTH_HMAC128_SHA224",
         "SHA256": "USM_AUTH_HMAC192_SHA256", "SHA384": "USM_AUTH_HMAC256_SHA384", "SHA512": "USM_AUTH_HMAC384_SHA512"}  # fmt: skip
_PRIV = {"DES": "USM_PRIV_CBC56_DES", "3DES": "USM_PRIV_CBC168_3DES", "AES": "USM_PRIV_CFB128_AES",
         "AES192": "USM_PRIV_CFB192_AES", "AES256": "USM_PRIV_CFB256_AES"}  # fmt: skip


@dataclass(frozen=True)
class V3Target:
    """Where and how long to ask: a transport domain and address, and the timeout."""

    domain: tuple[int, ...]
    address: tuple[Any, ...]
    timeout: float


class UsmEngine:
    """The one pysnmp ``SnmpEngine`` of a loop, driven below hlapi.

    hlapi's ``get_cmd`` resolves every var-bind through a MIB view (even with
    ``lookupMib=False``), looks the target up in its LCD and in SNMP-TARGET-MIB, and each
    registered target costs ~2 ms and ~24 KB (rows written through the MIB instrumentation).
    Here a USM user is registered once per credential, the UDP transport once per address
    family, and each request goes straight to the engine's message dispatcher with cached,
    pre-built var-binds. USM (engine-ID discovery, time sync, key localization, HMAC,
    AES/DES) stays pysnmp's.

    Attributes:
        engine: the pysnmp ``SnmpEngine``.
    """

    DISCOVERY_RESENDS = 4  # unknownEngineID / notInTimeWindow reports, as pysnmp's cmdgen
    _VARBIND_CACHE_MAX = 4096

    def __init__(self, rcvbuf: int = RCVBUF_BYTES) -> None:
        from pysnmp.entity import config  # imported only when v3 is used
        from pysnmp.entity.engine import SnmpEngine
        from pysnmp.proto import errind, rfc1902
        from pysnmp.proto.api import v2c

        self._config = config
        self._errind = errind
        self._v2c = v2c
        self.api = v2c.apiPDU
        self._rfc1902 = rfc1902
        self.engine = SnmpEngine()
        admin_string = self.engine.get_mib_builder().import_symbols(
            "SNMP-FRAMEWORK-MIB", "SnmpAdminString"
        )[0]
        self._admin_string = admin_string
        self._context_name = admin_string(b"")
        self._rcvbuf_set = False
        self._rcvbuf = rcvbuf
        self._users: dict[str, SnmpCredential] = {}  # user name → credential configured
        self._levels: dict[SnmpCredential, tuple[Any, int]] = {}  # (security name, level)
        self._domains: dict[int, tuple[int, ...]] = {}  # address family → transport domain
        self._varbinds: dict[str, Any] = {}
        self._pdu_kinds = {
            ber.GET: (v2c.GetRequestPDU, v2c.apiPDU),
            ber.GETNEXT: (v2c.GetNextRequestPDU, v2c.apiPDU),
            ber.GETBULK: (v2c.GetBulkRequestPDU, v2c.apiBulkPDU),
        }

    async def target(
        self, host: str, port: int, cred: SnmpCredential, timeout: float
    ) -> tuple[SnmpCredential, V3Target]:
        """The (credential, target) of a device; nothing is registered per device.

        The credential's USM user is configured once (the pass phrases are hashed then, 1 MB
        each); engine IDs are discovered and keys localized by pysnmp on first contact.
        """
        self._user(cred)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        domain = self._domains.get(family)
        if domain is None:
            domain = self._open(family)
        # the address as pysnmp will see replies come from: its engine-ID cache is keyed by it
        addr = (host, port, 0, 0) if family == socket.AF_INET6 else (host, port)
        return cred, V3Target(domain, addr, timeout)

    def _open(self, family: int) -> tuple[int, ...]:
        if family == socket.AF_INET6:
            from pysnmp.carrier.asyncio.dgram import udp6 as udp_mod
        else:
            from pysnmp.carrier.asyncio.dgram import udp as udp_mod
        domain: tuple[int, ...] = udp_mod.DOMAIN_NAME
        if self._config.get_transport(self.engine, domain) is None:
            transport_cls = (
                udp_mod.Udp6AsyncioTransport
                if family == socket.AF_INET6
                else udp_mod.UdpAsyncioTransport
            )
            self._config.add_transport(self.engine, domain, transport_cls().open_client_mode())
        self._domains[family] = domain
        return domain

    def _user(self, cred: SnmpCredential) -> tuple[Any, int]:
        """Configure ``cred``'s USM user if it is not the one configured under that name.

        pysnmp keys its USM table by user name: two credentials with the same user name and
        different keys take turns (as with hlapi), each turn hashing the pass phrases again.
        """
        name = cred.user or ""
        known = self._levels.get(cred)
        if known is not None and self._users.get(name) == cred:
            return known
        config = self._config
        kwargs: dict[str, Any] = {}
        level = 1  # SnmpSecurityLevel noAuthNoPriv(1), authNoPriv(2), authPriv(3)
        if cred.auth_proto:
            kwargs["authKey"] = cred.auth_key
            kwargs["authProtocol"] = getattr(config, _AUTH[cred.auth_proto.upper()])
            level = 2
        if cred.priv_proto:
            kwargs["privKey"] = cred.priv_key
            kwargs["privProtocol"] = getattr(config, _PRIV[cred.priv_proto.upper()])
            level = 3
        if name in self._users:
            config.delete_v3_user(self.engine, name)
        config.add_v3_user(self.engine, name, **kwargs)
        self._users[name] = cred
        # the security name as pysnmp's USM map holds it (an SnmpAdminString, not a str)
        known = self._levels[cred] = (self._admin_string(name), level)
        return known

    def _varbind(self, oid: str) -> Any:
        """A pre-built (OID, Null) var-bind, shared by every request for that OID."""
        vb = self._varbinds.get(oid)
        if vb is None:
            v2c = self._v2c
            pdu = v2c.GetRequestPDU()
            v2c.apiPDU.set_defaults(pdu)
            v2c.apiPDU.set_varbinds(pdu, [(self._rfc1902.ObjectName(oid), v2c.null)])
            vb = pdu[3][0]
            if len(self._varbinds) >= self._VARBIND_CACHE_MAX:
                self._varbinds.clear()  # walk cursors: bounded, scalar OIDs come back at once
            self._varbinds[oid] = vb
        return vb

    async def request(self, cred: SnmpCredential, target: V3Target, pdu_kind: int,
                      oids: Sequence[str], timeout: float | None = None, non_repeaters: int = 0,
                      max_repetitions: int = 0) -> tuple[Any, Any]:  # fmt: skip
        """Send one request; return (error indication or None, response PDU or None)."""
        user, level = self._user(cred)
        pdu_cls, api = self._pdu_kinds[pdu_kind]
        pdu = pdu_cls()
        api.set_defaults(pdu)
        if pdu_kind == ber.GETBULK:
            api.set_non_repeaters(pdu, non_repeaters)
            api.set_max_repetitions(pdu, max_repetitions)
        # pysnmp's set_varbinds takes pre-built var-binds of SNMPv1 only: fill the list here
        varbind_list = pdu.setComponentByPosition(3).getComponentByPosition(3)
        varbind_list.clear()
        for i, oid in enumerate(oids):
            varbind_list.setComponentByPosition(i, self._varbind(oid))
        dispatcher = self.engine.transport_dispatcher
        seconds = target.timeout if timeout is None else timeout
        ticks = seconds / dispatcher.get_timer_resolution()
        fut: asyncio.Future[tuple[Any, Any]] = asyncio.get_running_loop().create_future()
        self._send(pdu, user, level, (target.domain, target.address), ticks, fut, 0)
        try:
            return await fut
        finally:
            self.tune_socket()

    def _send(self, pdu: Any, user: Any, level: int, address: tuple[tuple[int, ...], tuple[Any, ...]],
              ticks: float, fut: asyncio.Future[tuple[Any, Any]], discoveries: int) -> None:  # fmt: skip
        from pysnmp.proto.error import StatusInformation

        try:
            self.engine.message_dispatcher.send_pdu(
                self.engine, address[0], address[1], 3, 3, user, level, None,
                self._context_name, 1, pdu, True, ticks, self._on_response,
                (pdu, user, level, address, ticks, fut, discoveries),
            )  # fmt: skip
        except StatusInformation as info:
            if not fut.done():
                fut.set_result((info["errorIndication"], None))

    def _on_response(self, engine: Any, mp_model: Any, sec_model: Any, sec_name: Any,
                     sec_level: Any, context_engine_id: Any, context_name: Any, pdu_version: Any,
                     response: Any, status: Any, handle: Any, ctx: Any) -> None:  # fmt: skip
        pdu, user, level, address, ticks, fut, discoveries = ctx
        if fut.done():  # cancelled by the caller
            return
        if status:
            indication = status["errorIndication"]
            errind = self._errind
            if (
                indication in (errind.unknownEngineID, errind.notInTimeWindow)
                and discoveries < self.DISCOVERY_RESENDS
            ):
                # first contact: the report taught us the engine ID (and its clock): resend
                self._send(pdu, user, level, address, ticks, fut, discoveries + 1)
                return
            fut.set_result((indication, None))
            return
        api = self._v2c.apiPDU
        if api.get_request_id(response) != api.get_request_id(pdu):
            fut.set_result(("badResponse", None))
            return
        fut.set_result((None, response))

    def tune_socket(self) -> None:
        if self._rcvbuf_set:
            return
        with contextlib.suppress(Exception):
            for domain in self._domains.values():
                transport = self.engine.transport_dispatcher.get_transport(domain)
                sock = transport.transport.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self._rcvbuf)
            self._rcvbuf_set = True

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.engine.close_dispatcher()


def _v3_error(indication: Any) -> SnmpFailure:
    name = type(indication).__name__
    text = str(indication)
    if name == "RequestTimedOut":
        return SnmpFailure(
            "no response (timeout): host down, not an SNMP agent, or wrong SNMPv3 privacy key",
            timeout=True,
        )
    reasons = {
        "WrongDigest": "SNMPv3 authentication failed: wrong auth key or protocol",
        "UnknownUserName": "SNMPv3 user unknown to the agent",
        "DecryptionError": "SNMPv3 decryption failed: wrong privacy key or protocol",
        "UnsupportedSecLevel": "SNMPv3 security level not supported by the agent",
        "UnknownEngineID": "SNMPv3 engine discovery failed",
        "NotInTimeWindow": "SNMPv3 message outside the time window",
    }
    return SnmpFailure(reasons.get(name, f"SNMPv3 error: {text}"))


def _from_pyasn1(value: Any) -> Value:
    tag = value.tagSet[0]
    code = tag.tagClass | tag.tagId  # the BER tag byte (primitive)
    if code in (ber.OCTET_STRING, ber.IP_ADDRESS, ber.OPAQUE):
        return Value(code, bytes(value.asOctets()))
    if code == ber.OBJECT_ID:
        return Value(code, str(value))
    if code in ber.NUMERIC_TAGS:
        return Value(code, int(value))
    return Value(code, None)


class UsmSession:
    """A v3 device reached through the loop's ``UsmEngine``."""

    def __init__(
        self,
        engine: UsmEngine,
        auth: SnmpCredential,
        target: V3Target,
        retries: int = 0,
        timeout: float | None = None,
    ) -> None:
        self.engine = engine
        self.auth = auth
        self.target = target
        self.retries = retries
        self.timeout = timeout  # None: the target's

    async def request(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Reply:
        for attempt in range(self.retries + 1):
            try:
                return await self._request(pdu, oids, non_repeaters, max_repetitions)
            except SnmpFailure as exc:
                if not exc.timeout or attempt == self.retries:
                    raise
        raise AssertionError("unreachable")

    async def _request(
        self, pdu: int, oids: Sequence[str], non_repeaters: int = 0, max_repetitions: int = 0
    ) -> Reply:
        try:
            ind, response = await self.engine.request(
                self.auth, self.target, pdu, oids, self.timeout, non_repeaters, max_repetitions
            )
        except Exception as exc:  # pysnmp raises its own PySnmpError family on bad input
            raise SnmpFailure(f"SNMPv3 request failed: {type(exc).__name__}: {exc}") from None
        if ind == "badResponse":
            raise SnmpFailure("response does not match the request (request-id)")
        if ind:
            raise _v3_error(ind)
        api = self.engine.api
        flat = tuple((str(name), _from_pyasn1(val)) for name, val in api.get_varbinds(response))
        return Reply(
            int(api.get_error_status(response)),
            int(api.get_error_index(response, muteErrors=True)),
            flat,
        )


# --- reading values -------------------------------------------------------------------------


async def get_scalars(session: Session, oids: Sequence[str], v1: bool) -> dict[str, Value]:
    """GET all ``oids`` in one request; split on tooBig; drop v1 noSuchName OIDs and retry.

    Returns every OID mapped to its value (noSuchObject for names a v1 agent refused).
    """
    out: dict[str, Value] = {}
    pending = [list(oids)]
    while pending:
        chunk = pending.pop()
        if not chunk:
            continue
        reply = await session.request(ber.GET, chunk)
        if reply.error_status == ber.TOO_BIG:
            if len(chunk) == 1:
                raise SnmpFailure(f"agent answered tooBig for the single OID {chunk[0]}")
            mid = len(chunk) // 2
            pending += [chunk[:mid], chunk[mid:]]
            continue
        if reply.error_status == ber.NO_SUCH_NAME and 1 <= reply.error_index <= len(chunk):
            bad = chunk[reply.error_index - 1]
            out[bad] = Value(ber.NO_SUCH_OBJECT, None)
            pending.append([o for o in chunk if o != bad])
            continue
        if reply.error_status:
            raise SnmpFailure(
                f"agent error {_status_name(reply.error_status)} (index {reply.error_index})"
            )
        if len(reply.varbinds) != len(chunk):
            raise SnmpFailure(f"agent returned {len(reply.varbinds)} values for {len(chunk)} OIDs")
        for asked, (name, value) in zip(chunk, reply.varbinds, strict=True):
            out[asked] = value if name == asked else Value(ber.NO_SUCH_INSTANCE, None)
    return out


def _status_name(status: int) -> str:
    return (
        ber.ERROR_STATUS[status]
        if 0 <= status < len(ber.ERROR_STATUS)
        else f"error-status {status}"
    )


def _oid_key(oid: str) -> tuple[int, ...]:
    return tuple(int(x) for x in oid.split("."))


async def walk_columns(
    session: Session, columns: Sequence[str], max_rows: int, use_bulk: bool
) -> tuple[dict[str, dict[str, Value]], bool]:
    """Walk table columns side by side; returns ({column: {index: value}}, used_bulk).

    GETBULK first (never on v1); an agent that mishandles it (error, empty or
    non-increasing answer, timeout after it answered the GET) is walked again with GETNEXT.
    """
    if use_bulk:
        try:
            return await _walk(session, columns, max_rows, bulk=True), True
        except _BulkMishandled as exc:
            log.info("GETBULK mishandled (%s); falling back to GETNEXT", exc)
    return await _walk(session, columns, max_rows, bulk=False), False


class _BulkMishandled(Exception):
    pass


async def _walk(
    session: Session, columns: Sequence[str], max_rows: int, bulk: bool
) -> dict[str, dict[str, Value]]:
    rows: dict[str, dict[str, Value]] = {c: {} for c in columns}
    cursors = {c: c for c in columns}
    active = list(columns)
    requests = 0
    while active:
        requests += 1
        if requests > max_rows + 10:
            raise SnmpFailure("table walk did not end (agent loops)")
        if bulk:
            reps = max(1, MAX_BULK_VARBINDS // len(active))
            try:
                reply = await session.request(ber.GETBULK, [cursors[c] for c in active], 0, reps)
            except SnmpFailure as exc:
                if exc.timeout:
                    raise _BulkMishandled("timeout on GETBULK") from None
                raise
            if reply.error_status or not reply.varbinds:
                raise _BulkMishandled(
                    f"GETBULK answered {_status_name(reply.error_status)} with {len(reply.varbinds)} values"
                )
        else:
            reply = await session.request(ber.GETNEXT, [cursors[c] for c in active])
            if reply.error_status == ber.NO_SUCH_NAME and 1 <= reply.error_index <= len(active):
                active.pop(reply.error_index - 1)  # v1 end of the MIB for that column
                continue
            if reply.error_status:
                raise SnmpFailure(f"table walk: agent error {_status_name(reply.error_status)}")
            if len(reply.varbinds) != len(active):
                raise SnmpFailure("table walk: wrong number of values in GETNEXT answer")
        done: set[str] = set()
        for i, (name, value) in enumerate(reply.varbinds):
            col = active[i % len(active)]
            if col in done:
                continue
            if value.tag == ber.END_OF_MIB_VIEW or not name.startswith(col + "."):
                done.add(col)
                continue
            if _oid_key(name) <= _oid_key(cursors[col]):
                if bulk:
                    raise _BulkMishandled("non-increasing OID in GETBULK answer")
                raise SnmpFailure(f"table walk: agent returned non-increasing OID {name}")
            rows[col][name[len(col) + 1 :]] = value
            cursors[col] = name
            if len(rows[col]) >= max_rows:
                done.add(col)
        active = [c for c in active if c not in done]
    return rows


# --- value conversion -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Converted:
    sample: Sample
    status: StatusReading | None = None


def _decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")  # Chinese devices still send GBK


def convert(spec: MetricSpec, value: Value, *, name: str | None = None, index: str | None = None,
            device_id: int = 0, counters: CounterTracker | None = None, at: float = 0.0,
            restarted: bool = False) -> _Converted:  # fmt: skip
    """Turn one raw value into a Sample (and a StatusReading for status metrics)."""
    metric = name or spec.key
    if value.tag in ber.EXCEPTION_TAGS:
        why = {ber.NO_SUCH_OBJECT: "noSuchObject: the agent does not implement",
               ber.NO_SUCH_INSTANCE: "noSuchInstance: no such instance of",
               ber.END_OF_MIB_VIEW: "endOfMibView at"}[value.tag]  # fmt: skip
        return _problem(spec, metric, index, f"{why} {spec.oid}")
    if spec.kind == "text":
        raw = value.value
        text = _decode_text(raw) if isinstance(raw, bytes) else str(raw)
        return _Converted(Sample(metric, None, text=text, index=index))
    if value.tag not in ber.NUMERIC_TAGS:
        shown = value.value
        if isinstance(shown, bytes):
            shown = _decode_text(shown)[:40]
        return _problem(spec, metric, index, f"expected a number, got {value.type_name} {shown!r}")
    raw_int = int(value.value)  # type: ignore[arg-type]
    if spec.kind == "status":
        state = spec.state_of(raw_int)
        if state is None:
            return _problem(spec, metric, index, f"unknown status value {raw_int}", code=raw_int)
        reading = StatusReading(
            metric, raw_int, state.state, state.severity, index, state.alarm or spec.rule
        )
        return _Converted(Sample(metric, float(raw_int), text=state.state, index=index), reading)
    if spec.kind == "counter":
        if counters is None:
            return _problem(spec, metric, index, "counter read without a tracker")
        bits = 64 if value.tag == ber.COUNTER64 else spec.counter_bits
        outcome = counters.update(device_id, metric, index, raw_int, at, bits, restarted)
        if outcome.rate is None:
            return _Converted(Sample(metric, None, index=index, problem=outcome.problem))
        number = outcome.rate * spec.scale
    else:
        number = raw_int * spec.scale
    if (
        not math.isfinite(number)
        or (spec.valid_min is not None and number < spec.valid_min)
        or (spec.valid_max is not None and number > spec.valid_max)
    ):
        lo = "-∞" if spec.valid_min is None else f"{spec.valid_min:g}"
        hi = "∞" if spec.valid_max is None else f"{spec.valid_max:g}"
        return _problem(
            spec, metric, index, f"absurd value {number:g} {spec.unit} (valid {lo}..{hi})"
        )
    return _Converted(Sample(metric, number, index=index))


def _problem(
    spec: MetricSpec, metric: str, index: str | None, reason: str, code: int | None = None
) -> _Converted:
    status = None
    if spec.kind == "status":
        status = StatusReading(metric, code, None, "unknown", index, spec.rule)
    return _Converted(Sample(metric, None, index=index, problem=reason), status)


# --- the poller -----------------------------------------------------------------------------


class SnmpPoller:
    """Polls one device at a time; concurrency and scheduling belong to ``scheduler.py``.

    Create it inside the event loop that will use it (its sockets and pysnmp engine belong
    to that loop); ``close()`` it at shutdown.

    Attributes:
        profiles: category code → Profile.
        counters: last raw counter values per device (for rates).
    """

    def __init__(
        self,
        profiles: Mapping[str, Profile],
        credentials: CredentialProvider,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
        rcvbuf: int = RCVBUF_BYTES,
    ) -> None:
        self.profiles = dict(profiles)
        self._provider = credentials
        self._creds = CycleCredentials(credentials)
        self._now = now
        self._mono = monotonic
        self._rcvbuf = rcvbuf
        self.counters = CounterTracker()
        self._udp = CommunityTransport(rcvbuf)
        self._usm: UsmEngine | None = None
        self._bulk_broken: set[int] = set()  # devices that mishandle GETBULK

    # lifecycle

    def begin_cycle(self) -> None:
        """Forget cached credentials: the secret store is asked again, once per name."""
        self._creds = CycleCredentials(self._provider)

    async def prepare(self, targets: Iterable[PollTarget]) -> int:
        """Register every v3 target with the engine before polling; returns how many."""
        n = 0
        for t in targets:
            if t.version != "v3" or not t.credential:
                continue
            cred = self._creds.get(t.credential)
            if isinstance(cred, str) or not cred.is_v3:
                continue
            try:
                host = await resolve(t.address, t.port)
                await self._engine().target(host, t.port, cred, t.timeout_s)
                n += 1
            except (SnmpFailure, OSError, KeyError):
                continue  # reported when the device is polled
        return n

    def _engine(self) -> UsmEngine:
        if self._usm is None:
            self._usm = UsmEngine(self._rcvbuf)
        return self._usm

    def close(self) -> None:
        self._udp.close()
        if self._usm is not None:
            self._usm.close()
            self._usm = None

    async def __aenter__(self) -> SnmpPoller:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    # polling

    async def poll(
        self,
        target: PollTarget,
        *,
        timeout_s: float | None = None,
        retries: int | None = None,
        lane: str = "main",
    ) -> PollResult:
        """Poll one device; every failure is returned as ``PollResult(ok=False, error=...)``."""
        started = self._mono()
        try:
            return await self._poll(target, timeout_s, retries, lane, started)
        except SnmpFailure as exc:
            return self._failed(target, exc.reason, started, lane)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never let one device stop the poller
            log.exception("unexpected error polling device %s", target.device_id)
            return self._failed(
                target, f"internal error: {type(exc).__name__}: {exc}", started, lane
            )

    def _failed(self, target: PollTarget, reason: str, started: float, lane: str) -> PollResult:
        return PollResult(
            target.device_id,
            False,
            self._now(),
            error=reason,
            latency_ms=(self._mono() - started) * 1000,
            lane=lane,
        )

    async def _poll(
        self,
        target: PollTarget,
        timeout_s: float | None,
        retries: int | None,
        lane: str,
        started: float,
    ) -> PollResult:
        profile = self.profiles.get(target.category)
        if profile is None:
            raise SnmpFailure(f"no profile for category {target.category!r}")
        timeout = target.timeout_s if timeout_s is None else timeout_s
        tries = target.retries if retries is None else retries
        if target.version == "none":
            probe = target.probe or profile.probe or ProbeSpec("icmp")
            return self._probe_result(
                target, await run_probe(target.address, probe, timeout * (tries + 1)), started, lane
            )
        session, v1 = await self._session(target, timeout, tries)
        scalar_oids = [m.oid for m in profile.metrics]
        if UPTIME_OID not in scalar_oids and any(m.kind == "counter" for m in profile.metrics):
            scalar_oids.append(UPTIME_OID)
        values = await get_scalars(session, scalar_oids, v1) if scalar_oids else {}
        latency = (self._mono() - started) * 1000
        at_mono = self._mono()
        uptime = values.get(UPTIME_OID)
        restarted = self.counters.note_uptime(
            target.device_id,
            uptime.value / 100
            if uptime and uptime.tag == ber.TIMETICKS and isinstance(uptime.value, int)
            else None,
        )
        samples: list[Sample] = []
        statuses: list[StatusReading] = []
        for spec in profile.metrics:
            out = convert(
                spec,
                values[spec.oid],
                device_id=target.device_id,
                counters=self.counters,
                at=at_mono,
                restarted=restarted,
            )
            samples.append(out.sample)
            if out.status:
                statuses.append(out.status)
        problems: list[str] = []
        for table in profile.tables:
            try:
                await self._walk_table(
                    target, session, v1, table, at_mono, restarted, samples, statuses
                )
            except SnmpFailure as exc:
                problems.append(f"table {table.key}: {exc.reason}")
        if target.probe is not None:
            probe = await run_probe(target.address, target.probe, timeout)
            samples.append(Sample("probe_rtt", probe.rtt_ms, problem=probe.error))
        problems += [
            f"{s.metric}{'[' + s.index + ']' if s.index else ''}: {s.problem}"
            for s in samples
            if s.problem and not s.problem.startswith("first reading")
        ]
        return PollResult(
            target.device_id,
            True,
            self._now(),
            tuple(samples),
            tuple(statuses),
            None,
            latency,
            lane,
            tuple(problems),
        )

    async def _walk_table(self, target: PollTarget, session: Session, v1: bool, table: TableSpec, at: float, restarted: bool,
                          samples: list[Sample], statuses: list[StatusReading]) -> None:  # fmt: skip
        use_bulk = not v1 and target.device_id not in self._bulk_broken
        columns, used_bulk = await walk_columns(
            session, [c.oid for c in table.columns], table.max_rows, use_bulk
        )
        if use_bulk and not used_bulk:
            self._bulk_broken.add(target.device_id)  # remember: no GETBULK for this agent
        for spec in table.columns:
            for index, value in columns[spec.oid].items():
                out = convert(spec, value, name=f"{table.key}.{spec.key}", index=index, device_id=target.device_id,
                              counters=self.counters, at=at, restarted=restarted)  # fmt: skip
                samples.append(out.sample)
                if out.status:
                    statuses.append(out.status)

    async def _session(
        self, target: PollTarget, timeout: float, retries: int
    ) -> tuple[Session, bool]:
        if target.version not in ("v1", "v2c", "v3"):
            raise SnmpFailure(f"unknown SNMP version {target.version!r}")
        if not target.credential:
            raise SnmpFailure("no SNMP credential configured")
        cred = self._creds.get(target.credential)
        if isinstance(cred, str):
            raise SnmpFailure(cred)
        host = await resolve(target.address, target.port)
        if target.version == "v3":
            if not cred.is_v3:
                raise SnmpFailure(
                    f"credential {target.credential!r} is a community, but the device is set to SNMPv3"
                )
            auth, tgt = await self._engine().target(host, target.port, cred, timeout)
            return UsmSession(self._engine(), auth, tgt, retries, timeout), False
        if cred.community is None:
            raise SnmpFailure(
                f"credential {target.credential!r} is an SNMPv3 user, but the device is set to {target.version}"
            )
        version = ber.V1 if target.version == "v1" else ber.V2C
        return CommunitySession(
            self._udp, host, target.port, version, cred.community, timeout, retries
        ), version == ber.V1

    def _probe_result(
        self, target: PollTarget, probe: ProbeResult, started: float, lane: str
    ) -> PollResult:
        sample = Sample("probe_rtt", probe.rtt_ms, problem=probe.error)
        return PollResult(
            target.device_id,
            probe.ok,
            self._now(),
            (sample,),
            (),
            probe.error,
            (self._mono() - started) * 1000,
            lane,
        )


async def resolve(address: str, port: int) -> str:
    """Return an IP literal for ``address``; a name that does not resolve is an SnmpFailure."""
    try:
        return str(ipaddress.ip_address(address.strip("[]")))
    except ValueError:
        pass
    if not address or len(address) > 253:
        raise SnmpFailure(f"invalid address {address!r}")
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(address, port, type=socket.SOCK_DGRAM), 5)
    except (OSError, TimeoutError, UnicodeError) as exc:
        raise SnmpFailure(f"cannot resolve host name {address!r}: {exc}") from None
    if not infos:
        raise SnmpFailure(f"cannot resolve host name {address!r}")
    infos.sort(key=lambda i: i[0] != socket.AF_INET)  # prefer IPv4
    return str(infos[0][4][0])
