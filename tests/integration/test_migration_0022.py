"""Migration 0022: the English work-order titles and timeline notes the console stored become
codes; people's titles and notes stay as written."""

from __future__ import annotations

import json

from sqlalchemy import text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.messages import Msg, render, text_or_message

STAMP = "2026-11-01 08:00:00"
GATE = {
    "code": "alarm.status",
    "params": {
        "device": "HB-GATE-1",
        "metric": {"en": "Manual passage", "zh_CN": "手动通道"},
        "row": "",
        "state": {"en": "failed", "zh_CN": "故障"},
    },
}
# (work order, title as stored before 0022, source)
ORDERS = {
    1: ("北门-门禁: HB-GATE-1 Manual passage: failed", "alarm"),
    2: ("月度巡检: 北门-门禁", "preventive"),
    3: ("门禁人脸识别失败", "alarm"),  # imported history: a person's title
    4: ("居民来电：门禁打不开", "resident_phone"),
}
# (event, work order, kind, note as stored before 0022)
EVENTS = {
    1: (1, "created", "alarm 7: manual_passage (compliance)"),
    2: (1, "assigned", "automatic dispatch"),
    3: (2, "created", "plan 5, due 2026-11-01"),
    4: (3, "created", "source=alarm; kind=repair"),
    5: (4, "created", "source=resident_phone, 居民说北门打不开"),
    6: (4, "assigned", "请尽快处理"),
    7: (3, "assigned", "alarm 99: manual_passage (critical)"),  # its alarm is gone
}
ZH_TITLES = {
    1: "北门-门禁：HB-GATE-1 手动通道：故障",
    2: "月度巡检：北门-门禁",
    3: "门禁人脸识别失败",
    4: "居民来电：门禁打不开",
}
ZH_NOTES = {
    1: "由告警 7（合规性）生成：HB-GATE-1 手动通道：故障",
    2: "自动派单",
    3: "预防性维护计划“月度巡检”，到期日 2026-11-01",
    4: None,  # nothing but the order's own source and kind
    5: "source=resident_phone, 居民说北门打不开",  # a person's words beside them: kept
    6: "请尽快处理",
    7: "由告警 99（严重）生成",
}


def _old_database(tmp_path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(db, "0021")
    with db.engine.begin() as conn:
        run = conn.execute
        run(
            text(
                "INSERT INTO device_categories (code, name_en, name_zh) "
                "VALUES ('access_gate', 'Access gate', '智能门禁')"
            )
        )
        run(
            text("INSERT INTO communities (id, name, timezone) VALUES (1, '湖滨', 'Asia/Shanghai')")
        )
        run(
            text(
                "INSERT INTO devices (id, asset_tag, name, category_code, community_id, address, "
                "snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, "
                "updated_at, search_text) VALUES (1, 'HB-GATE-1', '北门-门禁', 'access_gate', 1, "
                "'127.0.0.1', 'v2c', 161, 60, 'in_service', 'high', :t, :t, '')"
            ),
            {"t": STAMP},
        )
        for wid, (title, source) in ORDERS.items():
            run(
                text(
                    "INSERT INTO work_orders (id, number, kind, source, device_id, community_id, "
                    "priority, title, status, created_at, created_by, updated_at, "
                    "labour_minutes, contact_consent, version) VALUES (:id, :n, 'repair', :s, 1, "
                    "1, 'P2', :title, 'new', :t, 'system', :t, 0, 0, 1)"
                ),
                {"id": wid, "n": f"WO-2026-00000{wid}", "s": source, "title": title, "t": STAMP},
            )
        run(
            text(
                "INSERT INTO alarms (id, device_id, rule, severity, message_data, opened_at, "
                "repeat_count, work_kind, source, handover_status, handover_attempts, "
                "recovery_attempts, work_order_id) VALUES (7, 1, 'manual_passage', 'compliance', "
                ":m, :t, 0, 'repair', 'poll', 'done', 0, 0, 1)"
            ),
            {"m": json.dumps(GATE, ensure_ascii=False), "t": STAMP},
        )
        run(
            text(
                "INSERT INTO preventive_plans (id, name, category_code, every_days, kind, "
                "priority, starts_on, active, checklist) VALUES (5, '月度巡检', 'access_gate', "
                "30, 'inspection', 'P4', '2026-06-01', 1, '')"
            )
        )
        run(
            text(
                "INSERT INTO preventive_runs (plan_id, device_id, due_on, work_order_id) "
                "VALUES (5, 1, '2026-11-01', 2)"
            )
        )
        for eid, (wid, kind, note) in EVENTS.items():
            run(
                text(
                    "INSERT INTO work_order_events (id, work_order_id, seq, kind, at, actor, "
                    "to_status, note) VALUES (:id, :w, :seq, :k, :t, 'system', 'new', :note)"
                ),
                {"id": eid, "w": wid, "seq": eid, "k": kind, "t": STAMP, "note": note},
            )
    return db


def test_0022_takes_stored_titles_and_notes_apart_into_codes(tmp_path) -> None:
    db = _old_database(tmp_path)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        titles = {
            r[0]: (r[1], r[2])
            for r in conn.execute(text("SELECT id, title, title_data FROM work_orders"))
        }
        notes = {r[0]: (r[1], r[2]) for r in conn.execute(text("SELECT id, note, note_data FROM work_order_events"))}  # fmt: skip
    shown = {wid: text_or_message(*pair) for wid, pair in titles.items()}
    assert {wid: render(m, "zh_CN") for wid, m in shown.items() if m} == ZH_TITLES
    # the console's titles are codes now, no sentence left in the title column
    assert titles[1][0] == titles[2][0] == ""
    assert shown[1] is not None and shown[1].code == "workorder.alarm_title"
    assert render(shown[1], "en") == ORDERS[1][0]  # the English reads as before
    assert shown[3] == Msg("text.typed", {"text": ORDERS[3][0]})
    for eid, expected in ZH_NOTES.items():
        note = text_or_message(*notes[eid])
        assert (render(note, "zh_CN") if note else None) == expected, eid
    assert notes[6] == ("请尽快处理", None)


def test_0022_downgrade_gives_the_english_back(tmp_path) -> None:
    db = _old_database(tmp_path)
    migrate.upgrade(db)
    from alembic import command

    with db.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0021")
    with db.engine.begin() as conn:
        titles = dict(conn.execute(text("SELECT id, title FROM work_orders")).all())
        notes = dict(conn.execute(text("SELECT id, note FROM work_order_events")).all())
    assert titles == {wid: title for wid, (title, _) in ORDERS.items()}
    assert notes[2] == "Dispatched automatically" and notes[6] == "请尽快处理"
