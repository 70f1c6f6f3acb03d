"""The demo's unhealthy devices say why, and what they say is what they last read."""

from __future__ import annotations

from datetime import timedelta

from ops_console.domain.health import Level
from ops_console.services.context import SYSTEM


def _latest(mon, tag, metric, since, until):
    """The latest raw sample of each stored series of ``metric`` (``bands.battery[30]``…)."""
    out = {}
    for name in mon.metrics_of(SYSTEM, tag):
        if name.split("[", 1)[0] == metric:
            points = mon.metric_history(SYSTEM, tag, name, since, until).points
            if points:
                out[name] = points[-1].avg
    return out


def test_every_unhealthy_demo_device_says_why_as_its_latest_sample_does(demo_services):
    mon = demo_services.monitoring
    now = demo_services.clock.now()
    unhealthy = [h for h in mon.device_health(SYSTEM) if h.health in ("degraded", "down")]
    assert {h.health for h in unhealthy} == {"degraded", "down"}
    hour = now - timedelta(hours=1)
    for h in unhealthy:
        causes = mon.health_causes(SYSTEM, h.asset_tag)
        if h.health == "down":
            # down because it does not answer: its last poll error says so, and it has read
            # nothing since it went down
            assert h.last_error is not None and h.last_error.code == "poll.timeout", h.asset_tag
            assert causes == [] and h.summary.get("error")
            assert h.last_ok_at == h.health_since
            for name in mon.metrics_of(SYSTEM, h.asset_tag):
                if h.health_since < now:
                    got = mon.metric_history(SYSTEM, h.asset_tag, name, h.health_since, now)
                    # (a 5-minute bucket may start before, and hold the last good reads)
                    assert all(p.ts < h.health_since for p in got.points), (h.asset_tag, name)
            continue
        assert causes, f"{h.asset_tag} is degraded and says not why"
        index = mon.indices[h.category]
        for c in causes:
            rule = index.rules[c.metric]
            latest = _latest(mon, h.asset_tag, c.metric, hour, now + timedelta(minutes=1))
            assert c.value in latest.values(), (h.asset_tag, c, latest)
            assert c.level is not None and c.level >= index.degraded_at
            bound = rule.critical if c.level >= Level.CRITICAL else rule.warning
            assert c.threshold == bound
            beyond = c.value <= bound if rule.direction == "below" else c.value >= bound
            assert beyond, (h.asset_tag, c)
            if c.row is None:
                assert h.summary["metrics"][c.metric] == c.value
        assert h.last_error is None and h.last_ok_at == h.last_poll_at


def test_the_demo_healthy_devices_read_inside_every_threshold(demo_services):
    mon = demo_services.monitoring
    for h in mon.device_health(SYSTEM):
        if h.health != "up":
            continue
        rules = mon.indices[h.category].rules
        for metric, value in h.summary.get("metrics", {}).items():
            rule = rules.get(metric)
            if rule is not None and isinstance(value, float):
                if rule.direction == "below":
                    assert value > rule.warning, (h.asset_tag, metric, value)
                else:
                    assert value < rule.warning, (h.asset_tag, metric, value)
        assert mon.health_causes(SYSTEM, h.asset_tag) == []
