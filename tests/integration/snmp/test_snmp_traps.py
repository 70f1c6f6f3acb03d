"""The trap receiver against net-snmp's snmptrap/snmpinform: mapping, counters, bad packets."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess

import pytest

from ops_console.polling.profiles import load_profiles
from ops_console.polling.traps import TrapAuth, TrapEvent, TrapReceiver, TrapSender

pytestmark = [
    pytest.mark.snmpd,
    pytest.mark.skipif(
        shutil.which("snmptrap") is None,
        reason="net-snmp snmptrap not installed (Debian package snmp)",
    ),
]

DEVICES = {"127.0.0.1": TrapSender(1, "smart_bin"), "127.0.0.2": TrapSender(2, "wristband_gateway")}


async def send(env: dict[str, str], *args: str) -> None:
    proc = await asyncio.create_subprocess_exec(
        *args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()


def run_receiver(
    env: dict[str, str], script: list[list[str] | bytes]
) -> tuple[list[TrapEvent], TrapReceiver]:
    async def go() -> tuple[list[TrapEvent], TrapReceiver]:
        receiver = TrapReceiver(load_profiles(), DEVICES.get, communities=frozenset({"trapcomm"}))
        _, port = await receiver.start("127.0.0.1", 0)
        try:
            for step in script:
                if isinstance(step, bytes):
                    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                        s.sendto(step, ("127.0.0.1", port))
                else:
                    await send(env, *[a.replace("PORT", str(port)) for a in step])
            await asyncio.sleep(0.2)
            events = []
            while not receiver.queue.empty():
                events.append(receiver.queue.get_nowait())
            return events, receiver
        finally:
            receiver.close()

    return asyncio.run(go())


def test_v2c_trap_inform_and_v1_trap_are_mapped(snmp_tool_env: dict[str, str]) -> None:
    events, rx = run_receiver(
        snmp_tool_env,
        [
            [
                "snmptrap",
                "-v2c",
                "-c",
                "trapcomm",
                "udp:127.0.0.1:PORT",
                "",
                "1.3.6.1.4.1.32473.4.0.1",
            ],
            # an inform (acknowledged, else snmpinform would fail) from the wristband gateway
            [
                "snmpinform",
                "-v2c",
                "-c",
                "trapcomm",
                "-t",
                "1",
                "-r",
                "0",
                "--clientaddr=127.0.0.2",
                "udp:127.0.0.1:PORT",
                "",
                "1.3.6.1.4.1.32473.6.0.1",
                "1.3.6.1.4.1.32473.6.2.1.1.2",
                "s",
                "WB-002",
            ],
            # v1: enterprise 1.3.6.1.4.1.32473.4, specific 3 → bin_fire_risk
            [
                "snmptrap",
                "-v1",
                "-c",
                "trapcomm",
                "udp:127.0.0.1:PORT",
                "1.3.6.1.4.1.32473.4",
                "127.0.0.1",
                "6",
                "3",
                "",
            ],
        ],
    )
    assert [(e.device_id, e.action, e.rule) for e in events] == [
        (1, "alarm", "bin_overflow"),
        (2, "care", "sos"),
        (1, "alarm", "bin_fire_risk"),
    ]
    assert events[0].work_kind == "cleaning"
    assert events[1].inform and events[1].subject == "WB-002"
    assert rx.counters["informs_acked"] == 1 and rx.counters["mapped"] == 3


def test_unknown_sender_unmapped_oid_bad_community_and_garbage_are_counted(
    snmp_tool_env: dict[str, str],
) -> None:
    events, rx = run_receiver(
        snmp_tool_env,
        [
            [
                "snmptrap",
                "-v2c",
                "-c",
                "trapcomm",
                "--clientaddr=127.0.0.9",
                "udp:127.0.0.1:PORT",
                "",
                "1.3.6.1.4.1.32473.4.0.1",
            ],
            [
                "snmptrap",
                "-v2c",
                "-c",
                "trapcomm",
                "udp:127.0.0.1:PORT",
                "",
                "1.3.6.1.4.1.32473.9.0.9",
            ],
            [
                "snmptrap",
                "-v2c",
                "-c",
                "guess",
                "udp:127.0.0.1:PORT",
                "",
                "1.3.6.1.4.1.32473.4.0.1",
            ],
            b"\x30\x82\xff\xff garbage",
            b"",
            [
                "snmptrap",
                "-v3",
                "-u",
                "someone",
                "-l",
                "noAuthNoPriv",
                "-e",
                "0x8000000001020304",
                "udp:127.0.0.1:PORT",
                "",
                "1.3.6.1.4.1.32473.4.0.1",
            ],
        ],
    )
    assert events == []
    assert rx.counters["unknown_sender"] == 1
    assert rx.counters["unmapped_oid"] == 1
    assert rx.counters["bad_community"] == 1
    assert rx.counters["malformed"] == 2
    assert rx.counters["v3_unknown_user"] == 1  # a v3 trap from a user nobody configured


def test_community_must_be_the_devices_own_or_a_known_one(
    snmp_tool_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    # device 1 is polled with "bin-comm"; device 2 by SNMPv3 (any configured community goes)
    auth = TrapAuth(
        device_communities={1: "bin-comm"},
        communities=frozenset({"bin-comm", "gate-comm"}),
    )

    def v2c(community: str, client: str) -> list[str]:
        return ["snmptrap", "-v2c", "-c", community, f"--clientaddr={client}",
                "udp:127.0.0.1:PORT", "", "1.3.6.1.4.1.32473.4.0.1"]  # fmt: skip

    async def go() -> tuple[list[TrapEvent], TrapReceiver]:
        receiver = TrapReceiver(load_profiles(), DEVICES.get, auth=auth)
        _, port = await receiver.start("127.0.0.1", 0)
        try:
            for community, client in [
                ("bin-comm", "127.0.0.1"),  # its own: mapped
                ("gate-comm", "127.0.0.1"),  # known, but not device 1's: rejected
                ("gate-comm", "127.0.0.2"),  # device 2 has no community of its own: accepted
                ("guess", "127.0.0.9"),  # unknown sender, unknown community: rejected
                ("gate-comm", "127.0.0.9"),  # unknown sender, known community: unknown sender
            ]:
                await send(
                    snmp_tool_env, *[a.replace("PORT", str(port)) for a in v2c(community, client)]
                )
            await asyncio.sleep(0.2)
            events = []
            while not receiver.queue.empty():
                events.append(receiver.queue.get_nowait())
            return events, receiver
        finally:
            receiver.close()

    events, rx = asyncio.run(go())
    assert [e.device_id for e in events] == [1]  # device 2's gateway profile has no such OID
    assert rx.counters["bad_community"] == 2
    assert rx.counters["unknown_sender"] == 1
    assert rx.counters["unmapped_oid"] == 1
    assert "wrong community from 127.0.0.1 (device 1 is polled with another)" in caplog.text
    assert (
        "wrong community from 127.0.0.9 (unknown sender; not a configured community)" in caplog.text
    )


def test_without_any_configured_community_v2c_traps_are_rejected(
    snmp_tool_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    async def go() -> TrapReceiver:
        receiver = TrapReceiver(load_profiles(), DEVICES.get, auth=TrapAuth())
        _, port = await receiver.start("127.0.0.1", 0)
        try:
            await send(snmp_tool_env, "snmptrap", "-v2c", "-c", "public", f"udp:127.0.0.1:{port}",
                       "", "1.3.6.1.4.1.32473.4.0.1")  # fmt: skip
            await asyncio.sleep(0.2)
            assert receiver.queue.empty()
            return receiver
        finally:
            receiver.close()

    rx = asyncio.run(go())
    assert rx.counters["bad_community"] == 1 and rx.counters["mapped"] == 0
    assert "no SNMP community is configured" in caplog.text
