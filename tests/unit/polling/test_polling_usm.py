"""The USM pieces without a network: RFC 3414 key vectors, message round trips, the time window."""

from __future__ import annotations

import hashlib

import pytest

from ops_console.polling import ber, usm
from ops_console.polling.credentials import SnmpCredential

ENGINE = bytes.fromhex("000000000000000000000002")  # RFC 3414 A.3


def test_rfc3414_a3_1_md5_key_localisation() -> None:
    ku = usm.password_to_key(b"maplesyrup", "md5")
    assert ku.hex() == "9faf3283884e92834ebc9847d8edd963"
    assert usm.localize_key(ku, ENGINE, "md5").hex() == "526f5eed9fcce26f8964c2930787d82b"


def test_rfc3414_a3_2_sha_key_localisation() -> None:
    ku = usm.password_to_key(b"maplesyrup", "sha1")
    assert ku.hex() == "9fb5cc0381497b3793528939ff788d5d79145211"
    assert usm.localize_key(ku, ENGINE, "sha1").hex() == "6695febc9288e36282235fc7151f128497b38f3f"


def test_user_keys_are_the_localised_keys_and_cut_to_the_cipher() -> None:
    user = usm.UsmUser(SnmpCredential(user="u", auth_proto="sha", auth_key="maplesyrup",
                                      priv_proto="AES", priv_key="maplesyrup"))  # fmt: skip
    keys = user.keys(ENGINE)
    assert keys.auth is not None and keys.auth.hex() == "6695febc9288e36282235fc7151f128497b38f3f"
    assert keys.priv == keys.auth[:16]  # same pass phrase: AES-128 takes the first 16 octets
    assert user.keys(ENGINE) is keys  # localised once per engine ID


def test_aes256_key_is_extended_blumenthal_style() -> None:
    user = usm.UsmUser(SnmpCredential(user="u", auth_proto="SHA", auth_key="maplesyrup",
                                      priv_proto="AES256", priv_key="maplesyrup"))  # fmt: skip
    kul = bytes.fromhex("6695febc9288e36282235fc7151f128497b38f3f")
    assert user.keys(ENGINE).priv == (kul + hashlib.sha1(kul).digest())[:32]


@pytest.mark.parametrize("proto", ["SHA224", "SHA256", "SHA384", "SHA512"])
def test_sha2_keys_agree_with_pysnmp(proto: str) -> None:
    # an independent implementation of RFC 7860's key derivation
    from pyasn1.type.univ import OctetString
    from pysnmp.proto.secmod.rfc3414 import localkey

    hash_name = usm.AUTH_PROTOCOLS[proto][0]
    ours = usm.localize_key(usm.password_to_key(b"maplesyrup", hash_name), ENGINE, hash_name)
    algo = getattr(hashlib, hash_name)
    theirs = bytes(localkey.password_to_key(b"maplesyrup", OctetString(ENGINE), algo))
    assert ours == theirs


def test_empty_pass_phrase_is_refused() -> None:
    with pytest.raises(usm.UsmError, match="empty"):
        usm.password_to_key(b"", "sha1")


def user(auth: str | None = "SHA", priv: str | None = "AES", name: str = "opsv3") -> usm.UsmUser:
    return usm.UsmUser(
        SnmpCredential(user=name, auth_proto=auth, auth_key="auth-pass-123" if auth else None,
                       priv_proto=priv, priv_key="priv-pass-456" if priv else None)
    )  # fmt: skip


def message(u: usm.UsmUser | None, oids: list[str], engine: bytes = ENGINE) -> bytes:
    pdu = ber.encode_request_pdu(ber.GET, 77, oids)
    return usm.encode(
        77, usm.FLAG_REPORTABLE, engine, 3, 1234, u, usm.scoped_pdu(engine, pdu), salt=9
    )


@pytest.mark.parametrize(
    ("auth", "priv"),
    [
        ("MD5", None),
        ("SHA", "AES"),
        ("SHA256", "AES192"),
        ("SHA512", "AES256"),
        ("SHA224", None),
        ("MD5", "DES"),
        ("SHA", "DES"),
    ],
)
def test_message_round_trip_signed_and_encrypted(auth: str, priv: str | None) -> None:
    u = user(auth, priv)
    raw = message(u, ["1.3.6.1.2.1.1.3.0", "1.3.6.1.4.1.32473.4.1.0"])
    msg = usm.decode(raw)
    assert (msg.msg_id, msg.engine_id, msg.boots, msg.time, msg.user) == (
        77,
        ENGINE,
        3,
        1234,
        b"opsv3",
    )
    assert msg.reportable and bool(msg.flags & usm.FLAG_PRIV) == bool(priv)
    assert ber.peek_request_id(raw) == 77
    assert usm.verify(msg, u)
    scoped = usm.open_scoped(msg, u)
    assert scoped.context_engine_id == ENGINE
    assert scoped.pdu.tag == ber.GET and scoped.pdu.request_id == 77
    assert [o for o, _ in scoped.pdu.varbinds] == ["1.3.6.1.2.1.1.3.0", "1.3.6.1.4.1.32473.4.1.0"]
    if priv:
        assert b"\x2b\x06\x01\x02\x01\x01\x03" not in raw  # the OID is not in clear


