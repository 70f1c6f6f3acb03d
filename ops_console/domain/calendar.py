"""Business calendars: working hours, holidays, make-up days and the business time they define."""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from itertools import pairwise
from math import floor
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ops_console.domain.bounds import check_year
from ops_console.domain.clock import DEFAULT_TIMEZONE
from ops_console.domain.errors import Problem, ValidationError, problems_of

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_NAMES = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
}
_DAY = 86_400
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# UTC offsets stay within ±14 h; a window of 26 h either side of a local day covers them.
_TZ_REACH = 26 * 3600
# Buckets are built this many UTC days at a time, so a report walking forward rarely rebuilds.
_CHUNK = 32
_HOURS_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

Span = tuple[time, time]
"""Working hours on one day, local wall time; an end of 00:00 means midnight at the day's end."""

# One UTC day of working time: (business position at the day's start, interval starts,
# interval ends, and per interval "position at its start minus its start" so that the
# position of an instant u inside interval j is offs[j] + u).
_Bucket = tuple[int, list[int], list[int], list[int]]


def epoch_seconds(instant: datetime, *, where: str = "time") -> int:
    """Return the instant as whole seconds since 1970-01-01 UTC (sub-seconds dropped).

    Raises:
        ValidationError: the datetime is naive (has no time zone offset).
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValidationError.of(
            "{where}: {instant} has no time zone offset", where=where, instant=instant.isoformat()
        )
    return floor(instant.timestamp())


def parse_timezone(name: str, *, where: str = "timezone") -> ZoneInfo:
    """Return the zoneinfo zone of an IANA name (``Area/City``).

    Raises:
        ValidationError: the name is not a known time zone.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError.of(
            '{where}: "{name}" is not a known time zone', where=where, name=str(name)
        ) from None


def parse_weekday(text: str, *, where: str = "weekday") -> int:
    """Return 0 (Monday) to 6 (Sunday) for a weekday name such as ``fri`` or ``Friday``.

    Raises:
        ValidationError: the text names no weekday.
    """
    key = text.strip().lower() if isinstance(text, str) else ""
    if key not in _WEEKDAY_NAMES:
        raise ValidationError.of(
            '{where}: "{text}" is not a weekday (expected one of {weekdays})',
            where=where,
            text=str(text),
            weekdays=WEEKDAYS,
        )
    return _WEEKDAY_NAMES[key]


def parse_date(text: str, *, where: str = "date") -> date:
    """Return the date of an ISO ``YYYY-MM-DD`` text (a ``date`` passes through).

    Raises:
        ValidationError: the text is not such a date, or its year is not 2000–2100.
    """
    if isinstance(text, date) and not isinstance(text, datetime):
        return check_year(text, where)
    if isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            pass
        else:
            return check_year(day, where)
    raise ValidationError.of(
        '{where}: "{text}" is not a date (expected YYYY-MM-DD)', where=where, text=str(text)
    )


def _clock_seconds(hour: str, minute: str) -> int | None:
    h, m = int(hour), int(minute)
    if m > 59 or h > 24 or (h == 24 and m != 0):
        return None
    return h * 3600 + m * 60


def _span_seconds(span: Span) -> tuple[int, int]:
    start, end = span
    s = start.hour * 3600 + start.minute * 60 + start.second
    e = end.hour * 3600 + end.minute * 60 + end.second
    return s, (e if e else _DAY)


def _seconds_time(seconds: int) -> time:
    return time(0) if seconds >= _DAY else time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def _fail(where: str, problems: list[str]) -> ValidationError:
    if len(problems) == 1:
        return ValidationError.of_problem(problems[0])
    return ValidationError.of(
        "{where}: {n_problems} problems", problems=problems, where=where, n_problems=len(problems)
    )


