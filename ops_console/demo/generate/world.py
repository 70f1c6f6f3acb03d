"""The demo's world: the day it is set, its communities, people, courses and training, the
SLA terms and business calendar of its contracts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ...domain.calendar import WEEKDAYS, BusinessCalendar
from ...domain.clock import DEFAULT_TIMEZONE
from ...domain.device_record import CATEGORY_CODES
from ...domain.training import add_months

SEED = 20261129
TIMEZONE = DEFAULT_TIMEZONE  # the demo's communities and contracts
TZ = timezone(timedelta(hours=8))  # the default zone has no DST: a fixed +08:00 is exact
TODAY = date(2026, 11, 29)
HIST_START = datetime(2026, 6, 1, tzinfo=TZ)
END = datetime(2026, 11, 29, tzinfo=TZ)  # nothing happens at or after this instant


CATEGORIES = CATEGORY_CODES
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


def holiday_dates() -> list[date]:
    out = []
    for first, last in HOLIDAYS_2026.values():
        d, e = date.fromisoformat(first), date.fromisoformat(last)
        while d <= e:
            out.append(d)
            d += timedelta(days=1)
    return sorted(out)


# The contracts' business calendar, the [calendar] table ``writers.contract_toml`` writes, read
# by the product's own calendar: the timelines count business time exactly as the SLA does.
CALENDAR = BusinessCalendar.from_mapping(
    {
        **{day: WORK_HOURS for day in WEEKDAYS[:5]},
        "holidays": [d.isoformat() for d in holiday_dates()],
        "makeup_days": MAKEUP_2026,
    },
    timezone=TIMEZONE,
)


def is_workday(d: date) -> bool:
    return bool(CALENDAR.hours_on(d))


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
    phone: str  # the community office's number, printed on resident notices

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
        "0571-87000000",
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
        "021-50800000",
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
        "0755-86000000",
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


def certified(username: str, category: str, on: date) -> bool:
    for code, done in TRAINING.get(username, []):
        course = COURSE_BY_CODE[code]
        if category not in course[2]:
            continue
        completed = date.fromisoformat(done)
        if completed <= on < add_months(completed, course[3]):
            return True
    return False
