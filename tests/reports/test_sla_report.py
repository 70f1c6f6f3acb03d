"""The SLA settlement statement (结算单) over the demo: number, settlement, capitals, parties,
rates, calendar, charged work orders, ledger, signature blocks, in both languages; read back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from ops_console.domain.errors import PermissionDenied, ValidationError
from ops_console.domain.money import rmb_capitals
from ops_console.reports import ReportRequest, build_report

from .conftest import pdf_text

NOV = (date(2026, 11, 1), date(2026, 11, 30))
AFTER_NOVEMBER = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


@pytest.fixture
def demo(rs, manager):
    if "HB-2026" not in [c.code for c in rs.contracts.list(manager)]:
        pytest.skip("the demo has no HB-2026 contract")
    rs.clock.current = AFTER_NOVEMBER  # November is over: its statement can be issued
    return rs


def _pages(path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


def test_chinese_statement_prints_number_payable_capitals_parties_rates(demo, manager, tmp_path):
    out = tmp_path / "sla.pdf"
    r = build_report(
        demo, manager, ReportRequest("sla", *NOV, contract="HB-2026"), out, tmp_path / "sla.csv"
    )
    report = demo.sla.report(manager, "HB-2026", *NOV)
    fee = Decimal(80000)
    penalty = report.totals.penalty  # the demo's availability is above both targets
    payable = fee - penalty
    assert r.figures["payable"] == payable and r.figures["penalty"] == penalty
    assert r.figures["number"] == "HB-2026-202611-01" and r.figures["state"] == "draft"
    pages = _pages(out)
    # the number on every page, in its header
    assert all("HB-2026-202611-01" in p for p in pages), [p[:80] for p in pages]
    text = "\f".join(pages)
    for expected in (
        "运维服务 SLA 月度结算单",
        "结算单编号：HB-2026-202611-01（草稿，未开具）",
        "80,000.00",
        f"{payable:,.2f}",
        rmb_capitals(payable),
        f"{penalty:,.2f}",
        "封顶额（月服务费 × 0.1，元）",
        "8,000.00",
        # the parties in full
        "杭州西湖智维科技有限公司",
        "湖滨社区居民委员会",
        "杭州市上城区湖滨街道办事处",
        "周建国",
        # the rates per priority and the calendar in full
        "SLA 费率（按优先级）",
        "7×24 小时",
        "湖滨工作日",
        "08:30-12:00",
        "星期六",
        "挂起停表",
        # availability
        "设备可用率",
        "智能门禁",
        # the work orders charged and the ledger
        "超时工单与本期计收",
        "挂起台账",
        "附录：计算方法",
        "每次超时只计收一次",
        # three signature blocks
        "运维服务单位",
        "社区（居委会）",
        "街道办事处",
        "代表人：",
        "签字：",
        "（盖章）",
        "日期：",
    ):
        assert expected in text, expected
    assert text.count("（盖章）") == 3
    for row in report.rows:
        if row.resolution_breached:
            assert row.number in text
    for p in demo.sla.pause_ledger(manager, "HB-2026", *NOV):
        assert p.number in text
    csv = (tmp_path / "sla.csv").read_text("utf-8-sig")
    assert all(row.number in csv for row in report.rows)
    # people by name, the login beside it (on its own line in the PDF's narrow cells)
    names = {u.username: u.display_name for u in demo.accounts.list_users(manager)}
    holders = {p.held_by for p in demo.sla.pause_ledger(manager, "HB-2026", *NOV) if p.held_by}
    assert holders
    for login in holders:
        assert f"{names[login]}\n({login})" in text and f"{names[login]} ({login})" in csv


def test_the_weekly_trend_heading_stands_on_the_page_of_its_charts(demo, manager, tmp_path):
    # the demo's November statement used to end page 2 with the lone heading "按周趋势"
    out = tmp_path / "sla.pdf"
    build_report(demo, manager, ReportRequest("sla", *NOV, contract="HB-2026"), out)
    pages = _pages(out)
    with_heading = [i for i, p in enumerate(pages) if "按周趋势" in p]
    with_chart = [i for i, p in enumerate(pages) if "每周解决达标率" in p]
    assert with_heading and with_heading == with_chart, (with_heading, with_chart)


def test_english_statement_has_no_chinese_only_placeholders(demo, manager, tmp_path):
    out = tmp_path / "sla-en.pdf"
    r = build_report(demo, manager, ReportRequest("sla", *NOV, contract="HB-2026", lang="en"), out)
    text = pdf_text(out)
    payable = r.figures["payable"]
    for expected in (
        "SLA Settlement Statement",
        "Statement No.: HB-2026-202611-01 (draft, not issued)",
        "Payable (CNY)",
        f"{payable:,.2f}",
        "Representative:",
        "Signature:",
        "(seal)",
        "Date: ____",
        "SLA rates per priority",
        "24×7",
        "Holds that stop the clock",
        "Each breach is charged once",
    ):
        assert expected in text, expected
    assert text.count("(seal)") == 3
    for chinese_only in ("年", "月__", "大写）", "盖章", rmb_capitals(payable)):
        assert chinese_only not in text, chinese_only


def _late_order(tmp_path):
    """A November P1 order recorded late: 600 minutes to resolve on 24×7, 360 late."""
    csv = tmp_path / "late.csv"
    csv.write_text(
        "number,event,at,actor,assignee,priority,asset_tag,community,title,note\n"
        "WO-2026-900001,created,2026-11-10T09:00:00+08:00,chen.jing,,P1,HB-GATE-007,湖滨,"
        "门禁手动通道无法开启,source=resident_phone\n"
        "WO-2026-900001,assigned,2026-11-10T09:05:00+08:00,wang.jianguo,wang.lei,,,,,\n"
        "WO-2026-900001,accepted,2026-11-10T09:10:00+08:00,wang.lei,,,,,,\n"
        "WO-2026-900001,resolved,2026-11-10T19:00:00+08:00,wang.lei,,,,,,更换电磁锁\n",
        encoding="utf-8",
    )
    return csv


def test_issued_statement_is_kept_reproduced_and_revised_never_silently(demo, manager, tmp_path):
    req = ReportRequest("sla", *NOV, contract="HB-2026", options={"issue": "yes"})
    first = build_report(demo, manager, req, tmp_path / "issued.pdf")
    assert (first.figures["state"], first.figures["number"]) == ("issued", "HB-2026-202611-01")
    issued = demo.statements.list_issued(manager)
    assert [(s.number, s.revision, s.replaces) for s in issued] == [("HB-2026-202611-01", 1, None)]
    assert issued[0].sha256 == first.figures["sha256"]
    assert issued[0].figures["payable"] == f"{first.figures['payable']:.2f}"
    audit = demo.audit.page(demo.accounts.actor("admin"), action="sla_statement.issue")
    assert audit and audit[0].entity_id == "HB-2026-202611-01"

    # printed again later: the same figures, and it says which issued statement it is
    again = build_report(
        demo, manager, ReportRequest("sla", *NOV, contract="HB-2026"), tmp_path / "again.pdf"
    )
    assert again.figures["state"] == "matches" and again.figures["number"] == "HB-2026-202611-01"
    assert again.figures["sha256"] == first.figures["sha256"]
    assert "数字完全一致" in pdf_text(tmp_path / "again.pdf")
    # issuing the same figures again issues nothing new
    same = build_report(demo, manager, req, tmp_path / "same.pdf")
    assert same.figures["state"] == "matches" and len(demo.statements.list_issued(manager)) == 1

    # a late record changes November: a plain print says how it differs, never silently
    demo.workorders.import_csv(manager, _late_order(tmp_path))
    draft = build_report(
        demo, manager, ReportRequest("sla", *NOV, contract="HB-2026"), tmp_path / "draft.pdf"
    )
    assert draft.figures["state"] == "differs" and draft.figures["replaces"] == "HB-2026-202611-01"
    old, new = first.figures["penalty_uncapped"], draft.figures["penalty_uncapped"]
    assert new == old + Decimal(1100)  # 500 per breach + 6 started hours × 100
    diffs = draft.figures["differences"]
    assert any(d.startswith("WO-2026-900001: added (charged now 1100.00)") for d in diffs), diffs
    assert f"penalty_uncapped: {old:.2f} → {new:.2f}" in diffs
    text = pdf_text(tmp_path / "draft.pdf")
    assert "不一致" in text and "WO-2026-900001" in text

    # issued again: revision 2 replaces revision 1 and lists the differences
    rev = build_report(demo, manager, req, tmp_path / "rev2.pdf")
    assert (rev.figures["state"], rev.figures["number"]) == ("revision", "HB-2026-202611-02")
    text = pdf_text(tmp_path / "rev2.pdf")
    assert "第 2 版 — 取代 HB-2026-202611-01" in text and "WO-2026-900001" in text
    assert f"违约金（未封顶）（penalty_uncapped）：{old:.2f} → {new:.2f}" in text
    assert "结算单编号：HB-2026-202611-02" in text and "草稿" not in text  # issued: no draft mark
    assert all("HB-2026-202611-02" in p for p in _pages(tmp_path / "rev2.pdf"))
    assert [(s.number, s.revision, s.replaces) for s in demo.statements.list_issued(manager)] == [
        ("HB-2026-202611-02", 2, "HB-2026-202611-01"),
        ("HB-2026-202611-01", 1, None),
    ]
    en = build_report(
        demo,
        manager,
        ReportRequest("sla", *NOV, contract="HB-2026", lang="en"),
        tmp_path / "rev2-en.pdf",
    )
    assert en.figures["state"] == "matches" and en.figures["revision"] == 2
    assert "Revision 2 — replaces HB-2026-202611-01" in pdf_text(tmp_path / "rev2-en.pdf")


def test_only_managers_issue_and_only_whole_months_that_ended(demo, manager, auditor, tmp_path):
    with pytest.raises(PermissionDenied, match="issue SLA statements"):
        demo.statements.statement(auditor, "HB-2026", *NOV, issue=True)
    with pytest.raises(ValidationError, match="one calendar month"):
        demo.statements.statement(
            manager, "HB-2026", date(2026, 11, 1), date(2026, 11, 15), issue=True
        )
    with pytest.raises(ValidationError, match="has not ended yet"):
        demo.statements.statement(
            manager, "HB-2026", date(2026, 12, 1), date(2026, 12, 31), issue=True
        )
    assert demo.statements.list_issued(manager) == []
    # a part of a month has no number and no payable, and says so
    out = tmp_path / "half.pdf"
    r = build_report(
        demo,
        manager,
        ReportRequest("sla", date(2026, 11, 1), date(2026, 11, 15), contract="HB-2026"),
        out,
    )
    assert r.figures["number"] is None and r.figures["payable"] is None
    assert "非整月期间：无结算单编号" in pdf_text(out)
