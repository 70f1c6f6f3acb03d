"""Telling a work order that its alarm cleared ("device recovered"): recorded on the alarm,
retried with back-off after a failure at the work-order side, never marked twice, stopped for
good (with the reason) when the work order was closed or cancelled meanwhile."""

from __future__ import annotations

from datetime import timedelta

from ops_console.db.models import Alarm, AuditEntry
from ops_console.db.repos import monitoring as repo
from ops_console.domain.messages import Msg
from ops_console.services.context import SYSTEM

from . import test_monitoring
from .test_monitoring import bin_ok, dead, step
from .test_monitoring_handover import Broken, only_alarm, real_work_orders

fleet = test_monitoring.fleet  # the fixture


def open_then_clear(services, clock, dev):
    for _ in range(3):
        step(services, clock, lambda at: dead(dev, at))
    for _ in range(2):
        step(services, clock, lambda at: bin_ok(dev, at))


def fail_once(monkeypatch, services, exc=None):
    """The real work-order service, whose ``alarm_cleared`` raises once, then works."""
    real = services.workorders.alarm_cleared
    calls: list[int] = []

    def flaky(actor, alarm_id):
        calls.append(alarm_id)
        if len(calls) == 1:
            raise exc or RuntimeError("database is locked")
        return real(actor, alarm_id)

    monkeypatch.setattr(services.workorders, "alarm_cleared", flaky)
    return calls


def recovered_marks(services) -> list[str]:
    with services.db.read() as s:
        return [
            e.entity_id for e in s.query(AuditEntry).filter_by(action="workorder.device_recovered")
        ]


def test_a_clearing_told_at_once_is_done(services, admin, clock, fleet):
    open_then_clear(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    assert (a.recovery_status, a.recovery_attempts, a.recovery_error) == ("done", 1, None)
    assert services.workorders.get(admin, a.work_order_number).device_recovered_at == a.cleared_at
    assert a.handover_text == a.work_order_number
    assert recovered_marks(services) == [a.work_order_number]
    assert services.monitoring.retry_handovers(clock.now() + timedelta(days=1)) == (
        services.monitoring.retry_handovers(clock.now())
    )  # nothing due: all zero
    assert services.monitoring.retry_handovers(clock.now()).recovery.attempted == 0


def test_an_open_alarm_has_nothing_to_tell(services, admin, clock, fleet):
    for _ in range(3):
        step(services, clock, lambda at: dead(fleet["HB-BIN-001"], at))
    a = only_alarm(services, admin)
    assert (a.recovery_status, a.recovery_attempts) == (None, 0)


def test_a_failed_notice_is_recorded_and_retried_until_the_order_is_marked(
    services, admin, clock, fleet, monkeypatch
):
    calls = fail_once(monkeypatch, services)
    open_then_clear(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    assert calls == [a.id]
    assert (a.recovery_status, a.recovery_attempts) == ("pending", 1)
    assert a.recovery_error == Msg("handover.error", {"detail": "RuntimeError: database is locked"})
    assert a.recovery_next_at == a.cleared_at + timedelta(minutes=1)
    assert a.handover_text.startswith(
        f"{a.work_order_number}; recovery not recorded (attempt 1 failed: RuntimeError"
    )
    wo = services.workorders.get(admin, a.work_order_number)
    assert wo.device_recovered_at is None  # the lost notice the retry makes up for

    # not due yet: nothing is tried
    early = services.monitoring.retry_handovers(a.cleared_at + timedelta(seconds=59))
    assert early.recovery.attempted == 0 and calls == [a.id]
    # due: the work order is marked, at the time the alarm cleared
    got = services.monitoring.retry_handovers(a.cleared_at + timedelta(minutes=1))
    assert (got.recovery.attempted, got.recovery.done, got.attempted) == (1, 1, 0)
    a = only_alarm(services, admin)
    assert (a.recovery_status, a.recovery_attempts, a.recovery_error, a.recovery_next_at) == (
        "done",
        2,
        None,
        None,
    )
    assert services.workorders.get(admin, a.work_order_number).device_recovered_at == a.cleared_at
    assert a.handover_text == a.work_order_number
    # done is done
    assert (
        services.monitoring.retry_handovers(clock.now() + timedelta(days=1)).recovery.attempted == 0
    )
    assert recovered_marks(services) == [a.work_order_number]
    assert calls == [a.id, a.id]


def test_failures_back_off_like_the_hand_over(services, admin, clock, fleet):
    open_then_clear(services, clock, fleet["HB-BIN-001"])
    with services.db.write() as s:  # as if never told yet
        row = s.get(Alarm, only_alarm(services, admin).id)
        row.recovery_status, row.recovery_attempts = "pending", 0
    services.workorders = Broken()
    t = clock.now()
    waits = []
    for _ in range(3):
        got = services.monitoring.retry_handovers(t)
        assert got.recovery.retrying == 1
        nxt = only_alarm(services, admin).recovery_next_at
        waits.append(nxt - t)
        t = nxt
    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert only_alarm(services, admin).recovery_attempts == 3


def test_the_work_order_is_never_marked_twice(services, admin, clock, fleet, monkeypatch):
    calls = fail_once(monkeypatch, services)
    open_then_clear(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    monkeypatch.undo()
    # e.g. the poller died after the work order's commit, before recording the notice
    assert services.workorders.alarm_cleared(SYSTEM, a.id) == a.work_order_number
    assert services.workorders.alarm_cleared(SYSTEM, a.id) == a.work_order_number
    got = services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5))
    assert got.recovery.done == 1
    assert recovered_marks(services) == [a.work_order_number]  # one mark, one audit entry
    assert calls == [a.id]


def test_a_cancelled_order_is_refused_for_good_with_its_reason(
    services, admin, clock, fleet, monkeypatch
):
    fail_once(monkeypatch, services)
    open_then_clear(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    services.workorders.cancel(admin, a.work_order_number, "duplicate of a resident's report")
    got = services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5))
    assert (got.recovery.attempted, got.recovery.failed) == (1, 1)
    a = only_alarm(services, admin)
    assert (a.recovery_status, a.recovery_attempts, a.recovery_next_at) == ("failed", 2, None)
    reason = (
        f"work order {a.work_order_number} was cancelled before it could be marked device recovered"
    )
    assert a.recovery_error == Msg("handover.cancelled", {"number": a.work_order_number})
    assert str(a.recovery_error) == reason
    assert a.handover_text == f"{a.work_order_number}; not marked recovered: {reason}"
    assert services.workorders.get(admin, a.work_order_number).device_recovered_at is None
    later = services.monitoring.retry_handovers(clock.now() + timedelta(days=2))
    assert later.recovery.attempted == 0
    assert recovered_marks(services) == []


