"""Problem lines of imports and the calendar/SLA/discovery errors in the UI language.

The CLI keeps printing the English ``line N: column: problem`` text (``str(exc)``); the
desktop console shows the same lines translated from the templates they carry.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ops_console.domain.calendar import BusinessCalendar
from ops_console.domain.errors import Problem, ValidationError
from ops_console.domain.sla import policy_in_force
from ops_console.services import discovery
from ops_console.services.formats import HEADER
from ops_console.services.sla.contract_file import parse_contract
from ops_console.services.training import COURSE_HEADER, RECORD_HEADER
from ops_console.services.workorders.history_import import HEADER as HISTORY_HEADER
from ops_console.ui.i18n import error_text, problem_lines, set_language

ROW = "{tag},bin,smart_bin,湖滨,,,,,,127.0.0.9,{version},{port},demo-v2c,300,{installed},,normal,in_service"


def _csv(path: Path, header: tuple[str, ...], *rows: str) -> Path:
    path.write_text(",".join(header) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _raises(fn: Any, *args: Any, **kwargs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def _translated(exc: ValidationError) -> list[str]:
    """The error's problem lines in the UI language, each checked to be translated."""
    lines = problem_lines(exc)
    assert len(lines) == len(exc.problems)
    for zh, en in zip(lines, exc.problems, strict=True):
        assert zh != en and re.search("[\u4e00-\u9fff]", zh), (zh, en)
    return lines


def test_device_import_wizard_lists_bad_lines_in_chinese(
    ctx_for: Any, qtbot: Any, tmp_path: Path
) -> None:
    from ops_console.ui.pages.devices import DevicesPage

    bad = _csv(
        tmp_path / "bad.csv",
        HEADER,
        ROW.format(tag="X-1", version="v2c", port="x", installed=""),
        ROW.format(tag="X-2", version="v9", port="161", installed="2026-13-01"),
        "X-3,too,few",
    )
    ctx = ctx_for("admin")
    # the CLI's text is unchanged English
    exc = _raises(ctx.services.inventory.import_csv, ctx.actor, bad)
    assert exc.problems == ["line 4: expected 18 columns, found 3"]
    good_columns = _csv(tmp_path / "cols.csv", HEADER, *bad.read_text().splitlines()[1:3])
    exc = _raises(ctx.services.inventory.import_csv, ctx.actor, good_columns)
    assert exc.problems == [
        "line 2: snmp_port: 'x' is not a whole number",
        "line 3: snmp_version: 'v9': one of v1, v2c, v3, none",
        "line 3: install_date: '2026-13-01' is not a date (YYYY-MM-DD)",
    ]
    assert all(isinstance(p, Problem) for p in exc.problem_messages)

    assert set_language("zh_CN")
    assert problem_lines(exc) == [
        "第 2 行：snmp_port：“x”不是整数",
        "第 3 行：snmp_version：“v9”：应为 v1、v2c、v3、none 之一",
        "第 3 行：install_date：“2026-13-01”不是日期（YYYY-MM-DD）",
    ]
    page = DevicesPage(ctx)
    qtbot.addWidget(page)
    page.activate()
    wizard = page.import_csv()
    wizard.set_path(bad)
    wizard.next()  # the file itself: a line with the wrong column count
    preview = wizard.preview_page
    listed = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    assert listed == ["第 4 行：应有 18 列，实际 3 列"]

    wizard2 = page.import_csv()
    wizard2.set_path(good_columns)
    wizard2.next()  # preview: every bad line, translated, and the bad cells' tooltips too
    preview = wizard2.preview_page
    assert wizard2.problems == problem_lines(exc)
    shown = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    assert shown == wizard2.problems
    assert preview.table.item(0, 1 + HEADER.index("snmp_port")).toolTip() == (
        "第 2 行：snmp_port：“x”不是整数"
    )
    wizard2.next()  # the import refuses the file: its list of bad lines is translated
    result = wizard2.import_page
    assert "第 2 行：snmp_port：“x”不是整数" in wizard2.problems
    shown = [result.problems.item(i).text() for i in range(result.problems.count())]
    assert shown == wizard2.problems and len(shown) == 3


