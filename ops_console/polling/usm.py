"""SNMPv3 messages and the User-based Security Model, without I/O.

RFC 3412 message format, RFC 3414 USM (password to key, key localisation, HMAC-MD5-96 and
HMAC-SHA-96, CBC-DES privacy, the time window), RFC 7860 HMAC-SHA-2, RFC 3826 AES-128-CFB
privacy, and AES-192/256-CFB with the key extension of draft-blumenthal-aes-usm-04 (what
net-snmp calls AES192/AES256; Cisco's "Reeder" extension is not supported). The PDU inside
is encoded by ``ber.py``. Used by the poller's v3 client (``usm_client.py``) and by the
trap receiver (``trap_v3.py``); only 3DES stays with pysnmp (``pysnmp_usm.py``).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.modes import CBC

try:  # CFB and DES moved to the "decrepit" package (cryptography 43/47); the RFCs specify them
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    from cryptography.hazmat.decrepit.ciphers.modes import CFB
except ImportError:  # pragma: no cover - older cryptography
    from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
    from cryptography.hazmat.primitives.ciphers.modes import CFB

from ops_console.polling import ber
from ops_console.polling.credentials import SnmpCredential

USM_SECURITY_MODEL = 3
MAX_MESSAGE_SIZE = 65507
FLAG_AUTH = 0x01
FLAG_PRIV = 0x02
FLAG_REPORTABLE = 0x04
TIME_WINDOW_S = 150  # RFC 3414 §3.2.7
MAX_BOOTS = 2**31 - 1

# (hash name, truncated MAC length) per auth protocol; RFC 3414 and RFC 7860
AUTH_PROTOCOLS = {
    "MD5": ("md5", 12),
    "SHA": ("sha1", 12),
    "SHA224": ("sha224", 16),
    "SHA256": ("sha256", 24),
    "SHA384": ("sha384", 32),
    "SHA512": ("sha512", 48),
}
# key material per privacy protocol: AES-CFB keys; DES takes a key and a pre-IV of 8 octets each
PRIV_PROTOCOLS = {"DES": 16, "AES": 16, "AES192": 24, "AES256": 32}

# usmStats counters an agent reports (RFC 3414 §5) → the poll error recorded
USM_STATS = "1.3.6.1.6.3.15.1.1."
UNSUPPORTED_SEC_LEVELS = USM_STATS + "1.0"
NOT_IN_TIME_WINDOWS = USM_STATS + "2.0"
UNKNOWN_USER_NAMES = USM_STATS + "3.0"
UNKNOWN_ENGINE_IDS = USM_STATS + "4.0"
WRONG_DIGESTS = USM_STATS + "5.0"
DECRYPTION_ERRORS = USM_STATS + "6.0"
REPORT_REASONS = {
    UNSUPPORTED_SEC_LEVELS: "SNMPv3 security level not supported by the agent for this user "
    "(usmStatsUnsupportedSecLevels)",
    NOT_IN_TIME_WINDOWS: "SNMPv3 message outside the agent's time window (usmStatsNotInTimeWindows)",
    UNKNOWN_USER_NAMES: "SNMPv3 user unknown to the agent (usmStatsUnknownUserNames)",
    UNKNOWN_ENGINE_IDS: "SNMPv3 engine ID unknown to the agent (usmStatsUnknownEngineIDs)",
    WRONG_DIGESTS: "SNMPv3 authentication failed: wrong auth key or protocol (usmStatsWrongDigests)",
    DECRYPTION_ERRORS: "SNMPv3 decryption failed: wrong privacy key or protocol "
    "(usmStatsDecryptionErrors)",
}
# the same reasons as message codes (resources/messages.toml)
REPORT_CODES = {
    UNSUPPORTED_SEC_LEVELS: "poll.v3_security_level",
    NOT_IN_TIME_WINDOWS: "poll.v3_time_window",
    UNKNOWN_USER_NAMES: "poll.v3_unknown_user",
    UNKNOWN_ENGINE_IDS: "poll.v3_engine",
    WRONG_DIGESTS: "poll.v3_wrong_digest",
    DECRYPTION_ERRORS: "poll.v3_decryption",
}
SNMP_UNKNOWN_PDU_HANDLERS = "1.3.6.1.6.3.11.2.1.3.0"
SNMP_UNKNOWN_CONTEXTS = "1.3.6.1.6.3.12.1.5.0"
SNMP_UNAVAILABLE_CONTEXTS = "1.3.6.1.6.3.12.1.4.0"
SNMP_INVALID_MSGS = "1.3.6.1.6.3.11.2.1.2.0"
SNMP_UNKNOWN_SECURITY_MODELS = "1.3.6.1.6.3.11.2.1.1.0"


class UsmError(ValueError):
    """A v3 message that cannot be accepted; the text says why (a recorded reason)."""


def implemented(cred: SnmpCredential) -> bool:
    """Whether this module handles ``cred``'s protocols (else pysnmp's USM does)."""
    auth = (cred.auth_proto or "").upper()
    priv = (cred.priv_proto or "").upper()
    return (not auth or auth in AUTH_PROTOCOLS) and (not priv or priv in PRIV_PROTOCOLS)


# --- keys -----------------------------------------------------------------------------------


def password_to_key(password: bytes, hash_name: str) -> bytes:
    """RFC 3414 A.2: hash 1 MiB of the repeated pass phrase (Ku)."""
    if not password:
        raise UsmError("empty SNMPv3 pass phrase")
    total = 1_048_576
    repeated = password * (total // len(password) + 1)
    return hashlib.new(hash_name, repeated[:total]).digest()


def localize_key(ku: bytes, engine_id: bytes, hash_name: str) -> bytes:
    """RFC 3414 §2.6: Kul = H(Ku || snmpEngineID || Ku)."""
    return hashlib.new(hash_name, ku + engine_id + ku).digest()


@dataclass(frozen=True)
class UserKeys:
    """A v3 user's keys localised for one engine ID."""

    auth: bytes | None
    priv: bytes | None


