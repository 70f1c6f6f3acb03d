"""The poller's hot path: request templates, BER names matched as bytes, the timeout wheel,
cached addresses and the scheduler's main-lane workers, against agents of the test's own
(asyncio UDP sockets on loopback that answer with our codec)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.errors import ErrorKind
from ops_console.polling.profiles import load_profiles
from ops_console.polling.results import PollResult, PollTarget
from ops_console.polling.scheduler import Scheduler
from ops_console.polling.snmp import SnmpPoller
from ops_console.polling.transport import (
    CommunitySession,
    Reply,
    SnmpFailure,
    TimeoutWheel,
    UdpTransport,
    literal,
)

COMMUNITY = "engine-test"
oid_arcs = st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=12)
oids = st.builds(
    lambda first, second, rest: ".".join(map(str, [first, second, *rest])),
    st.integers(0, 1),
    st.integers(0, 39),
    oid_arcs,
)


# --- request templates ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    version=st.sampled_from([ber.V1, ber.V2C]),
    community=st.binary(max_size=300),
    tag=st.sampled_from([ber.GET, ber.GETNEXT, ber.GETBULK]),
    names=st.lists(oids, max_size=30),
    request_ids=st.lists(st.integers(0, 0x7FFFFFFF), min_size=1, max_size=5),
    non_repeaters=st.integers(0, 300),
    max_repetitions=st.integers(0, 300),
)
def test_a_template_writes_the_bytes_a_fresh_encoding_writes(
    version: int,
    community: bytes,
    tag: int,
    names: list[str],
    request_ids: list[int],
    non_repeaters: int,
    max_repetitions: int,
) -> None:
    template = ber.RequestTemplate(version, community, tag, names, non_repeaters, max_repetitions)
    for rid in request_ids:
        fresh = ber.encode_request(
            version, community, tag, rid, names, non_repeaters, max_repetitions
        )
        assert template.message(rid) == fresh


@pytest.mark.parametrize(
    "rid", [0, 1, 127, 128, 255, 256, 32767, 32768, 2**23 - 1, 2**23, 2**31 - 2, 2**31 - 1]
)
def test_a_template_at_every_request_id_length(rid: int) -> None:
    names = [f"1.3.6.1.4.1.32473.4.{i}.0" for i in range(1, 12)]  # a message over 127 bytes
    template = ber.RequestTemplate(ber.V2C, b"c" * 130, ber.GET, names)
    assert template.message(rid) == ber.encode_request(ber.V2C, b"c" * 130, ber.GET, rid, names)
    assert ber.decode_message(template.message(rid)).request_id == rid


# --- names as bytes -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(names=st.lists(oids, max_size=20), rid=st.integers(0, 0x7FFFFFFF))
def test_a_response_keeps_names_as_ber_bytes(names: list[str], rid: int) -> None:
    vbs = tuple((n, Value(ber.INTEGER, i)) for i, n in enumerate(names))
    data = ber.encode_pdu(ber.V2C, b"x", ber.RESPONSE, rid, vbs)
    raw = ber.decode_response(data)
    full = ber.decode_message(data)
    assert raw.oids == tuple(ber.oid_body(n) for n in names)
    assert tuple(zip(map(ber.dotted, raw.oids), raw.values, strict=True)) == full.varbinds
    canonical = tuple((ber.dotted(ber.oid_body(n)), v) for n, v in vbs)
    assert Reply(0, 0, raw.oids, raw.values).varbinds == canonical
    assert Reply.of(0, 0, vbs) == Reply(0, 0, raw.oids, raw.values)


def test_a_cut_or_damaged_response_is_a_ber_error() -> None:
    vbs = tuple((f"1.3.6.1.4.1.32473.4.{i}.0", Value(ber.GAUGE32, 300 * i)) for i in range(5))
    data = ber.encode_pdu(ber.V2C, b"public", ber.RESPONSE, 4242, vbs)
    for end in range(len(data)):
        with pytest.raises(ber.BerError):
            ber.decode_response(data[:end])
    for i in range(len(data)):
        for flip in (0x01, 0x80, 0xFF):
            damaged = data[:i] + bytes((data[i] ^ flip,)) + data[i + 1 :]
            try:
                ber.decode_response(damaged)
            except ber.BerError:
                continue
    for name in (b"\x2b\x06\x81", b""):  # ends mid-arc; empty
        vb = ber.tlv(ber.SEQUENCE, ber.tlv(ber.OBJECT_ID, name) + b"\x05\x00")
        pdu = ber.enc_int(1) + ber.enc_int(0) + ber.enc_int(0) + ber.tlv(ber.SEQUENCE, vb)
        msg = ber.tlv(
            ber.SEQUENCE,
            ber.enc_int(ber.V2C) + ber.tlv(ber.OCTET_STRING, b"x") + ber.tlv(ber.RESPONSE, pdu),
        )
        with pytest.raises(ber.BerError, match="OBJECT IDENTIFIER"):
            ber.decode_response(msg)
        with pytest.raises(ber.BerError, match="OBJECT IDENTIFIER"):
            ber.decode_message(msg)


# --- the timeout wheel ----------------------------------------------------------------------


def test_the_wheel_times_out_exactly_the_late_requests() -> None:
    async def go() -> None:
        loop = asyncio.get_running_loop()
        armed: list[float] = []
        wheel = TimeoutWheel(0.01, armed.append)
        deadlines = [0.5 + 0.003 * i for i in range(200)]
        futures = [loop.create_future() for _ in deadlines]
        for d, f in zip(deadlines, futures, strict=True):
            wheel.add(d, f)
        assert armed == [0.5]  # one timer, for the earliest slot
        futures[10].set_result(b"answered")  # answered before its deadline: left alone
        for now in (0.4, 0.5, 0.537, 0.6, 0.8, 2.0):
            wheel.expire(now)
            for d, f in zip(deadlines, futures, strict=True):
                if f is futures[10]:
                    assert f.result() == b"answered"
                elif f.done():
                    assert d <= now  # never before its deadline
                    assert isinstance(f.exception(), TimeoutError)
                else:
                    assert d > now - 0.01  # at most one slot after it
        assert all(f.done() for f in futures)
        assert armed[-1] < 2.0 and len(wheel) == 0

    asyncio.run(go())


class Agent(asyncio.DatagramProtocol):
    """A v1/v2c agent on one loopback address: answers every GET with ``value_of(oid)``,
    after ``delay(request_id)`` seconds; ``None`` as a value answers another OID instead."""

    def __init__(
        self,
        value_of: Callable[[str], int | None],
        delay: Callable[[int], float] = lambda rid: 0.0,
    ) -> None:
        self.value_of = value_of
        self.delay = delay
        self.asked = 0
        self.outstanding = 0
        self.most_outstanding = 0
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        req = ber.decode_message(data)
        self.asked += 1
        self.outstanding += 1
        self.most_outstanding = max(self.most_outstanding, self.outstanding)
        vbs = []
        for name, _ in req.varbinds:
            v = self.value_of(name)
            vbs.append(
                (name, Value(ber.INTEGER, v))
                if v is not None
                else (name + ".9", Value(ber.INTEGER, 1))
            )
        reply = ber.encode_pdu(req.version, req.community, ber.RESPONSE, req.request_id, tuple(vbs))

        def send() -> None:
            self.outstanding -= 1
            assert self.transport is not None
            self.transport.sendto(reply, addr)

        asyncio.get_running_loop().call_later(self.delay(req.request_id), send)


async def start_agent(
    host: str, agent: Agent, port: int = 0
) -> tuple[asyncio.DatagramTransport, int]:
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(lambda: agent, local_addr=(host, port))
    return transport, transport.get_extra_info("sockname")[1]


def test_late_replies_time_out_and_prompt_ones_do_not() -> None:
    async def go() -> list[str]:
        # odd request-ids are answered after 2 s, even ones at once; the timeout is 0.6 s (a
        # margin for a busy machine: a prompt reply is late only if the loop stalls 0.6 s)
        agent = Agent(lambda oid: 7, delay=lambda rid: 2.0 if rid % 2 else 0.0)
        server, port = await start_agent("127.0.0.1", agent)
        udp = UdpTransport()
        try:
            session = CommunitySession(udp, "127.0.0.1", port, ber.V2C, COMMUNITY, 0.6, 0)

            async def one() -> str:
                try:
                    reply = await session.request(ber.GET, ["1.3.6.1.2.1.1.3.0"])
                except SnmpFailure as exc:
                    assert exc.error.kind is ErrorKind.TIMEOUT
                    return "timeout"
                assert reply.values == (Value(ber.INTEGER, 7),)
                return "ok"

            return await asyncio.gather(*(one() for _ in range(40)))
        finally:
            udp.close()
            server.close()

    outcomes = asyncio.run(go())
    # request-ids are handed out 1, 2, 3...: the odd (late) ones timed out, the even did not
    assert outcomes == ["timeout", "ok"] * 20


def test_a_retry_after_a_late_reply_is_answered() -> None:
    async def go() -> tuple[Reply, int]:
        asked: list[int] = []

        def delay(rid: int) -> float:
            asked.append(rid)
            return 2.0 if len(asked) == 1 else 0.0  # the first try is late, the resend is not

        agent = Agent(lambda oid: 5, delay=delay)
        server, port = await start_agent("127.0.0.1", agent)
        udp = UdpTransport()
        try:
            session = CommunitySession(udp, "127.0.0.1", port, ber.V2C, COMMUNITY, 0.6, 1)
            return await session.request(ber.GET, ["1.3.6.1.2.1.1.3.0"]), agent.asked
        finally:
            udp.close()
            server.close()

    reply, asked = asyncio.run(go())
    assert reply.values == (Value(ber.INTEGER, 5),) and asked == 2


# --- the poller: cached addresses, names matched as bytes, scheduler workers --------------------


def poller() -> SnmpPoller:
    return SnmpPoller(load_profiles(), {"c": SnmpCredential(community=COMMUNITY)}.get)


def smart_bin(device_id: int, address: str, port: int, **kw: object) -> PollTarget:
    return PollTarget(device_id, address, port, "v2c", "c", "smart_bin", **kw)  # type: ignore[arg-type]


def fill_level(result: PollResult) -> float | None:
    (sample,) = [s for s in result.samples if s.metric == "fill_level"]
    return sample.value


def test_a_changed_address_is_parsed_again() -> None:
    async def go() -> list[PollResult]:
        one, port = await start_agent("127.0.0.2", Agent(lambda oid: 11))
        two, _ = await start_agent("127.0.0.3", Agent(lambda oid: 22), port)
        try:
            async with poller() as p:
                return [
                    await p.poll(smart_bin(1, "127.0.0.2", port)),
                    await p.poll(smart_bin(1, "127.0.0.2", port)),  # from the cache
                    await p.poll(smart_bin(1, "127.0.0.3", port)),  # re-addressed
                    await p.poll(smart_bin(1, "not an address!", port)),
                    await p.poll(smart_bin(1, "127.0.0.2", port)),
                ]
        finally:
            one.close()
            two.close()

    results = asyncio.run(go())
    assert [fill_level(r) if r.ok else None for r in results] == [11, 11, 22, None, 11]
    assert results[3].error is not None and results[3].error.kind is ErrorKind.RESOLVE


def test_literal_addresses() -> None:
    assert literal("127.0.0.1") == "127.0.0.1"
    assert literal("[::1]") == "::1" and literal("FE80::1") == "fe80::1"
    for not_literal in ("010.1.1.1", "1.2.3", "256.1.1.1", "1.2.3.4 ", "", "host.example"):
        assert literal(not_literal) is None


def test_an_answer_for_another_oid_is_no_such_instance() -> None:
    async def go() -> PollResult:
        # the agent answers battery's OID with another name (a next OID, as a buggy agent does)
        battery = load_profiles()["smart_bin"].metric("battery")
        assert battery is not None
        agent = Agent(lambda oid: None if oid == battery.oid else 3)
        server, port = await start_agent("127.0.0.1", agent)
        try:
            async with poller() as p:
                return await p.poll(smart_bin(1, "127.0.0.1", port))
        finally:
            server.close()

    result = asyncio.run(go())
    assert result.ok
    by_metric = {s.metric: s for s in result.samples}
    assert by_metric["battery"].value is None
    assert "noSuchInstance" in str(by_metric["battery"].problem)
    assert by_metric["fill_level"].value == 3


def test_the_scheduler_keeps_max_in_flight_and_the_order() -> None:
    async def go() -> tuple[list[PollResult], Agent, Agent]:
        living = Agent(lambda oid: 9, delay=lambda rid: 0.2)  # all 25 asked at once
        server, port = await start_agent("127.0.0.1", living)
        silent = Agent(lambda oid: 9, delay=lambda rid: 60.0)  # answers after every timeout
        quiet, quiet_port = await start_agent("127.0.0.4", silent)
        targets = [
            smart_bin(i, "127.0.0.4", quiet_port, timeout_s=0.2, retries=1)
            if i % 10 == 0
            else smart_bin(i, "127.0.0.1", port)
            for i in range(150)
        ]
        try:
            async with poller() as p:
                sched = Scheduler(p, max_in_flight=25, slow_in_flight=8)
                first = await sched.run_once(targets)
                second = await sched.run_once(targets)
                return first + second, living, silent
        finally:
            server.close()
            quiet.close()

    results, living, silent = asyncio.run(go())
    assert [r.device_id for r in results] == list(range(150)) * 2
    assert living.most_outstanding == 25  # the limit, used in full
    for r in results:
        if r.device_id % 10:
            assert r.ok and r.lane == "main" and fill_level(r) == 9
        else:
            assert not r.ok and r.lane == "slow" and r.error is not None and r.error.is_timeout
    # first cycle: one main-lane try and one slow-lane retry; second: known dead, two slow tries
    assert silent.asked == 15 * 2 + 15 * 2


def test_the_dead_retry_in_the_slow_lane_while_the_living_are_polled() -> None:
    async def go() -> tuple[list[PollResult], list[float], list[float]]:
        loop = asyncio.get_running_loop()
        answered: list[float] = []
        asked_dead: list[float] = []

        def living_delay(rid: int) -> float:
            answered.append(loop.time())
            return 0.0

        def dead_delay(rid: int) -> float:
            asked_dead.append(loop.time())
            return 60.0

        server, port = await start_agent("127.0.0.1", Agent(lambda oid: 4, delay=living_delay))
        quiet, quiet_port = await start_agent("127.0.0.5", Agent(lambda oid: 4, delay=dead_delay))
        dead = [smart_bin(i, "127.0.0.5", quiet_port, timeout_s=0.2, retries=3) for i in range(4)]
        living = [smart_bin(10 + i, "127.0.0.1", port) for i in range(40)]
        try:
            async with poller() as p:
                sched = Scheduler(p, max_in_flight=2, slow_in_flight=1)
                return await sched.run_once(dead + living), answered, asked_dead
        finally:
            server.close()
            quiet.close()

    results, answered, asked_dead = asyncio.run(go())
    assert all(r.ok and r.lane == "main" for r in results[4:])
    assert all(not r.ok and r.lane == "slow" for r in results[:4])
    assert len(asked_dead) == 4 * 4  # one main-lane try, three slow-lane retries each
    # two main-lane slots and four dead devices: had a dead device kept its slot for its
    # retries, no living device would have been asked before the dead were given up
    assert max(answered) < max(asked_dead)
