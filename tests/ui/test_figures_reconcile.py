"""Figures that reconcile: the dashboard, the Devices page and the availability report count the
same devices (retired ones apart), print unknown time beside availability, and bucket the
alarm trend in the console's local days."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from ops_console.reports import ReportRequest, build_report
from ops_console.services.fleet import fleet_health, per_local_day
from ops_console.ui.pages.dashboard import DashboardPage, per_day, summarize
from ops_console.ui.pages.devices import DevicesPage

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOV = (date(2026, 11, 1), date(2026, 11, 30))


def test_dashboard_devices_page_and_availability_report_count_alike(
    ctx_for: Any, qtbot: Any, tmp_path: Any
) -> None:
    ctx = ctx_for("wang.jianguo")  # a manager of every community
    services, actor = ctx.services, ctx.actor
    rows = services.inventory.list_devices(actor)
    retired = [r for r in rows if r.status == "retired"]
    assert len(rows) == 344 and len(retired) == 4  # the demo
    fleet = services.inventory.fleet_health(actor)
    assert fleet.counted == 340 and fleet.retired_total == 4
    assert fleet == fleet_health(rows)
    # the dashboard: its tiles add up to the fleet's count
    data = summarize(services, actor)
    totals: Counter[str] = Counter()
    for counts in data["health"].values():
        totals.update(counts)
    assert totals == fleet.totals() and sum(totals.values()) == 340
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show_data(data)
    assert (
        sum(
            int(page.tiles[f"health:{h}"].value.text())
            for h in ("up", "degraded", "down", "unknown")
        )
        == 340
    )
    # the Devices page: every device listed, the health count said beside it
    devices = DevicesPage(ctx)
    qtbot.addWidget(devices)
    devices.refresh()
    qtbot.waitUntil(lambda: devices.model.total() == 344)
    devices._show_state()
    assert "344 of 344 devices" in devices.count.text()
    assert "340 in health figures, 4 retired" in devices.count.text()
    # the availability report: the same 340, the 4 retired named apart
    out = tmp_path / "a.pdf"
    r = build_report(services, actor, ReportRequest("availability", *NOV), out)
    assert r.figures["devices"] == 340 == r.figures["fleet_counted"] and r.figures["retired"] == 4
    from tests.reports.conftest import pdf_text

    assert "另有4台已报废设备不计入" in "".join(pdf_text(out).split())


def test_unknown_time_beside_every_availability_figure(ctx_for: Any, tmp_path: Any) -> None:
    ctx = ctx_for("wang.jianguo")
    out, out_csv = tmp_path / "a.pdf", tmp_path / "a.csv"
    r = build_report(
        ctx.services, ctx.actor, ReportRequest("availability", *NOV, lang="en"), out, out_csv
    )
    from tests.reports.conftest import pdf_text

    text = " ".join(pdf_text(out).split())
    assert f"{r.figures['unknown_share']} of the time unknown, not counted" in text
    lines = list(csv.reader(out_csv.read_bytes().decode("utf-8-sig").splitlines()))
    header = None
    checked = 0
    for row in lines:
        if not row or row[0].startswith("#"):
            header = None
            continue
        if header is None:
            header = row
            continue
        at = header.index("Availability")
        assert header[at + 1] == "Unknown share"  # right beside it
        if row[at] != "—":
            assert row[at + 1].endswith("%"), row
            checked += 1
    assert checked > 20


def test_alarm_trend_counts_the_alarm_history_in_local_days(ctx_for: Any) -> None:
    ctx = ctx_for("admin")
    services, actor = ctx.services, ctx.actor
    data = summarize(services, actor)
    alarms = services.monitoring.list_alarms(actor, limit=None)
    assert len(data["alarm_history"]) == len(alarms) > 0
    xs, counts = per_day([a.opened_at for a in data["alarm_history"]], data["now"])
    days = [x.date() for x in xs]
    local = Counter(
        a.opened_at.replace(tzinfo=a.opened_at.tzinfo or ZoneInfo("UTC"))
        .astimezone(SHANGHAI)
        .date()
        for a in alarms
    )
    assert dict(zip(days, counts, strict=True)) == {d: local.get(d, 0) for d in days}
    assert sum(counts) == len(alarms)
    # the demo's alarms straddle midnight in Shanghai: UTC days would put them elsewhere
    utc = Counter(
        a.opened_at.replace(tzinfo=a.opened_at.tzinfo or ZoneInfo("UTC")).date() for a in alarms
    )
    assert {d: local.get(d, 0) for d in days} != {d: utc.get(d, 0) for d in days}
    assert xs[-1].date() == data["now"].astimezone(SHANGHAI).date()


def test_per_local_day_buckets_by_the_local_date() -> None:
    from datetime import UTC, datetime

    at = datetime(2026, 12, 3, 17, 57, tzinfo=UTC)  # 01:57 on the 4th in Shanghai
    xs, counts = per_local_day([at, None], date(2026, 12, 4), SHANGHAI, days=2)
    assert xs == [date(2026, 12, 3), date(2026, 12, 4)] and counts == [0, 1]
    naive = datetime(2026, 12, 3, 17, 57)  # SQLite's naive UTC
    assert per_local_day([naive], date(2026, 12, 4), SHANGHAI, days=2)[1] == [0, 1]
