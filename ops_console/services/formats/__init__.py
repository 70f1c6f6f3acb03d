"""File formats the services read and write: CSV in and out (safe from formula injection), the
device CSV, and the JSON form of what services return."""

from __future__ import annotations

from .csv_input import at_line
from .csv_output import csv_writer
from .device_csv import (
    CRITICALITIES,
    HEADER,
    SNMP_VERSIONS,
    STATUSES,
    TAG_RE,
    DeviceFields,
    check_address,
    column_problem,
    parse_fields,
    place_of,
    write_csv,
)
from .json_fields import JsonFields
from .problems import problems_error

__all__ = [
    "CRITICALITIES",
    "HEADER",
    "SNMP_VERSIONS",
    "STATUSES",
    "TAG_RE",
    "DeviceFields",
    "JsonFields",
    "at_line",
    "check_address",
    "column_problem",
    "csv_writer",
    "parse_fields",
    "place_of",
    "problems_error",
    "write_csv",
]
