#!/usr/bin/env python3
"""Generate the demo data shipped in resources/demo/ (deterministic: same seed, same bytes).

The demo is data, loaded by the product's own import services (``ops-console init --demo``):
communities, organizations, users, devices, contracts with their calendars and SLA policies,
courses, training records, six months of work-order history and maintenance windows.

Run from anywhere:  python3 scripts/make_demo.py [--out DIR]
Standard library only. "Today" in the demo is 2026-11-29 (Asia/Shanghai); the work-order
history covers 2026-06-01 .. 2026-11-28 and every event lies before 2026-11-29 00:00.

The work-order timelines are built from *business time*: each order gets a resolution time
(counted exactly as DOMAIN.md's SLA rules count it: holds and resolve→reopen gaps excluded,
business calendar for P3/P4 and cleaning, 24x7 for P1/P2), about 10 % of them past the target.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

SEED = 20261129
TZ = timezone(timedelta(hours=8))  # Asia/Shanghai has no DST: a fixed +08:00 is exact
TODAY = date(2026, 11, 29)
HIST_START = datetime(2026, 6, 1, tzinfo=TZ)
END = datetime(2026, 11, 29, tzinfo=TZ)  # nothing happens at or after this instant

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "demo"

CATEGORIES = (
    "access_gate",
    "camera",
    "waste_station",
    "smart_bin",
    "env_sensor",
    "wristband_gateway",
    "parking",
    "network",
)
CAT_TAG = {
    "access_gate": "GATE",
    "camera": "CAM",
    "waste_station": "WST",
    "smart_bin": "BIN",
    "env_sensor": "ENV",
    "wristband_gateway": "BAND",
    "parking": "PARK",
    "network": "NET",
}

# --------------------------------------------------------------------------- calendar
HOLIDAYS_2026 = {
    "元旦": ("2026-01-01", "2026-01-03"),
    "春节": ("2026-02-15", "2026-02-23"),
    "清明节": ("2026-04-04", "2026-04-06"),
    "劳动节": ("2026-05-01", "2026-05-05"),
    "端午节": ("2026-06-19", "2026-06-21"),
    "中秋节": ("2026-09-25", "2026-09-27"),
    "国庆节": ("2026-10-01", "2026-10-07"),
}
# make-up working days (调休): date -> weekday whose hours apply (all weekdays share the same hours)
MAKEUP_2026 = {
    "2026-01-04": "fri",  # Sunday, 元旦
    "2026-02-14": "mon",  # Saturday, before 春节
    "2026-02-28": "fri",  # Saturday, after 春节
    "2026-05-09": "fri",  # Saturday, 劳动节
    "2026-09-20": "fri",  # Sunday, before 中秋/国庆
    "2026-10-10": "fri",  # Saturday, 国庆节
}
WORK_HOURS = ["08:30-12:00", "13:30-18:00"]
WORK_SPANS = ((time(8, 30), time(12, 0)), (time(13, 30), time(18, 0)))


def holiday_dates() -> list[date]:
    out = []
    for first, last in HOLIDAYS_2026.values():
        d, e = date.fromisoformat(first), date.fromisoformat(last)
        while d <= e:
            out.append(d)
            d += timedelta(days=1)
    return sorted(out)


HOLIDAYS = frozenset(holiday_dates())
MAKEUP = frozenset(date.fromisoformat(d) for d in MAKEUP_2026)


def is_workday(d: date) -> bool:
    if d in HOLIDAYS:
        return False
    if d in MAKEUP:
        return True
    return d.weekday() < 5


def work_intervals(d: date) -> list[tuple[datetime, datetime]]:
    if not is_workday(d):
        return []
    return [
        (datetime.combine(d, a, tzinfo=TZ), datetime.combine(d, b, tzinfo=TZ))
        for a, b in WORK_SPANS
    ]


def add_business(t: datetime, seconds: float) -> datetime:
    """The instant at which ``seconds`` of business time have passed since ``t``."""
    remaining = seconds
    d = t.date()
    while True:
        for a, b in work_intervals(d):
            if b <= t:
                continue
            start = max(a, t)
            avail = (b - start).total_seconds()
            if remaining <= avail:
                return start + timedelta(seconds=remaining)
            remaining -= avail
        d += timedelta(days=1)
        t = datetime.combine(d, time(0), tzinfo=TZ)


def business_between(a: datetime, b: datetime) -> float:
    total = 0.0
    d = a.date()
    while d <= b.date():
        for x, y in work_intervals(d):
            lo, hi = max(a, x), min(b, y)
            if hi > lo:
                total += (hi - lo).total_seconds()
        d += timedelta(days=1)
    return total


# --------------------------------------------------------------------------- SLA terms
# key -> (response minutes, resolution minutes, business calendar?, per breach, per hour)
SLA = {
    "P1": (30, 240, False, 500, 100),
    "P2": (60, 480, False, 300, 50),
    "P3": (240, 1440, True, 200, 20),
    "P4": (480, 4320, True, 100, 10),
    "cleaning": (60, 240, True, 50, 10),
}

# --------------------------------------------------------------------------- communities
FIRM = "西湖智维科技有限公司"
COLLECTION = "绿源环卫清运服务队"
SUBDISTRICT = "湖滨街道办事处"
AUDITOR_ORG = "致信企业管理咨询（审计）有限公司"


@dataclass
class Community:
    code: str
    name: str
    name_en: str
    address: str
    office: str
    buildings: list[str]
    gates: list[str]
    garages: list[str]
    waste_zone: str
    common: list[str]
    net_room: str
    octet: int

    @property
    def zones(self) -> list[str]:
        return [
            *self.buildings,
            *self.gates,
            *self.garages,
            self.waste_zone,
            *self.common,
            self.net_room,
        ]


COMMUNITIES = [
    Community(
        "HB",
        "湖滨",
        "Hubin",
        "浙江省杭州市上城区湖滨街道东坡路 18 号",
        "湖滨社区居民委员会",
        [f"{i}幢" for i in range(1, 11)],
        ["北门", "南门", "东门"],
        ["地下车库B1", "地下车库B2"],
        "垃圾分类站",
        ["中心花园", "居家养老服务站"],
        "物业服务中心机房",
        1,
    ),
    Community(
        "ZJ",
        "张江",
        "Zhangjiang",
        "上海市浦东新区张江镇祖冲之路 899 弄",
        "张江社区居民委员会",
        [f"{i}号楼" for i in range(1, 12)],
        ["东门", "西门", "南门"],
        ["地下车库B1"],
        "垃圾厢房",
        ["社区活动中心", "健身步道", "长者照护之家"],
        "弱电机房",
        2,
    ),
    Community(
        "KJ",
        "科技园",
        "Science Park",
        "广东省深圳市南山区粤海街道科技园南区高新南七道 20 号",
        "科技园社区工作站",
        [f"{c}栋" for c in "ABCDEFGH"],
        ["北门", "南门"],
        ["地下车库B1", "地下车库B2"],
        "垃圾分类屋",
        ["架空层花园", "党群服务中心"],
        "弱电机房",
        3,
    ),
]
BY_NAME = {c.name: c for c in COMMUNITIES}


# --------------------------------------------------------------------------- users
@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    organization: str
    role: str
    communities: tuple[str, ...]  # empty: all

    @property
    def password(self) -> str:
        return "admin1234" if self.role == "admin" else "demo1234"


USERS = [
    User("admin", "系统管理员", FIRM, "admin", ()),
    User("wang.jianguo", "王建国", FIRM, "manager", ()),
    User("li.hong", "李红", SUBDISTRICT, "manager", ("湖滨",)),
    User("zhou.min", "周敏", AUDITOR_ORG, "auditor", ()),
    User("chen.jing", "陈静", "湖滨社区居民委员会", "liaison", ("湖滨",)),
    User("liu.yang", "刘洋", "张江社区居民委员会", "liaison", ("张江",)),
    User("huang.li", "黄丽", "科技园社区工作站", "liaison", ("科技园",)),
    User("zhang.wei", "张伟", FIRM, "technician", ("湖滨",)),
    User("li.qiang", "李强", FIRM, "technician", ("湖滨",)),
    User("wang.lei", "王磊", FIRM, "technician", ("湖滨",)),
    User("zhao.jun", "赵军", FIRM, "technician", ("张江",)),
    User("liu.bo", "刘波", FIRM, "technician", ("张江",)),
    User("chen.gang", "陈刚", FIRM, "technician", ("张江",)),
    User("yang.fan", "杨帆", FIRM, "technician", ("科技园",)),
    User("xu.ming", "徐明", FIRM, "technician", ("科技园",)),
    User("sun.hao", "孙浩", FIRM, "technician", ("张江", "科技园")),
    User("ma.lin", "马林", COLLECTION, "technician", ("湖滨",)),
    User("hu.jun", "胡军", COLLECTION, "technician", ("张江",)),
    User("guo.qing", "郭庆", COLLECTION, "technician", ("科技园",)),
]
USER_BY_NAME = {u.username: u for u in USERS}
LIAISON = {"湖滨": "chen.jing", "张江": "liu.yang", "科技园": "huang.li"}

# --------------------------------------------------------------------------- courses
# code, title, categories, validity months, mandatory for
COURSES = [
    ("SAFE-001", "电工安全（低压作业）", (), 12, ("technician",)),
    ("GATE-101", "人脸门禁维护", ("access_gate",), 24, ()),
    ("CCTV-201", "视频监控与高空抛物系统维护", ("camera",), 24, ()),
    ("NET-301", "网络设备配置与排障（华为/新华三）", ("network",), 36, ()),
    ("ENV-101", "环境监测设备校准与维护", ("env_sensor",), 24, ()),
    ("BIN-101", "智能垃圾桶与分类站维护及清运规范", ("smart_bin", "waste_station"), 24, ()),
    ("BAND-101", "智能手环网关维护与适老化服务", ("wristband_gateway",), 24, ()),
    ("PARK-101", "停车道闸与车位检测维护", ("parking",), 24, ()),
]
COURSE_BY_CODE = {c[0]: c for c in COURSES}

# Training records: username -> [(course, completed_on)]. Chosen against TODAY = 2026-11-29:
#   expiring within 30 days: zhang.wei GATE-101 (2026-12-10), li.qiang SAFE-001 (2026-12-15),
#     liu.bo BAND-101 (2026-12-20), guo.qing SAFE-001 (2026-12-05), hu.jun BIN-101 (2026-12-18)
#   expired: chen.gang CCTV-201 (2026-09-20), wang.lei SAFE-001 (2026-10-08),
#     yang.fan PARK-101 (2026-08-15)
#   missing: sun.hao has no SAFE-001 (mandatory); xu.ming joined in July 2026 (no record before)
TRAINING = {
    "zhang.wei": [
        ("SAFE-001", "2026-03-12"),
        ("GATE-101", "2024-12-10"),
        ("CCTV-201", "2025-04-18"),
        ("BAND-101", "2025-06-20"),
        ("PARK-101", "2025-05-09"),
    ],
    "li.qiang": [
        ("SAFE-001", "2025-12-15"),
        ("NET-301", "2024-11-05"),
        ("CCTV-201", "2025-09-26"),
        ("ENV-101", "2025-03-14"),
        ("BIN-101", "2025-07-03"),
    ],
    "wang.lei": [
        ("SAFE-001", "2025-10-08"),
        ("GATE-101", "2025-08-22"),
        ("BAND-101", "2025-11-14"),
        ("PARK-101", "2025-02-27"),
        ("ENV-101", "2026-01-16"),
    ],
    "zhao.jun": [
        ("SAFE-001", "2026-04-02"),
        ("GATE-101", "2025-05-30"),
        ("NET-301", "2025-01-10"),
        ("PARK-101", "2025-10-17"),
        ("BIN-101", "2025-09-05"),
    ],
    "liu.bo": [
        ("SAFE-001", "2026-02-06"),
        ("CCTV-201", "2025-06-13"),
        ("BAND-101", "2024-12-20"),
        ("ENV-101", "2025-11-21"),
        ("GATE-101", "2026-03-20"),
    ],
    "chen.gang": [
        ("SAFE-001", "2026-01-09"),
        ("CCTV-201", "2024-09-20"),
        ("GATE-101", "2025-04-11"),
        ("PARK-101", "2025-12-05"),
        ("BAND-101", "2026-02-27"),
    ],
    "yang.fan": [
        ("SAFE-001", "2026-05-15"),
        ("GATE-101", "2025-03-28"),
        ("CCTV-201", "2025-08-08"),
        ("PARK-101", "2024-08-15"),
        ("NET-301", "2024-06-21"),
        ("BAND-101", "2025-10-10"),
    ],
    "xu.ming": [
        ("SAFE-001", "2026-07-03"),
        ("CCTV-201", "2026-07-10"),
        ("ENV-101", "2026-07-17"),
        ("BIN-101", "2026-07-24"),
        ("PARK-101", "2026-08-07"),
        ("GATE-101", "2026-09-11"),
    ],
    "sun.hao": [
        ("NET-301", "2025-06-06"),
        ("CCTV-201", "2025-10-24"),
        ("ENV-101", "2025-08-29"),
        ("BAND-101", "2026-04-24"),
    ],
    "ma.lin": [("SAFE-001", "2026-04-17"), ("BIN-101", "2025-04-25")],
    "hu.jun": [("SAFE-001", "2026-03-27"), ("BIN-101", "2024-12-18")],
    "guo.qing": [("SAFE-001", "2025-12-05"), ("BIN-101", "2025-10-31")],
}


def add_months(d: date, months: int) -> date:
    import calendar as _cal

    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    return date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def certified(username: str, category: str, on: date) -> bool:
    for code, done in TRAINING.get(username, []):
        course = COURSE_BY_CODE[code]
        if category not in course[2]:
            continue
        completed = date.fromisoformat(done)
        if completed <= on < add_months(completed, course[3]):
            return True
    return False


# --------------------------------------------------------------------------- devices
@dataclass
class Device:
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
    install_date: date
    warranty_end: date
    criticality: str
    status: str

    def row(self) -> list[str]:
        return [
            self.asset_tag,
            self.name,
            self.category,
            self.community,
            self.zone,
            self.location,
            self.vendor,
            self.model,
            self.serial,
            self.address,
            self.snmp_version,
            str(self.snmp_port),
            self.credential,
            str(self.poll_interval_s),
            self.install_date.isoformat(),
            self.warranty_end.isoformat(),
            self.criticality,
            self.status,
        ]


DEVICE_HEADER = [
    "asset_tag",
    "name",
    "category",
    "community",
    "zone",
    "location",
    "vendor",
    "model",
    "serial",
    "address",
    "snmp_version",
    "snmp_port",
    "credential",
    "poll_interval_s",
    "install_date",
    "warranty_end",
    "criticality",
    "status",
]

# vendor, model, serial prefix
V_GATE = [
    ("海康威视", "DS-K5671-ZH", "HKK"),
    ("大华", "DHI-ASI7213X", "DHA"),
    ("宇视", "AC-FG5102", "UNV"),
]
V_TURNSTILE = [("海康威视", "DS-K3B601S-L", "HKT"), ("大华", "DHI-ASGB410X", "DHT")]
V_CAM = [
    ("海康威视", "DS-2CD3T87WD-L", "HKC"),
    ("大华", "DH-IPC-HFW4443M-I2", "DHC"),
    ("宇视", "IPC2124LB-SF40KM-G", "UNC"),
]
V_NVR = [("海康威视", "DS-8664N-K16", "HKN"), ("大华", "DHI-NVR5864-4KS2", "DHN")]
V_WASTE = [("盈峰环境", "YF-FL200 智能分类亭", "YFE"), ("联运环境", "LY-GC06", "LYH")]
V_BIN = [("盈峰环境", "YF-SB120", "YFB"), ("启迪环境", "TUS-ZT240", "TUS")]
V_ENV = [("建大仁科", "RS-PM-N01-2", "RKJ"), ("聚光科技", "AQMS-900", "FPI")]
V_BAND = [("中兴通讯", "ZXIOT-GW200", "ZTE"), ("移远通信", "QG-WB100", "QTL")]
V_PARK_BARRIER = [("捷顺科技", "JSDZ0650", "JSC"), ("科拓", "KT-DZ100", "KTB")]
V_PARK_SENSOR = [("捷顺科技", "JSCW-D21 地磁车位检测器", "JSW"), ("科拓", "KT-PGS300", "KTS")]
V_CORE = [("华为", "S5735-L48T4S-A", "HWS"), ("新华三", "S5130S-52S-EI", "H3S")]
V_ACCESS = [("华为", "S5735-L24P4S-A", "HWA"), ("新华三", "S5130S-28P-EI", "H3A")]
V_ROUTER = [("华为", "AR6120", "HWR")]
V_IOTGW = [("华为", "AR502H 物联网网关", "HWI"), ("新华三", "IG-360 物联网网关", "H3I")]


class _DeviceAdder:
    """Adds the devices of one community: numbering, names, loopback addresses, serials."""

    def __init__(
        self, c: Community, rng: random.Random, devices: list[Device], serials: set[str]
    ) -> None:
        self.c, self.rng, self.devices, self.serials = c, rng, devices, serials
        self.per_category: dict[str, int] = {}
        self.per_name: dict[tuple[str, str], int] = {}
        self.host = 0  # last octet of the loopback address

    def serial(self, prefix: str) -> str:
        while True:
            s = f"{prefix}{self.rng.randint(2019, 2025)}{self.rng.randint(0, 99999999):08d}"
            if s not in self.serials:
                self.serials.add(s)
                return s

    def add(
        self,
        category: str,
        label: str,
        zone: str,
        location: str,
        vendors: list[tuple[str, str, str]],
        criticality: str,
        *,
        snmp: str = "v2c",
        vendor_index: int | None = None,
    ) -> None:
        c, rng = self.c, self.rng
        assert zone in c.zones, zone
        n = self.per_category[category] = self.per_category.get(category, 0) + 1
        k = self.per_name[(label, zone)] = self.per_name.get((label, zone), 0) + 1
        self.host += 1
        vendor, model, prefix = (
            vendors[vendor_index % len(vendors)]
            if vendor_index is not None
            else rng.choice(vendors)
        )
        installed = date(2021, 3, 1) + timedelta(days=rng.randint(0, 1600))
        years = 5 if category == "network" else 3
        credential = {"v2c": "demo-v2c", "v3": "demo-v3", "none": ""}[snmp]
        self.devices.append(
            Device(
                asset_tag=f"{c.code}-{CAT_TAG[category]}-{n:03d}",
                name=f"{c.name}-{zone}-{label}-{k:02d}",
                category=category,
                community=c.name,
                zone=zone,
                location=location,
                vendor=vendor,
                model=model,
                serial=self.serial(prefix),
                address=f"127.10.{c.octet}.{self.host}",
                snmp_version=snmp,
                snmp_port=161,
                credential=credential,
                poll_interval_s=60 if criticality in ("life_safety", "high") else 300,
                install_date=installed,
                warranty_end=add_months(installed, 12 * years),
                criticality=criticality,
                status="in_service",
            )
        )


def build_devices(rng: random.Random) -> list[Device]:
    devices: list[Device] = []
    serials: set[str] = set()

    for c in COMMUNITIES:
        add = _DeviceAdder(c, rng, devices, serials).add
        vi = c.octet
        # access gates: the main gates (life-safety: manual passage for residents who refuse
        # face recognition), the building doors, the garage lift lobbies
        for g in c.gates:
            add(
                "access_gate",
                "人脸门禁",
                g,
                f"{g}人行通道入口",
                V_GATE,
                "life_safety",
                vendor_index=vi,
            )
            add(
                "access_gate",
                "人脸门禁",
                g,
                f"{g}人行通道出口",
                V_GATE,
                "life_safety",
                vendor_index=vi,
            )
            add(
                "access_gate",
                "人行闸机",
                g,
                f"{g}手动/无障碍通道",
                V_TURNSTILE,
                "life_safety",
                vendor_index=vi,
            )
        for b in c.buildings:
            add("access_gate", "人脸门禁", b, f"{b}一单元大堂门", V_GATE, "high", vendor_index=vi)
        for gar in c.garages:
            add("access_gate", "人脸门禁", gar, f"{gar}电梯厅", V_GATE, "high", vendor_index=vi)
        add(
            "access_gate",
            "人脸门禁",
            c.waste_zone,
            f"{c.waste_zone}工作人员通道",
            V_GATE,
            "high",
            vendor_index=vi,
        )
        # cameras: two high-altitude-throw cameras per building, gate and garage cameras, NVRs
        for b in c.buildings:
            for side in ("东立面", "西立面"):
                add(
                    "camera",
                    "高空抛物摄像机",
                    b,
                    f"{b}{side}，仰拍楼体",
                    V_CAM,
                    "high",
                    snmp="none" if rng.random() < 0.3 else "v2c",
                )
        for g in c.gates:
            add(
                "camera",
                "出入口摄像机",
                g,
                f"{g}岗亭外侧",
                V_CAM,
                "high",
                snmp="none" if rng.random() < 0.3 else "v2c",
            )
        for gar in c.garages:
            for k in ("入口", "出口", "车道中段"):
                add(
                    "camera",
                    "车库摄像机",
                    gar,
                    f"{gar}{k}",
                    V_CAM,
                    "high",
                    snmp="none" if rng.random() < 0.3 else "v2c",
                )
        for k in c.common:
            add("camera", "球形摄像机", k, f"{k}中央灯杆", V_CAM, "high")
        add(
            "camera",
            "网络硬盘录像机",
            c.net_room,
            f"{c.net_room} 2号机柜",
            V_NVR,
            "high",
            vendor_index=vi,
        )
        add(
            "camera",
            "网络硬盘录像机",
            c.net_room,
            f"{c.net_room} 2号机柜",
            V_NVR,
            "high",
            vendor_index=vi + 1,
        )
        # waste: sorting stations and smart bins
        add(
            "waste_station",
            "分类投放亭",
            c.waste_zone,
            f"{c.waste_zone}主投放点",
            V_WASTE,
            "normal",
            vendor_index=vi,
        )
        for b in c.buildings[:: max(1, len(c.buildings) // 3)]:
            add(
                "waste_station",
                "分类投放点监测仪",
                b,
                f"{b}楼前投放点",
                V_WASTE,
                "normal",
                vendor_index=vi,
            )
        for b in c.buildings:
            add(
                "smart_bin",
                "智能垃圾桶",
                b,
                f"{b}楼前投放点（其他垃圾）",
                V_BIN,
                "low",
                vendor_index=vi,
            )
            add(
                "smart_bin",
                "智能垃圾桶",
                b,
                f"{b}楼前投放点（厨余垃圾）",
                V_BIN,
                "low",
                vendor_index=vi,
            )
        for k in c.common:
            add("smart_bin", "智能垃圾桶", k, f"{k}步道旁", V_BIN, "low", vendor_index=vi)
        for k in ("可回收物", "厨余垃圾"):
            add(
                "smart_bin",
                "智能垃圾桶",
                c.waste_zone,
                f"{c.waste_zone}{k}箱位",
                V_BIN,
                "normal",
                vendor_index=vi,
            )
        # environment sensors
        for k in [*c.common, c.gates[0]]:
            add(
                "env_sensor",
                "环境监测站",
                k,
                f"{k}（PM2.5/噪声/温湿度）",
                V_ENV,
                "normal",
                vendor_index=vi,
            )
        for gar in c.garages:
            add(
                "env_sensor",
                "CO浓度传感器",
                gar,
                f"{gar}排风口旁",
                V_ENV,
                "normal",
                vendor_index=vi,
            )
        # wristband gateways: one per building with elderly residents, one in the care centre
        for b in c.buildings[::2]:
            add(
                "wristband_gateway",
                "手环网关",
                b,
                f"{b}弱电井",
                V_BAND,
                "life_safety",
                vendor_index=vi,
            )
        add(
            "wristband_gateway",
            "手环网关",
            c.common[-1],
            f"{c.common[-1]}值班室",
            V_BAND,
            "life_safety",
            vendor_index=vi,
        )
        # parking: barriers at every garage ramp, sensors in the garages
        for gar in c.garages:
            add(
                "parking",
                "车辆道闸",
                gar,
                f"{gar}入口车道",
                V_PARK_BARRIER,
                "normal",
                vendor_index=vi,
            )
            add(
                "parking",
                "车辆道闸",
                gar,
                f"{gar}出口车道",
                V_PARK_BARRIER,
                "normal",
                vendor_index=vi,
            )
            for k in range(4):
                add(
                    "parking",
                    "车位检测器",
                    gar,
                    f"{gar} {chr(65 + k)}区",
                    V_PARK_SENSOR,
                    "low",
                    vendor_index=vi,
                )
        add(
            "parking",
            "车辆道闸",
            c.gates[0],
            f"{c.gates[0]}地面车辆出入口",
            V_PARK_BARRIER,
            "normal",
            vendor_index=vi,
        )
        # network
        add(
            "network",
            "核心交换机",
            c.net_room,
            f"{c.net_room} 1号机柜 U20",
            V_CORE,
            "high",
            snmp="v3",
            vendor_index=vi,
        )
        add(
            "network",
            "出口路由器",
            c.net_room,
            f"{c.net_room} 1号机柜 U24",
            V_ROUTER,
            "high",
            snmp="v3",
        )
        add(
            "network",
            "物联网网关",
            c.net_room,
            f"{c.net_room} 1号机柜 U28",
            V_IOTGW,
            "high",
            snmp="v3",
            vendor_index=vi,
        )
        for b in c.buildings[::2]:
            add(
                "network",
                "楼栋接入交换机",
                b,
                f"{b}弱电井",
                V_ACCESS,
                "high",
                snmp="v3" if rng.random() < 0.5 else "v2c",
                vendor_index=vi,
            )
        for g in c.gates:
            add(
                "network",
                "岗亭接入交换机",
                g,
                f"{g}岗亭",
                V_ACCESS,
                "high",
                snmp="v2c",
                vendor_index=vi,
            )
        for gar in c.garages:
            add(
                "network",
                "车库接入交换机",
                gar,
                f"{gar}配电间",
                V_ACCESS,
                "high",
                snmp="v2c",
                vendor_index=vi,
            )

    # a few retired devices (replaced earlier this year), never used by a work order
    for tag in ("HB-CAM-007", "ZJ-PARK-004", "KJ-BIN-003", "ZJ-ENV-002"):
        next(d for d in devices if d.asset_tag == tag).status = "retired"
    return devices


# --------------------------------------------------------------------------- work orders
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


def weighted(rng: random.Random, items: list[tuple]) -> tuple:
    total = sum(i[-1] for i in items)
    x = rng.random() * total
    for i in items:
        x -= i[-1]
        if x <= 0:
            return i
    return items[-1]


class Generator:
    def __init__(self, rng: random.Random, devices: list[Device], windows: list[dict]) -> None:
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
            return add_business(t, seconds)
        return t + timedelta(seconds=seconds)

    def office(self, t: datetime, lo_min: float, hi_min: float) -> datetime:
        """A person in office hours acting lo..hi business minutes after t."""
        return add_business(t, round(self.rng.uniform(lo_min, hi_min) * 60))

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
        breach: bool,
        response_breach: bool,
        hold: bool,
        reopen: bool,
        long_hold: bool = False,
    ) -> None:
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
        back = add_business(back, rng.randint(5, 50) * 60) if business else back
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
                        self.timeline(
                            wo, breach=False, response_breach=False, hold=False, reopen=False
                        )
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
        return business_between(a, b) if business else (b - a).total_seconds()

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


# --------------------------------------------------------------------------- windows
def build_windows() -> list[dict]:
    def w(target: str, a: str, b: str, reason: str) -> dict:
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


# --------------------------------------------------------------------------- writers
def csv_text(header: list[str] | tuple[str, ...], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(toml_str(i) for i in items) + "]"


def communities_toml() -> str:
    out = [
        "# Demo communities, modelled on real smart-community programmes.",
        "# Generated by scripts/make_demo.py: edit the script, not this file.",
        "",
    ]
    for c in COMMUNITIES:
        out += [
            "[[community]]",
            f"name = {toml_str(c.name)}",
            f"name_en = {toml_str(c.name_en)}",
            'timezone = "Asia/Shanghai"',
            f"address = {toml_str(c.address)}",
            f"zones = {toml_list(c.zones)}",
            "",
        ]
    return "\n".join(out)


def organizations_toml() -> str:
    orgs = [
        (FIRM, "firm", "contracted maintenance firm (all three communities)"),
        *[(c.office, "community_office", f"community office of {c.name}") for c in COMMUNITIES],
        (SUBDISTRICT, "subdistrict", "sub-district office that buys the service for 湖滨"),
        (
            COLLECTION,
            "collection_team",
            "sanitation/collection team: cleaning work orders (bin overflow)",
        ),
        (AUDITOR_ORG, "auditor", "third-party audit firm (read-only)"),
    ]
    out = ["# Demo organizations. Generated by scripts/make_demo.py.", ""]
    for name, kind, comment in orgs:
        out += ["[[organization]]", f"name = {toml_str(name)}", f'kind = "{kind}"  # {comment}', ""]
    return "\n".join(out)


def users_csv() -> str:
    rows = [
        [u.username, u.display_name, u.organization, u.role, ";".join(u.communities), u.password]
        for u in USERS
    ]
    return csv_text(
        ["username", "display_name", "organization", "role", "communities", "password"], rows
    )


# The parties in full, as the statement (结算单) names them: the firm, each community's
# organization, the street office; and who signs for each (name, representative).
FIRM_PARTY = ("杭州西湖智维科技有限公司", "周建国")
# 张江 (Shanghai) and 科技园 (Shenzhen) belong to different sub-districts: ZJ-2026 names no
# single street office, and its statement says so.
STREET_OFFICE = {"HB-2026": ("杭州市上城区" + SUBDISTRICT, "李红")}
COMMUNITY_PARTIES = {
    "HB-2026": {"湖滨": ("湖滨社区居民委员会", "陈静")},
    "ZJ-2026": {"张江": ("张江社区居民委员会", "刘洋"), "科技园": ("科技园社区工作站", "黄丽")},
}
# availability targets (per started 0.1 percentage point below the target)
AVAILABILITY: dict[str, list[tuple[str | None, str, int]]] = {
    "HB-2026": [(None, "0.995", 500), ("access_gate", "0.999", 1000)],
}


def _party(value: tuple[str, str]) -> str:
    return f"{{ name = {toml_str(value[0])}, representative = {toml_str(value[1])} }}"


def parties_toml(code: str) -> list[str]:
    lines = ["# the parties in full, as the statement names them", "[parties]"]
    lines.append(f"firm = {_party(FIRM_PARTY)}")
    if code in STREET_OFFICE:
        lines.append(f"street_office = {_party(STREET_OFFICE[code])}")
    lines.append("[parties.communities]")
    for community, value in COMMUNITY_PARTIES[code].items():
        lines.append(f"{toml_str(community)} = {_party(value)}")
    lines.append("")
    terms = AVAILABILITY.get(code)
    if terms:
        lines.append(
            "# availability (up + degraded) / known time, maintenance excluded; below the target,"
        )
        lines.append("# penalty_per_point per started 0.1 percentage point, added before the cap")
        for category, target, per_point in terms:
            lines.append("[availability]" if category is None else f"[availability.{category}]")
            lines += [f"target = {target}", f"penalty_per_point = {per_point}"]
        lines.append("")
    return lines


def contract_toml(
    code: str, name: str, communities: list[str], fee: int, calendar_name: str
) -> str:
    hol = holiday_dates()
    lines = [
        f"# Contract {code}. Generated by scripts/make_demo.py; format of issue 4",
        "# (ops-console contracts import FILE.toml).",
        "[contract]",
        f"code = {toml_str(code)}",
        f"name = {toml_str(name)}",
        f"firm = {toml_str(FIRM)}",
        f"communities = {toml_list(communities)}",
        'start = "2026-01-01"',
        'end = "2026-12-31"',
        f"monthly_fee = {fee}",
        "penalty_cap_ratio = 0.1",
        'timezone = "Asia/Shanghai"',
        "",
        *parties_toml(code),
        "[calendar]",
        f"name = {toml_str(calendar_name)}",
    ]
    for day in ("mon", "tue", "wed", "thu", "fri"):
        lines.append(f"{day} = {toml_list(WORK_HOURS)}")
    lines += ["sat = []", "sun = []"]
    lines.append(
        "# 2026 official public holidays (国务院办公厅 2026 年部分节假日安排), whole days off:"
    )
    lines.append("holidays = [")
    for festival, (first, last) in HOLIDAYS_2026.items():
        days = [d.isoformat() for d in hol if first <= d.isoformat() <= last]
        lines.append("    " + ", ".join(toml_str(d) for d in days) + f",  # {festival}")
    lines.append("]")
    lines.append(
        "# Make-up working days (调休): a weekend day worked with the hours of the named weekday."
    )
    lines.append(
        "# All weekdays share 08:30-12:00 and 13:30-18:00, so each uses a normal weekday's hours."
    )
    lines.append(
        "makeup_days = { "
        + ", ".join(f"{toml_str(d)} = {toml_str(w)}" for d, w in MAKEUP_2026.items())
        + " }"
    )
    lines.append("")
    notes = {
        "P1": "life-safety: manual passage of a gate, wristband gateways; round the clock",
        "P2": "high criticality: cameras, network, building gates; round the clock",
        "P3": "normal criticality; business calendar",
        "P4": "low criticality and preventive inspections; business calendar",
        "cleaning": "cleaning work orders (kind cleaning: a smart bin's overflow dispatches the "
        "collection team);\n# they use this term instead of their priority's; business calendar",
    }
    for key, (resp, res, business, per_breach, per_hour) in SLA.items():
        lines += [
            f"# {notes[key]}",
            f"[sla.{key}]",
            f"response_minutes = {resp}",
            f"resolution_minutes = {res}",
            f"calendar = {toml_str(calendar_name if business else '24x7')}",
            f"penalty_per_breach = {per_breach}",
            f"penalty_per_hour = {per_hour}",
            "warning_ratio = 0.8",
            "",
        ]
    return "\n".join(lines)


def courses_csv() -> str:
    rows = [[c, t, ";".join(cats), str(v), ";".join(m)] for c, t, cats, v, m in COURSES]
    return csv_text(["code", "title", "categories", "validity_months", "mandatory_for"], rows)


def training_csv(rng: random.Random) -> str:
    records = []
    for username, items in TRAINING.items():
        for course, done in items:
            records.append((date.fromisoformat(done), username, course))
    records.sort()
    rows = []
    seq: dict[int, int] = {}
    for done, username, course in records:
        seq[done.year] = seq.get(done.year, 0) + 1
        rows.append(
            [
                username,
                course,
                done.isoformat(),
                str(rng.randint(72, 98)),
                f"CERT-{done.year}-{seq[done.year]:04d}",
            ]
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    return csv_text(["username", "course", "completed_on", "score", "certificate_no"], rows)


def iso(t: datetime) -> str:
    return t.astimezone(TZ).isoformat(timespec="seconds")


def workorders_csv(orders: list[WorkOrder]) -> str:
    rows = []
    for wo in orders:
        for e in wo.events:
            created = e.event == "created"
            rows.append(
                [
                    wo.number,
                    e.event,
                    iso(e.at),
                    e.actor,
                    e.assignee,
                    wo.priority if created else "",
                    (wo.device.asset_tag if wo.device else "") if created else "",
                    wo.community if created else "",
                    wo.title if created else "",
                    e.note,
                ]
            )
    header = [
        "number",
        "event",
        "at",
        "actor",
        "assignee",
        "priority",
        "asset_tag",
        "community",
        "title",
        "note",
    ]
    return csv_text(header, rows)


def windows_csv(windows: list[dict]) -> str:
    rows = [[w["target"], iso(w["from"]), iso(w["to"]), w["reason"]] for w in windows]
    return csv_text(["target", "from", "to", "reason"], rows)


def readme(devices: list[Device], orders: list[WorkOrder]) -> str:
    by_cat = {c: sum(1 for d in devices if d.category == c) for c in CATEGORIES}
    by_comm = {c.name: sum(1 for d in devices if d.community == c.name) for c in COMMUNITIES}
    n_events = sum(len(o.events) for o in orders)
    open_n = sum(1 for o in orders if o.events[-1].event not in ("closed", "cancelled"))
    user_rows = "\n".join(
        f"| `{u.username}` | {u.display_name} | {u.role} | {u.organization} | "
        f"{'、'.join(u.communities) or '(all)'} | `{u.password}` |"
        for u in USERS
    )
    return f"""# Demo community data