def parse_hours(items: Sequence[str], where: str = "hours") -> tuple[Span, ...]:
    """Parse one weekday's working hours such as ``["08:30-12:00", "13:30-18:00"]``.

    Ends may be written ``24:00`` (returned as ``time(0)``, midnight at the day's end).
    Spans are returned sorted by start.

    Args:
        items: texts ``HH:MM-HH:MM``; an empty list means no working hours that day.
        where: the place named in error messages, e.g. ``calendar.mon``.

    Raises:
        ValidationError: malformed text, an impossible time ("25:00"), a span ending
            before it starts ("18:00-08:30"), or overlapping spans; naming ``where``.
    """
    if isinstance(items, str) or not isinstance(items, Sequence):
        raise ValidationError.of('{where}: expected a list of "HH:MM-HH:MM" texts', where=where)
    problems: list[str] = []
    parsed: list[tuple[int, int, str]] = []
    for index, item in enumerate(items):
        place = f"{where}[{index}]"
        match = _HOURS_RE.match(item) if isinstance(item, str) else None
        if match is None:
            problems.append(
                Problem.of(
                    '{place}: "{item}" is not a span of hours like "08:30-12:00"',
                    place=place,
                    item=str(item),
                )
            )
            continue
        start = _clock_seconds(match[1], match[2])
        end = _clock_seconds(match[3], match[4])
        if start is None or end is None or start == _DAY:
            problems.append(
                Problem.of(
                    '{place}: "{item}" has a time that is not a time of day (00:00-24:00)',
                    place=place,
                    item=str(item),
                )
            )
        elif end <= start:
            problems.append(
                Problem.of('{place}: "{item}" ends before it starts', place=place, item=str(item))
            )
        else:
            parsed.append((start, end, item.strip()))
    parsed.sort()
    for (_, prev_end, prev_text), (start, _, text) in pairwise(parsed):
        if start < prev_end:
            problems.append(
                Problem.of(
                    '{where}: "{first}" and "{second}" overlap',
                    where=where,
                    first=prev_text,
                    second=text,
                )
            )
    if problems:
        raise _fail(where, problems)
    return tuple((_seconds_time(s), _seconds_time(e)) for s, e, _ in parsed)


def parse_holidays(items: Iterable[str], where: str = "holidays") -> frozenset[date]:
    """Parse a list of ISO dates that are whole days off.

    Raises:
        ValidationError: an item is not a date.
    """
    if isinstance(items, str) or not isinstance(items, Iterable):  # e.g. ``holidays = nan``
        raise ValidationError.of("{where}: expected a list of dates (YYYY-MM-DD)", where=where)
    problems: list[str] = []
    days: set[date] = set()
    for index, item in enumerate(items):
        try:
            days.add(parse_date(item, where=f"{where}[{index}]"))
        except ValidationError as exc:
            problems.extend(problems_of(exc))
    if problems:
        raise _fail(where, problems)
    return frozenset(days)


def parse_makeup_days(items: Mapping[str, str], where: str = "makeup_days") -> dict[date, int]:
    """Parse make-up working days, ``{"2026-10-10": "fri"}`` = worked with Friday's hours.

    Raises:
        ValidationError: a key is not a date or a value names no weekday.
    """
    if not isinstance(items, Mapping):
        raise ValidationError.of('{where}: expected a table of date = "weekday"', where=where)
    problems: list[str] = []
    days: dict[date, int] = {}
    for key, value in items.items():
        try:
            day = parse_date(key, where=where)
            days[day] = parse_weekday(value, where=f"{where}.{key}")
        except ValidationError as exc:
            problems.extend(problems_of(exc))
    if problems:
        raise _fail(where, problems)
    return days


