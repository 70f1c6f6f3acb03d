"""From one poll result to health, alarm-rule verdicts, a summary and rows to store.

Pure: the profile, the result and the previous threshold levels go in; nothing is read
from or written to the database here (``ingest.store`` does that).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, NamedTuple

from ....domain.health import (
    LEVEL_NAMES,
    LEVELS_BY_NAME,
    Cause,
    Health,
    Level,
    ThresholdRule,
    evaluate_threshold,
    health_causes,
    health_of_levels,
)
from ....domain.messages import Localized, Msg
from ....polling.profiles import MetricSpec, Profile
from ....polling.results import PollResult, Sample, StatusReading

UNREACHABLE = "unreachable"
STALE = "stale_data"
MAX_METRIC_LEN = 64


class Verdict(NamedTuple):
    """One alarm rule's reading in one poll (``failing=None``: no verdict, e.g. no data).

    ``what`` is its message, or what makes it: most verdicts pass and never open an alarm,
    so a threshold's or a status's message is written only when it is read (``message``).
    A named tuple: made several times per poll, it is made faster than a frozen dataclass.
    """

    rule: str
    failing: bool | None
    severity: Level
    what: Msg | Callable[[], Msg] | None
    work_kind: str = "repair"

    @property
    def message(self) -> Msg | None:
        what = self.what
        return what() if callable(what) else what


# a device that answered: its unreachable rule passes (one verdict, immutable, for every poll)
_REACHED = Verdict(UNREACHABLE, False, Level.CRITICAL, None)


@dataclass
class Evaluation:
    """What one poll result means for its device."""

    health: Health
    levels: dict[str, str]
    summary: dict[str, Any]
    verdicts: list[Verdict]
    rows: list[tuple[str, float | None, str | None]] = field(default_factory=list)


_NO_RULES: dict[str, ThresholdRule] = {}


def _level(name: str) -> Level:
    """A stored level's name (``warning``) → its Level."""
    level = LEVELS_BY_NAME.get(name)
    return level if level is not None else Level.parse(name)


def _severity_level(name: str) -> Level | None:
    try:
        return Level.parse(name)
    except KeyError:
        return None  # "unknown": the status could not be read


class ProfileIndex:
    """Fast look-ups into a profile: metric name (``bands.battery``) → spec, rule → work kind."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.specs: dict[str, MetricSpec] = {m.key: m for m in profile.metrics}
        for t in profile.tables:
            for c in t.columns:
                self.specs[f"{t.key}.{c.key}"] = c
        self.rules: dict[str, ThresholdRule] = {
            name: ThresholdRule(
                spec.threshold.direction,
                spec.threshold.warning,
                spec.threshold.critical,
                spec.threshold.hysteresis,
            )
            for name, spec in self.specs.items()
            if spec.threshold is not None
        }
        self.work_kinds = {t.rule: t.work_kind for t in profile.traps if t.action == "alarm"}
        # metric with a threshold → its alarm rule's name and work kind
        self.rule_of: dict[str, tuple[str, str]] = {
            name: (self.specs[name].rule, self.work_kind(self.specs[name].rule))
            for name in self.rules
        }
        self.down = profile.health.down_metrics
        self.down_set = frozenset(self.down)
        self.degraded_at = Level.parse(profile.health.degraded_at)
        # stored metric name → its kind, as ``kind`` learns them (read directly in the store)
        self.kinds: dict[str, str | None] = {}

    def kind(self, name: str) -> str | None:
        """The profile's kind of a stored metric name (``bands.battery[2]`` → its column's),
        looked up once per name."""
        try:
            return self.kinds[name]
        except KeyError:
            spec = self.specs.get(name.split("[", 1)[0])
            kind = self.kinds[name] = spec.kind if spec is not None else None
            return kind

    def work_kind(self, rule: str) -> str:
        return self.work_kinds.get(rule.split(":", 1)[0], "repair")

    def label(self, metric: str) -> str:
        spec = self.specs.get(metric)
        return (spec.label_en or metric) if spec else metric

    def label_text(self, metric: str) -> Localized:
        """The metric's label in both languages (the profile's ``label_en``/``label_zh``)."""
        spec = self.specs.get(metric)
        if spec is None:
            return Localized(metric, metric)
        en = spec.label_en or metric
        return Localized(en, spec.label_zh or en)

    def state_text(self, metric: str, state: str) -> Localized:
        """A status metric's state in both languages (``failed`` → 故障)."""
        spec = self.specs.get(metric)
        for s in spec.states if spec is not None else ():
            if s.state == state:
                en = s.label_en or state
                return Localized(en, s.label_zh or en)
        return Localized(state, state)


