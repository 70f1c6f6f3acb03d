"""Queries the SLA engine reads: report candidates and their events, open clocks, reminders,
health spans and maintenance windows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any, NamedTuple

from sqlalchemy import ClauseElement, ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from ...domain.lifecycle import Role, Status
from ...domain.sla import hold_kind
from ..models import (
    Community,
    Device,
    HealthSpan,
    MaintenanceWindow,
    SlaReminder,
    User,
    WorkOrder,
    WorkOrderEvent,
    Zone,
    user_communities,
)
from . import in_communities, named_rows, of_orders, sqlite_instant
from .workorders import OPEN_STATUSES


def _candidates(contract_id: int, start: datetime, end: datetime) -> ColumnElement[bool]:
    # Population candidates: created before the end, not cancelled, and not resolved for good
    # before the start (resolved_at is the last resolve, None once reopened).
    return and_(
        WorkOrder.contract_id == contract_id,
        WorkOrder.created_at < end,
        WorkOrder.status != Status.CANCELLED.value,
        or_(WorkOrder.resolved_at.is_(None), WorkOrder.resolved_at >= start),
    )


def _candidate_events(
    columns: Sequence[Any],
    report: tuple[int, datetime, datetime],
    *where: ColumnElement[bool],
) -> Select[Any]:
    """``columns`` of the events (joined with their work order) of the candidates of the
    report (contract id, start, end) that pass ``where``, by work order and sequence."""
    return (
        select(*columns)
        .join(WorkOrder, WorkOrder.id == WorkOrderEvent.work_order_id)
        .where(_candidates(*report), *where)
        .order_by(WorkOrderEvent.work_order_id, WorkOrderEvent.seq)
    )


class ReportOrder(NamedTuple):
    """A candidate of an SLA report: what judging it needs besides its events."""

    id: int
    number: str
    priority: str
    kind: str
    status: str
    sla_policy_id: int | None


def report_orders(
    session: Session, contract_id: int, start: datetime, end: datetime
) -> list[ReportOrder]:
    """The report's candidates, by id."""
    q = (
        select(
            WorkOrder.id,
            WorkOrder.number,
            WorkOrder.priority,
            WorkOrder.kind,
            WorkOrder.status,
            WorkOrder.sla_policy_id,
        )
        .where(_candidates(contract_id, start, end))
        .order_by(WorkOrder.id)
    )
    return named_rows(session, q, ReportOrder._make)


class OrderDetail(NamedTuple):
    """What a statement prints of a work order beside its clocks."""

    id: int
    title: str
    title_data: str | None  # the console's message (JSON), else ``title`` is what people typed
    created_at: datetime
    device_tag: str | None
    device_name: str | None
    community: str
    zone: str | None
    location: str | None


# in the order of OrderDetail's fields
_DETAIL_COLUMNS = (
    WorkOrder.id,
    WorkOrder.title,
    WorkOrder.title_data,
    WorkOrder.created_at,
    Device.asset_tag,
    Device.name,
    Community.name,
    Zone.name,
    Device.location,
)


def order_details(session: Session, ids: Sequence[int]) -> dict[int, OrderDetail]:
    """Title, creation, device and place of some work orders, by id."""
    out: dict[int, OrderDetail] = {}
    ids = list(ids)
    connection = session.connection()  # Core rows: no ORM bookkeeping for ~100,000 rows
    for i in range(0, len(ids), 2000):
        q = of_orders(_DETAIL_COLUMNS, zone=True).where(WorkOrder.id.in_(ids[i : i + 2000]))
        for row in connection.execute(q):
            out[row[0]] = OrderDetail._make(row)
    return out


