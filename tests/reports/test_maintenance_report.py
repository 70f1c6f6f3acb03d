"""The maintenance report against the work-order and SLA services, on the demo."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from ops_console.cli import main
from ops_console.domain.sla import period_bounds
from ops_console.reports import ReportRequest, build_report
from ops_console.services.context import SYSTEM

from .conftest import demo_available, pdf_text

pytestmark = pytest.mark.skipif(not demo_available(), reason="the demo data has not landed")

SIX_MONTHS = (date(2026, 6, 1), date(2026, 11, 30))
NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def boss(rs):
    """A manager who sees every community (the demo's sub-district manager)."""
    for u in rs.accounts.list_users(SYSTEM):
        if u.role == "manager" and not u.communities:
            return rs.accounts.actor(u.username)
    raise AssertionError("no unscoped manager in the demo")


def _orders(rs, actor, dates, community=None):
    start, end = period_bounds(*dates, "Asia/Shanghai")
    return rs.workorders.period_summary(actor, start, end, community=community)


def test_maintenance_report_matches_the_services(rs, boss, tmp_path):
    manager = boss
    out, out_csv = tmp_path / "m.pdf", tmp_path / "m.csv"
    r = build_report(rs, manager, ReportRequest("maintenance", *SIX_MONTHS), out, out_csv)
    orders = _orders(rs, manager, SIX_MONTHS)
    assert r.figures["created"] == len(orders) > 100
    assert r.figures["by_source"] == dict(Counter(o.source for o in orders))
    assert r.figures["by_community"] == dict(Counter(o.community for o in orders))
    assert r.figures["cancelled"] == sum(1 for o in orders if o.status == "cancelled")
    text = pdf_text(out)
    assert "运维工作报告" in text and "2026-06-01 00:00 至 2026-11-30 24:00" in text
    assert "湖滨" in text and "张江" in text
    assert str(len(orders)) in text
    # MTTR is each contract's SLA figure, not recomputed
    for c in rs.contracts.list(manager):
        sla = rs.sla.report(manager, c.code, *SIX_MONTHS)
        assert r.figures["mttr"][c.code] == sla.totals.mttr_minutes
        assert f"{sla.totals.mttr_minutes:,.1f}" in text
    # the top devices are those with the most repair work orders
    repairs = Counter(
        o.device for o in orders if o.kind == "repair" and o.device and o.status != "cancelled"
    )
    top = r.figures["top_devices"]
    assert len(top) == 10 and top[0][1] == max(repairs.values())
    for tag, n in top:
        assert repairs[tag] == n and tag in text
    preventive = [o for o in orders if o.source == "preventive" and o.status != "cancelled"]
    assert r.figures["preventive_due"] == len(preventive) > 0
    assert f"{r.figures['preventive_done']} / {len(preventive)}" in text
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert ["# 工单明细"] in lines and any(row and row[0] == "湖滨" for row in lines)


def test_one_community_uses_its_contract_mttr_and_counts_parts(rs, manager, tmp_path):
    orders = _orders(rs, manager, NOV, "湖滨")
    busy = next(o for o in orders if o.status in ("assigned", "in_progress", "on_hold"))
    wo = rs.workorders.get(manager, busy.number)
    assignee = rs.accounts.actor(wo.assignee) if wo.assignee else manager
    rs.workorders.add_part(assignee, busy.number, "电磁锁", 2, "60.25")
    out = tmp_path / "m.pdf"
    r = build_report(
        rs, manager, ReportRequest("maintenance", *NOV, community="湖滨", lang="en"), out
    )
    assert r.figures["by_community"] == {"湖滨": len(orders)}
    assert r.figures["parts_cost"] == Decimal("120.50")
    hb = next(c for c in rs.contracts.list(manager) if c.communities == ("湖滨",))
    sla = rs.sla.report(manager, hb.code, *NOV)
    assert r.figures["mttr"] == {hb.code: sla.totals.mttr_minutes}
    text = pdf_text(out)
    assert "Maintenance Report" in text and "2026-11-01 00:00 to 2026-11-30 24:00" in text
    assert "湖滨" in text and "120.50" in text and f"{sla.totals.mttr_minutes:,.1f} min" in text
    assert "张江" not in text


def test_empty_period_says_no_work_orders(rs, manager, tmp_path):
    out = tmp_path / "m.pdf"
    r = build_report(
        rs, manager, ReportRequest("maintenance", date(2025, 1, 1), date(2025, 1, 31)), out
    )
    assert r.pages == 1 and r.figures["created"] == 0
    assert "本期无工单" in pdf_text(out)


def test_cli_maintenance_exit_codes(rs, auditor_signed_in, tmp_path, capsys):
    url = f"sqlite:///{rs.db.sqlite_path}"
    pdf = tmp_path / "m.pdf"
    base = ["report", "maintenance", "--db", url, "--from", "2026-11-01", "--to", "2026-11-30"]
    code = main([*base, "--community", "湖滨", "--out", str(pdf), "--csv", str(tmp_path / "m.csv")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "page(s)" in captured.out and "湖滨" in pdf_text(pdf)
    code = main([*base, "--community", "沙河", "--out", str(tmp_path / "bad.pdf")])
    assert code == 2 and "沙河" in capsys.readouterr().err
    assert not (tmp_path / "bad.pdf").exists()


def test_contract_filter_keeps_its_work_orders_and_mttr(rs, boss, tmp_path):
    contract = next(c for c in rs.contracts.list(boss) if len(c.communities) > 1)
    r = build_report(
        rs, boss, ReportRequest("maintenance", *NOV, contract=contract.code), tmp_path / "m.pdf"
    )
    orders = [o for o in _orders(rs, boss, NOV) if o.contract == contract.code]
    assert r.figures["created"] == len(orders)
    assert set(r.figures["by_community"]) <= set(contract.communities)
    sla = rs.sla.report(boss, contract.code, *NOV)
    assert r.figures["mttr"] == {contract.code: sla.totals.mttr_minutes}


def test_community_of_a_shared_contract_averages_its_sla_rows(rs, boss, tmp_path):
    contract = next(c for c in rs.contracts.list(boss) if len(c.communities) > 1)
    community = contract.communities[0]
    r = build_report(
        rs,
        boss,
        ReportRequest("maintenance", *NOV, community=community),
        tmp_path / "m.pdf",
    )
    mine = {w.number for w in rs.workorders.list(boss, community=community)}
    rows = [x for x in rs.sla.report(boss, contract.code, *NOV).rows if x.number in mine]
    expected = round(sum(x.resolution_minutes for x in rows) / len(rows), 1)
    assert r.figures["mttr"] == {contract.code: expected}
    assert f"{expected:,.1f}" in pdf_text(tmp_path / "m.pdf")


def _pages(path):
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(str(path)).pages]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_nothing_recorded_instead_of_zero_tables(rs, manager, tmp_path, lang):
    orders = _orders(rs, manager, NOV, "湖滨")
    assert not any(o.parts_cost or o.labour_minutes for o in orders)  # the demo records none
    out, out_csv = tmp_path / "m.pdf", tmp_path / "m.csv"
    build_report(
        rs, manager, ReportRequest("maintenance", *NOV, community="湖滨", lang=lang), out, out_csv
    )
    text = pdf_text(out)
    flat = " ".join(text.split())
    nothing = (
        "本期工单未登记任何备件或工时"
        if lang == "zh_CN"
        else "Nothing recorded: no parts or labour"
    )
    assert nothing in flat
    assert "0.00" not in text
    assert ("未登记" if lang == "zh_CN" else "none recorded") in flat  # the summary's boxes
    section = "# 工单明细" if lang == "zh_CN" else "# Work orders"
    summary = out_csv.read_bytes().decode("utf-8-sig").split(section)[0]
    assert "0.00" not in summary  # the per-order lines below keep their 0.00


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("dates", [NOV, SIX_MONTHS])
def test_no_page_of_leftovers_and_no_comma_at_a_line_start(rs, boss, tmp_path, lang, dates):
    out = tmp_path / "m.pdf"
    build_report(rs, boss, ReportRequest("maintenance", *dates, lang=lang), out)
    pages = _pages(out)
    zh = lang == "zh_CN"
    headings = (
        [
            "本期概况",
            "按设备类别",
            "按社区",
            "按来源",
            "备件与人工",
            "故障最多的设备",
            "平均解决时间",
            "预防性维护计划",
        ]
        if zh
        else [
            "Summary of the period",
            "By device category",
            "By community",
            "By source",
            "Parts and labour",
            "Top 10 failing devices",
            "Mean time to repair",
            "Preventive plans",
        ]
    )
    for n, page in enumerate(pages, start=1):
        # every page opens a section: nothing is left over alone (a footnote, a table's end)
        assert any(h in page for h in headings), f"page {n} holds no section: {page[:200]}"
        assert not any(line.startswith(("，", "；", "：")) for line in page.splitlines()), page
    # each explanation sits on the page of its section
    for head, note in (
        ("预防性维护计划" if zh else "Preventive plans", "本期到期" if zh else "The preventive"),
    ):
        assert any(head in p and note in p for p in pages)


def test_chart_in_the_order_of_its_table(rs, boss, tmp_path):
    out = tmp_path / "m.pdf"
    r = build_report(rs, boss, ReportRequest("maintenance", *SIX_MONTHS), out)
    by_cat = r.figures["by_category"]
    order = r.figures["category_order"]
    counts = [by_cat[c] for c in order]
    assert counts == sorted(counts, reverse=True) and len(order) > 3
    names = {code: zh for code, _en, zh in rs.inventory.categories()}
    labels = [names.get(c, "未关联设备") for c in order]
    text = pdf_text(out)
    table = text.split("按设备类别")[1].split("各设备类别工单数")[0]
    chart = text.split("各设备类别工单数")[1].split("按社区")[0]
    for part in (table, chart):
        found = [part.index(label) for label in labels]
        assert found == sorted(found), (part, labels)


def test_corrective_and_preventive_work_are_counted_apart(rs, boss, tmp_path):
    out, out_csv = tmp_path / "m.pdf", tmp_path / "m.csv"
    r = build_report(rs, boss, ReportRequest("maintenance", *SIX_MONTHS, lang="en"), out, out_csv)
    orders = _orders(rs, boss, SIX_MONTHS)
    prev = [o for o in orders if o.source == "preventive"]
    corr = [o for o in orders if o.source != "preventive"]
    assert r.figures["preventive"]["created"] == len(prev) > 0
    assert r.figures["corrective"]["created"] == len(corr) > 0
    assert r.figures["corrective"]["created"] + r.figures["preventive"]["created"] == len(orders)
    done = sum(1 for o in prev if o.status in ("resolved", "closed"))
    assert r.figures["preventive"]["resolved"] == done
    assert r.figures["preventive"]["labour_minutes"] == sum(o.labour_minutes for o in prev)
    text = " ".join(pdf_text(out).split())
    assert "Corrective and preventive work" in text
    assert f"Corrective {len(corr)} " in text and f"Preventive {len(prev)} {done} " in text
    lines = list(csv.reader(out_csv.read_bytes().decode("utf-8-sig").splitlines()))
    assert ["# Corrective and preventive work"] in lines
