"""Counters to rates: wraps, resets, restarts."""

from __future__ import annotations

import pytest

from ops_console.polling.rates import WRAP_32, WRAP_64, CounterTracker


def test_first_reading_has_no_rate_then_rates_follow() -> None:
    t = CounterTracker()
    first = t.update(1, "in", None, 1000, at=0.0)
    assert first.rate is None and "first" in (first.problem or "")
    assert t.update(1, "in", None, 1600, at=60.0).rate == pytest.approx(10.0)


def test_32_bit_wrap() -> None:
    t = CounterTracker()
    t.update(1, "in", None, WRAP_32 - 100, at=0.0)
    out = t.update(1, "in", None, 200, at=10.0)
    assert out.rate == pytest.approx(30.0)


def test_64_bit_wrap() -> None:
    t = CounterTracker()
    t.update(1, "in", "3", WRAP_64 - 10, at=0.0, bits=64)
    assert t.update(1, "in", "3", 90, at=10.0, bits=64).rate == pytest.approx(10.0)


def test_decrease_from_low_value_is_a_reset_not_a_wrap() -> None:
    t = CounterTracker()
    t.update(1, "in", None, 5_000_000, at=0.0)
    out = t.update(1, "in", None, 10, at=10.0)
    assert out.rate is None and "reset" in (out.problem or "")
    assert t.update(1, "in", None, 110, at=20.0).rate == pytest.approx(10.0)


def test_restart_detected_by_uptime_makes_even_a_plausible_wrap_a_reset() -> None:
    t = CounterTracker()
    assert not t.note_uptime(1, 1000.0)
    t.update(1, "in", None, WRAP_32 - 10, at=0.0)
    restarted = t.note_uptime(1, 5.0)
    assert restarted
    out = t.update(1, "in", None, 20, at=10.0, restarted=restarted)
    assert out.rate is None and "restarted" in (out.problem or "")


def test_rows_and_devices_are_kept_apart_and_forget() -> None:
    t = CounterTracker()
    t.update(1, "in", "1", 0, at=0.0)
    t.update(1, "in", "2", 100, at=0.0)
    t.update(2, "in", "1", 500, at=0.0)
    assert t.update(1, "in", "1", 10, at=1.0).rate == 10
    assert t.update(1, "in", "2", 120, at=1.0).rate == 20
    t.forget(1)
    assert t.update(1, "in", "1", 20, at=2.0).rate is None
    assert t.update(2, "in", "1", 510, at=1.0).rate == 10


def test_no_elapsed_time_gives_no_rate() -> None:
    t = CounterTracker()
    t.update(1, "in", None, 0, at=5.0)
    assert t.update(1, "in", None, 10, at=5.0).rate is None