def test_a_clearing_waits_for_its_hand_over_then_is_told(services, admin, clock, fleet):
    services.workorders = Broken()
    open_then_clear(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    assert (a.handover_status, a.recovery_status, a.recovery_attempts) == ("pending", "pending", 0)
    assert a.handover_text.startswith("retrying (attempt 1 failed")  # nothing about recovery
    # no work order yet: not claimed for the notice
    with services.db.write() as s:
        assert repo.claim_recoveries(s, clock.now() + timedelta(days=1), clock.now(), 10) == []
    real_work_orders(services)
    # told now, it would find no work order: it waits for the hand-over instead
    assert services.monitoring.handovers.recover(a.id, clock.now()) == "waiting"
    got = services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5))
    assert (got.done, got.recovery.done) == (1, 1)
    a = only_alarm(services, admin)
    assert (a.handover_status, a.recovery_status) == ("done", "done")
    assert services.workorders.get(admin, a.work_order_number).device_recovered_at == a.cleared_at


def test_a_refused_hand_over_leaves_nothing_to_tell(services, admin, clock, fleet):
    services.workorders = Broken()
    b = fleet["HB-BIN-001"]
    open_then_clear(services, clock, b)
    services.inventory.retire(admin, "HB-BIN-001")
    real_work_orders(services)
    got = services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5))
    assert (got.failed, got.recovery.attempted) == (1, 0)
    a = only_alarm(services, admin)
    assert (a.handover_status, a.recovery_status, a.work_order_id) == ("failed", None, None)


def test_the_mark_is_when_the_last_alarm_of_the_order_cleared(services, admin, clock, fleet):
    """Two alarms of one order cleared while the work-order side was down, told in id order:
    the order is marked once, at the later clearing."""
    b = fleet["HB-BIN-001"]
    for _ in range(3):
        step(services, clock, lambda at: dead(b, at))
    [first] = services.monitoring.list_alarms(admin)
    services.workorders = Broken()
    with services.db.write() as s:  # a second alarm of the same order, opened by hand
        a1 = s.get(Alarm, first.id)
        a2 = Alarm(
            device_id=a1.device_id,
            rule="lid",
            severity="minor",
            message_data='{"code": "alarm.recorded", "params": {"text": "m"}}',
            opened_at=clock.now(),
            work_order_id=a1.work_order_id,
            handover_status="done",
        )
        s.add(a2)
        s.flush()
        second = a2.id
        a1.cleared_at = clock.now() + timedelta(minutes=1)
        a1.recovery_status = "pending"
        a2.cleared_at = clock.now() + timedelta(minutes=7)
        a2.recovery_status = "pending"
    real_work_orders(services)
    got = services.monitoring.retry_handovers(clock.now() + timedelta(minutes=10))
    assert got.recovery.done == 2
    wo = services.workorders.get(admin, first.work_order_number)
    assert wo.device_recovered_at == clock.now() + timedelta(minutes=7)
    assert recovered_marks(services) == [first.work_order_number]
    with services.db.read() as s:
        assert s.get(Alarm, second).recovery_status == "done"


def test_two_claims_never_take_the_same_clearing(services, admin, clock, fleet):
    services.workorders = Broken()
    open_then_clear(services, clock, fleet["HB-BIN-001"])
    real_work_orders(services)
    services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5))  # hand-over done
    with services.db.write() as s:
        s.get(Alarm, only_alarm(services, admin).id).recovery_status = "pending"
    later = clock.now() + timedelta(minutes=10)
    with services.db.write() as s:
        first = repo.claim_recoveries(s, later, later + timedelta(minutes=1), 10)
    with services.db.write() as s:
        second = repo.claim_recoveries(s, later, later + timedelta(minutes=1), 10)
    assert len(first) == 1 and second == []
