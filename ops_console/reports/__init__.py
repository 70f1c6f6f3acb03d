"""PDF and CSV reports built with reportlab from the services (no Qt).

Use :func:`build_report` with a :class:`ReportRequest`; see :mod:`.api`.
"""

from .api import KINDS, ReportCancelled, ReportRequest, ReportResult, build_report

__all__ = ["KINDS", "ReportCancelled", "ReportRequest", "ReportResult", "build_report"]