def _row(index: str | None) -> str:
    return f" [{index}]" if index is not None else ""


def metric_name(metric: str, index: str | None) -> str:
    """The stored metric name: ``bands.battery[2]`` for a table row."""
    name = f"{metric}[{index}]" if index is not None else metric
    return name[:MAX_METRIC_LEN]


_Key = tuple[tuple[object, ...], tuple[StatusReading, ...]]


@dataclass(frozen=True, slots=True)
class _Judged:
    """A device's last evaluation whose every verdict passed: what its health and causes
    were read from (``key``: the samples a rule, a problem or a table row makes count, a
    value with a threshold only as read or not, and the status readings), for ``evaluate``
    to reuse while they stay the same and every value with a threshold stays ok."""

    index: ProfileIndex
    label: str
    key: _Key
    health: Health
    causes: tuple[object, ...]  # as the summary has them (JSON)
    statuses: dict[str, str]


class EvalMemo(dict[int, _Judged]):
    """device id → its last evaluation that passed every rule (``evaluate``'s ``memo``).

    ``written``: device id → the summary (JSON) the store last wrote for it that kept a
    threshold level, and those levels, so that a stored summary equal to it is not parsed
    again for them (``ingest.store``)."""

    def __init__(self) -> None:
        super().__init__()
        self.written: dict[int, tuple[str, dict[str, str]]] = {}


def _judged_key(index: ProfileIndex, result: PollResult) -> _Key | None:
    """What a passing evaluation of ``result`` is read from, or None when a value with a
    threshold is not ok from level ok (it would not pass). A value with a threshold counts
    only as read or not: from level ok, any ok value judges the same (no level, a passing
    verdict, the metric ok for the health), so a gauge moving within its ok band is not
    evaluated again."""
    rules = index.rules
    parts: list[object] = []
    for s in result.samples:
        rule = rules.get(s.metric)
        if rule is not None:
            v = s.value
            if v is not None and not rule.ok_from_ok(v):
                return None  # warning or worse (or NaN): evaluated
            parts.append((s.metric, v is None, s.text, s.index, s.problem))
        elif s.problem or s.index is not None:
            parts.append(s)
    return tuple(parts), result.statuses


