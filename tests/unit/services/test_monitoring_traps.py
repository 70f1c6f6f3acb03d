"""Traps and polls name a condition alike: trap-then-poll and poll-then-trap leave one alarm,
and either side clears it. Trap packets go through the real receiver and profiles."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.profiles import load_profiles
from ops_console.polling.results import PollResult, Sample, StatusReading
from ops_console.polling.traps import SNMP_TRAP_OID, TrapReceiver, TrapSender
from ops_console.services.formats import HEADER
from ops_console.services.monitoring.ingest.traps import TrapRules, row_index

from . import test_monitoring
from .test_monitoring import DEVICES, bin_ok, step

wo = test_monitoring.wo  # the fake work-order service fixture

NETWORK = (
    "HB-NET-001,湖滨-交换机,network,湖滨,1幢,,,,,127.10.1.8,v2c,161,demo-v2c,60,,,high,in_service"
)
BAND_ID = "1.3.6.1.4.1.32473.6.2.1.1"
IF_INDEX = "1.3.6.1.2.1.2.2.1.1"


@pytest.fixture
def devices(services, admin, tmp_path: Path) -> dict[str, int]:
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    services.accounts.add_community(admin, "江南")
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *DEVICES, NETWORK]) + "\n", encoding="utf-8")
    services.inventory.import_csv(admin, csv)
    return {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}


def trap(services, clock, device_id, category, trap_oid, *varbinds):
    """Send one v2c trap through the real receiver; store the event it maps to."""
    receiver = TrapReceiver(
        services.monitoring.profiles,
        lambda host: TrapSender(device_id, category),
        communities=frozenset({"c"}),  # the receiver accepts only configured communities
        now=lambda: clock.now().astimezone(UTC),
    )
    vbs = ((SNMP_TRAP_OID, Value(ber.OBJECT_ID, trap_oid)), *varbinds)
    event = receiver.handle(ber.encode_pdu(ber.V2C, b"c", ber.TRAP_V2, 1, vbs), "127.0.0.1", 162)
    assert event is not None, dict(receiver.counters)
    return services.monitoring.handle_traps([event])


def band_trap(services, clock, dev, row="2"):
    text = Value(ber.OCTET_STRING, f"WB-00{row}".encode())
    return trap(services, clock, dev, "wristband_gateway", "1.3.6.1.4.1.32473.6.0.4",
                (f"{BAND_ID}.{row}", text))  # fmt: skip


def bands(dev, at, battery_2=80.0):
    """A wristband gateway poll: band rows 1 and 2, row 2 at ``battery_2`` %."""
    samples = [Sample("gateway_status", 1.0, text="ok")]
    for row, battery in (("1", 90.0), ("2", battery_2)):
        samples += [
            Sample("bands.band_id", None, text=f"WB-00{row}", index=row),
            Sample("bands.battery", battery, index=row),
            Sample("bands.last_seen", 30.0, index=row),
        ]
    return PollResult(
        dev, True, at, samples=tuple(samples),
        statuses=(StatusReading("gateway_status", 1, "ok", "ok", None, "gateway_status"),),
    )  # fmt: skip


def open_alarms(services, admin):
    return sorted(
        (a.asset_tag, a.rule) for a in services.monitoring.list_alarms(admin, open_only=True)
    )


def test_band_battery_trap_then_polls_is_one_alarm_cleared_by_the_polls(
    services, admin, clock, devices, wo
):
    w = devices["HB-WB-001"]
    s = band_trap(services, clock, w)
    assert s.alarms_opened == 1
    assert open_alarms(services, admin) == [("HB-WB-001", "band_battery_low:2")]
    for _ in range(3):  # the poll sees it too: a repeat, not a second alarm
        assert step(services, clock, lambda at: bands(w, at, battery_2=3.0)).opened == 0
    [a] = services.monitoring.list_alarms(admin)
    assert (a.rule, a.source, a.severity) == ("band_battery_low:2", "trap", "critical")
    assert wo.raised == [a.id]
    step(services, clock, lambda at: bands(w, at))
    assert open_alarms(services, admin)  # one good poll is not enough
    assert step(services, clock, lambda at: bands(w, at)).cleared == 1
    assert open_alarms(services, admin) == [] and wo.cleared == [a.id]


def test_band_battery_trap_with_good_polls_is_cleared_by_them(services, admin, clock, devices):
    w = devices["HB-WB-001"]
    band_trap(services, clock, w)
    step(services, clock, lambda at: bands(w, at))
    step(services, clock, lambda at: bands(w, at))
    assert open_alarms(services, admin) == []
    [a] = services.monitoring.list_alarms(admin)
    assert a.cleared_at is not None


def test_band_battery_polls_then_trap_is_one_alarm(services, admin, clock, devices, wo):
    w = devices["HB-WB-001"]
    for _ in range(3):
        step(services, clock, lambda at: bands(w, at, battery_2=12.0))
    assert open_alarms(services, admin) == [("HB-WB-001", "band_battery_low:2")]
    assert band_trap(services, clock, w).alarms_opened == 0
    band_trap(services, clock, w, row="1")  # another band is another alarm
    assert open_alarms(services, admin) == [
        ("HB-WB-001", "band_battery_low:1"),
        ("HB-WB-001", "band_battery_low:2"),
    ]
    a2 = next(a for a in services.monitoring.list_alarms(admin) if a.rule.endswith(":2"))
    assert (a2.source, a2.repeat_count) == ("poll", 1)
    assert len(wo.raised) == 2


def test_bin_overflow_trap_and_poll_share_one_alarm_and_a_clear_trap_resets_the_poll(
    services, admin, clock, devices, wo
):
    b = devices["HB-BIN-001"]
    trap(services, clock, b, "smart_bin", "1.3.6.1.4.1.32473.4.0.1")
    for _ in range(3):
        step(services, clock, lambda at: bin_ok(b, at, fill=97))
    [a] = services.monitoring.list_alarms(admin)
    assert (a.rule, a.work_kind, a.severity) == ("bin_overflow", "cleaning", "critical")
    # "bin emptied", though the sensor still reads full: the polls raise it again after 3
    trap(services, clock, b, "smart_bin", "1.3.6.1.4.1.32473.4.0.2")
    assert open_alarms(services, admin) == []
    step(services, clock, lambda at: bin_ok(b, at, fill=97))
    step(services, clock, lambda at: bin_ok(b, at, fill=97))
    assert open_alarms(services, admin) == []
    assert step(services, clock, lambda at: bin_ok(b, at, fill=97)).opened == 1
    assert open_alarms(services, admin) == [("HB-BIN-001", "bin_overflow")]
    assert len(wo.raised) == 2 and wo.cleared == [a.id]


def test_link_down_trap_names_the_interface_and_only_link_up_clears_it(
    services, admin, clock, devices
):
    n = devices["HB-NET-001"]
    index = (f"{IF_INDEX}.2", Value(ber.INTEGER, 2))
    trap(services, clock, n, "network", "1.3.6.1.6.3.1.1.5.3", index)
    assert open_alarms(services, admin) == [("HB-NET-001", "link_down:2")]

    def interfaces(at):
        # polled, oper status "down" is normal (an unused port): no verdict against the trap
        return PollResult(
            n, True, at,
            samples=(Sample("interfaces.oper_status", 2.0, text="down", index="2"),),
            statuses=(StatusReading("interfaces.oper_status", 2, "down", "ok", "2", "link_down"),),
        )  # fmt: skip

    for _ in range(3):
        step(services, clock, interfaces)
    assert open_alarms(services, admin) == [("HB-NET-001", "link_down:2")]
    trap(services, clock, n, "network", "1.3.6.1.6.3.1.1.5.4", index)
    assert open_alarms(services, admin) == []


def test_a_trap_without_the_row_keeps_its_plain_rule(services, admin, clock, devices):
    trap(services, clock, devices["HB-WB-001"], "wristband_gateway", "1.3.6.1.4.1.32473.6.0.4")
    assert open_alarms(services, admin) == [("HB-WB-001", "band_battery_low")]


def test_row_index_from_the_subject_varbind():
    vbs = (("1.3.6.1.2.1.1.3.0", "5"), (f"{BAND_ID}.7", "WB-007"))
    assert row_index(vbs, BAND_ID) == "7"
    assert row_index(vbs, None) is None
    assert row_index(((BAND_ID, "x"),), BAND_ID) is None  # no instance: no row
    assert row_index(((f"{BAND_ID}1.2", "x"),), BAND_ID) is None  # another column


def test_every_shipped_trap_on_a_polled_table_rule_names_its_row():
    """A trap mapping whose rule the poll judges per table row must say where the row is,
    under that table, else trap and poll would open two alarms for one condition."""
    for code, profile in load_profiles().items():
        rules = TrapRules(profile)
        for t in profile.traps:
            if t.action == "care" or not rules.polled.get(t.rule):
                continue
            assert t.subject_oid, f"{code}: trap {t.oid} ({t.rule}) names no row"
            assert any(t.subject_oid.startswith(tab.oid + ".") for tab in profile.tables), (
                f"{code}: trap {t.oid} subject {t.subject_oid} is not under a polled table"
            )
    assert TrapRules(load_profiles()["wristband_gateway"]).polled["band_battery_low"] is True
