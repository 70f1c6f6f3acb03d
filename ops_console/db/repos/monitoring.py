"""Queries of the monitoring side: states, spans, rule states, alarms, runs (samples and
rollups: ``repos.series``).

Bulk paths (a batch of poll results) use Core statements and plain rows; the rare ones
(an alarm opening, an acknowledgement) use the ORM.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..models import (
    Alarm,
    AlarmRuleState,
    Base,
    CareAlert,
    Community,
    Device,
    DeviceLease,
    DeviceState,
    HealthSpan,
    MaintenanceWindow,
    PollerRun,
    WorkOrder,
)
from . import AnyRow
from .monitoring_rows import (
    AlarmRow,
    CareRow,
    DeviceMeta,
    HandoverFacts,
    HealthRow,
    RuleStateRow,
    StateRow,
    TargetRow,
)

CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit


def _table(model: type[Base]) -> Table:
    """The model's Table. Every model here declares ``__tablename__``, so declarative maps it to
    a Table; SQLAlchemy types ``__table__`` as any FromClause, which insert() and update() refuse.
    """
    table = model.__table__
    assert isinstance(table, Table), model
    return table


_states = _table(DeviceState)
_spans = _table(HealthSpan)
_rules = _table(AlarmRuleState)
_leases = _table(DeviceLease)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


# --- devices and targets ---------------------------------------------------------------------


def target_rows(session: Session, community_ids: Sequence[int] | None = None) -> list[TargetRow]:
    """In-service devices with an address, by id."""
    q = select(
        Device.id,
        Device.address,
        Device.snmp_port,
        Device.snmp_version,
        Device.credential,
        Device.category_code,
        Device.poll_interval_s,
        Device.community_id,
        Device.asset_tag,
    ).where(Device.status == "in_service", Device.address.is_not(None), Device.address != "")
    if community_ids is not None:
        q = q.where(Device.community_id.in_(list(community_ids)))
    return [TargetRow._make(r) for r in session.connection().execute(q.order_by(Device.id))]


def device_meta(session: Session, ids: Sequence[int]) -> dict[int, DeviceMeta]:
    """id → what storing a result of that device needs to know of it."""
    out: dict[int, DeviceMeta] = {}
    conn = session.connection()
    for chunk in _chunks(ids):
        q = select(
            Device.id,
            Device.asset_tag,
            Device.name,
            Device.category_code,
            Device.community_id,
            Device.status,
            Device.poll_interval_s,
        ).where(Device.id.in_(chunk))
        for r in conn.execute(q):
            out[r[0]] = DeviceMeta._make(r)
    return out


def device_by_tag(session: Session, tag: str) -> Device | None:
    return session.execute(select(Device).where(Device.asset_tag == tag)).scalar_one_or_none()


def device_ids_by_address(session: Session) -> dict[str, tuple[int, str]]:
    """address → (device id, category) of every in-service device (for trap senders)."""
    q = select(Device.address, Device.id, Device.category_code).where(
        Device.status == "in_service", Device.address.is_not(None)
    )
    # the WHERE clause already drops NULL addresses; the test only narrows the column's type
    return {r[0]: (r[1], r[2]) for r in session.connection().execute(q) if r[0] is not None}


# --- device states and health spans ------------------------------------------------------------


def state_rows(session: Session, ids: Sequence[int]) -> dict[int, StateRow]:
    """device id → its stored state (devices never polled have none)."""
    out: dict[int, StateRow] = {}
    conn = session.connection()
    for chunk in _chunks(ids):
        q = select(
            _states.c.device_id,
            _states.c.health,
            _states.c.health_since,
            _states.c.last_ok_at,
            _states.c.consecutive_failures,
            _states.c.summary_json,
        ).where(_states.c.device_id.in_(chunk))
        for r in conn.execute(q):
            out[r[0]] = StateRow._make(r)
    return out


def insert_states(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_states), rows)


def update_states(session: Session, rows: list[dict[str, Any]]) -> None:
    """Executemany UPDATE; each row has ``b_id`` and the columns to set."""
    if not rows:
        return
    cols = [k for k in rows[0] if k != "b_id"]
    stmt = (
        update(_states)
        .where(_states.c.device_id == bindparam("b_id"))
        .values({c: bindparam(f"v_{c}") for c in cols})
    )
    session.execute(stmt, [{"b_id": r["b_id"], **{f"v_{c}": r[c] for c in cols}} for r in rows])


def close_spans(session: Session, rows: list[dict[str, Any]]) -> None:
    """Close the open span of each device: rows of ``{"b_id": id, "b_at": instant}``."""
    if rows:
        stmt = (
            update(_spans)
            .where(_spans.c.device_id == bindparam("b_id"), _spans.c.ends_at.is_(None))
            .values(ends_at=bindparam("b_at"))
        )
        session.execute(stmt, rows)


def insert_spans(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_spans), rows)


def open_span_rows(session: Session, device_ids: Sequence[int] | None = None) -> list[AnyRow]:
    """(device_id, health, starts_at) of every open span (of ``device_ids`` only, if given)."""
    q = select(_spans.c.device_id, _spans.c.health, _spans.c.starts_at).where(
        _spans.c.ends_at.is_(None)
    )
    if device_ids is None:
        return list(session.connection().execute(q).all())
    out: list[AnyRow] = []
    for chunk in _chunks(device_ids):
        out += session.connection().execute(q.where(_spans.c.device_id.in_(chunk))).all()
    return out


def device_ids_in(
    session: Session, community_ids: Sequence[int], *, unleased_only: bool = False
) -> list[int]:
    """Ids of the devices of some communities (those no poller holds a lease of, with
    ``unleased_only``)."""
    q = select(Device.id).where(Device.community_id.in_(list(community_ids)))
    if unleased_only:
        q = q.where(
            Device.id.not_in(select(_leases.c.device_id).where(_leases.c.poller_id.is_not(None)))
        )
    return [r[0] for r in session.connection().execute(q)]


def community_ids_all(session: Session) -> list[int]:
    return [r[0] for r in session.connection().execute(select(Community.id))]


def leased_device_ids(session: Session) -> set[int]:
    """Devices a poller holds the lease of."""
    q = select(_leases.c.device_id).where(_leases.c.poller_id.is_not(None))
    return {r[0] for r in session.connection().execute(q)}


def set_health_unknown(session: Session, ids: Sequence[int], since: datetime) -> None:
    for chunk in _chunks(ids):
        session.execute(
            update(_states)
            .where(_states.c.device_id.in_(chunk))
            .values(health="unknown", health_since=since)
        )


def spans_between(
    session: Session, device_ids: Sequence[int] | None, since: datetime, until: datetime
) -> list[AnyRow]:
    """(device_id, health, starts_at, ends_at) of spans overlapping [since, until)."""
    q = select(_spans.c.device_id, _spans.c.health, _spans.c.starts_at, _spans.c.ends_at).where(
        _spans.c.starts_at < until, or_(_spans.c.ends_at.is_(None), _spans.c.ends_at > since)
    )
    if device_ids is not None:
        q = q.where(_spans.c.device_id.in_(list(device_ids)))
    return list(session.connection().execute(q.order_by(_spans.c.device_id, _spans.c.starts_at)))


# --- alarm rule states ------------------------------------------------------------------------


def rule_states(session: Session, ids: Sequence[int]) -> dict[tuple[int, str], RuleStateRow]:
    """(device id, rule) → the debouncer's state of that rule."""
    out: dict[tuple[int, str], RuleStateRow] = {}
    conn = session.connection()
    for chunk in _chunks(ids):
        q = select(
            _rules.c.device_id,
            _rules.c.rule,
            _rules.c.failing,
            _rules.c.passing,
            _rules.c.active,
            _rules.c.level,
        ).where(_rules.c.device_id.in_(chunk))
        for r in conn.execute(q):
            out[(r[0], r[1])] = RuleStateRow._make(r)
    return out


