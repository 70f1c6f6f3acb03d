"""Stale data: a device the running poller polled, then had no data from for three intervals.
A device not polled yet since the poller watches it is not stale (unknown, not reached yet);
not in maintenance; cleared by the first good poll; after failed polls, until the unreachable
alarm takes over. The alarms open in write transactions of at most ``stale.BATCH`` devices."""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import timedelta

from ops_console.domain.clock import DEFAULT_ZONE
from ops_console.services.monitoring.ingest import stale

from . import test_monitoring
from .test_monitoring import bin_ok, dead, gate, step

fleet = test_monitoring.fleet  # the fixture


def stale_open(services, admin) -> dict[str, str]:
    return {
        a.asset_tag: str(a.message)  # rendered in English
        for a in services.monitoring.list_alarms(admin, open_only=True)
        if a.rule == "stale_data"
    }


def test_a_device_never_polled_is_not_stale(services, admin, clock, fleet):
    """The poller starting with many devices reaches them over its first cycle: those not
    reached yet are unknown, not stale (the 100,000-device start opened ~97,000 alarms)."""
    mon = services.monitoring
    clock.advance(days=3)  # the devices were added three days before the poller ever ran
    started = clock.now()
    mon.start_run("host-a")
    clock.advance(hours=2)
    assert mon.check_stale(started) == 0
    assert stale_open(services, admin) == {}
    assert {h.health for h in mon.device_health(admin)} == {"unknown"}


def test_a_device_polled_in_this_run_goes_stale_three_intervals_after_its_last_poll(
    services, admin, clock, fleet
):
    mon = services.monitoring
    b = fleet["HB-BIN-001"]
    mon.start_run("host-a")
    started = clock.now()
    polled_at = clock.now()
    step(services, clock, lambda at: bin_ok(b, at), minutes=2)
    assert mon.check_stale(started) == 0  # 2 minutes: not yet
    clock.advance(seconds=60)
    assert mon.check_stale(started) == 0  # interval 60 s: 3 minutes is not more than 3
    clock.advance(seconds=1)
    assert mon.check_stale(started) == 1
    hhmm = polled_at.astimezone(DEFAULT_ZONE).strftime("%Y-%m-%d %H:%M")
    assert stale_open(services, admin) == {"HB-BIN-001": f"HB-BIN-001: no data since {hhmm}"}
    [a] = [a for a in mon.list_alarms(admin) if a.asset_tag == "HB-BIN-001"]
    assert (a.source, a.severity) == ("stale", "warning")
    assert mon.check_stale(started) == 0  # no duplicates
    step(services, clock, lambda at: bin_ok(b, at))  # the first good poll clears it
    assert stale_open(services, admin) == {}


def test_a_poll_from_before_the_run_does_not_make_a_device_stale(services, admin, clock, fleet):
    """Polled by an earlier run (or by the poller that held its lease before): not reached by
    this one yet."""
    mon = services.monitoring
    b = fleet["HB-BIN-001"]
    step(services, clock, lambda at: bin_ok(b, at))
    clock.advance(hours=1)
    started = clock.now()
    mon.start_run("host-a")
    clock.advance(minutes=10)
    assert mon.check_stale(started) == 0
    # a registered poller watches a device from when it took its lease
    g = fleet["HB-GATE-001"]
    step(services, clock, lambda at: bin_ok(b, at), lambda at: gate(g, at))
    taken = clock.now()
    clock.advance(minutes=10)
    assert mon.check_stale(started, None, {b: started, g: taken}) == 1
    assert sorted(stale_open(services, admin)) == ["HB-BIN-001"]


def test_no_stale_alarm_in_maintenance(services, admin, clock, fleet):
    mon = services.monitoring
    b = fleet["JN-BIN-001"]
    started = clock.now()
    mon.start_run("host-a")
    step(services, clock, lambda at: bin_ok(b, at))
    services.monitoring.add_maintenance_window(
        admin, community="江南", start=started, end=started + timedelta(hours=1), reason="安装调试"
    )
    clock.advance(minutes=10)
    assert mon.check_stale(started) == 0
    clock.advance(hours=1)
    assert mon.check_stale(started) == 1
    assert "JN-BIN-001" in stale_open(services, admin)


def test_after_failed_polls_stale_lasts_until_unreachable_opens(services, admin, clock, fleet):
    mon = services.monitoring
    b = fleet["HB-BIN-001"]
    started = clock.now()
    mon.start_run("host-a")
    step(services, clock, lambda at: bin_ok(b, at))
    clock.advance(minutes=5)
    mon.check_stale(started)
    assert "HB-BIN-001" in stale_open(services, admin)
    for _ in range(2):
        step(services, clock, lambda at: dead(b, at))
        assert "HB-BIN-001" in stale_open(services, admin)  # no data yet: still stale
    step(services, clock, lambda at: dead(b, at))
    bin_alarms = [a for a in mon.list_alarms(admin) if a.asset_tag == "HB-BIN-001"]
    assert sorted((a.rule, a.is_open) for a in bin_alarms) == [
        ("stale_data", False),
        ("unreachable", True),
    ]
    reasons = [
        json.loads(e.after_json or "{}").get("reason")
        for e in services.audit.page(admin, entity="alarm")
        if e.action == "alarm.clear"
    ]
    assert reasons == ["superseded by the unreachable alarm"]


def test_stale_alarms_open_in_batches_each_committed_on_its_own(
    services, admin, clock, fleet, monkeypatch
):
    """Each write transaction opens at most BATCH alarms and commits before the next begins:
    after each one, another session sees its alarms (and their work-order hand-over)."""
    mon = services.monitoring
    db = mon.db
    monkeypatch.setattr(stale, "BATCH", 2)
    started = clock.now()
    mon.start_run("host-a")
    ids = [fleet[t] for t in ("HB-BIN-001", "HB-GATE-001", "JN-BIN-001")]
    step(services, clock, *[(lambda at, d=d: dead(d, at)) for d in ids])
    clock.advance(minutes=5)
    seen: list[int] = []
    write = db.write

    @contextmanager
    def counted():
        with write() as s:
            yield s
        seen.append(len(stale_open(services, admin)))  # after the commit, read afresh

    monkeypatch.setattr(db, "write", counted)
    assert mon.check_stale(started) == 3
    # two transactions opened them: 2 alarms, then the third (the hand-overs write too)
    assert [n for i, n in enumerate(seen) if i == 0 or seen[i - 1] != n] == [2, 3]
    monkeypatch.undo()
    assert sorted(stale_open(services, admin)) == ["HB-BIN-001", "HB-GATE-001", "JN-BIN-001"]


def test_staleness_is_measured_up_to_the_newest_result_stored(services, admin, clock, fleet):
    """Results in the writer's queue are not stored yet: with the newest stored result a
    minute after the device's last poll, five minutes of wall time do not make it stale."""
    mon = services.monitoring
    b = fleet["HB-BIN-001"]
    started = clock.now()
    mon.start_run("host-a")
    polled_at = clock.now()
    step(services, clock, lambda at: bin_ok(b, at), minutes=5)
    assert mon.check_stale(started, None, None, polled_at + timedelta(minutes=1)) == 0
    assert mon.check_stale(started, None, None, polled_at + timedelta(minutes=3)) == 0
    assert mon.check_stale(started, None, None, polled_at + timedelta(minutes=4)) == 1
    assert sorted(stale_open(services, admin)) == ["HB-BIN-001"]
