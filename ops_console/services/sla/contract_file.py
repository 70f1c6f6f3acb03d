"""The contract TOML file: parsing and validation, and calendars/terms as the SLA rules use them."""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Any

from ...db.models import SlaTerm
from ...domain import bounds
from ...domain.bounds import MINUTES_MAX, RATIO_MAX
from ...domain.calendar import WEEKDAYS, BusinessCalendar, parse_date, parse_timezone
from ...domain.clock import DEFAULT_TIMEZONE
from ...domain.errors import Problem, ValidationError, problems_of
from ...domain.lifecycle import HoldReason
from ...domain.sla import SlaTerms
from ..formats import problems_error
from .contract_terms import AvailabilityTerm, Parties, parse_availability, parse_parties

ALWAYS = "24x7"
_TABLES = ("contract", "calendar", "sla", "pause", "parties", "availability")
TERM_KEYS = ("P1", "P2", "P3", "P4", "cleaning")
_CONTRACT_KEYS = {
    "code",
    "name",
    "firm",
    "communities",
    "start",
    "end",
    "monthly_fee",
    "penalty_cap_ratio",
    "timezone",
}
_TERM_FIELDS = {
    "response_minutes",
    "resolution_minutes",
    "calendar",
    "penalty_per_breach",
    "penalty_per_hour",
    "warning_ratio",
}


@dataclass(frozen=True)
class CalendarSpec:
    """A named working calendar in its canonical stored form.

    Attributes:
        hours: weekday → spans as ``HH:MM-HH:MM`` (``24:00`` for midnight at the day's end).
        holidays: ISO dates, sorted.
        makeup: ISO date → weekday code.
    """

    name: str
    timezone: str
    hours: dict[str, list[str]]
    holidays: list[str]
    makeup: dict[str, str]

    def content(self) -> dict[str, Any]:
        return {
            "timezone": self.timezone,
            "hours": self.hours,
            "holidays": self.holidays,
            "makeup": self.makeup,
        }


@dataclass(frozen=True)
class TermSpec:
    key: str
    response_minutes: int
    resolution_minutes: int
    calendar: str  # ALWAYS or the calendar's name
    warning_ratio: Decimal
    penalty_per_breach: Decimal
    penalty_per_hour: Decimal


@dataclass(frozen=True)
class ContractSpec:
    """A contract file, validated."""

    code: str
    name: str
    firm: str
    communities: tuple[str, ...]
    start: date
    end: date
    monthly_fee: Decimal
    penalty_cap_ratio: Decimal
    timezone: str
    calendar: CalendarSpec | None
    terms: tuple[TermSpec, ...]
    # [pause] stops_clock: the hold reasons that stop the clocks; None: every reason does
    stops_clock: tuple[str, ...] | None = None
    parties: Parties = field(default_factory=Parties)
    availability: tuple[AvailabilityTerm, ...] = ()

    def policy_digest(self) -> str:
        """A digest of the SLA terms with their calendars' content: equal means unchanged."""
        payload = []
        for t in self.terms:
            cal = None if t.calendar == ALWAYS or self.calendar is None else self.calendar.content()
            payload.append(
                [
                    t.key,
                    t.response_minutes,
                    t.resolution_minutes,
                    cal if cal is not None else {"always": self.timezone},
                    str(t.warning_ratio),
                    str(t.penalty_per_breach),
                    str(t.penalty_per_hour),
                ]
            )
        if self.stops_clock is not None:  # absent: the digest of the files before [pause]
            payload.append(["stops_clock", sorted(self.stops_clock)])
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _span_text(start: time, end: time) -> str:
    e = "24:00" if end == time(0) else end.strftime("%H:%M")
    return f"{start.strftime('%H:%M')}-{e}"


def canonical_calendar(name: str, cal: BusinessCalendar) -> CalendarSpec:
    """Return the stored form of a parsed calendar."""
    return CalendarSpec(
        name=name,
        timezone=cal.timezone,
        hours={
            WEEKDAYS[i]: [_span_text(s, e) for s, e in spans] for i, spans in enumerate(cal.week)
        },
        holidays=sorted(d.isoformat() for d in cal.holidays),
        makeup={d.isoformat(): WEEKDAYS[w] for d, w in sorted(cal.makeup_days.items())},
    )


