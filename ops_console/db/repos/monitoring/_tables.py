"""What the monitoring queries share: the Core tables of the bulk paths and IN (...) lists in chunks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...models import AlarmRuleState, DeviceLease, DeviceState, HealthSpan
from .. import table_of

CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit


_states = table_of(DeviceState)
_spans = table_of(HealthSpan)
_rules = table_of(AlarmRuleState)
_leases = table_of(DeviceLease)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]
