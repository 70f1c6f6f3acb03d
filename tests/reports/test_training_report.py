"""The training report against the training service."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from ops_console.reports import ReportRequest, build_report
from ops_console.services.container import Services

from .conftest import pdf_text

pytestmark = pytest.mark.skipif(
    not hasattr(Services, "training"), reason="the training service has not landed yet"
)


def test_training_report_matches_the_service(rs, manager, tmp_path):
    out = tmp_path / "t.pdf"
    r = build_report(
        rs,
        manager,
        ReportRequest("training", date(2026, 11, 1), date(2026, 11, 30)),
        out,
        tmp_path / "t.csv",
    )
    day = r.figures["as_of"]
    assert day == date(2026, 11, 29)  # the period ends after today: statuses as of today
    matrix = rs.training.matrix(manager, today=day)
    expiring = rs.training.expiring(manager, 30, today=day)
    text = pdf_text(out)
    assert "人员培训与资质报告" in text and "2026-11-01 00:00 至 2026-11-30 24:00" in text
    assert r.figures["staff"] == len(matrix.rows)
    for row in matrix.rows:
        assert row.username in text
    for c in matrix.courses:
        assert c.code in text
    assert r.figures["renew"] == [
        (e.username, e.course, e.expires_on, e.days_left) for e in expiring
    ]
    for e in expiring:
        assert e.expires_on.isoformat() in text
    counts = r.figures["counts"]
    assert sum(counts.values()) == len(matrix.rows) * len(matrix.courses)
    assert counts["expiring"] == sum(
        1 for row in matrix.rows for c in row.cells if c.status == "expiring"
    )
    # only a mandatory course is missing: liaisons and managers miss no technician certificate
    assert counts["missing"] == sum(
        1 for row in matrix.rows for c in row.cells if c.status == "missing" and c.mandatory
    )


def test_only_mandatory_courses_count_as_missing(rs, manager, tmp_path):
    out, csv = tmp_path / "t.pdf", tmp_path / "t.csv"
    r = build_report(
        rs, manager, ReportRequest("training", date(2026, 11, 1), date(2026, 11, 30)), out, csv
    )
    matrix = rs.training.matrix(manager, today=r.figures["as_of"])
    mandatory = {c.code: set(c.mandatory_for) for c in matrix.courses}
    assert mandatory["SAFE-001"] == {"technician"}  # the demo: only technicians have one
    gaps = [
        (row.username, c.course, c.status)
        for row in matrix.rows
        for c in row.cells
        if c.mandatory and c.status in ("missing", "expired")
    ]
    assert gaps and r.figures["actions"] == gaps
    roles = {row.username: row.role for row in matrix.rows}
    assert {roles[u] for u, _c, _s in gaps} == {"technician"}
    text = pdf_text(out)
    section = text.split("须处理：必修证书已过期或缺失")[1].split("人员 × 课程资质矩阵")[0]
    for user, course, _status in gaps:
        assert user in section and course in section
    assert "安排复训" in section or "安排培训" in section
    # liaisons and managers with no record are named apart, not as missing certificates
    idle = [row for row in matrix.rows if row.role in ("liaison", "manager")]
    assert idle
    flat = text.replace("\n", "")
    assert "无必修课程、也无培训记录的人员" in flat
    for row in idle:
        if not any(c.status != "missing" for c in row.cells):
            assert row.display_name in flat.split("无必修课程、也无培训记录的人员")[1]
    # the legend explains the mandatory mark and the red frame
    assert "★ 本岗位必修课程" in flat and "★ 必修课程：SAFE-001（运维工程师）" in flat
    body = csv.read_bytes().decode("utf-8-sig")
    assert "# 须处理：必修证书已过期或缺失" in body


def test_days_left_are_counted_from_today_as_the_training_page(rs, manager, tmp_path):
    # a past period printed later: days left still count from today, as the page shows them
    out = tmp_path / "t.pdf"
    r = build_report(
        rs,
        manager,
        ReportRequest("training", date(2026, 10, 1), date(2026, 10, 31), lang="en"),
        out,
    )
    today = rs.clock.now().astimezone(ZoneInfo("Asia/Shanghai")).date()
    assert r.figures["as_of"] == today
    page = rs.training.expiring(manager, 30)  # what the Training page lists
    assert page and r.figures["renew"] == [
        (e.username, e.course, e.expires_on, e.days_left) for e in page
    ]
    assert all(days == (exp - today).days for _u, _c, exp, days in r.figures["renew"])
    text = pdf_text(out)
    assert f"Days left are counted from today ({today.isoformat()})" in text.replace("\n", " ")


def test_training_report_for_one_community_lists_its_staff(rs, manager, tmp_path):
    names = [c.name for c in rs.accounts.list_communities(manager)]
    community = "湖滨" if "湖滨" in names else names[0]
    out = tmp_path / "t.pdf"
    r = build_report(
        rs,
        manager,
        ReportRequest(
            "training", date(2026, 11, 1), date(2026, 11, 30), community=community, lang="en"
        ),
        out,
    )
    users = {u.username: u for u in rs.accounts.list_users(manager)}
    text = pdf_text(out)
    assert "Staff Training and Certification Report" in text and community in text
    for name, u in users.items():
        if u.communities and community not in u.communities and name in text.split():
            pytest.fail(f"{name} of {u.communities} is listed for {community}")
    assert r.figures["staff"] >= 1
