"""The BER codec: round trips and malformed input."""

from __future__ import annotations

import pytest

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.profiles import MetricSpec, StatusState, Threshold
from ops_console.polling.rates import CounterTracker
from ops_console.polling.snmp import convert


def test_request_round_trip() -> None:
    msg = ber.encode_request(
        ber.V2C,
        b"public",
        ber.GETBULK,
        12345,
        ["1.3.6.1.2.1.2.2.1.2", "1.3.6.1.4.1.32473.6.2.1.300"],
        0,
        25,
    )
    pdu = ber.decode_message(msg)
    assert (pdu.version, pdu.community, pdu.tag, pdu.request_id) == (
        ber.V2C,
        b"public",
        ber.GETBULK,
        12345,
    )
    assert [o for o, _ in pdu.varbinds] == ["1.3.6.1.2.1.2.2.1.2", "1.3.6.1.4.1.32473.6.2.1.300"]


def test_values_round_trip() -> None:
    vbs = (
        ("1.3.6.1.2.1.1.3.0", Value(ber.TIMETICKS, 4_000_000_000)),
        ("1.3.6.1.2.1.1.1.0", Value(ber.OCTET_STRING, "湖滨门禁".encode())),
        ("1.3.6.1.2.1.1.2.0", Value(ber.OBJECT_ID, "1.3.6.1.4.1.32473.4")),
        ("1.3.6.1.4.1.32473.1.5.0", Value(ber.INTEGER, -123)),
        ("1.3.6.1.2.1.31.1.1.1.6.1", Value(ber.COUNTER64, 2**64 - 1)),
        ("1.3.6.1.4.1.32473.1.9.0", Value(ber.NO_SUCH_OBJECT, None)),
    )
    msg = ber.encode_pdu(ber.V2C, b"c", ber.RESPONSE, 7, vbs)
    assert ber.peek_request_id(msg) == 7
    assert ber.decode_message(msg).varbinds == vbs


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x30",
        b"\x30\x05\x02\x01\x01",
        b"\x30\x84\xff\xff\xff\xff",
        b"\x02\x01\x00",
        b"\x30\x03\x02\x01\x07",
        bytes(range(40)),
    ],
)
def test_malformed_messages_raise_ber_error(data: bytes) -> None:
    with pytest.raises(ber.BerError):
        ber.decode_message(data)
    assert ber.peek_request_id(data) is None


def test_truncated_real_message_never_crashes() -> None:
    msg = ber.encode_pdu(
        ber.V2C,
        b"public",
        ber.RESPONSE,
        1,
        (("1.3.6.1.2.1.1.5.0", Value(ber.OCTET_STRING, b"x" * 300)),),
    )
    for cut in range(len(msg)):
        with pytest.raises(ber.BerError):
            ber.decode_message(msg[:cut])


def test_v3_message_is_named() -> None:
    with pytest.raises(ber.BerError, match="SNMPv3"):
        ber.decode_message(b"\x30\x03\x02\x01\x03")


GAUGE = MetricSpec(
    "fill",
    "1.3.6.1.4.1.32473.4.1.0",
    "gauge",
    "%",
    1.0,
    valid_min=0,
    valid_max=100,
    threshold=Threshold("above", 80, 95, 5),
)
STATUS = MetricSpec(
    "lid",
    "1.3.6.1.4.1.32473.4.3.0",
    "status",
    states=(StatusState(1, "closed", "ok"), StatusState(3, "jammed", "critical")),
)


def test_convert_bad_values_become_problems() -> None:
    assert (
        convert(GAUGE, Value(ber.OCTET_STRING, b"full")).sample.problem
        == "expected a number, got OCTET STRING 'full'"
    )
    assert "absurd value 250" in (convert(GAUGE, Value(ber.INTEGER, 250)).sample.problem or "")
    assert "noSuchInstance" in (
        convert(GAUGE, Value(ber.NO_SUCH_INSTANCE, None)).sample.problem or ""
    )
    assert convert(GAUGE, Value(ber.GAUGE32, 42)).sample.value == 42
    jammed = convert(STATUS, Value(ber.INTEGER, 3))
    assert (
        jammed.status is not None
        and jammed.status.severity == "critical"
        and jammed.sample.text == "jammed"
    )
    unknown = convert(STATUS, Value(ber.INTEGER, 9))
    assert unknown.status is not None and unknown.status.severity == "unknown"
    assert "unknown status value 9" in (unknown.sample.problem or "")


def test_convert_counter_uses_counter64_width() -> None:
    spec = MetricSpec("octets", "1.3.6.1.2.1.31.1.1.1.6.1", "counter", "B/s")
    tracker = CounterTracker()
    convert(spec, Value(ber.COUNTER64, 2**64 - 5), device_id=1, counters=tracker, at=0.0)
    out = convert(spec, Value(ber.COUNTER64, 5), device_id=1, counters=tracker, at=1.0)
    assert out.sample.value == 10