# The work orders are scanned in id order (NOT INDEXED: by rowid) and each one's events read
# through the (work_order_id, seq) key, so the rows come out already in ORDER BY order; with
# the contract index SQLite sorts ~a million rows in a temporary B-tree instead (~0.5 s).
_SQLITE_EVENTS = """
SELECT e.work_order_id,
  CASE WHEN e.kind = 'held' AND e.reason_code IS NOT NULL THEN 'held:' || e.reason_code
  ELSE e.kind END,
  CAST(strftime('%s', substr(e.at, 1, 19)) AS INTEGER) * 1000000
  + CAST(substr(e.at, 21, 6) AS INTEGER)
FROM work_orders w NOT INDEXED CROSS JOIN work_order_events e ON e.work_order_id = w.id
WHERE w.contract_id = ? AND w.created_at < ? AND w.status != 'cancelled'
  AND (w.resolved_at IS NULL OR w.resolved_at >= ?)
  AND e.kind NOT IN ('assigned', 'reassigned', 'closed')
ORDER BY w.id, e.seq
"""


def report_events(
    session: Session, contract_id: int, start: datetime, end: datetime
) -> Iterator[list[tuple[int, str, int]]]:
    """Yield batches of (work order id, kind, at) of the candidates' events, by work order and
    sequence, ``at`` as integer microseconds since 1970-01-01 UTC; a hold's kind carries its
    reason (``held:waiting_parts``, see domain.sla.hold_kind).

    A report reads about a million events: on SQLite the query runs on the DBAPI cursor
    (plain tuples) and SQLite itself turns the stored text ("YYYY-MM-DD HH:MM:SS.ffffff",
    UTC) into the integer, with no datetime built per event.
    """
    # assigned, reassigned and closed never move a clock: the SLA pass does not need them
    if session.bind is not None and session.bind.dialect.name == "sqlite":
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute(
                _SQLITE_EVENTS, (contract_id, sqlite_instant(end), sqlite_instant(start))
            )
            while batch := cursor.fetchmany(50_000):
                yield list(batch)
        finally:
            cursor.close()
        return
    q = _candidate_events(
        (
            WorkOrderEvent.work_order_id,
            WorkOrderEvent.kind,
            WorkOrderEvent.at,
            WorkOrderEvent.reason_code,
        ),
        (contract_id, start, end),
        WorkOrderEvent.kind.not_in(("assigned", "reassigned", "closed")),
    )
    for part in stream(session, q, BATCH):
        yield [
            (w, hold_kind(r) if k == "held" else k, (a - _EPOCH) // _MICROSECOND)
            for w, k, a, r in part
        ]


BATCH = 50_000


def stream(session: Session, q: ClauseElement, size: int) -> Iterator[list[tuple[Any, ...]]]:
    """Yield ``q``'s rows (plain tuples, the driver's values) in batches of ``size``, read in
    one round trip on PostgreSQL with bounded memory.

    A server-side cursor (SQLAlchemy's ``yield_per``) costs a round trip per batch plus
    DECLARE, a first FETCH of one row and CLOSE: five or six round trips, 180 ms through a
    30 ms link where the query itself takes one. psycopg's ``stream`` (libpq's chunked rows
    mode, libpq 17 and later) sends the query once and reads the rows as the server sends
    them, ``size`` at a time; an older libpq fetches the whole result at once.
    """
    conn = session.connection()
    compiled = q.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    driver = conn.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cur:
        if _chunked_rows():
            rows = iter(cur.stream(str(compiled), compiled.params, size=size))
            while batch := list(islice(rows, size)):
                yield batch
        else:
            cur.execute(str(compiled), compiled.params)
            while batch := cur.fetchmany(size):
                yield batch


def _chunked_rows() -> bool:
    import psycopg

    return psycopg.pq.version() >= 170000


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def open_orders(session: Session, community_ids: Sequence[int] | None = None) -> list[WorkOrder]:
    """Open work orders (new … on hold) that have an SLA policy."""
    q = select(WorkOrder).where(
        WorkOrder.status.in_(OPEN_STATUSES), WorkOrder.sla_policy_id.is_not(None)
    )
    q = in_communities(q, WorkOrder.community_id, community_ids)
    return list(session.execute(q.order_by(WorkOrder.created_at)).scalars())


def finished_orders(
    session: Session, community_ids: Sequence[int] | None = None, assignee_id: int | None = None
) -> list[WorkOrder]:
    """Resolved and closed work orders that have an SLA policy (their clocks have stopped)."""
    q = select(WorkOrder).where(
        WorkOrder.status.in_(("resolved", "closed")), WorkOrder.sla_policy_id.is_not(None)
    )
    q = in_communities(q, WorkOrder.community_id, community_ids)
    if assignee_id is not None:
        q = q.where(WorkOrder.assignee_id == assignee_id)
    return list(session.execute(q.order_by(WorkOrder.created_at)).scalars())


def fired_reminders(session: Session, work_order_ids: Sequence[int]) -> set[tuple[int, str, str]]:
    out: set[tuple[int, str, str]] = set()
    ids = list(work_order_ids)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(SlaReminder.work_order_id, SlaReminder.target, SlaReminder.kind).where(
                SlaReminder.work_order_id.in_(ids[i : i + 500])
            )
        )
        out.update((int(a), b, c) for a, b, c in rows)
    return out


