"""Problem lines of device cross-references, new users, work orders and preventive plans in
the UI language (the CLI keeps the English text: ``str(exc)``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ops_console.domain.errors import ValidationError
from ops_console.services.formats import HEADER
from ops_console.ui.i18n import error_text, problem_lines, set_language

ROW = (
    "{tag},bin,{category},{community},{zone},,,,,127.0.0.9,v2c,161,demo-v2c,300,,,normal,in_service"
)


def _raises(fn: Any, *args: Any, **kwargs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def _translated(exc: ValidationError) -> list[str]:
    lines = problem_lines(exc)
    assert len(lines) == len(exc.problems)
    for zh, en in zip(lines, exc.problems, strict=True):
        assert zh != en and re.search("[\u4e00-\u9fff]", zh), (zh, en)
    return lines


def test_device_cross_references_in_chinese(demo_services: Any, tmp_path: Path) -> None:
    admin = demo_services.accounts.actor("admin")
    rows = [
        ROW.format(tag="N-1", category="smart_bin", community="湖滨", zone=""),
        ROW.format(tag="N-1", category="smart_bin", community="湖滨", zone=""),
        ROW.format(tag="N-2", category="toaster", community="湖滨", zone=""),
        ROW.format(tag="N-3", category="smart_bin", community="Nowhere", zone=""),
        ROW.format(tag="N-4", category="smart_bin", community="湖滨", zone="No zone"),
    ]
    path = tmp_path / "devices.csv"
    path.write_text(",".join(HEADER) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    exc = _raises(demo_services.inventory.import_csv, admin, path)
    assert exc.problems[0] == "line 3: asset_tag: duplicate 'N-1' (also on line 2)"
    assert exc.problems[1].startswith("line 4: category: unknown category 'toaster' (one of ")
    assert exc.problems[2:] == [
        "line 5: community: no community named 'Nowhere'",
        "line 6: zone: no zone 'No zone' in 湖滨",
    ]
    assert set_language("zh_CN")
    zh = _translated(exc)
    assert zh[0] == "第 3 行：asset_tag：“N-1”重复（另见第 2 行）"
    assert zh[1].startswith("第 4 行：category：未知类别“toaster”（可选：")
    assert zh[2:] == [
        "第 5 行：community：没有名为“Nowhere”的社区",
        "第 6 行：zone：社区“湖滨”中没有区域“No zone”",
    ]


def test_new_user_work_order_and_plan_problems_in_chinese(demo_services: Any) -> None:
    admin = demo_services.accounts.actor("admin")
    user = _raises(demo_services.accounts.add_user, admin, "a b", "short", "boss")
    assert user.problems == [
        "user name 'a b': use letters, digits, '.', '_' or '-'",
        "role 'boss': must be one of technician, liaison, manager, admin, auditor",
        "password: at least 8 characters",
    ]
    order = _raises(
        demo_services.workorders.create, admin, title="t", priority="P2", source="fax", kind="x"
    )
    assert str(order).splitlines() == [
        "cannot create the work order",
        "source: 'fax' is not one of liaison, resident_phone, resident_walk_in, resident_app",
        "kind: 'x' is not one of repair, inspection, cleaning",
        "device or community: name the device's asset tag or the community",
    ]
    one = _raises(
        demo_services.workorders.create,
        admin,
        title="t",
        priority="P2",
        source="fax",
        community="湖滨",
    )
    assert str(one) == (
        "source: 'fax' is not one of liaison, resident_phone, resident_walk_in, resident_app"
    )
    plan = _raises(
        demo_services.workorders.create_plan, admin, " ", every_days=0, starts_on=date(2026, 1, 1)
    )
    assert str(plan).splitlines() == [
        "cannot create the plan",
        "name: missing",
        "every_days: must be a positive number of days",
        "name either a device category or one device",
    ]
    assert set_language("zh_CN")
    assert _translated(user)[1] == (
        "角色“boss”：必须是 technician、liaison、manager、admin、auditor 之一"
    )
    assert error_text(order).splitlines() == [
        "无法创建工单",
        "来源：“fax”不是 liaison、resident_phone、resident_walk_in、resident_app 之一",
        "类型：“x”不是 repair、inspection、cleaning 之一",
        "设备或社区：请填写设备资产编号或社区",
    ]
    assert error_text(one).startswith("来源：“fax”不是")
    assert error_text(plan).splitlines()[0] == "无法创建预防性维护计划"
    _translated(plan)
