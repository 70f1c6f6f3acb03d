"""WorkOrdersService.period_summary: the read-only query behind the maintenance report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from ops_console.domain.errors import NotFound, ValidationError
from tests.unit.services.workorders_world import build


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


def test_period_summary_lists_created_orders_with_category_times_and_costs(services, a, clock):
    w = services.workorders
    before = clock.now()
    wo = w.create(
        a["liaison"], title="门禁不开", priority="P2", source="resident_phone", device="HB-GATE-001"
    )
    w.assign(a["mgr"], wo.number, "tech1")
    w.accept(a["tech1"], wo.number)
    w.add_part(a["tech1"], wo.number, "电磁锁", 2, "60.25")
    clock.advance(minutes=90)
    w.resolve(a["tech1"], wo.number, cause="lock", resolution="replaced", labour_minutes=45)
    other = w.create(a["mgr"], title="y", priority="P3", source="liaison", device="XX-GATE-001")
    start, end = before - timedelta(hours=1), clock.now() + timedelta(hours=1)
    rows = w.period_summary(a["mgr"], start, end)
    assert [r.number for r in rows] == [wo.number, other.number]
    first = rows[0]
    assert (first.category, first.device, first.community, first.contract) == (
        "access_gate",
        "HB-GATE-001",
        "湖滨",
        "HB-2026",
    )
    assert first.parts_cost == Decimal("120.50") and first.labour_minutes == 45
    assert first.resolved_at is not None and first.resolved_at > first.created_at
    assert rows[1].parts_cost == 0 and rows[1].resolved_at is None
    # scoping: one community, a liaison's communities, a technician's own orders
    assert [r.number for r in w.period_summary(a["mgr"], start, end, community="湖滨")] == [
        wo.number
    ]
    assert [r.number for r in w.period_summary(a["liaison"], start, end)] == [wo.number]
    assert [r.number for r in w.period_summary(a["tech2"], start, end)] == []
    # the period is half-open and needs aware times
    assert w.period_summary(a["mgr"], end, end + timedelta(days=1)) == []
    with pytest.raises(ValidationError):
        w.period_summary(a["mgr"], datetime(2026, 1, 1), datetime(2026, 2, 1))
    with pytest.raises(NotFound):
        w.period_summary(a["mgr"], start, end, community="沙河")
    assert (
        w.period_summary(
            a["mgr"], datetime(2020, 1, 1, tzinfo=UTC), datetime(2020, 2, 1, tzinfo=UTC)
        )
        == []
    )
