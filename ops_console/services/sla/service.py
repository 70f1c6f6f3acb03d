"""The SLA engine over stored work orders: period reports, the pause ledger, running clocks,
reminders before a breach, and device availability. The arithmetic is domain.sla's."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from itertools import chain

from ...db import Session
from ...db.models import Contract, SlaReminder, User, WorkOrder
from ...db.repos import accounts as accounts_repo
from ...db.repos import contracts as contracts_repo
from ...db.repos import sla as repo
from ...domain import sla as rules
from ...domain.errors import NotFound, ValidationError
from ...domain.lifecycle import Role
from ...domain.messages import text_or_message, typed
from ...domain.sla import MonthPenalty
from .. import audit
from ..accounts import community_ids
from ..base import ServiceBase
from ..context import Actor
from .availability import DeviceAvailability, device_availability, merge, micros
from .contract_file import term_key, term_of
from .contracts import ContractInfo, contract_info, sees_contract
from .views import (
    ClockView,
    OpenClock,
    PauseEntry,
    SlaEvent,
    SlaReport,
    SlaRow,
    SlaTotals,
)

# what callers imported from here before the views moved (``services.sla`` is the public face)
__all__ = [
    "ClockView",
    "DeviceAvailability",
    "MonthPenalty",
    "OpenClock",
    "PauseEntry",
    "SlaEvent",
    "SlaReport",
    "SlaRow",
    "SlaService",
    "SlaTotals",
]


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _minutes(minutes: float | None) -> float | None:
    """Minutes as reports show them (one decimal)."""
    return None if minutes is None else rules.display_minutes(minutes * 60)


_END: tuple[tuple[int, str, int]] = ((-1, "", 0),)  # no work order has id -1


class _Terms:
    """SLA terms by policy id and key, converted once per report."""

    def __init__(self, s: Session, policy_ids: list[int]) -> None:
        self.by_policy: dict[int, tuple[dict[str, rules.SlaTerms], int]] = {}
        for pid, p in contracts_repo.policies_by_id(s, policy_ids).items():
            tz = p.contract.timezone
            self.by_policy[pid] = ({t.key: term_of(t, tz) for t in p.terms}, p.version)

    def get(self, policy_id: int | None, kind: str, priority: str) -> rules.SlaTerms | None:
        if policy_id is None or policy_id not in self.by_policy:
            return None
        terms = self.by_policy[policy_id][0]
        return terms.get(term_key(kind, priority, terms))


def _clocks(
    s: Session, orders: Sequence[WorkOrder], now: datetime
) -> list[tuple[WorkOrder, rules.SlaClock, rules.SlaTerms]]:
    """Each work order's clocks at ``now`` with the terms of its policy version (an order
    without terms has none)."""
    from ...db.repos import workorders as wo_repo

    terms = _Terms(s, sorted({o.sla_policy_id for o in orders if o.sla_policy_id}))
    events = wo_repo.open_events(s, [o.id for o in orders])
    out = []
    for o in orders:
        t = terms.get(o.sla_policy_id, o.kind, o.priority)
        if t is not None:
            history = [rules.SlaEvent(k, at, reason) for k, at, reason in events[o.id]]
            out.append((o, rules.compute_clock(history, t, now), t))
    return out


class SlaService(ServiceBase):
    """SLA figures of stored work orders."""

    def contract(self, actor: Actor, code: str) -> ContractInfo | None:
        """Return a contract by code, or None (the reports' contract lookup)."""
        actor.require("read")
        with self.db.read() as s:
            c = contracts_repo.contract_by_code(s, code)
            return contract_info(c) if c is not None and sees_contract(actor, c) else None

    def _contract(self, s: Session, actor: Actor, code: str) -> Contract:
        c = contracts_repo.contract_by_code(s, code)
        if c is None:
            raise NotFound.of('--contract: no contract with code "{code}"', code=code)
        if actor.community_ids is not None and not any(
            actor.sees_community(x.id) for x in c.communities
        ):
            raise NotFound.of('--contract: no contract with code "{code}"', code=code)
        return c

    # the period report ------------------------------------------------------------
    def report(self, actor: Actor, contract: str, date_from: date, date_to: date) -> SlaReport:
        """Compute a contract's SLA report for ``--from`` … ``--to`` (DOMAIN.md, exactly).

        Each work order is judged by the policy version it was created under.

        Raises:
            NotFound: an unknown contract.
            ValidationError: ``date_to`` before ``date_from``.
        """
        actor.require("read")
        with self.db.read() as s:
            return self._report(s, actor, contract, date_from, date_to)

    def _report(
        self,
        s: Session,
        actor: Actor,
        contract: str,
        date_from: date,
        date_to: date,
    ) -> SlaReport:
        c = self._contract(s, actor, contract)
        start, end = rules.period_bounds(date_from, date_to, c.timezone)
        orders = repo.report_orders(s, c.id, start, end)
        ids = tuple(sorted({o.sla_policy_id for o in orders if o.sla_policy_id}))
        terms = _Terms(s, list(ids))
        info = {o.id: o for o in orders}
        events = repo.report_events(s, c.id, start, end)
        # a running period is judged as of now: its end has not happened yet, so an open
        # order's clock must not run into the future (and breach, and owe a penalty, early).
        # Up to the next whole second (the clocks count seconds), so an order resolved this
        # very second is inside the half-open period.
        now = self.clock.now().replace(microsecond=0) + timedelta(seconds=1)
        as_of = max(start, min(end, now))
        report = rules.period_report_us(
            self._histories(info, events, terms),
            start=start,
            end=as_of,
            monthly_fee=Decimal(c.monthly_fee),
            cap_ratio=Decimal(c.penalty_cap_ratio),
        )
        code, name, tz = c.code, c.name, c.timezone
        details = repo.order_details(s, [row.key.id for row in report.rows])
        rows = []
        for row in report.rows:
            o, clock, charge = row.key, row.clock, row.charge
            d = details.get(o.id)
            rows.append(
                SlaRow(
                    o.number,
                    o.priority,
                    o.kind,
                    o.status,
                    rules.display_minutes(clock.response.seconds),
                    rules.display_minutes(clock.resolution.seconds),
                    clock.response.breached,
                    clock.resolution.breached,
                    rules.display_minutes(clock.resolution.late_seconds),
                    charge.amount,
                    rules.display_minutes(clock.response.wall_seconds),
                    rules.display_minutes(clock.resolution.wall_seconds),
                    clock.resolved_at,
                    clock.response.target_seconds / 60,
                    clock.resolution.target_seconds / 60,
                    minutes_late_before=rules.display_minutes(charge.late_seconds_before),
                    penalty_before=charge.penalty_before,
                    penalty_to_date=charge.penalty_to_date,
                    title=(text_or_message(d.title, d.title_data) if d else None) or typed(""),
                    created_at=d.created_at if d else None,
                    device_tag=d.device_tag if d else None,
                    device_name=d.device_name if d else None,
                    location=_place(d),
                    carried_over=clock.resolved_at is None and clock.resolution.breached,
                )
            )
        t = report.totals
        totals = SlaTotals(
            **vars(t)
            | {
                "mtta_minutes": _minutes(t.mtta_minutes),
                "mttr_minutes": _minutes(t.mttr_minutes),
                "mtta_wall_minutes": _minutes(t.mtta_wall_minutes),
                "mttr_wall_minutes": _minutes(t.mttr_wall_minutes),
                "penalty_uncapped": _money(t.penalty_uncapped),
                "penalty": _money(t.penalty),
                "months": tuple(
                    replace(m, uncapped=_money(m.uncapped), capped=_money(m.capped))
                    for m in t.months
                ),
            }
        )
        return SlaReport(code, name, tz, date_from, date_to, start, end, tuple(rows), totals)

    @staticmethod
    def _histories(
        info: dict[int, repo.ReportOrder],
        batches: Iterator[list[tuple[int, str, int]]],
        terms: _Terms,
    ) -> Iterator[tuple[repo.ReportOrder, list[tuple[str, int]], rules.SlaTerms]]:
        # Rows come by work order; each history is a list of (kind, microseconds) pairs, read
        # by rules.compute_clock_us without a datetime or an object per event. A work order's
        # rows may go on in the next batch; an end mark after the last row yields the last one.
        current: int | None = None
        history: list[tuple[str, int]] = []
        lookup = terms.get
        for wo_id, kind, at in chain(chain.from_iterable(batches), _END):
            if wo_id != current:
                if current is not None:
                    o = info[current]
                    t = lookup(o.sla_policy_id, o.kind, o.priority)
                    if t is not None:
                        yield o, history, t
                current, history = wo_id, []
            history.append((kind, at))

    def pause_ledger(
        self,
        actor: Actor,
        contract: str,
        date_from: date,
        date_to: date,
        now: datetime | None = None,
    ) -> list[PauseEntry]:
        """Return the holds of a contract's work orders that overlap the period: who put each
        on hold and who resumed it, its business minutes inside the period (never past the
        period's end or past now), its wall minutes apart, and whether it stopped the clocks
        (a contract term: ``[pause] stops_clock``)."""
        actor.require("read")
        now = now or self.clock.now()
        with self.db.read() as s:
            c = self._contract(s, actor, contract)
            start, end = rules.period_bounds(date_from, date_to, c.timezone)
            rows = repo.hold_events(s, c.id, start, end)
            terms = _Terms(s, sorted({r.policy_id for r in rows if r.policy_id}))
        until = max(start, min(end, now))
        out: list[PauseEntry] = []
        open_hold: dict[int, repo.HoldEventRow] = {}
        for r in rows:
            if r.event == "held":
                open_hold[r.work_order_id] = r
                continue
            held = open_hold.pop(r.work_order_id, None)
            if held is not None:
                out.append(self._pause(held, r, start, until, terms))
        for held in open_hold.values():
            out.append(self._pause(held, None, start, until, terms))
        return sorted(
            (p for p in out if p.held_at < end and (p.resumed_at is None or p.resumed_at > start)),
            key=lambda p: (p.held_at, p.number),
        )

    @staticmethod
    def _pause(
        held: repo.HoldEventRow,
        resumed: repo.HoldEventRow | None,
        start: datetime,
        until: datetime,
        terms: _Terms,
    ) -> PauseEntry:
        t = terms.get(held.policy_id, held.kind, held.priority)
        resumed_at = resumed.at if resumed is not None else None
        a, b = max(held.at, start), min(resumed_at or until, until)
        seconds = wall = 0
        if b > a:
            wall = int((b - a).total_seconds())
            seconds = t.calendar.business_seconds(a, b) if t else wall
        return PauseEntry(
            held.number,
            held.reason_code,
            held.note,
            held.at,
            resumed_at,
            rules.display_minutes(seconds),
            rules.display_minutes(wall),
            held.actor,
            resumed.actor if resumed is not None else None,
            t.pauses(held.reason_code) if t else True,
        )

    # live clocks ------------------------------------------------------------------
    def _open_clocks(
        self, s: Session, actor: Actor, now: datetime
    ) -> list[tuple[WorkOrder, rules.SlaClock, rules.SlaTerms]]:
        ids = None if actor.community_ids is None else sorted(actor.community_ids)
        orders = repo.open_orders(s, ids)
        if actor.role == Role.TECHNICIAN:
            orders = [o for o in orders if o.assignee_id == actor.user_id]
        return _clocks(s, orders, now)

    @staticmethod
    def _view(reading: rules.ClockReading, t: rules.SlaTerms, tz: tzinfo) -> ClockView:
        minutes = rules.display_minutes(reading.seconds)
        target = reading.target_seconds // 60
        # left and late from the shown minutes, so that used + left = target on screen; the
        # late figure equals the report's display_minutes(late_seconds) (the target is whole
        # minutes)
        return ClockView(
            minutes,
            target,
            reading.state,
            reading.breached,
            reading.at_risk,
            rules.deadline_for(reading, t.calendar, tz=tz),
            round(max(0.0, target - minutes), 1),
            round(max(0.0, minutes - target), 1) if reading.breached else 0.0,
        )

    def status(
        self, actor: Actor, now: datetime | None = None, *, contract: str | None = None
    ) -> list[OpenClock]:
        """Return the open work orders with their running clocks: breached first, then at
        risk, then by the time left.

        This is the one reading of live clocks: the work-order list, the SLA page, the
        dashboard and ``sla status`` all show these figures.

        Args:
            actor: who asks (a technician sees the orders assigned to them).
            now: the instant to read the clocks at (default: the service's clock).
            contract: only the work orders of this contract (by code).

        Raises:
            NotFound: an unknown contract.
        """
        actor.require("read")
        with self.db.read() as s:
            return self._status(s, actor, now or self.clock.now(), contract)

    def _status(
        self,
        s: Session,
        actor: Actor,
        now: datetime,
        contract: str | None,
    ) -> list[OpenClock]:
        items = self._open_clocks(s, actor, now)
        if contract is not None:
            contract_id = self._contract(s, actor, contract).id
            items = [item for item in items if item[0].contract_id == contract_id]
        # one query for every assignee, not one each (a round trip each, remotely)
        names = accounts_repo.usernames(
            s, (o.assignee_id for o, _, _ in items if o.assignee_id is not None)
        )
        out = [
            self._open_clock(o, clock, t, names.get(o.assignee_id) if o.assignee_id else None)
            for o, clock, t in items
        ]
        order = {"breached": 0, "at_risk": 1, "ok": 2}
        left = {
            c.number: min(
                (v.target_minutes - v.minutes)
                for v in (c.response, c.resolution)
                if v.state in ("running", "paused")
            )
            if any(v.state in ("running", "paused") for v in (c.response, c.resolution))
            else 0
            for c in out
        }
        return sorted(out, key=lambda c: (order[c.risk], left[c.number], c.number))

    @classmethod
    def _open_clock(
        cls, o: WorkOrder, clock: rules.SlaClock, t: rules.SlaTerms, assignee: str | None
    ) -> OpenClock:
        tz = t.calendar.tz
        response, resolution = clock.response, clock.resolution
        open_clocks = [c for c in (response, resolution) if c.state in ("running", "paused")]
        risk = (
            "breached"
            if any(c.breached for c in open_clocks)
            else "at_risk"
            if any(c.at_risk for c in open_clocks)
            else "ok"
        )
        return OpenClock(
            o.number,
            o.priority,
            o.status,
            o.title_msg,
            assignee,
            o.community_id,
            cls._view(response, t, tz),
            cls._view(resolution, t, tz),
            risk,
        )

    def final_clocks(self, actor: Actor, now: datetime | None = None) -> dict[str, OpenClock]:
        """The stopped clocks of the resolved and closed work orders the actor sees, by number:
        met, or missed by how much (the final figures), read as :meth:`clock_of` reads one.

        The work-order list shows them where an open order shows its countdown.
        """
        actor.require("read")
        now = now or self.clock.now()
        with self.db.read() as s:
            ids = None if actor.community_ids is None else sorted(actor.community_ids)
            own = (actor.user_id or -1) if actor.role == "technician" else None
            orders = repo.finished_orders(s, ids, own)
            # one query for every assignee, as status reads them (a round trip each, remotely)
            names = accounts_repo.usernames(
                s, (o.assignee_id for o in orders if o.assignee_id is not None)
            )
            out: dict[str, OpenClock] = {}
            for o, clock, t in _clocks(s, orders, now):
                if not clock.cancelled:
                    assignee = names.get(o.assignee_id) if o.assignee_id else None
                    out[o.number] = self._open_clock(o, clock, t, assignee)
            return out

    def clock_of(self, actor: Actor, number: str, now: datetime | None = None) -> OpenClock | None:
        """Return one work order's clocks, open or not (a resolved or closed order's stopped
        clocks: met, or missed by how much), read as :meth:`status` reads them.

        None when the work order has no SLA policy or was cancelled (outside every figure).

        Raises:
            NotFound: no such work order among those the actor sees.
        """
        from ...db.repos import workorders as wo_repo

        actor.require("read")
        now = now or self.clock.now()
        with self.db.read() as s:
            found = wo_repo.with_assignee_name(s, number)
            o, assignee = found if found is not None else (None, None)
            if (
                o is None
                or not actor.sees_community(o.community_id)
                or (actor.role == Role.TECHNICIAN and o.assignee_id != actor.user_id)
            ):
                raise NotFound.of("no work order {number}", number=number)
            for _, clock, t in _clocks(s, [o], now):
                if not clock.cancelled:
                    return self._open_clock(o, clock, t, assignee)
            return None

    def check_reminders(self, now: datetime | None = None) -> list[SlaEvent]:
        """Fire the reminders now due: at the warning ratio and at the deadline, once each per
        work order and clock (stored in SlaReminder). Returns the new ones for the UI/tray."""
        from ..context import SYSTEM

        now = now or self.clock.now()
        fired: list[SlaEvent] = []
        with self.db.write() as s:
            items = self._open_clocks(s, SYSTEM, now)
            done = repo.fired_reminders(s, [o.id for o, _, _ in items])
            notify_cache: dict[int, tuple[str, ...]] = {}
            for o, clock, t in items:
                for target, reading in (
                    ("response", clock.response),
                    ("resolution", clock.resolution),
                ):
                    if reading.state not in ("running", "paused"):
                        continue
                    due = []
                    if reading.seconds >= reading.warning_seconds:
                        due.append("at_risk")
                    if reading.breached:
                        due.append("breached")
                    for kind in due:
                        if (o.id, target, kind) in done:
                            continue
                        s.add(
                            SlaReminder(work_order_id=o.id, target=target, kind=kind, fired_at=now)
                        )
                        if o.community_id not in notify_cache:
                            notify_cache[o.community_id] = tuple(
                                u.username for u in repo.escalation_users(s, o.community_id)
                            )
                        assignee = s.get(User, o.assignee_id) if o.assignee_id else None
                        event = SlaEvent(
                            o.number,
                            target,
                            kind,
                            now,
                            rules.deadline_for(
                                reading, t.calendar, warning=kind == "at_risk", tz=t.calendar.tz
                            ),
                            o.priority,
                            o.title_msg,
                            assignee.username if assignee else None,
                            o.community_id,
                            notify_cache[o.community_id],
                        )
                        fired.append(event)
                        audit.record(
                            s,
                            now,
                            SYSTEM,
                            f"sla.{kind}",
                            "work_order",
                            o.number,
                            after={"target": target, "notify": list(event.notify)},
                        )
        return fired

    # availability -----------------------------------------------------------------
    def availability(
        self,
        actor: Actor,
        start: datetime,
        end: datetime,
        *,
        devices: list[str] | None = None,
        community: str | None = None,
    ) -> list[DeviceAvailability]:
        """Return each device's availability over [start, end) from its health spans.

        Maintenance windows (the device's or its community's) count neither as up nor as
        down; unknown time (no span, or health unknown) is reported apart. Time after now
        is not counted.
        """
        actor.require("read")
        if start.tzinfo is None or end.tzinfo is None:
            raise ValidationError.of("availability: times need a time zone offset")
        if end <= start:
            raise ValidationError.of("availability: the end is not after the start")
        end = min(end, self.clock.now())
        with self.db.read() as s:
            ids = community_ids(s, actor, community)
            devs = repo.availability_devices(s, asset_tags=devices, community_ids=ids)
            if devices is not None:
                missing = sorted(set(devices) - {d.asset_tag for d in devs})
                if missing:
                    raise NotFound.of(
                        "no device with asset tag {missing_0!r}", missing_0=missing[0]
                    )
            if end <= start:
                return [device_availability(d, [], [], 0, 0) for d in devs]
            spans = repo.health_span_micros(s, [d.id for d in devs], start, end)
            windows = repo.maintenance_windows(
                s, [d.id for d in devs], sorted({d.community_id for d in devs}), start, end
            )
        # integer microseconds since the epoch: 60,000 spans a month at 10,000 devices
        t0, t1 = micros(start), micros(end)
        by_device: dict[int, list[tuple[int, str, int, int | None]]] = {}
        for sp in spans:
            by_device.setdefault(sp[0], []).append(sp)
        of_device: dict[int, list[tuple[int, int]]] = {}
        of_community: dict[int, list[tuple[int, int]]] = {}
        for w in windows:
            span = (max(micros(w.starts_at), t0), min(micros(w.ends_at), t1))
            if w.device_id is not None:
                of_device.setdefault(w.device_id, []).append(span)
            elif w.community_id is not None:
                of_community.setdefault(w.community_id, []).append(span)
        out = []
        for d in devs:
            mine = of_device.get(d.id, []) + of_community.get(d.community_id, [])
            out.append(device_availability(d, by_device.get(d.id, []), merge(mine), t0, t1))
        return out


def _place(d: repo.OrderDetail | None) -> str:
    if d is None:
        return ""
    return " · ".join(x for x in (d.community, d.zone, d.location) if x)
