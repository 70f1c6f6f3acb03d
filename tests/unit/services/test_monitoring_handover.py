"""Alarm → work-order hand-over: recorded as it happened, retried with back-off, idempotent,
refused for good when the device is retired."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ops_console.db.models import Alarm, WorkOrder
from ops_console.domain.messages import Msg
from ops_console.services.context import SYSTEM
from ops_console.services.monitoring import HandoverRefused
from ops_console.services.monitoring.ingest.handover import backoff

from . import test_monitoring
from .test_monitoring import dead, step

fleet = test_monitoring.fleet  # the fixture


class Broken:
    """A work-order service that fails every time (counts the calls)."""

    def __init__(self, exc: Exception | None = None) -> None:
        self.calls = 0
        self.exc = exc or RuntimeError("database is locked")

    def raise_from_alarm(self, actor, alarm_id):
        self.calls += 1
        raise self.exc

    def alarm_cleared(self, actor, alarm_id):
        raise self.exc


def open_unreachable(services, clock, dev):
    for _ in range(3):
        step(services, clock, lambda at: dead(dev, at))


def only_alarm(services, admin):
    [a] = services.monitoring.list_alarms(admin)
    return a


def work_orders(services) -> list[tuple[str, str | None]]:
    with services.db.read() as s:
        return [(w.number, w.alarm_rule) for w in s.query(WorkOrder).order_by(WorkOrder.id)]


def real_work_orders(services) -> None:
    services.__dict__.pop("workorders", None)  # back to the real (cached) service


def test_backoff_doubles_from_a_minute_up_to_an_hour():
    assert [backoff(n).total_seconds() / 60 for n in range(1, 10)] == [
        1, 2, 4, 8, 16, 32, 60, 60, 60
    ]  # fmt: skip


def test_a_failed_hand_over_is_recorded_and_retried_after_its_back_off(
    services, admin, clock, fleet
):
    broken = Broken()
    services.workorders = broken
    open_unreachable(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    opened = a.opened_at
    assert (a.handover_status, a.handover_attempts, a.work_order_id, a.handed_over_at) == (
        "pending",
        1,
        None,
        None,
    )
    assert a.handover_error == Msg("handover.error", {"detail": "RuntimeError: database is locked"})
    assert a.handover_next_at == opened + timedelta(minutes=1)
    assert a.handover_text.startswith("retrying (attempt 1 failed: RuntimeError: database")

    # not due yet: nothing is tried
    assert services.monitoring.retry_handovers(opened + timedelta(seconds=59)).attempted == 0
    assert broken.calls == 1
    # due: tried again, fails again, waits twice as long
    got = services.monitoring.retry_handovers(opened + timedelta(minutes=1))
    assert (got.attempted, got.retrying) == (1, 1)
    a = only_alarm(services, admin)
    assert (a.handover_attempts, a.handover_next_at) == (2, opened + timedelta(minutes=3))

    # the work-order service is back: the next due retry raises exactly one work order
    real_work_orders(services)
    assert services.monitoring.retry_handovers(opened + timedelta(minutes=2)).attempted == 0
    got = services.monitoring.retry_handovers(opened + timedelta(minutes=3))
    assert (got.attempted, got.done) == (1, 1)
    a = only_alarm(services, admin)
    assert (a.handover_status, a.handover_attempts, a.handover_error) == ("done", 3, None)
    assert a.work_order_number == "WO-2026-000001" and a.handover_text == "WO-2026-000001"
    assert a.handed_over_at is not None
    # done is done: later retries leave it alone
    assert services.monitoring.retry_handovers(opened + timedelta(days=1)).attempted == 0
    assert work_orders(services) == [("WO-2026-000001", "unreachable")]
    assert a.to_json()["handover_status"] == "done"


def test_an_alarm_handed_over_at_once_is_done_and_never_retried(services, admin, clock, fleet):
    open_unreachable(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    assert (a.handover_status, a.handover_attempts, a.work_order_number) == (
        "done",
        1,
        "WO-2026-000001",
    )
    assert services.monitoring.retry_handovers(clock.now() + timedelta(hours=5)).attempted == 0
    assert len(work_orders(services)) == 1


def test_a_retired_device_is_refused_for_good_with_its_reason(services, admin, clock, fleet):
    services.workorders = Broken()
    open_unreachable(services, clock, fleet["HB-BIN-001"])
    services.inventory.retire(admin, "HB-BIN-001", "replaced by a new bin")
    real_work_orders(services)
    got = services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5))
    assert (got.attempted, got.failed) == (1, 1)
    a = only_alarm(services, admin)
    assert (a.handover_status, a.handover_attempts, a.handover_next_at) == ("failed", 2, None)
    assert a.handover_error == Msg("handover.retired", {"device": "HB-BIN-001"})
    assert a.handover_text == (
        "refused: device HB-BIN-001 is retired: its alarms raise no work order"
    )
    assert services.monitoring.retry_handovers(clock.now() + timedelta(days=2)).attempted == 0
    assert work_orders(services) == []


def test_an_alarm_that_cleared_while_waiting_still_gets_its_order_marked_recovered(
    services, admin, clock, fleet
):
    from .test_monitoring import bin_ok

    b = fleet["HB-BIN-001"]
    services.workorders = Broken()
    open_unreachable(services, clock, b)
    step(services, clock, lambda at: bin_ok(b, at))
    step(services, clock, lambda at: bin_ok(b, at))
    a = only_alarm(services, admin)
    assert a.cleared_at is not None and a.handover_status == "pending"
    real_work_orders(services)
    assert services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5)).done == 1
    a = only_alarm(services, admin)
    wo = services.workorders.get(admin, a.work_order_number)
    assert wo.device_recovered_at is not None and wo.status == "new"


def test_the_work_order_side_is_idempotent_per_alarm(services, admin, clock, fleet):
    services.workorders = Broken()
    open_unreachable(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    real_work_orders(services)
    first = services.workorders.raise_from_alarm(SYSTEM, a.id)
    # e.g. the poller died after the work order's commit, before recording the hand-over
    again = services.workorders.raise_from_alarm(SYSTEM, a.id)
    assert first.created and not again.created and again.number == first.number
    assert only_alarm(services, admin).handover_status == "pending"
    # the retry finds the work order already there: recorded, nothing raised
    assert services.monitoring.retry_handovers(clock.now() + timedelta(minutes=5)).done == 1
    assert only_alarm(services, admin).work_order_number == first.number
    assert work_orders(services) == [(first.number, "unreachable")]


def test_refusal_and_unknown_alarm_on_the_work_order_side(services, admin, clock, fleet):
    from ops_console.domain.errors import NotFound

    services.workorders = Broken()
    open_unreachable(services, clock, fleet["HB-BIN-001"])
    a = only_alarm(services, admin)
    real_work_orders(services)
    services.inventory.retire(admin, "HB-BIN-001")
    with pytest.raises(HandoverRefused, match="retired"):
        services.workorders.raise_from_alarm(SYSTEM, a.id)
    with pytest.raises(NotFound):
        services.workorders.raise_from_alarm(SYSTEM, 999)


def test_two_claims_never_take_the_same_alarm(services, admin, clock, fleet):
    from ops_console.db.repos import monitoring as repo

    services.workorders = Broken()
    open_unreachable(services, clock, fleet["HB-BIN-001"])
    open_unreachable(services, clock, fleet["JN-BIN-001"])
    later = clock.now() + timedelta(minutes=10)
    with services.db.write() as s:
        first = repo.claim_handovers(s, later, later + timedelta(minutes=1), 10)
    with services.db.write() as s:
        second = repo.claim_handovers(s, later, later + timedelta(minutes=1), 10)
    assert len(first) == 2 and second == []
    with services.db.read() as s:
        assert {a.handover_next_at for a in s.query(Alarm)} == {later + timedelta(minutes=1)}
