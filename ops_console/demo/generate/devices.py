"""The demo's devices: vendors, models, serials, addresses and places in each community."""

from __future__ import annotations

import random
from dataclasses import replace
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
            for area in range(4):
                add(
                    "parking",
                    "车位检测器",
                    gar,
                    f"{gar} {chr(65 + area)}区",
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
    retired = {"HB-CAM-007", "ZJ-PARK-004", "KJ-BIN-003", "ZJ-ENV-002"}
    return [replace(d, status="retired") if d.asset_tag in retired else d for d in devices]
