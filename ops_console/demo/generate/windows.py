"""Maintenance windows: past, running and one upcoming, none overlapping an open work order of
its target."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .world import TZ


def build_windows() -> list[dict[str, Any]]:
    def w(target: str, a: str, b: str, reason: str) -> dict[str, Any]:
        return {
            "target": target,
            "from": datetime.fromisoformat(a).replace(tzinfo=TZ),
            "to": datetime.fromisoformat(b).replace(tzinfo=TZ),
            "reason": reason,
        }

    return [
        w(
            "湖滨",
            "2026-07-15T01:00:00",
            "2026-07-15T05:00:00",
            "湖滨机房核心交换机固件升级，全社区设备短暂离线",
        ),
        w(
            "ZJ-NET-001",
            "2026-08-20T22:00:00",
            "2026-08-21T02:00:00",
            "核心交换机更换（华为 S5735 替换旧设备）",
        ),
        w(
            "科技园",
            "2026-09-12T02:00:00",
            "2026-09-12T06:00:00",
            "弱电机房 UPS 年度检修，全社区停电切换",
        ),
        w("HB-CAM-033", "2026-10-22T01:00:00", "2026-10-22T04:00:00", "NVR 硬盘扩容"),
        w(
            "ZJ-GATE-003",
            "2026-11-05T23:00:00",
            "2026-11-06T01:00:00",
            "东门人行闸机更换主板（期间由保安值守手动通道）",
        ),
        w("张江", "2026-12-12T01:00:00", "2026-12-12T05:00:00", "冬季全面巡检与网络割接（计划）"),
    ]
