"""A person's write, off the GUI thread: the one helper every button and dialog uses.

Modelled on Anki's ``CollectionOp``: an :class:`Operation` runs a service write through the
console's :class:`~.tasks.TaskRunner` (the pool's thread, never the GUI thread). While it runs,
the widgets named with :meth:`Operation.busy` are disabled (a second click cannot send the
write twice), the parent shows a busy cursor and the ``on_busy`` hook is told. When it ends,
the widgets come back as they were, then ``success`` receives what the service returned (the
page updates the changed rows from it, without reloading) or ``failure`` the exception (by
default shown in words with :func:`~.widgets.show_error`). A parent destroyed meanwhile (a page
rebuilt on a language switch) gets no callback.

The write itself must not touch a widget: read the fields first, on the GUI thread, and give
the operation a function of plain values. Before the write, the runner's ``before_write`` (set by the main
window) checks that the person is still who they signed in as: a disabled person's write is
refused with words ("your account was disabled"), and a changed role is refused once while the
window goes on with the new one::

    number, version = info.number, info.version
    Operation(page, lambda: wo.accept(actor, number, version=version), runner=ctx.runner)
        .busy(*buttons).success(page.show_saved).run()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from .tasks import Task, TaskControl, TaskRunner

T = TypeVar("T")


class Operation(Generic[T]):
    """One write run in the background with a busy state and callbacks on the GUI thread.

    Attributes:
        running: whether the write is on its way.
    """

    def __init__(
        self,
        parent: QWidget,
        op: Callable[[], T],
        *,
        runner: TaskRunner,
        name: str = "operation",
    ) -> None:
        self._parent = parent
        self._op = op
        self._runner = runner
        self._name = name
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[Exception], object] | None = None
        self._on_busy: Callable[[bool], object] | None = None
        self._widgets: list[QWidget] = []
        self._enabled: list[bool] = []
        self.running = False

    def success(self, fn: Callable[[T], object]) -> Operation[T]:
        """Call ``fn(result)`` on the GUI thread with what the write returned."""
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], object]) -> Operation[T]:
        """Call ``fn(exc)`` instead of showing the error in a message box."""
        self._failure = fn
        return self

    def busy(self, *widgets: QWidget) -> Operation[T]:
        """Disable these widgets while the write runs (they come back as they were)."""
        self._widgets.extend(widgets)
        return self

    def on_busy(self, fn: Callable[[bool], object]) -> Operation[T]:
        """Tell ``fn(True)`` when the write starts and ``fn(False)`` when it ended."""
        self._on_busy = fn
        return self

    def run(self) -> Task:
        """Start the write; returns the task's handle."""
        self._set_busy(True)
        op, guard = self._op, self._runner.before_write
        return self._runner.run(
            lambda _control: _call(op, _control, guard),
            success=self._succeeded,
            failure=self._failed,
            name=self._name,
        )

    def _set_busy(self, busy: bool) -> None:
        self.running = busy
        if busy:
            self._enabled = [w.isEnabled() for w in self._widgets]
            for w in self._widgets:
                w.setEnabled(False)
            self._parent.setCursor(Qt.CursorShape.BusyCursor)
        else:
            for w, was in zip(self._widgets, self._enabled, strict=True):
                if isValid(w):
                    w.setEnabled(was)
            if isValid(self._parent):
                self._parent.unsetCursor()
        if self._on_busy is not None and isValid(self._parent):
            self._on_busy(busy)

    def _succeeded(self, result: T) -> None:
        self._set_busy(False)
        if self._success is not None and isValid(self._parent):
            self._success(result)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if not isValid(self._parent):
            return
        if self._failure is not None:
            self._failure(exc)
            return
        from .widgets import show_error

        show_error(self._parent, exc)


def _call(op: Callable[[], T], _control: TaskControl, guard: Callable[[], object] | None) -> T:
    if guard is not None:
        guard()  # a person disabled, or given another role, since they signed in: refused
    return op()
