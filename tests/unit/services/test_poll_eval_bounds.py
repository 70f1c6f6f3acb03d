"""The profile's ok bounds, compiled once (``ProfileIndex.ok_short_of``), judge a value from
level ok exactly as ``evaluate_threshold`` does, for every threshold of the shipped profiles."""

from __future__ import annotations

import math

from ops_console.domain.health import Level, ThresholdRule, evaluate_threshold
from ops_console.polling.profiles import load_profiles
from ops_console.services.monitoring.ingest.poll_eval import ProfileIndex, _ok_bound


def _ok(index: ProfileIndex, metric: str, value: float) -> bool:
    above, bound = index.ok_short_of[metric]
    return bound is None or (value < bound if above else value > bound)


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
                assert _ok(index, metric, v) == ok, (profile.code, metric, v)
                checked += 1
    assert checked > 50


def test_a_rule_with_one_bound_or_none() -> None:
    index = ProfileIndex(next(iter(load_profiles().values())))
    for rule in (
        ThresholdRule("above", None, 90.0, 5.0),
        ThresholdRule("below", 20.0, None),
        ThresholdRule("above", None, None),
    ):
        index.ok_short_of["x"] = _ok_bound(rule)
        for v in (-100.0, 0.0, 19.0, 20.0, 21.0, 89.0, 90.0, 91.0, 1000.0):
            assert _ok(index, "x", v) == (evaluate_threshold(rule, v, Level.OK) is Level.OK)