def save_rule_states(
    session: Session,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    deletes: list[dict[str, Any]],
) -> None:
    """Apply debouncer changes: rows are dicts of the columns (``b_id``/``b_rule`` as keys)."""
    if inserts:
        session.execute(insert(_rules), inserts)
    if updates:
        session.execute(
            update(_rules)
            .where(_rules.c.device_id == bindparam("b_id"), _rules.c.rule == bindparam("b_rule"))
            .values(
                failing=bindparam("v_failing"),
                passing=bindparam("v_passing"),
                active=bindparam("v_active"),
                level=bindparam("v_level"),
            ),
            [
                {"b_id": u["b_id"], "b_rule": u["b_rule"]}
                | {f"v_{k}": u[k] for k in ("failing", "passing", "active", "level")}
                for u in updates
            ],
        )
    if deletes:
        session.execute(
            delete(_rules).where(
                _rules.c.device_id == bindparam("b_id"), _rules.c.rule == bindparam("b_rule")
            ),
            deletes,
        )


def active_rule_devices(session: Session, rule: str) -> set[int]:
    q = select(_rules.c.device_id).where(_rules.c.rule == rule, _rules.c.active.is_(True))
    return {r[0] for r in session.connection().execute(q)}


# --- alarms and care alerts -------------------------------------------------------------------


