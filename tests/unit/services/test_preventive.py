"""Preventive plans: schedules, checklists, pause, edit, and one order per due date, even when
run-due runs twice or from two consoles at once."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ops_console.domain.errors import PermissionDenied, ValidationError
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.workorders import PlanInput
from tests.unit.services.workorders_world import build


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


def test_monthly_plan_puts_its_checklist_in_each_order_once_per_due_date(services, a):
    w = services.workorders
    plan = w.create_plan(
        a["mgr"],
        "月度巡检：人脸门禁及手动通道",
        starts_on=date(2026, 10, 1),
        day_of_month=1,
        category="access_gate",
        checklist="1. 人脸识别\n2. 手动通道开闭",
    )
    assert (plan.every_days, plan.day_of_month, plan.active) == (None, 1, True)
    first = w.run_preventive(a["mgr"], date(2026, 11, 2))
    assert len(first) == 2  # HB-GATE-001 and XX-GATE-001, due 2026-11-01
    assert w.run_preventive(a["mgr"], date(2026, 11, 2)) == []  # twice: nothing more
    assert w.run_preventive(a["mgr"], date(2026, 11, 30)) == []  # same due date
    wo = w.get(a["mgr"], first[0])
    assert (wo.source, wo.kind, wo.priority) == ("preventive", "inspection", "P4")
    assert wo.description == "1. 人脸识别\n2. 手动通道开闭"
    assert len(w.run_preventive(a["mgr"], date(2026, 12, 1))) == 2
    [info] = w.list_plans(a["mgr"])
    assert (info.last_due, info.generated) == (date(2026, 12, 1), 4)


def test_a_paused_plan_generates_nothing_until_resumed(services, a):
    w = services.workorders
    plan = w.create_plan(
        a["mgr"], "每周清洗", starts_on=date(2026, 11, 2), every_days=7, device="HB-BIN-001",
        kind="cleaning",
    )  # fmt: skip
    assert not w.pause_plan(a["mgr"], plan.id).active
    assert w.run_preventive(a["mgr"], date(2026, 11, 3)) == []
    assert w.pause_plan(a["mgr"], plan.id, paused=False).active
    [number] = w.run_preventive(a["mgr"], date(2026, 11, 3))
    assert w.get(a["mgr"], number).kind == "cleaning"
    entries = services.audit.page(SYSTEM, entity="preventive_plan")  # newest first
    assert [e.action for e in entries] == ["plan.resume", "plan.pause", "plan.create"]
    assert all(e.actor == "mgr" for e in entries)


def test_edit_changes_the_schedule_and_target(services, a):
    w = services.workorders
    plan = w.create_plan(
        a["mgr"], "巡检", starts_on=date(2026, 11, 1), every_days=30, category="access_gate"
    )
    edited = w.update_plan(
        a["mgr"],
        plan.id,
        PlanInput("巡检（单台）", date(2026, 11, 1), None, 15, None, "HB-GATE-001", "inspection",
                  "P3", "看手动通道"),
    )  # fmt: skip
    assert (edited.name, edited.device, edited.category, edited.day_of_month) == (
        "巡检（单台）", "HB-GATE-001", None, 15,
    )  # fmt: skip
    [number] = w.run_preventive(a["mgr"], date(2026, 11, 20))
    assert w.get(a["mgr"], number).priority == "P3"


def test_bad_plans_are_refused_with_every_problem_and_nothing_written(services, a):
    w = services.workorders
    with pytest.raises(ValidationError) as bad:
        w.create_plan(
            a["mgr"], " ", starts_on=date(2026, 1, 1), every_days=7, day_of_month=3,
            category="nosuch", kind="repair",
        )  # fmt: skip
    assert str(bad.value).splitlines() == [
        "cannot create the plan",
        "name: missing",
        "schedule: either every N days or monthly on a day",
        "kind: one of inspection, cleaning",
        "category: unknown category 'nosuch'",
    ]
    with pytest.raises(ValidationError, match="day_of_month: between 1 and 31"):
        w.create_plan(
            a["mgr"], "x", starts_on=date(2026, 1, 1), day_of_month=32, device="HB-GATE-001"
        )
    with pytest.raises(PermissionDenied):
        w.create_plan(
            a["tech1"], "x", starts_on=date(2026, 1, 1), every_days=7, device="HB-GATE-001"
        )
    assert w.list_plans(a["mgr"]) == []


def test_two_consoles_running_plans_at_once_generate_each_order_once(services, a, db):
    w = services.workorders
    w.create_plan(
        a["mgr"], "巡检", starts_on=date(2026, 11, 1), every_days=7, category="access_gate"
    )
    # a second console: its own Services (own sessions) over the same database
    other = Services(db, services.clock, services.secrets)
    start = threading.Barrier(2)
    got: list[list[str]] = []

    def run(svc: Services) -> None:
        start.wait()
        got.append(svc.workorders.run_preventive(SYSTEM, date(2026, 11, 3)))

    threads = [threading.Thread(target=run, args=(s,)) for s in (services, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(len(g) for g in got) == [0, 2]
    orders = [o for o in w.list(a["mgr"]) if o.source == "preventive"]
    assert len(orders) == 2