def evaluate(
    index: ProfileIndex | None,
    result: PollResult,
    previous_levels: Mapping[str, str],
    label: str,
    memo: EvalMemo | None = None,
    settled: bool = False,
) -> Evaluation:
    """Derive health and verdicts from one poll of the device ``label`` (its asset tag).

    With a ``memo`` and ``settled`` (the device has no alarm rule state: every rule closed
    and passing), a good result whose rule inputs (the status readings, the problems, the
    table rows, which values with a threshold were read) equal those of the device's last
    evaluation that passed every rule, with no threshold level kept and every value with a
    threshold ok from level ok, is not evaluated again: the same health and causes, and no
    verdict (each would pass again with no state to advance, which writes nothing); its
    values, metrics and summary are read as ever. Values no rule reads (an uptime, a rate
    without a threshold, the latency) do not count, nor a value with a threshold moving
    within its ok band (a fill level from 42 % to 43 %).
    """
    if memo is not None and result.ok and index is not None:
        key = _judged_key(index, result)
        last = memo.get(result.device_id)
        if (
            key is not None
            and settled
            and not previous_levels
            and last is not None
            and last.key == key
            and last.index is index
            and last.label == label
        ):
            return _again(last, result)
        ev = evaluate(index, result, previous_levels, label)
        if key is not None and not ev.levels and all(v.failing is False for v in ev.verdicts):
            memo[result.device_id] = _Judged(
                index,
                label,
                key,
                ev.health,
                tuple(ev.summary.get("causes", ())),
                ev.summary.get("status", {}),
            )
        else:
            memo.pop(result.device_id, None)
        return ev
    if not result.ok:
        return Evaluation(
            Health.DOWN,
            dict(previous_levels),  # keep hysteresis state across an outage
            {"error": str(result.error)},
            [Verdict(UNREACHABLE, True, Level.CRITICAL, unreachable(label, result))],
        )
    verdicts = [_REACHED]
    levels: dict[str, str] = {}
    states: dict[str, Level | None] = {}
    metrics: dict[str, Any] = {}
    statuses: dict[str, str] = {}
    table_rows: dict[str, set[str]] = {}
    rows: list[tuple[str, float | None, str | None]] = []
    readings: list[Cause] = []  # what the health may be for, per row (see health_causes)
    rules = index.rules if index is not None else _NO_RULES
    for s in result.samples:
        name = _read(s, rows, metrics, table_rows)
        metric, value = s.metric, s.value
        if value is None:
            if s.problem and not s.problem.startswith("first reading"):  # no rate yet
                states.setdefault(metric, None)
                readings.append(Cause(metric, None, s.index))
            continue
        rule = rules.get(metric)
        if rule is None:
            continue
        assert index is not None
        previous = Level.OK
        if previous_levels:
            previous_name = previous_levels.get(name)
            if previous_name is not None:
                previous = _level(previous_name)
        level = evaluate_threshold(rule, value, previous)
        if level is not Level.OK:
            levels[name] = LEVEL_NAMES[level]
            bound = rule.critical if level >= Level.CRITICAL else rule.warning
            readings.append(Cause(metric, level, s.index, round(value, 3), bound))
        now = states.get(metric, Level.OK)
        if now is not None and level > now:
            states[metric] = level
        elif metric not in states:
            states[metric] = Level.OK
        spec_rule, work_kind = index.rule_of[metric]
        rule_name = spec_rule if s.index is None else f"{spec_rule}:{s.index}"
        verdicts.append(
            Verdict(
                rule_name[:MAX_METRIC_LEN],
                level >= Level.WARNING,
                level,
                partial(_threshold_message, index, label, metric, s.index, value, level),
                work_kind,
            )
        )
    for st in result.statuses:
        st_level = LEVELS_BY_NAME.get(st.severity)
        if st_level is None:
            st_level = _severity_level(st.severity)
        if st.index is None and st.state is not None:
            statuses[st.metric] = st.state
        if st_level is None:
            states.setdefault(st.metric, None)
            readings.append(Cause(st.metric, None, st.index))
            continue
        if st_level > Level.OK:
            readings.append(Cause(st.metric, st_level, st.index, st.state or st.code))
        now = states.get(st.metric, Level.OK)
        if now is not None and st_level > now:
            states[st.metric] = st_level
        elif st.metric not in states:
            states[st.metric] = Level.OK
        rule_name = st.alarm or st.metric
        if st.index is not None:
            rule_name = f"{rule_name}:{st.index}"
        verdicts.append(
            Verdict(
                rule_name[:MAX_METRIC_LEN],
                st_level > Level.OK,
                st_level,
                partial(_status_message, index, label, st),
                index.work_kind(rule_name) if index else "repair",
            )
        )
    causes: tuple[Cause, ...] = ()
    if index is not None and readings and table_rows:
        readings = _named_rows(index, result, readings)
    if index is not None:
        missing_is_degraded = index.profile.health.missing_is_degraded
        health = health_of_levels(
            states.items(), index.down_set, index.degraded_at, missing_is_degraded
        )
        if health is not Health.UP and readings:
            causes = health_causes(
                health,
                readings,
                down_metrics=index.down,
                degraded_at=index.degraded_at,
                missing_is_degraded=missing_is_degraded,
            )
    else:
        health = Health.UP
    summary = _summary(result, metrics, [c.to_json() for c in causes], statuses, table_rows)
    return Evaluation(health, levels, summary, verdicts, rows)


