"""The demo's preventive plans: their history reaches the demo's now, so the first run of the
poller raises nothing at once, and a later due date raises one order per device."""

from __future__ import annotations

from datetime import UTC, datetime

from ops_console.services.context import SYSTEM


def test_the_first_run_raises_only_what_is_genuinely_due(demo_services) -> None:
    w = demo_services.workorders
    plans = {p.name: p for p in w.list_plans(SYSTEM)}
    gates = plans["月度巡检：人脸门禁及手动通道"]
    assert gates.generated == 18  # the imported inspections, linked as the plan's history
    # the demo's now (2026-11-29): the November round counts as done for every gate, the
    # bins' weekly cleaning starts tomorrow; before, this raised 55 gate inspections at once
    assert w.run_preventive() == []
    # 1 December: the December round of every gate falls due, and the first bin cleaning
    clock = demo_services.clock
    clock.advance(seconds=(datetime(2026, 12, 1, 1, 0, tzinfo=UTC) - clock.now()).total_seconds())
    raised = w.run_preventive()
    orders = [w.get(SYSTEM, n) for n in raised]
    gate_orders = [o for o in orders if o.category == "access_gate"]
    devices = demo_services.inventory.list_devices(SYSTEM, category="access_gate")
    assert len(gate_orders) == len([d for d in devices if d.status != "retired"]) > 50
    assert {o.kind for o in orders} == {"inspection", "cleaning"}
    assert w.run_preventive() == []  # never twice for a due date
    assert {p.name: p for p in w.list_plans(SYSTEM)}[gates.name].generated == 18 + len(gate_orders)
