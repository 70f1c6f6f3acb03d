"""The services' one JSON conversion: fields in declaration order, dates in ISO 8601, decimals
as numbers (whole ones as integers), nested dataclasses as dicts; the classes that add to it or
publish a chosen shape keep their printed shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from ops_console.services.formats import JsonFields
from ops_console.services.formats.json_fields import plain
from ops_console.services.pollers import OnceSummary
from ops_console.services.workorders import WorkOrderInfo
from ops_console.services.workorders.contacts import ResidentContact
from ops_console.services.workorders.views import EventInfo, PartInfo

AT = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)


@dataclass(frozen=True)
class _Inner:
    name: str
    cost: Decimal


@dataclass(frozen=True)
class _Outer(JsonFields):
    when: datetime
    day: date | None
    missing: datetime | None
    amount: Decimal
    summary: dict[str, int]
    items: tuple[_Inner, ...]


def test_fields_in_order_with_dates_decimals_and_nested_dataclasses_made_plain():
    o = _Outer(AT, date(2026, 11, 2), None, Decimal("60.25"), {"a": 1}, (_Inner("锁", Decimal(2)),))
    assert json.dumps(o.to_json(), ensure_ascii=False) == (
        '{"when": "2026-11-02T01:30:00+00:00", "day": "2026-11-02", "missing": null, '
        '"amount": 60.25, "summary": {"a": 1}, "items": [{"name": "锁", "cost": 2}]}'
    )
    assert plain([AT]) == ["2026-11-02T01:30:00+00:00"]


@dataclass(frozen=True)
class _Published(JsonFields):
    day: date
    hidden: str
    inner: _Outer | None

    json_fields = ("inner", "day")
    json_names = {"day": "from"}


@dataclass(frozen=True)
class _Rounded(JsonFields):
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {"seconds": round(self.seconds, 1)}


@dataclass(frozen=True)
class _Holder(JsonFields):
    items: tuple[_Rounded, ...]


def test_chosen_fields_in_their_order_under_their_names():
    p = _Published(date(2026, 11, 2), "not shown", None)
    assert list(p.to_json().items()) == [("inner", None), ("from", "2026-11-02")]


def test_a_nested_class_keeps_its_own_json():
    assert _Holder((_Rounded(1.26), _Rounded(2.0))).to_json() == {
        "items": [{"seconds": 1.3}, {"seconds": 2.0}]
    }


def test_decimals_whole_as_integers_else_floats():
    assert plain([Decimal(700), Decimal("700.00"), Decimal("60.25")]) == [700, 700, 60.25]
    assert [type(v) for v in plain([Decimal("700.00"), Decimal("0.5")])] == [int, float]


def test_once_summary_rounds_its_seconds_in_place():
    assert list(OnceSummary(3, 2, 1, 9, 1.234567).to_json().items()) == [
        ("devices", 3),
        ("ok", 2),
        ("failed", 1),
        ("samples", 9),
        ("seconds", 1.235),
        ("left_to_pollers", 0),
    ]


def test_work_order_json_ends_with_contact_parts_their_total_and_events():
    event = EventInfo(1, "created", AT, "admin", None, "new", None, None, None, None)
    wo = WorkOrderInfo(
        *(1, "WO-2026-000001", "repair", "resident_phone", "new", None, "P3", "门禁", None),
        *("HB-GATE-001", "门禁-01", "access_gate", "湖滨", 1, None, None, None),
        *(AT, "admin", AT, None, None, None, None, 0),
        parts=(PartInfo("电磁锁", Decimal(2), Decimal("60.25")),),
        has_contact=True,
        contact=ResidentContact("张三", "13800000000"),
        alarm_rule=None,
        device_recovered_at=None,
        version=1,
        events=(event,),
    )
    d = wo.to_json()
    # the attachments (photos and PDFs, no bytes) follow the events since migration 0021
    assert list(d)[-5:] == ["contact", "parts", "parts_cost", "events", "attachments"]
    assert d["attachments"] == []
    assert d["contact"] == {"name": "张三", "phone": "13800000000"}
    assert d["parts"] == [{"name": "电磁锁", "quantity": 2.0, "unit_cost": 60.25}]
    assert d["parts_cost"] == 120.5
    assert d["events"][0]["at"] == "2026-11-02T01:30:00+00:00"
    assert d["created_at"] == "2026-11-02T01:30:00+00:00" and d["version"] == 1


def test_a_dataclass_with_slots_is_made_plain_too():
    from ops_console.domain.sla import MonthPenalty

    assert plain(MonthPenalty(2026, 11, Decimal("700.00"), Decimal(500))) == {
        "year": 2026,
        "month": 11,
        "uncapped": 700,
        "capped": 500,
    }