def _again(last: _Judged, result: PollResult) -> Evaluation:
    """``evaluate``'s result for rule inputs as last judged: only values and the summary."""
    metrics: dict[str, Any] = {}
    table_rows: dict[str, set[str]] = {}
    rows: list[tuple[str, float | None, str | None]] = []
    for s in result.samples:
        _read(s, rows, metrics, table_rows)
    summary = _summary(result, metrics, list(last.causes), last.statuses, table_rows)
    return Evaluation(last.health, {}, summary, [], rows)


def _read(
    s: Sample,
    rows: list[tuple[str, float | None, str | None]],
    metrics: dict[str, Any],
    table_rows: dict[str, set[str]],
) -> str:
    """Keep sample ``s``'s value: a row to store, the summary's metric (a table's row counted
    instead); its series name back."""
    name = metric_name(s.metric, s.index)
    if s.value is not None or s.text is not None:
        rows.append((name, s.value, s.text))
    if s.index is not None:
        table_rows.setdefault(s.metric.split(".", 1)[0], set()).add(s.index)
    elif s.value is not None:
        metrics[s.metric] = round(s.value, 3)
    elif s.text is not None:
        metrics[s.metric] = s.text
    return name


def _summary(
    result: PollResult,
    metrics: dict[str, Any],
    causes: list[Any],
    statuses: Mapping[str, str],
    table_rows: dict[str, set[str]],
) -> dict[str, Any]:
    """A device state's summary: its metrics, the causes of its health (as JSON), status
    readings, table row counts, the first problems and the latency."""
    summary: dict[str, Any] = {"metrics": metrics}
    if causes:
        summary["causes"] = causes
    if statuses:
        summary["status"] = statuses
    if table_rows:
        summary["rows"] = {k: len(v) for k, v in table_rows.items()}
    if result.problems:
        summary["problems"] = list(result.problems[:5])
    if result.latency_ms is not None:
        summary["latency_ms"] = round(result.latency_ms, 1)
    return summary


def _named_rows(index: ProfileIndex, result: PollResult, readings: list[Cause]) -> list[Cause]:
    """Table rows named by their table's first text column (a band's ``B-017``), if read."""
    first_text = {
        t.key: f"{t.key}.{c.key}"
        for t in index.profile.tables
        for c in t.columns[:1]
        if c.kind == "text"
    }
    names = {
        (table, s.index): s.text
        for s in result.samples
        if s.index is not None
        and s.text
        and first_text.get(table := s.metric.split(".", 1)[0]) == s.metric
    }
    return [
        replace(c, row=names.get((c.metric.split(".", 1)[0], c.row), c.row))
        if c.row is not None
        else c
        for c in readings
    ]


def _threshold_message(
    index: ProfileIndex, label: str, metric: str, row: str | None, value: float, level: Level
) -> Msg:
    return Msg(
        "alarm.threshold",
        {
            "device": label,
            "metric": index.label_text(metric),
            "row": _row(row),
            "value": f"{value:g}",
            "unit": index.specs[metric].unit or "",
            "level": Msg(f"level.{level.name.lower()}"),
        },
    )


def _status_message(index: ProfileIndex | None, label: str, st: StatusReading) -> Msg:
    return Msg(
        "alarm.status",
        {
            "device": label,
            "metric": index.label_text(st.metric) if index else Localized(st.metric, st.metric),
            "row": _row(st.index),
            "state": index.state_text(st.metric, st.state)
            if index and st.state
            else str(st.state or st.code),
        },
    )


def unreachable(device: str, result: PollResult) -> Msg:
    """The message of an unreachable device: its asset tag and the typed poll error."""
    error = result.error.message() if result.error is not None else Msg("poll.timeout_v3")
    return Msg("alarm.unreachable", {"device": device, "error": error})