class BusinessCalendar:
    """When the business clock runs: 24×7, or working hours per weekday with exceptions.

    A holiday is a whole day off. A make-up working day (调休) is worked with the hours of a
    named weekday. Hours are local wall time in ``timezone``; an instant is working time when
    its local wall time falls inside the hours of its local date, so DST days come out right.

    Business time is computed from a per-UTC-day cache of the working intervals (as epoch
    seconds) with a running total, so a query costs two small binary searches however long the
    span. The cache only grows; instances are safe to share between threads.

    Attributes:
        timezone: IANA name of the calendar's time zone.
        tz: the ZoneInfo of ``timezone``.
        is_24x7: True when every instant is working time.
        week: per weekday (0 = Monday) the working spans; empty for 24×7.
        holidays: dates off.
        makeup_days: date → weekday whose hours apply that date.
    """

    def __init__(
        self,
        week: Sequence[Sequence[Span]] | None = None,
        *,
        holidays: Iterable[date] = (),
        makeup_days: Mapping[date, int] | None = None,
        timezone: str = DEFAULT_TIMEZONE,
    ) -> None:
        """Build a calendar; ``week=None`` means 24×7.

        Raises:
            ValidationError: not 7 weekdays, bad or overlapping spans, no working hours at
                all, a date both holiday and make-up day, holidays on a 24×7 calendar, or an
                unknown time zone.
        """
        self.timezone = timezone
        self.tz = parse_timezone(timezone, where="calendar.timezone")
        self.is_24x7 = week is None
        self.holidays: frozenset[date] = frozenset(holidays)
        self.makeup_days: Mapping[date, int] = MappingProxyType(dict(makeup_days or {}))
        if week is None:
            if self.holidays or self.makeup_days:
                raise ValidationError.of(
                    "calendar: a 24x7 calendar has no holidays or make-up days; "
                    "give working hours per weekday instead"
                )
            self.week: tuple[tuple[Span, ...], ...] = ()
            self._week_s: tuple[tuple[tuple[int, int], ...], ...] = ()
        else:
            self.week = tuple(tuple(spans) for spans in week)
            self._week_s = self._check_week(self.week)
        both = sorted(self.holidays & set(self.makeup_days))
        if both:
            raise ValidationError.of(
                "calendar: {day} is both a holiday and a make-up working day",
                day=both[0].isoformat(),
            )
        bad = [d for d, wd in self.makeup_days.items() if not 0 <= wd <= 6]
        if bad:
            raise ValidationError.of(
                "calendar.makeup_days: {day} names no weekday", day=bad[0].isoformat()
            )
        self._lock = threading.Lock()
        self._local: dict[int, list[tuple[int, int]]] = {}
        # (first UTC day number, buckets, positions at each bucket start plus one past the end)
        self._state: tuple[int, list[_Bucket], list[int]] = (0, [], [0])

    @staticmethod
    def _check_week(week: tuple[tuple[Span, ...], ...]) -> tuple[tuple[tuple[int, int], ...], ...]:
        if len(week) != 7:
            raise ValidationError.of(
                "calendar: expected hours for 7 weekdays, got {n}", n=len(week)
            )
        result = []
        for index, spans in enumerate(week):
            seconds = sorted(_span_seconds(span) for span in spans)
            for s, e in seconds:
                if e <= s:
                    raise ValidationError.of(
                        "calendar.{day}: a span ends before it starts", day=WEEKDAYS[index]
                    )
            for (_, e1), (s2, _) in pairwise(seconds):
                if s2 < e1:
                    raise ValidationError.of(
                        "calendar.{day}: working spans overlap", day=WEEKDAYS[index]
                    )
            result.append(tuple(seconds))
        if not any(result):
            raise ValidationError.of("calendar: no working hours on any weekday")
        return tuple(result)

    @classmethod
    def always(cls, timezone: str = DEFAULT_TIMEZONE) -> BusinessCalendar:
        """Return the 24×7 calendar: every instant is business time."""
        return cls(None, timezone=timezone)

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, object],
        *,
        timezone: str = DEFAULT_TIMEZONE,
        where: str = "calendar",
    ) -> BusinessCalendar:
        """Build a calendar from a file's table (the ``[calendar]`` of a contract TOML).

        Keys: ``mon`` … ``sun`` (lists of ``HH:MM-HH:MM``; missing = no hours), ``holidays``
        (list of dates), ``makeup_days`` (table date = weekday), optional ``name`` and
        ``timezone`` (overrides the argument).

        Raises:
            ValidationError: every problem found, each naming its place.
        """
        known = {*WEEKDAYS, "holidays", "makeup_days", "name", "timezone"}
        problems: list[str] = [
            Problem.of('{where}: unknown key "{key}"', where=where, key=key)
            for key in data
            if key not in known
        ]
        week: list[tuple[Span, ...]] = []
        for day in WEEKDAYS:
            try:
                week.append(parse_hours(data.get(day, []), where=f"{where}.{day}"))  # type: ignore[arg-type]
            except ValidationError as exc:
                problems.extend(problems_of(exc))
                week.append(())
        holidays: frozenset[date] = frozenset()
        makeup: dict[date, int] = {}
        try:
            holidays = parse_holidays(data.get("holidays", []), where=f"{where}.holidays")  # type: ignore[arg-type]
        except ValidationError as exc:
            problems.extend(problems_of(exc))
        try:
            makeup = parse_makeup_days(data.get("makeup_days", {}), where=f"{where}.makeup_days")  # type: ignore[arg-type]
        except ValidationError as exc:
            problems.extend(problems_of(exc))
        zone = data.get("timezone", timezone)
        if problems:
            raise _fail(where, problems)
        return cls(week, holidays=holidays, makeup_days=makeup, timezone=str(zone))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (
            self.timezone,
            self.is_24x7,
            self._week_s,
            self.holidays,
            tuple(sorted(self.makeup_days.items())),
        )

    def __repr__(self) -> str:
        if self.is_24x7:
            return f"BusinessCalendar.always({self.timezone!r})"
        return (
            f"BusinessCalendar({self._week_s!r}, holidays={len(self.holidays)} days, "
            f"makeup_days={len(self.makeup_days)} days, timezone={self.timezone!r})"
        )

    # -- what applies on a local date ------------------------------------------------------

    def hours_on(self, day: date) -> tuple[Span, ...]:
        """Return the working spans of a local date (holidays and make-up days applied)."""
        if self.is_24x7:
            return ((time(0), time(0)),)
        return tuple((_seconds_time(s), _seconds_time(e)) for s, e in self._seconds_on(day))

    def _seconds_on(self, day: date) -> tuple[tuple[int, int], ...]:
        if day in self.holidays:
            return ()
        weekday = self.makeup_days.get(day)
        return self._week_s[day.weekday() if weekday is None else weekday]

    def _offset(self, epoch: int) -> int:
        offset = datetime.fromtimestamp(epoch, self.tz).utcoffset()
        return 0 if offset is None else int(offset.total_seconds())

    def _local_day(self, number: int) -> list[tuple[int, int]]:
        """Working intervals (epoch seconds) of the local date ``number`` days after 1970-01-01."""
        cached = self._local.get(number)
        if cached is not None:
            return cached
        spans = self._seconds_on(date.fromordinal(number + _EPOCH_ORDINAL))
        base = number * _DAY
        pieces: list[tuple[int, int]] = []
        if spans:
            low, high = base - _TZ_REACH, base + _DAY + _TZ_REACH
            before, after = self._offset(low), self._offset(high)
            if before == after:
                pieces = [(base + s - before, base + e - before) for s, e in spans]
            else:
                # One offset change near this day (DST): find its instant to the second,
                # then map each span through the offset in force on either side of it.
                while high - low > 1:
                    mid = (low + high) // 2
                    if self._offset(mid) == before:
                        low = mid
                    else:
                        high = mid
                change = high
                for s, e in spans:
                    first = (base + s - before, min(base + e - before, change))
                    second = (max(base + s - after, change), base + e - after)
                    pieces.extend(p for p in (first, second) if p[0] < p[1])
                pieces = _merge(pieces)
        self._local[number] = pieces
        return pieces

    # -- the per-UTC-day cache -------------------------------------------------------------

    def _build(self, first: int, last: int) -> tuple[list[list[tuple[int, int]]], list[int]]:
        """Working intervals clipped to each UTC day in [first, last], and each day's total."""
        days: list[list[tuple[int, int]]] = []
        totals: list[int] = []
        for day in range(first, last + 1):
            low, high = day * _DAY, (day + 1) * _DAY
            pieces = [
                (max(s, low), min(e, high))
                for local in (day - 1, day, day + 1)
                for s, e in self._local_day(local)
                if s < high and e > low
            ]
            pieces = _merge(pieces)
            days.append(pieces)
            totals.append(sum(e - s for s, e in pieces))
        return days, totals

    @staticmethod
    def _bucket(prefix: int, pieces: list[tuple[int, int]]) -> _Bucket:
        starts = [s for s, _ in pieces]
        ends = [e for _, e in pieces]
        offs = []
        position = prefix
        for s, e in pieces:
            offs.append(position - s)
            position += e - s
        return prefix, starts, ends, offs

    def _extend(self, day: int) -> None:
        with self._lock:
            lo, buckets, prefixes = self._state
            if not buckets:
                days, totals = self._build(day - 2, day + _CHUNK)
                lo, prefixes = day - 2, [0]
                for total in totals:
                    prefixes.append(prefixes[-1] + total)
                buckets = [self._bucket(p, d) for p, d in zip(prefixes, days, strict=False)]
            elif day < lo:
                first = day - _CHUNK
                days, totals = self._build(first, lo - 1)
                new_prefixes = [prefixes[0]]
                for total in reversed(totals):
                    new_prefixes.append(new_prefixes[-1] - total)
                new_prefixes.reverse()
                new = [self._bucket(p, d) for p, d in zip(new_prefixes, days, strict=False)]
                lo, buckets, prefixes = first, new + buckets, new_prefixes[:-1] + prefixes
            elif day >= lo + len(buckets):
                first = lo + len(buckets)
                days, totals = self._build(first, day + _CHUNK)
                prefixes = list(prefixes)
                new = []
                for total, pieces in zip(totals, days, strict=False):
                    new.append(self._bucket(prefixes[-1], pieces))
                    prefixes.append(prefixes[-1] + total)
                buckets = buckets + new
            self._state = (lo, buckets, prefixes)

    def position(self, epoch: int) -> int:
        """Return the business position of an instant given as epoch seconds.

        The position counts business seconds from an arbitrary fixed origin of this calendar;
        only differences between positions mean anything: ``position(b) - position(a)`` is the
        business time between ``a`` and ``b``. The SLA clocks use it to convert each event once.
        """
        if self.is_24x7:
            return epoch
        day = epoch // _DAY
        lo, buckets, _ = self._state
        index = day - lo
        if index < 0 or index >= len(buckets):
            self._extend(day)
            lo, buckets, _ = self._state
            index = day - lo
        prefix, starts, ends, offs = buckets[index]
        j = bisect_right(starts, epoch) - 1
        if j < 0:
            return prefix
        end = ends[j]
        return offs[j] + (epoch if epoch < end else end)

    def epoch_at(self, position: int, *, not_before: int | None = None) -> int:
        """Return the earliest instant (epoch seconds) whose position is ≥ ``position``.

        This is the inverse of :meth:`position`: the instant a clock reaches ``position``.
        With ``not_before``, the result is never earlier than that instant.
        """
        if self.is_24x7:
            return position if not_before is None else max(position, not_before)
        if not_before is not None and self.position(not_before) >= position:
            return not_before
        lo, buckets, prefixes = self._state
        while not buckets or prefixes[0] >= position:
            self._extend(lo - _CHUNK if buckets else 0)
            lo, buckets, prefixes = self._state
        while prefixes[-1] < position:
            self._extend(lo + len(buckets) + _CHUNK)
            lo, buckets, prefixes = self._state
        index = bisect_left(prefixes, position) - 1
        _, _, ends, offs = buckets[index]
        for end, off in zip(ends, offs, strict=True):
            if off + end >= position:
                return position - off
        raise AssertionError("the bucket's total covers the position")  # pragma: no cover

    # -- public queries over datetimes -----------------------------------------------------

    def business_seconds(self, start: datetime, end: datetime) -> int:
        """Return the whole seconds of working time in [start, end); 0 when end ≤ start.

        Raises:
            ValidationError: either datetime is naive.
        """
        if start.tzinfo is None or end.tzinfo is None:
            raise ValidationError.of("business time needs times with a time zone offset")
        a = floor(start.timestamp())
        b = floor(end.timestamp())
        if b <= a:
            return 0
        if self.is_24x7:
            return b - a
        return self.position(b) - self.position(a)

    def add_business_seconds(self, start: datetime, seconds: int) -> datetime:
        """Return the earliest instant by which ``seconds`` of business time have elapsed since start.

        The result is in ``start``'s time zone; ``business_seconds(start, result) == seconds``.

        Raises:
            ValidationError: ``start`` is naive or ``seconds`` is negative.
        """
        if seconds < 0:
            raise ValidationError.of("business seconds to add must not be negative")
        a = epoch_seconds(start, where="start")
        target = self.epoch_at(self.position(a) + seconds, not_before=a)
        return datetime.fromtimestamp(target, start.tzinfo)

    def working_intervals(
        self, start: datetime, end: datetime
    ) -> Iterator[tuple[datetime, datetime]]:
        """Yield the maximal working intervals inside [start, end), in the calendar's time zone.

        Raises:
            ValidationError: either datetime is naive.
        """
        a = epoch_seconds(start, where="start")
        b = epoch_seconds(end, where="end")
        if b <= a:
            return
        if self.is_24x7:
            yield datetime.fromtimestamp(a, self.tz), datetime.fromtimestamp(b, self.tz)
            return
        self.position(a)
        self.position(b)
        lo, buckets, _ = self._state
        pending: tuple[int, int] | None = None
        for index in range(a // _DAY - lo, b // _DAY - lo + 1):
            _, starts, ends, _ = buckets[index]
            for s, e in zip(starts, ends, strict=True):
                s, e = max(s, a), min(e, b)
                if s >= e:
                    continue
                if pending is not None and pending[1] == s:
                    pending = (pending[0], e)
                    continue
                if pending is not None:
                    yield self._pair(pending)
                pending = (s, e)
        if pending is not None:
            yield self._pair(pending)

    def _pair(self, interval: tuple[int, int]) -> tuple[datetime, datetime]:
        return (
            datetime.fromtimestamp(interval[0], self.tz),
            datetime.fromtimestamp(interval[1], self.tz),
        )


def _merge(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort intervals and join those that overlap or touch."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(pieces):
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged
