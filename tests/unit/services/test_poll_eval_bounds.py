"""A rule's ok bound, compiled once (``ThresholdRule.ok_from_ok``), judges a value from level
ok exactly as ``evaluate_threshold``'s walk over the levels does, for every threshold of the
shipped profiles."""

from __future__ import annotations

import math

from ops_console.domain.health import Level, ThresholdRule, evaluate_threshold
from ops_console.polling.profiles import load_profiles
from ops_console.services.monitoring.ingest.poll_eval import ProfileIndex


def _walked(rule: ThresholdRule, value: float) -> bool:
    """From level ok, the levels walked one by one (no hysteresis applies from ok)."""
    for bound in (rule.critical, rule.warning):
        if bound is not None and (value >= bound if rule.direction == "above" else value <= bound):
            return False
    return True


def test_ok_bounds_judge_as_evaluate_threshold_from_ok() -> None:
    checked = 0
    for profile in load_profiles().values():
        index = ProfileIndex(profile)
        for metric, rule in index.rules.items():
            bounds = [b for b in (rule.warning, rule.critical) if b is not None]
            values = [0.0, -1e9, 1e9, math.inf, -math.inf]
            for b in bounds:
                values += [b, b - 1e-9, b + 1e-9, b - rule.hysteresis, b + rule.hysteresis]
            for v in values:
                ok = evaluate_threshold(rule, v, Level.OK) is Level.OK
                assert rule.ok_from_ok(v) == ok == _walked(rule, v), (profile.code, metric, v)
                checked += 1
    assert checked > 50


def test_a_rule_with_one_bound_or_none() -> None:
    for rule in (
        ThresholdRule("above", None, 90.0, 5.0),
        ThresholdRule("below", 20.0, None),
        ThresholdRule("above", None, None),
    ):
        for v in (-100.0, 0.0, 19.0, 20.0, 21.0, 89.0, 90.0, 91.0, 1000.0):
            assert rule.ok_from_ok(v) == (evaluate_threshold(rule, v, Level.OK) is Level.OK)
            assert rule.ok_from_ok(v) == _walked(rule, v)
