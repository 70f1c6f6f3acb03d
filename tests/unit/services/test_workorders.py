"""Work orders: lifecycle, permissions, numbering, contacts, certification, locking, alarms, plans."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ops_console.db.engine import Database
from ops_console.db.models import Alarm, DeviceState, WorkOrder
from ops_console.domain.errors import Conflict, PermissionDenied, TransitionRefused, ValidationError
from ops_console.domain.messages import typed
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.workorders import ResidentContact
from tests.unit.services.workorders_world import build


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


def new(services, a, **kw):
    args = {
        "title": "门禁不开",
        "priority": "P2",
        "source": "resident_phone",
        "device": "HB-GATE-001",
    }
    args.update(kw)
    return services.workorders.create(a["liaison"], **args)


def test_full_lifecycle_is_stored_and_audited(services, a, clock):
    w = services.workorders
    wo = new(services, a)
    assert wo.number == "WO-2026-000001" and wo.status == "new" and wo.contract == "HB-2026"
    w.assign(a["mgr"], wo.number, "tech1")
    clock.advance(minutes=5)
    w.accept(a["tech1"], wo.number)
    w.hold(a["tech1"], wo.number, "waiting_parts: 电磁锁")
    w.resume(a["tech1"], wo.number)
    w.add_part(a["tech1"], wo.number, "电磁锁", 2, "60.25")
    w.resolve(a["tech1"], wo.number, cause="lock", resolution="replaced", labour_minutes=45)
    w.reopen(a["liaison"], wo.number, note="还是坏")
    w.resolve(a["tech1"], wo.number)
    done = w.close(a["liaison"], wo.number, note="居民确认")
    assert [e.kind for e in done.events] == [
        "created",
        "assigned",
        "accepted",
        "held",
        "resumed",
        "resolved",
        "reopened",
        "resolved",
        "closed",
    ]
    held = done.events[3]
    assert (held.reason_code, held.note, held.actor, held.to_status) == (
        "waiting_parts",
        typed("电磁锁"),  # people's words, shown as written
        "tech1",
        "on_hold",
    )
    assert done.events[4].to_status == "in_progress"  # resume returns to the status it left
    assert done.parts_cost == Decimal("120.50") and done.labour_minutes == 45
    actions = [e.action for e in services.audit.page(a["aud"], entity="work_order")]
    assert actions.count("workorder.resolve") == 2 and "workorder.close" in actions


def test_refused_transitions_change_nothing(services, a):
    wo = new(services, a)
    with pytest.raises(TransitionRefused, match="cannot accept a work order that is new"):
        services.workorders.accept(a["mgr"], wo.number)
    with pytest.raises(TransitionRefused):
        services.workorders.close(a["liaison"], wo.number)
    after = services.workorders.get(a["mgr"], wo.number)
    assert after.status == "new" and after.version == wo.version and len(after.events) == 1


def test_hold_needs_a_known_reason_and_cancel_a_reason(services, a):
    wo = new(services, a)
    services.workorders.assign(a["mgr"], wo.number, "tech1")
    with pytest.raises(ValidationError, match="unknown hold reason"):
        services.workorders.hold(a["tech1"], wo.number, "lunch")
    with pytest.raises(ValidationError, match="other"):
        services.workorders.hold(a["tech1"], wo.number, "other")
    other = new(services, a)
    with pytest.raises(ValidationError, match="reason"):
        services.workorders.cancel(a["mgr"], other.number, "  ")
    assert services.workorders.cancel(a["mgr"], other.number, "重复报修").status == "cancelled"


def test_roles_are_enforced(services, a):
    wo = new(services, a)
    with pytest.raises(PermissionDenied):
        services.workorders.assign(a["liaison"], wo.number, "tech1")
    with pytest.raises(PermissionDenied):
        services.workorders.create(
            a["tech1"], title="x", priority="P3", source="liaison", community="湖滨"
        )
    services.workorders.assign(a["mgr"], wo.number, "tech1")
    with pytest.raises(PermissionDenied):  # not theirs
        services.workorders.accept(a["tech2"], wo.number)
    with pytest.raises(PermissionDenied):
        services.workorders.cancel(a["liaison"], wo.number, "x")
    assert [r.number for r in services.workorders.list(a["tech1"])] == [wo.number]
    assert services.workorders.list(a["tech2"]) == []


def test_contacts_are_encrypted_and_shown_only_to_those_allowed(services, a):
    wo = new(services, a, contact=ResidentContact("张三", "13800000000"))
    with services.db.read() as s:
        stored = s.get(WorkOrder, wo.id).resident_contact_enc
    assert stored and "张三" not in stored and "13800000000" not in stored
    assert services.workorders.get(a["liaison"], wo.number).contact.phone == "13800000000"
    seen = services.workorders.get(a["aud"], wo.number)
    assert seen.contact is None and seen.has_contact
    services.workorders.assign(a["mgr"], wo.number, "tech1")
    assert services.workorders.get(a["tech1"], wo.number).contact.name == "张三"
    with pytest.raises(PermissionDenied):
        services.workorders.get(a["tech2"], wo.number)


def test_certification_rule_with_audited_manager_override(services, a):
    wo = new(services, a)
    with pytest.raises(TransitionRefused, match="no valid certification for access_gate"):
        services.workorders.assign(a["mgr"], wo.number, "tech2")  # expired 2026-10-01
    done = services.workorders.assign(
        a["mgr"], wo.number, "tech2", override_reason="唯一在场人员，已电话指导"
    )
    assert (
        done.assignee == "tech2" and done.events[-1].override_reason == "唯一在场人员，已电话指导"
    )
    entry = services.audit.page(a["aud"], entity="work_order")[0]
    assert entry.action == "workorder.assign" and "certification_override" in (
        entry.after_json or ""
    )


def test_auto_dispatch_picks_the_certified_technician_with_fewest_open(services, a):
    first = new(services, a)
    assert services.workorders.auto_dispatch(a["mgr"], first.number).assignee == "tech1"
    cam = new(services, a, device="HB-CAM-001")
    assert (
        services.workorders.auto_dispatch(a["mgr"], cam.number).assignee == "tech1"
    )  # tech2 expired


def test_stale_version_is_a_conflict_and_changes_nothing(services, a):
    wo = new(services, a)
    fresh = services.workorders.update(
        a["liaison"], wo.number, version=wo.version, title="门禁完全不开"
    )
    assert fresh.version == wo.version + 1
    with pytest.raises(Conflict, match="changed by someone else"):
        services.workorders.update(a["mgr"], wo.number, version=wo.version, priority="P1")
    with pytest.raises(Conflict):
        services.workorders.assign(a["mgr"], wo.number, "tech1", version=wo.version)
    now = services.workorders.get(a["mgr"], wo.number)
    assert (now.title, now.priority, now.status) == (typed("门禁完全不开"), "P2", "new")


def test_numbers_are_unique_across_concurrent_consoles(
    services, a, db_path, keyring_backend, clock
):
    from ops_console.secrets import SecretStore

    made: list[str] = []
    errors: list[BaseException] = []

    def console() -> None:
        try:
            db = Database(f"sqlite:///{db_path}")
            sv = Services(db, clock, SecretStore(keyring_backend))
            for _ in range(10):
                made.append(
                    sv.workorders.create(
                        a["liaison"], title="t", priority="P3", source="liaison", community="湖滨"
                    ).number
                )
            db.dispose()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=console) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert sorted(made) == [f"WO-2026-{i:06d}" for i in range(1, 41)]


def _alarm(services, tag, rule, *, opened):
    from ops_console.db.models import Device

    with services.db.write() as s:
        dev = s.query(Device).filter_by(asset_tag=tag).one()
        alarm = Alarm(
            device_id=dev.id,
            rule=rule,
            severity="critical",
            message_data='{"code": "alarm.recorded", "params": {"text": "离线"}}',
            opened_at=opened,
        )
        s.add(alarm)
        s.get(DeviceState, dev.id).health = "down"
        s.flush()
        return alarm.id, dev.id


def test_alarm_raises_one_order_per_device_and_rule_and_links_repeats(services, a, clock):
    w = services.workorders
    first, dev_id = _alarm(services, "HB-GATE-001", "unreachable", opened=clock.now())
    h = w.raise_from_alarm(SYSTEM, first)
    assert h.created and h.number == "WO-2026-000001"
    wo = w.get(a["mgr"], h.number)
    assert (wo.priority, wo.source, wo.kind, wo.alarm_rule) == (
        "P1",
        "alarm",
        "repair",
        "unreachable",
    )
    with services.db.write() as s:
        s.get(Alarm, first).cleared_at = clock.now()
    assert w.alarm_cleared(SYSTEM, first) == h.number
    assert w.get(a["mgr"], h.number).device_recovered_at is not None
    second, _ = _alarm(services, "HB-GATE-001", "unreachable", opened=clock.now())
    again = w.raise_from_alarm(SYSTEM, second)
    assert (again.created, again.number, again.repeat_count) == (False, h.number, 1)
    assert w.get(a["mgr"], h.number).device_recovered_at is None
    # still failing: cannot be closed
    w.assign(a["mgr"], h.number, "tech1")
    w.accept(a["tech1"], h.number)
    w.resolve(a["tech1"], h.number)
    with pytest.raises(TransitionRefused, match="still down"):
        w.close(a["liaison"], h.number)
    with services.db.write() as s:
        s.get(DeviceState, dev_id).health = "up"
    assert w.close(a["liaison"], h.number, note="设备已恢复").status == "closed"
    other, _ = _alarm(services, "HB-GATE-001", "manual_passage", opened=clock.now())
    assert w.raise_from_alarm(SYSTEM, other).created


def test_bin_overflow_dispatches_a_cleaning_order_to_the_collection_team(services, a, clock):
    alarm_id, _ = _alarm(services, "HB-BIN-001", "bin_overflow", opened=clock.now())
    h = services.workorders.raise_from_alarm(SYSTEM, alarm_id)
    wo = services.workorders.get(a["mgr"], h.number)
    assert (wo.kind, wo.status, wo.assignee, wo.team) == (
        "cleaning",
        "assigned",
        "cleaner",
        "湖滨环卫队",
    )


def test_preventive_plan_generates_once_per_due_date(services, a):
    w = services.workorders
    w.create_plan(
        a["mgr"],
        "月度巡检：人脸门禁",
        every_days=30,
        starts_on=date(2026, 10, 1),
        category="access_gate",
    )
    first = w.run_preventive(a["mgr"], date(2026, 11, 2))
    assert len(first) == 2  # HB-GATE-001 and XX-GATE-001, due 2026-10-31
    assert w.run_preventive(a["mgr"], date(2026, 11, 5)) == []
    assert len(w.run_preventive(a["mgr"], date(2026, 11, 30))) == 2
    wo = w.get(a["mgr"], first[0])
    assert (wo.source, wo.kind, wo.priority) == ("preventive", "inspection", "P4")


def test_liaison_sees_only_their_communities(services, a):
    with pytest.raises(PermissionDenied):
        services.workorders.create(
            a["liaison"], title="x", priority="P3", source="liaison", device="XX-GATE-001"
        )
    mine = new(services, a)
    theirs = services.workorders.create(
        a["mgr"], title="y", priority="P3", source="liaison", device="XX-GATE-001"
    )
    assert [r.number for r in services.workorders.list(a["liaison"])] == [mine.number]
    with pytest.raises(PermissionDenied):
        services.workorders.get(a["liaison"], theirs.number)


def test_created_at_uses_utc_and_year_of_the_community(services, a, clock):
    clock.current = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)  # 2027-01-01 01:00 in Shanghai
    assert new(services, a).number == "WO-2027-000001"


def test_list_rows_carry_what_each_order_says(demo_services):
    """The list's rows (read as plain tuples) agree with each order read in full."""
    from ops_console.services.context import SYSTEM

    wo = demo_services.workorders
    rows = wo.list(SYSTEM)
    assert len(rows) == 548
    assert [r.created_at for r in rows] == sorted((r.created_at for r in rows), reverse=True)
    with_device = [r for r in rows if r.device][:5]
    without = [r for r in rows if not r.device][:3]
    assigned = [r for r in rows if r.assignee][:5]
    recovered = [r for r in rows if r.device_recovered_at][:2]
    assert with_device and without and assigned
    for r in with_device + without + assigned + recovered:
        full = wo.get(SYSTEM, r.number)
        fields = ("id", "number", "kind", "source", "status", "priority", "title", "device")
        assert [getattr(r, f) for f in fields] == [getattr(full, f) for f in fields]
        assert (r.community_id, r.assignee, r.version) == (
            full.community_id,
            full.assignee,
            full.version,
        )
        assert (r.created_at, r.updated_at, r.device_recovered_at) == (
            full.created_at,
            full.updated_at,
            full.device_recovered_at,
        )


def test_a_written_orders_row_names_its_assignee_as_the_list_does(services, a):
    """The row a write returns (``info.row``, which the Work orders page puts in its list)
    shows the assignee's name as a listed row does, not only their login."""
    from sqlalchemy import update

    from ops_console.db.models import User

    with services.db.write() as s:
        s.execute(update(User).where(User.username == "tech1").values(display_name="王师傅"))
    wo = new(services, a)
    info = services.workorders.assign(a["mgr"], wo.number, "tech1")
    listed = next(r for r in services.workorders.list(a["mgr"]) if r.number == wo.number)
    assert listed.assignee_shown == "王师傅"
    assert (info.row.assignee, info.row.assignee_name) == ("tech1", "王师傅")
    assert info.row.assignee_shown == listed.assignee_shown
