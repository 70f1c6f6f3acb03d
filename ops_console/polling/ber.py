"""A minimal BER codec for SNMP PDUs and v1/v2c messages: GET, GETNEXT, GETBULK, responses, traps.

Why our own: pysnmp's v1arch/v3arch paths cost 0.5–1 ms of CPU per request and ~24 KB per
target (ENVIRONMENT.md); a v1/v2c message is a few nested TLVs, which this module encodes
and decodes in a few microseconds. Every decoding error raises ``BerError`` with a reason.
The SNMPv3 message wrapper and its security (USM) live in ``usm.py``, which reuses the PDU
half of this codec (``encode_request_pdu``, ``encode_pdu_only``, ``decode_pdu``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

# Universal and SNMP application tags
INTEGER = 0x02
OCTET_STRING = 0x04
NULL = 0x05
OBJECT_ID = 0x06
SEQUENCE = 0x30
IP_ADDRESS = 0x40
COUNTER32 = 0x41
GAUGE32 = 0x42
TIMETICKS = 0x43
OPAQUE = 0x44
COUNTER64 = 0x46
NO_SUCH_OBJECT = 0x80
NO_SUCH_INSTANCE = 0x81
END_OF_MIB_VIEW = 0x82

# PDU tags
GET = 0xA0
GETNEXT = 0xA1
RESPONSE = 0xA2
SET = 0xA3
TRAP_V1 = 0xA4
GETBULK = 0xA5
INFORM = 0xA6
TRAP_V2 = 0xA7
REPORT = 0xA8

V1 = 0
V2C = 1
V3 = 3

TAG_NAMES = {
    INTEGER: "INTEGER",
    OCTET_STRING: "OCTET STRING",
    NULL: "NULL",
    OBJECT_ID: "OBJECT IDENTIFIER",
    IP_ADDRESS: "IpAddress",
    COUNTER32: "Counter32",
    GAUGE32: "Gauge32",
    TIMETICKS: "TimeTicks",
    OPAQUE: "Opaque",
    COUNTER64: "Counter64",
    NO_SUCH_OBJECT: "noSuchObject",
    NO_SUCH_INSTANCE: "noSuchInstance",
    END_OF_MIB_VIEW: "endOfMibView",
}
NUMERIC_TAGS = frozenset({INTEGER, COUNTER32, GAUGE32, TIMETICKS, COUNTER64})
EXCEPTION_TAGS = frozenset({NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW})

ERROR_STATUS = (
    "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
    "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
    "inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed",
    "authorizationError", "notWritable", "inconsistentName",
)  # fmt: skip
TOO_BIG = 1
NO_SUCH_NAME = 2


class BerError(ValueError):
    """A message that is not valid BER/SNMP; the text says what is wrong."""


class Value(NamedTuple):
    """A decoded varbind value: its BER tag and a Python value (int, bytes, str OID, None).

    A named tuple, not a frozen dataclass: one is built per value decoded, and a tuple is
    built in a third of the time (immutable, hashable and picklable all the same).
    """

    tag: int
    value: int | bytes | str | None

    @property
    def type_name(self) -> str:
        return TAG_NAMES.get(self.tag, f"tag 0x{self.tag:02x}")


class Pdu(NamedTuple):
    """A decoded v1/v2c message.

    For a v1 trap, ``enterprise``, ``agent_addr``, ``generic``, ``specific`` and ``timestamp``
    are set and ``request_id`` is 0.
    """

    version: int
    community: bytes
    tag: int
    request_id: int
    error_status: int
    error_index: int
    varbinds: tuple[tuple[str, Value], ...]
    enterprise: str | None = None
    agent_addr: str | None = None
    generic: int | None = None
    specific: int | None = None
    timestamp: int | None = None


class Response(NamedTuple):
    """A decoded v1/v2c response as the poller reads it: OID names left as their BER bytes.

    ``oids[i]`` is the body of the i-th varbind's OBJECT IDENTIFIER (``oid_body`` of the
    dotted name); the poller matches them against the OIDs it asked for without ever
    writing a dotted string. ``dotted(oids[i])`` gives the name as text.
    """

    version: int
    community: bytes
    tag: int
    request_id: int
    error_status: int
    error_index: int
    oids: tuple[bytes, ...]
    values: tuple[Value, ...]


# --- encoding -------------------------------------------------------------------------------


def _len(n: int) -> bytes:
    if n < 0x80:
        return bytes((n,))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(body),)) + body


def tlv(tag: int, body: bytes) -> bytes:
    return bytes((tag,)) + _len(len(body)) + body


def enc_int(n: int, tag: int = INTEGER) -> bytes:
    size = max(1, (n.bit_length() + 8) // 8)
    return tlv(tag, n.to_bytes(size, "big", signed=True))


def enc_unsigned(n: int, tag: int) -> bytes:
    size = max(1, (n.bit_length() + 8) // 8)  # leading 0 byte keeps the high bit unsigned
    return tlv(tag, n.to_bytes(size, "big", signed=False))


_OID_CACHE: dict[str, bytes] = {}


def enc_oid(oid: str) -> bytes:
    """Encode a dotted numeric OID (cached: pollers encode the same few OIDs all day)."""
    hit = _OID_CACHE.get(oid)
    if hit is not None:
        return hit
    try:
        arcs = [int(x) for x in oid.strip(".").split(".")]
    except ValueError:
        raise BerError(f"not a numeric OID: {oid!r}") from None
    if len(arcs) < 2 or arcs[0] > 2 or (arcs[0] < 2 and arcs[1] > 39) or min(arcs) < 0:
        raise BerError(f"not a valid OID: {oid!r}")
    out = bytearray()
    for arc in [arcs[0] * 40 + arcs[1], *arcs[2:]]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        out.extend(reversed(chunk))
    encoded = tlv(OBJECT_ID, bytes(out))
    if len(_OID_CACHE) < 100_000:
        _OID_CACHE[oid] = encoded
    return encoded


_BODY_CACHE: dict[str, bytes] = {}


def oid_body(oid: str) -> bytes:
    """The BER body of a dotted OID (no tag, no length): what a reply's ``oids`` hold (cached)."""
    hit = _BODY_CACHE.get(oid)
    if hit is not None:
        return hit
    encoded = enc_oid(oid)
    _, start, stop = read_tlv(encoded, 0, len(encoded))
    body = encoded[start:stop]
    if len(_BODY_CACHE) < 100_000:
        _BODY_CACHE[oid] = body
    return body