def escalation_users(session: Session, community_id: int) -> list[User]:
    """Managers (all) and the liaisons of a community: who SLA reminders go to."""
    scoped = select(user_communities.c.user_id).where(
        user_communities.c.community_id == community_id
    )
    q = select(User).where(
        User.active.is_(True),
        or_(
            User.role == Role.MANAGER.value,
            and_(User.role == Role.LIAISON.value, User.id.in_(scoped)),
        ),
    )
    return list(session.execute(q.order_by(User.role, User.username)).scalars())


def devices(
    session: Session,
    *,
    asset_tags: Sequence[str] | None = None,
    community_ids: Sequence[int] | None = None,
) -> list[Device]:
    q = select(Device)
    if asset_tags is not None:
        q = q.where(Device.asset_tag.in_(list(asset_tags)))
    q = in_communities(q, Device.community_id, community_ids)
    return list(session.execute(q.order_by(Device.asset_tag)).scalars())


class AvailabilityDevice(NamedTuple):
    """What availability reports of a device."""

    id: int
    asset_tag: str
    name: str
    category_code: str
    community_id: int


def availability_devices(
    session: Session,
    *,
    asset_tags: Sequence[str] | None = None,
    community_ids: Sequence[int] | None = None,
) -> list[AvailabilityDevice]:
    """``devices`` as plain rows of the five columns availability reports, by asset tag."""
    q = select(Device.id, Device.asset_tag, Device.name, Device.category_code, Device.community_id)
    if asset_tags is not None:
        q = q.where(Device.asset_tag.in_(list(asset_tags)))
    q = in_communities(q, Device.community_id, community_ids)
    return [AvailabilityDevice._make(r) for r in session.execute(q.order_by(Device.asset_tag))]


_FEW_DEVICES = 500
# an instant as integer microseconds since the epoch, computed by the database from the stored
# form (SQLite: UTCDateTime's "YYYY-MM-DD HH:MM:SS[.ffffff]" text; PostgreSQL: timestamptz)
_SQLITE_MICROS = (
    "CAST(strftime('%s', substr({c}, 1, 19)) AS INTEGER) * 1000000 "
    "+ CAST(substr({c} || '.000000', 21, 6) AS INTEGER)"
)
_PG_MICROS = "CAST(extract(epoch FROM {c}) * 1000000 AS bigint)"


