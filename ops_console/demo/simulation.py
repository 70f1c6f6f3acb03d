"""What the demo's simulated devices answer, and when they fail: pure, given simulated seconds.

Each device answers its profile's OIDs (resources/profiles/*.toml) with plausible values:
statuses in their ``ok`` state, gauges on the good side of their thresholds with a slow
wobble, counters that grow, tables with a few rows. A short script of faults repeats every
``SCRIPT_PERIOD_S`` so a newcomer who presses "Start poller" sees, within minutes, an alarm
open, its work order raised and, later, the device recover:

* a gate (``HB-GATE-003``, the north gate's manual lane) loses its manual passage for five
  minutes: a compliance alarm;
* a smart bin (``HB-BIN-001``) fills up and is emptied 40 minutes in: a cleaning order;
* a wristband (row 3 of ``HB-BAND-001``) runs low on battery and is recharged;
* an elderly resident presses SOS (row 7 of ``HB-BAND-002``): a trap, hence a care alert.

Nothing here does I/O: ``agent.py`` answers the network with these values.
"""

from __future__ import annotations

import math
import zlib
from bisect import bisect_right
from dataclasses import dataclass

from ..polling import ber
from ..polling.profiles import MetricSpec, Profile

SCRIPT_PERIOD_S = 3600.0
BANDS_PER_GATEWAY = 12
INTERFACES = 4
UPTIME_OID = "1.3.6.1.2.1.1.3.0"
SNMP_TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0"


@dataclass(frozen=True)
class Fault:
    """One scripted fault: device (asset tag), what fails, from and to (simulated seconds
    into each period of the script)."""

    tag: str
    kind: str  # manual_passage, fill_up, band_battery, sos
    start_s: float
    end_s: float
    row: int = 0


DEFAULT_SCRIPT: tuple[Fault, ...] = (
    Fault("HB-GATE-003", "manual_passage", 0.0, 300.0),
    Fault("HB-BAND-002", "sos", 90.0, 600.0, row=7),
    Fault("HB-BAND-001", "band_battery", 0.0, 1800.0, row=3),
    Fault("HB-BIN-001", "fill_up", 0.0, 2400.0),
)


def _key(oid: str) -> tuple[int, ...]:
    return tuple(int(x) for x in oid.split("."))


def _phase(seed: str) -> float:
    """A number in [0, 1) fixed per device: devices differ, runs repeat."""
    return zlib.crc32(seed.encode()) / 0xFFFFFFFF


def _good_value(spec: MetricSpec, phase: float, t: float) -> float:
    """A plausible reading on the good side of the metric's thresholds."""
    wobble = math.sin(2 * math.pi * (t / 900.0 + phase))
    th = spec.threshold
    lo = spec.valid_min if spec.valid_min is not None else 0.0
    hi = spec.valid_max if spec.valid_max is not None else 100.0
    if th is not None and th.warning is not None:
        if th.direction == "above":
            base = lo + (th.warning - lo) * (0.45 + 0.15 * phase)
            return base + 0.05 * (th.warning - lo) * wobble
        base = th.warning + (min(hi, th.warning * 5) - th.warning) * (0.5 + 0.3 * phase)
        return base + 0.03 * (hi - th.warning) * wobble
    mid = lo + (min(hi, lo + 100.0) - lo) * (0.3 + 0.4 * phase)
    return mid * (1 + 0.05 * wobble)


