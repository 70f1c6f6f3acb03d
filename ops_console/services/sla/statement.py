"""The SLA statement (结算单) of a contract and period: every figure it prints, its number, and
the issued statements kept with their revisions.

The SLA arithmetic is ``services.sla.service``'s; this module adds what a payment needs on top of it:
the availability penalty, the monthly cap over both, the fee and the payable, the number, and
the record of what was issued (figures as JSON with their SHA-256), so that printing a month
again either reproduces the issued figures or says exactly how they differ.
"""

from __future__ import annotations

import calendar as _calendar
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from ...db.engine import Database
from ...db.models import SlaStatement
from ...db.repos import accounts as accounts_repo
from ...db.repos import contracts as contracts_repo
from ...db.repos import workorders as workorders_repo
from ...domain import verification
from ...domain.clock import Clock
from ...domain.errors import NotFound, ValidationError
from ...domain.messages import Msg
from ...domain.text import name_and_login
from .. import audit
from ..context import Actor
from ..formats import JsonFields
from .contract_terms import AvailabilityTerm, availability_penalty
from .contracts import ContractInfo, ContractsService, PolicyInfo
from .service import PauseEntry, SlaReport, SlaService

CENT = Decimal("0.01")


def _money(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


@dataclass(frozen=True)
class CalendarInfo:
    """A working calendar as the statement prints it in full.

    Attributes:
        hours: weekday code (mon … sun) → spans ``HH:MM-HH:MM``; None for 24×7.
        holidays: the holidays falling in the period.
        makeup: the make-up working days (调休) falling in the period → the weekday worked.
    """

    name: str
    hours: dict[str, list[str]] | None
    holidays: tuple[date, ...]
    makeup: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class AvailabilityLine:
    """One availability term judged over one calendar month of the period.

    Attributes:
        scope: a device category, or ``all`` (the devices no category term covers).
        ok_s: up or degraded seconds; ``known_s`` adds the down ones; ``unknown_s`` apart.
        steps: started 0.1-point steps below the target.
    """

    year: int
    month: int
    scope: str
    devices: int
    ok_s: int
    known_s: int
    unknown_s: int
    maintenance_s: int
    target: Decimal
    penalty_per_point: Decimal
    steps: int
    penalty: Decimal

    @property
    def availability(self) -> float | None:
        return self.ok_s / self.known_s if self.known_s else None


@dataclass(frozen=True)
class MonthLine:
    """A calendar month of the period: SLA charges and availability penalty, then the cap."""

    year: int
    month: int
    sla: Decimal
    availability: Decimal
    uncapped: Decimal
    cap: Decimal
    capped: Decimal


@dataclass(frozen=True)
class IssuedStatement(JsonFields):
    """An issued statement as recorded (``figures``: the JSON printed then)."""

    number: str
    contract: str
    year: int
    month: int
    revision: int
    replaces: str | None
    issued_at: datetime
    issued_by: str
    sha256: str
    figures: dict[str, Any]

    # ``statements --format json``: the month as YYYY-MM and two of the figures, not all
    json_fields = ("number", "contract", "revision", "replaces", "issued_at", "issued_by", "sha256")

    def to_json(self) -> dict[str, Any]:
        return super().to_json() | {
            "month": f"{self.year}-{self.month:02d}",
            "payable": self.figures.get("payable"),
            "penalty": self.figures.get("penalty"),
        }


@dataclass(frozen=True)
class UnverifiedClose:
    """A work order closed by a manager without the liaison's verification (an override).

    Attributes:
        closed_at: when it was closed (UTC).
        closed_by: who closed it (user name).
        reason: the manager's written reason.
    """

    number: str
    title: Msg
    community: str
    closed_at: datetime
    closed_by: str
    reason: str


@dataclass(frozen=True)
class Statement:
    """Everything the statement prints.

    Attributes:
        month: (year, month) when the period is exactly one calendar month, else None (then
            the statement has no number, cannot be issued, and no payable is computed).
        number: this printout's number: the issued one it matches, the one it was just issued
            under, or (a draft) the one it would be issued under.
        state: ``draft`` (month never issued), ``issued`` (just issued now), ``matches`` (same
            figures as an issued revision), ``differs`` (the figures changed since the latest
            issued revision: not a valid statement until issued again), ``revision`` (issued
            now as a new revision replacing ``replaces``), ``none`` (not a single month).
        differences: what changed against ``replaces`` / the latest issued revision.
        fee: the monthly fee × whole months of the period; None when not whole months.
        payable: fee − capped penalty; None when not whole months.
    """

    contract: ContractInfo
    date_from: date
    date_to: date
    start: datetime
    end: datetime
    report: SlaReport
    pauses: tuple[PauseEntry, ...]
    policies: tuple[PolicyInfo, ...]
    calendars: tuple[CalendarInfo, ...]
    availability: tuple[AvailabilityLine, ...]
    months: tuple[MonthLine, ...]
    penalty_uncapped: Decimal
    penalty: Decimal
    fee: Decimal | None
    payable: Decimal | None
    month: tuple[int, int] | None
    number: str | None
    state: str
    revision: int = 0
    replaces: str | None = None
    issued_at: datetime | None = None
    issued_by: str | None = None
    differences: tuple[str, ...] = ()
    figures: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""
    # closes without the liaison in the period: listed, not part of the figures
    unverified: tuple[UnverifiedClose, ...] = ()


def statement_number(code: str, year: int, month: int, revision: int) -> str:
    """``HB-2026-202611-01``: the contract, the month, the revision (two digits)."""
    return f"{code}-{year:04d}{month:02d}-{revision:02d}"


def whole_month(date_from: date, date_to: date) -> tuple[int, int] | None:
    """Return (year, month) when the period is exactly one calendar month."""
    last = _calendar.monthrange(date_from.year, date_from.month)[1]
    if date_from.day == 1 and date_to == date_from.replace(day=last):
        return date_from.year, date_from.month
    return None


def _whole_months(date_from: date, date_to: date) -> int | None:
    """The number of calendar months the period is made of, or None when it is not whole."""
    if date_from.day != 1 or (date_to + timedelta(days=1)).day != 1 or date_to < date_from:
        return None
    return (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1


def _months(
    start: datetime, end: datetime, tz: tzinfo
) -> list[tuple[int, int, datetime, datetime]]:
    """The calendar months overlapping [start, end), each clipped to it (local months)."""
    out = []
    local = start.astimezone(tz)
    y, m = local.year, local.month
    while True:
        m_start = datetime(y, m, 1, tzinfo=tz)
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        m_end = datetime(ny, nm, 1, tzinfo=tz)
        if m_start >= end:
            break
        out.append((y, m, max(start, m_start), min(end, m_end)))
        y, m = ny, nm
    return out


def canonical_figures(figures: dict[str, Any]) -> str:
    return json.dumps(figures, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def figures_digest(figures: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_figures(figures).encode("utf-8")).hexdigest()


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """List what differs between two statements' figures, in plain words (English keys).

    Totals first (``payable: 72000.00 → 71500.00``), then each work order added, dropped or
    charged differently, then each availability line.
    """
    out: list[str] = []
    for key in sorted(set(old) | set(new)):
        if key in ("work_orders", "availability", "months"):
            continue
        if old.get(key) != new.get(key):
            out.append(f"{key}: {old.get(key)} → {new.get(key)}")
    for key, label in (("months", "month"), ("availability", "availability")):
        a = {_line_key(x): x for x in old.get(key, [])}
        b = {_line_key(x): x for x in new.get(key, [])}
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                out.append(f"{label} {k}: {_brief(a.get(k))} → {_brief(b.get(k))}")
    olds = {w["number"]: w for w in old.get("work_orders", [])}
    news = {w["number"]: w for w in new.get("work_orders", [])}
    for number in sorted(set(olds) | set(news)):
        was, now = olds.get(number), news.get(number)
        if was == now:
            continue
        if was is None and now is not None:
            out.append(f"{number}: added (charged now {now['charged_now']})")
        elif now is None and was is not None:
            out.append(f"{number}: no longer counted (was charged {was['charged_now']})")
        elif was is not None and now is not None:
            changed = [
                f"{k} {was.get(k)} → {now.get(k)}" for k in sorted(now) if was.get(k) != now.get(k)
            ]
            out.append(f"{number}: " + "; ".join(changed))
    return out


def _line_key(line: dict[str, Any]) -> str:
    return str(line.get("month", "")) + (f" {line['scope']}" if "scope" in line else "")


def _brief(line: dict[str, Any] | None) -> str:
    if line is None:
        return "none"
    return ", ".join(f"{k} {v}" for k, v in sorted(line.items()) if k not in ("month", "scope"))


def _figures(st: Statement) -> dict[str, Any]:
    """The figures an issued statement keeps (and its digest covers): what a payment rests on."""
    t = st.report.totals

    def ratio(v: float | None) -> str | None:
        return None if v is None else f"{v:.6f}"

    return {
        "contract": st.contract.code,
        "from": st.date_from.isoformat(),
        "to": st.date_to.isoformat(),
        "monthly_fee": _money(st.contract.monthly_fee),
        "cap_ratio": str(Decimal(st.contract.penalty_cap_ratio).normalize()),
        "fee": None if st.fee is None else _money(st.fee),
        "penalty_uncapped": _money(st.penalty_uncapped),
        "penalty": _money(st.penalty),
        "payable": None if st.payable is None else _money(st.payable),
        "count": t.count,
        "breaches": t.breaches,
        "response_compliance": ratio(t.response_compliance),
        "resolution_compliance": ratio(t.resolution_compliance),
        "months": [
            {
                "month": f"{m.year}-{m.month:02d}",
                "sla": _money(m.sla),
                "availability": _money(m.availability),
                "uncapped": _money(m.uncapped),
                "capped": _money(m.capped),
            }
            for m in st.months
        ],
        "availability": [
            {
                "month": f"{a.year}-{a.month:02d}",
                "scope": a.scope,
                "ok_s": a.ok_s,
                "known_s": a.known_s,
                "unknown_s": a.unknown_s,
                "penalty": _money(a.penalty),
            }
            for a in st.availability
        ],
        "work_orders": [
            {
                "number": r.number,
                "late_before": f"{r.minutes_late_before:.1f}",
                "late_now": f"{r.minutes_late:.1f}",
                "charged_before": _money(r.penalty_before),
                "charged_now": _money(r.penalty),
            }
            for r in st.report.rows
            if r.resolution_breached or r.penalty
        ],
    }


def _issued(row: SlaStatement, code: str, replaces: str | None) -> IssuedStatement:
    return IssuedStatement(
        row.number,
        code,
        row.year,
        row.month,
        row.revision,
        replaces,
        row.issued_at,
        row.issued_by,
        row.figures_sha256,
        json.loads(row.figures_json),
    )


class StatementService:
    """SLA statements: computed, numbered, issued and kept."""

    def __init__(
        self, db: Database, clock: Clock, sla: SlaService, contracts: ContractsService
    ) -> None:
        self.db = db
        self.clock = clock
        self.sla = sla
        self.contracts = contracts

    # computing --------------------------------------------------------------------
    def statement(
        self, actor: Actor, code: str, date_from: date, date_to: date, *, issue: bool = False
    ) -> Statement:
        """Compute a contract's statement for the period; with ``issue``, issue it.

        Issuing records revision 1 of a month never issued; a month already issued with the
        same figures is not issued again (the statement keeps its number); changed figures are
        issued as the next revision, which replaces the previous one and lists the differences.

        Raises:
            ValidationError: issuing a period that is not one calendar month, or a month not
                over yet.
            PermissionDenied: issuing without the right (managers and admins issue).
            NotFound: an unknown contract.
        """
        actor.require("read")
        if issue:
            actor.require("statement.issue")
        report = self.sla.report(actor, code, date_from, date_to)
        contract = self.contracts.get(actor, code)
        pauses = tuple(self.sla.pause_ledger(actor, code, date_from, date_to))
        policies = tuple(self._policies_in_force(actor, code, report.start, report.end))
        calendars = self._calendars(code, report.start, report.end, contract.timezone)
        availability = tuple(self._availability(actor, contract, report.start, report.end))
        months = self._month_lines(contract, report, availability)
        uncapped = sum((m.uncapped for m in months), Decimal(0))
        capped = sum((m.capped for m in months), Decimal(0))
        n_months = _whole_months(date_from, date_to)
        fee = None if n_months is None else Decimal(contract.monthly_fee) * n_months
        month = whole_month(date_from, date_to)
        st = Statement(
            contract,
            date_from,
            date_to,
            report.start,
            report.end,
            report,
            pauses,
            policies,
            calendars,
            availability,
            months,
            uncapped,
            capped,
            fee,
            None if fee is None else fee - capped,
            month,
            None,
            "none" if month is None else "draft",
            unverified=self._unverified(contract.id, report.start, report.end),
        )
        figures = _figures(st)
        st = replace(st, figures=figures, sha256=figures_digest(figures))
        if month is None:
            if issue:
                raise ValidationError.of(
                    "--issue: a statement is issued for one calendar month "
                    "(--from YYYY-MM-01 --to the month's last day)"
                )
            return self._named(st)
        if issue:
            return self._named(self._issue(actor, st, month))
        return self._named(self._compare(st, month))

    def _named(self, st: Statement) -> Statement:
        """People on the statement by name, their login beside it ("王芳 (wang.fang)"): who
        issued it, who closed without the liaison, who held and resumed each pause."""
        logins = [u.closed_by for u in st.unverified]
        logins += [who for p in st.pauses for who in (p.held_by, p.resumed_by) if who]
        if st.issued_by:
            logins.append(st.issued_by)
        if not logins:
            return st
        with self.db.read() as s:
            names = accounts_repo.display_names(s, logins)

        def named(login: str) -> str:
            return name_and_login(names.get(login), login)

        return replace(
            st,
            issued_by=None if st.issued_by is None else named(st.issued_by),
            unverified=tuple(replace(u, closed_by=named(u.closed_by)) for u in st.unverified),
            pauses=tuple(
                replace(
                    p,
                    held_by=p.held_by and named(p.held_by),
                    resumed_by=p.resumed_by and named(p.resumed_by),
                )
                for p in st.pauses
            ),
        )

    def _unverified(
        self, contract_id: int, start: datetime, end: datetime
    ) -> tuple[UnverifiedClose, ...]:
        """The contract's work orders closed in [start, end) without the liaison."""
        with self.db.read() as s:
            names = {c.id: c.name for c in workorders_repo.communities_by_name(s).values()}
            rows = workorders_repo.close_events(
                s,
                _utc(start),
                _utc(end),
                contract_id=contract_id,
                reason_codes=[verification.CLOSED_UNVERIFIED],
            )
            return tuple(
                UnverifiedClose(
                    wo.number,
                    wo.title_msg,
                    names.get(wo.community_id, ""),
                    ev.at,
                    ev.actor,
                    ev.override_reason or "",
                )
                for wo, ev in rows
            )

    def _compare(self, st: Statement, month: tuple[int, int]) -> Statement:
        history = self.issued(st.contract.code, *month)
        if not history:
            number = statement_number(st.contract.code, *month, 1)
            return replace(st, number=number, state="draft", revision=1)
        latest = history[-1]
        for h in history:
            if h.sha256 == st.sha256:
                return replace(
                    st,
                    number=h.number,
                    state="matches",
                    revision=h.revision,
                    replaces=h.replaces,
                    issued_at=h.issued_at,
                    issued_by=h.issued_by,
                )
        return replace(
            st,
            number=statement_number(st.contract.code, *month, latest.revision + 1),
            state="differs",
            revision=latest.revision + 1,
            replaces=latest.number,
            differences=tuple(differences(latest.figures, st.figures)),
        )

    def _issue(self, actor: Actor, st: Statement, month: tuple[int, int]) -> Statement:
        year, mon = month
        period_end = st.end
        now = self.clock.now()
        if now < period_end:
            raise ValidationError.of(
                "--issue: {month} has not ended yet: a statement is issued after the month's "
                "end ({end})",
                month=f"{year}-{mon:02d}",
                end=period_end.isoformat(),
            )
        with self.db.write() as s:
            c = contracts_repo.contract_by_code(s, st.contract.code)
            if c is None:  # pragma: no cover - report() found it a moment ago
                raise NotFound.of('no contract with code "{code}"', code=st.contract.code)
            rows = contracts_repo.statements(s, c.id, year, mon)
            latest = rows[-1] if rows else None
            if latest is not None and latest.figures_sha256 == st.sha256:
                prev = next((r.number for r in rows if r.id == latest.replaces_id), None)
                return replace(
                    st,
                    number=latest.number,
                    state="matches",
                    revision=latest.revision,
                    replaces=prev,
                    issued_at=latest.issued_at,
                    issued_by=latest.issued_by,
                )
            revision = 1 if latest is None else latest.revision + 1
            number = statement_number(st.contract.code, year, mon, revision)
            diff = (
                ()
                if latest is None
                else tuple(differences(json.loads(latest.figures_json), st.figures))
            )
            row = SlaStatement(
                number=number,
                contract_id=c.id,
                year=year,
                month=mon,
                revision=revision,
                replaces_id=None if latest is None else latest.id,
                figures_json=canonical_figures(st.figures),
                figures_sha256=st.sha256,
                issued_at=now,
                issued_by=actor.username,
            )
            audit.created(
                s,
                row,
                now,
                actor,
                "sla_statement.issue",
                "sla_statement",
                number,
                after={
                    "contract": st.contract.code,
                    "month": f"{year}-{mon:02d}",
                    "revision": revision,
                    "replaces": None if latest is None else latest.number,
                    "payable": st.figures["payable"],
                    "penalty": st.figures["penalty"],
                    "sha256": st.sha256,
                },
            )
        return replace(
            st,
            number=number,
            state="issued" if latest is None else "revision",
            revision=revision,
            replaces=None if latest is None else latest.number,
            issued_at=now,
            issued_by=actor.username,
            differences=diff,
        )

    # issued statements ------------------------------------------------------------
    def issued(self, code: str, year: int, month: int) -> list[IssuedStatement]:
        """Return the issued revisions of a contract's month, oldest first."""
        with self.db.read() as s:
            c = contracts_repo.contract_by_code(s, code)
            if c is None:
                return []
            rows = contracts_repo.statements(s, c.id, year, month)
            numbers = {r.id: r.number for r in rows}
            return [
                _issued(r, code, numbers.get(r.replaces_id) if r.replaces_id else None)
                for r in rows
            ]

    def list_issued(self, actor: Actor, code: str | None = None) -> list[IssuedStatement]:
        """Return every issued statement the actor may see (of one contract), newest first."""
        actor.require("read")
        visible = {c.code for c in self.contracts.list(actor)}
        if code is not None and code not in visible:
            raise NotFound.of('--contract: no contract with code "{code}"', code=code)
        out: list[IssuedStatement] = []
        with self.db.read() as s:
            rows = contracts_repo.statements(s)
            numbers = {r.id: r.number for r in rows}
            codes = {c.id: c.code for c in contracts_repo.all_contracts(s)}
            for r in rows:
                c_code = codes[r.contract_id]
                if c_code not in visible or (code is not None and c_code != code):
                    continue
                out.append(
                    _issued(r, c_code, numbers.get(r.replaces_id) if r.replaces_id else None)
                )
        return sorted(out, key=lambda i: (i.year, i.month, i.contract, i.revision), reverse=True)

    # the parts --------------------------------------------------------------------
    def _policies_in_force(
        self, actor: Actor, code: str, start: datetime, end: datetime
    ) -> list[PolicyInfo]:
        policies = self.contracts.policies(actor, code)
        out = []
        for i, p in enumerate(policies):
            until = policies[i + 1].effective_from if i + 1 < len(policies) else None
            if _utc(p.effective_from) < end and (until is None or _utc(until) > start):
                out.append(p)
        return out or policies[-1:]

    def _calendars(
        self, code: str, start: datetime, end: datetime, tz_name: str
    ) -> tuple[CalendarInfo, ...]:
        from zoneinfo import ZoneInfo

        tz = ZoneInfo(tz_name)
        first, last = (
            start.astimezone(tz).date(),
            (end - timedelta(seconds=1)).astimezone(tz).date(),
        )
        seen: dict[str, CalendarInfo] = {}
        with self.db.read() as s:
            c = contracts_repo.contract_by_code(s, code)
            if c is None:
                return ()
            for p in contracts_repo.policies(s, c.id):
                for t in p.terms:
                    cal = t.calendar
                    if cal is None or cal.always_open or cal.name in seen:
                        continue
                    holidays = tuple(
                        d
                        for d in (date.fromisoformat(x) for x in json.loads(cal.holidays_json))
                        if first <= d <= last
                    )
                    makeup = tuple(
                        (d, w)
                        for d, w in (
                            (date.fromisoformat(k), v)
                            for k, v in sorted(json.loads(cal.makeup_json).items())
                        )
                        if first <= d <= last
                    )
                    seen[cal.name] = CalendarInfo(
                        cal.name, json.loads(cal.hours_json), holidays, makeup
                    )
        return tuple(seen.values())

    def _availability(
        self, actor: Actor, contract: ContractInfo, start: datetime, end: datetime
    ) -> Iterable[AvailabilityLine]:
        terms: tuple[AvailabilityTerm, ...] = contract.availability
        if not terms:
            return []
        from zoneinfo import ZoneInfo

        tz = ZoneInfo(contract.timezone)
        by_scope = {t.scope: t for t in terms}
        out: list[AvailabilityLine] = []
        for year, month, a, b in _months(start, end, tz):
            sums: dict[str, list[int]] = {}
            for community in contract.communities:
                for d in self.sla.availability(actor, a, b, community=community):
                    scope = d.category if d.category in by_scope else "all"
                    if scope not in by_scope:
                        continue
                    acc = sums.setdefault(scope, [0, 0, 0, 0, 0])
                    acc[0] += 1
                    acc[1] += d.up_s + d.degraded_s
                    acc[2] += d.up_s + d.degraded_s + d.down_s
                    acc[3] += d.unknown_s
                    acc[4] += d.maintenance_s
            for t in terms:
                n, ok, known, unknown, maint = sums.get(t.scope, [0, 0, 0, 0, 0])
                steps, penalty = availability_penalty(t, ok, known)
                out.append(
                    AvailabilityLine(
                        year,
                        month,
                        t.scope,
                        n,
                        ok,
                        known,
                        unknown,
                        maint,
                        t.target,
                        t.penalty_per_point,
                        steps,
                        penalty,
                    )
                )
        return out

    @staticmethod
    def _month_lines(
        contract: ContractInfo, report: SlaReport, availability: tuple[AvailabilityLine, ...]
    ) -> tuple[MonthLine, ...]:
        from zoneinfo import ZoneInfo

        cap = (Decimal(contract.monthly_fee) * Decimal(contract.penalty_cap_ratio)).quantize(CENT)
        sla = {(m.year, m.month): m.uncapped for m in report.totals.months}
        av: dict[tuple[int, int], Decimal] = {}
        for a in availability:
            av[(a.year, a.month)] = av.get((a.year, a.month), Decimal(0)) + a.penalty
        months = {
            (y, m) for y, m, _, _ in _months(report.start, report.end, ZoneInfo(contract.timezone))
        }
        out = []
        for key in sorted(months | set(sla)):
            s_part, a_part = sla.get(key, Decimal(0)), av.get(key, Decimal(0))
            uncapped = s_part + a_part
            out.append(MonthLine(*key, s_part, a_part, uncapped, cap, min(uncapped, cap)))
        return tuple(out)


def _utc(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


__all__ = [
    "AvailabilityLine",
    "CalendarInfo",
    "IssuedStatement",
    "MonthLine",
    "Statement",
    "StatementService",
    "differences",
    "statement_number",
    "whole_month",
]
