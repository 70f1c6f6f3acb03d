"""The audit trail: hash-chained entries written in each service's transaction (``trail``),
reading and verifying the log (``log``), the external witness of its head (``witness``), and the
one audited create-or-update (``upsert``)."""

from __future__ import annotations

from .log import AuditService
from .trail import GENESIS, VerifyResult, diff, record, record_stamp
from .upsert import Saved, created, save
from .witness import witness_if_due

__all__ = [
    "GENESIS",
    "AuditService",
    "Saved",
    "VerifyResult",
    "created",
    "diff",
    "record",
    "record_stamp",
    "save",
    "witness_if_due",
]