class SimDevice:
    """One simulated device: its OIDs, in order, and their values at a simulated instant.

    Attributes:
        tag: the asset tag (for the script), ``category`` its profile code.
        faults: the scripted faults of this device.
    """

    def __init__(self, tag: str, profile: Profile, faults: tuple[Fault, ...] = ()) -> None:
        self.tag = tag
        self.category = profile.code
        self.profile = profile
        self.faults = faults
        self.phase = _phase(tag)
        self._specs: dict[str, tuple[MetricSpec, int]] = {}  # oid → (spec, table row or 0)
        for spec in profile.metrics:
            self._specs[spec.oid] = (spec, 0)
        self._specs.setdefault(UPTIME_OID, (MetricSpec("uptime", UPTIME_OID, "gauge"), 0))
        for table in profile.tables:
            rows = BANDS_PER_GATEWAY if table.key == "bands" else INTERFACES
            for col in table.columns:
                for row in range(1, rows + 1):
                    self._specs[f"{col.oid}.{row}"] = (col, row)
        self.oids = sorted(self._specs, key=_key)
        self._keys = [_key(o) for o in self.oids]

    # the script ------------------------------------------------------------------------
    def active(self, kind: str, t: float, row: int = 0) -> Fault | None:
        """The fault of ``kind`` (on ``row``) active at ``t``, if any."""
        at = t % SCRIPT_PERIOD_S
        for f in self.faults:
            if f.kind == kind and f.row == row and f.start_s <= at < f.end_s:
                return f
        return None

    # values ----------------------------------------------------------------------------
    def value(self, oid: str, t: float) -> ber.Value:
        """The value of ``oid`` at ``t`` simulated seconds, or noSuchObject."""
        hit = self._specs.get(oid)
        if hit is None:
            return ber.Value(ber.NO_SUCH_OBJECT, None)
        spec, row = hit
        if oid == UPTIME_OID:
            return ber.Value(ber.TIMETICKS, int((86400 * (3 + 40 * self.phase) + t) * 100))
        if spec.kind == "status":
            return ber.Value(ber.INTEGER, self._status(spec, row, t))
        if spec.kind == "counter":
            rate = self._rate(spec, row)
            return ber.Value(ber.COUNTER32, int(1000 + t * rate) % 2**32)
        if spec.kind == "text":
            label = f"{self.tag}-{row:02d}" if spec.key == "band_id" else f"eth{row - 1}"
            return ber.Value(ber.OCTET_STRING, label.encode())
        reading = self._gauge(spec, row, t)
        raw = reading / spec.scale if spec.scale else reading
        if spec.valid_min is not None and spec.valid_min < 0:
            return ber.Value(ber.INTEGER, round(raw))
        return ber.Value(ber.GAUGE32, max(0, round(raw)))

    def _rate(self, spec: MetricSpec, row: int) -> float:
        """Counts per second: errors far below their threshold, octets in kilobytes."""
        phase = (self.phase + row * 0.137) % 1.0
        if spec.threshold is not None and spec.threshold.warning is not None:
            return spec.threshold.warning * 0.05 * phase
        if spec.unit.startswith("B"):
            return 20_000.0 * (0.5 + phase)
        return 0.2 + 2.0 * phase

    def _status(self, spec: MetricSpec, row: int, t: float) -> int:
        if spec.key == "manual_passage" and self.active("manual_passage", t):
            return 2  # failed: a compliance fault
        if spec.key == "sos" and self.active("sos", t, row):
            return 2  # active
        ok = [s.value for s in spec.states if s.severity == "ok"]
        return ok[0] if ok else 1

    def _gauge(self, spec: MetricSpec, row: int, t: float) -> float:
        phase = (self.phase + row * 0.137) % 1.0
        if spec.key == "fill_level" and self.category == "smart_bin":
            fault = self.active("fill_up", t)
            at = t % SCRIPT_PERIOD_S
            if fault is not None:  # fills from 70 % by 1.5 points a minute, then overflows
                return min(100.0, 70.0 + (at - fault.start_s) / 60.0 * 1.5)
            return 10.0 + 30.0 * phase  # emptied
        if spec.key == "battery" and row and self.active("band_battery", t, row):
            fault = self.active("band_battery", t, row)
            assert fault is not None
            return max(2.0, 24.0 - ((t % SCRIPT_PERIOD_S) - fault.start_s) / 60.0)
        if spec.key == "bands_total":
            return float(BANDS_PER_GATEWAY)
        if spec.key == "bands_online":
            return float(BANDS_PER_GATEWAY - (1 if phase > 0.7 else 0))
        if spec.key == "last_seen":
            return 5.0 + 100.0 * phase
        return _good_value(spec, phase, t)

    # walking ---------------------------------------------------------------------------
    def next_oid(self, oid: str) -> str | None:
        """The first OID after ``oid`` in this device's MIB view, or None at its end."""
        try:
            k = _key(oid)
        except ValueError:
            return self.oids[0] if self.oids else None
        i = bisect_right(self._keys, k)
        return self.oids[i] if i < len(self.oids) else None

    # traps -----------------------------------------------------------------------------
    def trap_due(self, before: float, after: float) -> Fault | None:
        """An SOS fault that began in (before, after]: its trap is sent once."""
        for f in self.faults:
            if f.kind != "sos":
                continue
            lo, hi = before % SCRIPT_PERIOD_S, after % SCRIPT_PERIOD_S
            began = (lo < f.start_s <= hi) if lo <= hi else (f.start_s > lo or f.start_s <= hi)
            if began and after - before < SCRIPT_PERIOD_S:
                return f
        return None

    def sos_trap(self, fault: Fault, t: float) -> tuple[tuple[str, ber.Value], ...]:
        """The varbinds of an SOS trap: uptime, the trap's OID, the band's id."""
        trap = next(m for m in self.profile.traps if m.rule == "sos")
        subject = trap.subject_oid or ""
        return (
            (UPTIME_OID, self.value(UPTIME_OID, t)),
            (SNMP_TRAP_OID, ber.Value(ber.OBJECT_ID, trap.oid)),
            (f"{subject}.{fault.row}", self.value(f"{subject}.{fault.row}", t)),
        )
