"""The poller's store process (``monitoring.ingest.process``): a batch stored in a child process
leaves the database as the writer thread would, alarms it opens are handed over in the parent,
a refused batch writes nothing and is reported, and a store process that dies leaves nothing
unstored: the writer thread takes over."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ops_console.db.engine import Database
from ops_console.polling.results import PollResult, Sample, StatusReading
from ops_console.secrets import SecretStore
from ops_console.services.container import Services
from ops_console.services.formats import HEADER
from ops_console.services.monitoring import StoreProcessFailed
from ops_console.services.monitoring.ingest import poll_eval, store
from ops_console.services.pollers.service import PollerService, _Results, _Writer

from ..unit.services.test_monitoring import DEVICES, FakeWorkOrders, bin_ok, dead, gate

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def fleet(services, admin, tmp_path: Path) -> dict[str, int]:
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    services.accounts.add_community(admin, "江南")
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *DEVICES]) + "\n", encoding="utf-8")
    services.inventory.import_csv(admin, csv)
    return {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}


def _batches(ids: dict[str, int]) -> list[list]:
    """Three polls a minute apart: the bin's lid jammed each time (its alarm opens at the
    third), the gate dead, the other bin well."""
    out = []
    for i in range(3):
        at = T0 + timedelta(minutes=i)
        out.append(
            [
                bin_ok(ids["HB-BIN-001"], at, fill=40.0 + i, lid=3),
                dead(ids["HB-GATE-001"], at),
                bin_ok(ids["JN-BIN-001"], at, fill=10.0 + i),
            ]
        )
    return out


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {
            "states": con.execute(
                "SELECT device_id, health, health_since, last_poll_at, last_ok_at, last_error, "
                "consecutive_failures, summary_json FROM device_states ORDER BY device_id"
            ).fetchall(),
            "samples": con.execute(
                "SELECT device_id, metric_id, ts, value, text FROM samples_open "
                "ORDER BY device_id, metric_id, ts"
            ).fetchall(),
            "spans": con.execute(
                "SELECT device_id, health, starts_at, ends_at FROM health_spans "
                "ORDER BY device_id, starts_at"
            ).fetchall(),
            "rules": con.execute(
                "SELECT device_id, rule, failing, passing, active, level FROM alarm_rule_states "
                "ORDER BY device_id, rule"
            ).fetchall(),
            "alarms": con.execute(
                "SELECT device_id, rule, severity, message_data, opened_at, cleared_at FROM alarms "
                "ORDER BY id"
            ).fetchall(),
        }
    finally:
        con.close()


def _twin(services: Services, db_path: Path, tmp_path: Path) -> tuple[Services, Path]:
    """The same database (a copy), with its own services."""
    services.db.dispose()
    path = tmp_path / "twin.db"
    shutil.copy(db_path, path)
    twin = Services(Database(f"sqlite:///{path}"), services.clock, SecretStore())
    return twin, path


def test_a_store_process_stores_as_the_writer_thread_does(services, fleet, db_path, tmp_path):
    twin, twin_path = _twin(services, db_path, tmp_path)
    here = FakeWorkOrders()
    services.workorders = here
    there = FakeWorkOrders()
    twin.workorders = there
    batches = _batches(fleet)
    for b in batches:
        services.monitoring.store_results(b, b[0].at)
    proc = twin.monitoring.store_process()
    assert proc is not None
    try:
        summaries = []
        for b in batches:
            got = proc.store(b, b[0].at, None)
            twin.monitoring.after_store(got, b[0].at)
            summaries.append(got)
    finally:
        proc.close()
    assert not proc.alive
    assert [s.opened for s in summaries] == [0, 0, 2]  # the jammed lid and the dead gate
    assert sum(s.samples for s in summaries) > 0
    expected, got_tables = _tables(db_path), _tables(twin_path)
    assert expected["alarms"] and expected["samples"] and expected["rules"]
    assert got_tables == expected
    # the hand-over to work orders ran in this process, after the child committed
    assert len(there.raised) == len(here.raised) == 2
    twin.close()


def test_a_refused_batch_writes_nothing_and_says_why(services, fleet, db_path):
    proc = services.monitoring.store_process()
    assert proc is not None
    naive = T0.replace(tzinfo=None)  # a bug upstream: instants must carry a time zone
    before = _tables(db_path)
    try:
        with pytest.raises(StoreProcessFailed, match="naive datetime"):
            proc.store([bin_ok(fleet["JN-BIN-001"], T0),
                        bin_ok(fleet["HB-BIN-001"], naive)], T0, None)  # fmt: skip
        assert proc.alive  # one refused batch, not the end of storing
        assert _tables(db_path) == before  # not even the good result of the batch
        got = proc.store([bin_ok(fleet["HB-BIN-001"], T0)], T0, None)
        assert got.ok == 1 and got.samples > 0
    finally:
        proc.close()


def test_when_the_store_process_dies_the_writer_thread_stores(services, fleet, db_path, caplog):
    proc = services.monitoring.store_process()
    assert proc is not None and proc.pid is not None
    poller = PollerService(services.monitoring, queue_batches=4)
    writer = _Writer(poller, host=None, mark_unknown_at_stop=False, store=proc)
    batches = _batches(fleet)
    writer._store(_Results(batches[0]))
    os.kill(proc.pid, signal.SIGKILL)
    with caplog.at_level(logging.ERROR):
        writer._store(_Results(batches[1]))
        writer._store(_Results(batches[2]))
        writer._settle()  # what the writer does before it stops
    assert "the store process is gone" in caplog.text
    assert writer.store is None and writer.totals.store_errors == 0
    assert writer.totals.summary.devices == 9 and writer.totals.summary.opened == 2
    stored = _tables(db_path)
    polled = {fleet[t] for t in ("HB-BIN-001", "HB-GATE-001", "JN-BIN-001")}
    last_polls = {r[0]: r[3] for r in stored["states"] if r[0] in polled}
    assert last_polls == dict.fromkeys(polled, "2026-03-02 08:02:00.000000")
    proc.close()


def test_batches_in_flight_come_back_in_order_and_store_as_one_by_one(
    services, fleet, db_path, tmp_path
):
    """Pipelined: three batches sent before any reply is taken (depth 3) leave the database as
    the writer thread storing them one by one does; the replies come in the order sent."""
    twin, twin_path = _twin(services, db_path, tmp_path)
    batches = _batches(fleet)
    for b in batches:
        services.monitoring.store_results(b, b[0].at)
    proc = twin.monitoring.store_process()
    assert proc is not None and proc.depth == 3
    try:
        early = []
        for b in batches:
            early += proc.send(b, b[0].at, None)
        replies = early + proc.replies(every=True)
        assert proc.in_flight == 0
    finally:
        proc.close()
    assert [r.results for r in replies] == batches
    assert [r.summary.opened for r in replies if r.summary] == [0, 0, 2]
    assert _tables(twin_path) == _tables(db_path)
    twin.close()


def test_a_fourth_batch_waits_for_the_oldest_reply(services, fleet):
    """At most ``depth`` batches in flight: sending one more first takes the oldest reply."""
    proc = services.monitoring.store_process()
    assert proc is not None
    batches = [[bin_ok(fleet["JN-BIN-001"], T0 + timedelta(minutes=i))] for i in range(4)]
    try:
        got = []
        for b in batches[:3]:
            got += proc.send(b, b[0].at, None)
        assert len(got) + proc.in_flight == 3
        got += proc.send(batches[3], batches[3][0].at, None)
        assert len(got) >= 1 and proc.in_flight <= 3
        got += proc.replies(every=True)
    finally:
        proc.close()
    assert [r.results for r in got] == batches
    assert all(r.summary is not None and r.summary.ok == 1 for r in got)


def _steady_then_full_then_emptied(ids: dict[str, int], drift: bool = False) -> list[list]:
    """Fourteen polls a minute apart: a bin whose uptime and latency change every poll (no
    rule reads them) while its fill level stays 40 % four polls, is full (96 %) four polls
    (its alarm opens) and is emptied (40 %) six polls (it clears); the other bin stays the
    same; the gate is dead throughout. With ``drift``, both bins' fill levels move every poll
    within their bands (40, 41, … %; 96, 97 %; the other bin 10, 11, … %), and the emptied
    bin's first reading (77 %) stays within the warning level's hysteresis."""
    out = []
    fills = [40.0] * 4 + [96.0] * 4 + [40.0] * 6
    if drift:
        fills = [40.0 + i for i in range(4)] + [96.0, 97.0] * 2 + [77.0]
        fills += [41.0 + i for i in range(5)]
    for i, fill in enumerate(fills):
        at = T0 + timedelta(minutes=i)
        b = bin_ok(ids["HB-BIN-001"], at, fill=fill)
        b = replace(b, samples=(Sample("uptime", 1000.0 + 60 * i), *b.samples[1:]))
        out.append(
            [
                replace(b, latency_ms=3.0 + i),
                dead(ids["HB-GATE-001"], at),
                bin_ok(ids["JN-BIN-001"], at, fill=10.0 + (i if drift else 0)),
            ]
        )
    return out


@pytest.mark.parametrize("drift", [False, True], ids=["steady", "moving_within_bands"])
def test_unchanged_rule_inputs_are_judged_once_and_store_as_if_judged_again(
    services, fleet, db_path, tmp_path, monkeypatch, drift
):
    """A result whose values with a rule equal the last ones judged (every rule passing, no
    rule state), or moved within their ok bands, is not evaluated again; what is stored is
    what evaluating every result stores, alarms opened and cleared on change included."""
    twin, twin_path = _twin(services, db_path, tmp_path)
    services = Services(Database(f"sqlite:///{db_path}"), services.clock, SecretStore())
    services.monitoring.memo = None  # the reference: every result evaluated
    again = []
    judged_again = poll_eval._again
    monkeypatch.setattr(poll_eval, "_again", lambda *a: again.append(a) or judged_again(*a))
    opened = cleared = 0
    for b in _steady_then_full_then_emptied(fleet, drift):
        services.monitoring.store_results(b, b[0].at)
        got = twin.monitoring.store_results(b, b[0].at)
        opened, cleared = opened + got.opened, cleared + got.cleared
    assert (opened, cleared) == (2, 1)  # the full bin's and the dead gate's; the bin's cleared
    # the steady bin from its 2nd poll on, the other bin's first three polls and its last
    # five (its overflow rule's state is gone once cleared: ``settled`` again)
    assert len(again) > 14
    assert _tables(twin_path) == _tables(db_path)
    twin.close()
    services.close()


def test_a_store_process_judging_once_opens_and_clears_on_change(
    services, fleet, db_path, tmp_path
):
    twin, twin_path = _twin(services, db_path, tmp_path)
    services = Services(Database(f"sqlite:///{db_path}"), services.clock, SecretStore())
    services.monitoring.memo = None
    batches = _steady_then_full_then_emptied(fleet)
    for b in batches:
        services.monitoring.store_results(b, b[0].at)
    proc = twin.monitoring.store_process()
    assert proc is not None
    try:
        replies = []
        for b in batches:
            replies += proc.send(b, b[0].at, None)
        replies += proc.replies(every=True)
    finally:
        proc.close()
    assert sum(r.summary.opened for r in replies if r.summary) == 2
    assert sum(r.summary.cleared for r in replies if r.summary) == 1
    assert _tables(twin_path) == _tables(db_path)
    twin.close()
    services.close()


def _bands(dev: int, at: datetime, battery_2: float) -> PollResult:
    """A wristband gateway poll: band rows 1 and 2, row 2 at ``battery_2`` %."""
    samples = [Sample("gateway_status", 1.0, text="ok")]
    for row, battery in (("1", 90.0), ("2", battery_2)):
        samples += [
            Sample("bands.band_id", None, text=f"WB-00{row}", index=row),
            Sample("bands.battery", battery, index=row),
            Sample("bands.last_seen", 30.0, index=row),
        ]
    return PollResult(
        dev,
        True,
        at,
        samples=tuple(samples),
        statuses=(StatusReading("gateway_status", 1, "ok", "ok", None, "gateway_status"),),
    )


def _in_warning_bands(ids: dict[str, int]) -> list[list[PollResult]]:
    """Twenty-two polls a minute apart that keep threshold levels: a bin in its fill level's
    warning band (85-89 %: its alarm opens at the third and stays open, failing), full (96 %,
    escalated to critical), in the critical level's hysteresis (92 %), warning again, two
    failed polls (its levels kept), its lid jammed, its battery low, then emptied (the alarms
    clear); the other bin in its warning band from its fifth poll; a wristband gateway's
    band 2 low (15 %, then 3 %, then 12 % within the critical level's hysteresis) and well
    again; the gate dead, then answering. The first bin's lid is jammed two polls, one short
    of its alarm."""
    fills = [85.0, 86.0, 87.0, 88.0, 89.0, 96.0, 92.0, 86.0, 0.0, 0.0, 87.0, 88.0, 88.0]
    fills += [86.0, 85.0, 40.0, 40.0, 40.0, 86.0, 86.0, 40.0, 40.0]
    out = []
    for i, fill in enumerate(fills):
        at = T0 + timedelta(minutes=i)
        b = (
            dead(ids["HB-BIN-001"], at)
            if fill == 0.0
            else bin_ok(
                ids["HB-BIN-001"],
                at,
                fill=fill,
                battery=15.0 if 13 <= i <= 15 else 80.0,
                lid=3 if 11 <= i <= 12 else 1,
            )
        )
        battery_2 = [80.0, 15.0, 15.0, 15.0, 3.0, 12.0, 30.0, 12.0, 30.0][i % 9]
        out.append(
            [
                replace(b, latency_ms=3.0 + i) if b.ok else b,
                dead(ids["HB-GATE-001"], at) if i < 12 else gate(ids["HB-GATE-001"], at),
                bin_ok(ids["JN-BIN-001"], at, fill=10.0 + i if i < 4 else 85.0 + i % 5),
                _bands(ids["HB-WB-001"], at, battery_2),
            ]
        )
    return out


def test_results_keeping_threshold_levels_store_as_if_every_summary_were_parsed(
    services, fleet, db_path, tmp_path, monkeypatch
):
    """Devices in a warning band, their alarms open and still failing, escalated, failing to
    answer, with status and table-row alarms: a store that remembers the summary it wrote
    with threshold levels (its ``EvalMemo``) and so does not parse it again stores exactly
    what one that parses every stored summary and evaluates every result stores."""
    twin, twin_path = _twin(services, db_path, tmp_path)
    services = Services(Database(f"sqlite:///{db_path}"), services.clock, SecretStore())
    services.monitoring.memo = None  # the reference: every summary parsed, every result judged
    parsed: list[str | None] = []
    parse = store._parse
    monkeypatch.setattr(store, "_parse", lambda j: parsed.append(j) or parse(j))
    opened = cleared = 0
    for b in _in_warning_bands(fleet):
        services.monitoring.store_results(b, b[0].at)
        by_reference = len(parsed)
        got = twin.monitoring.store_results(b, b[0].at)
        assert len(parsed) <= by_reference * 2
        opened, cleared = opened + got.opened, cleared + got.cleared
        assert _tables(twin_path) == _tables(db_path)  # after each poll: states are replaced
    # the gate's unreachable, the first bin's fill level (escalated) and battery, the other
    # bin's fill level, band 2's battery three times (each cleared, the last one open)
    assert (opened, cleared) == (7, 5)
    assert len(parsed) < 2 * 22 * 4 - 40  # the twin parsed far fewer summaries
    assert _tables(twin_path) == _tables(db_path)
    twin.close()
    services.close()


def test_an_open_alarm_failing_again_after_one_good_poll_counts_its_good_polls_anew(
    services, fleet, db_path
):
    """Open (three full polls), one good poll, full again, one good poll: still open, one good
    poll counted (two clear it)."""
    b = fleet["HB-BIN-001"]
    for i, fill in enumerate([96.0, 96.0, 96.0, 40.0, 96.0, 40.0]):
        services.monitoring.store_results([bin_ok(b, T0 + timedelta(minutes=i), fill=fill)], T0)
    rules = _tables(db_path)["rules"]
    assert [r[1:] for r in rules if r[0] == b] == [("bin_overflow", 0, 1, 1, "critical")]
    assert [a[1] for a in _tables(db_path)["alarms"] if a[0] == b and a[5] is None] == [
        "bin_overflow"
    ]
