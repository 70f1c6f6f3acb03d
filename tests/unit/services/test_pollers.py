"""Pollers sharing the devices through the database (here SQLite, one writer at a time):
registration, fair shares, take-over after the failover delay, fenced writes, clean stops,
unknown health from coverage, and `poll --once` of one community leaving the others alone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from ops_console.domain.errors import ValidationError
from ops_console.polling.results import PollResult, Sample
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from ops_console.services.pollers import PollerScope, PollersService
from ops_console.services.pollers.registry import PollerFenced

N_HB, N_JN = 10, 4


def _row(tag: str, community: str, zone: str, addr: str, status: str = "in_service") -> str:
    return (
        f"{tag},{tag},smart_bin,{community},{zone},,,,,{addr},v2c,161,demo-v2c,60,,,normal,{status}"
    )


@pytest.fixture
def fleet(services, admin, tmp_path: Path) -> dict[str, int]:
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    services.accounts.add_community(admin, "江南")
    rows = [_row(f"HB-{i:03d}", "湖滨", "1幢", f"127.10.1.{i + 1}") for i in range(N_HB)]
    rows += [_row(f"JN-{i:03d}", "江南", "", f"127.10.2.{i + 1}") for i in range(N_JN)]
    rows.append(_row("HB-OLD", "湖滨", "", "127.10.1.200", "retired"))
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
    services.inventory.import_csv(admin, csv)
    return {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}


@pytest.fixture
def registry(services, clock) -> PollersService:
    return PollersService(services.db, clock, failover_s=30, heartbeat_s=5)


def ok(dev: int, at) -> PollResult:
    return PollResult(dev, True, at, samples=(Sample("fill_level", 40.0),), latency_ms=1.0)


def health(services, admin) -> dict[str, str]:
    return {h.asset_tag: h.health for h in services.monitoring.device_health(admin)}


def test_two_pollers_share_the_devices_fairly_and_never_both(services, fleet, registry):
    a = registry.register("p-a", "host-a", 1)
    assert len(registry.heartbeat(a).held) == N_HB + N_JN  # alone: everything
    b = registry.register("p-b", "host-b", 2)
    lb = registry.heartbeat(b)
    assert lb.held == {} and lb.share == 7  # a has not handed its excess back yet
    # within two heartbeats the newcomer has its fair share
    la = registry.heartbeat(a)
    lb = registry.heartbeat(b)
    assert len(la.held) == len(lb.held) == (N_HB + N_JN) // 2
    assert set(la.held).isdisjoint(lb.held)
    assert set(la.held) | set(lb.held) == {v for k, v in fleet.items() if k != "HB-OLD"}
    assert registry.uncovered_devices() == 0


def test_a_dead_pollers_devices_are_taken_over_after_the_failover_delay(
    services, admin, fleet, registry, clock
):
    a = registry.register("p-a", "host-a", 1)
    b = registry.register("p-b", "host-b", 2)
    for _ in range(2):
        la = registry.heartbeat(a)
        lb = registry.heartbeat(b)
    now = clock.now()
    assert services.monitoring.store_results([ok(d, now) for d in la.held], fence=a.fence).ok == 7
    assert services.monitoring.store_results([ok(d, now) for d in lb.held], fence=b.fence).ok == 7
    last_beat_a = clock.now()
    # a stops heartbeating; before the failover delay nothing moves
    clock.advance(seconds=25)
    lb = registry.heartbeat(b)
    assert len(lb.held) == 7 and lb.buried == ()
    clock.advance(seconds=10)
    lb = registry.heartbeat(b)
    assert lb.buried == ("p-a",) and len(lb.held) == N_HB + N_JN
    # a's devices are unknown from its last heartbeat, b's untouched
    by_id = {v: k for k, v in fleet.items()}
    h = health(services, admin)
    assert {by_id[d] for d in la.held} == {t for t, v in h.items() if v == "unknown"} - {"HB-OLD"}
    spans = services.monitoring.health_spans(
        admin, now - timedelta(hours=1), clock.now(), by_id[next(iter(la.held))]
    )
    assert [(s.health, s.starts_at) for s in spans] == [("up", now), ("unknown", last_beat_a)]
    info = {p.name: p for p in registry.list_pollers(admin)}
    assert info["p-a"].state == "dead" and info["p-a"].taken_over == (("p-b", 7),)
    assert info["p-b"].state == "running" and info["p-b"].devices == N_HB + N_JN
    # a comes back: its writes are fenced, its heartbeat says it must register again
    late = clock.now()
    got = services.monitoring.store_results([ok(d, late) for d in la.held], fence=a.fence)
    assert got.ok == 0 and got.fenced == 7
    with pytest.raises(PollerFenced):
        registry.heartbeat(a)
    a2 = registry.register("p-a", "host-a", 1)
    assert a2.epoch == a.epoch + 1


def test_a_result_polled_under_an_earlier_lease_is_not_stored(services, fleet, registry, clock):
    a = registry.register("p-a", "host-a", 1)
    la = registry.heartbeat(a)
    before = clock.now()
    dev = next(iter(la.held))
    registry.stop(a)
    clock.advance(seconds=1)
    a = registry.register("p-a", "host-a", 1)
    registry.heartbeat(a)  # the same devices, under new leases
    got = services.monitoring.store_results([ok(dev, before)], fence=a.fence)
    assert got.fenced == 1 and got.ok == 0


def test_a_clean_stop_hands_every_device_back_at_once(services, admin, fleet, registry, clock):
    a = registry.register("p-a", "host-a", 1)
    b = registry.register("p-b", "host-b", 2)
    for _ in range(2):
        la = registry.heartbeat(a)
        registry.heartbeat(b)
    now = clock.now()
    services.monitoring.store_results([ok(d, now) for d in la.held], fence=a.fence)
    clock.advance(seconds=3)
    assert registry.stop(a) == 7
    stopped = clock.now()
    assert registry.uncovered_devices() == 7
    assert registry.heartbeat(b).held.keys() >= la.held.keys()  # no failover delay to wait
    assert registry.uncovered_devices() == 0
    by_id = {v: k for k, v in fleet.items()}
    spans = services.monitoring.health_spans(
        admin, now - timedelta(hours=1), clock.now() + timedelta(1), by_id[next(iter(la.held))]
    )
    assert [(s.health, s.starts_at) for s in spans] == [("up", now), ("unknown", stopped)]
    assert {p.name: p.state for p in registry.list_pollers(admin)} == {
        "p-a": "stopped",
        "p-b": "running",
    }


def test_scopes_and_a_second_poller_of_the_same_name(services, fleet, registry):
    hb = registry.register("hb-1", "host-a", 1, PollerScope(("湖滨",)))
    jn = registry.register("jn-1", "host-b", 2, PollerScope(("江南",)))
    assert len(registry.heartbeat(hb).held) == N_HB
    assert len(registry.heartbeat(jn).held) == N_JN
    with pytest.raises(ValidationError, match="running on host-a"):
        registry.register("hb-1", "host-c", 3)
    with pytest.raises(ValidationError, match="no community or zone named '无此小区'"):
        registry.register("x", "host-c", 3, PollerScope(("无此小区",)))
    zone = registry.register("hb-z", "host-d", 4, PollerScope(("湖滨",), ("1幢",)))
    assert registry.heartbeat(zone).held == {}  # 湖滨's devices are all held by hb-1


def test_devices_added_or_retired_are_picked_up_or_dropped_in_one_heartbeat(
    services, admin, fleet, registry, tmp_path
):
    a = registry.register("p-a", "host-a", 1)
    assert len(registry.heartbeat(a).held) == N_HB + N_JN
    csv = tmp_path / "more.csv"
    csv.write_text(
        "\n".join(
            [
                ",".join(HEADER),
                _row("JN-NEW", "江南", "", "127.10.2.99"),
                _row("JN-000", "江南", "", "127.10.2.1", "retired"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    services.inventory.import_csv(admin, csv)
    held = registry.heartbeat(a).held
    new = {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}
    assert new["JN-NEW"] in held and fleet["JN-000"] not in held
    assert len(held) == N_HB + N_JN


def test_poll_once_of_one_community_leaves_the_others_health_alone(services, admin, fleet, clock):
    """Regression: `poll --once --community 湖滨` after an earlier run turned every device of
    the other communities unknown (221 of them on the demo)."""
    mon = services.monitoring
    run = mon.start_run("host-a")
    mon.store_results([ok(d, clock.now()) for t, d in fleet.items() if t != "HB-OLD"])
    mon.stop_run(run, mark_unknown=False)  # a poll --once keeps the snapshot
    clock.advance(minutes=10)
    run = mon.start_run("host-a", community="湖滨")
    mon.store_results([ok(d, clock.now()) for t, d in fleet.items() if t.startswith("HB-0")])
    mon.stop_run(run, mark_unknown=False, community="湖滨")
    h = health(services, admin)
    assert {h[t] for t in fleet if t.startswith("JN-")} == {"up"}
    assert {h[t] for t in fleet if t.startswith("HB-0")} == {"up"}


def test_pollers_of_overlapping_scopes_share_what_both_can_poll(services, fleet, registry):
    """Regression: a poller of 湖滨 beside one of every community got nothing (each claimed
    only what was free in its own scope, and the first held everything)."""
    hb = {v for k, v in fleet.items() if k.startswith("HB-0")}
    jn = {v for k, v in fleet.items() if k.startswith("JN-")}
    every = registry.register("all", "host-a", 1)
    assert set(registry.heartbeat(every).held) == hb | jn
    local = registry.register("湖滨-1", "host-b", 2, PollerScope(("湖滨",)))
    registry.heartbeat(local)  # nothing free yet
    registry.heartbeat(every)  # hands back its excess in 湖滨
    mine = set(registry.heartbeat(local).held)  # the newcomer's second heartbeat
    theirs = set(registry.heartbeat(every).held)
    assert mine <= hb and mine.isdisjoint(theirs)
    assert abs(len(mine) - len(hb) / 2) <= 0.1 * len(hb)  # half of 湖滨, within ±10 %
    assert theirs == jn | (hb - mine)  # 江南 stays with the only poller that may poll it
    # a third poller scoped to one zone of 湖滨: three share that zone, within two heartbeats
    zone = registry.register("湖滨-1幢", "host-c", 3, PollerScope(("湖滨",), ("1幢",)))
    for _ in range(2):
        held = {p.name: set(registry.heartbeat(p).held) for p in (zone, every, local)}
    counts = sorted(len(h & hb) for h in held.values())
    assert counts == [3, 3, 4]
    assert set().union(*held.values()) == hb | jn  # every device held, by one poller each
    assert sum(len(h) for h in held.values()) == len(hb | jn)
    assert registry.uncovered_devices() == 0


def test_a_heartbeat_says_when_the_first_other_poller_turns_dead(services, fleet, registry, clock):
    a = registry.register("p-a", "host-a", 1)
    b = registry.register("p-b", "host-b", 2)
    registry.heartbeat(a)
    a_beat = clock.now()
    clock.advance(seconds=3)
    lb = registry.heartbeat(b)
    assert lb.expiry == a_beat + timedelta(seconds=30) and not lb.hurry
    clock.advance(seconds=27)  # just after a's expiry, not a whole heartbeat later
    clock.advance(microseconds=1)
    lb = registry.heartbeat(b)
    assert lb.buried == ("p-a",) and len(lb.held) == N_HB + N_JN
    assert lb.expiry is None  # nobody left to watch


def test_the_heartbeat_thread_wakes_at_the_expiry_of_another_poller(registry, clock):
    from ops_console.services.pollers import LeaseKeeper
    from ops_console.services.pollers.leases import EXPIRY_MARGIN_S, HURRY_S

    mono = [100.0]
    keeper = LeaseKeeper(registry, "p-a", PollerScope(), "host-a", 1, monotonic=lambda: mono[0])
    assert keeper.next_wait(regular=105.0) == 5.0  # nobody to watch: the regular beat
    keeper._expiry = clock.now() + timedelta(seconds=2)
    assert keeper.next_wait(regular=105.0) == pytest.approx(2 + EXPIRY_MARGIN_S)
    keeper._expiry = clock.now() + timedelta(seconds=20)
    assert keeper.next_wait(regular=105.0) == 5.0
    keeper._hurry = True
    assert keeper.next_wait(regular=105.0) == HURRY_S


def test_the_heartbeat_goes_on_while_a_balance_is_held_up(services, fleet, clock):
    """The heartbeat thread records the poller's heartbeat (with the cycle's figures) while
    its balance (a take-over, say) is still under way: the others never see it late."""
    import threading
    import time

    from ops_console.services.pollers import LeaseKeeper

    registry = PollersService(services.db, clock, failover_s=1.0, heartbeat_s=0.05)
    keeper = LeaseKeeper(registry, "p-a", PollerScope(), "host-a", 1)
    keeper.start(lambda: {"rate": 1.0})
    assert len(keeper.held) == N_HB + N_JN
    held_up, entered = threading.Event(), threading.Event()
    balance = registry.heartbeat

    def slow_balance(*args, **kwargs):
        entered.set()
        held_up.wait()
        return balance(*args, **kwargs)

    registry.heartbeat = slow_balance
    try:
        assert entered.wait(10)  # the balance thread is stuck in a balance
        clock.advance(seconds=20)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            (beat,) = [p.heartbeat_at for p in registry.list_pollers(SYSTEM)]
            if beat == clock.now():
                break
            time.sleep(0.05)
        assert beat == clock.now() and not held_up.is_set()
        (info,) = registry.list_pollers(SYSTEM)
        assert info.state == "running" and info.last_cycle == {"rate": 1.0}
    finally:
        held_up.set()
        keeper.stop()
    assert [p.state for p in registry.list_pollers(SYSTEM)] == ["stopped"]


def test_a_one_off_poll_takes_only_what_no_live_poller_holds(services, admin, fleet, registry):
    """`poll --once` on a shared installation: it leases the devices nobody holds for its one
    poll, takes no share of the others' (their shares ignore it), and leaves health alone
    when it hands them back."""
    hb = {v for k, v in fleet.items() if k.startswith("HB-0")}
    jn = {v for k, v in fleet.items() if k.startswith("JN-")}
    local = registry.register("湖滨-1", "host-a", 1, PollerScope(("湖滨",)))
    assert set(registry.heartbeat(local).held) == hb
    once = registry.register("host-b (once)", "host-b", 2, PollerScope(share=False))
    got = registry.take_free(once)
    assert set(got.held) == jn  # 湖滨's devices stay with 湖滨-1
    assert set(registry.heartbeat(local).held) == hb  # which hands nothing back to it
    assert set(registry.heartbeat(once).held) == jn  # nor does its own heartbeat balance
    info = {p.name: p for p in registry.list_pollers(admin)}
    assert info["host-b (once)"].scope == "* (once)"
    now = registry.clock.now()
    services.monitoring.store_results([ok(d, now) for d in jn], fence=once.fence)
    assert registry.stop(once) == len(jn)
    assert {
        t: v for t, v in health(services, admin).items() if t.startswith("JN-")
    } == dict.fromkeys(
        (k for k in fleet if k.startswith("JN-")), "up"
    )  # polled a moment ago: not unknown
