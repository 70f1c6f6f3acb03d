"""What the SLA service returns: a period report with its rows and totals, the pause ledger,
running clocks, and reminders (frozen dataclasses; their JSON is ``formats.JsonFields``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ...domain.messages import Msg, typed
from ...domain.sla import PeriodTotals
from ..formats import JsonFields

NO_TITLE = typed("")  # a row read without its work order's title


@dataclass(frozen=True)
class SlaRow(JsonFields):
    """One work order of a report's population (minutes are business time, 1 decimal).

    Each breach is charged once (DOMAIN.md): ``penalty`` is what THIS period charges,
    ``penalty_to_date − penalty_before``; ``minutes_late_before`` / ``penalty_before`` are the
    lateness at the period's start and what earlier periods charged for it.

    Attributes:
        carried_over: still open and late when the clocks were read (the period's end, or
            now): its lateness carries into the next statement.
        location: community · zone · place of the device (the community alone without one).
    """

    number: str
    priority: str
    kind: str
    status: str
    response_minutes: float
    resolution_minutes: float
    response_breached: bool
    resolution_breached: bool
    minutes_late: float
    penalty: Decimal
    response_wall_minutes: float
    resolution_wall_minutes: float
    resolved_at: datetime | None
    # the targets of the policy version this work order was created under
    response_target_minutes: float | None = None
    resolution_target_minutes: float | None = None
    minutes_late_before: float = 0.0
    penalty_before: Decimal = Decimal(0)
    penalty_to_date: Decimal = Decimal(0)
    title: Msg = NO_TITLE
    created_at: datetime | None = None
    device_tag: str | None = None
    device_name: str | None = None
    location: str = ""
    carried_over: bool = False

    # what ``sla report --format json`` prints of each work order
    json_fields = (
        "number",
        "priority",
        "status",
        "response_minutes",
        "resolution_minutes",
        "response_breached",
        "resolution_breached",
        "minutes_late_before",
        "minutes_late",
        "penalty_before",
        "penalty_to_date",
        "penalty",
        "carried_over",
    )


@dataclass(frozen=True)
class SlaTotals(JsonFields, PeriodTotals):
    """The totals line: the domain's ``PeriodTotals`` as reports show it (minutes to one
    decimal, money to the cent); compliance is a fraction 0–1, None when the population is
    empty."""

    json_fields = (
        "count",
        "breaches",
        "response_compliance",
        "resolution_compliance",
        "mtta_minutes",
        "mttr_minutes",
        "penalty_uncapped",
        "penalty",
    )


@dataclass(frozen=True)
class SlaReport(JsonFields):
    """An SLA report of one contract over ``date_from`` … ``date_to`` (local dates)."""

    contract: str
    contract_name: str
    timezone: str
    date_from: date
    date_to: date
    start: datetime
    end: datetime
    rows: tuple[SlaRow, ...]
    totals: SlaTotals

    # the shape ``sla report --format json`` prints
    json_fields = ("contract", "date_from", "date_to", "rows", "totals")
    json_names = {"date_from": "from", "date_to": "to", "rows": "work_orders"}


@dataclass(frozen=True)
class PauseEntry(JsonFields):
    """One hold of the pause ledger.

    Attributes:
        business_minutes: business minutes of the hold inside the period, never past its end
            or past now (on the work order's calendar).
        wall_minutes: the same stretch in wall-clock minutes.
        pauses_clock: whether the contract counts this reason as stopping the clocks; when
            not, the clocks kept running through the hold.
    """

    number: str
    reason_code: str | None
    note: str | None
    held_at: datetime
    resumed_at: datetime | None
    business_minutes: float
    wall_minutes: float = 0.0
    held_by: str | None = None
    resumed_by: str | None = None
    pauses_clock: bool = True

    json_fields = (
        "number",
        "reason_code",
        "note",
        "held_at",
        "resumed_at",
        "held_by",
        "resumed_by",
        "business_minutes",
        "wall_minutes",
        "pauses_clock",
    )
    json_names = {"reason_code": "reason"}


@dataclass(frozen=True)
class ClockView:
    """One clock (response or resolution) of an open work order, as the domain read it.

    Every screen, the CLI and the tray format these figures and never compute their own.
    Minutes are business time, 1 decimal (rules.display_minutes).

    Attributes:
        minutes: business minutes used.
        target_minutes: the target in business minutes.
        state: ``running``, ``paused`` (on hold), ``stopped`` or ``not_started``.
        breached: the time used exceeds the target.
        at_risk: still open, past the warning ratio, not yet breached.
        deadline: the instant the target is (or was) reached; for a running clock where
            it will be if the clock keeps running; None when it never was.
        minutes_left: business minutes before the target (0 once breached).
        minutes_late: business minutes beyond the target (0 while within it).
    """

    minutes: float
    target_minutes: int
    state: str
    breached: bool
    at_risk: bool
    deadline: datetime | None
    minutes_left: float
    minutes_late: float

    @property
    def open(self) -> bool:
        """Whether the clock can still move (running, or paused on hold)."""
        return self.state in ("running", "paused")

    @property
    def risk(self) -> str:
        """``breached``, ``at_risk``, ``ok``, or ``""`` before the clock started."""
        if self.state == "not_started":
            return ""
        return "breached" if self.breached else "at_risk" if self.at_risk else "ok"


@dataclass(frozen=True)
class OpenClock(JsonFields):
    """An open work order with its running clocks (``risk``: breached, at_risk or ok)."""

    number: str
    priority: str
    status: str
    title: Msg
    assignee: str | None
    community_id: int
    response: ClockView
    resolution: ClockView
    risk: str

    json_fields = (
        "number",
        "priority",
        "status",
        "title",
        "assignee",
        "risk",
        "response",
        "resolution",
    )


@dataclass(frozen=True)
class SlaEvent:
    """A reminder before (``at_risk``) or at (``breached``) an SLA deadline, for the UI and
    the tray; ``notify`` names who it escalates to (managers and the community's liaisons)."""

    number: str
    target: str
    kind: str
    fired_at: datetime
    deadline: datetime | None
    priority: str
    title: Msg
    assignee: str | None
    community_id: int
    notify: tuple[str, ...]

    @property
    def message(self) -> str:
        what = "response" if self.target == "response" else "resolution"
        if self.kind == "breached":
            return f"{self.number} ({self.priority}) breached its {what} target: {self.title}"
        return (
            f"{self.number} ({self.priority}) is at risk of missing its {what} target: {self.title}"
        )
