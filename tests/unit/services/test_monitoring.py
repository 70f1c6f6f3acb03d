"""Monitoring service: storing results, health and spans, alarm debouncing, maintenance
windows, audit, poller runs (unknown gaps), traps and care alerts, the work-order hand-over."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from ops_console.domain.errors import NotFound, PermissionDenied, ValidationError
from ops_console.domain.messages import Msg
from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.results import PollResult, Sample, StatusReading
from ops_console.polling.traps import TrapEvent
from ops_console.services.formats import HEADER

DEVICES = [
    "HB-BIN-001,湖滨-垃圾桶-01,smart_bin,湖滨,1幢,,,,,127.10.1.1,v2c,161,demo-v2c,60,,,normal,in_service",
    "HB-GATE-001,湖滨-门禁-01,access_gate,湖滨,1幢,,,,,127.10.1.2,v2c,161,demo-v2c,60,,,life_safety,in_service",
    "HB-WB-001,湖滨-手环网关,wristband_gateway,湖滨,1幢,,,,,127.10.1.3,v3,161,demo-v3,60,,,high,in_service",
    "JN-BIN-001,江南-垃圾桶-01,smart_bin,江南,,,,,,127.10.2.1,v2c,161,demo-v2c,60,,,normal,in_service",
    "HB-OLD-001,湖滨-旧设备,network,湖滨,,,,,,127.10.1.9,v2c,161,demo-v2c,60,,,low,retired",
]


class FakeWorkOrders:
    def __init__(self) -> None:
        self.raised: list[int] = []
        self.cleared: list[int] = []

    def raise_from_alarm(self, actor, alarm_id):
        self.raised.append(alarm_id)

    def alarm_cleared(self, actor, alarm_id):
        self.cleared.append(alarm_id)


@pytest.fixture
def fleet(services, admin, tmp_path: Path) -> dict[str, int]:
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    services.accounts.add_community(admin, "江南")
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *DEVICES]) + "\n", encoding="utf-8")
    services.inventory.import_csv(admin, csv)
    return {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}


@pytest.fixture
def wo(services) -> FakeWorkOrders:
    fake = FakeWorkOrders()
    services.workorders = fake
    return fake


def bin_ok(dev, at, fill=40.0, battery=80.0, lid=1):
    state = {1: "closed", 3: "jammed"}[lid]
    sev = "ok" if lid == 1 else "critical"
    return PollResult(
        dev,
        True,
        at,
        samples=(
            Sample("uptime", 1000.0),
            Sample("fill_level", fill),
            Sample("battery", battery),
            Sample("lid", float(lid), text=state),
            Sample("temperature", 25.0),
        ),
        statuses=(StatusReading("lid", lid, state, sev, None, "lid"),),
        latency_ms=3.0,
    )


def dead(dev, at):
    return PollResult(
        dev,
        False,
        at,
        error=PollError(ErrorKind.TIMEOUT, "no response from 127.10.1.1:161 (timeout 1.0 s)"),
    )


def gate(dev, at, manual=1):
    state, sev = ("ok", "ok") if manual == 1 else ("failed", "compliance")
    return PollResult(
        dev,
        True,
        at,
        samples=(
            Sample("uptime", 1000.0),
            Sample("gate_status", 1.0, text="ok"),
            Sample("manual_passage", float(manual), text=state),
            Sample("face_engine", 1.0, text="ok"),
            Sample("passages", None, problem="first reading: no rate yet"),
            Sample("temperature", 30.0),
        ),
        statuses=(
            StatusReading("gate_status", 1, "ok", "ok", None, "gate_status"),
            StatusReading("manual_passage", manual, state, sev, None, "manual_passage_failed"),
            StatusReading("face_engine", 1, "ok", "ok", None, "face_engine"),
        ),
    )


def step(services, clock, *results_fn, minutes=1):
    """Store one poll of each result factory at the clock's time, then advance."""
    at = clock.now()
    summary = services.monitoring.store_results([f(at) for f in results_fn])
    clock.advance(minutes=minutes)
    return summary


def health_of(services, admin, tag):
    return next(h for h in services.monitoring.device_health(admin) if h.asset_tag == tag)


