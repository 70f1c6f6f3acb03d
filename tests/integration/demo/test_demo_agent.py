"""The demo's poller with its simulated agent, for real: UDP sockets on the demo devices'
loopback addresses, the poller service, the database; simulated time running 30x."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from ops_console.demo.agent import DemoAgent
from ops_console.demo.poller import demo_poller_options
from ops_console.domain.clock import FastClock
from ops_console.polling import ber
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.pollers import PollerService

START = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
SPEED = 20.0


def _wait(what: str, check: Callable[[], object], clock: FastClock, sim_s: float) -> object:
    """Wait until ``check()`` is truthy, at most ``sim_s`` simulated seconds from now."""
    deadline = clock.monotonic() + sim_s
    while clock.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.5)  # reading the alarm list is not free: leave the poller the CPU
    raise AssertionError(f"{what}: not within {sim_s:.0f} simulated seconds")


def test_start_poller_on_the_demo_raises_a_work_order_then_device_recovered(
    demo_services: Services,
) -> None:
    clock = FastClock(START, speed=SPEED)
    services = Services(demo_services.db, clock, demo_services.secrets)
    assert services.monitoring.credential("demo-v2c") is not None  # stored by init --demo
    options = demo_poller_options(services)
    agent: DemoAgent = options["sidecar"]
    # one community (120 devices): the 2-core test machine keeps up with 20x time
    service = PollerService(services.monitoring, community="湖滨", **options)
    before = {a.id for a in services.monitoring.list_alarms(SYSTEM)}
    thread = threading.Thread(target=lambda: service.run(install_signals=False))
    thread.start()
    try:

        def gate_alarm() -> object:
            return next(
                (
                    a
                    for a in services.monitoring.list_alarms(SYSTEM, open_only=True)
                    if a.asset_tag == "HB-GATE-003"
                    and a.rule == "manual_passage_failed"
                    and a.id not in before
                    and a.work_order_number
                ),
                None,
            )

        # three failing polls 60 s apart, the first at once: the work order within ~2 minutes
        alarm = _wait("the gate's work order", gate_alarm, clock, 150)
        assert alarm.severity == "compliance"  # type: ignore[attr-defined]
        raised_after = (alarm.opened_at - START).total_seconds()  # type: ignore[attr-defined]
        assert raised_after <= 140, raised_after  # polls at ~0, 60 and 120 s
        wo = services.workorders.get(SYSTEM, alarm.work_order_number)  # type: ignore[attr-defined]
        assert wo.source == "alarm" and wo.device == "HB-GATE-003"

        # most devices answered and are up: the dashboard is not "unknown"
        health = {h.asset_tag: h.health for h in services.monitoring.device_health(SYSTEM)}
        assert health["HB-GATE-001"] == "up" and health["HB-NET-001"] == "up"  # v2c and v3

        # the SOS (a trap at minute 1.5) is a care alert, not a work order
        care = _wait(
            "the SOS care alert",
            lambda: [c for c in services.monitoring.list_care_alerts(SYSTEM) if c.kind == "sos"],
            clock,
            60,
        )
        assert care

        # manual passage back at minute 5: two good polls clear it, the order is told
        def recovered() -> object:
            a = services.monitoring.get_alarm(SYSTEM, alarm.id)  # type: ignore[attr-defined]
            return a.cleared_at is not None and a.recovery_status == "done"

        _wait("device recovered", recovered, clock, 420 - clock.monotonic() + 60)

        # the demo's switch that was down when the demo was made answers now: its old
        # unreachable alarm clears too (the demo left the debouncer's state for it)
        old = [
            a
            for a in services.monitoring.list_alarms(SYSTEM, limit=100)
            if a.asset_tag == "HB-NET-008" and a.rule == "unreachable"
        ]
        assert old and all(a.id in before and a.cleared_at is not None for a in old)
    finally:
        ports = [(host, port) for _ep, host, port in agent._udp.values()]
        service.request_stop()
        thread.join(30)
    assert not thread.is_alive()
    # the agent stopped with the poller: no socket left open, its addresses free again
    assert agent.open_sockets == 0 and agent.devices == 0
    assert agent.requests > 300 and agent.traps_sent >= 1
    for host, port in ports[:20]:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((host, port))


def test_agent_answers_get_getnext_and_bulk_and_drops_a_wrong_community() -> None:
    from ops_console.demo.data import demo_credentials
    from ops_console.polling.profiles import load_profiles
    from ops_console.polling.results import PollTarget

    async def main() -> None:
        agent = DemoAgent(load_profiles(), demo_credentials(), time.monotonic)
        await agent.start(lambda: None)
        try:
            [t] = await agent.route(
                [PollTarget(1, "127.10.1.90", 161, "v2c", "demo-v2c", "wristband_gateway")]
            )
            loop = asyncio.get_running_loop()
            got: asyncio.Queue[bytes] = asyncio.Queue()

            class Client(asyncio.DatagramProtocol):
                def datagram_received(self, data: bytes, addr: object) -> None:
                    got.put_nowait(data)

            tr, _ = await loop.create_datagram_endpoint(Client, remote_addr=(t.address, t.port))
            try:
                band = "1.3.6.1.4.1.32473.6.2.1.2"
                tr.sendto(ber.encode_request(ber.V2C, b"demo-public", ber.GETBULK, 7, [band], 0, 5))
                reply = ber.decode_message(await asyncio.wait_for(got.get(), 2))
                assert reply.request_id == 7 and len(reply.varbinds) == 5
                assert [o for o, _ in reply.varbinds] == [f"{band}.{i}" for i in range(1, 6)]
                tr.sendto(ber.encode_request(ber.V2C, b"wrong", ber.GET, 8, ["1.3.6.1.2.1.1.3.0"]))
                with __import__("pytest").raises(TimeoutError):
                    await asyncio.wait_for(got.get(), 0.3)
                tr.sendto(
                    ber.encode_request(
                        ber.V2C, b"demo-public", ber.GETNEXT, 9, ["1.3.6.1.4.1.32473.6.2.1.4.12"]
                    )
                )
                end = ber.decode_message(await asyncio.wait_for(got.get(), 2))
                assert end.varbinds[0][1].tag == ber.END_OF_MIB_VIEW
            finally:
                tr.close()
        finally:
            await agent.stop()
        assert agent.open_sockets == 0

    asyncio.run(main())
