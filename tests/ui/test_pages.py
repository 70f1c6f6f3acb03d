"""Dashboard, device detail with its chart, training matrix, alarms, SLA and reports pages."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ops_console.ui.charts.timeseries import HistoryChart
from ops_console.ui.models.roles import OBJECT_ROLE
from ops_console.ui.pages.alarms import AlarmsPage
from ops_console.ui.pages.dashboard import DashboardPage
from ops_console.ui.pages.device_detail import DeviceDetailPage
from ops_console.ui.pages.reports import ReportsPage
from ops_console.ui.pages.sla import SlaPage
from ops_console.ui.pages.training import TrainingPage


def _show(page: Any, qtbot: Any, filters: Any = None) -> Any:
    qtbot.addWidget(page)
    page.show()
    page.activate(filters)
    return page


def test_dashboard_tiles_and_click(ctx_for: Any, qtbot: Any) -> None:
    page = _show(DashboardPage(ctx_for("wang.jianguo")), qtbot)
    health = sum(
        int(page.tiles[f"health:{h}"].value.text()) for h in ("up", "degraded", "down", "unknown")
    )
    assert health == 340  # every device not retired
    open_total = sum(int(page.tiles[f"wo:{p}"].value.text()) for p in ("P1", "P2", "P3", "P4"))
    assert open_total >= 20
    assert page.grid.count() == 3
    with qtbot.waitSignal(page.ctx.events.open_page) as sig:
        page.tiles["wo:P2"].clicked.emit()
    assert sig.args == ["workorders", {"priority": "P2", "status": "open"}]


def test_tile_opens_filtered_list(window_for: Any) -> None:
    w = window_for("wang.jianguo")
    w.pages["dashboard"].tiles["health:down"].clicked.emit()
    assert w.current_key() == "devices"
    devices = w.pages["devices"]
    assert devices.health.currentData() == "down"
    assert 0 < devices.proxy.rowCount() < 344


def test_open_tile_counts_what_its_list_shows(window_for: Any, qtbot: Any) -> None:
    """ "Open P2" counts the orders in the firm's hands; resolved ones wait for the liaison."""
    w = window_for("wang.jianguo")
    dash = w.pages["dashboard"]
    qtbot.waitUntil(lambda: dash.tiles["wo:P2"].value.text() not in ("", "…"), timeout=20000)
    shown = int(dash.tiles["wo:P2"].value.text())
    dash.tiles["wo:P2"].clicked.emit()
    page = w.pages["workorders"]
    qtbot.waitUntil(lambda: page.proxy.rowCount() > 0, timeout=20000)
    statuses = {
        page.proxy.index(r, 0).data(OBJECT_ROLE).status for r in range(page.proxy.rowCount())
    }
    assert page.proxy.rowCount() == shown
    assert "resolved" not in statuses and statuses <= {"new", "assigned", "in_progress", "on_hold"}


def test_history_chart_readout_and_downsampling(qtbot: Any) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    xs = [1_780_000_000 + 60 * i for i in range(500_000)]
    ys = [20 + (i % 100) / 10 for i in range(500_000)]
    chart.set_data(xs, ys, "°C", "Temperature")
    chart.show()
    assert chart.curve.opts["autoDownsample"] and chart.curve.opts["clipToView"]
    assert chart.readout_at(xs[10]).endswith("°C")


def test_device_detail_presets_and_empty_history(ctx_for: Any, qtbot: Any) -> None:
    page = _show(DeviceDetailPage(ctx_for("admin")), qtbot, {"tag": "HB-GATE-003"})
    assert "HB-GATE-003" in page.header.title.text()
    page.set_preset("7d")
    assert page.preset == "7d"
    assert page.chart_empty.isVisibleTo(page) or page.history is not None


def test_training_matrix_colours(ctx_for: Any, qtbot: Any) -> None:
    page = _show(TrainingPage(ctx_for("wang.jianguo")), qtbot)
    m = page.model
    assert m.rowCount() > 5 and m.columnCount() == 8
    statuses = {
        m.matrix.rows[r].cells[c].status
        for r in range(m.rowCount())
        for c in range(m.columnCount())
    }
    assert {"valid", "missing"} <= statuses
    assert page.expiring.count() >= 1


