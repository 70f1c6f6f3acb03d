"""The one background-task helper: run a call off the GUI thread, come back on it.

Only this module touches ``QThreadPool``. A task's function receives a :class:`TaskControl`
to report progress and check for cancellation; its result or its exception reaches the
``success`` or ``failure`` callback on the GUI thread. Tests use :class:`SyncRunner`, which
runs the call inline with the same callbacks.
"""

from __future__ import annotations

import functools
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class TaskControl:
    """What a running task may ask: was I cancelled, and report progress (0..1)."""

    def __init__(self, report: Callable[[float], None] | None = None) -> None:
        self._cancel = threading.Event()
        self._report = report

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, fraction: float) -> None:
        if self._report is not None:
            self._report(max(0.0, min(1.0, float(fraction))))


class Task(QObject):
    """A submitted task; lives on the GUI thread.

    Signals:
        succeeded(object): the function's return value.
        failed(object): the exception it raised.
        progressed(float): a fraction 0..1.
        done(): after succeeded or failed.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(float)
    done = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.control = TaskControl(self.progressed.emit)
        self.finished = False
        self.traceback_text: str | None = None  # of a failure in the pool's thread

    def cancel(self) -> None:
        self.control.cancel()


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[[TaskControl], object]) -> None:
        super().__init__()
        self.task = task
        self.fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread: emit only, signals queue to the GUI thread
        try:
            result = self.fn(self.task.control)
        except BaseException as exc:
            if not isinstance(exc, Exception):
                exc = RuntimeError(repr(exc))
            self.task.traceback_text = traceback.format_exc()
            self.task.failed.emit(exc)
        else:
            self.task.succeeded.emit(result)
        self.task.done.emit()


def side_by_side(*calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` at once (the first on this thread, each other on a thread of its own) and
    return their results in order; the first exception is raised once all have ended.

    For a page's reads, in a background task: over a remote database each read costs its
    round trips (a transaction of its own); side by side, the longest sets the time instead
    of their sum.
    """
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException | None] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            results[i] = calls[i]()
        except BaseException as exc:
            errors[i] = exc

    threads = [
        threading.Thread(target=run, args=(i,), name=f"read-{i}", daemon=True)
        for i in range(1, len(calls))
    ]
    for t in threads:
        t.start()
    run(0)
    for t in threads:
        t.join()
    for exc in errors:
        if exc is not None:
            raise exc
    return results


MIN_THREADS = 6


class TaskRunner:
    """Run callables in a thread pool with callbacks on the GUI thread."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        if pool is None:
            # the tasks wait on the database far more than they compute: with one thread per
            # core (two here) a page's read queued behind the dashboard's on a remote link
            self.pool.setMaxThreadCount(max(self.pool.maxThreadCount(), MIN_THREADS))
        self._live: set[Task] = set()
        # called in the background before every write (ui.operations): the main window
        # checks there that the person is still who they signed in as
        self.before_write: Callable[[], object] | None = None

    def run(
        self,
        fn: Callable[[TaskControl], _T],
        *,
        success: Callable[[_T], object] | None = None,
        failure: Callable[[Exception], object] | None = None,
        progress: Callable[[float], None] | None = None,
        name: str = "task",
    ) -> Task:
        """Start ``fn(control)`` in the background and return its handle; ``success`` gets
        what ``fn`` returned (the type checker holds the two together)."""
        task = Task(name)
        self._wire(task, success, failure, progress)
        self._start(task, fn)
        return task

    def _start(self, task: Task, fn: Callable[[TaskControl], object]) -> None:
        """Run ``fn`` for ``task`` on the pool (``task.done`` when it is over)."""
        self._live.add(task)
        task.done.connect(lambda: self._finish(task))
        self.pool.start(_Runnable(task, fn))

    def _wire(
        self,
        task: Task,
        success: Callable[[_T], object] | None,
        failure: Callable[[Exception], object] | None,
        progress: Callable[[float], None] | None,
    ) -> None:
        if success is not None:
            owner = _owner(success)
            task.succeeded.connect(
                lambda r: None if task.control.cancelled() or _gone(owner) else success(r)
            )
        failure_owner = _owner(failure)
        task.failed.connect(
            lambda e: _report_failure(task, e, None if _gone(failure_owner) else failure)
        )
        if progress is not None:
            task.progressed.connect(progress)

    def _finish(self, task: Task) -> None:
        task.finished = True
        self._live.discard(task)

    def busy(self) -> bool:
        return bool(self._live)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class SyncRunner(TaskRunner):
    """Run tasks inline on the calling thread (tests, benchmarks, snapshots)."""

    def __init__(self) -> None:
        self._live = set()
        self.before_write = None

    def _start(self, task: Task, fn: Callable[[TaskControl], object]) -> None:
        """Run ``fn`` for ``task`` here and now."""
        try:
            result = fn(task.control)
        except Exception as exc:
            task.failed.emit(exc)
        else:
            task.succeeded.emit(result)
        task.finished = True
        task.done.emit()

    def wait(self, msecs: int = 30000) -> bool:
        return True


def _owner(callback: Callable[..., object] | None) -> QObject | None:
    """The widget a callback acts on: a bound method's object, a QObject a partial binds, or
    what a closure calls ``self`` (else the one QObject it closes over). A closure over several
    widgets and none of them ``self`` has no owner: a dialog deleted before the write it
    started returned must not keep the page from its result."""
    target: object = callback
    while isinstance(target, functools.partial):
        for arg in target.args:
            if isinstance(arg, QObject):
                return arg
        target = target.func
    bound = getattr(target, "__self__", None)
    if isinstance(bound, QObject):
        return bound
    code = getattr(target, "__code__", None)
    cells = getattr(target, "__closure__", None) or ()
    widgets: dict[str, QObject] = {}
    for name, cell in zip(code.co_freevars if code else (), cells, strict=False):
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, QObject):
            widgets[name] = value
    if "self" in widgets:
        return widgets["self"]
    return next(iter(widgets.values())) if len(widgets) == 1 else None


def _gone(owner: QObject | None) -> bool:
    """Whether the callback's widget was deleted while the task ran (a page rebuilt on a
    language switch, a window closed): its result then has nowhere to go."""
    return owner is not None and not isValid(owner)


def _report_failure(
    task: Task, exc: Exception, failure: Callable[[Exception], object] | None
) -> None:
    if task.control.cancelled():
        return
    from ..domain.errors import OpsError

    if not isinstance(exc, OpsError):
        log.error("background task %s failed: %s", task.name, task.traceback_text or exc)
    if failure is not None:
        failure(exc)