def enc_value(value: Value) -> bytes:
    tag, v = value.tag, value.value
    if tag == INTEGER:
        return enc_int(int(v or 0))
    if tag in (COUNTER32, GAUGE32, TIMETICKS, COUNTER64):
        return enc_unsigned(int(v or 0), tag)
    if tag == OBJECT_ID:
        return enc_oid(str(v))
    if tag in (OCTET_STRING, IP_ADDRESS, OPAQUE):
        return tlv(tag, v if isinstance(v, bytes) else str(v or "").encode())
    return tlv(tag, b"")


def encode_request_pdu(
    tag: int,
    request_id: int,
    oids: Sequence[str],
    non_repeaters: int = 0,
    max_repetitions: int = 0,
) -> bytes:
    """Encode the PDU of a GET / GETNEXT / GETBULK request (NULL values), without a wrapper."""
    return tlv(tag, enc_int(request_id) + _request_tail(tag, oids, non_repeaters, max_repetitions))


def _request_tail(tag: int, oids: Sequence[str], non_repeaters: int, max_repetitions: int) -> bytes:
    """A request PDU's body after the request-id: the two integers (error status and index,
    or GETBULK's non-repeaters and max-repetitions) and the varbinds with NULL values."""
    vbs = b"".join(tlv(SEQUENCE, enc_oid(o) + b"\x05\x00") for o in oids)
    if tag == GETBULK:
        fields = enc_int(non_repeaters) + enc_int(max_repetitions)
    else:
        fields = b"\x02\x01\x00\x02\x01\x00"
    return fields + tlv(SEQUENCE, vbs)


