"""The demo's devices: vendors, models, serials, addresses and places in each community."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ...domain.device_record import COLUMNS, DeviceRecord
from ...domain.training import add_months
from .world import CAT_TAG, COMMUNITIES, Community

Device = DeviceRecord  # the demo writes its devices in the device CSV's own words
DEVICE_HEADER = list(COLUMNS)

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


@dataclass(frozen=True)
class _Kind:
    """A kind of device each community has, one in each of ``locations`` of a zone.

    Attributes:
        locations: where in the zone (``{z}``: the zone's name).
        snmp: its SNMP version; with ``or_else`` (version, chance), that version instead at
            that chance, drawn for each device.
        vendor: whose device: the community's vendor of the list (its octet plus this), or
            None: one drawn at random for each device.
    """

    category: str
    label: str
    locations: tuple[str, ...]
    vendors: list[tuple[str, str, str]]
    criticality: str
    snmp: str = "v2c"
    or_else: tuple[str, float] | None = None
    vendor: int | None = 0


Zones = Callable[[Community], Sequence[str]]
NO_SNMP_AT_TIMES = ("none", 0.3)  # a camera that answers no SNMP (ping only)

# Each community's devices, in the order they are numbered: the zones (of the community), then
# in each zone every kind of the group, in each of its locations.
DEVICES: tuple[tuple[Zones, tuple[_Kind, ...]], ...] = (
    # access gates: the main gates (life-safety: manual passage for residents who refuse
    # face recognition), the building doors, the garage lift lobbies
    (
        lambda c: c.gates,
        (
            _Kind(
                "access_gate",
                "人脸门禁",
                ("{z}人行通道入口", "{z}人行通道出口"),
                V_GATE,
                "life_safety",
            ),
            _Kind("access_gate", "人行闸机", ("{z}手动/无障碍通道",), V_TURNSTILE, "life_safety"),
        ),
    ),
    (
        lambda c: c.buildings,
        (_Kind("access_gate", "人脸门禁", ("{z}一单元大堂门",), V_GATE, "high"),),
    ),
    (lambda c: c.garages, (_Kind("access_gate", "人脸门禁", ("{z}电梯厅",), V_GATE, "high"),)),
    (
        lambda c: [c.waste_zone],
        (_Kind("access_gate", "人脸门禁", ("{z}工作人员通道",), V_GATE, "high"),),
    ),
    # cameras: two high-altitude-throw cameras per building, gate and garage cameras, NVRs
    (
        lambda c: c.buildings,
        (
            _Kind(
                "camera",
                "高空抛物摄像机",
                ("{z}东立面，仰拍楼体", "{z}西立面，仰拍楼体"),
                V_CAM,
                "high",
                or_else=NO_SNMP_AT_TIMES,
                vendor=None,
            ),
        ),
    ),
    (
        lambda c: c.gates,
        (
            _Kind(
                "camera",
                "出入口摄像机",
                ("{z}岗亭外侧",),
                V_CAM,
                "high",
                or_else=NO_SNMP_AT_TIMES,
                vendor=None,
            ),
        ),
    ),
    (
        lambda c: c.garages,
        (
            _Kind(
                "camera",
                "车库摄像机",
                ("{z}入口", "{z}出口", "{z}车道中段"),
                V_CAM,
                "high",
                or_else=NO_SNMP_AT_TIMES,
                vendor=None,
            ),
        ),
    ),
    (
        lambda c: c.common,
        (_Kind("camera", "球形摄像机", ("{z}中央灯杆",), V_CAM, "high", vendor=None),),
    ),
    (
        lambda c: [c.net_room],
        (
            _Kind("camera", "网络硬盘录像机", ("{z} 2号机柜",), V_NVR, "high"),
            _Kind("camera", "网络硬盘录像机", ("{z} 2号机柜",), V_NVR, "high", vendor=1),
        ),
    ),
    # waste: sorting stations and smart bins
    (
        lambda c: [c.waste_zone],
        (_Kind("waste_station", "分类投放亭", ("{z}主投放点",), V_WASTE, "normal"),),
    ),
    (
        lambda c: c.buildings[:: max(1, len(c.buildings) // 3)],
        (_Kind("waste_station", "分类投放点监测仪", ("{z}楼前投放点",), V_WASTE, "normal"),),
    ),
    (
        lambda c: c.buildings,
        (
            _Kind(
                "smart_bin",
                "智能垃圾桶",
                ("{z}楼前投放点（其他垃圾）", "{z}楼前投放点（厨余垃圾）"),
                V_BIN,
                "low",
            ),
        ),
    ),
    (lambda c: c.common, (_Kind("smart_bin", "智能垃圾桶", ("{z}步道旁",), V_BIN, "low"),)),
    (
        lambda c: [c.waste_zone],
        (
            _Kind(
                "smart_bin", "智能垃圾桶", ("{z}可回收物箱位", "{z}厨余垃圾箱位"), V_BIN, "normal"
            ),
        ),
    ),
    # environment sensors
    (
        lambda c: [*c.common, c.gates[0]],
        (_Kind("env_sensor", "环境监测站", ("{z}（PM2.5/噪声/温湿度）",), V_ENV, "normal"),),
    ),
    (
        lambda c: c.garages,
        (_Kind("env_sensor", "CO浓度传感器", ("{z}排风口旁",), V_ENV, "normal"),),
    ),
    # wristband gateways: one per building with elderly residents, one in the care centre
    (
        lambda c: c.buildings[::2],
        (_Kind("wristband_gateway", "手环网关", ("{z}弱电井",), V_BAND, "life_safety"),),
    ),
    (
        lambda c: [c.common[-1]],
        (_Kind("wristband_gateway", "手环网关", ("{z}值班室",), V_BAND, "life_safety"),),
    ),
    # parking: barriers at every garage ramp, sensors in the garages
    (
        lambda c: c.garages,
        (
            _Kind("parking", "车辆道闸", ("{z}入口车道", "{z}出口车道"), V_PARK_BARRIER, "normal"),
            _Kind(
                "parking", "车位检测器", tuple(f"{{z}} {a}区" for a in "ABCD"), V_PARK_SENSOR, "low"
            ),
        ),
    ),
    (
        lambda c: [c.gates[0]],
        (_Kind("parking", "车辆道闸", ("{z}地面车辆出入口",), V_PARK_BARRIER, "normal"),),
    ),
    # network
    (
        lambda c: [c.net_room],
        (
            _Kind("network", "核心交换机", ("{z} 1号机柜 U20",), V_CORE, "high", "v3"),
            _Kind(
                "network", "出口路由器", ("{z} 1号机柜 U24",), V_ROUTER, "high", "v3", vendor=None
            ),
            _Kind("network", "物联网网关", ("{z} 1号机柜 U28",), V_IOTGW, "high", "v3"),
        ),
    ),
    (
        lambda c: c.buildings[::2],
        (
            _Kind(
                "network", "楼栋接入交换机", ("{z}弱电井",), V_ACCESS, "high", or_else=("v3", 0.5)
            ),
        ),
    ),
    (lambda c: c.gates, (_Kind("network", "岗亭接入交换机", ("{z}岗亭",), V_ACCESS, "high"),)),
    (lambda c: c.garages, (_Kind("network", "车库接入交换机", ("{z}配电间",), V_ACCESS, "high"),)),
)


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

    def add(self, kind: _Kind, zone: str, location: str) -> None:
        """One device of ``kind`` at ``location`` (its ``{z}`` filled in) in ``zone``."""
        c, rng, category = self.c, self.rng, kind.category
        snmp = kind.snmp
        if kind.or_else is not None and rng.random() < kind.or_else[1]:
            snmp = kind.or_else[0]
        assert zone in c.zones, zone
        n = self.per_category[category] = self.per_category.get(category, 0) + 1
        k = self.per_name[(kind.label, zone)] = self.per_name.get((kind.label, zone), 0) + 1
        self.host += 1
        vendors = kind.vendors
        vendor, model, prefix = (
            rng.choice(vendors)
            if kind.vendor is None
            else vendors[(c.octet + kind.vendor) % len(vendors)]
        )
        installed = date(2021, 3, 1) + timedelta(days=rng.randint(0, 1600))
        years = 5 if category == "network" else 3
        self.devices.append(
            Device(
                asset_tag=f"{c.code}-{CAT_TAG[category]}-{n:03d}",
                name=f"{c.name}-{zone}-{kind.label}-{k:02d}",
                category=category,
                community=c.name,
                zone=zone,
                location=location.format(z=zone),
                vendor=vendor,
                model=model,
                serial=self.serial(prefix),
                address=f"127.10.{c.octet}.{self.host}",
                snmp_version=snmp,
                credential={"v2c": "demo-v2c", "v3": "demo-v3", "none": ""}[snmp],
                poll_interval_s=60 if kind.criticality in ("life_safety", "high") else 300,
                install_date=installed,
                warranty_end=add_months(installed, 12 * years),
                criticality=kind.criticality,
            )
        )


def build_devices(rng: random.Random) -> list[Device]:
    devices: list[Device] = []
    serials: set[str] = set()

    for c in COMMUNITIES:
        add = _DeviceAdder(c, rng, devices, serials).add
        for zones, kinds in DEVICES:
            for zone in zones(c):
                for kind in kinds:
                    for location in kind.locations:
                        add(kind, zone, location)

    # a few retired devices (replaced earlier this year), never used by a work order
    retired = {"HB-CAM-007", "ZJ-PARK-004", "KJ-BIN-003", "ZJ-ENV-002"}
    return [replace(d, status="retired") if d.asset_tag in retired else d for d in devices]
