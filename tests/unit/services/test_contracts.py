"""Contract files: bad input names its place, nothing is written; versioned policies."""

from __future__ import annotations

import pytest

from ops_console.domain.errors import PermissionDenied, ValidationError
from ops_console.services.context import SYSTEM
from tests.unit.services.workorders_world import CONTRACT, build


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'mon = ["08:30-12:00", "13:30-18:00"]',
            'mon = ["18:00-08:30"]',
            'contract.toml: calendar.mon[0]: "18:00-08:30" ends before it starts',
        ),
        (
            'tue = ["08:30-12:00", "13:30-18:00"]',
            'tue = ["08:30-25:00"]',
            'calendar.tue[0]: "08:30-25:00" has a time that is not a time of day',
        ),
        ('wed = ["08:30-12:00", "13:30-18:00"]', 'wed = ["08:30-12:00", "11:00-18:00"]', "overlap"),
        (
            'makeup_days = { "2026-10-10" = "fri" }',
            'makeup_days = { "2026-10-10" = "someday" }',
            'calendar.makeup_days.2026-10-10: "someday" is not a weekday',
        ),
        (
            'communities = ["湖滨"]',
            'communities = ["不存在"]',
            'contract.communities[0]: no community named "不存在"',
        ),
        (
            'calendar = "湖滨工作日"\npenalty_per_breach = 300',
            'calendar = "别的日历"\npenalty_per_breach = 300',
            'sla.P2.calendar: "别的日历" is not a calendar of this file',
        ),
        (
            'timezone = "Asia/Shanghai"',
            'timezone = "Mars/Base"',
            'contract.timezone: "Mars/Base" is not a known time zone',
        ),
    ],
)
def test_bad_contract_files_name_the_place_and_write_nothing(services, a, old, new, message):
    assert old in CONTRACT
    with pytest.raises(ValidationError) as exc:
        services.contracts.import_text(
            SYSTEM, CONTRACT.replace("HB-2026", "NEW-1").replace(old, new)
        )
    assert message in str(exc.value)
    assert [c.code for c in services.contracts.list(SYSTEM)] == ["HB-2026"]


def test_reimport_unchanged_creates_nothing_and_changed_calendar_versions(services, a):
    r = services.contracts.import_text(SYSTEM, CONTRACT)
    assert (r.created, r.changed, r.new_policy, r.policy_version) == (False, False, False, 1)
    v2 = CONTRACT.replace('"2026-10-02"]', '"2026-10-02", "2026-10-05"]')
    r = services.contracts.import_text(SYSTEM, v2)
    assert r.new_policy and r.policy_version == 2
    policies = services.contracts.policies(SYSTEM, "HB-2026")
    assert [t.calendar for t in policies[0].terms if t.key == "P2"] == ["湖滨工作日"]
    assert [t.calendar for t in policies[1].terms if t.key == "P2"] == ["湖滨工作日 v2"]
    r = services.contracts.import_text(
        SYSTEM, v2.replace("monthly_fee = 80000", "monthly_fee = 90000")
    )
    assert r.changed and not r.new_policy and r.policy_version == 2


def test_only_managers_import_contracts(services, a):
    with pytest.raises(PermissionDenied):
        services.contracts.import_text(a["liaison"], CONTRACT)


def test_contract_lookup_for_reports(services, a):
    c = services.sla.contract(a["mgr"], "HB-2026")
    assert (c.code, c.communities, c.timezone, c.policy_version) == (
        "HB-2026",
        ("湖滨",),
        "Asia/Shanghai",
        1,
    )
    assert services.sla.contract(a["mgr"], "NOPE") is None


def _audit_count(services) -> int:
    from ops_console.db.models import AuditEntry

    with services.db.read() as s:
        return s.query(AuditEntry).count()


def test_a_preview_says_what_the_import_would_do_and_writes_nothing(services, a):
    entries = _audit_count(services)
    new = CONTRACT.replace("HB-2026", "NEW-1").replace(
        'firm = "西湖智维科技有限公司"', 'firm = "新的维保公司"'
    )
    assert 'firm = "新的维保公司"' in new
    p = services.contracts.preview_text(SYSTEM, new)
    assert (p.result.code, p.result.created, p.result.new_policy, p.result.policy_version) == (
        "NEW-1", True, True, 1,
    )  # fmt: skip
    assert p.new_firm == "新的维保公司"
    assert ("firm", "", "新的维保公司") in p.changes
    assert ("communities", "", "湖滨") in p.changes
    assert {t.key for t in p.terms} >= {"P1", "P2"}
    assert [c.code for c in services.contracts.list(SYSTEM)] == ["HB-2026"]
    assert _audit_count(services) == entries
    # a changed fee: one field, the policy stays; an unchanged file: nothing
    p = services.contracts.preview_text(
        SYSTEM, CONTRACT.replace("monthly_fee = 80000", "monthly_fee = 90000")
    )
    assert (p.result.changed, p.result.new_policy, p.new_firm) == (True, False, None)
    assert p.changes == (("monthly_fee", "80000", "90000"),) and p.terms == ()
    p = services.contracts.preview_text(SYSTEM, CONTRACT)
    assert (p.result.created, p.result.changed, p.result.new_policy, p.changes) == (
        False, False, False, (),
    )  # fmt: skip
    assert services.contracts.get(SYSTEM, "HB-2026").monthly_fee == 80000
    assert _audit_count(services) == entries
    # the import's own errors, and its permission check
    with pytest.raises(ValidationError, match='no community named "不存在"'):
        services.contracts.preview_text(
            SYSTEM, CONTRACT.replace('communities = ["湖滨"]', 'communities = ["不存在"]')
        )
    with pytest.raises(PermissionDenied):
        services.contracts.preview_text(a["liaison"], CONTRACT)
