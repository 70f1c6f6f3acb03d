"""The work-order history CSV's columns: one event of one work order a line, as the history
import reads them and the demo generator writes them."""

from __future__ import annotations

COLUMNS = (
    "number",
    "event",
    "at",
    "actor",
    "assignee",
    "priority",
    "asset_tag",
    "community",
    "title",
    "note",
)