Shipped data loaded by `ops-console init --demo` through the product's own import services.
**Generated** by `scripts/make_demo.py` (deterministic, seed {SEED}): edit the script and run
`python3 scripts/make_demo.py`, never the files by hand. "Today" in the demo is **2026-11-29**
(Asia/Shanghai); the work-order history covers 2026-06-01 .. 2026-11-28.

## Demo users

Every demo password is `demo1234`, except the administrator's `admin1234`. Change them or
delete the users before any real use.

| username | name | role | organization | communities | password |
| --- | --- | --- | --- | --- | --- |
{user_rows}

Technicians of {COLLECTION} (the collection team) receive the cleaning work orders.

## Files

| file | content |
| --- | --- |
| `communities.toml` | `[[community]]` name, name_en, timezone, address, zones |
| `organizations.toml` | `[[organization]]` name, kind (firm, community_office, subdistrict, collection_team, auditor) |
| `users.csv` | `username,display_name,organization,role,communities,password` (communities `;`-separated, empty = all) |
| `devices.csv` | the device CSV of issue 2: {len(devices)} devices ({", ".join(f"{k} {v}" for k, v in by_comm.items())}; {", ".join(f"{k} {v}" for k, v in by_cat.items())}) |
| `contracts/HB-2026.toml`, `contracts/ZJ-2026.toml` | the contract TOML of issue 4: contract, `[parties]` in full, `[availability]` (HB-2026), calendar with the 2026 holidays and make-up days, `[sla.P1]`..`[sla.P4]` and `[sla.cleaning]` |
| `courses.csv` | `code,title,categories,validity_months,mandatory_for` (`;`-separated lists) |
| `training.csv` | `username,course,completed_on,score,certificate_no` (expiry = completed_on + the course's validity months) |
| `workorders.csv` | the work-order events CSV of issue 4: {len(orders)} work orders, {n_events} events, {open_n} still open on 2026-11-29 (loading then hands the synthetic open alarms over to work orders, as a running poller would) |
| `maintenance_windows.csv` | `target,from,to,reason`; target is an asset tag or a community name; times ISO 8601 with offset |

## Conventions the importers rely on

- **Addresses** are loopback IPv4 `127.10.<community>.<n>` (湖滨 1, 张江 2, 科技园 3): the demo never
  polls a real network; a local snmpd can answer for them. `credential` names a keyring secret
  (`demo-v2c`, `demo-v3`), never the secret itself; cameras with `snmp_version` `none` are checked
  by their profile's probe (RTSP port 554).
- **Work-order source**: the `note` of every `created` row is exactly `source=<source>`, one of
  `source=alarm`, `source=liaison`, `source=resident_phone`, `source=resident_walk_in`,
  `source=resident_app`, `source=preventive`.
- **Work-order kind** is not a column of the events CSV. Demo convention: `source=preventive` orders
  are *inspection*; orders titled `垃圾桶满溢` or `分类站满溢待清运` (smart_bin / waste_station,
  assigned to the collection team) are *cleaning* and fall under `[sla.cleaning]`; all others are *repair*.
- `created` rows carry priority, title, community and (except some resident reports) an asset tag;
  the asset tag's device is always in that community. Other rows leave those columns empty.
- `assigned` rows name the assignee; a few assignments to a technician without a valid certificate
  carry a note starting `override:` (the manager's written reason). Every other assignment is to a
  technician whose training certifies the device's category on that day.
- `held` rows carry `code` or `code: text` (waiting_parts, resident_not_home, access_denied,
  authority_approval, weather). `cancelled` rows (by a manager, only from new) carry the reason;
  duplicate reports say `重复报修，与 WO-2026-NNNNNN 为同一故障` (an earlier, open order on the
  same device).
- Actors: liaisons create (managers create preventive orders), managers assign and cancel,
  technicians accept, hold, resume and resolve, liaisons reopen and close (verify). One close is a
  manager's override without the liaison: WO-2026-000527, closed by li.hong with a note starting
  `override:` (the written reason).
- No work order touches a device or community inside one of its maintenance windows; retired
  devices have no work orders; the devices `under_maintenance` each have an open order.
- Training, judged on 2026-11-29: certificates expiring within 30 days (zhang.wei GATE-101,
  li.qiang SAFE-001, liu.bo BAND-101, guo.qing SAFE-001, hu.jun BIN-101), expired (chen.gang
  CCTV-201 on 2026-09-20, wang.lei SAFE-001, yang.fan PARK-101), missing (sun.hao has no
  SAFE-001, which is mandatory for technicians; xu.ming joined in July 2026 and has no
  GATE-101 before 2026-09-11). A certificate is valid from completed_on up to the day before
  completed_on + validity months; certificate numbers are `CERT-<year completed>-NNNN`.
"""


OVERRIDE_CLOSE = "WO-2026-000527"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rng = random.Random(SEED)

    devices = build_devices(random.Random(SEED + 1))
    windows = build_windows()
    gen = Generator(random.Random(SEED + 2), devices, windows)
    # devices under maintenance: each gets an open work order (in progress or on hold)
    maint_tags = [
        "HB-GATE-012",
        "ZJ-CAM-014",
        "KJ-BAND-002",
        "HB-NET-005",
        "ZJ-PARK-002",
        "KJ-CAM-021",
    ]
    maint = []
    for tag in maint_tags:
        d = next(x for x in devices if x.asset_tag == tag)
        maint.append(d)
    orders = gen.history()
    # the open orders are drawn among in-service devices; mark the chosen ones afterwards
    open_orders = gen.open_orders(maint)
    for d in gen.placed_maintenance:
        d.status = "under_maintenance"
    orders.extend(open_orders)
    orders.sort(key=lambda o: (o.events[0].at, o.community, o.title))
    for i, wo in enumerate(orders, 1):
        wo.number = f"WO-2026-{i:06d}"
    for wo in orders:
        if wo.duplicate_of is not None:
            wo.events[-1].note = f"重复报修，与 {wo.duplicate_of.number} 为同一故障"
    # One order closed by a manager without the liaison: an override with a written reason,
    # listed on HB-2026's November statement. Every other resolved order still waits in its
    # liaison's "awaiting verification" queue.
    override = next(o for o in orders if o.number == OVERRIDE_CLOSE)
    assert override.events[-1].event == "resolved", override.number
    override.events.append(
        Event(
            "closed",
            datetime(2026, 11, 28, 10, 12, tzinfo=TZ),
            "li.hong",
            note="override: 联络员陈静休假，居民电话确认异味已消除，街道办同意先行关闭",
        )
    )

    out: Path = args.out
    (out / "contracts").mkdir(parents=True, exist_ok=True)
    files = {
        "communities.toml": communities_toml(),
        "organizations.toml": organizations_toml(),
        "users.csv": users_csv(),
        "devices.csv": csv_text(DEVICE_HEADER, [d.row() for d in devices]),
        "contracts/HB-2026.toml": contract_toml(
            "HB-2026", "湖滨社区智能设备运维服务合同", ["湖滨"], 80000, "湖滨工作日"
        ),
        "contracts/ZJ-2026.toml": contract_toml(
            "ZJ-2026",
            "张江及科技园社区智能设备运维服务合同",
            ["张江", "科技园"],
            150000,
            "张江科技园工作日",
        ),
        "courses.csv": courses_csv(),
        "training.csv": training_csv(rng),
        "workorders.csv": workorders_csv(orders),
        "maintenance_windows.csv": windows_csv(windows),
        "README.md": readme(devices, orders),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(files)} files to {out}: {len(devices)} devices, {len(orders)} work orders")


if __name__ == "__main__":
    main()
