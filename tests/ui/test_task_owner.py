"""A background task whose widget was deleted while it ran leaves the widget alone: its result
or its refusal has nowhere to go (a page rebuilt on a language switch, a window closed)."""

from __future__ import annotations

import functools
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QLabel, QWidget

from ops_console.ui.tasks import TaskControl, TaskRunner


class Panel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.value = QLabel(self)
        self.shown: list[object] = []

    def show_value(self, value: object) -> None:
        self.value.setText(str(value))  # a deleted QLabel raises here
        self.shown.append(value)


def _run_after_delete(qtbot: Any, make_callbacks: Any) -> tuple[Panel, list[object]]:
    runner = TaskRunner(QThreadPool())
    gate = threading.Event()
    panel = Panel()
    success, failure = make_callbacks(panel)

    def work(_c: TaskControl) -> int:
        gate.wait(10)
        if failure is not None:
            raise RuntimeError("refused")
        return 42

    task = runner.run(work, success=success, failure=failure, name="held")
    seen = panel.shown
    panel.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    qtbot.waitUntil(lambda: task.finished, timeout=10000)  # pytest-qt fails on a slot's error
    return panel, seen


def test_a_bound_method_of_a_deleted_widget_is_not_called(qtbot: Any) -> None:
    _panel, seen = _run_after_delete(qtbot, lambda p: (p.show_value, None))
    assert seen == []


def test_a_partial_or_a_lambda_over_a_deleted_widget_is_not_called(qtbot: Any) -> None:
    _panel, seen = _run_after_delete(
        qtbot, lambda p: (functools.partial(Panel.show_value, p), None)
    )
    assert seen == []
    _panel, seen = _run_after_delete(qtbot, lambda p: ((lambda r: p.show_value(r)), None))
    assert seen == []


def test_a_refusal_for_a_deleted_widget_is_not_shown(qtbot: Any) -> None:
    _panel, seen = _run_after_delete(
        qtbot, lambda p: (None, (lambda e: p.show_value(f"error: {e}")))
    )
    assert seen == []


def test_a_live_widget_still_gets_its_result(qtbot: Any) -> None:
    runner = TaskRunner(QThreadPool())
    panel = Panel()
    qtbot.addWidget(panel)
    task = runner.run(lambda _c: 7, success=panel.show_value, name="live")
    qtbot.waitUntil(lambda: task.finished, timeout=10000)
    assert panel.shown == [7] and panel.value.text() == "7"


def test_a_closure_over_a_deleted_dialog_still_updates_its_live_page(qtbot: Any) -> None:
    runner = TaskRunner(QThreadPool())
    gate = threading.Event()
    page, dialog = Panel(), Panel()
    qtbot.addWidget(page)

    def work(_c: TaskControl) -> int:
        gate.wait(10)
        return 5

    # the dialog that started the write is gone when it returns; the page is not
    task = runner.run(work, success=lambda r: (dialog, page.show_value(r)), name="write")
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    qtbot.waitUntil(lambda: task.finished, timeout=10000)
    assert page.shown == [5]
