"""Cyclic garbage collected on the GUI thread only.

Python runs its cyclic collector in whichever thread happens to allocate past a threshold:
with the task runner's pool and the in-app poller allocating all the time, that is often a
background thread. A Qt wrapper found in a cycle there is deleted on the wrong thread, which
Qt does not allow (a crash was seen while the GUI-thread sweep ran its tasks on threads of
their own). So automatic collection is turned off for the console's process and a timer on
the GUI thread collects instead, by the same thresholds the interpreter would have used.
The pattern is the one PyQt and PySide applications use (Erik Janssens, "Should the Python
garbage collector be disabled in PyQt applications?", 2014); start-up objects are frozen out
of the collector's way by ``launch.settle_memory``, so a collection here stays short.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """While it runs, the process's cyclic garbage is collected by its timer, on the thread
    that made it (the GUI thread), never by the interpreter on another thread."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.collections = [0, 0, 0]  # per generation, for tests and curious readers
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Back to the interpreter's own collection (the application is quitting)."""
        self._timer.stop()
        gc.enable()

    def check(self) -> None:
        """Collect the generation the interpreter would have collected by now, if any."""
        count0, count1, count2 = gc.get_count()
        t0, t1, t2 = self.threshold
        if count0 <= t0:
            return
        generation = 0
        if count1 > t1:
            generation = 1
            if count2 > t2:
                generation = 2
        gc.collect(generation)
        self.collections[generation] += 1
