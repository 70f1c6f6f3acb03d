"""The poller's writer thread retries failed alarm hand-overs: at once, then periodically."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from ops_console.domain.clock import FixedClock
from ops_console.services.pollers.service import _STOP, FirstCycle, PollerService, _Writer

AT = datetime(2026, 11, 2, 0, 59, tzinfo=UTC)


class Monitoring:
    def __init__(self) -> None:
        self.clock = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
        self.retries = 0
        self.stale_checks = 0
        self.rollups = 0

    def start_run(self, host, now, **scope):
        return 1

    def retry_handovers(self, now=None):
        self.retries += 1

    def heartbeat(self, *a, **k):
        pass

    def stop_run(self, *a, **k):
        pass

    def check_stale(self, *a, **k):
        self.stale_checks += 1
        self.stale_args = a

    def rollup(self, *a, **k):
        self.rollups += 1

    def prune(self, *a, **k):
        pass


def _writer(mon, *, first_cycle=None, **settings):
    """The writer of a poller with these settings (a queue of 4 batches, a heartbeat every
    50 ms), on a host of its own."""
    service = PollerService(mon, **{"queue_batches": 4, "heartbeat_s": 0.05, **settings})
    return _Writer(service, host="h", mark_unknown_at_stop=False, first_cycle=first_cycle)


def test_the_writer_retries_hand_overs_at_start_and_every_interval():
    mon = Monitoring()
    writer = _writer(mon, upkeep_s=60, prune_s=60, handover_s=0.2)
    writer.start()
    writer.ready.wait()
    time.sleep(0.1)
    assert mon.retries == 1  # pending hand-overs of an earlier run, at once
    time.sleep(0.5)
    writer.put(_STOP)
    writer.join(5)
    assert mon.retries >= 2  # and again after the interval


def test_trap_summary_names_every_kind_not_mapped():
    from ops_console.services.pollers.service import trap_summary

    assert trap_summary({"received": 5, "mapped": 3, "informs_acked": 1, "v3_discovery": 1}) is None
    assert trap_summary({}) is None
    line = trap_summary(
        {"received": 9, "mapped": 2, "bad_community": 3, "unknown_sender": 1, "v3_wrong_digest": 3}
    )
    assert line == (
        "traps not mapped (of 9 received): 3 bad community, 1 unknown sender, 3 v3 wrong digest"
    )


def test_the_writer_calls_the_audit_witness_with_its_hourly_upkeep():
    """The poller appends the daily audit checkpoint from its writer's hourly step."""
    mon = Monitoring()
    calls: list[int] = []
    writer = _writer(mon, upkeep_s=60, prune_s=0.2, handover_s=60, witness=lambda: calls.append(1))
    writer.start()
    writer.ready.wait()
    time.sleep(0.7)
    writer.put(_STOP)
    writer.join(5)
    assert len(calls) >= 2  # once per prune interval (an hour in service), each deciding if due


def test_the_writer_leaves_the_stale_check_out_until_the_first_cycle_is_done():
    mon = Monitoring()
    first = FirstCycle()
    writer = _writer(mon, upkeep_s=0.05, prune_s=60, handover_s=60, first_cycle=first.done)
    writer.start()
    writer.ready.wait()
    first.targets([1, 2, 3])
    first.reached([1, 3])
    while mon.rollups < 3:  # upkeep ran three times: sealing and rollups, no stale check
        time.sleep(0.05)
    assert mon.stale_checks == 0
    first.targets([1, 2, 3, 4])  # a device added during the first cycle does not hold it up
    first.reached([2])
    assert first.done.is_set()
    while mon.stale_checks == 0:  # the next upkeep checks (the test's timeout if never)
        time.sleep(0.05)
    writer.put(_STOP)
    writer.join(5)


def test_the_first_cycle_forgets_devices_dropped_from_the_targets():
    first = FirstCycle()
    first.reached([7])  # before the targets are known: nothing to tell
    assert not first.done.is_set()
    first.targets([1, 2])
    first.reached([1])
    assert not first.done.is_set()
    first.targets([1, 3])  # 2 retired before it was reached: only 3 was never in the first
    assert first.done.is_set()


def test_the_writer_keeps_storing_while_an_upkeep_pass_runs():
    """Upkeep runs in a thread of its own: a long pass does not hold the queue up."""
    from ops_console.services.monitoring import StoreSummary
    from ops_console.services.pollers.service import _Results

    release = threading.Event()

    class Slow(Monitoring):
        stored = 0

        def rollup(self, *a, **k):
            self.rollups += 1
            release.wait()

        def store_results(self, batch, now=None, fence=None):
            self.stored += len(batch)
            return StoreSummary(devices=len(batch))

    mon = Slow()
    writer = _writer(mon, upkeep_s=0.05, prune_s=60, handover_s=60)
    writer.start()
    writer.ready.wait()
    while mon.rollups == 0:
        time.sleep(0.02)
    for _ in range(4):  # as many as the queue holds: each one stored while rollup waits
        writer.put(_Results([SimpleNamespace(at=AT), SimpleNamespace(at=AT)]))
    for _ in range(1000):  # a hang guard, not a timing: stored at once, or never
        if mon.stored == 8:
            break
        time.sleep(0.02)
    still_running = mon.rollups == 1 and not release.is_set()  # the same pass, under way
    release.set()
    assert mon.stored == 8 and still_running
    writer.put(_STOP)
    writer.join(5)
    assert not writer.is_alive()


def test_the_stale_check_measures_up_to_the_newest_result_stored():
    """Results waiting in the queue are the store's backlog: the check gets the poll time of
    the newest result stored, and judges staleness up to it."""
    from ops_console.services.monitoring import StoreSummary
    from ops_console.services.pollers.service import _Results

    class Storing(Monitoring):
        def store_results(self, batch, now=None, fence=None):
            return StoreSummary(devices=len(batch))

    mon = Storing()
    first = FirstCycle()
    writer = _writer(mon, upkeep_s=0.05, prune_s=60, handover_s=60, first_cycle=first.done)
    writer.start()
    writer.ready.wait()
    late = [SimpleNamespace(at=AT - timedelta(minutes=m)) for m in (3, 1, 2)]
    writer.put(_Results(late))
    writer.put(_Results([SimpleNamespace(at=AT - timedelta(minutes=5))]))  # an older batch
    while writer.totals.summary.devices < 4:
        time.sleep(0.02)
    first.targets([])  # nothing to reach: the first cycle is done
    while mon.stale_checks == 0:
        time.sleep(0.02)
    writer.put(_STOP)
    writer.join(5)
    _started, now, watched, data_until = mon.stale_args
    assert (now, watched, data_until) == (None, None, AT - timedelta(minutes=1))
