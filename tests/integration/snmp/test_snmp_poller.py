"""The poller against a real snmpd: v1, v2c, v3, tables, and every kind of failure."""

from __future__ import annotations

import asyncio
from typing import Any as Snmpd

import pytest

from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.discovery import discover
from ops_console.polling.errors import ErrorKind
from ops_console.polling.profiles import ProbeSpec, load_profiles
from ops_console.polling.results import PollResult, PollTarget
from ops_console.polling.scheduler import Scheduler
from ops_console.polling.snmp import SnmpPoller

pytestmark = pytest.mark.snmpd


def credentials(s: Snmpd) -> dict[str, SnmpCredential]:
    return {
        "community": SnmpCredential(community=s.community),
        "wrong-community": SnmpCredential(community="not-the-community"),
        "v3": SnmpCredential(
            user=s.v3_user,
            auth_proto="SHA",
            auth_key=s.v3_auth,
            priv_proto="AES",
            priv_key=s.v3_priv,
        ),
        "v3-authonly-wrong": SnmpCredential(
            user=s.v3_user, auth_proto="SHA", auth_key="wrong-auth-key"
        ),
        "v3-wrong-auth": SnmpCredential(
            user=s.v3_user,
            auth_proto="SHA",
            auth_key="wrong-auth-key",
            priv_proto="AES",
            priv_key=s.v3_priv,
        ),
        "v3-wrong-priv": SnmpCredential(
            user=s.v3_user,
            auth_proto="SHA",
            auth_key=s.v3_auth,
            priv_proto="AES",
            priv_key="wrong-priv-key",
        ),
    }


def poll_all(s: Snmpd, targets: list[PollTarget]) -> list[PollResult]:
    async def go() -> list[PollResult]:
        async with SnmpPoller(load_profiles(), credentials(s).get) as poller:
            await poller.prepare(targets)
            return [await poller.poll(t) for t in targets]

    return asyncio.run(go())


def target(
    s: Snmpd,
    device_id: int,
    category: str,
    version: str = "v2c",
    credential: str = "community",
    **kw: object,
) -> PollTarget:
    return PollTarget(
        device_id,
        kw.pop("address", f"127.0.1.{device_id}"),
        kw.pop("port", s.port),
        version,
        credential,
        category,
        timeout_s=0.5,
        retries=0,
        **kw,
    )  # type: ignore[arg-type]


def by_metric(result: PollResult) -> dict[str, object]:
    return {(s.metric if s.index is None else f"{s.metric}[{s.index}]"): s for s in result.samples}


def test_v2c_smart_bin_values_types_and_statuses(snmpd: Snmpd) -> None:
    (r,) = poll_all(snmpd, [target(snmpd, 1, "smart_bin")])
    assert r.ok and r.error is None
    m = by_metric(r)
    assert m["fill_level"].value == 87  # type: ignore[attr-defined]
    assert m["battery"].value == 55  # type: ignore[attr-defined]
    assert m["uptime"].value > 0  # type: ignore[attr-defined]
    assert "expected a number, got OCTET STRING 'hot'" in m["temperature"].problem  # type: ignore[attr-defined]
    (lid,) = [st for st in r.statuses if st.metric == "lid"]
    assert (lid.code, lid.state, lid.severity) == (3, "jammed", "critical")


def test_v1_and_v3_give_the_same_values(snmpd: Snmpd) -> None:
    results = poll_all(
        snmpd, [target(snmpd, 2, "smart_bin", "v1"), target(snmpd, 3, "smart_bin", "v3", "v3")]
    )
    for r in results:
        assert r.ok, r.error
        assert by_metric(r)["fill_level"].value == 87  # type: ignore[attr-defined]


def test_access_gate_compliance_fault_absurd_value_and_counter(snmpd: Snmpd) -> None:
    (r,) = poll_all(snmpd, [target(snmpd, 4, "access_gate")])
    (manual,) = [st for st in r.statuses if st.metric == "manual_passage"]
    assert manual.severity == "compliance" and manual.alarm == "manual_passage_failed"
    m = by_metric(r)
    assert "absurd value 999.9" in m["temperature"].problem  # type: ignore[attr-defined]
    assert m["passages"].value is None and "first reading" in m["passages"].problem  # type: ignore[attr-defined]


def test_tables_by_getbulk_v2c_v3_and_getnext_v1(snmpd: Snmpd) -> None:
    results = poll_all(
        snmpd,
        [
            target(snmpd, 5, "wristband_gateway"),
            target(snmpd, 6, "wristband_gateway", "v1"),
            target(snmpd, 7, "wristband_gateway", "v3", "v3"),
        ],
    )
    for r in results:
        assert r.ok, r.error
        m = by_metric(r)
        assert m["bands.band_id[1]"].text == "WB-001"  # type: ignore[attr-defined]
        assert m["bands.battery[2]"].value == 4  # type: ignore[attr-defined]
        assert m["bands.last_seen[2]"].value == 7200  # type: ignore[attr-defined]
        assert [st.state for st in r.statuses if st.metric == "bands.sos"] == [
            "idle",
            "idle",
            "active",
        ]
        assert not [p for p in r.problems if "bands" in p]


def test_network_interfaces_walk_and_no_such_object(snmpd: Snmpd) -> None:
    (r,) = poll_all(snmpd, [target(snmpd, 8, "network")])
    assert r.ok
    m = by_metric(r)
    assert m["interfaces.name[1]"].text == "lo"  # type: ignore[attr-defined]
    assert "noSuchObject" in m["cpu_load"].problem  # type: ignore[attr-defined]
    assert any("cpu_load: noSuchObject" in p for p in r.problems)