def test_history_and_training_imports_in_chinese(demo_services: Any, tmp_path: Path) -> None:
    admin = demo_services.accounts.actor("admin")
    history = _csv(
        tmp_path / "history.csv",
        HISTORY_HEADER,
        "WO-2026-900001,made,2026-11-01T09:00:00+08:00,admin,,P2,,湖滨,t,",
        "WO-2026-900002,created,2026-11-01 09:00,,,P7,,湖滨,t,source=fax",
        "WO-2026-900003,created,2026-11-01T09:00:00+08:00,admin,,P2,NO-SUCH,,t,",
    )
    exc = _raises(demo_services.workorders.import_csv, admin, history)
    assert "line 2: event: 'made' is not one of created, assigned" in str(exc)
    assert "line 3: actor: missing" in str(exc)
    assert "line 4: asset_tag: no device 'NO-SUCH'" in str(exc)

    courses = _csv(tmp_path / "courses.csv", COURSE_HEADER, ",T,,x,", "C1,,nosuch,12,boss")
    course_exc = _raises(demo_services.training.import_courses, admin, courses)
    assert "line 2: validity_months: 'x' is not a positive whole number" in course_exc.problems
    records = _csv(tmp_path / "records.csv", RECORD_HEADER, "nobody,NOPE,2026-13-01,,")
    record_exc = _raises(demo_services.training.import_records, admin, records)
    assert "line 2: username: no user named 'nobody'" in str(record_exc)

    assert set_language("zh_CN")
    assert error_text(exc).splitlines() == [
        "history.csv：4 处问题；未导入任何数据",
        "第 2 行：event：“made”不是 created、assigned、accepted、held、resumed、resolved、"
        "reopened、closed、cancelled 之一",
        "第 3 行：actor：缺失",
        "第 3 行：at：“2026-11-01 09:00”没有时区偏移（例如写成 2026-11-01 09:00+08:00）",
        "第 4 行：asset_tag：没有设备“NO-SUCH”",
    ]
    _translated(exc)
    assert _translated(course_exc) == [
        "第 2 行：code：缺失",
        "第 2 行：validity_months：“x”不是正整数",
        "第 3 行：title：缺失",
        "第 3 行：categories：未知类别“nosuch”",
        "第 3 行：mandatory_for：未知角色“boss”",
    ]
    assert "第 2 行：username：没有名为“nobody”的用户" in _translated(record_exc)


def test_calendar_sla_contract_and_discovery_errors_in_chinese(demo_services: Any) -> None:
    cal = _raises(
        BusinessCalendar.from_mapping,
        {"mon": ["25:00-26:00", "09:00-08:00"], "holidays": ["2026-13-01"], "tue": "x"},
    )
    assert str(cal).splitlines() == [
        "calendar: 4 problems",
        'calendar.mon[0]: "25:00-26:00" has a time that is not a time of day (00:00-24:00)',
        'calendar.mon[1]: "09:00-08:00" ends before it starts',
        'calendar.tue: expected a list of "HH:MM-HH:MM" texts',
        'calendar.holidays[0]: "2026-13-01" is not a date (expected YYYY-MM-DD)',
    ]
    policy = _raises(policy_in_force, [], datetime(2026, 11, 29, 1, 0, tzinfo=UTC))
    assert str(policy) == "no SLA policy was in force on 2026-11-29T01:00:00+00:00"
    contract = _raises(
        parse_contract,
        '[contract]\ncode = "C"\nname = "N"\nfirm = "F"\ncommunities = ["湖滨"]\n'
        'start = "2026-01-01"\nend = "2025-01-01"\nmonthly_fee = -1\npenalty_cap_ratio = 0.1\n'
        '[calendar]\nname = "work"\nmon = ["08:00-07:00"]\n'
        "[sla.P1]\nresponse_minutes = 0\nresolution_minutes = 60\n",
    )
    assert contract.problems == [
        "contract.toml: contract.end: 2025-01-01 is before contract.start 2026-01-01",
        "contract.toml: contract.monthly_fee: must not be negative",
        'contract.toml: calendar.mon[0]: "08:00-07:00" ends before it starts',
        "contract.toml: sla.P1.response_minutes: expected a positive whole number of minutes, "
        "got 0",
        "contract.toml: sla: no terms for P2, P3, P4",
    ]
    admin = demo_services.accounts.actor("admin")
    no_credential = _raises(
        discovery.sweep, demo_services, admin, "10.0.0.0/24", credential="nope", version="v2c"
    )
    assert str(no_credential) == "--credential: no SNMP credential named 'nope'"
    demo_services.secrets.set_snmp_credential("sweep", {"community": "public"})
    too_wide = _raises(discovery.sweep, demo_services, admin, "10.0.0.0/8", credential="sweep")
    assert str(too_wide) == "10.0.0.0/8 has 16777216 addresses; the limit is 65536"

    assert set_language("zh_CN")
    assert error_text(policy) == "2026-11-29T01:00:00+00:00 时没有生效的 SLA 策略"
    assert error_text(cal).splitlines()[0] == "calendar：4 处问题"
    assert _translated(cal) == [
        "calendar.mon[0]：“25:00-26:00”中的时间不在一天之内（00:00-24:00）",
        "calendar.mon[1]：“09:00-08:00”结束早于开始",
        "calendar.tue：应为“HH:MM-HH:MM”文字的列表",
        "calendar.holidays[0]：“2026-13-01”不是日期（应为 YYYY-MM-DD）",
    ]
    assert _translated(contract) == [
        "contract.toml：contract.end：2025-01-01 早于 contract.start 2026-01-01",
        "contract.toml：contract.monthly_fee：不能为负数",
        "contract.toml：calendar.mon[0]：“08:00-07:00”结束早于开始",
        "contract.toml：sla.P1.response_minutes：应为正整数分钟，实际为 0",
        "contract.toml：sla：缺少 P2、P3、P4 的条款",
    ]
    assert error_text(no_credential) == "--credential：没有名为“nope”的 SNMP 凭据"
    assert error_text(too_wide) == "10.0.0.0/8 含 16777216 个地址，上限为 65536"