class UsmUser:
    """One configured v3 credential: its protocols, master keys (hashed once) and localised keys.

    Attributes:
        name: the user name as sent on the wire.
        level: FLAG_AUTH / FLAG_PRIV bits this user sends with.
    """

    _LOCALISED_MAX = 65_536

    def __init__(self, cred: SnmpCredential) -> None:
        if not implemented(cred):
            raise UsmError(f"SNMPv3 protocols {cred.auth_proto}/{cred.priv_proto} not implemented")
        self.credential = cred
        self.name = (cred.user or "").encode()
        auth = (cred.auth_proto or "").upper()
        priv = (cred.priv_proto or "").upper()
        self.auth_proto = auth or None
        self.priv_proto = priv or None
        self.hash_name, self.mac_len = AUTH_PROTOCOLS[auth] if auth else ("", 0)
        self.level = (FLAG_AUTH if auth else 0) | (FLAG_PRIV if priv else 0)
        self._auth_ku = (
            password_to_key((cred.auth_key or "").encode(), self.hash_name) if auth else None
        )
        self._priv_ku = (
            password_to_key((cred.priv_key or "").encode(), self.hash_name) if priv else None
        )
        self._priv_len = PRIV_PROTOCOLS[priv] if priv else 0
        self._localised: dict[bytes, UserKeys] = {}
        self._auth_only: UsmUser | None = None

    def without_privacy(self) -> UsmUser:
        """This user at authNoPriv, sharing the hashed auth key (reports go out at that level)."""
        if not self.level & FLAG_PRIV:
            return self
        if self._auth_only is None:
            clone = copy.copy(self)
            clone.level, clone.priv_proto, clone._priv_ku, clone._priv_len = (
                FLAG_AUTH,
                None,
                None,
                0,
            )
            clone._localised, clone._auth_only = {}, None
            self._auth_only = clone
        return self._auth_only

    def keys(self, engine_id: bytes) -> UserKeys:
        """The keys localised for ``engine_id`` (computed once per engine ID)."""
        hit = self._localised.get(engine_id)
        if hit is None:
            auth = localize_key(self._auth_ku, engine_id, self.hash_name) if self._auth_ku else None
            priv = None
            if self._priv_ku is not None:
                priv = localize_key(self._priv_ku, engine_id, self.hash_name)
                while len(priv) < self._priv_len:  # Blumenthal: Kul || H(Kul) || ...
                    priv += hashlib.new(self.hash_name, priv).digest()
                priv = priv[: self._priv_len]
            hit = UserKeys(auth, priv)
            if len(self._localised) >= self._LOCALISED_MAX:
                self._localised.clear()
            self._localised[engine_id] = hit
        return hit


# --- the message ----------------------------------------------------------------------------


