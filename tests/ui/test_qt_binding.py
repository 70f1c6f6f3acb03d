"""The Qt binding the console runs on keeps Python's reference counts straight.

PySide6 6.12.0 dropped one reference to ``True`` on every signal emit: after a few hundred
emits (a poller reports, a page updates) the console aborted with "Fatal Python error:
bool_dealloc". pyproject.toml leaves that version out; this test fails on it.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    number = Signal(int)
    text = Signal(str)


def test_emitting_signals_leaves_reference_counts_as_they_were(qapp: Any) -> None:
    emitter = _Emitter()
    got: list[object] = []
    emitter.bare.connect(lambda: got.append(None))
    emitter.number.connect(got.append)
    emitter.text.connect(got.append)
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for n in range(200):
        emitter.bare.emit()
        emitter.number.emit(n)
        emitter.text.emit("告警")
    del got[:]
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    # a few references may come and go with the interpreter's own work; 600 emits must not
    # take one each
    assert all(abs(a - b) < 50 for a, b in zip(after, before, strict=True)), (before, after)
