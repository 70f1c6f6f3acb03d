"""SNMPv3 through pysnmp 7, for the one privacy protocol ``usm.py`` does not implement: 3DES.

Our own USM (``usm.py``, ``usm_client.py``) covers every auth protocol, DES and
AES-128/192/256. 3DES-EDE (draft-reeder-snmpv3-usm-3desede, found on Cisco gear) needs a
key extension of its own that net-snmp does not speak, so it could not be tested against a
real agent here; pysnmp implements it, and stays for it (the path is tested against snmpd
with DES and AES credentials, ``test_snmp_v3_engine.py``). Measured
before the own USM took over (2,000 devices, authPriv SHA/AES): first cycle 200–400
devices/s, steady state 540–680 devices/s.

pysnmp is driven below hlapi (``UsmEngine``): one USM user per credential, one UDP
transport, requests handed to the engine's message dispatcher with pre-built numeric
var-binds. hlapi's ``get_cmd`` resolved every OID through a MIB view even with
``lookupMib=False`` and needed an SNMP-TARGET-MIB row per device (~2 ms, ~24 KB each).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.errors import ErrorKind
from ops_console.polling.transport import RCVBUF_BYTES, Reply, SnmpFailure

_AUTH = {"MD5": "USM_AUTH_HMAC96_MD5", "SHA": "USM_AUTH_HMAC96_SHA", "SHA224": "USM_AUTH_HMAC128_SHA224",
         "SHA256": "USM_AUTH_HMAC192_SHA256", "SHA384": "USM_AUTH_HMAC256_SHA384", "SHA512": "USM_AUTH_HMAC384_SHA512"}  # fmt: skip
_PRIV = {"DES": "USM_PRIV_CBC56_DES", "3DES": "USM_PRIV_CBC168_3DES", "AES": "USM_PRIV_CFB128_AES",
         "AES192": "USM_PRIV_CFB192_AES", "AES256": "USM_PRIV_CFB256_AES"}  # fmt: skip


class _Tag(Protocol):
    """A pyasn1 tag: its class and number (the BER tag byte of a primitive, or-ed)."""

    tagClass: int
    tagId: int


class _Asn1Value(Protocol):
    """What ``_from_pyasn1`` reads of a pyasn1 value in a response's var-bind."""

    @property
    def tagSet(self) -> Sequence[_Tag]: ...

    def asOctets(self) -> bytes: ...

    def __int__(self) -> int: ...


# (transport domain, transport address) as pysnmp's dispatcher takes them
_Address: TypeAlias = tuple[tuple[int, ...], tuple[object, ...]]
# what _send hands to pysnmp with a request and gets back in _on_response: the request PDU,
# the user and level, the address, the timeout in ticks, the caller's future, discoveries
_SendContext: TypeAlias = tuple[
    object, object, int, _Address, float, "asyncio.Future[tuple[Any, Any]]", int
]


@dataclass(frozen=True)
class V3Target:
    """Where and how long to ask: a transport domain and address, and the timeout."""

    domain: tuple[int, ...]
    address: tuple[object, ...]
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

    def _send(self, pdu: object, user: object, level: int, address: _Address, ticks: float,
              fut: asyncio.Future[tuple[Any, Any]], discoveries: int) -> None:  # fmt: skip
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

    def _on_response(self, engine: object, mp_model: object, sec_model: object,
                     sec_name: object, sec_level: object, context_engine_id: object,
                     context_name: object, pdu_version: object, response: object,
                     status: Mapping[str, object] | None, handle: object,
                     ctx: _SendContext) -> None:  # fmt: skip
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


def _v3_error(indication: object) -> SnmpFailure:
    name = type(indication).__name__
    text = str(indication)
    if name == "RequestTimedOut":
        return SnmpFailure(
            "no response (timeout): host down, not an SNMP agent, or wrong SNMPv3 privacy key",
            timeout=True,
            code="poll.timeout_v3",
        )
    reasons = {
        "WrongDigest": ("SNMPv3 authentication failed: wrong auth key or protocol", "wrong_digest"),
        "UnknownUserName": ("SNMPv3 user unknown to the agent", "unknown_user"),
        "DecryptionError": (
            "SNMPv3 decryption failed: wrong privacy key or protocol",
            "decryption",
        ),
        "UnsupportedSecLevel": (
            "SNMPv3 security level not supported by the agent",
            "security_level",
        ),
        "UnknownEngineID": ("SNMPv3 engine discovery failed", "engine"),
        "NotInTimeWindow": ("SNMPv3 message outside the time window", "time_window"),
    }
    if name in reasons:
        reason, code = reasons[name]
        return SnmpFailure(reason, kind=ErrorKind.AUTH, code=f"poll.v3_{code}")
    return SnmpFailure(f"SNMPv3 error: {text}", kind=ErrorKind.AUTH)


def _from_pyasn1(value: _Asn1Value) -> Value:
    tag = value.tagSet[0]
    code = tag.tagClass | tag.tagId  # the BER tag byte (primitive)
    if code in (ber.OCTET_STRING, ber.IP_ADDRESS, ber.OPAQUE):
        return Value(code, bytes(value.asOctets()))
    if code == ber.OBJECT_ID:
        return Value(code, str(value))
    if code in ber.NUMERIC_TAGS:
        return Value(code, int(value))
    return Value(code, None)


class PysnmpUsmSession:
    """A v3 device reached through the loop's pysnmp ``UsmEngine``."""

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
        return Reply.of(
            int(api.get_error_status(response)),
            int(api.get_error_index(response, muteErrors=True)),
            flat,
        )
