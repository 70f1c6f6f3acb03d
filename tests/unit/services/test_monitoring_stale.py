"""Stale data for devices never polled: after the grace period from the later of the device's
last inventory change and the poller's start, not in maintenance, cleared by the first good
poll; after failed polls, until the unreachable alarm takes over."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from ops_console.services.formats import HEADER

from . import test_monitoring
from .test_monitoring import DEVICES, bin_ok, dead, step

fleet = test_monitoring.fleet  # the fixture


def stale_open(services, admin) -> dict[str, str]:
    return {
        a.asset_tag: str(a.message)  # rendered in English
        for a in services.monitoring.list_alarms(admin, open_only=True)
        if a.rule == "stale_data"
    }


def test_a_device_never_polled_goes_stale_one_grace_after_the_poller_starts(
    services, admin, clock, fleet
):
    mon = services.monitoring
    clock.advance(days=3)  # the devices were added three days before the poller ever ran
    started = clock.now()
    mon.start_run("host-a")
    clock.advance(seconds=179)
    assert mon.check_stale(started) == 0
    clock.advance(seconds=1)  # interval 60 s → 3 minutes
    assert mon.check_stale(started) == 4
    got = stale_open(services, admin)
    assert sorted(got) == ["HB-BIN-001", "HB-GATE-001", "HB-WB-001", "JN-BIN-001"]
    assert got["JN-BIN-001"] == (
        "JN-BIN-001: never polled (in service and watched since 2026-11-05 09:00)"
    )
    [a] = [a for a in mon.list_alarms(admin) if a.asset_tag == "JN-BIN-001"]
    assert (a.source, a.severity) == ("stale", "warning")
    # the first good poll clears it
    b = fleet["HB-BIN-001"]
    step(services, clock, lambda at: bin_ok(b, at))
    assert "HB-BIN-001" not in stale_open(services, admin)
    assert mon.check_stale(started) == 0  # nothing new, no duplicates


def test_grace_counts_from_the_device_being_put_in_service(
    services, admin, clock, fleet, tmp_path: Path
):
    mon = services.monitoring
    started = clock.now()
    mon.start_run("host-a")
    clock.advance(hours=2)
    # a device out of service comes back two hours into the run (a changed inventory row)
    row = next(r for r in DEVICES if r.startswith("JN-BIN-001"))
    csv = tmp_path / "back.csv"
    csv.write_text(
        ",".join(HEADER) + "\n" + row.replace("127.10.2.1", "127.10.2.9") + "\n", "utf-8"
    )
    assert services.inventory.import_csv(admin, csv).updated == 1
    assert mon.check_stale(started) == 3  # the others were watched all along
    assert "JN-BIN-001" not in stale_open(services, admin)
    clock.advance(minutes=3)
    assert mon.check_stale(started) == 1
    assert "JN-BIN-001" in stale_open(services, admin)


def test_no_stale_alarm_for_a_never_polled_device_in_maintenance(services, admin, clock, fleet):
    mon = services.monitoring
    started = clock.now()
    services.monitoring.add_maintenance_window(
        admin, community="江南", start=started, end=started + timedelta(hours=1), reason="安装调试"
    )
    clock.advance(minutes=10)
    mon.check_stale(started)
    assert "JN-BIN-001" not in stale_open(services, admin)
    clock.advance(hours=1)
    mon.check_stale(started)
    assert "JN-BIN-001" in stale_open(services, admin)


def test_after_failed_polls_stale_lasts_until_unreachable_opens(services, admin, clock, fleet):
    mon = services.monitoring
    b = fleet["HB-BIN-001"]
    started = clock.now()
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
