"""Why a device has its health: the causes derived next to derive_health."""

from __future__ import annotations

from ops_console.domain.health import MAX_CAUSES, Cause, Health, Level, health_causes

LOW = Cause("bands.battery", Level.WARNING, "2", 12.0, 20.0)
FULL = Cause("fill_level", Level.CRITICAL, None, 96.0, 95.0)
JAMMED = Cause("lid", Level.CRITICAL, None, "jammed")
GONE = Cause("uptime", None)
OK_READ = Cause("temperature", Level.OK, None, 25.0)


def test_degraded_lists_the_readings_at_or_past_degraded_at_worst_first_then_unreadable():
    got = health_causes(Health.DEGRADED, [GONE, LOW, OK_READ, FULL])
    assert got == (FULL, LOW, GONE)


def test_degraded_at_critical_leaves_warnings_out_and_unreadable_may_not_count():
    got = health_causes(
        Health.DEGRADED, [GONE, LOW, FULL], degraded_at=Level.CRITICAL, missing_is_degraded=False
    )
    assert got == (FULL,)


def test_down_names_only_the_down_metrics_at_critical():
    got = health_causes(Health.DOWN, [LOW, FULL, JAMMED], down_metrics=["lid"])
    assert got == (JAMMED,)
    # unreachable: no reading made it down (its poll error says why)
    assert health_causes(Health.DOWN, [], down_metrics=["lid"]) == ()


def test_up_and_unknown_have_no_cause():
    assert health_causes(Health.UP, [LOW, GONE]) == ()
    assert health_causes(Health.UNKNOWN, [FULL]) == ()


def test_at_most_max_causes():
    many = [Cause("bands.battery", Level.WARNING, str(i), 5.0, 20.0) for i in range(30)]
    got = health_causes(Health.DEGRADED, many)
    assert [c.row for c in got] == [str(i) for i in range(MAX_CAUSES)]


def test_stored_form_is_codes_and_numbers_and_reads_back():
    assert LOW.to_json() == {
        "metric": "bands.battery",
        "level": "warning",
        "row": "2",
        "value": 12.0,
        "threshold": 20.0,
    }
    assert GONE.to_json() == {"metric": "uptime", "level": "unreadable"}
    for c in (LOW, FULL, JAMMED, GONE):
        assert Cause.from_json(c.to_json()) == c
    assert Cause.from_json({"metric": "x", "level": "bogus"}) is None
    assert Cause.from_json("nonsense") is None
