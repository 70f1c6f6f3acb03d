"""The SLA settlement statement (结算单): every figure comes from ``services.sla.statement``.

This package only arranges what the services computed: the statement's number and revision,
the settlement (fee, penalties, cap, payable, in Chinese capitals), the parties in full, the
rates and the calendar, each charged work order, the pause ledger, availability, the method
appendix and the signature blocks. No clock or penalty is recomputed here.

``statement`` builds it from ``settlement`` (the binding parts), ``figures`` (compliance,
months, availability) and ``orders`` (the lists); ``words`` formats amounts and states.
"""

from __future__ import annotations

from .statement import build, contract_code, render
from .words import mins, money, pct, reason_text

__all__ = ["build", "contract_code", "mins", "money", "pct", "reason_text", "render"]