def open_alarm(session: Session, device_id: int, rule: str) -> Alarm | None:
    return session.execute(
        select(Alarm)
        .where(Alarm.device_id == device_id, Alarm.rule == rule, Alarm.cleared_at.is_(None))
        .order_by(Alarm.id)
        .limit(1)
    ).scalar_one_or_none()


def alarm(session: Session, alarm_id: int) -> Alarm | None:
    return session.get(Alarm, alarm_id)


# in the order of AlarmRow's fields
ALARM_COLUMNS = (
    Alarm.id,
    Device.asset_tag,
    Device.name,
    Community.name,
    Alarm.rule,
    Alarm.severity,
    Alarm.message_data,
    Alarm.opened_at,
    Alarm.cleared_at,
    Alarm.acknowledged_at,
    Alarm.acknowledged_by,
    Alarm.work_order_id,
    Alarm.handed_over_at,
    Alarm.repeat_count,
    Alarm.work_kind,
    Alarm.source,
    Device.community_id,
    Alarm.handover_status,
    Alarm.handover_attempts,
    Alarm.handover_error,
    Alarm.handover_next_at,
    WorkOrder.number,
    Alarm.recovery_status,
    Alarm.recovery_attempts,
    Alarm.recovery_error,
    Alarm.recovery_next_at,
)


