"""Verification: the liaison closes a resolved order with a note or reopens it with a reason;
a manager's close without the liaison is an audited override listed on the statement."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ops_console.domain.errors import PermissionDenied, ValidationError
from ops_console.domain.messages import typed
from ops_console.services.context import SYSTEM
from tests.unit.services.workorders_world import build


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


def resolved(services, a, tech="tech1", **kw):
    w = services.workorders
    args = {
        "title": "门禁不开",
        "priority": "P2",
        "source": "resident_phone",
        "device": "HB-GATE-001",
    }
    args.update(kw)
    wo = w.create(a["liaison"] if "community" not in kw else SYSTEM, **args)
    w.assign(a["mgr"], wo.number, tech)
    who = services.accounts.actor(tech)
    w.accept(who, wo.number)
    return w.resolve(who, wo.number, cause="lock", resolution="replaced")


def test_the_liaison_verifies_with_a_note_and_the_resident_sign_off(services, a):
    w = services.workorders
    wo = resolved(services, a)
    assert w.awaiting_verification(a["liaison"]) == {"湖滨": 1}
    with pytest.raises(ValidationError, match="verification note is required"):
        w.close(a["liaison"], wo.number, note="  ")
    with pytest.raises(ValidationError, match="only for a manager"):
        w.close(a["liaison"], wo.number, note="ok", override_reason="x")
    assert w.get(a["mgr"], wo.number).status == "resolved"  # refused: nothing changed
    done = w.close(a["liaison"], wo.number, note="与居民一起试开门，正常", signed_off=True)
    close = done.events[-1]
    assert (done.status, close.actor, close.reason_code, close.note, close.override_reason) == (
        "closed",
        "liaison",
        "verified_signed_off",
        typed("与居民一起试开门，正常"),
        None,
    )
    assert w.awaiting_verification(a["liaison"]) == {"湖滨": 0}
    entry = services.audit.page(a["aud"], entity="work_order")[0]
    assert entry.action == "workorder.close"
    assert json.loads(entry.after_json)["verification"] == "verified_signed_off"


def test_reopen_needs_a_reason_and_the_clock_resumes(services, a):
    w = services.workorders
    wo = resolved(services, a)
    with pytest.raises(ValidationError, match="reason is required to reopen"):
        w.reopen(a["liaison"], wo.number, reason=" ")
    back = w.reopen(a["liaison"], wo.number, reason="居民说晚上仍打不开")
    assert back.status == "in_progress" and back.events[-1].note == typed("居民说晚上仍打不开")


def test_a_manager_close_without_the_liaison_is_an_override_with_a_reason(services, a):
    w = services.workorders
    wo = resolved(services, a)
    with pytest.raises(ValidationError, match="override and needs a written reason"):
        w.close(a["mgr"], wo.number, note="看过了")
    assert w.get(a["mgr"], wo.number).status == "resolved"
    done = w.close(a["mgr"], wo.number, override_reason="联络员休假，居民电话确认")
    close = done.events[-1]
    assert (close.reason_code, close.override_reason) == (
        "closed_unverified",
        "联络员休假，居民电话确认",
    )
    after = json.loads(services.audit.page(a["aud"], entity="work_order")[0].after_json)
    assert after["override_reason"] == "联络员休假，居民电话确认"
    assert after["verification"] == "closed_unverified"
    today = services.clock.now().date()
    st = services.statements.statement(a["mgr"], "HB-2026", today.replace(day=1), today)
    assert [(u.number, u.closed_by, u.reason) for u in st.unverified] == [
        (wo.number, "mgr", "联络员休假，居民电话确认")
    ]
    # another month lists nothing
    st = services.statements.statement(a["mgr"], "HB-2026", date(2026, 10, 1), date(2026, 10, 31))
    assert st.unverified == ()


def test_where_the_community_has_no_liaison_a_manager_verifies(services, a):
    w = services.workorders
    services.accounts.add_user(SYSTEM, "roving", "password1", "technician")  # every community
    wo = resolved(services, a, "roving", community="西溪", device=None, title="路灯不亮")
    with pytest.raises(ValidationError, match="no liaison"):
        w.close(a["mgr"], wo.number, note="ok", override_reason="x")
    done = w.close(a["mgr"], wo.number, note="现场查看已修复")
    assert done.events[-1].reason_code == "verified" and done.events[-1].override_reason is None


def test_only_the_liaison_of_the_community_verifies(services, a):
    services.accounts.add_community(SYSTEM, "翠苑")
    services.accounts.add_user(SYSTEM, "other", "password1", "liaison", communities=["翠苑"])
    other = services.accounts.actor("other")
    wo = resolved(services, a)
    with pytest.raises(PermissionDenied, match="may not see"):  # outside their communities
        services.workorders.close(other, wo.number, note="ok")
    with pytest.raises(PermissionDenied):
        services.workorders.close(a["tech1"], wo.number, note="ok")
    assert services.workorders.awaiting_verification(other) == {"翠苑": 0}


def test_the_statement_names_who_closed_without_the_liaison(services, a):
    """The street office reads a person's name on the statement, the login beside it."""
    services.accounts.add_user(SYSTEM, "wang.jl", "password1", "manager", display_name="王经理")
    boss = services.accounts.actor("wang.jl")
    w = services.workorders
    wo = w.create(
        a["liaison"], title="门禁不开", priority="P2", source="liaison", device="HB-GATE-001"
    )
    w.assign(boss, wo.number, "tech1")
    tech = services.accounts.actor("tech1")
    w.accept(tech, wo.number)
    w.hold(boss, wo.number, "waiting_parts")
    w.resume(boss, wo.number)
    w.resolve(tech, wo.number, cause="lock", resolution="replaced")
    w.close(boss, wo.number, override_reason="联络员休假，居民电话确认")
    today = services.clock.now().date()
    st = services.statements.statement(boss, "HB-2026", today.replace(day=1), today)
    assert [(u.number, u.closed_by) for u in st.unverified] == [(wo.number, "王经理 (wang.jl)")]
    assert [(p.held_by, p.resumed_by) for p in st.pauses if p.number == wo.number] == [
        ("王经理 (wang.jl)", "王经理 (wang.jl)")
    ]
