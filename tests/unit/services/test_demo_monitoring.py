"""The demo's synthetic health history: contiguous spans, poller gaps as unknown, charts."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import timedelta

from ops_console.services.context import SYSTEM


def test_demo_history_is_contiguous_with_unknown_gaps(demo_services):
    mon = demo_services.monitoring
    now = demo_services.clock.now()
    spans = mon.health_spans(SYSTEM, now - timedelta(days=31), now)
    by_device = defaultdict(list)
    for sp in spans:
        by_device[sp.device_id].append(sp)
    assert len(by_device) > 300
    for rows in by_device.values():
        for a, b in itertools.pairwise(rows):
            assert a.ends_at == b.starts_at and a.health != b.health
        assert rows[-1].ends_at is None
    assert {sp.health for sp in spans} == {"up", "degraded", "down", "unknown"}
    # the two poller gaps are unknown for every device, and recorded as runs
    assert sum(sp.health == "unknown" for sp in spans) == 2 * len(by_device)
    assert len(mon.poller_runs(now - timedelta(days=31), now + timedelta(seconds=1))) == 3
    down = [h for h in mon.device_health(SYSTEM) if h.health == "down"]
    open_alarms = {a.asset_tag for a in mon.list_alarms(SYSTEM, open_only=True)}
    assert down and {h.asset_tag for h in down} <= open_alarms


def test_demo_charts_have_points(demo_services):
    mon = demo_services.monitoring
    now = demo_services.clock.now()
    month = mon.metric_history(
        SYSTEM, "HB-GATE-001", "temperature", now - timedelta(days=30), now, 300
    )
    assert month.resolution_s == 3600 and 100 < len(month.points) <= 300
    hour = mon.metric_history(SYSTEM, "HB-GATE-001", "temperature", now - timedelta(hours=1), now)
    assert hour.resolution_s == 0 and len(hour.points) >= 50


def test_demo_has_no_never_polled_device_and_its_alarms_are_handed_over(demo_services):
    from ops_console.db.repos import monitoring as repo

    mon = demo_services.monitoring
    now = demo_services.clock.now()
    with demo_services.db.read() as s:
        targets = [r[0] for r in repo.target_rows(s)]
        # every in-service device has a last poll: starting a poller raises no "never polled"
        assert len(targets) == 335 and repo.never_polled(s, targets) == {}
    alarms = mon.list_alarms(SYSTEM, open_only=True)
    assert len(alarms) == 8
    # handed over as the demo loaded, as a running poller would have: one work order each
    assert {a.handover_status for a in alarms} == {"done"}
    numbers = {a.work_order_number for a in alarms}
    assert len(numbers) == 8 and None not in numbers
    assert mon.retry_handovers(now).attempted == 0  # nothing left for the poller
