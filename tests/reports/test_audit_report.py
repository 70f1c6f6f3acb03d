"""The audit report: entries of the period, chain verification, fingerprint."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from ops_console.domain.errors import PermissionDenied
from ops_console.reports import ReportRequest, build_report

from .conftest import pdf_text, pdftotext

NOV = (date(2026, 11, 1), date(2026, 11, 30))


def test_audit_report_matches_the_service(rs, auditor, tmp_path):
    out, csv = tmp_path / "audit.pdf", tmp_path / "audit.csv"
    r = build_report(rs, auditor, ReportRequest("audit", *NOV), out, csv)
    verified = rs.audit.verify(auditor)
    assert verified.ok and r.figures["fingerprint"] == verified.fingerprint
    text = pdf_text(out)
    assert "审计日志报告" in text
    assert "2026-11-01 00:00 至 2026-11-30 24:00" in text
    assert "湖滨" in text
    assert "intact" in text and verified.fingerprint in text
    assert f"第 1 页 / 共 {r.pages} 页" in text
    # poppler reads it too: the font is embedded
    assert "审计日志报告" in pdftotext(out) and "湖滨" in pdftotext(out)
    newest = rs.audit.page(auditor, limit=1)[0]
    assert newest.action in text
    assert r.figures["entries_in_period"] == len(
        rs.audit.page(auditor, limit=100000, since=r_start(rs), until=None)
    )
    body = csv.read_bytes().decode("utf-8-sig")
    assert verified.fingerprint in body and newest.action in body


def r_start(rs):
    from zoneinfo import ZoneInfo

    from ops_console.domain.sla import period_bounds

    return period_bounds(*NOV, ZoneInfo("Asia/Shanghai"))[0]


def test_audit_report_names_the_first_broken_entry(rs, auditor, tmp_path):
    path = rs.db.sqlite_path
    con = sqlite3.connect(path)
    con.execute("UPDATE audit_entries SET actor = 'mallory' WHERE id = 3")
    con.commit()
    con.close()
    out = tmp_path / "audit.pdf"
    r = build_report(rs, auditor, ReportRequest("audit", *NOV, lang="en"), out)
    assert not r.figures["ok"] and r.figures["first_broken"] == 3
    text = pdf_text(out)
    assert "Audit Log Report" in text and "BROKEN" in text and "#3" in text
    assert "Page 1 of" in text


def test_managers_may_not_print_the_audit_report(rs, manager, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PermissionDenied):
        build_report(rs, manager, ReportRequest("audit", *NOV), out / "a.pdf")
    assert not list(out.iterdir())
