"""The audit report: entries of the period, chain verification, fingerprint."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from datetime import UTC, date
from zoneinfo import ZoneInfo

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
    # the verification and the fingerprint are on the first page, in words
    first = pdf_text(out).split("\f")[0]
    assert "完整：全部" in first and verified.fingerprint in first
    assert "intact" not in text
    assert f"第 1 页 / 共 {r.pages} 页" in text
    # poppler reads it too: the font is embedded
    assert "审计日志报告" in pdftotext(out) and "湖滨" in pdftotext(out)
    newest = rs.audit.page(auditor, limit=1)[0]
    assert newest.action not in text  # a code, printed as words
    assert r.figures["entries_in_period"] == len(
        rs.audit.page(auditor, limit=100000, since=r_start(rs), until=None)
    )
    body = csv.read_bytes().decode("utf-8-sig")
    assert verified.fingerprint in body and newest.action not in body


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


JUNE = (date(2026, 6, 1), date(2026, 6, 30))
ROW = re.compile(r"^(\d+) (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)( ※)?", re.M)


def _in_period(rs, auditor, period):
    from zoneinfo import ZoneInfo

    from ops_console.domain.sla import period_bounds

    start, end = period_bounds(*period, ZoneInfo("Asia/Shanghai"))
    rows = rs.audit.page(auditor, limit=100000, since=start, until=end)
    return sorted(rows, key=lambda e: e.id)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_entries_in_chain_order_with_their_time_and_back_dated_ones_marked(
    rs, auditor, tmp_path, lang
):
    out = tmp_path / "audit.pdf"
    r = build_report(rs, auditor, ReportRequest("audit", *JUNE, lang=lang), out)
    expected = _in_period(rs, auditor, JUNE)
    text = pdf_text(out)
    printed = ROW.findall(text)
    # every entry once, by entry number (chain order), each with its local time
    assert [int(i) for i, _at, _mark in printed] == [e.id for e in expected]
    tz = ZoneInfo("Asia/Shanghai")
    times = [e.at.replace(tzinfo=UTC).astimezone(tz) for e in expected]
    assert [at for _i, at, _m in printed] == [t.strftime("%Y-%m-%d %H:%M:%S") for t in times]
    # marked exactly where an entry is dated before the one preceding it in the chain
    earlier = [
        e.id for e, t, before in zip(expected[1:], times[1:], times, strict=False) if t < before
    ]
    assert earlier, "the demo's June history has back-dated entries"
    assert [int(i) for i, _at, mark in printed if mark] == earlier == r.figures["back_dated"]
    note = "时间早于链上前一条记录" if lang == "zh_CN" else "dated earlier than the entry before it"
    assert note.replace(" ", "") in re.sub(r"\s+", "", text)


def test_cells_wrap_and_are_never_cut(rs, auditor, tmp_path):
    out = tmp_path / "audit.pdf"
    build_report(rs, auditor, ReportRequest("audit", *JUNE, lang="en"), out)
    text = pdf_text(out)
    assert "…" not in text
    # the changed-field list of an override assignment names the override reason in full
    override = [
        e for e in _in_period(rs, auditor, JUNE) if "override_reason" in (e.after_json or "")
    ]
    assert override
    rows = text.split("\n")
    for e in override:
        at = next(i for i, line in enumerate(rows) if line.startswith(f"{e.id} "))
        end = next(i for i in range(at + 1, len(rows)) if ROW.match(rows[i]))
        block = " ".join(rows[at:end])
        assert f"Work order {e.entity_id}" in block
        assert "Override reason" in block and "Assignee" in block
    # every work-order number of the period is printed whole
    numbers = {e.entity_id for e in _in_period(rs, auditor, JUNE) if e.entity == "work_order"}
    assert numbers and all(n in text for n in numbers)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh_CN", ["工单已解决", "工单已派单", "越权原因", "完整"]),
        ("en", ["Work order resolved", "Work order assigned", "Override reason", "Intact"]),
    ],
)
def test_actions_fields_and_result_in_words(rs, auditor, tmp_path, lang, words):
    out, csv = tmp_path / "audit.pdf", tmp_path / "audit.csv"
    build_report(rs, auditor, ReportRequest("audit", *JUNE, lang=lang), out, csv)
    text = pdf_text(out).replace("\n", " ")
    body = csv.read_bytes().decode("utf-8-sig")
    for word in words:
        assert word in text and word in body, word
    for code in (
        "workorder.resolve",
        "workorder.assign",
        "override_reason",
        "work_order",
        "intact",
    ):
        assert code not in text and code not in body, code


def test_summary_by_person_and_by_action_adds_up(rs, auditor, tmp_path):
    out, csv = tmp_path / "audit.pdf", tmp_path / "audit.csv"
    r = build_report(rs, auditor, ReportRequest("audit", *NOV, lang="en"), out, csv)
    expected = _in_period(rs, auditor, NOV)
    by_action = r.figures["by_action"]
    assert by_action == dict(Counter(e.action for e in expected))
    names = {u.username: u.display_name for u in rs.accounts.list_users(auditor)}
    by_person = Counter(
        "system" if e.actor == "system" else f"{names[e.actor]} ({e.actor})" for e in expected
    )
    assert r.figures["by_person"] == dict(by_person)
    assert sum(by_person.values()) == r.figures["entries_in_period"] == len(expected)
    text = pdf_text(out)
    assert "The period by person" in text and "The period by action" in text
    # the busiest person's line: name and count
    top, n = by_person.most_common(1)[0]
    assert re.search(rf"{re.escape(top)}\s+{n}\s", text)
    created = by_action["workorder.create"]
    assert re.search(rf"Work order created\s+{created}\s", text)
    sections = csv.read_bytes().decode("utf-8-sig")
    assert "# The period by person" in sections and "# The period by action" in sections


def test_a_snapshot_reads_the_same_for_the_report_and_the_audit_page():
    """The report's changed fields and the Audit page's change lines read an entry's JSON
    with one function: an object as its fields, anything else as one unnamed field, which
    the report never lists as a field name."""
    from ops_console.reports.audit import changed_fields
    from ops_console.reports.audit_words import snapshot

    assert snapshot(None) == snapshot("") == {}
    assert snapshot('{"status": "new", "n": 2}') == {"status": "new", "n": 2}
    assert snapshot("not json") == {"": "not json"}
    assert snapshot("[1, 2]") == {"": [1, 2]}
    before = '{"status": "new", "priority": "P2", "note": "x"}'
    after = '{"status": "assigned", "priority": "P2", "assignee": "li", "password": "s"}'
    assert changed_fields(before, after) == ("status", "assignee", "note")
    assert changed_fields(None, '{"a": 1}') == ("a",)
    assert changed_fields("not json", '{"a": 1}') == ("a",)
    assert changed_fields('{"a": 1}', "[3]") == ("a",)
    assert changed_fields("[1]", "[2]") == ()
