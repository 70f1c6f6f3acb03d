"""Migration 0016: the English alarm messages and poll errors stored before become codes."""

from __future__ import annotations

import re

from sqlalchemy import text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.messages import Msg, render, stored

STAMP = "2026-11-01 08:00:00"
OLD = {
    1: "HB-BIN-1 unreachable: no response after 2 × 1 s (host down, wrong community, or not an SNMP agent)",
    2: "HB-BIN-1 unreachable: no response (timeout 1.0 s, 1 retry)",
    3: "HB-BIN-1: no data since 2026-11-01T07:50:00+00:00",
    4: "HB-BIN-1 Fill level 93%: critical",
    5: "HB-BIN-1 Lid: jammed",
    6: "HB-BIN-1 Link down (ifIndex 2)",
    7: "HB-BIN-1 unreachable: SNMPv3 user unknown to the agent (usmStatsUnknownUserNames)",
    8: "HB-BIN-1 something an operator typed long ago",
}
# what each becomes in Chinese: no English word left but the asset tag (and the kept text)
ZH = {
    1: "HB-BIN-1 无法连接：2 × 1 秒无应答（设备关机、团体名错误或不是 SNMP 代理）",
    2: "HB-BIN-1 无法连接：2 × 1 秒无应答（设备关机、团体名错误或不是 SNMP 代理）",
    3: "HB-BIN-1：自 2026-11-01 15:50 起无数据",
    4: "HB-BIN-1 满溢度 93%：严重",
    5: "HB-BIN-1 桶盖：卡住",
    6: "HB-BIN-1 链路断开 (ifIndex 2)",
    7: "HB-BIN-1 无法连接：代理不认识该 SNMPv3 用户",
    8: "HB-BIN-1 something an operator typed long ago",
}


def _old_database(tmp_path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(db, "0015")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO device_categories (code, name_en, name_zh) "
                "VALUES ('smart_bin', 'Smart bin', '智能垃圾桶')"
            )
        )
        conn.execute(
            text("INSERT INTO communities (id, name, timezone) VALUES (1, '湖滨', 'Asia/Shanghai')")
        )
        conn.execute(
            text(
                "INSERT INTO devices (id, asset_tag, name, category_code, community_id, address, "
                "snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, "
                "updated_at, search_text) VALUES (1, 'HB-BIN-1', '湖滨-垃圾桶', 'smart_bin', 1, "
                "'127.0.0.1', 'v2c', 161, 60, 'in_service', 'normal', :t, :t, '')"
            ),
            {"t": STAMP},
        )
        for aid, message in OLD.items():
            conn.execute(
                text(
                    "INSERT INTO alarms (id, device_id, rule, severity, message, opened_at, "
                    "repeat_count, work_kind, source, handover_status, handover_attempts, "
                    "recovery_attempts) VALUES (:id, 1, :rule, 'critical', :m, :t, 0, 'repair', "
                    "'poll', 'done', 0, 0)"
                ),
                {"id": aid, "rule": f"r{aid}", "m": message, "t": STAMP},
            )
        conn.execute(  # a hand-over refused for good before 0016, in words
            text("UPDATE alarms SET handover_status = 'failed', handover_error = :e WHERE id = 8"),
            {"e": "device HB-BIN-1 is retired: its alarms raise no work order"},
        )
        conn.execute(
            text(
                "INSERT INTO device_states (device_id, health, last_error, consecutive_failures, "
                "summary_json) VALUES (1, 'down', :e, 3, '{}')"
            ),
            {"e": "TCP 554: connection refused (service not running)"},
        )
    return db


def test_0016_takes_the_stored_english_apart_into_codes(tmp_path) -> None:
    db = _old_database(tmp_path)
    migrate.upgrade(db)
    with db.engine.begin() as conn:
        rows = dict(conn.execute(text("SELECT id, message_data FROM alarms")).all())
        error = conn.execute(text("SELECT last_error FROM device_states")).scalar_one()
        columns = [r[1] for r in conn.execute(text("PRAGMA table_info(alarms)")).all()]
    assert "message" not in columns and "message_data" in columns
    messages = {aid: Msg.from_json(data) for aid, data in rows.items()}
    assert messages[1].code == messages[2].code == "alarm.unreachable"
    assert {m.code for m in messages.values()} == {
        "alarm.unreachable", "alarm.stale_since", "alarm.threshold", "alarm.status",
        "alarm.trap", "alarm.recorded",
    }  # fmt: skip
    for aid, msg in messages.items():
        assert render(msg, "zh_CN") == ZH[aid], aid
    # the English reads as before (the two timeout forms now alike, times in local time)
    for aid in (1, 4, 6, 7, 8):
        assert render(messages[aid], "en") == OLD[aid].replace(" (usmStatsUnknownUserNames)", ""), (
            aid
        )
    assert render(messages[2], "en") == OLD[1]
    assert render(messages[5], "en") == "HB-BIN-1 Lid: Jammed"  # the state's label
    assert render(messages[3], "en") == "HB-BIN-1: no data since 2026-11-01 15:50"
    with db.engine.begin() as conn:
        reason = conn.execute(text("SELECT handover_error FROM alarms WHERE id = 8")).scalar_one()
    refused = stored(reason)
    assert refused == Msg("handover.retired", {"device": "HB-BIN-1"})
    assert render(refused, "zh_CN") == "设备 HB-BIN-1 已退役，其告警不生成工单"
    last = stored(error)
    assert last is not None and last.code == "poll.tcp_refused"
    assert render(last, "zh_CN") == "TCP 554：连接被拒绝（服务未运行）"
    # nothing recognisable was left as a stored sentence
    assert [m for m in messages.values() if m.code.endswith("recorded")] == [messages[8]]
    assert not re.search(r"[A-Za-z]{3,}", ZH[4].replace("HB-BIN-1", ""))


def test_0016_downgrade_gives_the_english_back(tmp_path) -> None:
    db = _old_database(tmp_path)
    migrate.upgrade(db)
    from alembic import command

    with db.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0015")
    with db.engine.begin() as conn:
        back = dict(conn.execute(text("SELECT id, message FROM alarms")).all())
    assert back[4] == OLD[4] and back[8] == OLD[8]
