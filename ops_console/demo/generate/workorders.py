"""Six months of work-order history and the open orders: timelines built from business time,
about 10 % of them late, technicians certified for the device (rarely an override)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from .devices import Device
from .world import (
    CALENDAR,
    COLLECTION,
    COMMUNITIES,
    END,
    FIRM,
    HIST_START,
    LIAISON,
    SLA,
    TRAINING,
    TZ,
    USERS,
    certified,
    is_workday,
)

TITLES: dict[str, list[tuple[str, float]]] = {
    "access_gate": [
        ("人脸门禁无法识别", 5),
        ("人脸门禁识别缓慢", 2),
        ("门禁离线", 3),
        ("门禁屏幕黑屏", 1),
        ("门禁闸机无法开启", 1.5),
        ("手动通道故障", 1.2),
    ],
    "camera": [
        ("摄像头离线", 6),
        ("高空抛物摄像头画面模糊", 2),
        ("夜视红外失效", 1.5),
        ("摄像头角度偏移", 1),
        ("录像中断（NVR 硬盘告警）", 0.8),
    ],
    "waste_station": [
        ("分类站称重模块故障", 2),
        ("投放口门无法打开", 2),
        ("分类站屏幕离线", 1.5),
        ("除臭装置故障", 1),
    ],
    "smart_bin": [
        ("满溢传感器读数异常", 2),
        ("桶盖无法开启", 2),
        ("智能桶离线", 1.5),
    ],
    "env_sensor": [
        ("环境监测数据中断", 3),
        ("PM2.5 读数异常", 1.5),
        ("噪声传感器漂移", 1),
    ],
    "wristband_gateway": [
        ("手环网关离线", 5),
        ("手环上报延迟", 1.5),
        ("手环网关电池供电异常", 1),
    ],
    "parking": [
        ("道闸无法抬杆", 3),
        ("车牌识别失败", 2),
        ("车位检测器离线", 2),
    ],
    "network": [
        ("楼栋交换机离线", 3),
        ("上联链路中断", 2),
        ("交换机端口故障", 2),
        ("物联网网关 CPU 过高", 1),
    ],
}
CLEANING_TITLES = {"smart_bin": "垃圾桶满溢", "waste_station": "分类站满溢待清运"}
RESIDENT_TITLES = [
    "居民反映楼道门禁刷脸经常失败",
    "居民反映小区监控有盲区",
    "居民来电：老人手环一直不显示在线",
    "居民反映地下车库道闸排队抬杆慢",
    "居民反映垃圾投放点异味严重",
    "居民反映健身区附近噪声监测屏不亮",
]
PREVENTIVE = {
    "access_gate": "月度巡检：人脸门禁及手动通道",
    "camera": "月度巡检：高空抛物摄像机清洁与角度校准",
    "network": "季度巡检：机房交换机与 UPS",
    "wristband_gateway": "月度巡检：手环网关在线率与电池",
    "env_sensor": "季度校准：环境监测站",
    "parking": "月度巡检：车辆道闸与车位检测",
}
RESOLUTIONS = {
    "access_gate": [
        "更换人脸识别模组，测试正常",
        "重启门禁主机并升级固件",
        "更换闸机电机，手动通道测试通过",
        "清洁摄像头镜片，重新注册人脸库",
    ],
    "camera": [
        "更换摄像机电源适配器",
        "重新压制网线水晶头，恢复在线",
        "更换红外灯板",
        "调整角度并紧固支架",
        "更换 NVR 故障硬盘，录像恢复",
    ],
    "waste_station": ["校准称重传感器", "更换投放口电磁锁", "更换 4G 通信模块", "更换除臭风机"],
    "smart_bin": ["清洁满溢传感器探头", "更换桶盖推杆电机", "更换物联网卡，恢复上线"],
    "env_sensor": ["更换 PM2.5 激光传感器", "重新校准噪声传感器", "更换电源模块，数据恢复上报"],
    "wristband_gateway": ["重启网关并更换 PoE 供电模块", "更换网关天线", "更换备用电池，恢复在线"],
    "parking": ["更换道闸地感线圈", "清洁车牌识别镜头并调整补光", "更换地磁检测器电池"],
    "network": [
        "更换故障光模块，链路恢复",
        "更换交换机端口，迁移线缆",
        "重启网关并调整上报频率",
        "更换交换机电源",
    ],
    None: ["现场检查并调整设备设置，已向居民说明", "已协调物业处理，设备工作正常"],
}
# resolutions that fit a particular title (else the category's list above)
TITLE_RESOLUTIONS = {
    "手动通道故障": ["更换闸机电机，手动通道测试通过", "更换手动通道电磁锁，测试通过"],
    "摄像头离线": ["更换摄像机电源适配器", "重新压制网线水晶头，恢复在线", "更换 PoE 交换机端口"],
    "录像中断（NVR 硬盘告警）": ["更换 NVR 故障硬盘，录像恢复"],
    "夜视红外失效": ["更换红外灯板"],
    "摄像头角度偏移": ["调整角度并紧固支架"],
    "车位检测器离线": ["更换地磁检测器电池", "重新绑定车位检测器，恢复上线"],
    "车牌识别失败": ["清洁车牌识别镜头并调整补光"],
    "道闸无法抬杆": ["更换道闸地感线圈", "更换道闸电机控制板"],
}
CLEAN_RESOLUTIONS = ["已清运并清洗桶体", "已清运，已提醒居民分类投放", "已清运并消杀"]
HOLD_REASONS = [
    (
        "waiting_parts",
        ["等待配件", "等待配件（厂家寄送）", "等待配件：识别模组缺货", "等待配件：电源适配器"],
        5,
    ),
    ("resident_not_home", ["住户不在家，约定改日上门", ""], 2),
    ("access_denied", ["楼顶天台钥匙由物业保管，暂无法进入", "配电间未开门"], 1.5),
    ("authority_approval", ["需物业审批高空作业", ""], 0.6),
    ("weather", ["台风预警，暂停高空作业", "暴雨，暂停室外作业"], 0.5),
]
REOPEN_NOTES = [
    "复查仍无法识别，重新处理",
    "居民反映问题复现",
    "回访时设备再次离线",
    "手动通道仍卡顿",
]
CLOSE_NOTES = ["已回访，居民确认恢复", "现场核实正常", "核实完毕", "", "已回访，满意"]
CANCEL_NOTES = [
    "居民已自行解决，无需上门",
    "非本合同范围（属物业自管设备）",
    "居民撤回报修",
]
CANCEL_ALARM = ["误报：网络抖动，设备已自行恢复", "误报：告警阈值配置错误，已修正"]
SOURCES_RESIDENT = ("resident_phone", "resident_walk_in", "resident_app")


@dataclass
class Event:
    event: str
    at: datetime
    actor: str
    assignee: str = ""
    note: str = ""


@dataclass
class WorkOrder:
    community: str
    device: Device | None
    priority: str
    title: str
    source: str
    kind: str  # repair, inspection, cleaning (not in the events CSV; see README)
    created: datetime
    events: list[Event] = field(default_factory=list)
    number: str = ""
    duplicate_of: WorkOrder | None = None

    @property
    def sla_key(self) -> str:
        return "cleaning" if self.kind == "cleaning" else self.priority

    def span(self) -> tuple[datetime, datetime]:
        return self.events[0].at, self.events[-1].at


def weighted(rng: random.Random, items: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    total = sum(i[-1] for i in items)
    x = rng.random() * total
    for i in items:
        x -= i[-1]
        if x <= 0:
            return i
    return items[-1]


class Generator:
    def __init__(
        self, rng: random.Random, devices: list[Device], windows: list[dict[str, Any]]
    ) -> None:
        self.rng = rng
        self.devices = devices
        self.windows = windows
        self.busy: dict[str, list[tuple[datetime, datetime]]] = {}
        self.by_comm_cat: dict[tuple[str, str], list[Device]] = {}
        for d in devices:
            if d.status == "in_service":
                self.by_comm_cat.setdefault((d.community, d.category), []).append(d)

    # time helpers -------------------------------------------------------------------
    def adv(self, t: datetime, seconds: float, business: bool) -> datetime:
        seconds = max(1, round(seconds))
        if business:
            return CALENDAR.add_business_seconds(t, seconds)
        return t + timedelta(seconds=seconds)

    def office(self, t: datetime, lo_min: float, hi_min: float) -> datetime:
        """A person in office hours acting lo..hi business minutes after t."""
        return CALENDAR.add_business_seconds(t, round(self.rng.uniform(lo_min, hi_min) * 60))

    # actors -------------------------------------------------------------------------
    def manager(self, community: str) -> str:
        if community == "湖滨" and self.rng.random() < 0.3:
            return "li.hong"
        return "wang.jianguo"

    def pick_tech(self, wo: WorkOrder, on: date) -> tuple[str, str]:
        """(assignee, note): a certified technician of the community, rarely an override."""
        techs = [
            u
            for u in USERS
            if u.role == "technician" and (not u.communities or wo.community in u.communities)
        ]
        org = COLLECTION if wo.kind == "cleaning" else FIRM
        team = [u for u in techs if u.organization == org]
        started = [
            u for u in team if min(date.fromisoformat(d) for _, d in TRAINING[u.username]) <= on
        ]
        if wo.device is None:
            return self.rng.choice(started).username, ""
        ok = [u for u in started if certified(u.username, wo.device.category, on)]
        if ok and (wo.kind == "cleaning" or self.rng.random() > 0.02):
            return self.rng.choice(ok).username, ""
        pool = [u for u in started if u not in ok] or started
        why = (
            "持证工程师均在外处理紧急工单，经理批准临时派单"
            if ok
            else "本社区暂无该类设备持证工程师，经理批准临时派单（已安排培训）"
        )
        return self.rng.choice(pool).username, f"override: {why}"

    # timelines ----------------------------------------------------------------------
    def timeline(
        self,
        wo: WorkOrder,
        *,
        breach: bool = False,
        response_breach: bool = False,
        hold: bool = False,
        reopen: bool = False,
        long_hold: bool = False,
    ) -> None:
        """Write ``wo``'s events from creation to closing; by default on time, never held or
        reopened."""
        rng = self.rng
        resp_min, res_min, business, _, _ = SLA[wo.sla_key]
        R, T = resp_min * 60, res_min * 60
        ev = wo.events
        liaison = LIAISON[wo.community]
        creator = self.manager(wo.community) if wo.source == "preventive" else liaison
        ev.append(Event("created", wo.created, creator, note=f"source={wo.source}"))
        # response: created -> accept, in business (or wall) seconds, holds excluded
        response = R * (rng.uniform(1.1, 2.2) if response_breach else rng.uniform(0.15, 0.85))
        assign_after = min(response * rng.uniform(0.1, 0.4), 45 * 60)
        t = self.adv(wo.created, assign_after, business)
        manager = self.manager(wo.community)
        assignee, note = self.pick_tech(wo, t.date())
        ev.append(Event("assigned", t, manager, assignee=assignee, note=note))
        used = assign_after
        if hold and rng.random() < 0.2 and not long_hold:
            # a hold before acceptance (resident not home for the appointment)
            t = self.adv(t, (response - used) * 0.5, business)
            used += (response - used) * 0.5
            code, notes, _ = HOLD_REASONS[1] if rng.random() < 0.6 else HOLD_REASONS[2]
            t = self.hold(wo, t, assignee, code, rng.choice(notes), business)
            hold = False
        t = self.adv(t, response - used, business)
        ev.append(Event("accepted", t, assignee))
        used = response
        # resolution: total business time created -> last resolve, holds and reopen gaps excluded
        if breach:
            total = T * rng.uniform(1.08, 2.4)
        elif wo.kind == "cleaning":
            total = T * rng.uniform(0.3, 0.85)
        else:
            total = T * rng.choice([rng.uniform(0.12, 0.5), rng.uniform(0.3, 0.9)])
        total = max(total, used + 10 * 60)
        work = total - used
        first = work * (rng.uniform(0.55, 0.85) if reopen else 1.0)
        if hold:
            part = first * rng.uniform(0.2, 0.6)
            t = self.adv(t, part, business)
            code, notes, _ = weighted(rng, HOLD_REASONS)
            text = rng.choice(notes)
            if long_hold:
                code, text = (
                    "waiting_parts",
                    rng.choice(["等待配件：厂家缺货，预计下周到货", "等待配件（厂家寄送）"]),
                )
            t = self.hold(wo, t, assignee, code, text, business, long_hold)
            t = self.adv(t, first - part, business)
        else:
            t = self.adv(t, first, business)
        ev.append(Event("resolved", t, assignee, note=self.resolution_note(wo)))
        if reopen:
            t = self.office(t, 30, 600)
            ev.append(Event("reopened", t, liaison, note=rng.choice(REOPEN_NOTES)))
            t = self.adv(t, work - first, business)
            ev.append(Event("resolved", t, assignee, note=self.resolution_note(wo)))
        t = self.office(t, 20, 900)
        ev.append(Event("closed", t, liaison, note=rng.choice(CLOSE_NOTES)))

    def hold(
        self,
        wo: WorkOrder,
        t: datetime,
        assignee: str,
        code: str,
        text: str,
        business: bool,
        long_hold: bool = False,
    ) -> datetime:
        rng = self.rng
        note = f"{code}: {text}" if text else code
        wo.events.append(Event("held", t, assignee, note=note))
        hours = {
            "waiting_parts": (20, 96),
            "resident_not_home": (4, 30),
            "access_denied": (2, 26),
            "authority_approval": (24, 72),
            "weather": (6, 40),
        }[code]
        if long_hold:
            hours = (150, 400)
        back = t + timedelta(hours=rng.uniform(*hours))
        back = CALENDAR.add_business_seconds(back, rng.randint(5, 50) * 60) if business else back
        wo.events.append(
            Event("resumed", back, assignee, note="配件已到货" if code == "waiting_parts" else "")
        )
        return back

    def resolution_note(self, wo: WorkOrder) -> str:
        if wo.kind == "cleaning":
            return self.rng.choice(CLEAN_RESOLUTIONS)
        if wo.kind == "inspection":
            return (
                "巡检完成，未发现异常"
                if self.rng.random() < 0.7
                else "巡检完成，已紧固接线并清洁设备"
            )
        if wo.title in TITLE_RESOLUTIONS:
            return self.rng.choice(TITLE_RESOLUTIONS[wo.title])
        return self.rng.choice(RESOLUTIONS[wo.device.category if wo.device else None])

    # placement checks ---------------------------------------------------------------
    def conflicts(self, wo: WorkOrder) -> bool:
        a, b = wo.span()
        if b >= END:
            return True
        return self.blocked(wo, a, b)

    def blocked(self, wo: WorkOrder, a: datetime, b: datetime) -> bool:
        for w in self.windows:
            targets = (wo.community, wo.device.asset_tag if wo.device else None)
            if w["target"] in targets and a < w["to"] and w["from"] < b:
                return True
        if wo.device and wo.duplicate_of is None:
            for x, y in self.busy.get(wo.device.asset_tag, []):
                if a < y and x < b:
                    return True
        return False

    def occupy(self, wo: WorkOrder) -> None:
        if wo.device:
            self.busy.setdefault(wo.device.asset_tag, []).append(wo.span())

    # drawing orders -----------------------------------------------------------------
    def created_time(self, day: date, source: str, business: bool) -> datetime:
        rng = self.rng
        if source == "preventive":
            h, m = 9, rng.randint(0, 40)
        elif source in SOURCES_RESIDENT or source == "liaison":
            h = rng.choice([8, 9, 9, 10, 10, 11, 14, 15, 15, 16, 17, 19, 20])
            m = rng.randint(0, 59)
        else:
            # alarms come at any hour, more by day
            h = rng.choice(list(range(24)) + list(range(8, 20)))
            m = rng.randint(0, 59)
        return datetime.combine(day, time(h, m, rng.randint(0, 59)), tzinfo=TZ)

    def draw(self, day: date) -> WorkOrder:
        rng = self.rng
        community = rng.choice([c.name for c in COMMUNITIES])
        r = rng.random()
        if r < 0.42:
            source = "alarm"
        elif r < 0.55:
            source = "liaison"
        else:
            source = rng.choice(SOURCES_RESIDENT)
        # what broke
        category = weighted(
            rng,
            [
                ("access_gate", 26),
                ("camera", 24),
                ("smart_bin", 16),
                ("waste_station", 6),
                ("env_sensor", 6),
                ("wristband_gateway", 9),
                ("parking", 8),
                ("network", 6),
            ],
        )[0]
        if source != "alarm" and rng.random() < 0.14:
            title = rng.choice(RESIDENT_TITLES)
            wo = WorkOrder(
                community, None, "P3", title, source, "repair", datetime.min.replace(tzinfo=TZ)
            )
        else:
            device = rng.choice(self.by_comm_cat[(community, category)])
            if category in CLEANING_TITLES and rng.random() < 0.6:
                title, kind = CLEANING_TITLES[category], "cleaning"
            else:
                title, kind = weighted(rng, TITLES[category])[0], "repair"
            if title == "手动通道故障" and device.criticality != "life_safety":
                title = "人脸门禁无法识别"
            priority = {"life_safety": "P1", "high": "P2", "normal": "P3", "low": "P4"}[
                device.criticality
            ]
            if title == "手动通道故障":
                priority = "P1"
            if kind == "cleaning":
                priority = "P3"
            wo = WorkOrder(
                community, device, priority, title, source, kind, datetime.min.replace(tzinfo=TZ)
            )
        wo.created = self.created_time(day, source, SLA[wo.sla_key][2])
        return wo

    def history(self) -> list[WorkOrder]:
        rng = self.rng
        orders: list[WorkOrder] = []
        day = HIST_START.date()
        last_day = date(2026, 11, 20)
        while day <= last_day:
            n = rng.choice([1, 2, 2, 2, 3, 3, 3, 4])
            for _ in range(n):
                for _attempt in range(50):
                    wo = self.draw(day)
                    self.timeline(
                        wo,
                        breach=rng.random() < 0.14,
                        response_breach=rng.random() < 0.05,
                        hold=rng.random() < 0.16,
                        reopen=rng.random() < 0.06,
                    )
                    if not self.conflicts(wo):
                        self.occupy(wo)
                        orders.append(wo)
                        break
            day += timedelta(days=1)
        orders.extend(self.preventive())
        orders.extend(self.cancelled(orders))
        return orders

    def preventive(self) -> list[WorkOrder]:
        rng = self.rng
        out = []
        for month in range(6, 12):
            for c in COMMUNITIES:
                for category in ("access_gate", "wristband_gateway", "camera") + (
                    ("network", "env_sensor") if month % 3 == 0 else ("parking",)
                ):
                    # the first working day of the month, or a few days later
                    d = date(2026, month, 1)
                    while not is_workday(d):
                        d += timedelta(days=1)
                    d += timedelta(days=rng.randint(0, 3))
                    while not is_workday(d):
                        d += timedelta(days=1)
                    for _attempt in range(50):
                        device = rng.choice(self.by_comm_cat[(c.name, category)])
                        wo = WorkOrder(
                            c.name,
                            device,
                            "P4",
                            PREVENTIVE[category],
                            "preventive",
                            "inspection",
                            datetime.min.replace(tzinfo=TZ),
                        )
                        wo.created = self.created_time(d, "preventive", True)
                        self.timeline(wo)
                        if not self.conflicts(wo):
                            self.occupy(wo)
                            out.append(wo)
                            break
        return out

    def cancelled(self, orders: list[WorkOrder]) -> list[WorkOrder]:
        rng = self.rng
        out = []
        pool = [
            o
            for o in orders
            if o.source != "preventive" and o.events[0].at < datetime(2026, 11, 15, tzinfo=TZ)
        ]
        for i in range(12):
            if i < 5:
                # a duplicate report of an order raised minutes earlier
                base = rng.choice([o for o in pool if o.device is not None])
                wo = WorkOrder(
                    base.community,
                    base.device,
                    base.priority,
                    base.title,
                    rng.choice(SOURCES_RESIDENT),
                    base.kind,
                    base.created + timedelta(minutes=rng.randint(12, 50)),
                )
                wo.duplicate_of = base
                note = ""  # filled once numbers are known
            else:
                base = rng.choice(pool)
                day = base.created.date() + timedelta(days=rng.randint(1, 5))
                wo = self.draw(day)
                note = rng.choice(CANCEL_ALARM if wo.source == "alarm" else CANCEL_NOTES)
            liaison = LIAISON[wo.community]
            wo.events.append(Event("created", wo.created, liaison, note=f"source={wo.source}"))
            at = wo.created + timedelta(minutes=rng.randint(8, 90))
            wo.events.append(Event("cancelled", at, self.manager(wo.community), note=note))
            if wo.duplicate_of is None and self.blocked(wo, wo.created, at):
                continue
            out.append(wo)
        return out

    # open at the end: designed statuses ---------------------------------------------
    def open_orders(self, under_maintenance: list[Device]) -> list[WorkOrder]:
        rng = self.rng
        # (status wanted, days before END the order was created (lo, hi), force a breach)
        plan = [
            ("new", (0.1, 0.9), False),
            ("new", (0.1, 1.2), False),
            ("new", (0.2, 1.0), False),
            ("assigned", (0.1, 1.0), False),
            ("assigned", (0.3, 1.5), False),
            ("assigned", (1.0, 2.0), False),
            ("in_progress", (0.5, 2.0), False),
            ("in_progress", (0.5, 2.5), False),
            ("in_progress", (1.0, 3.0), False),
            ("in_progress", (6.0, 10.0), True),
            ("in_progress", (7.0, 12.0), True),
            ("on_hold", (2.0, 6.0), False),
            ("on_hold", (3.0, 8.0), False),
            ("on_hold", (4.0, 9.0), False),
            ("on_hold", (8.0, 12.0), True),
            ("resolved", (1.0, 3.0), False),
            ("resolved", (1.0, 3.0), False),
            ("resolved", (0.5, 2.0), False),
            ("resolved", (1.5, 4.0), False),
            ("resolved", (4.0, 7.0), True),
        ]
        maint = list(under_maintenance)
        maint_tags = {d.asset_tag for d in maint}
        self.placed_maintenance: list[Device] = []
        out = []
        for status, (lo, hi), breach in plan:
            use_maint = status in ("in_progress", "on_hold")
            for attempt in range(3000):
                created = END - timedelta(days=rng.uniform(lo, hi))
                wo = self.draw(created.date())
                if use_maint and maint and attempt < 2000:
                    # a device under maintenance: an alarm-raised repair still open at the end
                    device = maint[attempt % len(maint)]
                    wo.device, wo.community = device, device.community
                    wo.title = weighted(rng, TITLES[device.category])[0]
                    if wo.title == "手动通道故障" and device.criticality != "life_safety":
                        wo.title = "人脸门禁无法识别"
                    wo.kind, wo.source = "repair", "alarm"
                    wo.priority = {"life_safety": "P1", "high": "P2", "normal": "P3", "low": "P4"}[
                        device.criticality
                    ]
                    if wo.title == "手动通道故障":
                        wo.priority = "P1"
                    wo.created = created.replace(microsecond=0)
                elif wo.device is not None and wo.device.asset_tag in maint_tags:
                    continue
                if breach and wo.kind == "cleaning":
                    continue
                if status == "new" and not SLA[wo.sla_key][2]:
                    continue  # a P1/P2 order is assigned within minutes, even at night
                self.timeline(
                    wo,
                    breach=breach or rng.random() < 0.1,
                    response_breach=False,
                    hold=status == "on_hold",
                    reopen=False,
                    long_hold=status == "on_hold",
                )
                cut = self.cut(wo, status)
                if cut is None:
                    continue
                wo.events = cut
                if self.running_breach(wo) != breach:
                    continue
                if self.blocked(wo, wo.events[0].at, END):
                    continue
                self.occupy_open(wo)
                if wo.device is not None and wo.device in maint:
                    maint.remove(wo.device)
                    self.placed_maintenance.append(wo.device)
                out.append(wo)
                break
            else:
                raise SystemExit(f"could not place an open work order in status {status}")
        return out

    def occupy_open(self, wo: WorkOrder) -> None:
        if wo.device:
            self.busy.setdefault(wo.device.asset_tag, []).append((wo.events[0].at, END))

    @staticmethod
    def cut(wo: WorkOrder, status: str) -> list[Event] | None:
        """The events up to the one that leaves the order in ``status``, all before END."""
        target_event = {
            "new": "created",
            "assigned": "assigned",
            "in_progress": "accepted",
            "on_hold": "held",
            "resolved": "resolved",
        }[status]
        events = wo.events
        for i, e in enumerate(events):
            if e.at >= END:
                return None
            if e.event == target_event:
                nxt = events[i + 1] if i + 1 < len(events) else None
                if nxt is not None and nxt.at < END:
                    return None  # it would have moved on before the end: not realistic
                return events[: i + 1]
        return None

    @staticmethod
    def running_breach(wo: WorkOrder) -> bool:
        return resolution_seconds(wo, END) > SLA[wo.sla_key][1] * 60


def resolution_seconds(wo: WorkOrder, as_of: datetime) -> float:
    """Resolution time as DOMAIN.md counts it (running up to as_of when not resolved)."""
    business = SLA[wo.sla_key][2]

    def span(a: datetime, b: datetime) -> float:
        return CALENDAR.business_seconds(a, b) if business else (b - a).total_seconds()

    total = 0.0
    running_since: datetime | None = wo.events[0].at
    last_resolve_total = None
    for e in wo.events[1:]:
        if e.event in ("held", "resolved", "cancelled") and running_since is not None:
            total += span(running_since, e.at)
            running_since = None
            if e.event == "resolved":
                last_resolve_total = total
        elif e.event in ("resumed", "reopened") and running_since is None:
            running_since = e.at
        elif e.event == "closed":
            pass
    if running_since is not None:
        total += span(running_since, as_of)
    status = wo.events[-1].event
    if status in ("resolved", "closed") and last_resolve_total is not None:
        return last_resolve_total
    return total