@pytest.mark.parametrize(
    ("version", "credential", "port", "expected"),
    [
        ("v2c", "wrong-community", None, "no response"),
        ("v2c", "community", "unused", "no response"),
        ("v3", "v3-wrong-auth", None, "SNMPv3 authentication failed"),
        ("v3", "v3-authonly-wrong", None, "SNMPv3"),
        ("v3", "v3-wrong-priv", None, "no response"),
        ("v3", "community", None, "is a community"),
        ("v2c", "v3", None, "is an SNMPv3 user"),
        ("v2c", "no-such-credential", None, "unknown credential"),
    ],
)
def test_failures_are_recorded_errors(
    snmpd: Snmpd, version: str, credential: str, port: str | None, expected: str
) -> None:
    p = snmpd.unused_port() if port == "unused" else snmpd.port
    (r,) = poll_all(snmpd, [target(snmpd, 9, "smart_bin", version, credential, port=p)])
    assert not r.ok
    assert expected in str(r.error or ""), r.error


def test_unresolvable_name_and_unknown_category(snmpd: Snmpd) -> None:
    results = poll_all(
        snmpd,
        [
            target(snmpd, 10, "smart_bin", address="no-such-device.invalid"),
            target(snmpd, 11, "toaster"),
        ],
    )
    assert "cannot resolve host name 'no-such-device.invalid'" in str(results[0].error or "")
    assert "no profile for category 'toaster'" in str(results[1].error or "")
    assert [r.error.kind for r in results if r.error] == [ErrorKind.RESOLVE, ErrorKind.CONFIG]


def test_probe_only_device(snmpd: Snmpd) -> None:
    async def go() -> list[PollResult]:
        server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            targets = [
                PollTarget(
                    12, "127.0.0.1", 0, "none", None, "camera", probe=ProbeSpec("tcp", port)
                ),
                PollTarget(
                    13,
                    "127.0.0.1",
                    0,
                    "none",
                    None,
                    "camera",
                    probe=ProbeSpec("tcp", snmpd.unused_port()),
                    timeout_s=0.5,
                    retries=0,
                ),
            ]
            async with SnmpPoller(load_profiles(), credentials(snmpd).get) as poller:
                return [await poller.poll(t) for t in targets]
        finally:
            server.close()

    up, down = asyncio.run(go())
    assert up.ok and up.samples[0].value is not None
    assert not down.ok and "refused" in str(down.error or "")
    assert down.error is not None and down.error.kind is ErrorKind.UNREACHABLE


def test_scheduler_slow_lane_does_not_hold_the_living(snmpd: Snmpd) -> None:
    dead_port = snmpd.unused_port()
    living = [target(snmpd, 100 + i, "smart_bin", address=f"127.0.2.{i + 1}") for i in range(50)]
    dead = [
        PollTarget(
            200 + i,
            f"127.0.3.{i + 1}",
            dead_port,
            "v2c",
            "community",
            "smart_bin",
            timeout_s=0.3,
            retries=2,
        )
        for i in range(20)
    ]

    async def go() -> tuple[list[PollResult], list[PollResult]]:
        async with SnmpPoller(load_profiles(), credentials(snmpd).get) as poller:
            sched = Scheduler(poller, max_in_flight=10, slow_in_flight=5)
            first = await sched.run_once(living + dead)
            second = await sched.run_once(living + dead)
            assert sched.backoff_of(200) is not None and sched.backoff_of(200)[0] == 2  # type: ignore[index]
            return first, second

    first, second = asyncio.run(go())
    for results in (first, second):
        assert all(r.ok and r.lane == "main" for r in results[:50])
        # a silent device's poll is a timeout (its kind, not its words), retried in the slow lane
        assert all(
            not r.ok and r.lane == "slow" and r.error is not None and r.error.is_timeout
            for r in results[50:]
        ), [(r.lane, r.error) for r in results[50:]]
        assert all(r.error and r.error.params["timeout_s"] == 0.3 for r in results[50:])


def test_scheduler_run_loop_delivers_batches_and_stops_cleanly(snmpd: Snmpd) -> None:
    targets = [
        PollTarget(
            300 + i, f"127.0.4.{i + 1}", snmpd.port, "v2c", "community", "smart_bin", interval_s=1
        )
        for i in range(20)
    ]
    got: list[PollResult] = []

    async def go() -> None:
        stop = asyncio.Event()
        async with SnmpPoller(load_profiles(), credentials(snmpd).get) as poller:
            sched = Scheduler(poller)
            runner = asyncio.create_task(sched.run(lambda: targets, got.extend, stop, tick_s=0.05))
            await asyncio.sleep(2.6)
            stop.set()
            await asyncio.wait_for(runner, 5)

    asyncio.run(go())
    per_device = {r.device_id for r in got}
    assert per_device == {t.device_id for t in targets}
    assert 40 <= len(got) <= 80  # ~2–3 polls each at a 1 s interval, jittered start
    assert all(r.ok for r in got)


def test_discovery_suggests_from_sys_object_id(snmpd: Snmpd) -> None:
    found = asyncio.run(
        discover(
            "127.0.5.0/29",
            SnmpCredential(community=snmpd.community),
            port=snmpd.port,
            rate_per_s=500,
            timeout_s=0.5,
        )
    )
    assert [s.address for s in found] == [f"127.0.5.{i}" for i in range(1, 7)]
    assert all(
        s.category == "smart_bin" and s.sys_object_id == "1.3.6.1.4.1.32473.4" for s in found
    )
    assert "smart bin" in found[0].sys_descr