def test_good_poll_stores_samples_health_and_a_span(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    s = step(services, clock, lambda at: bin_ok(b, at))
    assert (s.devices, s.ok, s.failed, s.samples) == (1, 1, 0, 5)
    h = health_of(services, admin, "HB-BIN-001")
    assert h.health == "up" and h.last_error is None and h.open_alarms == 0
    assert h.summary["status"] == {"lid": "closed"} and h.summary["metrics"]["fill_level"] == 40
    spans = services.monitoring.health_spans(
        admin, clock.now() - timedelta(hours=1), clock.now(), "HB-BIN-001"
    )
    assert [(sp.health, sp.ends_at) for sp in spans] == [("up", None)]
    other = health_of(services, admin, "JN-BIN-001")
    assert other.health == "unknown" and other.last_poll_at is None
    assert "HB-OLD-001" not in {h.asset_tag for h in services.monitoring.device_health(admin)}


def test_unreachable_opens_after_three_failures_and_clears_after_two_good(
    services, admin, clock, fleet, wo
):
    b = fleet["HB-BIN-001"]
    for _ in range(2):
        step(services, clock, lambda at: dead(b, at))
    assert services.monitoring.list_alarms(admin) == []
    h = health_of(services, admin, "HB-BIN-001")
    assert h.health == "down" and "no response" in str(h.last_error)
    s = step(services, clock, lambda at: dead(b, at))
    assert s.opened == 1
    [a] = services.monitoring.list_alarms(admin, open_only=True)
    assert (a.rule, a.severity, a.asset_tag, a.source) == (
        "unreachable",
        "critical",
        "HB-BIN-001",
        "poll",
    )
    assert (a.handover_status, a.handed_over_at) == ("done", clock.now() - timedelta(minutes=1))
    assert wo.raised == [a.id]
    # a fourth failure repeats nothing
    step(services, clock, lambda at: dead(b, at))
    assert len(services.monitoring.list_alarms(admin)) == 1
    step(services, clock, lambda at: bin_ok(b, at))
    assert services.monitoring.list_alarms(admin, open_only=True)  # one good poll is not enough
    s = step(services, clock, lambda at: bin_ok(b, at))
    assert s.cleared == 1 and wo.cleared == [a.id]
    assert services.monitoring.list_alarms(admin, open_only=True) == []
    actions = [e.action for e in services.audit.page(admin, entity="alarm")]
    assert sorted(actions) == ["alarm.clear", "alarm.open"]
    spans = services.monitoring.health_spans(
        admin, clock.now() - timedelta(hours=1), clock.now(), "HB-BIN-001"
    )
    assert [sp.health for sp in spans] == ["down", "up"]
    assert spans[0].ends_at == spans[1].starts_at


def test_flapping_device_opens_nothing(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    for _ in range(5):
        step(services, clock, lambda at: dead(b, at))
        step(services, clock, lambda at: dead(b, at))
        step(services, clock, lambda at: bin_ok(b, at))
    assert services.monitoring.list_alarms(admin) == []


def test_no_alarm_inside_a_maintenance_window(services, admin, clock, fleet):
    b, j = fleet["HB-BIN-001"], fleet["JN-BIN-001"]
    services.monitoring.add_maintenance_window(
        admin,
        device_tag="HB-BIN-001",
        start=clock.now(),
        end=clock.now() + timedelta(hours=1),
        reason="更换电池",
    )
    services.monitoring.add_maintenance_window(
        admin,
        community="江南",
        start=clock.now(),
        end=clock.now() + timedelta(hours=1),
        reason="小区停电检修",
    )
    for _ in range(5):
        step(services, clock, lambda at: dead(b, at), lambda at: dead(j, at))
    assert services.monitoring.list_alarms(admin) == []
    h = health_of(services, admin, "HB-BIN-001")
    assert h.in_maintenance and h.health == "down"
    # after the window, failures count again (from zero)
    clock.advance(hours=1)
    for _ in range(3):
        step(services, clock, lambda at: dead(b, at))
    assert [a.rule for a in services.monitoring.list_alarms(admin)] == ["unreachable"]
    assert [e.action for e in services.audit.page(admin, entity="maintenance_window")] == [
        "maintenance.add",
        "maintenance.add",
    ]


def test_maintenance_window_validation(services, admin, clock, fleet):
    now = clock.now()
    add = services.monitoring.add_maintenance_window
    with pytest.raises(ValidationError, match="either a device or a community"):
        add(admin, start=now, end=now + timedelta(hours=1), reason="x")
    with pytest.raises(ValidationError, match="after"):
        add(admin, device_tag="HB-BIN-001", start=now, end=now, reason="x")
    with pytest.raises(ValidationError, match="reason"):
        add(admin, device_tag="HB-BIN-001", start=now, end=now + timedelta(hours=1), reason=" ")
    with pytest.raises(ValidationError, match="31 days"):
        add(admin, device_tag="HB-BIN-001", start=now, end=now + timedelta(days=40), reason="x")
    with pytest.raises(ValidationError, match="already ended"):
        add(admin, device_tag="HB-BIN-001", start=now - timedelta(days=2),
            end=now - timedelta(days=1), reason="x")  # fmt: skip
    with pytest.raises(NotFound):
        add(admin, device_tag="NOPE", start=now, end=now + timedelta(hours=1), reason="x")
    with pytest.raises(NotFound):
        add(admin, community="无此小区", start=now, end=now + timedelta(hours=1), reason="x")
    services.accounts.add_user(admin, "tech", "techpass1", "technician")
    with pytest.raises(PermissionDenied):
        add(services.accounts.actor("tech"), device_tag="HB-BIN-001", start=now,
            end=now + timedelta(hours=1), reason="x")  # fmt: skip
    w = add(admin, device_tag="HB-BIN-001", start=now, end=now + timedelta(hours=2), reason="x")
    assert [m.id for m in services.monitoring.list_maintenance_windows(admin)] == [w.id]


def test_threshold_hysteresis_and_cleaning_work_kind(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    for _ in range(3):
        step(services, clock, lambda at: bin_ok(b, at, fill=96))
    [a] = services.monitoring.list_alarms(admin, open_only=True)
    assert (a.rule, a.severity, a.work_kind) == ("bin_overflow", "critical", "cleaning")
    assert health_of(services, admin, "HB-BIN-001").health == "degraded"
    # 82 is below critical (95) but above warning (80): still failing, not cleared
    for _ in range(3):
        step(services, clock, lambda at: bin_ok(b, at, fill=82))
    assert services.monitoring.list_alarms(admin, open_only=True)
    # 78 is below warning but inside its hysteresis (80 - 5): still warning
    for _ in range(3):
        step(services, clock, lambda at: bin_ok(b, at, fill=78))
    assert services.monitoring.list_alarms(admin, open_only=True)
    step(services, clock, lambda at: bin_ok(b, at, fill=70))
    step(services, clock, lambda at: bin_ok(b, at, fill=70))
    assert services.monitoring.list_alarms(admin, open_only=True) == []
    assert health_of(services, admin, "HB-BIN-001").health == "up"


def test_status_alarm_and_escalation(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    for _ in range(3):
        step(services, clock, lambda at: bin_ok(b, at, fill=85))
    [a] = services.monitoring.list_alarms(admin)
    assert a.severity == "warning"
    step(services, clock, lambda at: bin_ok(b, at, fill=99))
    [a] = services.monitoring.list_alarms(admin)
    assert a.severity == "critical"
    assert "alarm.escalate" in [e.action for e in services.audit.page(admin, entity="alarm")]
    # a jammed lid is a down metric of the smart bin profile
    for _ in range(3):
        step(services, clock, lambda at: bin_ok(b, at, lid=3))
    assert health_of(services, admin, "HB-BIN-001").health == "down"
    assert "lid" in {x.rule for x in services.monitoring.list_alarms(admin, open_only=True)}


def test_gate_manual_passage_failed_is_a_compliance_alarm(services, admin, clock, fleet):
    g = fleet["HB-GATE-001"]
    step(services, clock, lambda at: gate(g, at))
    assert health_of(services, admin, "HB-GATE-001").health == "up"  # first counter read: fine
    for _ in range(3):
        step(services, clock, lambda at: gate(g, at, manual=2))
    h = health_of(services, admin, "HB-GATE-001")
    assert h.health == "down" and h.summary["status"]["manual_passage"] == "failed"
    [a] = services.monitoring.list_alarms(admin, open_only=True)
    assert (a.rule, a.severity) == ("manual_passage_failed", "compliance")


def test_acknowledge_is_audited_once_and_needs_the_permission(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    for _ in range(3):
        step(services, clock, lambda at: dead(b, at))
    [a] = services.monitoring.list_alarms(admin)
    services.accounts.add_user(admin, "tech", "techpass1", "technician")
    with pytest.raises(PermissionDenied):
        services.monitoring.acknowledge(services.accounts.actor("tech"), a.id)
    got = services.monitoring.acknowledge(admin, a.id, note="on it")
    assert got.acknowledged_by == "root" and got.acknowledged_at == clock.now()
    with pytest.raises(ValidationError, match="already acknowledged"):
        services.monitoring.acknowledge(admin, a.id)
    with pytest.raises(NotFound):
        services.monitoring.acknowledge(admin, 999)
    assert "alarm.ack" in [e.action for e in services.audit.page(admin, entity="alarm")]


def test_liaison_sees_only_her_community(services, admin, clock, fleet):
    j = fleet["JN-BIN-001"]
    for _ in range(3):
        step(services, clock, lambda at: dead(j, at))
    services.accounts.add_user(admin, "li", "lipass123", "liaison", communities=["湖滨"])
    li = services.accounts.actor("li")
    assert services.monitoring.list_alarms(li) == []
    assert {h.community for h in services.monitoring.device_health(li)} == {"湖滨"}
    [a] = services.monitoring.list_alarms(admin)
    with pytest.raises(PermissionDenied):
        services.monitoring.acknowledge(li, a.id)


def test_targets_and_credentials(services, admin, fleet):
    services.secrets.set_snmp_credential("demo-v2c", {"community": "public-demo"})
    targets = services.monitoring.targets()
    assert {t.address for t in targets} == {"127.10.1.1", "127.10.1.2", "127.10.1.3", "127.10.2.1"}
    assert {t.address for t in services.monitoring.targets(community="江南")} == {"127.10.2.1"}
    wb = next(t for t in targets if t.category == "wristband_gateway")
    assert (wb.version, wb.credential, wb.interval_s) == ("v3", "demo-v3", 60)
    assert services.monitoring.credential("demo-v2c").community == "public-demo"
    assert services.monitoring.credential("nope") is None
    with pytest.raises(NotFound):
        services.monitoring.targets(community="无此小区")


def test_poller_runs_record_unknown_gaps(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    run = mon.start_run("host-a")
    step(services, clock, lambda at: bin_ok(b, at), minutes=10)
    mon.stop_run(run)
    stopped = clock.now()
    assert health_of(services, admin, "HB-BIN-001").health == "unknown"
    clock.advance(hours=2)
    run2 = mon.start_run("host-a")
    restart = clock.now()
    step(services, clock, lambda at: bin_ok(b, at))
    spans = mon.health_spans(admin, restart - timedelta(days=1), clock.now(), "HB-BIN-001")
    assert [(sp.health, sp.starts_at) for sp in spans] == [
        ("up", stopped - timedelta(minutes=10)),
        ("unknown", stopped),
        ("up", restart),
    ]
    assert spans[1].ends_at == restart
    # a crash: no stop; the next start ends the old run at its last heartbeat
    clock.advance(minutes=5)
    mon.heartbeat(run2, cycle={"devices": 1})
    beat = clock.now()
    clock.advance(hours=1)
    mon.start_run("host-a")
    spans = mon.health_spans(admin, restart, clock.now(), "HB-BIN-001")
    assert [(sp.health, sp.starts_at, sp.ends_at) for sp in spans] == [
        ("up", restart, beat),
        ("unknown", beat, None),
    ]
    runs = mon.poller_runs(restart - timedelta(days=1), clock.now() + timedelta(seconds=1))
    assert runs[1] == (restart, beat) and runs[2][1] is None


def test_mark_unknown_in_set_based_statements(services, clock, fleet):
    """Unknown from ``at`` for the devices named (all when None): an open span is closed at
    ``at`` (at its own start when that is later), an unknown span opened there, the state's
    health made unknown since ``at``; a device already unknown and a device not named keep
    their spans."""
    from ops_console.db.repos import sqlite_instant
    from ops_console.services.monitoring.ingest.runs import mark_unknown

    b1, b2, gate = fleet["HB-BIN-001"], fleet["JN-BIN-001"], fleet["HB-GATE-001"]
    polled = clock.now()
    step(services, clock, lambda at: bin_ok(b1, at), lambda at: bin_ok(b2, at), minutes=10)

    def spans():
        with services.db.read() as s:
            rows = s.connection().exec_driver_sql(
                "SELECT device_id, health, starts_at, ends_at FROM health_spans "
                "ORDER BY device_id, starts_at, id"
            )
            return [tuple(r) for r in rows]

    def health(dev):
        with services.db.read() as s:
            return tuple(
                s.connection()
                .exec_driver_sql(
                    "SELECT health, health_since FROM device_states WHERE device_id = ?", (dev,)
                )
                .one()
            )

    t = sqlite_instant
    before = polled - timedelta(minutes=5)  # earlier than b1's span: closed at its start
    with services.db.write() as s:
        mark_unknown(s, before, [b1, gate])
        mark_unknown(s, before, [])  # nothing named: nothing done
    assert spans() == [
        (b1, "up", t(polled), t(polled)),
        (b1, "unknown", t(polled), None),
        (b2, "up", t(polled), None),
    ]
    assert health(b1) == ("unknown", t(before)) and health(b2)[0] == "up"
    later = clock.now()
    with services.db.write() as s:
        mark_unknown(s, later)  # every device: b1 is unknown already
    assert spans() == [
        (b1, "up", t(polled), t(polled)),
        (b1, "unknown", t(polled), None),
        (b2, "up", t(polled), t(later)),
        (b2, "unknown", t(later), None),
    ]
    assert health(b1) == ("unknown", t(before)) and health(b2) == ("unknown", t(later))


def test_stale_data_alarm_opens_while_running_and_clears_on_data(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    mon.start_run("host-a")
    started = clock.now()
    step(services, clock, lambda at: bin_ok(b, at))
    clock.advance(minutes=1)
    assert mon.check_stale(started) == 0  # 2 minutes: not yet
    clock.advance(minutes=1)
    # 3 minutes watched: the devices never polled are not stale (not reached yet: unknown)
    assert mon.check_stale(started) == 0
    assert mon.list_alarms(admin) == []
    clock.advance(minutes=5)
    assert mon.check_stale(started) == 1  # the bin's last poll is now 3 intervals old
    assert ("HB-BIN-001", "stale_data") in {(a.asset_tag, a.rule) for a in mon.list_alarms(admin)}
    assert mon.check_stale(started) == 0  # no duplicates
    step(services, clock, lambda at: bin_ok(b, at))
    assert ("HB-BIN-001", "stale_data") not in {
        (a.asset_tag, a.rule) for a in mon.list_alarms(admin, open_only=True)
    }


def _trap(dev, category, action, rule, at, **kw):
    defaults = dict(severity="critical", work_kind="repair", subject=None, label_en="")
    defaults.update(kw)
    return TrapEvent(
        device_id=dev, category=category, address="127.10.1.3", trap_oid="1.3.6.1.4.1.32473.6.0.1",
        action=action, rule=rule, at=at, inform=False, varbinds=(), **defaults,
    )  # fmt: skip


def test_care_alerts_never_become_work_orders(services, admin, clock, fleet, wo):
    w = fleet["HB-WB-001"]
    mon = services.monitoring
    s = mon.handle_traps(
        [_trap(w, "wristband_gateway", "care", "sos", clock.now(), subject="WB-002")]
    )
    assert (s.care_alerts, s.alarms_opened) == (1, 0)
    assert mon.list_alarms(admin) == [] and wo.raised == []
    [c] = mon.list_care_alerts(admin, open_only=True)
    assert (c.kind, c.band_id, c.asset_tag) == ("sos", "WB-002", "HB-WB-001")
    services.accounts.add_user(admin, "tech", "techpass1", "technician")
    with pytest.raises(PermissionDenied):
        mon.acknowledge_care(services.accounts.actor("tech"), c.id)
    got = mon.acknowledge_care(admin, c.id, note="已电话联系家属")
    assert got.acknowledged_by == "root" and got.note == "已电话联系家属"
    assert mon.list_care_alerts(admin, open_only=True) == []
    assert [e.action for e in services.audit.page(admin, entity="care_alert")].count(
        "care.ack"
    ) == 1


def test_bin_overflow_trap_dispatches_cleaning_and_clear_trap_clears(
    services, admin, clock, fleet, wo
):
    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    ev = _trap(b, "smart_bin", "alarm", "bin_overflow", clock.now(), severity="warning",
               work_kind="cleaning", label_en="Bin overflowing")  # fmt: skip
    mon.handle_traps([ev])
    mon.handle_traps([ev])  # a repeat is counted on the open alarm
    [a] = mon.list_alarms(admin)
    assert (a.work_kind, a.source, a.repeat_count) == ("cleaning", "trap", 1)
    assert wo.raised == [a.id]
    mon.handle_traps([_trap(b, "smart_bin", "clear", "bin_overflow", clock.now())])
    assert mon.list_alarms(admin, open_only=True) == [] and wo.cleared == [a.id]


def test_alarm_traps_are_suppressed_in_a_window_but_care_alerts_are_not(
    services, admin, clock, fleet
):
    services.monitoring.add_maintenance_window(
        admin, community="湖滨", start=clock.now(), end=clock.now() + timedelta(hours=1), reason="x"
    )
    b, w = fleet["HB-BIN-001"], fleet["HB-WB-001"]
    s = services.monitoring.handle_traps(
        [
            _trap(b, "smart_bin", "alarm", "bin_fire_risk", clock.now()),
            _trap(w, "wristband_gateway", "care", "fall", clock.now()),
        ]
    )
    assert (s.alarms_opened, s.care_alerts, s.ignored) == (0, 1, 1)


def test_a_failing_work_order_service_never_undoes_the_alarm(services, admin, clock, fleet):
    class Broken:
        def raise_from_alarm(self, actor, alarm_id):
            raise RuntimeError("boom")

    services.workorders = Broken()
    b = fleet["HB-BIN-001"]
    for _ in range(3):
        step(services, clock, lambda at: dead(b, at))
    [a] = services.monitoring.list_alarms(admin)
    assert a.is_open and a.handed_over_at is None and a.work_order_id is None
    assert (a.handover_status, a.handover_attempts, a.handover_error) == (
        "pending",
        1,
        Msg("handover.error", {"detail": "RuntimeError: boom"}),
    )


def test_batch_with_the_same_device_twice(services, admin, clock, fleet):
    b = fleet["HB-BIN-001"]
    at = clock.now()
    results = [dead(b, at), dead(b, at + timedelta(seconds=1)), dead(b, at + timedelta(seconds=2))]
    s = services.monitoring.store_results(results)
    assert s.opened == 1 and s.devices == 3


def test_hand_over_to_the_real_work_order_service(services, admin, clock, fleet):
    pytest.importorskip("ops_console.services.workorders.service")
    b, w = fleet["HB-BIN-001"], fleet["HB-WB-001"]
    for _ in range(3):
        step(services, clock, lambda at: dead(b, at))
    services.monitoring.handle_traps(
        [_trap(w, "wristband_gateway", "care", "sos", clock.now(), subject="WB-001")]
    )
    [a] = services.monitoring.list_alarms(admin)
    assert a.work_order_id is not None
    orders = services.workorders.list(admin)
    assert [o.source for o in orders] == ["alarm"]  # the care alert raised none


def test_the_causes_of_a_health_are_stored_with_the_state(services, admin, clock, fleet):
    from ops_console.domain.health import Cause, Level

    b = fleet["HB-BIN-001"]
    step(services, clock, lambda at: bin_ok(b, at, battery=12.0))
    h = health_of(services, admin, "HB-BIN-001")
    assert h.health == "degraded"
    assert h.summary["causes"] == [
        {"metric": "battery", "level": "warning", "value": 12.0, "threshold": 20.0}
    ]
    assert services.monitoring.health_causes(admin, "HB-BIN-001") == [
        Cause("battery", Level.WARNING, None, 12.0, 20.0)
    ]
    # a jammed lid (a down metric) makes it down, for the lid only
    step(services, clock, lambda at: bin_ok(b, at, battery=12.0, lid=3))
    assert health_of(services, admin, "HB-BIN-001").health == "down"
    assert services.monitoring.health_causes(admin, "HB-BIN-001") == [
        Cause("lid", Level.CRITICAL, None, "jammed")
    ]
    # down for its poll error: no reading is the cause any more
    step(services, clock, lambda at: dead(b, at))
    assert services.monitoring.health_causes(admin, "HB-BIN-001") == []
    step(services, clock, lambda at: bin_ok(b, at))
    h = health_of(services, admin, "HB-BIN-001")
    assert h.health == "up" and "causes" not in h.summary
    assert services.monitoring.health_causes(admin, "HB-BIN-001") == []
    with pytest.raises(NotFound):
        services.monitoring.health_causes(admin, "NO-SUCH")
