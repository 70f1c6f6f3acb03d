"""Training: matrix statuses, mandatory courses, expiring list, bad files."""

from __future__ import annotations

from datetime import date

import pytest

from ops_console.domain.errors import ValidationError
from ops_console.services.context import SYSTEM
from tests.unit.services.workorders_world import build


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


def cell(matrix, user, course):
    row = next(r for r in matrix.rows if r.username == user)
    return next(c for c in row.cells if c.course == course)


def test_matrix_statuses_and_mandatory_courses(services, a):
    m = services.training.matrix(a["mgr"], date(2026, 11, 2))
    assert cell(m, "tech1", "GATE-101").status == "valid"
    assert cell(m, "tech1", "SAFE-001").status == "expiring"  # 2026-11-20, within 30 days
    assert cell(m, "tech2", "GATE-101").status == "expired"
    sc = cell(m, "tech2", "SAFE-001")
    assert (sc.status, sc.mandatory) == ("missing", True)
    assert cell(m, "liaison", "SAFE-001").mandatory and not cell(m, "liaison", "GATE-101").mandatory
    assert {r.username for r in m.rows} == {"mgr", "tech1", "tech2", "cleaner", "liaison"}
    assert next(r for r in m.rows if r.username == "tech2").mandatory_gaps == 2
    assert [r.username for r in services.training.matrix(a["tech1"]).rows] == ["tech1"]


def test_expiring_list(services, a):
    rows = services.training.expiring(a["mgr"], 30, date(2026, 11, 2))
    assert [(e.username, e.course, e.days_left) for e in rows] == [("tech1", "SAFE-001", 18)]
    assert services.training.expiring(a["mgr"], 10, date(2026, 11, 2)) == []


def test_renewal_replaces_the_old_certificate(services, a):
    services.training.record(SYSTEM, "tech1", "SAFE-001", date(2026, 11, 1), certificate_no="S-009")
    assert services.training.expiring(a["mgr"], 30, date(2026, 11, 2)) == []
    assert (
        cell(services.training.matrix(a["mgr"], date(2026, 11, 2)), "tech1", "SAFE-001").status
        == "valid"
    )


def test_bad_record_file_reports_every_line_and_writes_nothing(services, a, tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text(
        "username,course,completed_on,score,certificate_no\n"
        "nobody,GATE-101,2026-01-01,90,X\n"
        "tech1,NOPE,2026-01-01,90,Y\n"
        "tech1,GATE-101,01/02/2026,90,Z\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as exc:
        services.training.import_records(SYSTEM, p)
    text = str(exc.value)
    assert "line 2: username: no user named 'nobody'" in text
    assert "line 3: course: no course with code 'NOPE'" in text
    assert "line 4: completed_on" in text
    assert len(services.training.expiring(a["mgr"], 3650, date(2026, 11, 2))) == 2


def test_certified_many_reads_each_technicians_status_at_once(services, a):
    """The assign dialog's read: one call for every technician, an unknown name refused."""
    from ops_console.domain.errors import NotFound

    got = services.training.certified_many(
        a["mgr"], ["tech1", "tech2", "cleaner"], "access_gate", date(2026, 11, 2)
    )
    assert got == {"tech1": "valid", "tech2": "expired", "cleaner": "missing"}
    with pytest.raises(NotFound, match="nobody"):
        services.training.certified_many(a["mgr"], ["tech1", "nobody"], "access_gate")
