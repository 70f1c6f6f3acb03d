"""The availability report against the SLA service's per-device availability, on the demo."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from ops_console.cli import main
from ops_console.domain.sla import period_bounds
from ops_console.reports import ReportRequest, build_report
from ops_console.reports.availability import avail_pct, hours
from ops_console.services.context import SYSTEM

from .conftest import demo_available, pdf_text

pytestmark = pytest.mark.skipif(not demo_available(), reason="the demo data has not landed")

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def boss(rs):
    """A manager who sees every community (the demo's sub-district manager)."""
    for u in rs.accounts.list_users(SYSTEM):
        if u.role == "manager" and not u.communities:
            return rs.accounts.actor(u.username)
    raise AssertionError("no unscoped manager in the demo")


def _service(rs, actor, dates, community=None):
    """The service's rows of the devices in the health figures (retired ones are not)."""
    start, end = period_bounds(*dates, "Asia/Shanghai")
    retired = {
        d.asset_tag for d in rs.inventory.list_devices(actor, community=community, status="retired")
    }
    rows = rs.sla.availability(actor, start, end, community=community)
    return [r for r in rows if r.asset_tag not in retired]


def _ratio(rows):
    up = sum(r.up_s + r.degraded_s for r in rows)
    known = up + sum(r.down_s for r in rows)
    return up / known if known else None


def test_availability_report_sums_the_service_seconds(rs, boss, tmp_path):
    out, out_csv = tmp_path / "a.pdf", tmp_path / "a.csv"
    r = build_report(rs, boss, ReportRequest("availability", *NOV), out, out_csv)
    rows = _service(rs, boss, NOV)
    assert r.figures["devices"] == len(rows) > 100
    assert r.figures["availability"] == pytest.approx(_ratio(rows))
    assert r.figures["unknown_s"] == sum(x.unknown_s for x in rows) > 0
    assert r.figures["maintenance_s"] == sum(x.maintenance_s for x in rows)
    names = {c.id: c.name for c in rs.accounts.list_communities(boss)}
    for name, value in r.figures["by_community"].items():
        mine = [x for x in rows if names[x.community_id] == name]
        assert value == pytest.approx(_ratio(mine))
    for code, value in r.figures["by_category"].items():
        assert value == pytest.approx(_ratio([x for x in rows if x.category == code]))
    known = [x for x in rows if x.availability is not None]
    worst = sorted(known, key=lambda x: x.availability)[:10]
    assert [a for _, a in r.figures["worst"]] == [x.availability for x in worst]
    text = pdf_text(out)
    assert "设备可用率报告" in text and "2026-11-01 00:00 至 2026-11-30 24:00" in text
    assert "湖滨" in text and "张江" in text
    assert avail_pct(_ratio(rows)) in text
    assert hours(sum(x.unknown_s for x in rows)) in text  # unknown shown apart
    for tag, _ in r.figures["worst"]:
        assert tag in text
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert any(row and row[0] == "湖滨" for row in lines)


def test_unknown_time_is_never_counted_as_up(rs, boss, tmp_path):
    # the demo keeps 30 days of health history: a six-month period is mostly unknown
    six = (date(2026, 6, 1), date(2026, 11, 30))
    r = build_report(rs, boss, ReportRequest("availability", *six), tmp_path / "a.pdf")
    rows = _service(rs, boss, six)
    assert r.figures["unknown_s"] > r.figures["known_s"]
    assert r.figures["availability"] == pytest.approx(_ratio(rows))
    assert r.figures["availability"] < 1.0


def test_one_community_in_english(rs, boss, tmp_path):
    out = tmp_path / "a.pdf"
    r = build_report(
        rs, boss, ReportRequest("availability", *NOV, community="湖滨", lang="en"), out
    )
    rows = _service(rs, boss, NOV, "湖滨")
    assert list(r.figures["by_community"]) == ["湖滨"]
    assert r.figures["availability"] == pytest.approx(_ratio(rows))
    text = pdf_text(out)
    assert "Device Availability Report" in text and "2026-11-01 00:00 to 2026-11-30 24:00" in text
    assert "湖滨" in text and "张江" not in text and avail_pct(_ratio(rows)) in text


def test_empty_period_says_no_health_data(rs, boss, tmp_path):
    out = tmp_path / "a.pdf"
    r = build_report(
        rs, boss, ReportRequest("availability", date(2025, 1, 1), date(2025, 1, 31)), out
    )
    assert r.pages == 1 and r.figures["availability"] is None and r.figures["known_s"] == 0
    assert "本期无设备健康数据" in pdf_text(out)


def test_cli_availability_exit_codes(rs, auditor_signed_in, tmp_path, capsys):
    url = f"sqlite:///{rs.db.sqlite_path}"
    pdf = tmp_path / "a.pdf"
    base = ["report", "availability", "--db", url, "--from", "2026-11-01", "--to", "2026-11-30"]
    code = main([*base, "--community", "湖滨", "--out", str(pdf), "--csv", str(tmp_path / "a.csv")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "page(s)" in captured.out and "湖滨" in pdf_text(pdf)
    code = main([*base, "--community", "沙河", "--out", str(tmp_path / "bad.pdf")])
    assert code == 2 and "沙河" in capsys.readouterr().err
    code = main([*base[:5], "2026-12-01", "--to", "2026-11-30", "--out", str(tmp_path / "bad.pdf")])
    assert code == 2 and "before --from" in capsys.readouterr().err
    assert not (tmp_path / "bad.pdf").exists()


def test_contract_filter_keeps_its_communities(rs, boss, tmp_path):
    contract = next(c for c in rs.contracts.list(boss) if len(c.communities) > 1)
    r = build_report(
        rs, boss, ReportRequest("availability", *NOV, contract=contract.code), tmp_path / "a.pdf"
    )
    assert set(r.figures["by_community"]) == set(contract.communities)
