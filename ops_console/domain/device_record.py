"""A device as its CSV row and the edit dialog describe it (names, not ids): the fields and
the column order written once, for the import, the export and the demo generator."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

# the device categories: the profiles under resources/profiles/ are of these (polling.profiles
# refuses another), the demo generator makes devices of each
CATEGORY_CODES = (
    "access_gate",
    "camera",
    "waste_station",
    "smart_bin",
    "env_sensor",
    "wristband_gateway",
    "parking",
    "network",
)


@dataclass(frozen=True)
class DeviceRecord:
    """One device in the words of the device CSV (a community and zone by name)."""

    asset_tag: str
    name: str
    category: str
    community: str
    zone: str = ""
    location: str = ""
    vendor: str = ""
    model: str = ""
    serial: str = ""
    address: str = ""
    snmp_version: str = "v2c"
    snmp_port: int = 161
    credential: str = ""
    poll_interval_s: int = 300
    install_date: date | None = None
    warranty_end: date | None = None
    criticality: str = "normal"
    status: str = "in_service"

    def as_row(self) -> list[str]:
        """The CSV cells in :data:`COLUMNS` order (dates in ISO 8601, nothing as empty)."""
        out = []
        for name in COLUMNS:
            v = getattr(self, name)
            out.append("" if v is None else v.isoformat() if isinstance(v, date) else str(v))
        return out


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(DeviceRecord))