def alarm_rows(
    session: Session,
    *,
    community_ids: Sequence[int] | None,
    open_only: bool,
    alarm_ids: Sequence[int] | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[AlarmRow]:
    q = (
        select(*ALARM_COLUMNS)
        .join(Device, Device.id == Alarm.device_id)
        .join(Community, Community.id == Device.community_id)
        .outerjoin(WorkOrder, WorkOrder.id == Alarm.work_order_id)
    )
    if community_ids is not None:
        q = q.where(Device.community_id.in_(list(community_ids)))
    if open_only:
        q = q.where(Alarm.cleared_at.is_(None))
    if alarm_ids is not None:
        q = q.where(Alarm.id.in_(list(alarm_ids)))
    if since is not None:
        q = q.where(or_(Alarm.cleared_at.is_(None), Alarm.cleared_at >= since))
    q = q.order_by(Alarm.opened_at.desc(), Alarm.id.desc())
    if limit is not None:
        q = q.limit(limit)
    return [AlarmRow._make(r) for r in session.connection().execute(q)]


# --- hand-over of alarms to work orders ---------------------------------------------------------


def _handover_due(now: datetime) -> Any:
    return and_(
        Alarm.handover_status == "pending",
        or_(Alarm.handover_next_at.is_(None), Alarm.handover_next_at <= now),
    )


def claim_handovers(
    session: Session, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Claim up to ``limit`` alarms whose hand-over is due: move their ``handover_next_at`` to
    ``lease_until`` and return their ids, oldest first.

    The UPDATE re-checks the due condition row by row, so of two pollers claiming at once
    (PostgreSQL re-reads a row another transaction changed before updating it; SQLite runs
    one writer at a time) only one gets each alarm.
    """
    ids = list(
        session.execute(
            select(Alarm.id).where(_handover_due(now)).order_by(Alarm.id).limit(limit)
        ).scalars()
    )
    if not ids:
        return []
    got = session.execute(
        update(Alarm)
        .where(Alarm.id.in_(ids), _handover_due(now))
        .values(handover_next_at=lease_until)
        .returning(Alarm.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(got.scalars())


def record_handover(session: Session, alarm_id: int, values: Mapping[str, Any]) -> bool:
    """Record a hand-over attempt on a still pending alarm (``handover_attempts`` + 1);
    False when the alarm is gone or no longer pending (another poller recorded it first)."""
    got = session.execute(
        update(Alarm)
        .where(Alarm.id == alarm_id, Alarm.handover_status == "pending")
        .values(handover_attempts=Alarm.handover_attempts + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return bool(got.rowcount)  # type: ignore[attr-defined]


def handover_facts(session: Session, alarm_id: int) -> HandoverFacts | None:
    """When an alarm cleared, its work order and when it was handed over; None: no such alarm."""
    q = select(Alarm.cleared_at, Alarm.work_order_id, Alarm.handed_over_at).where(
        Alarm.id == alarm_id
    )
    row = session.connection().execute(q).first()
    return None if row is None else HandoverFacts._make(row)


# --- telling work orders that an alarm cleared ("device recovered") -----------------------------


def _recovery_due(now: datetime) -> Any:
    # a cleared alarm still waiting for its hand-over is told once handed over, not before
    return and_(
        Alarm.recovery_status == "pending",
        Alarm.handover_status == "done",
        or_(Alarm.recovery_next_at.is_(None), Alarm.recovery_next_at <= now),
    )


def claim_recoveries(
    session: Session, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Claim up to ``limit`` cleared alarms whose "device recovered" notice is due, as
    :func:`claim_handovers` does: of two pollers claiming at once only one gets each alarm."""
    ids = list(
        session.execute(
            select(Alarm.id).where(_recovery_due(now)).order_by(Alarm.id).limit(limit)
        ).scalars()
    )
    if not ids:
        return []
    got = session.execute(
        update(Alarm)
        .where(Alarm.id.in_(ids), _recovery_due(now))
        .values(recovery_next_at=lease_until)
        .returning(Alarm.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(got.scalars())


def record_recovery(session: Session, alarm_id: int, values: Mapping[str, Any]) -> bool:
    """Record an attempt to tell the work order on a still pending alarm
    (``recovery_attempts`` + 1); False when the alarm is gone or no longer pending."""
    got = session.execute(
        update(Alarm)
        .where(Alarm.id == alarm_id, Alarm.recovery_status == "pending")
        .values(recovery_attempts=Alarm.recovery_attempts + 1, **values)
        .execution_options(synchronize_session=False)
    )
    return bool(got.rowcount)  # type: ignore[attr-defined]


def open_alarm_counts(session: Session) -> dict[int, int]:
    q = (
        select(Alarm.device_id, func.count())
        .where(Alarm.cleared_at.is_(None))
        .group_by(Alarm.device_id)
    )
    return {r[0]: int(r[1]) for r in session.connection().execute(q)}


def care_alert(session: Session, care_id: int) -> CareAlert | None:
    return session.get(CareAlert, care_id)


# in the order of CareRow's fields
CARE_COLUMNS = (
    CareAlert.id,
    Device.asset_tag,
    Device.name,
    Community.name,
    CareAlert.band_id,
    CareAlert.kind,
    CareAlert.raised_at,
    CareAlert.acknowledged_at,
    CareAlert.acknowledged_by,
    CareAlert.note,
    Device.community_id,
)


def care_rows(
    session: Session,
    *,
    community_ids: Sequence[int] | None,
    open_only: bool,
    limit: int | None = None,
) -> list[CareRow]:
    q = (
        select(*CARE_COLUMNS)
        .join(Device, Device.id == CareAlert.device_id)
        .join(Community, Community.id == Device.community_id)
    )
    if community_ids is not None:
        q = q.where(Device.community_id.in_(list(community_ids)))
    if open_only:
        q = q.where(CareAlert.acknowledged_at.is_(None))
    q = q.order_by(CareAlert.raised_at.desc(), CareAlert.id.desc())
    if limit is not None:
        q = q.limit(limit)
    return [CareRow._make(r) for r in session.connection().execute(q)]


# --- device health view -----------------------------------------------------------------------


def health_rows(session: Session, community_ids: Sequence[int] | None) -> list[HealthRow]:
    """Devices not retired with their state, by asset tag."""
    q = (
        select(
            Device.id,
            Device.asset_tag,
            Device.name,
            Device.category_code,
            Community.name,
            _states.c.health,
            _states.c.health_since,
            _states.c.last_poll_at,
            _states.c.last_ok_at,
            _states.c.last_error,
            _states.c.summary_json,
            Device.community_id,
            Device.status,
        )
        .join(Community, Community.id == Device.community_id)
        .outerjoin(_states, _states.c.device_id == Device.id)
        .where(Device.status != "retired")
    )
    if community_ids is not None:
        q = q.where(Device.community_id.in_(list(community_ids)))
    return [HealthRow._make(r) for r in session.connection().execute(q.order_by(Device.asset_tag))]


def stale_candidates(session: Session, before_each: Mapping[int, datetime]) -> list[int]:
    """Ids among ``before_each`` whose last poll is older than their own instant."""
    out: list[int] = []
    conn = session.connection()
    for chunk in _chunks(list(before_each)):
        q = select(_states.c.device_id, _states.c.last_poll_at).where(
            _states.c.device_id.in_(chunk)
        )
        for dev, last in conn.execute(q):
            if last is not None and last < before_each[dev]:
                out.append(dev)
    return out


def never_polled(session: Session, ids: Sequence[int]) -> dict[int, datetime]:
    """Ids among ``ids`` that no poll has reached yet (no state, or no ``last_poll_at``),
    each with its device's ``updated_at`` (creation, or its last inventory change)."""
    out: dict[int, datetime] = {}
    conn = session.connection()
    for chunk in _chunks(ids):
        q = (
            select(Device.id, Device.updated_at)
            .outerjoin(_states, _states.c.device_id == Device.id)
            .where(Device.id.in_(chunk), _states.c.last_poll_at.is_(None))
        )
        for dev, updated in conn.execute(q):
            out[dev] = updated
    return out


# --- maintenance windows ----------------------------------------------------------------------


def active_window_targets(session: Session, at: datetime) -> tuple[set[int], set[int]]:
    """(device ids, community ids) under a maintenance window at ``at``."""
    q = select(MaintenanceWindow.device_id, MaintenanceWindow.community_id).where(
        and_(MaintenanceWindow.starts_at <= at, MaintenanceWindow.ends_at > at)
    )
    devices: set[int] = set()
    communities: set[int] = set()
    for dev, com in session.connection().execute(q):
        if dev is not None:
            devices.add(dev)
        if com is not None:
            communities.add(com)
    return devices, communities


def window_rows(
    session: Session, community_ids: Sequence[int] | None, until_after: datetime | None
) -> list[AnyRow]:
    """(id, device tag, community name, starts_at, ends_at, reason, created_by) by start."""
    q = (
        select(
            MaintenanceWindow.id,
            Device.asset_tag,
            Community.name,
            MaintenanceWindow.starts_at,
            MaintenanceWindow.ends_at,
            MaintenanceWindow.reason,
            MaintenanceWindow.created_by,
        )
        .outerjoin(Device, Device.id == MaintenanceWindow.device_id)
        .outerjoin(
            Community,
            Community.id == func.coalesce(MaintenanceWindow.community_id, Device.community_id),
        )
    )
    if until_after is not None:
        q = q.where(MaintenanceWindow.ends_at > until_after)
    if community_ids is not None:
        q = q.where(
            or_(
                MaintenanceWindow.community_id.in_(list(community_ids)),
                Device.community_id.in_(list(community_ids)),
            )
        )
    return list(session.connection().execute(q.order_by(MaintenanceWindow.starts_at)).all())


# --- poller runs ------------------------------------------------------------------------------


def unfinished_runs(session: Session) -> list[PollerRun]:
    """Runs not stopped of pollers outside the registry (``poll --once``, older versions); a
    registered poller's runs are closed by the registry (see ``services.pollers.registry``)."""
    q = select(PollerRun).where(PollerRun.stopped_at.is_(None), PollerRun.poller_id.is_(None))
    return list(session.execute(q).scalars())


def last_stopped_at(session: Session) -> datetime | None:
    return session.execute(select(func.max(PollerRun.stopped_at))).scalar_one_or_none()


def poller_run(session: Session, run_id: int) -> PollerRun | None:
    return session.get(PollerRun, run_id)


def runs_between(session: Session, since: datetime, until: datetime) -> list[PollerRun]:
    q = select(PollerRun).where(
        PollerRun.started_at < until,
        or_(PollerRun.stopped_at.is_(None), PollerRun.stopped_at > since),
    )
    return list(session.execute(q.order_by(PollerRun.started_at)).scalars())
