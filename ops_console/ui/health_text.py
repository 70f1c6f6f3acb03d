"""Why a device has its health, in the reader's language: the stored causes worded with the
profile's metric labels (``label_en``/``label_zh``), units and threshold directions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..domain.health import Cause
from ..polling.profiles import MetricSpec, Profile
from ..services.inventory import DeviceRow
from .i18n import HEALTH, current_language, label, tr

SHOWN = 3  # causes spelled out; more are counted


def _spec(profile: Profile | None, metric: str) -> tuple[MetricSpec | None, str]:
    """The metric's spec and, for a table column (``bands.battery``), the table's label."""
    if profile is None:
        return None, ""
    zh = current_language().startswith("zh")
    for m in profile.metrics:
        if m.key == metric:
            return m, ""
    table, _, column = metric.partition(".")
    for t in profile.tables:
        if t.key == table:
            for c in t.columns:
                if c.key == column:
                    return c, ((t.label_zh if zh else t.label_en) or t.label_en or t.key)
    return None, ""


def cause_text(profile: Profile | None, cause: Cause) -> str:
    """One cause: "Battery (Wristbands 2) 12 % below 20 %", "Lid: Jammed", "Uptime unreadable"."""
    zh = current_language().startswith("zh")
    spec, table = _spec(profile, cause.metric)
    name = ((spec.label_zh if zh else spec.label_en) or spec.label_en) if spec else ""
    name = name or cause.metric
    if cause.row is not None:
        name = tr("{metric} ({table} {row})").format(
            metric=name, table=table or tr("row"), row=cause.row
        )
    if cause.level is None:
        return tr("{metric} unreadable").format(metric=name)
    if isinstance(cause.value, str):
        state = cause.value
        for s in spec.states if spec is not None else ():
            if s.state == cause.value:
                state = ((s.label_zh if zh else s.label_en) or s.label_en) or s.state
        return tr("{metric}: {state}").format(metric=name, state=state)
    if cause.value is None:
        return name
    unit = f" {spec.unit}" if spec is not None and spec.unit else ""
    value = f"{cause.value:g}{unit}"
    threshold = spec.threshold if spec is not None else None
    if cause.threshold is None or threshold is None:
        return f"{name} {value}"
    bound = f"{cause.threshold:g}{unit}"
    if zh and not name.endswith("）"):
        # the Chinese wording joins name and value (电量（手环 B-017）12 %): after a plain name
        # a space keeps them apart ("PM2.5 195.2 µg/m³", not "PM2.5195.2 µg/m³")
        name += " "
    below = threshold.direction == "below"
    beyond = cause.value <= cause.threshold if below else cause.value >= cause.threshold
    if not beyond:  # back inside the threshold, not yet past its hysteresis
        return tr("{metric} {value} (threshold {threshold})").format(
            metric=name, value=value, threshold=bound
        )
    text = (
        tr("{metric} {value} below {threshold}")
        if below
        else tr("{metric} {value} above {threshold}")
    )
    return text.format(metric=name, value=value, threshold=bound)


def causes_text(health: str, profile: Profile | None, causes: Sequence[Cause]) -> str:
    """ "Degraded: Battery (Wristbands 2) 12 % below 20 %; …" or "" when there is no cause."""
    if not causes:
        return ""
    parts = [cause_text(profile, c) for c in causes[:SHOWN]]
    if len(causes) > SHOWN:
        parts.append(tr("{count} more").format(count=len(causes) - SHOWN))
    return tr("{health}: {causes}").format(
        health=label(HEALTH, health), causes=tr("; ").join(parts)
    )


class Why(NamedTuple):
    """Why a listed device has its health: the text its health cell's tooltip shows and the
    lower-case text the list's text filter searches (every cause, without the health word)."""

    text: str
    search: str


def why_of(
    rows: Sequence[DeviceRow],
    causes: Mapping[int, Sequence[Cause]],
    profiles: Mapping[str, Profile],
) -> dict[int, Why]:
    """Device id → :class:`Why`, for the ``rows`` that have causes (``causes`` by device id,
    as ``MonitoringService.unhealthy_causes`` reads them); worded in the current language,
    in the background read that loads the list (``tr`` is thread-safe)."""
    out: dict[int, Why] = {}
    for r in rows:
        found = causes.get(r.id)
        if found:
            profile = profiles.get(r.category)
            out[r.id] = Why(
                causes_text(r.health, profile, found),
                "\t".join(cause_text(profile, c) for c in found).lower(),
            )
    return out


def why_list(lines: Sequence[str], shown: int = 8) -> str:
    """Lines of devices and their causes, the first ``shown`` spelled out, more counted."""
    out = list(lines[:shown])
    if len(lines) > shown:
        out.append(tr("{count} more").format(count=len(lines) - shown))
    return "\n".join(out)