def test_long_messages_with_multi_byte_lengths_still_verify() -> None:
    u = user(name="u" * 32)
    engine = bytes(range(32))
    raw = message(u, [f"1.3.6.1.4.1.32473.99.{i}" for i in range(40)], engine)
    assert len(raw) > 600
    msg = usm.decode(raw)
    assert usm.verify(msg, u)
    assert len(usm.open_scoped(msg, u).pdu.varbinds) == 40


def test_tampering_the_wrong_key_and_the_wrong_user_fail_verification() -> None:
    u = user()
    raw = message(u, ["1.3.6.1.2.1.1.3.0"])
    flipped = bytearray(raw)
    flipped[-3] ^= 0x01
    assert not usm.verify(usm.decode(bytes(flipped)), u)
    other = usm.UsmUser(SnmpCredential(user="opsv3", auth_proto="SHA", auth_key="wrong-auth-key"))
    assert not usm.verify(usm.decode(raw), other)
    md5 = user("MD5", None)
    assert not usm.verify(
        usm.decode(raw), md5
    )  # wrong MAC length for MD5's 12? same length, wrong key


def test_wrong_privacy_key_does_not_yield_the_pdu() -> None:
    raw = message(user(), ["1.3.6.1.2.1.1.3.0"])
    wrong = usm.UsmUser(SnmpCredential(user="opsv3", auth_proto="SHA", auth_key="auth-pass-123",
                                       priv_proto="AES", priv_key="wrong-priv-key"))  # fmt: skip
    msg = usm.decode(raw)
    assert usm.verify(msg, wrong)  # same auth key
    with pytest.raises(usm.UsmError, match="decryption failed"):
        usm.open_scoped(msg, wrong)


def test_discovery_message_is_plain_reportable_and_empty() -> None:
    raw = usm.encode(5, usm.FLAG_REPORTABLE, b"", 0, 0, None,
                     usm.scoped_pdu(b"", ber.encode_request_pdu(ber.GET, 5, ())))  # fmt: skip
    msg = usm.decode(raw)
    assert (msg.flags, msg.engine_id, msg.user, msg.auth_params) == (
        usm.FLAG_REPORTABLE,
        b"",
        b"",
        b"",
    )
    assert usm.open_scoped(msg, None).pdu.varbinds == ()


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"\x30\x03\x02\x01\x01", "not an SNMPv3"),
        (b"\x30\x05\x02\x01\x03\x30\x00", "malformed"),
        (b"\x30\x80", "malformed"),
    ],
)
def test_malformed_v3_messages_are_refused_with_a_reason(raw: bytes, why: str) -> None:
    with pytest.raises(usm.UsmError, match=why):
        usm.decode(raw)


def test_privacy_flag_without_authentication_is_refused() -> None:
    raw = bytearray(message(None, ["1.3.6.1.2.1.1.3.0"]))
    flags_at = raw.index(b"\x04\x01\x04") + 2
    raw[flags_at] = usm.FLAG_PRIV | usm.FLAG_REPORTABLE
    with pytest.raises(usm.UsmError, match="privacy without authentication"):
        usm.decode(bytes(raw))


def test_time_window_rfc3414_3_2_7_b() -> None:
    clock = usm.EngineClock(boots=5, time=1000, at=0.0, latest=1000)
    assert clock.now(30.0) == 1030
    assert clock.accept(5, 1040, 40.0)  # newer: taken
    assert (clock.time, clock.latest) == (1040, 1040)
    assert clock.accept(5, 900, 40.0)  # older but within 150 s of our notion
    assert not clock.accept(5, 880, 40.0)  # more than 150 s behind: replay
    assert not clock.accept(4, 5000, 40.0)  # fewer boots: replay
    assert clock.accept(6, 3, 50.0)  # the engine rebooted
    assert (clock.boots, clock.time) == (6, 3)
    clock.reset(6, 1, 60.0)  # an authenticated notInTimeWindow report wins even if older
    assert clock.now(70.0) == 11


def test_boots_at_the_maximum_is_never_in_the_window() -> None:
    clock = usm.EngineClock(boots=usm.MAX_BOOTS, time=10, at=0.0, latest=10)
    assert not clock.accept(usm.MAX_BOOTS, 11, 1.0)


def test_only_3des_is_left_to_pysnmp() -> None:
    def cred(auth: str, priv: str | None) -> SnmpCredential:
        return SnmpCredential(user="u", auth_proto=auth, auth_key="k" * 8, priv_proto=priv,
                              priv_key="p" * 8 if priv else None)  # fmt: skip

    assert usm.implemented(cred("MD5", "AES256")) and usm.implemented(cred("SHA512", None))
    assert usm.implemented(cred("SHA", "DES")) and not usm.implemented(cred("SHA", "3DES"))
    with pytest.raises(usm.UsmError, match="not implemented"):
        usm.UsmUser(cred("SHA", "3DES"))
