"""Queries over devices, categories and maintenance windows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypedDict, TypeVar, Unpack

from sqlalchemy import ColumnElement, Select, String, Text, case, cast, func, literal, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from ...domain.messages import Msg
from ..models import Community, Device, DeviceCategory, DeviceState, Zone
from . import message_of, named_rows, of_devices

_Row = TypeVar("_Row", bound="DeviceListRow")


def categories(session: Session) -> list[DeviceCategory]:
    return list(session.execute(select(DeviceCategory).order_by(DeviceCategory.code)).scalars())


def devices_by_tags(session: Session, tags: Sequence[str]) -> dict[str, Device]:
    out: dict[str, Device] = {}
    tags = list(tags)
    for i in range(0, len(tags), 500):
        chunk = tags[i : i + 500]
        for d in session.execute(select(Device).where(Device.asset_tag.in_(chunk))).scalars():
            out[d.asset_tag] = d
    return out


def device_by_tag(session: Session, tag: str) -> Device | None:
    return session.execute(select(Device).where(Device.asset_tag == tag)).scalar_one_or_none()


def zones_by_community(session: Session) -> dict[tuple[int, str], int]:
    return {(z.community_id, z.name): z.id for z in session.execute(select(Zone)).scalars()}


def _text(col: QueryableAttribute[str] | QueryableAttribute[str | None]) -> ColumnElement[str]:
    return func.coalesce(col, "")


@dataclass(frozen=True)
class DeviceListRow:
    """A device as lists show it: missing text is "", a device never polled is "unknown".
    ``services.inventory.DeviceRow`` is this row with its JSON and CSV forms."""

    id: int
    asset_tag: str
    name: str
    category: str
    community: str
    zone: str
    location: str
    vendor: str
    model: str
    serial: str
    address: str
    snmp_version: str
    snmp_port: int
    credential: str
    poll_interval_s: int
    install_date: date | None
    warranty_end: date | None
    criticality: str
    status: str
    community_id: int
    health: str
    last_poll_at: datetime | None
    last_error: Msg | None


class DeviceFilters(TypedDict, total=False):
    """The filters of a device query; each one given narrows it."""

    community_ids: Sequence[int] | None
    category: str | None
    status: str | None
    health: str | None
    text: str | None
    asset_tag: str | None
    include_retired: bool
    limit: int | None
    offset: int


# in the order of DeviceListRow's fields
DEVICE_ROW_COLUMNS = (
    Device.id,
    Device.asset_tag,
    Device.name,
    Device.category_code,
    Community.name,
    _text(Zone.name),
    _text(Device.location),
    _text(Device.vendor),
    _text(Device.model),
    _text(Device.serial),
    _text(Device.address),
    Device.snmp_version,
    Device.snmp_port,
    _text(Device.credential),
    Device.poll_interval_s,
    Device.install_date,
    Device.warranty_end,
    Device.criticality,
    Device.status,
    Device.community_id,
    func.coalesce(DeviceState.health, "unknown"),
    DeviceState.last_poll_at,
    message_of(DeviceState.last_error, "poll.recorded"),
)


def _device_query(
    columns: Sequence[Any],
    *,
    community_ids: Sequence[int] | None = None,
    category: str | None = None,
    status: str | None = None,
    health: str | None = None,
    text: str | None = None,
    asset_tag: str | None = None,
    include_retired: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> Select[Any]:
    q = of_devices(columns, None, community_ids, zone=True).outerjoin(
        DeviceState, DeviceState.device_id == Device.id
    )
    if category:
        q = q.where(Device.category_code == category)
    if status:
        q = q.where(Device.status == status)
    elif not include_retired:
        q = q.where(Device.status != "retired")
    if health:
        if health == "unknown":
            q = q.where(or_(DeviceState.health.is_(None), DeviceState.health == "unknown"))
        else:
            q = q.where(DeviceState.health == health)
    if asset_tag is not None:
        q = q.where(Device.asset_tag == asset_tag)
    if text:
        for word in text.lower().split():
            q = q.where(Device.search_text.contains(word, autoescape=True))
    q = q.order_by(Device.asset_tag).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return q


def device_rows(session: Session, row: type[_Row], **filters: Unpack[DeviceFilters]) -> list[_Row]:
    """Return the devices that pass the filters, sorted by asset tag, each made a ``row``
    (the service's view of a device: built once per device, 100,000 on a large estate)."""
    q = _device_query(DEVICE_ROW_COLUMNS, **filters)
    return named_rows(session, q, lambda values: row(*values))


def _iso_instant(col: object, dialect: str) -> ColumnElement[str]:
    """SQL for ``datetime.isoformat()`` of a stored UTC instant (NULL stays NULL)."""
    if dialect == "sqlite":
        # stored as 'YYYY-MM-DD HH:MM:SS.ffffff'; isoformat drops a zero fraction
        fraction = func.substr(col, 21, 6, type_=String)
        whole = func.replace(func.substr(col, 1, 19), " ", "T", type_=String)
        return whole.concat(case((fraction == "000000", ""), else_="." + fraction)).concat("+00:00")
    utc = func.timezone("UTC", col)
    fraction = func.to_char(utc, ".US", type_=String)
    whole = func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS', type_=String)
    return whole.concat(case((fraction == ".000000", ""), else_=fraction)).concat("+00:00")


def device_rows_json(
    session: Session, field_names: Sequence[str], **filters: Unpack[DeviceFilters]
) -> list[str]:
    """Return the same rows as :func:`device_rows`, each one JSON object text made by the database.

    ``field_names`` name the DEVICE_ROW_COLUMNS in order. Dates come out as ISO dates, instants
    as ``datetime.isoformat()`` with ``+00:00``, exactly as Python would write them; the
    database builds the text in C, so exporting 100,000 devices makes no Python objects per
    field.
    """
    dialect = session.get_bind().dialect.name
    if len(field_names) != len(DEVICE_ROW_COLUMNS):
        raise ValueError("one field name per device row column")
    pairs: list[Any] = []
    for name, col in zip(field_names, DEVICE_ROW_COLUMNS, strict=True):
        if col is DeviceState.last_poll_at:
            col = _iso_instant(col, dialect)
        elif col is Device.install_date or col is Device.warranty_end:
            col = cast(col, String) if dialect != "sqlite" else col
        pairs += [literal(name, String), col]
    builder = func.json_object if dialect == "sqlite" else func.json_build_object
    obj: ColumnElement[Any] = builder(*pairs)
    if dialect != "sqlite":
        obj = cast(obj, Text)
    q = _device_query([obj], **filters)
    return list(session.connection().execute(q).scalars().all())


def credential_counts(session: Session) -> dict[str, int]:
    """How many devices in service (not retired) name each SNMP credential."""
    rows = session.execute(
        select(Device.credential, func.count())
        .where(Device.credential.is_not(None), Device.status != "retired")
        .group_by(Device.credential)
    ).all()
    return {name: n for name, n in rows if name}