def test_alarms_empty_state(ctx_for: Any, qtbot: Any) -> None:
    page = _show(AlarmsPage(ctx_for("chen.jing")), qtbot)
    assert page.stack.currentWidget() is page.tree
    assert all(a.community == "湖滨" for a in page.rows)
    page._loaded([])
    assert page.stack.currentWidget() is page.empty
    assert "all devices healthy" in page.empty.title.text()


def test_sla_page(ctx_for: Any, qtbot: Any) -> None:
    page = _show(SlaPage(ctx_for("wang.jianguo")), qtbot)
    assert page.contract.count() == 3  # all contracts, HB-2026, ZJ-2026
    assert page.contract.currentData() == ""
    assert page.tiles["this"].value.text().endswith("%") or page.tiles["this"].value.text() == "–"


@pytest.mark.slow
def test_generate_report_and_preview(ctx_for: Any, qtbot: Any, tmp_path: Any) -> None:
    page = _show(ReportsPage(ctx_for("wang.jianguo")), qtbot)
    page.kind.setCurrentIndex(page.kind.findData("training"))
    page.generate()
    assert page.result is not None and page.result.pages >= 1
    assert page.page_images
    assert page.save_button.isEnabled()
    page.save_to(tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    # the copy is made in the background: the click itself writes nothing
    from ops_console.ui.tasks import TaskControl
    from tests.ui.test_attachments import _hold

    held = _hold(page.ctx)
    page.save_to(tmp_path / "later.pdf")
    assert [h[3] for h in held] == ["save report"] and not (tmp_path / "later.pdf").exists()
    fn, ok, _bad, _name = held.pop()
    ok(fn(TaskControl()))
    assert (tmp_path / "later.pdf").read_bytes() == (tmp_path / "r.pdf").read_bytes()


def test_date_axis_has_no_english_names(qtbot: Any) -> None:
    from ops_console.ui.charts.timeseries import date_axis

    axis = date_axis()
    formats = {s.format for level in axis.zoomLevels.values() for s in level.tickSpecs}
    assert "%m-%d" in formats and not any("%a" in f or "%b" in f for f in formats if f)


def test_charts_read_in_the_consoles_time_zone_not_the_computers(qtbot: Any) -> None:
    """The container runs in UTC; the console shows Asia/Shanghai times everywhere."""
    import time
    from datetime import UTC, datetime

    from ops_console.ui.charts.timeseries import date_axis

    at = datetime(2026, 11, 28, 6, 5, tzinfo=UTC).timestamp()  # 14:05 in Shanghai
    axis = date_axis()
    axis.zoomLevel = axis.zoomLevels[15 * 60]  # hours and minutes
    minute_spec = next(t for t in axis.zoomLevel.tickSpecs if t.format == "%H:%M")
    labels = axis.tickStrings([at], 1, minute_spec.spacing)
    assert labels == ["14:05"], (labels, time.tzname)
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.set_data([at, at + 60], [1.0, 2.0], "%", "Fill")
    assert chart.readout_at(at).startswith("2026-11-28 14:05")


def test_device_detail_opens_work_orders_from_both_tabs(ctx_for: Any, qtbot: Any) -> None:
    page = _show(DeviceDetailPage(ctx_for("admin")), qtbot, {"tag": "HB-BIN-006"})
    opened: list[Any] = []
    page.ctx.events.open_page.connect(lambda key, filters: opened.append((key, filters)))
    alarm_item = page.alarms.item(0)
    assert "HB-BIN-006" in alarm_item.text()
    page.alarms.itemActivated.emit(alarm_item)
    assert len(opened) == 1 and opened[0][0] == "workorders"
    number = opened[0][1]["number"]
    assert number.startswith("WO-") and number in alarm_item.text()
    wo_items = [page.workorders.item(i) for i in range(page.workorders.count())]
    mine = next(i for i in wo_items if i.text().startswith(number))
    page.workorders.itemActivated.emit(mine)
    assert opened[-1] == ("workorders", {"number": number})
    # a placeholder line opens nothing
    empty = _show(DeviceDetailPage(ctx_for("admin")), qtbot, {"tag": "HB-GATE-003"})
    empty.ctx.events.open_page.connect(lambda key, filters: opened.append((key, filters)))
    before = len(opened)
    assert empty.alarms.count() == 1 and empty.alarms.item(0).text() == "No alarms for this device."
    empty.alarms.itemActivated.emit(empty.alarms.item(0))
    assert len(opened) == before


def test_print_opens_the_print_dialog_and_prints_every_page(
    ctx_for: Any, qtbot: Any, tmp_path: Any
) -> None:
    """QPrintDialog's binding has no open() without arguments: Print raised TypeError."""
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrinter

    page = _show(ReportsPage(ctx_for("wang.jianguo")), qtbot)
    page.kind.setCurrentIndex(page.kind.findData("training"))
    page.generate()
    dialog = page.print_report()
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.reject()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    page.print_to(printer)  # a SyncRunner: printed on return
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    assert page.status.text() == f"Printed {len(page.page_images)} pages."


def test_the_reports_page_leaves_no_temporary_folder(
    ctx_for: Any, qtbot: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report's folder (its PDF, its preview pages) goes when a new report replaces it
    and when the page, or the window it is in, closes."""
    import dataclasses
    import tempfile

    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from tests.ui.test_printing import Later

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def left() -> list[str]:
        return sorted(p.name for p in tmp_path.glob("ops-report-*"))

    page = _show(ReportsPage(ctx_for("wang.jianguo")), qtbot)
    page.kind.setCurrentIndex(page.kind.findData("training"))
    assert left() == []  # nothing before the first report
    page.generate()
    first = left()
    assert len(first) == 1 and page.result is not None
    assert page.result.path.parent.name == first[0]
    page.generate()
    assert len(left()) == 1 and left() != first  # the new report replaced it
    # a cancelled generation still running keeps its folder until it ends
    runner = Later()
    page.ctx = dataclasses.replace(page.ctx, runner=runner)
    page.generate()
    page.cancel()
    page.generate()
    assert len(left()) == 2  # the one being cancelled and the new one
    runner.go()
    assert len(left()) == 1 and page.result is not None
    assert page.result.path.parent.name == left()[0]
    page.close()
    assert left() == []

    window = QWidget()
    qtbot.addWidget(window)
    page = ReportsPage(ctx_for("wang.jianguo"))
    QVBoxLayout(window).addWidget(page)
    window.show()
    page.kind.setCurrentIndex(page.kind.findData("training"))
    page.generate()
    assert len(left()) == 1
    window.close()
    assert left() == []


def test_dashboard_trend_keeps_its_preferred_size(ctx_for: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QSize

    page = _show(DashboardPage(ctx_for("wang.jianguo")), qtbot)
    assert page.trend.sizeHint() == QSize(600, 260)
    assert 220 <= page.trend.height() <= 420
    # the plot is made after the chart is first shown and drawn after that, each in an
    # event of its own
    qtbot.waitUntil(lambda: page.trend.plot is not None)
    qtbot.waitUntil(lambda: len(page.trend.plot.listDataItems()) == 2)  # alarms, work orders
    assert page.trend.plot.isVisible()


def test_gate_line_says_how_many_gates_work(qtbot: Any) -> None:
    from ops_console.ui.pages.dashboard import gate_line

    assert "FAILING at 2 gates" in gate_line({"failed": 2, "ok": 9, "unknown": 1})
    assert gate_line({"ok": 9}).endswith("Gate manual passage working</span>")
    assert "working at 9 of 10 gates (1 not checked)" in gate_line({"ok": 9, "unknown": 1})
    assert "not checked yet" in gate_line({"unknown": 3})


def test_dashboard_names_the_gates_that_answer(ctx_for: Any, qtbot: Any) -> None:
    """A gate of 湖滨 is unreachable in the demo: the card still says the others work."""
    page = _show(DashboardPage(ctx_for("wang.jianguo")), qtbot)
    qtbot.waitUntil(lambda: page.grid.count() == 3)
    cards = {
        w.value.text(): w.caption.text()
        for w in (page.grid.itemAt(i).widget() for i in range(page.grid.count()))
    }
    assert set(cards) == {"湖滨", "张江", "科技园"}
    assert re.search(r"working at (\d+) of (\d+) gates \((\d+) not checked\)", cards["湖滨"])
    assert "Gate manual passage working<" in cards["张江"]