class RequestTemplate:
    """One v1/v2c request message, encoded once; ``message(rid)`` re-encodes only the request-id.

    Everything but the request-id is fixed for a device's GET of its profile's OIDs, so the
    bytes before and after it are built once; the lengths in front of it depend only on the
    request-id's length (1 to 5 bytes), so there is one prefix for each. The result is
    byte for byte what ``encode_request`` builds (BER's shortest lengths and integers).
    """

    __slots__ = ("_prefixes", "_tail")

    def __init__(
        self,
        version: int,
        community: bytes,
        tag: int,
        oids: Sequence[str],
        non_repeaters: int = 0,
        max_repetitions: int = 0,
    ) -> None:
        self._tail = _request_tail(tag, oids, non_repeaters, max_repetitions)
        head = enc_int(version) + tlv(OCTET_STRING, community)
        self._prefixes: list[bytes] = [b""]
        for size in range(1, 6):
            pdu_len = 2 + size + len(self._tail)
            pdu_head = bytes((tag,)) + _len(pdu_len)
            msg_len = len(head) + len(pdu_head) + pdu_len
            self._prefixes.append(
                bytes((SEQUENCE,)) + _len(msg_len) + head + pdu_head + bytes((INTEGER, size))
            )

    def message(self, request_id: int) -> bytes:
        size = max(1, (request_id.bit_length() + 8) // 8)
        return self._prefixes[size] + request_id.to_bytes(size, "big", signed=True) + self._tail


def encode_request(
    version: int,
    community: bytes,
    tag: int,
    request_id: int,
    oids: Sequence[str],
    non_repeaters: int = 0,
    max_repetitions: int = 0,
) -> bytes:
    """Encode a v1/v2c GET / GETNEXT / GETBULK request message."""
    pdu = encode_request_pdu(tag, request_id, oids, non_repeaters, max_repetitions)
    return tlv(SEQUENCE, enc_int(version) + tlv(OCTET_STRING, community) + pdu)


def encode_pdu_only(
    tag: int,
    request_id: int,
    varbinds: tuple[tuple[str, Value], ...],
    error_status: int = 0,
    error_index: int = 0,
) -> bytes:
    """Encode a v2-style PDU with values, without a message wrapper (for SNMPv3)."""
    vbs = b"".join(tlv(SEQUENCE, enc_oid(o) + enc_value(v)) for o, v in varbinds)
    return tlv(
        tag, enc_int(request_id) + enc_int(error_status) + enc_int(error_index) + tlv(SEQUENCE, vbs)
    )


def encode_pdu(
    version: int,
    community: bytes,
    tag: int,
    request_id: int,
    varbinds: tuple[tuple[str, Value], ...],
    error_status: int = 0,
    error_index: int = 0,
) -> bytes:
    """Encode a v1/v2c message with a v2-style PDU (a response to an inform, a test trap)."""
    pdu = encode_pdu_only(tag, request_id, varbinds, error_status, error_index)
    return tlv(SEQUENCE, enc_int(version) + tlv(OCTET_STRING, community) + pdu)


# --- decoding -------------------------------------------------------------------------------


def read_tlv(data: bytes, pos: int, end: int) -> tuple[int, int, int]:
    """Read one TLV header at ``pos``: return (tag, body start, body end)."""
    if pos + 2 > end:
        raise BerError("truncated: header past the end")
    tag = data[pos]
    if tag & 0x1F == 0x1F:
        raise BerError("multi-byte tags are not used by SNMP")
    n = data[pos + 1]
    pos += 2
    if n & 0x80:
        k = n & 0x7F
        if k == 0 or k > 4 or pos + k > end:
            raise BerError("bad or indefinite length")
        n = int.from_bytes(data[pos : pos + k], "big")
        pos += k
    if pos + n > end:
        raise BerError(f"truncated: {n}-byte value runs past the end")
    return tag, pos, pos + n


def expect_tlv(data: bytes, pos: int, end: int, tag: int, what: str) -> tuple[int, int]:
    t, start, stop = read_tlv(data, pos, end)
    if t != tag:
        raise BerError(f"{what}: expected tag 0x{tag:02x}, got 0x{t:02x}")
    return start, stop


def dec_int(data: bytes, start: int, stop: int) -> int:
    if stop == start:
        raise BerError("empty INTEGER")
    if stop - start > 9:
        raise BerError("INTEGER too long")
    return int.from_bytes(data[start:stop], "big", signed=True)


_DOTTED: dict[bytes, str] = {}


def dotted(body: bytes) -> str:
    """``dec_oid`` with a cache: a poller reads the same few names all day."""
    hit = _DOTTED.get(body)
    if hit is None:
        hit = dec_oid(body)
        if len(_DOTTED) < 100_000:
            _DOTTED[body] = hit
    return hit


def dec_oid(body: bytes) -> str:
    if not body:
        raise BerError("empty OBJECT IDENTIFIER")
    arcs: list[int] = []
    acc = 0
    for b in body:
        acc = (acc << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(acc)
            acc = 0
    if body[-1] & 0x80:
        raise BerError("OBJECT IDENTIFIER ends mid-arc")
    first = arcs[0]
    head = [0, first] if first < 40 else [1, first - 40] if first < 80 else [2, first - 80]
    return ".".join(map(str, head + arcs[1:]))


_new = tuple.__new__  # Value(tag, v) without the named tuple's Python-level __new__


def _value(data: bytes, tag: int, start: int, stop: int) -> Value:
    if tag == INTEGER:
        return _new(Value, (tag, dec_int(data, start, stop)))
    body = data[start:stop]
    if tag in (COUNTER32, GAUGE32, TIMETICKS, COUNTER64):
        if not body or len(body) > 9:
            raise BerError(f"bad {TAG_NAMES[tag]} length {len(body)}")
        return _new(Value, (tag, int.from_bytes(body, "big", signed=False)))
    if tag == OBJECT_ID:
        return Value(tag, dec_oid(body))
    if tag == IP_ADDRESS:
        if len(body) != 4:
            raise BerError("IpAddress must be 4 bytes")
        return Value(tag, body)
    if tag in (OCTET_STRING, OPAQUE):
        return Value(tag, body)
    if tag in (NULL, NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW):
        return Value(tag, None)
    raise BerError(f"unknown value tag 0x{tag:02x}")


def _varbinds_raw(data: bytes, pos: int, end: int) -> tuple[list[bytes], list[Value]]:
    """The varbind list at ``pos``: names as OID bodies (bytes), values decoded."""
    start, stop = expect_tlv(data, pos, end, SEQUENCE, "varbind list")
    names: list[bytes] = []
    values: list[Value] = []
    p = start
    while p < stop:
        # the common case inline: a varbind and its name with one-byte lengths
        if data[p] == SEQUENCE and data[p + 1] < 0x80 and data[p + 2] == OBJECT_ID:
            vb_stop = p + 2 + data[p + 1]
            o_stop = p + 4 + data[p + 3]
            if data[p + 3] >= 0x80 or vb_stop > stop or o_stop > vb_stop:
                vb_start, vb_stop = expect_tlv(data, p, stop, SEQUENCE, "varbind")
                o_start, o_stop = expect_tlv(data, vb_start, vb_stop, OBJECT_ID, "varbind name")
            else:
                o_start = p + 4
        else:
            vb_start, vb_stop = expect_tlv(data, p, stop, SEQUENCE, "varbind")
            o_start, o_stop = expect_tlv(data, vb_start, vb_stop, OBJECT_ID, "varbind name")
        name = data[o_start:o_stop]
        if not name:
            raise BerError("empty OBJECT IDENTIFIER")
        if name[-1] & 0x80:
            raise BerError("OBJECT IDENTIFIER ends mid-arc")
        tag, v_start, v_stop = read_tlv(data, o_stop, vb_stop)
        names.append(name)
        values.append(_value(data, tag, v_start, v_stop))
        p = vb_stop
    return names, values


def _varbinds(data: bytes, pos: int, end: int) -> tuple[tuple[str, Value], ...]:
    names, values = _varbinds_raw(data, pos, end)
    return tuple(zip(map(dotted, names), values, strict=True))


def decode_message(data: bytes) -> Pdu:
    """Decode a v1/v2c message; SNMPv3 messages raise ``BerError('SNMPv3 ...')``."""
    try:
        return _decode(data)
    except BerError:
        raise
    except (IndexError, ValueError, OverflowError) as exc:
        raise BerError(f"malformed message: {exc}") from None


def _decode(data: bytes) -> Pdu:
    version, c_start, c_stop, m_stop = _header(data)
    return _pdu(data, c_stop, m_stop, version, data[c_start:c_stop])


def _header(data: bytes) -> tuple[int, int, int, int]:
    """A v1/v2c message's header: its version, where its community starts and ends (the PDU
    follows it), and where the message ends."""
    m_start, m_stop = expect_tlv(data, 0, len(data), SEQUENCE, "message")
    v_start, v_stop = expect_tlv(data, m_start, m_stop, INTEGER, "version")
    version = dec_int(data, v_start, v_stop)
    if version not in (V1, V2C):
        if version == V3:
            raise BerError("SNMPv3 message (handled by usm.py, not this codec)")
        raise BerError(f"unknown SNMP version {version}")
    c_start, c_stop = expect_tlv(data, v_stop, m_stop, OCTET_STRING, "community")
    return version, c_start, c_stop, m_stop


def _request_ids(data: bytes, start: int, stop: int) -> tuple[int, int, int, int]:
    """A (non-trap-v1) PDU's request-id, error-status and error-index, from the PDU body's
    ``start``, and where its varbind list starts."""
    r_start, r_stop = expect_tlv(data, start, stop, INTEGER, "request-id")
    e_start, e_stop = expect_tlv(data, r_stop, stop, INTEGER, "error-status")
    i_start, i_stop = expect_tlv(data, e_stop, stop, INTEGER, "error-index")
    return (
        dec_int(data, r_start, r_stop),
        dec_int(data, e_start, e_stop),
        dec_int(data, i_start, i_stop),
        i_stop,
    )


def decode_response(data: bytes) -> Response:
    """Decode a v1/v2c message for the poller: like ``decode_message``, names left as bytes."""
    try:
        version, c_start, c_stop, m_stop = _header(data)
        tag, p_start, p_stop = read_tlv(data, c_stop, m_stop)
        if tag == TRAP_V1 or tag not in _REQUEST_TAGS:
            raise BerError(f"unexpected PDU tag 0x{tag:02x} in a reply")
        request_id, error_status, error_index, vb_start = _request_ids(data, p_start, p_stop)
        names, values = _varbinds_raw(data, vb_start, p_stop)
        fields = (
            version,
            data[c_start:c_stop],
            tag,
            request_id,
            error_status,
            error_index,
            tuple(names),
            tuple(values),
        )
        return _new(Response, fields)
    except BerError:
        raise
    except (IndexError, ValueError, OverflowError) as exc:
        raise BerError(f"malformed message: {exc}") from None


def decode_pdu(data: bytes, pos: int, end: int, version: int = V3) -> Pdu:
    """Decode the PDU that starts at ``pos`` (an SNMPv3 scoped PDU's data); ``community`` is empty."""
    try:
        return _pdu(data, pos, end, version, b"")
    except BerError:
        raise
    except (IndexError, ValueError, OverflowError) as exc:
        raise BerError(f"malformed PDU: {exc}") from None


_REQUEST_TAGS = frozenset({GET, GETNEXT, RESPONSE, SET, GETBULK, INFORM, TRAP_V2, REPORT})


def _pdu(data: bytes, pos: int, end: int, version: int, community: bytes) -> Pdu:
    tag, p_start, p_stop = read_tlv(data, pos, end)
    if tag == TRAP_V1:
        e_start, e_stop = expect_tlv(data, p_start, p_stop, OBJECT_ID, "enterprise")
        a_start, a_stop = expect_tlv(data, e_stop, p_stop, IP_ADDRESS, "agent-addr")
        g_start, g_stop = expect_tlv(data, a_stop, p_stop, INTEGER, "generic-trap")
        s_start, s_stop = expect_tlv(data, g_stop, p_stop, INTEGER, "specific-trap")
        t_start, t_stop = expect_tlv(data, s_stop, p_stop, TIMETICKS, "time-stamp")
        addr = data[a_start:a_stop]
        return Pdu(
            version=version,
            community=community,
            tag=tag,
            request_id=0,
            error_status=0,
            error_index=0,
            varbinds=_varbinds(data, t_stop, p_stop),
            enterprise=dec_oid(data[e_start:e_stop]),
            agent_addr=".".join(str(b) for b in addr) if len(addr) == 4 else "",
            generic=dec_int(data, g_start, g_stop),
            specific=dec_int(data, s_start, s_stop),
            timestamp=int.from_bytes(data[t_start:t_stop], "big"),
        )
    if tag not in _REQUEST_TAGS:
        raise BerError(f"unknown PDU tag 0x{tag:02x}")
    request_id, error_status, error_index, vb_start = _request_ids(data, p_start, p_stop)
    return Pdu(
        version=version,
        community=community,
        tag=tag,
        request_id=request_id,
        error_status=error_status,
        error_index=error_index,
        varbinds=_varbinds(data, vb_start, p_stop),
    )


def peek_request_id(data: bytes) -> int | None:
    """Return the id a reply is matched by, cheaply, or ``None`` if it is not a reply.

    v1/v2c: the request-id of a Response PDU. SNMPv3: the msgID of the header (the PDU may be
    encrypted; the v3 client uses one number for both, and reports carry the msgID).
    """
    try:
        end = len(data)
        _, m_start, m_stop = read_tlv(data, 0, end)
        t, v_start, v_stop = read_tlv(data, m_start, m_stop)
        if t == INTEGER and data[v_start:v_stop] == b"\x03":
            _, h_start, h_stop = read_tlv(data, v_stop, m_stop)
            t, i_start, i_stop = read_tlv(data, h_start, h_stop)
            return dec_int(data, i_start, i_stop) if t == INTEGER else None
        _, _, c_stop = read_tlv(data, v_stop, m_stop)
        tag, p_start, p_stop = read_tlv(data, c_stop, m_stop)
        if tag != RESPONSE:
            return None
        t, r_start, r_stop = read_tlv(data, p_start, p_stop)
        return dec_int(data, r_start, r_stop) if t == INTEGER else None
    except (BerError, IndexError):
        return None
