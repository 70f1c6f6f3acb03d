"""Cyclic garbage is collected on the GUI thread only, while the console runs: a Qt object
in a cycle collected on a background thread would be deleted on the wrong thread."""

from __future__ import annotations

import argparse
import gc
import threading

from ops_console.ui import launch
from ops_console.ui.collector import GuiThreadCollector


class Cycle:
    """Half of a reference cycle that records the thread it dies on."""

    died_on: list[int] = []

    def __init__(self) -> None:
        self.other: Cycle | None = None

    def __del__(self) -> None:
        Cycle.died_on.append(threading.get_ident())


def _garbage_on_a_thread(n: int) -> None:
    def make() -> None:
        for _ in range(n):
            a, b = Cycle(), Cycle()
            a.other, b.other = b, a  # unreachable once make() moves on: only a collection frees it

    t = threading.Thread(target=make)
    t.start()
    t.join()


def test_garbage_made_on_a_thread_is_collected_on_the_gui_thread(qtbot):
    collector = GuiThreadCollector()
    collector.start()
    try:
        assert not gc.isenabled()
        Cycle.died_on.clear()
        # far past the first generation's threshold: the interpreter would have collected on
        # the worker thread, many times
        _garbage_on_a_thread(5 * gc.get_threshold()[0])
        assert Cycle.died_on == []  # nothing collected on the worker thread
        qtbot.waitUntil(lambda: len(Cycle.died_on) > 0, timeout=5000)
        gc.collect()  # the rest, here (on this, the GUI thread) too
        assert set(Cycle.died_on) == {threading.get_ident()}
        assert sum(collector.collections) >= 1
    finally:
        collector.stop()
    assert gc.isenabled()


def test_the_timer_collects_nothing_below_the_threshold(qtbot):
    collector = GuiThreadCollector()
    collector.start()
    try:
        gc.collect()
        collector.check()
        assert collector.collections == [0, 0, 0]
    finally:
        collector.stop()


def test_the_console_gives_collection_back_when_it_ends(qtbot, tmp_path, monkeypatch):
    """``launch.run`` collects on the GUI thread while it runs and turns the interpreter's
    own collection on again on every way out (here: refused at once, no database)."""
    seen: list[bool] = []

    def refused(app, args):
        seen.append(gc.isenabled())
        return 1

    monkeypatch.setattr(launch, "_open", refused)
    assert launch.run(argparse.Namespace(db=f"sqlite:///{tmp_path / 'x.db'}")) == 1
    assert seen == [False]
    assert gc.isenabled()
