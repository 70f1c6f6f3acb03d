"""Thresholds with hysteresis, health derivation, the alarm debouncer."""

from __future__ import annotations

import pytest

from ops_console.domain.health import (
    DebouncePolicy,
    DebounceState,
    Health,
    Level,
    MetricState,
    ThresholdRule,
    Transition,
    debounce,
    derive_health,
    evaluate_threshold,
)

ABOVE = ThresholdRule("above", warning=80, critical=95, hysteresis=5)
BELOW = ThresholdRule("below", warning=20, critical=10, hysteresis=5)


def walk(rule: ThresholdRule, values: list[float | None]) -> list[Level]:
    level = Level.OK
    out = []
    for v in values:
        level = evaluate_threshold(rule, v, level)
        out.append(level)
    return out


def test_above_with_hysteresis() -> None:
    W, C, K = Level.WARNING, Level.CRITICAL, Level.OK
    assert walk(ABOVE, [50, 80, 79, 76, 75, 74.9, 95, 91, 90, 89.9, 75, 74]) == [
        K,
        W,
        W,
        W,
        W,
        K,
        C,
        C,
        C,
        W,
        W,
        K,
    ]


def test_below_with_hysteresis() -> None:
    W, C, K = Level.WARNING, Level.CRITICAL, Level.OK
    assert walk(BELOW, [50, 20, 24, 25, 25.1, 10, 14, 15.5, 26]) == [K, W, W, W, K, C, C, W, K]


def test_none_keeps_previous_level_and_single_sided_rules() -> None:
    assert evaluate_threshold(ABOVE, None, Level.CRITICAL) is Level.CRITICAL
    crit_only = ThresholdRule("above", warning=None, critical=10)
    assert walk(crit_only, [9, 10, 9.99]) == [Level.OK, Level.CRITICAL, Level.OK]


def test_bad_rules_refused() -> None:
    with pytest.raises(ValueError):
        ThresholdRule("sideways", 1, 2)
    with pytest.raises(ValueError):
        ThresholdRule("above", 1, 2, -1)


def test_health_derivation() -> None:
    ok = [MetricState("fill", Level.OK), MetricState("lid", Level.OK)]
    assert derive_health(None, ok) is Health.UNKNOWN
    assert derive_health(False, ok) is Health.DOWN
    assert derive_health(True, ok) is Health.UP
    assert derive_health(True, [MetricState("fill", Level.WARNING)]) is Health.DEGRADED
    assert (
        derive_health(True, [MetricState("fill", Level.WARNING)], degraded_at=Level.CRITICAL)
        is Health.UP
    )
    assert (
        derive_health(True, [MetricState("lid", Level.CRITICAL)], down_metrics=["lid"])
        is Health.DOWN
    )
    assert (
        derive_health(True, [MetricState("gate", Level.COMPLIANCE)], down_metrics=["gate"])
        is Health.DOWN
    )
    assert (
        derive_health(True, [MetricState("fill", Level.CRITICAL)], down_metrics=["lid"])
        is Health.DEGRADED
    )
    assert derive_health(True, [MetricState("fill", None)]) is Health.DEGRADED
    assert derive_health(True, [MetricState("fill", None)], missing_is_degraded=False) is Health.UP


def feed(verdicts: list[bool | None], policy: DebouncePolicy | None = None) -> list[Transition]:
    state = DebounceState()
    out = []
    for v in verdicts:
        state, t = debounce(state, v, Level.CRITICAL, policy or DebouncePolicy())
        out.append(t)
    return out


def test_debouncer_opens_after_three_and_clears_after_two() -> None:
    N, OPEN, CLEAR = Transition.NONE, Transition.OPEN, Transition.CLEAR
    assert feed([True, True, True, True, False, True, False, False]) == [
        N,
        N,
        OPEN,
        N,
        N,
        N,
        N,
        CLEAR,
    ]


def test_flapping_device_opens_nothing() -> None:
    assert Transition.OPEN not in feed([True, False, True, True, False, True, True, False] * 5)


def test_unknown_changes_nothing() -> None:
    N, OPEN = Transition.NONE, Transition.OPEN
    assert feed([True, None, True, None, True]) == [N, N, N, N, OPEN]


def test_escalation_and_state_is_a_value() -> None:
    state = DebounceState()
    for _ in range(3):
        state, t = debounce(state, True, Level.WARNING)
    assert t is Transition.OPEN and state.severity is Level.WARNING
    state, t = debounce(state, True, Level.COMPLIANCE)
    assert t is Transition.ESCALATE and state == DebounceState(open=True, severity=Level.COMPLIANCE)
    with pytest.raises(AttributeError):
        state.open = False  # type: ignore[misc]


def test_custom_policy() -> None:
    assert feed([True, False], DebouncePolicy(open_after=1, clear_after=1)) == [
        Transition.OPEN,
        Transition.CLEAR,
    ]
    with pytest.raises(ValueError):
        DebouncePolicy(open_after=0)
