"""Raw SNMP values to samples: text, gauges, counters (as rates), status codes, with reasons."""

from __future__ import annotations

import math
from typing import NamedTuple

from ops_console.polling import ber
from ops_console.polling.ber import Value
from ops_console.polling.profiles import MetricSpec
from ops_console.polling.rates import CounterTracker
from ops_console.polling.results import Sample, StatusReading


class Converted(NamedTuple):
    """A sample, and the status reading of a status metric."""

    sample: Sample
    status: StatusReading | None = None


# the common results built with tuple.__new__: a named tuple's own __new__ is a Python function
# with keyword handling, a third of the time of building a sample (the fields in their order)
_new = tuple.__new__


def _decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")  # Chinese devices still send GBK


def convert(spec: MetricSpec, value: Value, *, name: str | None = None, index: str | None = None,
            device_id: int = 0, counters: CounterTracker | None = None, at: float = 0.0,
            restarted: bool = False) -> Converted:  # fmt: skip
    """Turn one raw value into a Sample (and a StatusReading for status metrics)."""
    metric = name or spec.key
    if value.tag in ber.EXCEPTION_TAGS:
        why = {ber.NO_SUCH_OBJECT: "noSuchObject: the agent does not implement",
               ber.NO_SUCH_INSTANCE: "noSuchInstance: no such instance of",
               ber.END_OF_MIB_VIEW: "endOfMibView at"}[value.tag]  # fmt: skip
        return _problem(spec, metric, index, f"{why} {spec.oid}")
    if spec.kind == "text":
        raw = value.value
        text = _decode_text(raw) if isinstance(raw, bytes) else str(raw)
        return _new(Converted, (_new(Sample, (metric, None, text, index, None)), None))
    if value.tag not in ber.NUMERIC_TAGS:
        shown = value.value
        if isinstance(shown, bytes):
            shown = _decode_text(shown)[:40]
        return _problem(spec, metric, index, f"expected a number, got {value.type_name} {shown!r}")
    raw_int = int(value.value)  # type: ignore[arg-type]
    if spec.kind == "status":
        state = spec.state_of(raw_int)
        if state is None:
            return _problem(spec, metric, index, f"unknown status value {raw_int}", code=raw_int)
        reading = StatusReading(
            metric, raw_int, state.state, state.severity, index, state.alarm or spec.rule
        )
        return _new(
            Converted, (_new(Sample, (metric, float(raw_int), state.state, index, None)), reading)
        )
    if spec.kind == "counter":
        if counters is None:
            return _problem(spec, metric, index, "counter read without a tracker")
        bits = 64 if value.tag == ber.COUNTER64 else spec.counter_bits
        outcome = counters.update(device_id, metric, index, raw_int, at, bits, restarted)
        if outcome.rate is None:
            return Converted(Sample(metric, None, index=index, problem=outcome.problem))
        number = outcome.rate * spec.scale
    else:
        number = raw_int * spec.scale
    if (
        not math.isfinite(number)
        or (spec.valid_min is not None and number < spec.valid_min)
        or (spec.valid_max is not None and number > spec.valid_max)
    ):
        lo = "-∞" if spec.valid_min is None else f"{spec.valid_min:g}"
        hi = "∞" if spec.valid_max is None else f"{spec.valid_max:g}"
        return _problem(
            spec, metric, index, f"absurd value {number:g} {spec.unit} (valid {lo}..{hi})"
        )
    return _new(Converted, (_new(Sample, (metric, number, None, index, None)), None))


def _problem(
    spec: MetricSpec, metric: str, index: str | None, reason: str, code: int | None = None
) -> Converted:
    status = None
    if spec.kind == "status":
        status = StatusReading(metric, code, None, "unknown", index, spec.rule)
    return Converted(Sample(metric, None, index=index, problem=reason), status)
