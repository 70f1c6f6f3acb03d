"""The audit trail: hash-chained entries written in each service's transaction (``trail``),
reading and verifying the log (``log``), and the external witness of its head (``witness``)."""

from __future__ import annotations

from .log import AuditService
from .trail import GENESIS, VerifyResult, diff, record
from .witness import witness_if_due

__all__ = ["GENESIS", "AuditService", "VerifyResult", "diff", "record", "witness_if_due"]
