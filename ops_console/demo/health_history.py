"""DEMO ONLY: a synthetic, deterministic health history for the demo community.

Generates 30 days of health spans (mostly up; some degraded periods and outages, outages
during the demo's maintenance windows, two poller gaps recorded as unknown), the matching
poller runs, current device states, alarms for devices down right now, and history for each
device's main metric (hourly rollups for 30 days, 5-minute rollups for the last 6 hours, raw
samples for the last hour), so the availability report and the device charts have something
true to show. Every number comes from a random generator seeded by the asset tag: the same
clock gives the same history. Never run on real data: it writes history no poller measured.

Each device's current state is what the poller's own evaluation (``poll_eval.evaluate``) makes
of its last poll, built from the values written above: a device degraded now reads one of its
profile's thresholded metrics beyond the bound (its stored causes, "Battery (Wristbands B-017)
14 % below 20 %", agree with its latest sample), one down now did not answer (its last error
says so), and a healthy one reads values inside every threshold. The evaluation and the
synthetic history can therefore never disagree: the load stops if they would.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import random
from bisect import bisect_right
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..db.models import PollerRun
from ..db.repos import accounts as accounts_repo
from ..db.repos import monitoring as repo
from ..domain.health import Level
from ..polling.errors import ErrorKind, PollError
from ..polling.results import PollResult, Sample, StatusReading
from ..services.context import Actor
from ..services.monitoring import FIVE_MIN, HOUR, BucketIn, PointIn, alarms, floor_to, write_history
from ..services.monitoring.ingest.poll_eval import ProfileIndex, evaluate, unreachable
from .data import DemoReport, demo_dir

if TYPE_CHECKING:
    from ..services.container import Services

DAYS = 30
SEED = 20261129

# category → (metric, base, amplitude, noise, low, high); camera probes (no SNMP) use probe_rtt
PRIMARY: dict[str, tuple[str, float, float, float, float, float]] = {
    "access_gate": ("temperature", 31.0, 6.0, 1.0, -10, 70),
    "camera": ("storage_used", 72.0, 4.0, 1.5, 0, 100),
    "smart_bin": ("fill_level", 0.0, 0.0, 0.0, 0, 100),  # a sawtooth: fills, then emptied
    "env_sensor": ("pm25", 38.0, 18.0, 6.0, 0, 500),
    "network": ("cpu_load", 22.0, 12.0, 4.0, 0, 100),
    "parking": ("battery", 86.0, 3.0, 0.5, 0, 100),
    "waste_station": ("odor_index", 2.2, 1.2, 0.4, 0, 10),
    "wristband_gateway": ("bands_online", 40.0, 6.0, 1.0, 0, 200),
}
FULL = 78.0  # a smart bin is emptied before its fill level reaches the profile's warning (80 %)
# the demo's devices down now did not answer: what the poller's transport reports then
TIMEOUT = PollError(
    ErrorKind.TIMEOUT, "no answer after 2 tries (1.0 s each)", {"tries": 2, "timeout_s": 1.0},
    code="poll.timeout",
)  # fmt: skip
# the status metrics an access gate reads, as a healthy gate answers them (state code 1: ok)
GATE_STATUSES = (
    StatusReading("manual_passage", 1, "ok", "ok"),
    StatusReading("gate_status", 1, "ok", "ok"),
)


def _value(category: str, rng_phase: float, t: datetime) -> float:
    _metric, base, amp, noise, lo, hi = PRIMARY[category]
    hours = t.timestamp() / 3600
    if category == "smart_bin":
        cycle = 20 + 8 * rng_phase  # hours between two collections
        v = ((hours + rng_phase * 50) % cycle) / cycle * FULL
    else:
        v = base + amp * math.sin(2 * math.pi * (hours + rng_phase * 24) / 24)
        # deterministic "noise" from the instant itself
        v += noise * math.sin(hours * 7.13 + rng_phase * 11) * math.cos(hours * 3.71)
    return round(min(hi, max(lo, v)), 2)


def _windows(end: datetime) -> list[tuple[str, datetime, datetime]]:
    path = demo_dir() / "maintenance_windows.csv"
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            try:
                a, b = datetime.fromisoformat(r["from"]), datetime.fromisoformat(r["to"])
            except (KeyError, ValueError):
                continue
            if a.tzinfo and b.tzinfo and a < end:
                out.append((r["target"].strip(), a, b))
    return out


def _timeline(
    start: datetime,
    end: datetime,
    gaps: list[tuple[datetime, datetime]],
    events: list[tuple[str, datetime, datetime]],
) -> list[tuple[str, datetime, datetime | None]]:
    """Spans from overlapping events: unknown (gaps) > down > degraded > up."""
    points = {start, end}
    for a, b in gaps:
        points |= {max(start, a), min(end, b)}
    for _, a, b in events:
        points |= {max(start, a), min(end, b)}
    cuts = sorted(p for p in points if start <= p <= end)
    spans: list[list[Any]] = []
    for a, b in itertools.pairwise(cuts):
        mid = a + (b - a) / 2
        if any(ga <= mid < gb for ga, gb in gaps):
            h = "unknown"
        elif any(k == "down" and ea <= mid < eb for k, ea, eb in events):
            h = "down"
        elif any(k == "degraded" and ea <= mid < eb for k, ea, eb in events):
            h = "degraded"
        else:
            h = "up"
        if spans and spans[-1][0] == h:
            spans[-1][2] = b
        else:
            spans.append([h, a, b])
    if spans:
        spans[-1][2] = None  # the current span lasts
    return [(h, a, b) for h, a, b in spans]


def load_health_history(services: Services, actor: Actor, report: DemoReport) -> None:
    """The demo step: write the synthetic history (see the module docstring)."""
    now = services.clock.now()
    end = floor_to(now, FIVE_MIN)
    start = floor_to(end - timedelta(days=DAYS), HOUR)
    day = timedelta(days=1)
    gaps = [
        (
            start + 12 * day + timedelta(hours=18),
            start + 12 * day + timedelta(hours=20, minutes=30),
        ),
        (start + 23 * day + timedelta(hours=5), start + 23 * day + timedelta(hours=5, minutes=40)),
    ]
    windows = _windows(end)
    spans_rows: list[dict[str, Any]] = []
    rollups: dict[int, list[BucketIn]] = {HOUR: [], FIVE_MIN: []}
    samples: list[PointIn] = []
    states: list[dict[str, Any]] = []
    down_now: list[tuple[int, str, datetime]] = []
    indices = {code: ProfileIndex(p) for code, p in services.monitoring.profiles.items()}
    with services.db.write() as s:
        communities = {c.id: c.name for c in accounts_repo.all_communities(s)}
        devices = repo.target_rows(s)
        for dev, _addr, _port, version, _cred, category, _iv, community_id, tag in devices:
            rng = random.Random(f"{SEED}:{tag}")
            index = indices.get(category)
            metric = "probe_rtt" if version == "none" else PRIMARY[category][0]
            events: list[tuple[str, datetime, datetime]] = []
            for target, a, b in windows:
                if target in (tag, communities.get(community_id)):
                    events.append(("down", a, b))  # worked on: off, but inside the window
            if rng.random() < 0.3:
                a = start + timedelta(minutes=rng.randrange(0, DAYS * 24 * 60 - 600))
                events.append(("down", a, a + timedelta(minutes=rng.randrange(15, 360))))
            for _ in range(rng.choice((0, 0, 1, 2))):
                a = start + timedelta(minutes=rng.randrange(0, DAYS * 24 * 60 - 900))
                events.append(("degraded", a, a + timedelta(minutes=rng.randrange(30, 720))))
            fate = rng.random()
            if fate < 0.03:
                events.append(("down", end - timedelta(minutes=rng.randrange(20, 600)), end))
            elif fate < 0.08 and metric != "probe_rtt" and index is not None:
                # (a camera checked by its probe alone reads no metric with a threshold)
                events.append(("degraded", end - timedelta(minutes=rng.randrange(20, 900)), end))
            timeline = _timeline(start, end, gaps, events)
            for h, starts_at, ends_at in timeline:
                spans_rows.append(
                    {"device_id": dev, "health": h, "starts_at": starts_at, "ends_at": ends_at}
                )
            health, since, _ = timeline[-1]
            phase = rng.random()
            last_poll = end - timedelta(seconds=rng.randrange(5, 60))
            starts = [a for _, a, _ in timeline]
            degradation = (
                Degradation(index, category, rng)
                if health == "degraded" and index is not None
                else None
            )
            # the main metric is the one it is degraded by: it reads beyond the bound since then
            beyond = degradation if degradation and degradation.metric == metric else None

            def measured(t: datetime, tl: list[Any] = timeline, st: list[Any] = starts) -> bool:
                return tl[bisect_right(st, t) - 1][0] in ("up", "degraded")

            def value(
                t: datetime,
                c: str = category,
                p: float = phase,
                m: str = metric,
                d: Degradation | None = beyond,
                from_: datetime = since,
            ) -> float:
                if d is not None and t >= from_:
                    return d.at(t)
                if m == "probe_rtt":
                    return round(6 + 4 * abs(math.sin(t.timestamp() / 5000 + p * 9)), 2)
                return _value(c, p, t)

            t = start
            while t < end:
                if measured(t):
                    v = value(t + timedelta(minutes=30))
                    spread = abs(v) * 0.04 + 0.1
                    lo, hi = round(v - spread, 2), round(v + spread, 2)
                    rollups[HOUR].append(_rollup(dev, metric, t, [lo, v, hi], 60))
                t += timedelta(hours=1)
            t = end - timedelta(hours=6)
            while t < end:
                if measured(t):
                    vals = [value(t), value(t + timedelta(minutes=4))]
                    rollups[FIVE_MIN].append(_rollup(dev, metric, t, vals, 5))
                t += timedelta(minutes=5)
            t = end - timedelta(hours=1)
            while t < last_poll:
                if measured(t):
                    samples.append((dev, metric, int(t.timestamp()), value(t), None))
                t += timedelta(minutes=1)
            if health == "down":
                down_now.append((dev, tag, since))
            # the last poll, evaluated as the poller evaluates one: health, causes, summary
            reading = (metric, value(last_poll)) if health != "down" else None
            state, rows = _last_poll(
                index, dev, tag, category, last_poll, health, reading, degradation
            )
            samples += rows
            state |= {
                "health": health,
                "health_since": since,
                "last_ok_at": since if health == "down" else last_poll,
            }
            states.append(state)
        repo.insert_spans(s, spans_rows)
        write_history(s, samples, {r: rows for r, rows in rollups.items()})
        repo.update_states(s, states)
        bounds = [start, *[x for g in gaps for x in g], end]
        for a, b in zip(bounds[::2], bounds[1::2], strict=True):
            s.add(
                PollerRun(
                    host="demo-console", started_at=a, heartbeat_at=b, stopped_at=b,
                    last_cycle_json="{}",
                )
            )  # fmt: skip
        # the debouncer's state of each open alarm, as the poller that opened it left it: the
        # first good polls of a live poller (the demo's agent answers) clear it
        repo.save_rule_states(
            s,
            [
                {"device_id": dev, "rule": "unreachable", "failing": 0, "passing": 0,
                 "active": True, "level": "critical"}
                for dev, _tag, _since in down_now
            ],
            [],
            [],
        )  # fmt: skip
        for dev, tag, since in down_now:
            alarms.open_alarm(
                s,
                now=since + timedelta(minutes=3),
                device_id=dev,
                asset_tag=tag,
                rule="unreachable",
                severity="critical",
                message=unreachable(tag, PollResult(dev, False, since, error=TIMEOUT)),
            )
    report.add(
        "health history",
        f"{len(spans_rows)} health spans over {DAYS} days for {len(devices)} devices, "
        f"{sum(len(r) for r in rollups.values())} rollups, {len(samples)} samples, {len(down_now)} devices down now "
        "(synthetic demo data)",
    )


def _rollup(dev: int, metric: str, start: datetime, vals: list[float], count: int) -> BucketIn:
    """A bucket of ``count`` samples whose mean is that of ``vals`` (rounded as shown)."""
    avg = round(sum(vals) / len(vals), 3)
    return (
        dev,
        metric,
        int(start.timestamp()),
        float(count),
        min(vals),
        max(vals),
        round(avg * count, 6),
    )


class Degradation:
    """How a device degraded now reads: the thresholded metric it is degraded by (its main
    metric when that can cross a bound, else the profile's first other one that does not
    make the device down) and the value it reads, beyond the bound its profile degrades at."""

    def __init__(self, index: ProfileIndex, category: str, rng: random.Random) -> None:
        primary, *_, lo, hi = PRIMARY[category]

        def bounds(name: str) -> tuple[float, float] | None:
            rule = index.rules[name]
            if rule.warning is None or rule.critical is None:
                return None
            return rule.warning, rule.critical

        names = [n for n in index.rules if n not in index.down and bounds(n) is not None]
        main = bounds(primary) if primary in names else None
        if main is not None and lo <= main[0] <= hi:  # the demo's scale can reach that bound
            names.insert(0, names.pop(names.index(primary)))
        elif primary in names:
            names.remove(primary)
        self.metric = names[0]
        warning, critical = bounds(self.metric) or (0.0, 0.0)
        bound = critical if index.degraded_at >= Level.CRITICAL else warning
        gap = abs(critical - warning)
        sign = -1 if index.rules[self.metric].direction == "below" else 1
        self.value = round(bound + sign * gap * rng.uniform(0.2, 0.8), 1)
        self.wobble = gap * 0.1  # stays beyond the bound (it is at least 0.2 gap away)
        self.table, _, self.column = self.metric.rpartition(".")
        self.row = str(rng.randrange(1, 60)) if self.table else None

    def at(self, t: datetime) -> float:
        return round(self.value + self.wobble * math.sin(t.timestamp() / 900), 2)

    def samples(self, index: ProfileIndex, t: datetime) -> tuple[Sample, ...]:
        """The reading as the poller returns it (a table row with its name: band B-017)."""
        if self.row is None:
            return (Sample(self.metric, self.at(t)),)
        table = next(x for x in index.profile.tables if x.key == self.table)
        name = table.columns[0].key
        return (
            Sample(self.metric, self.at(t), index=self.row),
            Sample(f"{self.table}.{name}", None, f"B-{int(self.row):03d}", index=self.row),
        )


def _last_poll(
    index: ProfileIndex | None,
    dev: int,
    tag: str,
    category: str,
    at: datetime,
    health: str,
    reading: tuple[str, float] | None,
    degradation: Degradation | None,
) -> tuple[dict[str, Any], list[PointIn]]:
    """The device's state row and the samples of its last poll (at ``at``), as the poller's
    evaluation makes them of what the synthetic history says the device read then."""
    if health == "down":
        result = PollResult(dev, False, at, error=TIMEOUT)
    else:
        samples: tuple[Sample, ...] = (Sample(*reading),) if reading is not None else ()
        if degradation is not None and index is not None:
            if reading is not None and reading[0] == degradation.metric:
                samples = ()
            samples += degradation.samples(index, at)
        statuses = GATE_STATUSES if category == "access_gate" and reading is not None else ()
        result = PollResult(dev, True, at, samples, statuses)
    ev = evaluate(index, result, {}, tag)
    if ev.health.value != health:  # a generator error: the demo would contradict its poller
        raise RuntimeError(f"demo {tag}: history says {health}, its last poll {ev.health.value}")
    epoch = int(at.timestamp())
    rows: list[PointIn] = [(dev, name, epoch, v, text) for name, v, text in ev.rows]
    error = None
    if not result.ok:
        assert result.error is not None
        error = result.error.message().dumps()
    summary = {**ev.summary, "levels": ev.levels}  # as ingest.store keeps it
    state = {
        "b_id": dev,
        "last_poll_at": at,
        "last_error": error,
        "consecutive_failures": 0,
        "summary_json": json.dumps(summary, ensure_ascii=False),
    }
    return state, rows