@dataclass(frozen=True)
class V3Message:
    """A decoded SNMPv3 message, its PDU still as bytes (maybe encrypted).

    Attributes:
        auth_offset: where msgAuthenticationParameters start in the raw message (for checks).
        data: the scoped PDU (plaintext) or the encrypted octets (``flags & FLAG_PRIV``).
    """

    raw: bytes
    msg_id: int
    max_size: int
    flags: int
    security_model: int
    engine_id: bytes
    boots: int
    time: int
    user: bytes
    auth_params: bytes
    auth_offset: int
    priv_params: bytes
    data: bytes

    @property
    def reportable(self) -> bool:
        return bool(self.flags & FLAG_REPORTABLE)


@dataclass(frozen=True)
class ScopedPdu:
    context_engine_id: bytes
    context_name: bytes
    pdu: ber.Pdu


def decode(raw: bytes) -> V3Message:
    """Decode the RFC 3412 wrapper and the USM security parameters; raises ``UsmError``."""
    try:
        return _decode(raw)
    except ber.BerError as exc:
        raise UsmError(f"malformed SNMPv3 message: {exc}") from None
    except (IndexError, ValueError, OverflowError) as exc:
        raise UsmError(f"malformed SNMPv3 message: {exc}") from None


def _decode(raw: bytes) -> V3Message:
    end = len(raw)
    x = ber.expect_tlv
    m_start, m_stop = x(raw, 0, end, ber.SEQUENCE, "message")
    v_start, v_stop = x(raw, m_start, m_stop, ber.INTEGER, "version")
    if ber.dec_int(raw, v_start, v_stop) != ber.V3:
        raise UsmError("not an SNMPv3 message")
    h_start, h_stop = x(raw, v_stop, m_stop, ber.SEQUENCE, "msgGlobalData")
    i_start, i_stop = x(raw, h_start, h_stop, ber.INTEGER, "msgID")
    s_start, s_stop = x(raw, i_stop, h_stop, ber.INTEGER, "msgMaxSize")
    f_start, f_stop = x(raw, s_stop, h_stop, ber.OCTET_STRING, "msgFlags")
    sm_start, sm_stop = x(raw, f_stop, h_stop, ber.INTEGER, "msgSecurityModel")
    if f_stop - f_start != 1:
        raise UsmError("msgFlags must be one octet")
    model = ber.dec_int(raw, sm_start, sm_stop)
    if model != USM_SECURITY_MODEL:
        raise UsmError(f"security model {model} is not USM (3)")
    p_start, p_stop = x(raw, h_stop, m_stop, ber.OCTET_STRING, "msgSecurityParameters")
    q_start, q_stop = x(raw, p_start, p_stop, ber.SEQUENCE, "UsmSecurityParameters")
    e_start, e_stop = x(raw, q_start, q_stop, ber.OCTET_STRING, "msgAuthoritativeEngineID")
    b_start, b_stop = x(raw, e_stop, q_stop, ber.INTEGER, "msgAuthoritativeEngineBoots")
    t_start, t_stop = x(raw, b_stop, q_stop, ber.INTEGER, "msgAuthoritativeEngineTime")
    u_start, u_stop = x(raw, t_stop, q_stop, ber.OCTET_STRING, "msgUserName")
    a_start, a_stop = x(raw, u_stop, q_stop, ber.OCTET_STRING, "msgAuthenticationParameters")
    r_start, r_stop = x(raw, a_stop, q_stop, ber.OCTET_STRING, "msgPrivacyParameters")
    flags = raw[f_start]
    if flags & FLAG_PRIV and not flags & FLAG_AUTH:
        raise UsmError("msgFlags: privacy without authentication")
    tag, d_start, d_stop = ber.read_tlv(raw, p_stop, m_stop)
    if flags & FLAG_PRIV:
        if tag != ber.OCTET_STRING:
            raise UsmError("encrypted PDU expected (msgFlags say privacy)")
        data = raw[d_start:d_stop]
    else:
        if tag != ber.SEQUENCE:
            raise UsmError("plaintext scoped PDU expected")
        data = raw[p_stop:d_stop]
    boots = ber.dec_int(raw, b_start, b_stop)
    time_ = ber.dec_int(raw, t_start, t_stop)
    if not (0 <= boots <= MAX_BOOTS and 0 <= time_ <= MAX_BOOTS):
        raise UsmError("engine boots or time out of range")
    return V3Message(
        raw=raw,
        msg_id=ber.dec_int(raw, i_start, i_stop),
        max_size=ber.dec_int(raw, s_start, s_stop),
        flags=flags,
        security_model=model,
        engine_id=raw[e_start:e_stop],
        boots=boots,
        time=time_,
        user=raw[u_start:u_stop],
        auth_params=raw[a_start:a_stop],
        auth_offset=a_start,
        priv_params=raw[r_start:r_stop],
        data=data,
    )


