"""Our own SNMPv3 USM against a real snmpd: every protocol, every USM error, time window, reboots."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any
from typing import Any as Snmpd

import pytest

from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.discovery import discover
from ops_console.polling.profiles import load_profiles
from ops_console.polling.results import PollResult, PollTarget
from ops_console.polling.snmp import SnmpPoller

from .conftest import V3_AUTH, V3_PRIV, V3_USER, V3_USERS, free_udp_port, start_snmpd, stop_snmpd
from .conftest import write_config as write_snmpd_config

pytestmark = pytest.mark.snmpd

OURS = {"SHA-256": "SHA256", "SHA-512": "SHA512"}  # net-snmp's spelling → ours


def cred(user: str, auth: str | None, priv: str | None, **kw: str) -> SnmpCredential:
    return SnmpCredential(
        user=user,
        auth_proto=OURS.get(auth or "", auth),
        auth_key=kw.get("auth_key", V3_AUTH) if auth else None,
        priv_proto=priv,
        priv_key=kw.get("priv_key", V3_PRIV) if priv else None,
    )


def target(port: int, device_id: int, credential: str, timeout_s: float = 0.5) -> PollTarget:
    return PollTarget(
        device_id, f"127.0.4.{device_id}", port, "v3", credential, "smart_bin",
        timeout_s=timeout_s, retries=0,
    )  # fmt: skip


def poll_all(
    creds: dict[str, SnmpCredential], targets: list[PollTarget], **kw: Any
) -> tuple[list[PollResult], dict[str, int]]:
    async def go() -> tuple[list[PollResult], dict[str, int]]:
        async with SnmpPoller(load_profiles(), creds.get, **kw) as poller:
            results = [await poller.poll(t) for t in targets]
            return results, dict(poller.usm.counters)

    return asyncio.run(go())


def fill_level(r: PollResult) -> float | None:
    return {s.metric: s.value for s in r.samples}["fill_level"]


@pytest.mark.parametrize(
    ("user", "auth", "priv"),
    [(V3_USER, "SHA", "AES"), *V3_USERS],
    ids=lambda v: str(v),
)
def test_every_auth_and_privacy_protocol_reads_the_agent(
    snmpd: Snmpd, user: str, auth: str, priv: str | None
) -> None:
    # SHA/AES, SHA authNoPriv, MD5/AES, SHA-256/AES-256, SHA-512/AES-192, SHA/DES
    results, counters = poll_all({"c": cred(user, auth, priv)}, [target(snmpd.port, 1, "c")])
    assert results[0].ok, results[0].error
    assert fill_level(results[0]) == 87
    assert counters == {"discoveries": 1}  # our USM, no pysnmp


@pytest.mark.parametrize(
    ("credential", "expected"),
    [
        (cred(V3_USER, "SHA", "AES", auth_key="wrong-auth-key"), "usmStatsWrongDigests"),
        (cred("opsv3auth", "SHA", None, auth_key="wrong-auth-key"), "usmStatsWrongDigests"),
        (cred(V3_USER, "SHA", "AES", priv_key="wrong-priv-key"), "wrong SNMPv3 privacy key"),
        (cred(V3_USER, "MD5", "AES"), "usmStatsWrongDigests"),  # the right key, wrong protocol
        (cred("nobody", "SHA", "AES"), "usmStatsUnknownUserNames"),
        (cred("opsv3auth", "SHA", "AES"), "usmStatsUnsupportedSecLevels"),  # user has no priv key
    ],
    ids=[
        "wrong-auth",
        "wrong-auth-authNoPriv",
        "wrong-priv",
        "wrong-auth-proto",
        "unknown-user",
        "unsupported-level",
    ],
)
def test_usm_errors_are_recorded_with_the_reason(
    snmpd: Snmpd, credential: SnmpCredential, expected: str
) -> None:
    results, _ = poll_all({"c": credential}, [target(snmpd.port, 2, "c", timeout_s=0.3)])
    assert not results[0].ok
    assert expected in str(results[0].error or ""), results[0].error


def test_engine_id_is_discovered_once_per_address_and_kept(snmpd: Snmpd) -> None:
    creds = {"c": cred(V3_USER, "SHA", "AES")}
    targets = [target(snmpd.port, 10 + i, "c") for i in range(4)]
    results, counters = poll_all(creds, targets + targets)  # two cycles
    assert all(r.ok for r in results), [r.error for r in results]
    assert counters == {"discoveries": 4}  # no second discovery, no report, no resync


def test_concurrent_first_requests_share_one_discovery(snmpd: Snmpd) -> None:
    creds = {"c": cred(V3_USER, "SHA", "AES")}
    same_address = [
        PollTarget(20 + i, "127.0.4.20", snmpd.port, "v3", "c", "smart_bin", timeout_s=0.5)
        for i in range(6)
    ]

    async def go() -> tuple[list[PollResult], dict[str, int]]:
        async with SnmpPoller(load_profiles(), creds.get) as poller:
            results = await asyncio.gather(*(poller.poll(t) for t in same_address))
            return list(results), dict(poller.usm.counters)

    results, counters = asyncio.run(go())
    assert all(r.ok for r in results), [r.error for r in results]
    assert counters == {"discoveries": 1}


def test_a_clock_out_of_the_window_is_resynchronised_once(snmpd: Snmpd) -> None:
    # our notion of the agent's clock jumps 1,000 s ahead: the agent answers with an
    # authenticated notInTimeWindow report, we take its clock and the retry succeeds
    now = [100.0]
    creds = {"c": cred(V3_USER, "SHA", "AES")}

    async def go() -> tuple[list[PollResult], dict[str, int]]:
        async with SnmpPoller(load_profiles(), creds.get, monotonic=lambda: now[0]) as poller:
            t = target(snmpd.port, 30, "c")
            first = await poller.poll(t)
            now[0] += 1000
            second = await poller.poll(t)
            third = await poller.poll(t)
            return [first, second, third], dict(poller.usm.counters)

    results, counters = asyncio.run(go())
    assert [r.ok for r in results] == [True, True, True], [r.error for r in results]
    assert counters == {"discoveries": 1, "reports": 1, "resyncs": 1}


def own_snmpd(folder: Path, port: int) -> Any:
    """An snmpd with ``folder`` as its persistent directory (engine ID and boots live there)."""
    conf_dir = folder / "conf"  # not folder/snmpd.conf: snmpd saves its persistent state there
    conf_dir.mkdir(parents=True, exist_ok=True)
    conf = str(write_snmpd_config(conf_dir))
    state = folder / "snmpd.conf"
    if state.exists():  # -C skips the persistent file unless it is named (oldEngineID, engineBoots)
        conf += f",{state}"
    return start_snmpd(folder, conf, port)


def test_agent_reboot_and_new_engine_id_are_followed(tmp_path: Path) -> None:
    port = free_udp_port()
    creds = {"c": cred(V3_USER, "SHA", "AES")}
    steps: list[tuple[PollResult, dict[str, int]]] = []

    async def go() -> None:
        async with SnmpPoller(load_profiles(), creds.get) as poller:
            t = PollTarget(40, "127.0.4.40", port, "v3", "c", "smart_bin", timeout_s=1.0)
            proc = own_snmpd(tmp_path / "a", port)
            try:
                steps.append((await poller.poll(t), dict(poller.usm.counters)))
            finally:
                stop_snmpd(proc)
            # same persistent directory: same engine ID, snmpEngineBoots + 1, time from 0
            proc = own_snmpd(tmp_path / "a", port)
            try:
                steps.append((await poller.poll(t), dict(poller.usm.counters)))
            finally:
                stop_snmpd(proc)
            # a fresh directory: a new engine ID (a replaced device)
            proc = own_snmpd(tmp_path / "b", port)
            try:
                steps.append((await poller.poll(t), dict(poller.usm.counters)))
            finally:
                stop_snmpd(proc)

    asyncio.run(go())
    assert [r.ok for r, _ in steps] == [True, True, True], [r.error for r, _ in steps]
    assert steps[0][1] == {"discoveries": 1}
    assert steps[1][1] == {"discoveries": 1, "reports": 1, "resyncs": 1}
    assert steps[2][1] == {"discoveries": 1, "reports": 2, "resyncs": 1, "rediscoveries": 1}


@pytest.mark.parametrize(
    ("auth", "priv", "user"), [("SHA", "AES", V3_USER), ("SHA", "DES", "opsv3des")]
)
def test_discovery_sweeps_with_snmpv3(snmpd: Snmpd, auth: str, priv: str, user: str) -> None:
    # AES-CFB and DES-CBC through our USM: the same suggestions
    found = asyncio.run(
        discover(
            "127.0.6.0/30", cred(user, auth, priv), version="v3", port=snmpd.port,
            rate_per_s=500, timeout_s=0.5,
        )
    )  # fmt: skip
    assert [(s.address, s.category) for s in found] == [
        ("127.0.6.1", "smart_bin"),
        ("127.0.6.2", "smart_bin"),
    ]
