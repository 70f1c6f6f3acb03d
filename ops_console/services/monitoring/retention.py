"""How long each resolution of the time-series store is kept: installation settings
(``retention.raw_days``, ``retention.five_min_days``, ``retention.hourly_days``) over the
defaults of ``Retention``, read by upkeep before each prune, so one change applies to every
poller of the installation."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, replace

from ...domain.errors import ValidationError
from .history import Retention

PREFIX = "retention."
# setting name → (Retention field, fewest days, most days)
LIMITS = {
    "retention.raw_days": ("raw_days", 1, 366),
    "retention.five_min_days": ("five_min_days", 1, 3660),
    "retention.hourly_days": ("hourly_days", 1, 36600),
}


def retention_from(stored: Mapping[str, str], base: Retention | None = None) -> Retention:
    """The stored settings over ``base`` (the defaults); a value that cannot be read (written
    by hand) is left at the default rather than prune by a guess."""
    out = base or Retention()
    for name, (attr, lo, hi) in LIMITS.items():
        raw = stored.get(name)
        if raw is None:
            continue
        try:
            days = json.loads(raw)
        except ValueError:
            continue
        if isinstance(days, int) and not isinstance(days, bool) and lo <= days <= hi:
            out = replace(out, **{attr: days})
    return out


def checked(name: str, value: str) -> int:
    """A retention setting's value from what a person typed: a whole number of days within
    its bounds, or a ValidationError naming the setting and the bounds."""
    if name not in LIMITS:
        raise ValidationError.of(
            "no setting named {name!r}: the settings are {names}", name=name, names=list(LIMITS)
        )
    _attr, lo, hi = LIMITS[name]
    try:
        days = int(value.strip())
    except ValueError:
        raise ValidationError.of(
            "{name}: a whole number of days, not {value!r}", name=name, value=value
        ) from None
    if not lo <= days <= hi:
        raise ValidationError.of(
            "{name}: between {lo} and {hi} days, not {days}", name=name, lo=lo, hi=hi, days=days
        )
    return days


def check_order(r: Retention) -> None:
    """Finer resolutions are kept no longer than coarser ones (raw ≤ 5-minute ≤ hourly)."""
    if not r.raw_days <= r.five_min_days <= r.hourly_days:
        raise ValidationError.of(
            "retention: raw samples ({raw} days) no longer than 5-minute buckets ({five} days), "
            "and those no longer than hourly buckets ({hourly} days)",
            raw=r.raw_days,
            five=r.five_min_days,
            hourly=r.hourly_days,
        )


def as_settings(r: Retention) -> dict[str, int]:
    """setting name → days."""
    by_attr = {f.name: getattr(r, f.name) for f in fields(r)}
    return {name: by_attr[attr] for name, (attr, _lo, _hi) in LIMITS.items()}