def decode_scoped(data: bytes) -> ScopedPdu:
    """Decode a (decrypted) scoped PDU; trailing bytes after it are ignored (cipher padding)."""
    try:
        s_start, s_stop = ber.expect_tlv(data, 0, len(data), ber.SEQUENCE, "scoped PDU")
        c_start, c_stop = ber.expect_tlv(data, s_start, s_stop, ber.OCTET_STRING, "contextEngineID")
        n_start, n_stop = ber.expect_tlv(data, c_stop, s_stop, ber.OCTET_STRING, "contextName")
        pdu = ber.decode_pdu(data, n_stop, s_stop)
    except ber.BerError as exc:
        raise UsmError(f"malformed scoped PDU: {exc}") from None
    return ScopedPdu(data[c_start:c_stop], data[n_start:n_stop], pdu)


def scoped_pdu(context_engine_id: bytes, pdu: bytes, context_name: bytes = b"") -> bytes:
    """Encode a scoped PDU around an already encoded PDU."""
    return ber.tlv(
        ber.SEQUENCE,
        ber.tlv(ber.OCTET_STRING, context_engine_id)
        + ber.tlv(ber.OCTET_STRING, context_name)
        + pdu,
    )


def encode(
    msg_id: int,
    flags: int,
    engine_id: bytes,
    boots: int,
    time: int,
    user: UsmUser | None,
    scoped: bytes,
    *,
    salt: int = 0,
) -> bytes:
    """Encode, encrypt (authPriv) and sign (authNoPriv, authPriv) one SNMPv3 message.

    ``flags`` carries FLAG_REPORTABLE; the security level is ``user.level`` (noAuthNoPriv
    when ``user`` is None, as for engine-ID discovery). ``salt`` feeds the privacy IV and must
    not repeat under one key (the caller counts).
    """
    name = user.name if user is not None else b""
    level = user.level if user is not None else 0
    keys = user.keys(engine_id) if user is not None and level else UserKeys(None, None)
    priv_params = b""
    if level & FLAG_PRIV:
        assert keys.priv is not None and user is not None
        if user.priv_proto == "DES":  # RFC 3414 §8.1.1.1: salt = boots || local counter
            priv_params = boots.to_bytes(4, "big") + (salt & 0xFFFF_FFFF).to_bytes(4, "big")
            iv = bytes(a ^ b for a, b in zip(keys.priv[8:16], priv_params, strict=True))
            padded = scoped + bytes(-len(scoped) % 8)
            enc = Cipher(TripleDES(keys.priv[:8] * 3), CBC(iv)).encryptor()  # K1=K2=K3: DES
            msg_data = ber.tlv(ber.OCTET_STRING, enc.update(padded) + enc.finalize())
        else:
            priv_params = (salt & 0xFFFF_FFFF_FFFF_FFFF).to_bytes(8, "big")
            iv = boots.to_bytes(4, "big") + time.to_bytes(4, "big") + priv_params
            enc = Cipher(algorithms.AES(keys.priv), CFB(iv)).encryptor()
            msg_data = ber.tlv(ber.OCTET_STRING, enc.update(scoped) + enc.finalize())
    else:
        msg_data = scoped
    mac_len = user.mac_len if user is not None and level & FLAG_AUTH else 0
    head = (
        ber.tlv(ber.OCTET_STRING, engine_id)
        + ber.enc_int(boots)
        + ber.enc_int(time)
        + ber.tlv(ber.OCTET_STRING, name)
    )
    sec_body = (
        head + ber.tlv(ber.OCTET_STRING, bytes(mac_len)) + ber.tlv(ber.OCTET_STRING, priv_params)
    )
    sec_seq = ber.tlv(ber.SEQUENCE, sec_body)
    sec_params = ber.tlv(ber.OCTET_STRING, sec_seq)
    prefix = b"\x02\x01\x03" + ber.tlv(
        ber.SEQUENCE,
        ber.enc_int(msg_id)
        + ber.enc_int(MAX_MESSAGE_SIZE)
        + ber.tlv(ber.OCTET_STRING, bytes((flags | level,)))
        + b"\x02\x01\x03",
    )
    body = prefix + sec_params + msg_data
    raw = ber.tlv(ber.SEQUENCE, body)
    if not mac_len:
        return raw
    assert keys.auth is not None and user is not None
    # the MAC's place: after the wrappers' headers and the fields before it, plus its own 2-byte header
    offset = (
        (len(raw) - len(body))
        + len(prefix)
        + (len(sec_params) - len(sec_seq))
        + (len(sec_seq) - len(sec_body))
        + len(head)
        + 2
    )
    mac = hmac.digest(keys.auth, raw, user.hash_name)[:mac_len]
    return raw[:offset] + mac + raw[offset + mac_len :]


