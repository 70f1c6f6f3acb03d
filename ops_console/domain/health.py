"""Health rules: thresholds with hysteresis, health derivation and the alarm debouncer.

Standard library only. Every state is a small immutable value the caller keeps (and the
monitoring service persists); every function is pure.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum


class Level(IntEnum):
    """A metric's state, ordered by gravity (``compliance`` is the highest alarm severity)."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    COMPLIANCE = 3

    @classmethod
    def parse(cls, name: str) -> Level:
        return cls[name.upper()]


# each level's stored name (``warning``), and back (``Level.parse`` for any other spelling)
LEVEL_NAMES: dict[Level, str] = {level: level.name.lower() for level in Level}
LEVELS_BY_NAME: dict[str, Level] = {name: level for level, name in LEVEL_NAMES.items()}


class Health(StrEnum):
    """A device's health. ``unknown`` is neither up nor down (poller off, site cut off)."""

    UP = "up"
    DEGRADED = "degraded"
    DOWN = "down"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ThresholdRule:
    """Warning/critical entry levels; a state clears only ``hysteresis`` back past its level.

    For ``direction="above"`` a value enters warning at ``>= warning`` and leaves it at
    ``< warning - hysteresis``; ``below`` mirrors it.
    """

    direction: str
    warning: float | None
    critical: float | None
    hysteresis: float = 0.0

    def __post_init__(self) -> None:
        if self.direction not in ("above", "below"):
            raise ValueError(f"direction must be 'above' or 'below', not {self.direction!r}")
        if self.hysteresis < 0:
            raise ValueError("hysteresis must not be negative")
        # the values that stay ok from level ok: short of the lowest bound (``above``) or of
        # the highest (``below``); no hysteresis applies from ok
        bounds = [b for b in (self.warning, self.critical) if b is not None]
        ok_short_of = (
            (min(bounds) if self.direction == "above" else max(bounds)) if bounds else None
        )
        object.__setattr__(self, "_ok_short_of", ok_short_of)

    def ok_from_ok(self, value: float) -> bool:
        """Whether ``value`` keeps a metric at level ok, in one comparison (the store judges
        thousands a second): ``evaluate_threshold(self, value, Level.OK) is Level.OK``, but
        False for NaN, which is left to that function's walk over the levels."""
        bound: float | None = self._ok_short_of  # type: ignore[attr-defined]
        if bound is None:
            return True
        return value < bound if self.direction == "above" else value > bound


def _beyond(rule: ThresholdRule, value: float, level: float, margin: float) -> bool:
    """Whether ``value`` is past ``level`` (shifted back by ``margin``) on the bad side."""
    if rule.direction == "above":
        return value >= level - margin
    return value <= level + margin


def evaluate_threshold(
    rule: ThresholdRule, value: float | None, previous: Level = Level.OK
) -> Level:
    """Return the new level of a value given the previous level (hysteresis on the way down).

    ``None`` (no reading) keeps the previous level: missing data is reported separately.
    """
    if value is None:
        return previous
    if previous is Level.OK and rule.ok_from_ok(value):
        return Level.OK
    for level, bound in ((Level.CRITICAL, rule.critical), (Level.WARNING, rule.warning)):
        if bound is None:
            continue
        # Staying in (or above) a level only needs the value within the hysteresis band.
        margin = rule.hysteresis if previous >= level else 0.0
        if _beyond(rule, value, bound, margin):
            return level
    return Level.OK


@dataclass(frozen=True)
class MetricState:
    """A metric's evaluated level for health derivation.

    Attributes:
        metric: metric key (``fill_level``, ``bands.battery``).
        level: the evaluated level, or ``None`` when the metric could not be read.
    """

    metric: str
    level: Level | None


def derive_health(
    reachable: bool | None,
    states: Iterable[MetricState],
    *,
    down_metrics: Iterable[str] = (),
    degraded_at: Level = Level.WARNING,
    missing_is_degraded: bool = True,
) -> Health:
    """Health from one poll: unknown when not polled, down when unreachable, else by metrics.

    Args:
        reachable: ``True`` when the device answered, ``False`` when it did not, ``None`` when
            it was not polled at all (poller stopped, site network cut).
        states: the metric levels of that poll.
        down_metrics: metrics whose critical (or worse) level makes the device down.
        degraded_at: the level from which any metric makes the device degraded.
        missing_is_degraded: whether an unreadable metric degrades the device.
    """
    if reachable is None:
        return Health.UNKNOWN
    if not reachable:
        return Health.DOWN
    return health_of_levels(
        ((st.metric, st.level) for st in states),
        set(down_metrics),
        degraded_at,
        missing_is_degraded,
    )


def health_of_levels(
    levels: Iterable[tuple[str, Level | None]],
    down: Container[str],
    degraded_at: Level = Level.WARNING,
    missing_is_degraded: bool = True,
) -> Health:
    """:func:`derive_health` of a device that answered, from ``(metric, level)`` pairs (a
    dict's items) and the down metrics as a set: no ``MetricState`` made per metric, for
    the store, which derives thousands a second."""
    health = Health.UP
    for metric, level in levels:
        if level is None:
            if missing_is_degraded:
                health = Health.DEGRADED
            continue
        if level >= Level.CRITICAL and metric in down:
            return Health.DOWN
        if level >= degraded_at:
            health = Health.DEGRADED
    return health


