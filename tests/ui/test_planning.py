"""The maintenance-window editor (Devices page) and the training record editor."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate


def test_maintenance_window_for_selected_device(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.devices import DevicesPage

    page = DevicesPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate({"text": "HB-GATE-003"})
    page.select_tag("HB-GATE-003")
    dialog = page.plan_maintenance()
    assert dialog.target.currentData() == "device" and not dialog.community.isEnabled()
    assert not dialog.is_valid() and "Give a reason." in dialog.problems.text()
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(-60))
    dialog.reason.setText("firmware upgrade")
    assert dialog.problems.text() == "The end must come after the start."
    assert not dialog.ok.isEnabled()
    dialog.end.setDateTime(dialog.start.dateTime().addDays(40))
    assert "at most 31 days" in dialog.problems.text()
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(3 * 3600))
    assert dialog.is_valid()
    with qtbot.waitSignal(page.ctx.events.devices_changed):
        dialog.ok.click()
    info = dialog.result_value
    assert info is not None and dialog.result() == 1
    assert info.asset_tag == "HB-GATE-003"
    assert info.ends_at - info.starts_at == timedelta(hours=3)
    windows = page.ctx.services.monitoring.list_maintenance_windows(page.ctx.actor)
    assert any(w.reason == "firmware upgrade" for w in windows)


def test_maintenance_window_service_error_shown(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.dialogs.planning import MaintenanceDialog

    ctx = ctx_for("admin")
    dialog = MaintenanceDialog(ctx, None, None)
    qtbot.addWidget(dialog)
    assert dialog.target.currentData() == "community" and dialog.community.isEnabled()
    dialog.reason.setText("water main repair")
    dialog.start.setDateTime(dialog.start.dateTime().addDays(-10))  # already over
    dialog.end.setDateTime(dialog.start.dateTime().addSecs(3600))
    assert dialog.is_valid()
    dialog.ok.click()
    assert dialog.result() == 0 and dialog.result_value is None
    assert "maintenance window" in dialog.problems.text()  # the service's reason, in the dialog


def test_training_record_editor(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.training import TrainingPage

    page = TrainingPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    m = page.model
    r, c = next(
        (r, c)
        for r in range(m.rowCount())
        for c in range(m.columnCount())
        if m.matrix.rows[r].cells[c].status == "missing"
    )
    user, course = m.matrix.rows[r].username, m.matrix.courses[c].code
    page.view.setCurrentIndex(m.index(r, c))
    dialog = page.record_training()
    assert dialog.person.currentData() == user and dialog.course.currentData() == course
    future = dialog.completed.date().addDays(3)
    dialog.completed.setDate(future)
    assert "in the future" in dialog.problems.text() and not dialog.ok.isEnabled()
    dialog.completed.setDate(QDate.fromString(dialog.today.isoformat(), "yyyy-MM-dd"))
    dialog.score.setValue(92)
    dialog.certificate.setText("CERT-T-1")
    with qtbot.waitSignal(page.ctx.events.training_changed):
        dialog.ok.click()
    assert dialog.result_value == (user, course)
    cell = page.model.matrix.rows[r].cells[c]
    assert cell.status in ("valid", "expiring") and cell.certificate_no == "CERT-T-1"


def test_technician_sees_no_editors(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.training import TrainingPage

    page = TrainingPage(ctx_for("zhang.wei"))
    qtbot.addWidget(page)
    assert not page.record_button.isVisibleTo(page)
