"""The audit log's words: actions, kinds of object and field names in Chinese and English.

The log stores codes (``workorder.resolve``, ``work_order``, ``override_reason``); an auditor
reads words. Written once, here, without Qt: the audit report reads them and so does the
Audit page (``ui/audit_text.py``), so both say the same thing. Both read an entry's
before/after snapshot the same way too (:func:`snapshot`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

ACTIONS: Mapping[str, tuple[str, str]] = {
    "workorder.create": ("工单已创建", "Work order created"),
    "workorder.assign": ("工单已派单", "Work order assigned"),
    "workorder.reassign": ("工单已改派", "Work order reassigned"),
    "workorder.accept": ("工单已接单", "Work order accepted"),
    "workorder.hold": ("工单已挂起", "Work order put on hold"),
    "workorder.resume": ("工单已恢复", "Work order resumed"),
    "workorder.resolve": ("工单已解决", "Work order resolved"),
    "workorder.close": ("工单已关闭", "Work order closed"),
    "workorder.reopen": ("工单已重新打开", "Work order reopened"),
    "workorder.cancel": ("工单已取消", "Work order cancelled"),
    "workorder.update": ("工单已编辑", "Work order edited"),
    "workorder.part": ("登记备件", "Part recorded"),
    "workorder.labour": ("登记工时", "Labour time recorded"),
    "workorder.alarm_repeat": (
        "告警在未完成工单上重复出现",
        "Alarm repeated on an open work order",
    ),
    "workorder.device_recovered": ("设备已恢复", "Device recovered"),
    "sla.at_risk": ("SLA 有风险", "SLA at risk"),
    "sla.breached": ("SLA 已违约", "SLA breached"),
    "device.create": ("新增设备", "Device added"),
    "device.update": ("修改设备", "Device changed"),
    "device.retire": ("设备已报废", "Device retired"),
    "alarm.open": ("产生告警", "Alarm raised"),
    "alarm.escalate": ("告警升级", "Alarm escalated"),
    "alarm.clear": ("告警已清除", "Alarm cleared"),
    "alarm.ack": ("告警已确认", "Alarm acknowledged"),
    "care.raise": ("产生关怀告警", "Care alert raised"),
    "care.ack": ("关怀告警已确认", "Care alert acknowledged"),
    "care.close": ("关怀告警已关闭", "Care alert closed"),
    "maintenance.add": ("新增维护窗口", "Maintenance window added"),
    "credential.set": ("保存 SNMP 凭据", "SNMP credential stored"),
    "plan.create": ("新增预防性维护计划", "Preventive plan added"),
    "plan.update": ("预防性维护计划已修改", "Preventive plan changed"),
    "plan.pause": ("预防性维护计划已暂停", "Preventive plan paused"),
    "plan.resume": ("预防性维护计划已恢复", "Preventive plan resumed"),
    "user.create": ("新增用户", "User added"),
    "user.locked": ("账户已锁定", "Account locked"),
    "user.unlock": ("账户已解锁", "Account unlocked"),
    "user.role": ("用户角色已修改", "User's role changed"),
    "user.communities": ("用户所属社区已修改", "User's communities changed"),
    "user.disable": ("用户已停用", "User disabled"),
    "user.enable": ("用户已启用", "User enabled"),
    "user.password": ("密码已修改", "Password changed"),
    "community.update": ("社区信息已修改", "Community changed"),
    "community.create": ("新增社区", "Community added"),
    "community.add_zone": ("新增区域", "Zone added"),
    "organization.create": ("新增单位", "Organization added"),
    "contract.create": ("新增合同", "Contract added"),
    "contract.update": ("修改合同", "Contract changed"),
    "sla_policy.create": ("新增 SLA 策略版本", "SLA policy version added"),
    "course.create": ("新增课程", "Course added"),
    "course.update": ("修改课程", "Course changed"),
    "training.record": ("登记培训", "Training recorded"),
    "training.update": ("修改培训记录", "Training record changed"),
    "audit.archive": ("旧审计条目已归档", "Old audit entries archived"),
    "sla_statement.issue": ("结算单已开具", "SLA statement issued"),
}

ENTITIES: Mapping[str, tuple[str, str]] = {
    "work_order": ("工单", "Work order"),
    "device": ("设备", "Device"),
    "alarm": ("告警", "Alarm"),
    "care_alert": ("关怀告警", "Care alert"),
    "maintenance_window": ("维护窗口", "Maintenance window"),
    "snmp_credential": ("SNMP 凭据", "SNMP credential"),
    "preventive_plan": ("预防性维护计划", "Preventive plan"),
    "user": ("用户", "User"),
    "community": ("社区", "Community"),
    "organization": ("单位", "Organization"),
    "contract": ("合同", "Contract"),
    "sla_policy": ("SLA 策略", "SLA policy"),
    "course": ("课程", "Course"),
    "training_record": ("培训记录", "Training record"),
    "audit": ("审计归档", "Audit archive"),
}

FIELDS: Mapping[str, tuple[str, str]] = {
    "first_id": ("首条", "First entry"),
    "last_id": ("末条", "Last entry"),
    "entries": ("条目数", "Entries"),
    "file": ("文件", "File"),
    "file_sha256": ("文件 SHA-256", "File SHA-256"),
    "prev_hash": ("前一哈希", "Previous hash"),
    "last_hash": ("末条哈希", "Last hash"),
    "status": ("状态", "Status"),
    "assignee_id": ("负责人", "Assignee"),
    "assignee": ("负责人", "Assignee"),
    "automatic": ("自动", "Automatic"),
    "note": ("备注", "Note"),
    "reason_code": ("挂起原因", "Hold reason"),
    "override_reason": ("越权原因", "Override reason"),
    "outcome": ("处置结果", "Outcome"),
    "closed_at": ("关闭时间", "Closed at"),
    "title": ("标题", "Title"),
    "description": ("描述", "Description"),
    "priority": ("优先级", "Priority"),
    "community_id": ("社区", "Community"),
    "community": ("社区", "Community"),
    "communities": ("社区", "Communities"),
    "contract_id": ("合同", "Contract"),
    "sla_policy_id": ("SLA 策略", "SLA policy"),
    "device": ("设备", "Device"),
    "kind": ("类型", "Kind"),
    "source": ("来源", "Source"),
    "resident_contact": ("居民联系方式", "Resident contact"),
    "part": ("备件", "Part"),
    "quantity": ("数量", "Quantity"),
    "unit_cost": ("单价", "Unit cost"),
    "labour_minutes": ("工时（分钟）", "Labour (minutes)"),
    "alarm_id": ("告警", "Alarm"),
    "rule": ("规则", "Rule"),
    "repeat_count": ("重复次数", "Repeats"),
    "device_recovered_at": ("设备恢复时间", "Device recovered at"),
    "target": ("计时", "Clock"),
    "notify": ("通知对象", "Notified"),
    "asset_tag": ("资产编号", "Asset tag"),
    "name": ("名称", "Name"),
    "category": ("类别", "Category"),
    "zone": ("区域", "Zone"),
    "location": ("位置", "Location"),
    "vendor": ("厂商", "Vendor"),
    "model": ("型号", "Model"),
    "serial": ("序列号", "Serial number"),
    "address": ("地址", "Address"),
    "snmp_version": ("SNMP 版本", "SNMP version"),
    "snmp_port": ("SNMP 端口", "SNMP port"),
    "credential": ("凭据", "Credential"),
    "poll_interval_s": ("轮询间隔（秒）", "Poll interval (s)"),
    "criticality": ("重要程度", "Criticality"),
    "install_date": ("安装日期", "Installed"),
    "warranty_end": ("保修截止", "Warranty ends"),
    "message": ("信息", "Message"),
    "severity": ("级别", "Severity"),
    "work_kind": ("工作类型", "Work kind"),
    "from": ("开始", "From"),
    "to": ("结束", "To"),
    "reason": ("原因", "Reason"),
    "username": ("用户名", "User name"),
    "role": ("角色", "Role"),
    "locked_until": ("锁定至", "Locked until"),
    "timezone": ("时区", "Time zone"),
    "zones": ("区域", "Zones"),
    "certificate_no": ("证书", "Certificate"),
    "completed_on": ("完成日期", "Completed"),
    "expires_on": ("到期日期", "Expires"),
    "score": ("成绩", "Score"),
    "validity_months": ("有效期（月）", "Valid (months)"),
    "mandatory_for": ("必修角色", "Mandatory for"),
    "categories": ("设备类别", "Categories"),
    "starts_on": ("起始日期", "Starts"),
    "ends_on": ("截止日期", "Ends"),
    "monthly_fee": ("月费", "Monthly fee"),
    "penalty_cap_ratio": ("罚金上限", "Penalty cap"),
    "firm_id": ("维保单位", "Maintenance firm"),
    "effective_from": ("生效时间", "Effective from"),
    "first_admin": ("首个管理员", "First administrator"),
    "phone": ("电话", "Phone"),
    "display_name": ("姓名", "Name"),
    "organization": ("单位", "Organization"),
    "failed_logins": ("登录失败次数", "Failed sign-ins"),
    "terms": ("条款", "Terms"),
    "stops_clock": ("挂起停表原因", "Holds that stop the clock"),
    "active": ("启用", "Active"),
    "checklist": ("检查清单", "Checklist"),
    "every_days": ("间隔天数", "Every (days)"),
    "day_of_month": ("每月日期", "Day of the month"),
    "auth_proto": ("认证协议", "Auth protocol"),
    "priv_proto": ("加密协议", "Privacy protocol"),
    "user": ("用户", "User"),
    "verification": ("核验", "Verification"),
}

SYSTEM_ACTOR = ("系统", "system")


def _word(table: Mapping[str, tuple[str, str]], code: str, lang: str) -> str:
    entry = table.get(code)
    if entry is None:
        return code
    return entry[0] if lang.startswith("zh") else entry[1]


def action(code: str, lang: str) -> str:
    """Return an action in words (the code itself when the table has no words for it)."""
    return _word(ACTIONS, code, lang)


def entity(code: str, lang: str) -> str:
    """Return a kind of object in words."""
    return _word(ENTITIES, code, lang)


def field(code: str, lang: str) -> str:
    """Return a field's name in words."""
    return _word(FIELDS, code, lang)


def snapshot(text: str | None) -> dict[str, Any]:
    """An entry's before or after JSON as its fields (none when empty). The services write
    JSON objects; anything else the log may hold stands as one unnamed field, ``""``."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"": text}
    return value if isinstance(value, dict) else {"": value}
