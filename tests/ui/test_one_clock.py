"""One clock everywhere: the work-order list, the SLA page, the dashboard, the tray reminders,
``sla status`` and the SLA report show the same readings of every demo work order."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ops_console.cli import main
from ops_console.domain.clock import SystemClock
from ops_console.ui.models.workorders import RESOLUTION, RESPONSE
from ops_console.ui.pages.dashboard import DashboardPage
from ops_console.ui.pages.sla import SlaPage
from ops_console.ui.pages.workorders import WorkOrdersPage
from ops_console.ui.sla_text import clock_text, duration

OPEN = ("new", "assigned", "in_progress", "on_hold")
FIELDS = (
    "minutes",
    "target_minutes",
    "state",
    "breached",
    "at_risk",
    "minutes_left",
    "minutes_late",
)


def _page(ctx: Any, qtbot: Any, page_class: Any) -> Any:
    page = page_class(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _cli_status(demo_services: Any, capsys: Any, monkeypatch: Any, *extra: str) -> list[Any]:
    now = demo_services.clock.now()
    monkeypatch.setattr(SystemClock, "now", lambda _self: now)
    monkeypatch.setenv("OPS_CONSOLE_USER", "wang.jianguo")  # the command signs in: a manager
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "demo1234")
    capsys.readouterr()
    url = f"sqlite:///{demo_services.db.engine.url.database}"
    assert main(["sla", "status", "--format", "json", "--db", url, *extra]) == 0
    rows: list[Any] = json.loads(capsys.readouterr().out)
    return rows


def _cell(page: Any, number: str, col: int) -> str:
    row = page.model.row_of(number)
    assert row is not None, number
    return str(page.proxy.index(row, col).data() or "")


def _decoration(page: Any, number: str, col: int) -> Any:
    row = page.model.row_of(number)
    return page.proxy.index(row, col).data(Qt.ItemDataRole.DecorationRole)


def test_list_cli_and_report_agree_on_every_demo_work_order(
    demo_services: Any, ctx_for: Any, qtbot: Any, capsys: Any, monkeypatch: Any
) -> None:
    page = _page(ctx_for("wang.jianguo"), qtbot, WorkOrdersPage)
    page.status.setCurrentIndex(page.status.findData(""))  # every status
    cli = {r["number"]: r for r in _cli_status(demo_services, capsys, monkeypatch)}
    reader = demo_services.accounts.actor("wang.jianguo")
    reports = {
        code: {r.number: r for r in demo_services.sla.report(reader, code, *NOVEMBER).rows}
        for code in ("HB-2026", "ZJ-2026")
    }
    report = reports["HB-2026"] | reports["ZJ-2026"]
    rows = demo_services.workorders.list(reader)
    assert len(rows) == 548 and page.proxy.rowCount() == 548
    checked = Counter()
    for w in rows:
        clock = page.model.clocks.get(w.number)
        if w.status not in OPEN:
            # no running clock in the list nor in sla status: a resolved or closed order shows
            # its stopped clocks instead (met, or missed by how much), with the final figures
            # November's report prints for it; a cancelled one is outside every figure
            assert clock is None and w.number not in cli, w.number
            final = page.model.final.get(w.number)
            if w.status == "cancelled":
                assert final is None and _cell(page, w.number, RESOLUTION) == ""
                continue
            for col, view in ((RESPONSE, final.response), (RESOLUTION, final.resolution)):
                assert view.state == "stopped", w.number
                text = _cell(page, w.number, col)
                assert text == (
                    "missed by " + duration(view.minutes_late) if view.breached else "met"
                )
            r = report.get(w.number)
            if r is not None and r.resolved_at is not None:
                assert abs(r.resolution_minutes - final.resolution.minutes) <= 0.1, w.number
                assert r.resolution_breached == final.resolution.breached, w.number
                checked["final in report"] += 1
            checked["closed"] += 1
            continue
        mine = cli[w.number]
        assert clock.risk == mine["risk"], w.number
        for col, name in ((RESPONSE, "response"), (RESOLUTION, "resolution")):
            view, printed = getattr(clock, name), mine[name]
            # the list's figures are the CLI's, to the tenth of a minute
            assert {f: getattr(view, f) for f in FIELDS} == {f: printed[f] for f in FIELDS}
            text, _left, _risk = clock_text(view, say_paused=False)
            assert _cell(page, w.number, col) == text
            paused = _decoration(page, w.number, col) is not None
            assert paused == (view.state == "paused"), (w.number, name)
            if view.state in ("running", "paused"):
                minutes = printed["minutes_late"] if view.breached else printed["minutes_left"]
                assert duration(minutes) in text, (w.number, name, text)
        # the report judges a running month as of now (+1 s): an open order is in November's
        # population exactly when its resolution clock is breached, equally late
        r = report.get(w.number)
        if clock.resolution.breached:
            assert r is not None, w.number
            assert abs(r.minutes_late - clock.resolution.minutes_late) <= 0.1, w.number
            assert abs(r.resolution_minutes - clock.resolution.minutes) <= 0.1
            assert abs(r.response_minutes - clock.response.minutes) <= 0.1
            assert r.response_breached == clock.response.breached
            checked["late"] += 1
        else:
            assert r is None, w.number
            checked["open"] += 1
    assert checked["late"] >= 3 and checked["open"] >= 5 and checked["closed"] >= 500
    assert checked["final in report"] >= 50
    # the order on hold since 20 November: 38 business minutes late by the statement, and so
    # in the list, with the pause sign (it read "late 8d 21h", wall time since its deadline)
    assert _cell(page, "WO-2026-000518", RESOLUTION) == "late 38m"
    assert _decoration(page, "WO-2026-000518", RESOLUTION) is not None  # the pause sign
    assert (
        report["WO-2026-000518"].minutes_late == cli["WO-2026-000518"]["resolution"]["minutes_late"]
    )
    assert cli["WO-2026-000518"]["resolution"]["state"] == "paused"


NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def test_a_held_order_countdown_stands_still(demo_services: Any, ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for("wang.jianguo"), qtbot, WorkOrdersPage)
    held, running = "WO-2026-000518", "WO-2026-000540"  # on hold; assigned, 24x7 clock
    before = {n: _cell(page, n, RESOLUTION) for n in (held, running)}
    tip = page.proxy.index(page.model.row_of(held), RESOLUTION).data(Qt.ItemDataRole.ToolTipRole)
    assert "Clock paused while on hold" in tip and "38.1 business min late" in tip
    for hours in (1, 5, 30):
        demo_services.clock.advance(hours=hours)
        page.tick()  # the page's 30-second timer: readings come back from the service
        assert _cell(page, held, RESOLUTION) == before[held]
        assert _cell(page, running, RESOLUTION) != before[running]
        before[running] = _cell(page, running, RESOLUTION)
    page.select(held)
    assert "paused, late 38m" in page.d_fields["sla"].text()


def test_the_refresh_reads_the_clocks_off_the_gui_thread(demo_services: Any, qtbot: Any) -> None:
    import threading

    from ops_console.ui.context import UiContext
    from ops_console.ui.events import AppEvents
    from ops_console.ui.settings import open_settings
    from ops_console.ui.tasks import TaskRunner

    ctx = UiContext(
        demo_services,
        demo_services.accounts.actor("wang.jianguo"),
        TaskRunner(),
        AppEvents(),
        open_settings(),
    )
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.model.row_of("WO-2026-000540") is not None, timeout=20_000)
    threads = []
    status = demo_services.sla.status

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return status(*args, **kwargs)

    demo_services.sla.status = spy
    before = _cell(page, "WO-2026-000540", RESOLUTION)
    demo_services.clock.advance(hours=2)
    page.tick()
    qtbot.waitUntil(lambda: _cell(page, "WO-2026-000540", RESOLUTION) != before, timeout=20_000)
    assert threads and threading.main_thread() not in threads
    ctx.runner.wait()


def test_sla_page_shows_the_chosen_contract_and_the_statement_figures(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    page = _page(ctx_for("wang.jianguo"), qtbot, SlaPage)
    actor = demo_services.accounts.actor("wang.jianguo")
    communities = {c.id: c.name for c in demo_services.accounts.list_communities(actor)}
    for code, names in (("HB-2026", {"湖滨"}), ("ZJ-2026", {"张江", "科技园"})):
        page.contract.setCurrentIndex(page.contract.findData(code))
        shown = [page.risk.topLevelItem(i) for i in range(page.risk.topLevelItemCount())]
        clocks = {c.number: c for c in demo_services.sla.status(actor, contract=code)}
        assert {communities[c.community_id] for c in clocks.values()} <= names
        wanted = [n for n, c in clocks.items() if c.risk in ("at_risk", "breached")]
        assert [it.text(0) for it in shown] == wanted and wanted, code
        for it in shown:  # response and resolution, each its own clock
            c = clocks[it.text(0)]
            assert it.text(4) == clock_text(c.response)[0]
            assert it.text(5) == clock_text(c.resolution)[0]
        # the month figures are the statement's: the same service call, the same month
        report = demo_services.sla.report(actor, code, *NOVEMBER)
        assert page.tiles["penalty"].value.text() == f"¥{report.totals.penalty:,.2f}"
        assert page.tiles["breaches"].value.text() == str(report.totals.breaches)
        late = [r for r in report.rows if r.resolution_breached]
        rows = [page.breaches.topLevelItem(i) for i in range(page.breaches.topLevelItemCount())]
        assert [(i.text(0), i.text(3), i.text(4)) for i in rows] == [
            (r.number, f"{r.minutes_late:,.1f}", f"{r.penalty:,.2f}") for r in late
        ]
        for i, r in zip(rows, late, strict=True):  # one formatter for both tables
            assert i.text(2) == duration(r.minutes_late)
            if r.number in clocks:
                assert i.text(2) in clock_text(clocks[r.number].resolution)[0]


def test_sla_page_months_are_the_contracts_local_months(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    # 1 December 01:00 in Shanghai is still 30 November in UTC: the page shows December
    demo_services.clock.current = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    page = _page(ctx_for("wang.jianguo"), qtbot, SlaPage)
    page.contract.setCurrentIndex(page.contract.findData("HB-2026"))
    actor = demo_services.accounts.actor("wang.jianguo")
    november = demo_services.sla.report(actor, "HB-2026", *NOVEMBER)
    assert november.totals.count  # else the check below could not tell the months apart
    december = demo_services.sla.report(actor, "HB-2026", date(2026, 12, 1), date(2026, 12, 31))
    assert page.tiles["breaches"].value.text() == str(december.totals.breaches)
    assert page.tiles["penalty"].value.text() == f"¥{december.totals.penalty:,.2f}"
    compliance = november.totals.resolution_compliance
    assert page.tiles["last"].value.text() == f"{compliance * 100:.1f}%"


@pytest.mark.parametrize("username", ["wang.jianguo", "chen.jing"])
def test_dashboard_tiles_and_tray_reminders_read_the_same_clocks(
    demo_services: Any, ctx_for: Any, qtbot: Any, capsys: Any, monkeypatch: Any, username: str
) -> None:
    ctx = ctx_for(username)
    page = _page(ctx, qtbot, DashboardPage)
    risks = Counter(c.risk for c in demo_services.sla.status(ctx.actor))
    for risk in ("at_risk", "breached"):
        assert page.tiles[f"sla:{risk}"].value.text() == str(risks[risk])
    if username != "wang.jianguo":
        return
    cli = _cli_status(demo_services, capsys, monkeypatch)
    assert Counter(r["risk"] for r in cli) == risks
    # the reminders fire for exactly the clocks the list shows at risk or late
    fired = {(e.number, e.target, e.kind) for e in demo_services.sla.check_reminders()}
    expected = set()
    for r in cli:
        for target in ("response", "resolution"):
            view = r[target]
            if view["state"] not in ("running", "paused"):
                continue
            if view["at_risk"] or view["breached"]:
                expected.add((r["number"], target, "at_risk"))
            if view["breached"]:
                expected.add((r["number"], target, "breached"))
    assert fired == expected and any(k == "breached" for _, _, k in fired)


def test_sla_status_text_and_contract_filter(
    demo_services: Any, capsys: Any, monkeypatch: Any
) -> None:
    hubin = _cli_status(demo_services, capsys, monkeypatch, "--contract", "HB-2026")
    everyone = _cli_status(demo_services, capsys, monkeypatch)
    assert 0 < len(hubin) < len(everyone)
    actor = demo_services.accounts.actor("wang.jianguo")
    names = {c.id: c.name for c in demo_services.accounts.list_communities(actor)}
    where = {c.number: names[c.community_id] for c in demo_services.sla.status(actor)}
    assert {r["number"] for r in hubin} == {n for n, name in where.items() if name == "湖滨"}
    url = f"sqlite:///{demo_services.db.engine.url.database}"
    assert main(["sla", "status", "--db", url]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("WO-2026-000518"))
    assert "518.1/480 late 38.1 (paused)" in line and "46.7/60 met" in line
    assert main(["sla", "status", "--contract", "NOPE", "--db", url]) == 2
    assert 'no contract with code "NOPE"' in capsys.readouterr().err


def test_sla_page_all_contracts_adds_up_the_statements_and_matches_the_dashboard(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    ctx = ctx_for("wang.jianguo")
    dashboard = _page(ctx, qtbot, DashboardPage)
    page = _page(ctx, qtbot, SlaPage)
    page.apply_filters({"risk": "breached"})  # what the dashboard's tile asks for
    assert page.contract.currentData() == ""  # all contracts, as the tile counts
    shown = [page.risk.topLevelItem(i).text(0) for i in range(page.risk.topLevelItemCount())]
    assert len(shown) == int(dashboard.tiles["sla:breached"].value.text()) > 0
    reports = [demo_services.sla.report(ctx.actor, c, *NOVEMBER) for c in ("HB-2026", "ZJ-2026")]
    breaches = sum(r.totals.breaches for r in reports)
    count = sum(r.totals.count for r in reports)
    assert page.tiles["breaches"].value.text() == str(breaches)
    assert page.tiles["penalty"].value.text() == f"¥{sum(r.totals.penalty for r in reports):,.2f}"
    assert page.tiles["this"].value.text() == f"{(count - breaches) / count * 100:.1f}%"
    assert page.breaches.topLevelItemCount() == breaches


def test_the_list_reads_the_clocks_only_while_shown(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    page = _page(ctx_for("wang.jianguo"), qtbot, WorkOrdersPage)
    calls = []
    status = demo_services.sla.status

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return status(*args, **kwargs)

    demo_services.sla.status = spy
    page.hide()
    demo_services.clock.advance(hours=2)
    page.tick()
    assert calls == []  # nobody looks: no reading every 30 seconds
    before = _cell(page, "WO-2026-000540", RESOLUTION)
    page.show()  # back on the page: fresh readings at once
    assert calls == [1] and _cell(page, "WO-2026-000540", RESOLUTION) != before


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 29, 1, 0, tzinfo=UTC),  # November running: the page's "this month"
        datetime(2026, 12, 3, 2, 0, tzinfo=UTC),  # November over: the page's "last month"
    ],
)
def test_sla_page_figures_are_the_printed_statements(
    demo_services: Any, ctx_for: Any, qtbot: Any, tmp_path: Any, now: datetime
) -> None:
    from decimal import Decimal

    from pypdf import PdfReader

    from ops_console.reports import ReportRequest, build_report

    demo_services.clock.current = now
    ctx = ctx_for("wang.jianguo")
    page = _page(ctx, qtbot, SlaPage)
    page.contract.setCurrentIndex(page.contract.findData("HB-2026"))
    out = tmp_path / "sla.pdf"
    built = build_report(
        demo_services, ctx.actor, ReportRequest("sla", *NOVEMBER, contract="HB-2026"), out
    )
    figures = built.figures
    compliance = f"{figures['resolution_compliance'] * 100:.1f}%"
    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)
    assert f"{figures['penalty']:,.2f}" in text
    if now.month == 11:
        assert page.tiles["this"].value.text() == compliance
        assert page.tiles["penalty"].value.text() == f"¥{figures['penalty']:,.2f}"
        assert page.tiles["breaches"].value.text() == str(figures["breaches"])
        charged = [
            Decimal(page.breaches.topLevelItem(i).text(4).replace(",", ""))
            for i in range(page.breaches.topLevelItemCount())
        ]
        assert sum(charged, Decimal(0)) == figures["penalty_uncapped"]
        assert len(charged) == figures["breaches"] > 0
    else:
        assert page.tiles["last"].value.text() == compliance


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_large_text_keeps_both_clocks_in_sight(window_for: Any, qtbot: Any, lang: str) -> None:
    from PySide6.QtWidgets import QApplication

    from ops_console.ui import style
    from ops_console.ui.i18n import set_language

    app = QApplication.instance()
    style.apply(app, high_contrast=False, large=True)
    try:
        assert set_language(lang)
        w = window_for("admin")
        w.resize(1400, 900)
        w.open_page("workorders")
        page = w.pages["workorders"]
        qtbot.waitExposed(w)
        page.select("WO-2026-000518")
        qtbot.wait(150)  # the panel lays its wrapped rows out
        view, header = page.view, page.view.horizontalHeader()
        fm = view.fontMetrics()
        for col in (RESPONSE, RESOLUTION):  # within the viewport, texts not cut off
            assert header.sectionViewportPosition(col) + header.sectionSize(col) <= (
                view.viewport().width()
            )
            for r in range(page.proxy.rowCount()):
                index = page.proxy.index(r, col)
                sign = 20 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
                text = index.data() or ""
                assert fm.horizontalAdvance(text) + 8 + sign <= header.sectionSize(col), text
        # the detail's SLA lines are not squeezed away: the panel scrolls instead
        sla = page.d_fields["sla"]
        assert sla.height() >= sla.heightForWidth(sla.width()) - 2
    finally:
        style.apply(app, high_contrast=False, large=False)
        set_language("en")


def test_detail_of_a_resolved_or_closed_order_reads_the_statement(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    page = _page(ctx_for("wang.jianguo"), qtbot, WorkOrdersPage)
    page.status.setCurrentIndex(page.status.findData(""))
    actor = demo_services.accounts.actor("wang.jianguo")
    report = demo_services.sla.report(actor, "HB-2026", *NOVEMBER)
    done = [r for r in report.rows if r.resolved_at is not None]
    assert len(done) > 20 and any(r.resolution_breached for r in done)
    for r in done:
        assert r.number not in page.model.clocks  # no running clock: read for the panel
        page.select(r.number)
        text = page.d_fields["sla"].text()
        late = r.resolution_minutes - r.resolution_target_minutes
        resolution = f"missed by {duration(late)}" if r.resolution_breached else "met"
        assert f"Resolution: {resolution}" in text, (r.number, text)
        response = (
            f"missed by {duration(r.response_minutes - r.response_target_minutes)}"
            if r.response_breached
            else "met"
        )
        assert f"Response: {response}" in text, (r.number, text)
    cancelled = next(w for w in demo_services.workorders.list(actor) if w.status == "cancelled")
    page.select(cancelled.number)
    assert page.d_fields["sla"].text() == "(no SLA clock)"