def _decimal(
    value: object,
    where: str,
    problems: list[str],
    *,
    default: Decimal | None = None,
    money: bool = True,
) -> Decimal:
    """An amount (finite, 0 or more, two decimals, bounded) or, with ``money=False``, a ratio."""
    if value is None and default is not None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems.append(
            Problem.of("{where}: expected a number, got {value}", where=where, value=repr(value))
        )
        return Decimal(0)
    try:
        if money:
            return bounds.decimal(value, where)
        return bounds.decimal(value, where, high=RATIO_MAX, places=4)
    except ValidationError as exc:
        problems.extend(problems_of(exc))
        return Decimal(0)


def _unknown_keys(
    table: Mapping[str, Any], known: Set[str], place: str, problems: list[str]
) -> None:
    problems.extend(
        Problem.of('{place}: unknown key "{key}"', place=place, key=key)
        for key in table
        if key not in known
    )


def _text(table: Mapping[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(
            Problem.of("{where}.{key}: missing (a text is required)", where=where, key=key)
        )
        return ""
    return value.strip()


def _minutes(table: Mapping[str, Any], key: str, where: str, problems: list[str]) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        problems.append(
            Problem.of(
                "{where}.{key}: expected a positive whole number of minutes, got {value}",
                where=where,
                key=key,
                value=repr(value),
            )
        )
        return 1
    try:  # within a year: a target beyond it is a typo, and overflows the database
        return bounds.whole(value, f"{where}.{key}", 1, MINUTES_MAX)
    except ValidationError as exc:
        problems.extend(problems_of(exc))
        return 1


def parse_contract(text: str, where: str = "contract.toml") -> ContractSpec:
    """Parse and validate a contract file's text.

    Raises:
        ValidationError: every problem found, each as ``contract.toml: place: problem``.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError.of(
            "{where}: not valid TOML: {error}", where=where, error=exc
        ) from None
    problems: list[str] = []
    for key in data:
        if key not in _TABLES:
            problems.append(
                Problem.of(
                    'unknown table "{key}" (expected {tables})', key=key, tables=", ".join(_TABLES)
                )
            )
    c = data.get("contract")
    if not isinstance(c, dict):
        raise ValidationError.of("{where}: missing the [contract] table", where=where)
    _unknown_keys(c, _CONTRACT_KEYS, "contract", problems)
    code = _text(c, "code", "contract", problems)
    name = _text(c, "name", "contract", problems)
    firm = _text(c, "firm", "contract", problems)
    raw_communities = c.get("communities")
    communities: tuple[str, ...] = ()
    if (
        not isinstance(raw_communities, list)
        or not raw_communities
        or not all(isinstance(x, str) and x.strip() for x in raw_communities)
    ):
        problems.append(Problem.of("contract.communities: expected a list of community names"))
    else:
        communities = tuple(x.strip() for x in raw_communities)
    start = end = date(1970, 1, 1)
    for key in ("start", "end"):
        value = c.get(key)
        try:
            if isinstance(value, date):
                parsed = value
            else:
                parsed = parse_date(value, where=f"contract.{key}")  # type: ignore[arg-type]
        except ValidationError as exc:
            problems.extend(problems_of(exc))
            continue
        if key == "start":
            start = parsed
        else:
            end = parsed
    if end < start:
        problems.append(
            Problem.of(
                "contract.end: {end} is before contract.start {start}",
                end=end.isoformat(),
                start=start.isoformat(),
            )
        )
    fee = _decimal(c.get("monthly_fee"), "contract.monthly_fee", problems)
    cap = _decimal(c.get("penalty_cap_ratio"), "contract.penalty_cap_ratio", problems, money=False)
    if cap.is_finite() and cap > 1:
        problems.append(
            Problem.of(
                "contract.penalty_cap_ratio: {cap} is above 1 (the monthly penalty is capped at "
                "a share of the monthly fee, at most all of it)",
                cap=str(cap),
            )
        )
    timezone = c.get("timezone", DEFAULT_TIMEZONE)
    try:
        parse_timezone(timezone, where="contract.timezone")
    except ValidationError as exc:
        problems.extend(problems_of(exc))
        timezone = DEFAULT_TIMEZONE

    calendar: CalendarSpec | None = None
    calendar_name: str | None = None  # known even when its hours are bad: no follow-on errors
    raw_cal = data.get("calendar")
    if raw_cal is not None:
        if not isinstance(raw_cal, dict):
            problems.append(Problem.of("calendar: expected a table"))
        else:
            cal_name = raw_cal.get("name")
            if not isinstance(cal_name, str) or not cal_name.strip() or cal_name == ALWAYS:
                problems.append(
                    Problem.of(
                        'calendar.name: missing (a name other than "{always}")', always=ALWAYS
                    )
                )
                cal_name = "calendar"
            calendar_name = cal_name.strip()
            try:
                parsed_cal = BusinessCalendar.from_mapping(
                    {k: v for k, v in raw_cal.items() if k != "name"}, timezone=timezone
                )
                calendar = canonical_calendar(cal_name.strip(), parsed_cal)
            except ValidationError as exc:
                problems.extend(problems_of(exc))

    terms: list[TermSpec] = []
    sla = data.get("sla")
    if not isinstance(sla, dict) or not sla:
        problems.append(Problem.of("sla: missing (give at least [sla.P1] … [sla.P4])"))
        sla = {}
    for key, table in sla.items():
        place = f"sla.{key}"
        if key not in TERM_KEYS:
            problems.append(
                Problem.of(
                    "{place}: unknown key (expected one of {keys})", place=place, keys=TERM_KEYS
                )
            )
            continue
        if not isinstance(table, dict):
            problems.append(Problem.of("{place}: expected a table", place=place))
            continue
        before = len(problems)
        _unknown_keys(table, _TERM_FIELDS, place, problems)
        response = _minutes(table, "response_minutes", place, problems)
        resolution = _minutes(table, "resolution_minutes", place, problems)
        if response > resolution:
            problems.append(
                Problem.of(
                    "{place}: response_minutes ({response}) is longer than resolution_minutes "
                    "({resolution}): a fault cannot be fixed before someone responds to it",
                    place=place,
                    response=response,
                    resolution=resolution,
                )
            )
        cal_ref = table.get("calendar", ALWAYS)
        if cal_ref != ALWAYS and cal_ref != calendar_name:
            known = [ALWAYS] + ([calendar_name] if calendar_name else [])
            problems.append(
                Problem.of(
                    '{place}.calendar: "{name}" is not a calendar of this file (known: {known})',
                    place=place,
                    name=str(cal_ref),
                    known=known,
                )
            )
        ratio = _decimal(
            table.get("warning_ratio"),
            f"{place}.warning_ratio",
            problems,
            default=Decimal("0.8"),
            money=False,
        )
        if not Decimal(0) < ratio <= Decimal(1):
            problems.append(
                Problem.of("{place}.warning_ratio: must be above 0 and at most 1", place=place)
            )
        per_breach = _decimal(
            table.get("penalty_per_breach"),
            f"{place}.penalty_per_breach",
            problems,
            default=Decimal(0),
        )
        per_hour = _decimal(
            table.get("penalty_per_hour"), f"{place}.penalty_per_hour", problems, default=Decimal(0)
        )
        if len(problems) == before:
            terms.append(
                TermSpec(key, response, resolution, str(cal_ref), ratio, per_breach, per_hour)
            )
    stops_clock = _pause(data.get("pause"), problems)
    parties, availability = _parties_and_availability(data, communities, problems)
    missing = [k for k in ("P1", "P2", "P3", "P4") if k not in sla]
    if missing:
        problems.append(Problem.of("sla: no terms for {missing}", missing=missing))
    if problems:
        if len(problems) == 1:
            raise ValidationError.of("{where}: {problems_0}", where=where, problems_0=problems[0])
        raise problems_error(
            "{where}: {n_problems} problems",
            [Problem.of("{where}: {problem}", where=where, problem=p) for p in problems],
            where=where,
        )
    return ContractSpec(
        code,
        name,
        firm,
        communities,
        start,
        end,
        fee,
        cap,
        timezone,
        calendar,
        tuple(terms),
        stops_clock,
        parties,
        availability,
    )


def _pause(table: object, problems: list[str]) -> tuple[str, ...] | None:
    """Read ``[pause] stops_clock = [...]``: the hold reason codes that stop the clocks."""
    if table is None:
        return None
    if not isinstance(table, dict):
        problems.append(Problem.of("pause: expected a table"))
        return None
    _unknown_keys(table, {"stops_clock"}, "pause", problems)
    value = table.get("stops_clock")
    known = [r.value for r in HoldReason]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        problems.append(
            Problem.of(
                "pause.stops_clock: expected a list of hold reasons (of {known})",
                known=", ".join(known),
            )
        )
        return None
    for reason in value:
        if reason not in known:
            problems.append(
                Problem.of(
                    'pause.stops_clock: "{reason}" is not a hold reason (known: {known})',
                    reason=reason,
                    known=", ".join(known),
                )
            )
    return tuple(sorted(set(value)))


def _parties_and_availability(
    data: Mapping[str, Any], communities: tuple[str, ...], problems: list[str]
) -> tuple[Parties, tuple[AvailabilityTerm, ...]]:
    from ..inventory import load_categories

    parties = parse_parties(data.get("parties"), communities, problems)
    availability = parse_availability(data.get("availability"), load_categories(), problems)
    return parties, availability


# -- from stored rows to the domain's objects -----------------------------------------------

_CALENDARS: dict[tuple[str, ...], BusinessCalendar] = {}


def domain_calendar(
    timezone: str, hours_json: str | None = None, holidays_json: str = "[]", makeup_json: str = "{}"
) -> BusinessCalendar:
    """Return the domain calendar of a stored calendar (None hours = 24×7), cached.

    Calendars keep per-day caches, so sharing one instance makes reports much faster.
    """
    key = (timezone, hours_json or "", holidays_json, makeup_json)
    cal = _CALENDARS.get(key)
    if cal is None:
        if hours_json is None:
            cal = BusinessCalendar.always(timezone)
        else:
            data: dict[str, Any] = dict(json.loads(hours_json))
            data["holidays"] = json.loads(holidays_json)
            data["makeup_days"] = json.loads(makeup_json)
            cal = BusinessCalendar.from_mapping(data, timezone=timezone)
        _CALENDARS[key] = cal
    return cal


def term_of(term: SlaTerm, contract_timezone: str) -> SlaTerms:
    """Return the domain SLA terms of a stored SlaTerm row."""
    cal_row = term.calendar
    if cal_row is None or cal_row.always_open:
        cal = domain_calendar(cal_row.timezone if cal_row is not None else contract_timezone)
    else:
        cal = domain_calendar(
            cal_row.timezone, cal_row.hours_json, cal_row.holidays_json, cal_row.makeup_json
        )
    return SlaTerms(
        response_minutes=term.response_minutes,
        resolution_minutes=term.resolution_minutes,
        calendar=cal,
        warning_ratio=float(term.warning_ratio),
        penalty_per_breach=Decimal(term.penalty_per_breach),
        penalty_per_hour=Decimal(term.penalty_per_hour),
        stops_clock=stops_clock_of(term.policy.stops_clock_json),
    )


def stops_clock_of(stored: str | None) -> frozenset[str] | None:
    """Return a policy's stored ``stops_clock`` list (None: every hold reason stops the clock)."""
    return None if stored is None else frozenset(json.loads(stored))


def term_key(kind: str, priority: str, available: Mapping[str, Any]) -> str:
    """Which term applies: ``cleaning`` for cleaning orders when the policy has one, else the priority."""
    if kind == "cleaning" and "cleaning" in available:
        return "cleaning"
    return priority