def verify(msg: V3Message, user: UsmUser) -> bool:
    """Whether ``msg``'s MAC is right for ``user``'s key localised to the message's engine ID."""
    if user.mac_len == 0 or len(msg.auth_params) != user.mac_len:
        return False
    key = user.keys(msg.engine_id).auth
    assert key is not None
    off = msg.auth_offset
    zeroed = msg.raw[:off] + bytes(user.mac_len) + msg.raw[off + user.mac_len :]
    mac = hmac.digest(key, zeroed, user.hash_name)[: user.mac_len]
    return hmac.compare_digest(mac, msg.auth_params)


def decrypt(msg: V3Message, user: UsmUser) -> bytes:
    """The plaintext scoped PDU of an authPriv message (AES-CFB or DES-CBC); raises ``UsmError``."""
    key = user.keys(msg.engine_id).priv
    if key is None:
        raise UsmError("encrypted message for a user without a privacy key")
    if len(msg.priv_params) != 8:
        raise UsmError("msgPrivacyParameters must be 8 octets")
    if user.priv_proto == "DES":
        if len(msg.data) % 8:
            raise UsmError("DES-encrypted data is not a multiple of 8 octets")
        iv = bytes(a ^ b for a, b in zip(key[8:16], msg.priv_params, strict=True))
        des = Cipher(TripleDES(key[:8] * 3), CBC(iv)).decryptor()
        return des.update(msg.data) + des.finalize()
    iv = msg.boots.to_bytes(4, "big") + msg.time.to_bytes(4, "big") + msg.priv_params
    dec = Cipher(algorithms.AES(key), CFB(iv)).decryptor()
    return dec.update(msg.data) + dec.finalize()


def open_scoped(msg: V3Message, user: UsmUser | None) -> ScopedPdu:
    """The scoped PDU of ``msg``: decrypted when it is encrypted; raises ``UsmError``."""
    if msg.flags & FLAG_PRIV:
        if user is None:
            raise UsmError("encrypted message without a user to decrypt it")
        try:
            return decode_scoped(decrypt(msg, user))
        except UsmError as exc:
            raise UsmError(f"decryption failed (wrong privacy key or protocol?): {exc}") from None
    return decode_scoped(msg.data)


def new_salt() -> int:
    """A random 64-bit start for the AES salt counter (RFC 3826 §3.1.2.1)."""
    return int.from_bytes(os.urandom(8), "big")


def new_engine_id() -> bytes:
    """A random engine ID in the RFC 3411 format 5 (octets), under the demo enterprise 32473."""
    return bytes((0x80, 0x00, 0x7E, 0xD9, 0x05)) + os.urandom(8)


@dataclass
class EngineClock:
    """What a non-authoritative engine knows of an authoritative one's clock (RFC 3414 §2.3).

    Attributes:
        boots: snmpEngineBoots.
        time: snmpEngineTime when it was learned, at local monotonic ``at``.
        latest: latestReceivedEngineTime.
    """

    boots: int
    time: int
    at: float
    latest: int

    def now(self, mono: float) -> int:
        """The engine's time now, estimated."""
        return min(MAX_BOOTS, self.time + int(mono - self.at))

    def accept(self, boots: int, time: int, mono: float) -> bool:
        """RFC 3414 §3.2.7 b: update from an authentic message; False when outside the window."""
        if boots > self.boots or (boots == self.boots and time > self.latest):
            self.boots, self.time, self.at, self.latest = boots, time, mono, time
        if self.boots == MAX_BOOTS or boots < self.boots:
            return False
        return not (boots == self.boots and time < self.now(mono) - TIME_WINDOW_S)

    def reset(self, boots: int, time: int, mono: float) -> None:
        """Take an authenticated notInTimeWindow report's values, even if older (a resync)."""
        self.boots, self.time, self.at, self.latest = boots, time, mono, time
