"""The receiver's USM with crafted messages: discovery reports, time windows, replays, trap_auth."""

from __future__ import annotations

from ops_console.polling import ber, usm
from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.results import PollTarget
from ops_console.polling.trap_v3 import TrapUsm, V3Notification, V3Refusal
from ops_console.polling.traps import trap_auth

CRED = SnmpCredential(
    user="trapper",
    auth_proto="SHA",
    auth_key="trap-auth-123",
    priv_proto="AES",
    priv_key="trap-priv-456",
)
AGENT = bytes.fromhex("8000000001020304")
OURS = bytes.fromhex("80007ed905aabbccddeeff0011")
SOS = (("1.3.6.1.6.3.1.1.4.1.0", ber.Value(ber.OBJECT_ID, "1.3.6.1.4.1.32473.6.0.1")),)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def receiver(clock: Clock | None = None) -> TrapUsm:
    return TrapUsm([CRED], engine_id=OURS, boots=7, monotonic=clock or Clock())


def notification(
    engine: bytes, boots: int, time: int, *, tag: int = ber.TRAP_V2, cred: SnmpCredential = CRED
) -> bytes:
    flags = usm.FLAG_REPORTABLE if tag == ber.INFORM else 0
    pdu = ber.encode_pdu_only(tag, 4242, SOS)
    return usm.encode(
        31, flags, engine, boots, time, usm.UsmUser(cred), usm.scoped_pdu(engine, pdu), salt=1
    )


def test_discovery_is_answered_with_our_engine_id_boots_and_time() -> None:
    clock = Clock()
    rx = receiver(clock)
    clock.t += 42
    probe = usm.encode(9, usm.FLAG_REPORTABLE, b"", 0, 0, None,
                       usm.scoped_pdu(b"", ber.encode_request_pdu(ber.GET, 9, ())))  # fmt: skip
    out = rx.handle(probe, "127.0.0.2")
    assert isinstance(out, V3Refusal) and out.counter == "v3_discovery" and out.reply
    report = usm.decode(out.reply)
    assert (report.msg_id, report.engine_id, report.boots, report.time) == (9, OURS, 7, 42)
    pdu = usm.open_scoped(report, None).pdu
    assert pdu.tag == ber.REPORT and pdu.request_id == 9
    assert pdu.varbinds[0][0] == usm.UNKNOWN_ENGINE_IDS


def test_inform_is_answered_with_an_encrypted_response_at_its_level() -> None:
    rx = receiver()
    out = rx.handle(notification(OURS, 7, 0, tag=ber.INFORM), "127.0.0.2")
    assert isinstance(out, V3Notification) and out.reply is not None and out.user == "trapper"
    reply = usm.decode(out.reply)
    user = usm.UsmUser(CRED)
    assert reply.flags == usm.FLAG_AUTH | usm.FLAG_PRIV and usm.verify(reply, user)
    response = usm.open_scoped(reply, user).pdu
    assert (response.tag, response.request_id, response.varbinds) == (ber.RESPONSE, 4242, SOS)


def test_inform_out_of_our_window_gets_an_authenticated_report_with_our_clock() -> None:
    clock = Clock()
    rx = receiver(clock)
    clock.t += 500
    for boots, time in [(6, 500), (7, 100)]:  # an old boots count; our clock 400 s ahead
        out = rx.handle(notification(OURS, boots, time, tag=ber.INFORM), "127.0.0.2")
        assert isinstance(out, V3Refusal) and out.counter == "v3_not_in_time_window"
        assert out.reply is not None
        report = usm.decode(out.reply)
        assert report.flags == usm.FLAG_AUTH  # authNoPriv, so the sender can trust the clock
        assert usm.verify(report, usm.UsmUser(CRED))
        assert (report.boots, report.time) == (7, 500)
        assert usm.open_scoped(report, None).pdu.varbinds[0][0] == usm.NOT_IN_TIME_WINDOWS
    assert isinstance(rx.handle(notification(OURS, 7, 480, tag=ber.INFORM), "h"), V3Notification)


def test_inform_to_an_engine_id_we_no_longer_have_is_told_ours() -> None:
    out = receiver().handle(notification(AGENT, 1, 1, tag=ber.INFORM), "127.0.0.2")
    assert isinstance(out, V3Refusal) and out.counter == "v3_discovery" and out.reply
    assert usm.decode(out.reply).engine_id == OURS


def test_traps_older_than_the_senders_window_are_replays() -> None:
    clock = Clock()
    rx = receiver(clock)
    assert isinstance(rx.handle(notification(AGENT, 5, 1000), "a"), V3Notification)  # sets it
    clock.t += 10
    assert isinstance(rx.handle(notification(AGENT, 5, 1010), "a"), V3Notification)
    old_boots = rx.handle(notification(AGENT, 4, 99_999), "a")
    too_old = rx.handle(notification(AGENT, 5, 800), "a")
    for out in (old_boots, too_old):
        assert isinstance(out, V3Refusal) and out.counter == "v3_not_in_time_window"
        assert out.reply is None  # traps are not reportable
        assert "replayed or stale" in out.reason
    assert isinstance(rx.handle(notification(AGENT, 6, 0), "a"), V3Notification)  # rebooted
    other = bytes.fromhex("80000000010a0b0c0d")  # another engine has its own clock
    assert isinstance(rx.handle(notification(other, 1, 5), "b"), V3Notification)


def test_a_pdu_that_is_no_notification_is_returned_for_the_receiver_to_count() -> None:
    out = receiver().handle(notification(AGENT, 1, 1, tag=ber.GET), "a")
    assert isinstance(out, V3Notification) and out.pdu.tag == ber.GET and out.reply is None


def test_garbage_is_malformed_not_an_exception() -> None:
    for data in (b"\x30\x03\x02\x01\x03", b"\x30\x05\x02\x01\x03\x30\xff", bytes(40)):
        out = receiver().handle(data, "a")
        assert isinstance(out, V3Refusal) and out.counter == "malformed"


def test_trap_auth_from_targets_and_credentials() -> None:
    creds = {
        "bins": SnmpCredential(community="bin-comm"),
        "gates": SnmpCredential(community="gate-comm"),
        "v3": CRED,
    }

    def provider(name: str) -> SnmpCredential | None:
        if name == "locked":
            raise RuntimeError("keyring locked")
        return creds.get(name)

    def t(device_id: int, version: str, credential: str | None) -> PollTarget:
        return PollTarget(device_id, f"10.0.0.{device_id}", 161, version, credential, "smart_bin")

    auth = trap_auth(
        [t(1, "v2c", "bins"), t(2, "v1", "gates"), t(3, "v3", "v3"), t(4, "v3", "v3"),
         t(5, "none", "bins"), t(6, "v2c", "missing"), t(7, "v2c", "locked"), t(8, "none", None)],
        provider,
    )  # fmt: skip
    assert dict(auth.device_communities) == {1: "bin-comm", 2: "gate-comm"}
    assert auth.communities == frozenset({"bin-comm", "gate-comm"})
    assert auth.users == (CRED,)


def test_cloned_devices_sharing_an_engine_id_keep_their_own_clocks() -> None:
    rx = receiver()
    assert isinstance(rx.handle(notification(AGENT, 9, 5000), "10.0.0.1"), V3Notification)
    # the same engine ID from another address with fewer boots: another device, not a replay
    assert isinstance(rx.handle(notification(AGENT, 2, 10), "10.0.0.2"), V3Notification)
    replay = rx.handle(notification(AGENT, 2, 10), "10.0.0.1")
    assert isinstance(replay, V3Refusal) and replay.counter == "v3_not_in_time_window"