@dataclass(frozen=True)
class Cause:
    """One reading behind a health: a metric (and table row) at a level, or unreadable.

    Codes and numbers only (the UI words them): ``level`` ``None`` means unreadable,
    ``value`` is the reading (a number, or a status metric's state code) and ``threshold``
    the bound its level was entered at, when known.
    """

    metric: str
    level: Level | None
    row: str | None = None
    value: float | str | None = None
    threshold: float | None = None

    def to_json(self) -> dict[str, object]:
        """The stored form: ``{"metric", "level"}`` plus the row, value and threshold if any."""
        level = self.level
        out: dict[str, object] = {
            "metric": self.metric,
            "level": LEVEL_NAMES[level] if level is not None else "unreadable",
        }
        if self.row is not None:
            out["row"] = self.row
        if self.value is not None:
            out["value"] = self.value
        if self.threshold is not None:
            out["threshold"] = self.threshold
        return out

    @classmethod
    def from_json(cls, raw: object) -> Cause | None:
        """The stored form back; ``None`` when it is not one (an older or foreign summary)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("metric"), str):
            return None
        name = raw.get("level")
        try:
            level = None if name == "unreadable" else Level.parse(str(name))
        except KeyError:
            return None
        row, value, threshold = raw.get("row"), raw.get("value"), raw.get("threshold")
        return cls(
            raw["metric"],
            level,
            str(row) if row is not None else None,
            value if isinstance(value, (int, float, str)) else None,
            float(threshold) if isinstance(threshold, (int, float)) else None,
        )


def summary_causes(summary: object) -> list[Cause]:
    """The causes a stored state summary (parsed) holds; none for an older or foreign one."""
    raw = summary.get("causes", []) if isinstance(summary, dict) else []
    causes = [Cause.from_json(c) for c in raw] if isinstance(raw, list) else []
    return [c for c in causes if c is not None]


MAX_CAUSES = 10


def health_causes(
    health: Health,
    readings: Iterable[Cause],
    *,
    down_metrics: Iterable[str] = (),
    degraded_at: Level = Level.WARNING,
    missing_is_degraded: bool = True,
) -> tuple[Cause, ...]:
    """The readings that made ``health`` (what :func:`derive_health` decided on), worst first.

    Down: the down metrics at critical or worse (none when the device did not answer: its
    poll error says why). Degraded: the readings at ``degraded_at`` or worse, then the
    unreadable ones if they degrade. Up and unknown have no cause. At most ``MAX_CAUSES``.
    """
    if health is Health.DOWN:
        down = set(down_metrics)
        picked = [
            c
            for c in readings
            if c.metric in down and c.level is not None and c.level >= Level.CRITICAL
        ]
    elif health is Health.DEGRADED:
        picked = [
            c
            for c in readings
            if (c.level is None and missing_is_degraded)
            or (c.level is not None and c.level >= degraded_at)
        ]
    else:
        return ()
    picked.sort(key=lambda c: (c.level is None, -int(c.level or 0)))  # stable: poll order
    return tuple(picked[:MAX_CAUSES])


# --- alarm debouncer ------------------------------------------------------------------------


@dataclass(frozen=True)
class DebounceState:
    """Debouncer state of one (device, rule): persisted by the monitoring service.

    Attributes:
        open: whether the alarm is open.
        failing: consecutive failing polls while closed.
        passing: consecutive good polls while open.
        severity: the worst level seen while open (or pending).
    """

    open: bool = False
    failing: int = 0
    passing: int = 0
    severity: Level = Level.OK


class Transition(StrEnum):
    """What the caller should do after a poll."""

    NONE = "none"
    OPEN = "open"
    CLEAR = "clear"
    ESCALATE = "escalate"  # still open, severity went up


@dataclass(frozen=True)
class DebouncePolicy:
    """Open after ``open_after`` consecutive failing polls, clear after ``clear_after`` good ones."""

    open_after: int = 3
    clear_after: int = 2

    def __post_init__(self) -> None:
        if self.open_after < 1 or self.clear_after < 1:
            raise ValueError("open_after and clear_after must be at least 1")


_DEFAULT_POLICY = DebouncePolicy()


def debounce(
    state: DebounceState,
    failing: bool | None,
    severity: Level = Level.CRITICAL,
    policy: DebouncePolicy = _DEFAULT_POLICY,
) -> tuple[DebounceState, Transition]:
    """Feed one poll's verdict for a (device, rule) and return the new state and transition.

    ``failing=None`` (no data: poller off, maintenance window) leaves the state unchanged:
    unknown is neither good nor bad.
    """
    if failing is None:
        return state, Transition.NONE
    if not state.open:
        if not failing:
            return (state if state == DebounceState() else DebounceState()), Transition.NONE
        count = state.failing + 1
        worst = max(state.severity, severity)
        if count >= policy.open_after:
            return DebounceState(open=True, severity=worst), Transition.OPEN
        return DebounceState(failing=count, severity=worst), Transition.NONE
    if failing:
        if severity > state.severity:
            return replace(state, passing=0, severity=severity), Transition.ESCALATE
        return replace(state, passing=0), Transition.NONE
    count = state.passing + 1
    if count >= policy.clear_after:
        return DebounceState(), Transition.CLEAR
    return replace(state, passing=count), Transition.NONE
