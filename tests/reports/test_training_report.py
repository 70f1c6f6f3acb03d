"""The training report against the training service."""

from __future__ import annotations

from datetime import date

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
    assert r.figures["renew"] == [(e.username, e.course, e.expires_on) for e in expiring]
    for e in expiring:
        assert e.expires_on.isoformat() in text
    counts = r.figures["counts"]
    assert sum(counts.values()) == len(matrix.rows) * len(matrix.courses)
    assert counts["expiring"] == sum(
        1 for row in matrix.rows for c in row.cells if c.status == "expiring"
    )


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