def health_span_micros(
    session: Session, device_ids: Sequence[int], start: datetime, end: datetime
) -> list[tuple[int, str, int, int | None]]:
    """(device_id, health, starts, ends or None) of the spans overlapping [start, end) of some
    devices, by device and start, instants in epoch microseconds: a month of 10,000 devices
    is ~60,000 spans, read as plain integers instead of datetimes."""
    if not device_ids:
        return []
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    micros = _SQLITE_MICROS if sqlite else _PG_MICROS
    p = "?" if sqlite else "%s"
    few = len(device_ids) <= _FEW_DEVICES  # else every span of the time, filtered here
    params: list[Any] = [sqlite_instant(end), sqlite_instant(start)] if sqlite else [end, start]
    only = ""
    if few and sqlite:
        only = f" AND device_id IN ({', '.join([p] * len(device_ids))})"
        params += list(device_ids)
    elif few:
        only = f" AND device_id = ANY({p})"
        params.append(list(device_ids))
    sql = (
        f"SELECT device_id, health, {micros.format(c='starts_at')}, "
        f"CASE WHEN ends_at IS NULL THEN NULL ELSE {micros.format(c='ends_at')} END "
        f"FROM health_spans WHERE starts_at < {p} AND (ends_at IS NULL OR ends_at > {p})"
        f"{only} ORDER BY device_id, starts_at"
    )
    # the driver's own cursor: its rows are the plain tuples returned, where SQLAlchemy's
    # Row objects cost 0.13 s of the 0.26 s read for 10,000 devices' month (60,000 spans)
    raw: Any = conn.connection.dbapi_connection
    cur = raw.cursor()
    try:
        cur.execute(sql, params)
        rows: list[tuple[int, str, int, int | None]] = cur.fetchall()
    finally:
        cur.close()
    if few:
        return rows
    wanted = set(device_ids)
    return [r for r in rows if r[0] in wanted]


def health_spans(
    session: Session, device_ids: Sequence[int], start: datetime, end: datetime
) -> list[HealthSpan]:
    """Spans overlapping [start, end) of some devices, by device and start."""
    if not device_ids:
        return []
    q = (
        select(HealthSpan)
        .where(
            HealthSpan.device_id.in_(list(device_ids)),
            HealthSpan.starts_at < end,
            or_(HealthSpan.ends_at.is_(None), HealthSpan.ends_at > start),
        )
        .order_by(HealthSpan.device_id, HealthSpan.starts_at)
    )
    return list(session.execute(q).scalars())


def maintenance_windows(
    session: Session,
    device_ids: Sequence[int],
    community_ids: Sequence[int],
    start: datetime,
    end: datetime,
) -> list[MaintenanceWindow]:
    """Windows overlapping [start, end) of some devices or their communities."""
    conds: list[ColumnElement[bool]] = []
    if device_ids:
        conds.append(MaintenanceWindow.device_id.in_(list(device_ids)))
    if community_ids:
        conds.append(
            and_(
                MaintenanceWindow.device_id.is_(None),
                MaintenanceWindow.community_id.in_(list(community_ids)),
            )
        )
    if not conds:
        return []
    q = select(MaintenanceWindow).where(
        or_(*conds), MaintenanceWindow.starts_at < end, MaintenanceWindow.ends_at > start
    )
    return list(session.execute(q.order_by(MaintenanceWindow.starts_at)).scalars())


class HoldEventRow(NamedTuple):
    """A held or resumed event of a report candidate, with its work order's SLA keys."""

    work_order_id: int
    number: str
    kind: str  # the work order's kind (repair, cleaning, ...)
    priority: str
    policy_id: int | None
    event: str  # held or resumed
    at: datetime
    reason_code: str | None
    note: str | None
    actor: str


def hold_events(
    session: Session, contract_id: int, start: datetime, end: datetime
) -> list[HoldEventRow]:
    """Held and resumed events of the report's candidates before ``end``, by work order and
    sequence."""
    q = _candidate_events(
        (
            WorkOrder.id,
            WorkOrder.number,
            WorkOrder.kind,
            WorkOrder.priority,
            WorkOrder.sla_policy_id,
            WorkOrderEvent.kind,
            WorkOrderEvent.at,
            WorkOrderEvent.reason_code,
            WorkOrderEvent.note,
            WorkOrderEvent.actor,
        ),
        (contract_id, start, end),
        WorkOrderEvent.kind.in_(("held", "resumed")),
        WorkOrderEvent.at < end,
    )
    return [HoldEventRow._make(row) for row in session.execute(q).all()]
