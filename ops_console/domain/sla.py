"""SLA clocks of work orders and the period figures built on them (DOMAIN.md "SLA rules (exact)").

Units and rounding, used the same way everywhere:

- Clocks count whole business seconds (instants are truncated to the second, see calendar.py).
- minutes = business seconds / 60, a float, never rounded here; screens and reports show it to
  1 decimal with :func:`display_minutes` (half up).
- minutes late = (resolution seconds − target seconds) / 60 when breached, else 0.
- The per-hour penalty counts started hours: ceil(late seconds / 3600), i.e. minutes late
  rounded up to whole hours (1 second late = 1 hour).
- Money is ``Decimal``; the monthly cap is cap ratio × monthly fee per calendar month.
- Wall-clock figures (shown beside MTTA/MTTR) follow the same clock rules (holds and
  resolve→reopen gaps do not count) but in elapsed seconds instead of business seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from math import ceil, floor, inf
from typing import Generic, Literal, TypeVar

from ops_console.domain.calendar import BusinessCalendar, epoch_seconds, parse_timezone
from ops_console.domain.errors import Problem, ValidationError

EVENT_KINDS: frozenset[str] = frozenset(
    {
        "created",
        "assigned",
        "accepted",
        "held",
        "resumed",
        "resolved",
        "reopened",
        "closed",
        "cancelled",
        "reassigned",
    }
)
# Events that never change whether a clock runs.
_NEUTRAL = frozenset({"assigned", "reassigned", "closed"})

_ZERO = Decimal(0)
_US = 1_000_000  # microseconds per second
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
ClockState = Literal["not_started", "running", "paused", "stopped"]
K = TypeVar("K")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SlaEvent:
    """One step of a work order's history as the SLA clocks see it.

    Attributes:
        kind: one of :data:`EVENT_KINDS`.
        at: when it happened (aware datetime).
        reason: a hold's reason code (``held`` only): whether it stops the clocks is a term
            of the contract (:meth:`SlaTerms.pauses`).
    """

    kind: str
    at: datetime
    reason: str | None = None


HELD_PREFIX = "held:"


def hold_kind(reason: str | None) -> str:
    """Return the event kind of a hold as the (kind, instant) histories carry it: ``held``
    followed by its reason code, so the pass can tell whether it stops the clocks."""
    return "held" if reason is None else HELD_PREFIX + reason


@dataclass(frozen=True)
class SlaTerms:
    """The SLA terms of one priority under one policy version.

    Attributes:
        response_minutes: response target in business minutes.
        resolution_minutes: resolution target in business minutes.
        calendar: the business calendar the clocks run on.
        warning_ratio: share of a target at which an open clock is at risk.
        penalty_per_breach: amount per resolution breach.
        penalty_per_hour: amount per started hour late.
        stops_clock: the hold reason codes that pause the clocks; None: every reason does
            (a contract without a ``[pause]`` term).
    """

    response_minutes: int
    resolution_minutes: int
    calendar: BusinessCalendar
    warning_ratio: float = 0.8
    penalty_per_breach: Decimal = Decimal(0)
    penalty_per_hour: Decimal = Decimal(0)
    stops_clock: frozenset[str] | None = None

    def pauses(self, reason: str | None) -> bool:
        """Whether a hold with this reason code stops the clocks."""
        return self.stops_clock is None or (reason is not None and reason in self.stops_clock)

    def penalty(self, late_seconds: int) -> Decimal:
        """pen(L): per-breach amount + per-hour amount × started hours late; 0 when not late."""
        if late_seconds <= 0:
            return _ZERO
        return self.penalty_per_breach + self.penalty_per_hour * -(-late_seconds // 3600)

    def __post_init__(self) -> None:
        problems: list[str] = []
        if self.response_minutes <= 0:
            problems.append(Problem.of("response_minutes must be a positive number of minutes"))
        if self.resolution_minutes <= 0:
            problems.append(Problem.of("resolution_minutes must be a positive number of minutes"))
        if not 0 < self.warning_ratio <= 1:
            problems.append(Problem.of("warning_ratio must be above 0 and at most 1"))
        if self.penalty_per_breach < 0 or self.penalty_per_hour < 0:
            problems.append(Problem.of("penalties must not be negative"))
        if len(problems) == 1:
            raise ValidationError.of_problem(problems[0])
        if problems:
            raise ValidationError.of("invalid SLA terms", problems=problems)


@dataclass(frozen=True, slots=True)
class ClockReading:
    """One SLA clock (response or resolution) of a work order at an instant.

    Attributes:
        seconds: business seconds counted.
        wall_seconds: elapsed seconds counted under the same rules.
        target_seconds: the target, in seconds.
        warning_seconds: ceil(warning ratio × target), in seconds.
        state: ``running``, ``paused`` (on hold), ``stopped`` (accepted / resolved /
            cancelled) or ``not_started`` (created after the instant).
        reached_position: calendar position at which the target was reached, or will be if
            the clock keeps running; None when paused or stopped short of it.
        warning_position: the same for the warning threshold.
    """

    seconds: int
    wall_seconds: int
    target_seconds: int
    warning_seconds: int
    state: ClockState
    reached_position: int | None
    warning_position: int | None

    @property
    def minutes(self) -> float:
        """Business minutes counted."""
        return self.seconds / 60

    @property
    def wall_minutes(self) -> float:
        """Wall minutes counted."""
        return self.wall_seconds / 60

    @property
    def breached(self) -> bool:
        """Whether the counted time exceeds the target."""
        return self.seconds > self.target_seconds

    @property
    def at_risk(self) -> bool:
        """Whether the clock is still open, at or past the warning threshold, not yet breached."""
        return (
            self.state in ("running", "paused")
            and not self.breached
            and self.seconds >= self.warning_seconds
        )

    @property
    def late_seconds(self) -> int:
        """Business seconds beyond the target (0 when within it)."""
        return max(0, self.seconds - self.target_seconds)

    @property
    def minutes_late(self) -> float:
        """Business minutes beyond the target (0 when within it)."""
        return self.late_seconds / 60

    @property
    def remaining_seconds(self) -> int:
        """Business seconds left before the target (negative once breached)."""
        return self.target_seconds - self.seconds


@dataclass(frozen=True, slots=True)
class SlaClock:
    """Both clocks of one work order at an instant, with its penalty.

    Attributes:
        response: the response clock (created → first accept).
        resolution: the resolution clock (created → last resolve).
        cancelled: the history contains a cancel (at any time): outside every SLA figure.
        resolved_at: the last resolve if the work order is resolved at ``as_of``, else None.
        penalty: per-breach + per-hour amount when the resolution target is breached, else 0.
        as_of: the instant the clocks were read at.
    """

    response: ClockReading
    resolution: ClockReading
    cancelled: bool
    resolved_at: datetime | None
    penalty: Decimal
    as_of: datetime


# The pass keeps the work order's state as bits, and per event kind a table of the next state,
# so that each event costs a few lookups (a report reads ~1 million events).
_STARTED, _ACCEPTED, _HELD, _RESOLVED, _ENDED = 1, 2, 4, 8, 16
_RESPONSE, _RESOLUTION = 1, 2
_EFFECTS = {  # kind: (bits set, bits cleared)
    "created": (_STARTED, 0),
    "accepted": (_ACCEPTED, 0),
    "held": (_HELD, 0),
    "resumed": (0, _HELD),
    "resolved": (_RESOLVED | _ACCEPTED, 0),  # a resolve also ends the response clock
    "reopened": (0, _RESOLVED),
    "cancelled": (_ENDED, 0),
}
_NEXT = {
    kind: tuple((state | set_) & ~clear for state in range(32))
    for kind, (set_, clear) in _EFFECTS.items()
}


def _clocks_running(state: int) -> int:
    if not state & _STARTED or state & (_HELD | _RESOLVED | _ENDED):
        return 0
    return _RESOLUTION if state & _ACCEPTED else _RESOLUTION | _RESPONSE


_RUNNING = tuple(_clocks_running(state) for state in range(32))


def _warning_seconds(target: int, ratio: float) -> int:
    return ceil(target * ratio - 1e-9)


class _Count:
    """One clock in the pass: the business and wall seconds counted, where the current run
    started (position and epoch), and the positions at which the warning and the target were
    crossed. The response and the resolution clock count alike; only when they run differs."""

    __slots__ = ("acc", "reached", "since", "since_wall", "target", "wall", "warn", "warned")

    def __init__(self, target: int, warn: int) -> None:
        self.target, self.warn = target, warn
        self.acc = self.wall = self.since = self.since_wall = 0
        self.reached: int | None = None
        self.warned: int | None = None

    def start(self, position: int, epoch: int) -> None:
        self.since, self.since_wall = position, epoch

    def stop(self, position: int, epoch: int) -> None:
        """End the current run, noting the thresholds it crossed."""
        total = self.acc + position - self.since
        if self.reached is None and total >= self.target:
            self.reached = self.since + self.target - self.acc
        if self.warned is None and total >= self.warn:
            self.warned = self.since + self.warn - self.acc
        self.acc = total
        self.wall += epoch - self.since_wall

    def count_to(self, position: int, epoch: int) -> None:
        """Count a run still going at the end (thresholds are projected by :meth:`reading`)."""
        self.acc += position - self.since
        self.wall += epoch - self.since_wall

    def reading(self, state: ClockState, position: int) -> ClockReading:
        reached, warned = self.reached, self.warned
        if state == "running":
            # Project where the thresholds fall if the clock keeps running.
            if reached is None:
                reached = position + self.target - self.acc
            if warned is None:
                warned = position + self.warn - self.acc
        return ClockReading(self.acc, self.wall, self.target, self.warn, state, reached, warned)


def compute_clock(events: Sequence[SlaEvent], terms: SlaTerms, as_of: datetime) -> SlaClock:
    """Read a work order's response and resolution clocks at ``as_of``, in one pass.

    Events after ``as_of`` are ignored, except that a cancel anywhere marks the work order
    cancelled. Response runs from ``created`` to the first ``accepted`` (or a ``resolved``,
    which the lifecycle never allows before an accept); resolution runs from ``created`` to the
    last ``resolved``. Both pause while on hold; resolution also pauses from a resolve to a
    later reopen. A clock still running at ``as_of`` counts up to ``as_of``. Events that never
    move a clock (assigned, reassigned, closed) are only checked for their kind.

    Args:
        events: the work order's events in time order, starting with ``created``.
        terms: the SLA terms in force when the work order was created.
        as_of: "now", or the period's end in a report.

    Raises:
        ValidationError: an unknown kind, a naive time, events out of order, or a history that
            does not start with exactly one ``created``.

    The arithmetic is :func:`compute_clock_us`'s; this wrapper converts the datetimes.
    """
    items: list[tuple[str, int]] = []
    for index, event in enumerate(events):
        kind, at = event.kind, event.at
        if kind in _NEXT:
            if at.tzinfo is None:
                # earlier problems are reported first, as the pass over the events would
                _compute(items, terms, epoch_seconds(as_of, where="as_of"))
                raise ValidationError.of(
                    "event {n} ({kind}): time has no time zone offset", n=index + 1, kind=kind
                )
            if kind == "held":
                kind = hold_kind(event.reason)
            items.append((kind, floor(at.timestamp()) * _US))
        else:
            items.append((kind, 0))  # never read: these events do not move a clock
    response, resolution, cancelled, resolved, penalty = _compute(
        items, terms, epoch_seconds(as_of, where="as_of")
    )
    resolved_at = None if resolved is None else events[resolved].at
    return SlaClock(response, resolution, cancelled, resolved_at, penalty, as_of)


def compute_clock_us(
    events: Sequence[tuple[str, int]], terms: SlaTerms, as_of: datetime
) -> SlaClock:
    """:func:`compute_clock` over (kind, instant) pairs, the instant as integer microseconds
    since 1970-01-01 UTC (the form a report reads straight from the database).

    ``resolved_at`` is rebuilt from the microseconds as a UTC datetime. The instant of an
    event that never moves a clock (assigned, reassigned, closed) is not read.

    Raises:
        ValidationError: an unknown kind, events out of order, or a history that does not
            start with exactly one ``created``.
    """
    return _clock_us(events, terms, as_of, epoch_seconds(as_of, where="as_of"))


def _clock_us(
    events: Sequence[tuple[str, int]], terms: SlaTerms, as_of: datetime, limit: int
) -> SlaClock:
    response, resolution, cancelled, resolved, penalty = _compute(events, terms, limit)
    resolved_at = None if resolved is None else _EPOCH + timedelta(microseconds=events[resolved][1])
    return SlaClock(response, resolution, cancelled, resolved_at, penalty, as_of)


def _compute(
    events: Sequence[tuple[str, int]], terms: SlaTerms, limit: int
) -> tuple[ClockReading, ClockReading, bool, int | None, Decimal]:
    """The one pass of :func:`compute_clock`: (response, resolution, cancelled, index of the
    resolve in force at ``limit`` or None, penalty)."""
    position = terms.calendar.position
    resp_target = terms.response_minutes * 60
    res_target = terms.resolution_minutes * 60
    response = _Count(resp_target, _warning_seconds(resp_target, terms.warning_ratio))
    resolution = _Count(res_target, _warning_seconds(res_target, terms.warning_ratio))
    clocks = ((_RESOLUTION, resolution), (_RESPONSE, response))
    state = running = 0
    cancelled = False
    resolved: int | None = None
    previous: float = -inf  # epoch of the previous event that moves a clock
    next_state, running_in, per_second = _NEXT.get, _RUNNING, _US
    pauses = terms.pauses
    for index, (kind, us) in enumerate(events):
        table = next_state(kind)
        if table is None and kind.startswith(HELD_PREFIX):
            # a hold whose reason the contract does not count as pausing keeps both clocks
            # running: it is a neutral event (and its resume clears a bit never set)
            table = next_state("held") if pauses(kind[len(HELD_PREFIX) :]) else None
            if table is None and index:
                continue
            kind = "held"
        if table is None:
            if kind not in _NEUTRAL and kind != "held":
                raise ValidationError.of('event {n}: unknown kind "{kind}"', n=index + 1, kind=kind)
            if index == 0:
                raise ValidationError.of(
                    "event 1 ({kind}): a history starts with created", kind=kind
                )
            continue
        epoch = us // per_second
        if epoch < previous:
            raise ValidationError.of(
                "event {n} ({kind}): events are out of time order", n=index + 1, kind=kind
            )
        previous = epoch
        if (kind == "created") != (index == 0):
            raise ValidationError.of(
                "event {n} ({kind}): a history starts with exactly one created",
                n=index + 1,
                kind=kind,
            )
        if kind == "cancelled":
            cancelled = True
        if epoch > limit or state & _ENDED:
            continue
        if kind == "resolved":
            resolved = index
        elif kind == "reopened":
            resolved = None
        state = table[state]
        now_running = running_in[state]
        if now_running == running:
            continue
        pos = position(epoch)
        changed = running ^ now_running
        for bit, clock in clocks:
            if changed & bit:
                if running & bit:
                    clock.stop(pos, epoch)
                else:
                    clock.start(pos, epoch)
        running = now_running
    end = 0
    if running:  # count up to as_of; thresholds crossed on the way are projected by reading()
        end = position(limit)
        for bit, clock in clocks:
            if running & bit:
                clock.count_to(end, limit)
    res_state: ClockState
    resp_state: ClockState
    if not state:
        res_state = resp_state = "not_started"
    elif running:
        res_state = "running"
        resp_state = "running" if running & _RESPONSE else "stopped"
    elif state & _HELD and not state & _ENDED:
        res_state = "paused"
        resp_state = "stopped" if state & _ACCEPTED else "paused"
    else:  # resolved or cancelled
        res_state = resp_state = "stopped"
    penalty = terms.penalty(resolution.acc - res_target)
    return (
        response.reading(resp_state, end),
        resolution.reading(res_state, end),
        cancelled,
        resolved,
        penalty,
    )


def deadline_for(
    reading: ClockReading,
    calendar: BusinessCalendar,
    *,
    warning: bool = False,
    tz: tzinfo | None = None,
) -> datetime | None:
    """Return the instant the clock reaches its target (or warning threshold).

    For a running clock this is where it will be reached if it keeps running (in the past
    when already breached); for a paused or stopped clock, the instant it was reached, or
    None if it never was.

    Args:
        reading: a clock from :func:`compute_clock` with the same calendar.
        calendar: the calendar of the terms the clock was computed with.
        warning: give the warning threshold's instant instead of the target's.
        tz: time zone of the result (default: the calendar's).
    """
    where = reading.warning_position if warning else reading.reached_position
    if where is None:
        return None
    return datetime.fromtimestamp(calendar.epoch_at(where), tz or calendar.tz)


def display_minutes(seconds: float) -> float:
    """Return seconds as minutes rounded half up to 1 decimal, as screens and reports show them."""
    return floor(seconds / 6 + 0.5) / 10


def period_bounds(from_date: date, to_date: date, tz: str | tzinfo) -> tuple[datetime, datetime]:
    """Return the period ``--from D1 --to D2``: D1 00:00 up to D2 + 1 day 00:00, local time.

    Raises:
        ValidationError: D2 is before D1, or the time zone is unknown.
    """
    if to_date < from_date:
        raise ValidationError.of(
            "period: --to {to} is before --from {start}",
            to=to_date.isoformat(),
            start=from_date.isoformat(),
        )
    zone = parse_timezone(tz, where="period.timezone") if isinstance(tz, str) else tz
    start = datetime.combine(from_date, time(0), zone)
    end = datetime.combine(to_date + timedelta(days=1), time(0), zone)
    return start, end


def in_population(clock: SlaClock, start: datetime, end: datetime) -> bool:
    """Whether a work order belongs to the report of the period [start, end).

    The population is the work orders resolved inside the period plus those still unresolved
    at its end whose resolution time already exceeds the target. Cancelled ones never count.
    ``clock`` must be read as of ``end``.
    """
    if clock.cancelled:
        return False
    if clock.resolved_at is not None:
        return start <= clock.resolved_at < end
    return clock.resolution.state != "not_started" and clock.resolution.breached


def policy_in_force(versions: Sequence[tuple[datetime, T]], created_at: datetime) -> T:
    """Return the policy version in force when a work order was created.

    Args:
        versions: (effective from, terms) pairs in any order.
        created_at: the work order's creation instant.

    Raises:
        ValidationError: no version was in force yet at ``created_at``.
    """
    best: tuple[datetime, T] | None = None
    for effective, terms in versions:
        if effective <= created_at and (best is None or effective > best[0]):
            best = (effective, terms)
    if best is None:
        raise ValidationError.of(
            "no SLA policy was in force on {created_at}", created_at=created_at.isoformat()
        )
    return best[1]


@dataclass(frozen=True, slots=True)
class MonthPenalty:
    """Penalties of one calendar month, before and after the cap.

    Attributes:
        year: calendar year.
        month: calendar month 1–12.
        uncapped: the sum of the month's work-order penalties.
        capped: the same, limited to cap ratio × monthly fee.
    """

    year: int
    month: int
    uncapped: Decimal
    capped: Decimal


@dataclass(frozen=True, slots=True)
class PeriodCharge:
    """What one period charges one work order: each breach is charged once (DOMAIN.md).

    The charge in [S, E) is pen(L(E)) − pen(L(S)), L(T) being the lateness with the clock run
    up to T; over consecutive periods the charges add up to pen(final lateness).

    Attributes:
        late_seconds_before: business seconds late at the period's start (0 if none).
        penalty_before: pen of that: what earlier periods charged.
        penalty_to_date: pen of the lateness at the period's end (or now, or the resolve).
        months: this period's charge split by calendar month (for the monthly cap), as
            ((year, month), amount) with amount > 0, in order.
    """

    late_seconds_before: int
    penalty_before: Decimal
    penalty_to_date: Decimal
    months: tuple[tuple[tuple[int, int], Decimal], ...]

    @property
    def amount(self) -> Decimal:
        """What this period charges."""
        return self.penalty_to_date - self.penalty_before


def month_starts(start: datetime, end: datetime) -> list[datetime]:
    """Return the local midnights of the 1st of each month strictly inside (start, end), in
    ``start``'s time zone (the contract's): where a report splits its charges for the caps."""
    tz = start.tzinfo or UTC
    local = start.astimezone(tz)
    year, month = local.year, local.month
    out: list[datetime] = []
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        first = datetime(year, month, 1, tzinfo=tz)
        if first >= end:
            return out
        out.append(first)


def _cuts(
    start: datetime, boundaries: Sequence[datetime]
) -> tuple[tuple[int, tuple[int, int]], ...]:
    # (epoch second, (year, month) it opens) of the period's start and each month start
    tz = start.tzinfo or UTC
    out = []
    for instant in (start, *boundaries):
        local = instant.astimezone(tz)
        out.append((epoch_seconds(instant, where="as_of"), (local.year, local.month)))
    return tuple(out)


_NO_CHARGE = PeriodCharge(0, _ZERO, _ZERO, ())


def _charge(
    events: Sequence[tuple[str, int]],
    terms: SlaTerms,
    final: Decimal,
    cuts: tuple[tuple[int, tuple[int, int]], ...],
) -> PeriodCharge:
    if not final:  # lateness never shrinks: nothing now, nothing before
        return _NO_CHARGE
    created = events[0][1] // _US
    if created >= cuts[-1][0]:  # created in the period's last month: all of it is charged now
        return PeriodCharge(0, _ZERO, final, ((cuts[-1][1], final),))
    pens: list[Decimal] = []
    late_before = 0
    for index, (limit, _) in enumerate(cuts):
        if created >= limit:
            late, pen = 0, _ZERO
        else:
            _, resolution, _, _, pen = _compute(events, terms, limit)
            late = resolution.late_seconds
        if index == 0:
            late_before = late
        pens.append(pen)
    pens.append(final)
    months = tuple(
        (month, pens[index + 1] - pens[index])
        for index, (_, month) in enumerate(cuts)
        if pens[index + 1] != pens[index]
    )
    return PeriodCharge(late_before, pens[0], final, months)


def cap_monthly(
    penalties: Iterable[tuple[tuple[int, int], Decimal]],
    *,
    monthly_fee: Decimal | None,
    cap_ratio: Decimal | None,
) -> tuple[MonthPenalty, ...]:
    """Sum penalties per calendar month and cap each month at cap ratio × monthly fee.

    Args:
        penalties: ((year, month), amount) pairs.
        monthly_fee: the contract's monthly fee; None for no cap.
        cap_ratio: the contract's cap ratio; None for no cap.
    """
    sums: dict[tuple[int, int], Decimal] = {}
    for month, amount in penalties:
        sums[month] = sums.get(month, Decimal(0)) + amount
    cap = None if monthly_fee is None or cap_ratio is None else monthly_fee * cap_ratio
    return tuple(
        MonthPenalty(year, month, total, total if cap is None else min(total, cap))
        for (year, month), total in sorted(sums.items())
    )


@dataclass(frozen=True)
class PeriodTotals:
    """The totals line of an SLA report.

    Attributes:
        count: work orders in the population.
        response_breaches: those over the response target.
        resolution_breaches: those over the resolution target (the report's "breaches").
        response_compliance: share within the response target; None when empty.
        resolution_compliance: share within the resolution target; None when empty.
        mtta_minutes: mean response time in business minutes; None when empty.
        mttr_minutes: mean resolution time in business minutes; None when empty.
        mtta_wall_minutes: the same in wall minutes.
        mttr_wall_minutes: the same in wall minutes.
        penalty_uncapped: the sum of penalties before the monthly cap.
        penalty: the sum after capping each calendar month.
        months: the per-month detail.
    """

    count: int
    response_breaches: int
    resolution_breaches: int
    response_compliance: float | None
    resolution_compliance: float | None
    mtta_minutes: float | None
    mttr_minutes: float | None
    mtta_wall_minutes: float | None
    mttr_wall_minutes: float | None
    penalty_uncapped: Decimal
    penalty: Decimal
    months: tuple[MonthPenalty, ...] = field(default=())

    @property
    def breaches(self) -> int:
        """Resolution breaches, the figure penalties are paid on."""
        return self.resolution_breaches


def summarize(
    clocks: Sequence[SlaClock],
    *,
    monthly_fee: Decimal | None = None,
    cap_ratio: Decimal | None = None,
    charges: Sequence[PeriodCharge] = (),
) -> PeriodTotals:
    """Compute the totals of a population (clocks already filtered by :func:`in_population`).

    Args:
        clocks: the population's clocks.
        monthly_fee: the contract's monthly fee; None for no cap.
        cap_ratio: the contract's penalty cap ratio; None for no cap.
        charges: what the period charges each clock, in the same order (see
            :class:`PeriodCharge`); the penalty sums are theirs.
    """
    count = len(clocks)
    resp_breaches = sum(1 for c in clocks if c.response.breached)
    res_breaches = sum(1 for c in clocks if c.resolution.breached)
    amounts = (part for charge in charges for part in charge.months)
    months = cap_monthly(amounts, monthly_fee=monthly_fee, cap_ratio=cap_ratio)

    def mean(values: Iterable[int]) -> float | None:
        return sum(values) / count / 60 if count else None

    return PeriodTotals(
        count=count,
        response_breaches=resp_breaches,
        resolution_breaches=res_breaches,
        response_compliance=(count - resp_breaches) / count if count else None,
        resolution_compliance=(count - res_breaches) / count if count else None,
        mtta_minutes=mean(c.response.seconds for c in clocks),
        mttr_minutes=mean(c.resolution.seconds for c in clocks),
        mtta_wall_minutes=mean(c.response.wall_seconds for c in clocks),
        mttr_wall_minutes=mean(c.resolution.wall_seconds for c in clocks),
        penalty_uncapped=sum((m.uncapped for m in months), Decimal(0)),
        penalty=sum((m.capped for m in months), Decimal(0)),
        months=months,
    )


@dataclass(frozen=True, slots=True)
class PeriodRow(Generic[K]):
    """One work order of a period report.

    Attributes:
        key: the caller's key (a row of the work order).
        clock: its clocks at the period's end (or now, for a running period).
        charge: what this period charges it.
    """

    key: K
    clock: SlaClock
    charge: PeriodCharge


@dataclass(frozen=True)
class PeriodReport(Generic[K]):
    """An SLA report: the population's clocks and charges, keyed by the caller, and the totals.

    Attributes:
        start: the period's first instant.
        end: the instant the clocks were read at: the period's end, or now while it runs.
        rows: each work order of the population, in input order.
        totals: the totals line (penalties: this period's charges, capped per month).
    """

    start: datetime
    end: datetime
    rows: tuple[PeriodRow[K], ...]
    totals: PeriodTotals


def period_report(
    orders: Iterable[tuple[K, Sequence[SlaEvent], SlaTerms]],
    *,
    start: datetime,
    end: datetime,
    monthly_fee: Decimal | None = None,
    cap_ratio: Decimal | None = None,
) -> PeriodReport[K]:
    """Compute a period's SLA report from work orders' histories.

    Args:
        orders: (key, events, terms in force at creation) per work order; cancelled ones and
            those outside the population are dropped.
        start: the period's start, e.g. from :func:`period_bounds` (its time zone is the
            contract's, used for the calendar months of the cap).
        end: the instant after the period (or now, for a period still running).
        monthly_fee: the contract's monthly fee; None for no cap.
        cap_ratio: the contract's penalty cap ratio; None for no cap.
    """

    def pairs(events: Sequence[SlaEvent]) -> list[tuple[str, int]]:
        out = []
        for index, e in enumerate(events):
            if e.at.tzinfo is None:
                raise ValidationError.of(
                    "event {n} ({kind}): time has no time zone offset", n=index + 1, kind=e.kind
                )
            kind = hold_kind(e.reason) if e.kind == "held" else e.kind
            out.append((kind, (e.at - _EPOCH) // _ONE_US))
        return out

    return period_report_us(
        ((key, pairs(events), terms) for key, events, terms in orders),
        start=start,
        end=end,
        monthly_fee=monthly_fee,
        cap_ratio=cap_ratio,
    )


def period_report_us(
    orders: Iterable[tuple[K, Sequence[tuple[str, int]], SlaTerms]],
    *,
    start: datetime,
    end: datetime,
    monthly_fee: Decimal | None = None,
    cap_ratio: Decimal | None = None,
) -> PeriodReport[K]:
    """:func:`period_report` over histories of (kind, microseconds since the epoch) pairs, as
    :func:`compute_clock_us` reads them (the same figures, without a datetime per event)."""
    limit = epoch_seconds(end, where="as_of")
    cuts = _cuts(start, month_starts(start, end))
    rows: list[PeriodRow[K]] = []
    for key, events, terms in orders:
        clock = _clock_us(events, terms, end, limit)
        if in_population(clock, start, end):
            rows.append(PeriodRow(key, clock, _charge(events, terms, clock.penalty, cuts)))
    totals = summarize(
        [row.clock for row in rows],
        monthly_fee=monthly_fee,
        cap_ratio=cap_ratio,
        charges=[row.charge for row in rows],
    )
    return PeriodReport(start, end, tuple(rows), totals)
