"""A small community for the work-order, SLA and training tests: people, devices, a contract."""

from __future__ import annotations

from pathlib import Path

from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER

CONTRACT = """\
[contract]
code = "HB-2026"
name = "湖滨社区智能设备运维服务合同"
firm = "西湖智维科技有限公司"
communities = ["湖滨"]
start = "2026-01-01"
end = "2026-12-31"
monthly_fee = 80000
penalty_cap_ratio = 0.1
timezone = "Asia/Shanghai"
[calendar]
name = "湖滨工作日"
mon = ["08:30-12:00", "13:30-18:00"]
tue = ["08:30-12:00", "13:30-18:00"]
wed = ["08:30-12:00", "13:30-18:00"]
thu = ["08:30-12:00", "13:30-18:00"]
fri = ["08:30-12:00", "13:30-18:00"]
sat = []
sun = []
holidays = ["2026-10-01", "2026-10-02"]
makeup_days = { "2026-10-10" = "fri" }
[sla.P1]
response_minutes = 30
resolution_minutes = 240
calendar = "24x7"
penalty_per_breach = 500
penalty_per_hour = 100
[sla.P2]
response_minutes = 60
resolution_minutes = 480
calendar = "湖滨工作日"
penalty_per_breach = 300
penalty_per_hour = 50
[sla.P3]
response_minutes = 240
resolution_minutes = 1440
calendar = "湖滨工作日"
penalty_per_breach = 100
penalty_per_hour = 20
[sla.P4]
response_minutes = 480
resolution_minutes = 2880
calendar = "湖滨工作日"
[sla.cleaning]
response_minutes = 60
resolution_minutes = 120
calendar = "24x7"
penalty_per_breach = 50
"""

DEVICES = [
    [
        "HB-GATE-001",
        "湖滨-1幢-人脸门禁-01",
        "access_gate",
        "湖滨",
        "1幢",
        "1幢大堂",
        "",
        "",
        "",
        "",
        "none",
        "161",
        "",
        "60",
        "",
        "",
        "life_safety",
        "in_service",
    ],
    [
        "HB-CAM-001",
        "湖滨-北门-高空抛物-01",
        "camera",
        "湖滨",
        "北门",
        "",
        "",
        "",
        "",
        "",
        "none",
        "161",
        "",
        "300",
        "",
        "",
        "high",
        "in_service",
    ],
    [
        "HB-BIN-001",
        "湖滨-1幢-智能垃圾桶-01",
        "smart_bin",
        "湖滨",
        "1幢",
        "",
        "",
        "",
        "",
        "",
        "none",
        "161",
        "",
        "300",
        "",
        "",
        "normal",
        "in_service",
    ],
    [
        "XX-GATE-001",
        "西溪-人脸门禁-01",
        "access_gate",
        "西溪",
        "",
        "",
        "",
        "",
        "",
        "",
        "none",
        "161",
        "",
        "60",
        "",
        "",
        "normal",
        "in_service",
    ],
]

COURSES = """code,title,categories,validity_months,mandatory_for
GATE-101,门禁系统维护,access_gate;camera,12,technician
BIN-101,智能垃圾桶,smart_bin,24,
SAFE-001,安全生产,,12,technician;liaison
"""

RECORDS = """username,course,completed_on,score,certificate_no
tech1,GATE-101,2026-03-01,92,C-001
tech2,GATE-101,2025-10-01,80,C-002
tech1,SAFE-001,2025-11-20,88,S-001
"""

PASSWORD = "password1"


def build(services, tmp_path: Path) -> dict[str, object]:
    """Create the community, people, devices, contract, courses and records; return actors."""
    acc = services.accounts
    acc.add_community(SYSTEM, "湖滨", zones=["1幢", "北门"])
    acc.add_community(SYSTEM, "西溪")
    acc.add_organization(SYSTEM, "西湖智维科技有限公司", "firm")
    acc.add_organization(SYSTEM, "湖滨环卫队", "collection_team")
    people = [
        ("mgr", "manager", [], "西湖智维科技有限公司"),
        ("tech1", "technician", ["湖滨"], "西湖智维科技有限公司"),
        ("tech2", "technician", ["湖滨"], "西湖智维科技有限公司"),
        ("cleaner", "technician", ["湖滨"], "湖滨环卫队"),
        ("liaison", "liaison", ["湖滨"], None),
        ("aud", "auditor", [], None),
    ]
    for name, role, communities, org in people:
        acc.add_user(SYSTEM, name, PASSWORD, role, communities=communities, organization=org)
    csv_path = tmp_path / "devices.csv"
    csv_path.write_text(
        "\n".join([",".join(HEADER), *(",".join(r) for r in DEVICES)]) + "\n", encoding="utf-8"
    )
    services.inventory.import_csv(SYSTEM, csv_path)
    services.contracts.import_text(SYSTEM, CONTRACT)
    (tmp_path / "courses.csv").write_text(COURSES, encoding="utf-8")
    (tmp_path / "training.csv").write_text(RECORDS, encoding="utf-8")
    services.training.import_courses(SYSTEM, tmp_path / "courses.csv")
    services.training.import_records(SYSTEM, tmp_path / "training.csv")
    return {name: acc.actor(name) for name, *_ in people}
